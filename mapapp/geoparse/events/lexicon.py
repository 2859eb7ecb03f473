"""The shape of one language's event rules, and where each language's rules live.

The reader (``events.py``) is one algorithm for every language: find the
words that report an event in a sentence, tie them to the toponyms they are
about, and judge modality, side, claim and date. What differs between Dutch,
English, German, Ukrainian and Russian is only *which words* do each of those
jobs. A language is therefore a :class:`Lexicon` of regular expressions, written from how that
language reports war (never from a gold file's sentences), and adding a
language is adding one ``events_rules_XX`` module.

Every pattern is matched case-insensitively on one sentence at a time.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from mapapp.geoparse.events.scan import Lazy, Scanner, compile_folded

# How a trigger word relates to the toponym it reports on (see events.py):
#   verb: a finite verb or participle; reaches every toponym of its clause
#   noun: a noun; reaches a toponym after a preposition ("battle for X") or before it
#   adj:  a participle or status word before the noun ("shelled Bakhmut")
#   inf:  an infinitive ("to capture X"); an event only when attempted or achieved
Form = Literal["verb", "noun", "adj", "inf"]
# A side a trigger implies whoever speaks: liberation gives UA, "occupied" RU, and a
# withdrawal the side opposite the one that withdrew ("other").
Implied = Literal["RU", "UA", "other"] | None
LANGS = ("nl", "en", "de", "uk", "ru")


@dataclass(frozen=True)
class Rule:
    """One family of trigger words: its event kind, grammatical form and implied side."""

    kind: str
    form: Form
    pattern: str
    implied: Implied = None


@dataclass(frozen=True)
class Words:
    """The pattern sources of one language (alternations, no groups needed).

    Kept as text so the rules modules stay plain data; :func:`lexicon`
    compiles them once.
    """

    rules: tuple[Rule, ...]
    stems: tuple[str, ...]  # a cheap gate: a sentence holding none of these has no trigger
    side_ru: str  # words naming Russia's side as an actor ("de Russen", "Wagner")
    side_ua: str
    negation: str  # "niet", "not", "kein"
    hypothetical: str  # modals and futures that make a verb's event unreal
    reportative: str  # modals that mark hearsay instead ("zou hebben", "soll haben")
    plan: str  # wants, plans, threatens: no event, for nouns too
    attempt: str  # tries, bids: a capture becomes fighting
    success: str  # managed to: an infinitive that happened
    conditional: str  # if, unless
    verb_first: str  # a sentence opening with a verb is a condition ("Valt X, dan")
    denial: str
    claim: str  # claims, could not be verified, reportedly
    attribution: str  # according to, said: who is speaking
    party: str  # words that make a speaker one side of the war
    confirm: str  # the article accepts it ("bevestigt", "appears to")
    local_official: str  # governor, mayor: not a claim about their own shelling
    loc_prep: str  # in, near, around: the event is at the toponym after it
    noun_prep: str  # prepositions after an event noun that lead to its place
    source_prep: str  # from: the event is not at the toponym after it
    toward_prep: str  # towards: a capture there is only fighting
    partial: str  # part of a town: its capture is only fighting
    filler: str  # words between a preposition and the toponym (articles, adjectives)
    town_noun: str  # city, town, village
    locator: str  # what joins a toponym to the one it locates ("X, in de buurt van Y")
    relative: str  # relative pronouns that continue a toponym's clause
    indefinite: str  # "een", "a": an indefinite nominalisation presupposes nothing
    ground: str  # troops, infantry: an "attack" among them is ground fighting
    clause_break: str  # but, while: a new clause without a comma
    months: tuple[tuple[str, int], ...]  # month name patterns and their numbers
    vague: str  # mid, early, late: a part of a month is no date
    since: str
    side_place: str  # the side words that are places too (Rusland, Kyiv)
    place_prep: str  # "in Oekraïne", "from Russia": a country as a place, not an actor
    agent: str  # "by", "door", "von": the actor follows
    definite: str  # definite articles and demonstratives
    absent: str = r"(?!x)x"  # what denies a noun after it ("боїв не було": there was none)
    undergo: str = r"(?!x)x"  # "came under", "kreeg … te verduren": the place before underwent it
    repel: str = r"(?!x)x"  # repelled, afgeslagen: the attacker is the attacks' side
    report_prep: str = r"(?!x)x"  # "volgens", "according to": a side after it speaks, not acts
    listing: str = r"(?!x)x"  # "onder meer", "including": the clause goes on after a comma
    not_actor: str = r"(?!x)x"  # "Russian lines", "Russische stellingen": a side word no actor
    that: str = r"(?!x)x"  # "beweren dat …": a claim verb governs the clause after it only
    across: str = r"(?!x)x"  # "over", "across", "über": a withdrawal is not from the place after
    quantity: str = r"(?!x)x"  # "several villages": unnamed places, which a region carries
    resume: str = r"(?!x)x"  # "X, which …, remains": a finite verb resumes X's clause


@dataclass(frozen=True)
class Lexicon:
    """One language's compiled rules, as the reader uses them."""

    lang: str
    stems: tuple[str, ...]  # lower-case pieces one of which every trigger holds
    triggers: re.Pattern[str]  # one group per rule, named r<index>
    scanner: Scanner  # finds what ``triggers`` finds, faster (see scan.py)
    rules: tuple[Rule, ...]
    side: re.Pattern[str]  # groups "ru" and "ua"
    negation: re.Pattern[str]
    hypothetical: re.Pattern[str]
    reportative: re.Pattern[str]
    plan: re.Pattern[str]
    attempt: re.Pattern[str]
    success: re.Pattern[str]
    conditional: re.Pattern[str]
    verb_first: re.Pattern[str]
    denial: re.Pattern[str]
    claim: re.Pattern[str]
    attribution: re.Pattern[str]
    party: re.Pattern[str]
    confirm: re.Pattern[str]
    local_official: re.Pattern[str]
    loc_before: re.Pattern[str]  # matches at the end of the text before a toponym
    noun_gap: re.Pattern[str]  # the whole gap between an event noun and its toponym
    adj_gap: re.Pattern[str]  # the whole gap between a status word and its toponym
    source_before: re.Pattern[str]
    toward_before: re.Pattern[str]
    partial: re.Pattern[str]
    locator_gap: re.Pattern[str]  # the whole gap between a toponym and its locator
    relative_start: re.Pattern[str]
    indefinite_before: re.Pattern[str]
    ground: re.Pattern[str]
    clause_break: re.Pattern[str]
    town_after: re.Pattern[str]  # "the Ukrainian city": a side word that is no actor
    place_before: re.Pattern[str]
    side_place: re.Pattern[str]
    agent: re.Pattern[str]
    definite_town_before: re.Pattern[str]  # "the towns in X": X only locates them
    town_end: re.Pattern[str]
    date: re.Pattern[str]  # groups: vague, since, day, month names m1..m12, year
    year_only: re.Pattern[str]
    absent: re.Pattern[str]  # matches right after an event noun that the sentence denies
    undergo: re.Pattern[str]
    repel: re.Pattern[str]
    report_before: re.Pattern[str]  # matches at the end of the text before a speaker's side word
    report_prep: re.Pattern[str]
    listing: re.Pattern[str]  # matches at a clause start that continues the clause before
    apposition: re.Pattern[str]  # ", the last cities …": a clause start describing a toponym
    claims_after: re.Pattern[str]  # matches right after a claim word that governs what follows
    across_before: re.Pattern[str]
    quantity: re.Pattern[str]
    resume_start: re.Pattern[str]  # a clause that resumes the one a relative clause cut
    speaker_after: re.Pattern[str]  # after a side word: its noun and an attribution verb

    def gate(self, text: str, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` may hold a trigger (substring tests are far cheaper
        than the trigger pattern, and most sentences that name a place report nothing)."""
        return self.scanner.may_hold(text, start, end)


def _c(pattern: str) -> re.Pattern[str]:
    return compile_folded(pattern)


def _words(alternation: str) -> str:
    return rf"\b(?:{alternation})\b"


def compile_words(lang: str, w: Words) -> Lexicon:
    """Compile a language's :class:`Words` into the patterns the reader runs."""
    triggers = "|".join(f"(?P<r{i}>{rule.pattern})" for i, rule in enumerate(w.rules))
    filler = rf"(?:(?:{w.filler}|[\w’'-]+(?:e|en|er|es|se|sche|an|ish|ed))\s+){{0,4}}"
    town = rf"(?:(?:{w.town_noun})\s+(?:(?:of|van|von|der|des)\s+)?)?"
    months = "|".join(f"(?P<m{n}>{pattern})" for pattern, n in w.months)
    date = (rf"(?:(?P<vague>{w.vague})[\s-]+|(?P<since>{w.since})\s+)?"
            rf"(?:(?P<day>[0-3]?\d)\.?\s+)?(?:{months})\b\.?"
            rf"(?:\s+(?P<day2>[0-3]?\d)\b(?:st|nd|rd|th)?)?(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?")
    # (the slowest of them to compile, and needed only for rare sentences: see Scanner.find)
    plain: re.Pattern[str] = Lazy(  # type: ignore[assignment]  # re.Pattern's calls
        rf"(?<![\w-])(?:{triggers})(?![\w])", re.IGNORECASE)
    return Lexicon(
        lang=lang,
        stems=w.stems,
        triggers=plain,
        scanner=Scanner([rule.pattern for rule in w.rules], plain, w.stems),
        rules=w.rules,
        side=_c(rf"(?<![\w-])(?:(?P<ru>{w.side_ru})|(?P<ua>{w.side_ua}))(?![\w])"),
        negation=_c(_words(w.negation)),
        hypothetical=_c(_words(w.hypothetical)),
        reportative=_c(w.reportative),
        plan=_c(_words(w.plan)),
        attempt=_c(_words(w.attempt)),
        success=_c(_words(w.success)),
        conditional=_c(_words(w.conditional)),
        verb_first=_c(rf"^\W*(?:{w.verb_first})\b"),
        denial=_c(_words(w.denial)),
        claim=_c(w.claim),
        attribution=_c(_words(w.attribution)),
        party=_c(_words(w.party)),
        confirm=_c(_words(w.confirm)),
        local_official=_c(_words(w.local_official)),
        loc_before=_c(rf"\b(?:{w.loc_prep})\s+{filler}{town}$"),
        noun_gap=_c(rf"[\s-]*(?:{w.noun_prep})\s+{filler}{town}"),
        adj_gap=_c(rf"\s*{filler}{town}"),
        source_before=_c(rf"\b(?:{w.source_prep})\s+{filler}{town}$"),
        toward_before=_c(rf"\b(?:{w.toward_prep})\s+{filler}{town}$"),
        partial=_c(_words(w.partial)),
        locator_gap=_c(rf"\s*[,(]?\s*(?:(?:{w.locator})[\s,]+){{0,6}}"),
        relative_start=_c(rf"\W*(?:{w.relative})\b"),
        indefinite_before=_c(rf"\b(?:{w.indefinite})\s+(?:\w+\s+)?$"),
        ground=_c(_words(w.ground)),
        # the lookahead (the first characters the alternatives can start with) spares
        # the engine trying five alternatives at each letter
        clause_break=_c(rf"(?=[\s;:(),“”\"])(?:\s*[;:()]\s*|,(?!\d)\s*|\s+[-–—]+\s+|[“”\"]"
                        rf"|\s(?:{w.clause_break})\s)"),
        town_after=_c(rf"^\s*(?:-\s*)?(?:{w.town_noun}|{w.not_actor})\b"),
        place_before=_c(rf"(?:\b(?:{w.place_prep})\s+(?:(?:{w.definite})\s+)?|-)$"),
        side_place=_c(w.side_place),
        agent=_c(rf"\b(?:{w.agent})\s+(?:[\w’'-]+\s+){{0,3}}"),
        definite_town_before=_c(rf"\b(?:{w.definite})\s+(?:[\w’'-]+\s+){{0,3}}(?:{w.town_noun})"
                                rf"\s+(?:{w.loc_prep})\s+{filler}$"),
        town_end=_c(rf"(?:{w.town_noun})\s*(?:(?:of|van|von|der|des)\s*)?$"),
        date=_c(rf"(?<!\w){date}"),
        absent=_c(rf"\s+(?:{w.absent})\b"),
        undergo=_c(_words(w.undergo)),
        repel=_c(w.repel),
        report_before=_c(rf"\b(?:{w.report_prep})\s+(?:[\w’'-]+\s+){{0,2}}$"),
        speaker_after=_c(rf"(?:[\s-]+[\w’'-]+){{0,2}}?\s+(?!(?:{w.report_prep})\b)(?:{w.attribution})\b"),
        quantity=_c(rf"\b(?:{w.quantity}|\d+)\b"),
        resume_start=_c(rf"\W*(?:{w.resume})\b"),
        across_before=_c(rf"\b(?:{w.across})\s+(?:[\w’'-]+\s+){{0,2}}$"),
        claims_after=_c(rf"\s*,?\s+(?:[\w’'-]+\s+){{0,2}}?(?:{w.that})\b"),
        report_prep=_c(_words(w.report_prep)),
        listing=_c(rf"\W*(?:{w.listing})\b"),
        apposition=_c(rf"\W*(?:{w.definite})\s+(?:[\w’'-]+\s+){{0,3}}?(?:{w.town_noun})\b"),
        year_only=_c(rf"\b(?:(?P<since>{w.since})\s+|in\s+|im\s+(?:Jahr\s+)?)(?P<year>(?:19|20)\d\d)\b"),
    )


@cache
def lexicon(lang: str) -> Lexicon | None:
    """The compiled rules for ``lang`` (one of ``LANGS``), or None for a language without."""
    if lang not in LANGS:
        return None
    module = importlib.import_module(f"mapapp.geoparse.events.rules_{lang}")
    return compile_words(lang, module.WORDS)
