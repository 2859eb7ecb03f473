"""What an article reports happening at each place it names (../shared/gold/EVENTS.md).

The map shows *that* an article named a town; this module reads *what
happened there*: a change of hands (``control``), ground combat
(``fighting``), remote fire (``strike``) or a statement of who holds it
(``held``), with the side, whether it is one party's claim, and the date
where the sentence gives one. It is a pure function of the text, its
language and date, and the toponym spans the geoparser found, so the
geoparse command, the store and the app all read the same events.

The reading is by rules, one algorithm for every language with the words in
``events_rules_XX`` (see ``events_lexicon``): each sentence that holds a
toponym is searched for trigger words; a trigger reaches a toponym by its
form (a verb its whole clause, a noun the place after its preposition, a
participle the noun after it); negation, conditions, questions, plans and
modals cancel it, attempts turn a capture into fighting; the kinds a
toponym collects are ranked control > fighting > strike > held. The words
that decided each event are kept as evidence spans.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import partial
from typing import NamedTuple

from mapapp.geoparse.events import bounds, mixed, repeats
from mapapp.geoparse.events.lexicon import LANGS, Lexicon, lexicon
from mapapp.geoparse.events.sentence import Sentence, Trigger, claim_of, side_of
from mapapp.geoparse.events.when import parse_article_date
from mapapp.model import KINDS, Event, Kind, PartialDate, PlaceKind, Span
from mapapp.text import sentences as sentence_split

_COORD = re.compile(r"\s*(?:,\s*)?(?:en|and|und|or|of|oder|sowie|as\s+well\s+as|і|й|та|и|або|или)?"
                    r"\s*(?:(?:in|в|у|во)\s+)?",
                    re.IGNORECASE)
_CONJ = re.compile(r"\b(?:en|and|und|or|of|oder|sowie|і|й|та|и|або|или)\b", re.IGNORECASE)
_ORDINAL_END = re.compile(r"(?<![\d.])\d{1,2}\.$")
_FLAG = re.compile(r"flag|vlag|Flagge|прапор|флаг", re.IGNORECASE)
_BACK = re.compile(r"\b(?:back|terug|zurück)\b", re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")
_REPEATS = repeats.Repeats()  # per process: a worker keeps what it read
_DEFINITE = re.compile(
    r"\b(?:de|het|the|die|der|das|den|dem|des|this|deze|dit)\s+(?:[\w’'-]+\s+)?$", re.IGNORECASE)


class Target(NamedTuple):
    """A toponym the geoparser found: its span, place type and whether it stands for an actor.

    A named tuple, not a dataclass: one is made per toponym (twice where its sentence is
    read), and a frozen dataclass costs three times as much to make.
    """

    start: int
    end: int
    type: str = "city"  # city, region, country, other (model.PLACE_KINDS)
    metonymy: bool = False


# A Target from its four fields without the named tuple's keyword-handling __new__ (a third
# of the cost; made for every toponym of every article).
_target = partial(tuple.__new__, Target)


# -- which toponym a trigger reaches ------------------------------------------------------
def _is_locator(sent: Sentence, targets: list[Target], i: int) -> bool:
    """Whether toponym ``i`` only locates the one before it ("Soledar, near Bakhmut")."""
    me, s, lex = targets[i], sent.s, sent.lex
    if i > 0:
        gap = s[targets[i - 1].end:me.start]
        conj = [w for w in _CONJ.findall(gap) if not (w == "of" and lex.lang == "en")]
        if (len(gap) <= 60 and not conj and lex.locator_gap.fullmatch(gap)
                and (me.type in (PlaceKind.REGION, PlaceKind.COUNTRY) or _LETTER.search(gap))):
            return True
    # "the towns in Donetsk" that the sentence names elsewhere: the region only locates them
    # (not "the recapture of several villages in Donetsk": "the" is the event's)
    m = (lex.definite_town_before.search(s, max(0, me.start - 80), me.start)
         if me.type == PlaceKind.REGION else None)
    return m is not None and not any(m.start() <= tr.start < m.end() for tr in sent.triggers)


def _before(pattern: re.Pattern[str], s: str, pos: int) -> bool:
    return pattern.search(s, max(0, pos - 80), pos) is not None


def _effective_clause(sent: Sentence, t: Target, cities_after: bool = False) -> int:
    """A toponym's clause; a trailing ", especially around X" belongs to the clause before."""
    c = sent.clause(t.start)
    if (fronted := bounds.fronted_clause(sent, t.start, t.end, cities_after)) is not None:
        return fronted
    cs, _ = sent.clause_span(c)
    if c > 0 and sent.lex.listing.match(sent.s, cs):
        return c - 1  # "…, onder meer Blahodatne": the list goes on in the clause before
    loc = sent.lex.loc_before.search(sent.s, max(cs, t.start - 60), t.start)
    if (c > 0 and loc is not None and loc.start() - cs < 14
            and not any(tr.clause == c for tr in sent.triggers)):
        return c - 1
    return c


def _antecedents(sent: Sentence, targets: list[Target],
                 roles: list[str]) -> dict[int, tuple[int, ...]]:
    """Relative clauses ("X, where fighting …") and appositions ("X and Y, the last cities
    still in Ukrainian hands") and the toponyms each one continues."""
    out = {}
    for c in range(1, len(sent.starts)):
        cs, _ = sent.clause_span(c)
        relative = sent.lex.relative_start.match(sent.s, cs)
        if not relative and not sent.lex.apposition.match(sent.s, cs):
            continue
        prev_s, _ = sent.clause_span(c - 1)
        heads = [i for i, t in enumerate(targets) if prev_s <= t.start < cs and roles[i] == ""]
        if not heads or (not relative and sent.s[targets[heads[-1]].end:cs].strip(" ,")):
            continue  # an apposition must follow the toponym itself
        chosen = [heads[-1]]
        while (not relative and len(chosen) < len(heads) and _COORD.fullmatch(
                sent.s, targets[heads[-len(chosen) - 1]].end, targets[chosen[0]].start)):
            chosen.insert(0, heads[-len(chosen) - 1])  # "X and Y, the cities …": both
        out[c] = tuple(chosen)
        if relative and c + 1 < len(sent.starts) and sent.lex.resume_start.match(
                sent.s, sent.starts[c + 1]):
            out[c + 1] = tuple(chosen)  # "X, which …, remains under …": X's clause goes on
    return out


def _reaches(sent: Sentence, tr: Trigger, t: Target, clause: int, relative: bool) -> bool:
    s, lex, form = sent.s, sent.lex, tr.rule.form
    if form == "adj":
        return t.start >= tr.end and lex.adj_gap.fullmatch(s, tr.end, t.start) is not None
    if relative:
        return True
    if form == "noun":
        if t.start >= tr.end and lex.noun_gap.fullmatch(s, tr.end, t.start):
            return True
        if (t.start > tr.end and tr.clause == clause
                and lex.listing.match(s, sent.clause_span(sent.clause(t.start))[0])):
            return True  # "the recapture of several villages, including X"
        if 0 <= tr.start - t.end <= 3 and s[t.end:tr.start] in ("", " ", "-", "s ", "'s ", "’s "):
            return True  # "Bakhmut-offensief", "Bakhmut's fall"
        near = abs(t.start - tr.end) < 60 or abs(tr.start - t.end) < 60
        if tr.clause == clause and near and _before(lex.loc_before, s, t.start):
            return True
        if (tr.rule.implied == "other" and tr.clause == clause and 0 < t.start - tr.end < 60
                and lex.source_before.search(s, tr.end, t.start)):
            return True  # "the withdrawal of the Russian army from X": X is left

        return bounds.undergoes(sent, tr, t.start, t.end, clause)
    return tr.clause == clause


def _anaphoric(sent: Sentence, tr: Trigger, targets: list[Target]) -> bool:
    """A noun about "the city" rather than a name: it leaves countries and regions alone."""
    if tr.rule.form != "noun":
        return False
    m = sent.lex.noun_gap.match(sent.s, tr.end)  # not "several villages": those are unnamed
    return (m is not None and sent.lex.town_end.search(m.group()) is not None
            and sent.lex.quantity.search(m.group()) is None
            and not any(t.start == m.end() for t in targets))


# -- what cancels or changes a trigger ---------------------------------------------------
def _modality(sent: Sentence, tr: Trigger) -> tuple[str, bool]:
    """("event" | "null" | "attempt", hearsay) for one trigger, from its sentence and clause."""
    s, lex, form = sent.s, sent.lex, tr.rule.form
    if sent.question or lex.verb_first.match(s):
        return "null", False
    head = sent.masked(0, tr.start)
    if lex.conditional.search(head) or lex.denial.search(head):
        return "null", False
    cs, ce = sent.clause_span(tr.clause)
    before = sent.masked(cs, tr.start)
    hearsay = lex.reportative.search(s, cs, ce) is not None
    if form in ("verb", "inf"):
        if lex.negation.search(sent.masked(cs, ce)):
            return "null", False
        for m in lex.hypothetical.finditer(before):
            if not lex.reportative.match(s, cs + m.start()):
                return "null", False
    else:
        if lex.negation.search(s, max(cs, tr.start - 12), tr.start) or lex.absent.match(s, tr.end):
            return "null", False
        definite = _DEFINITE.search(s, max(cs, tr.start - 40), tr.start) is not None
        if not definite and (lex.plan.search(before) or lex.hypothetical.search(before)):
            return "null", False
        if (tr.rule.kind == "control" and not definite
                and lex.indefinite_before.search(s, max(cs, tr.start - 40), tr.start)):
            return "null", False
    if form in ("verb", "inf") and lex.plan.search(before):
        return "null", False
    if form == "inf":
        if lex.attempt.search(sent.masked(0, tr.start)):
            return "attempt", hearsay
        return ("event" if lex.success.search(before) else "null"), hearsay
    return ("attempt" if lex.attempt.search(before) else "event"), hearsay


def _kind(sent: Sentence, tr: Trigger, t: Target, status: str) -> Kind | None:
    kind = tr.rule.kind
    if kind == "enter":  # entering is fighting; after the other side left, a change of hands
        left = any(o.rule.kind == "control" and o.rule.implied == "other" for o in sent.triggers)
        return "control" if left else "fighting"
    if kind == "attack":  # an attack among troops is ground combat, else remote fire
        return "fighting" if sent.lex.ground.search(sent.s) else "strike"
    if kind != "control":
        return None if kind == "held" and t.type == PlaceKind.OTHER else kind  # type: ignore[return-value]
    if status == "attempt":
        return "fighting"
    cs, _ = sent.clause_span(tr.clause)
    lo, hi = (tr.end, t.start) if t.start >= tr.end else (max(cs, t.start - 50), t.start)
    between = sent.s[lo:hi]  # the words that may make the object part of the town
    toward = tr.rule.implied != "other" and _before(sent.lex.toward_before, sent.s, t.start)
    if t.type == PlaceKind.CITY and (sent.lex.partial.search(between) or toward):
        return "fighting"  # part of the town, or villages towards it
    return "control"


def _event(sent: Sentence, tr: Trigger, t: Target, offset: int) -> Event | None:
    status, hearsay = _modality(sent, tr)
    if status == "null":
        return None
    kind = _kind(sent, tr, t, status)
    if kind is None:
        return None
    repelled = kind == "fighting" and bounds.repels(sent, tr)
    side, side_span = bounds.attacker(sent, tr) if repelled else side_of(sent, tr, kind)
    if kind == "fighting" and _BACK.search(sent.s, tr.start, tr.end):
        side, side_span = bounds.pusher(sent, tr)  # who pushed the enemy back attacked
    # who acted: the holder, the attacker, or for a repelled attack the defender
    defended = kind == "fighting" and any(o.clause == tr.clause and bounds.repels(sent, o)
                                          for o in sent.triggers)
    actor = {"RU": "UA", "UA": "RU"}.get(side or "") if defended else side
    claim, claim_span = claim_of(sent, tr, kind, hearsay, actor)  # type: ignore[arg-type]
    if kind == "held" and tr.rule.form == "adj" and not sent.claims:
        claim, claim_span = False, None  # "occupied X" is the article's own description
    dating = bounds.date_of(sent, tr)
    when = dating.value if dating else None
    spans = [Span(tr.start, tr.end), side_span, claim_span,
             Span(dating.start, dating.end) if when and dating else None]
    evidence = tuple(Span(sp.start + offset, sp.end + offset) for sp in spans if sp)
    return Event(kind, side, claim, when, evidence)


def _read_sentence(sent: Sentence, targets: list[Target], offset: int) -> list[Event | None]:
    """The events of the toponyms of one sentence (local offsets in, article offsets out)."""
    n = len(targets)
    roles = ["actor" if t.metonymy else "locator" if _is_locator(sent, targets, i) else ""
             for i, t in enumerate(targets)]
    relative = _antecedents(sent, targets, roles)
    clauses = [_effective_clause(sent, t, any(u.type == PlaceKind.CITY for u in targets[i + 1:]))
               for i, t in enumerate(targets)]
    found: list[list[Event]] = [[] for _ in range(n)]
    for tr in sent.triggers:
        reached = _reached(sent, tr, targets, roles, clauses, relative)
        if any(targets[i].type == PlaceKind.CITY for i in reached) or _anaphoric(sent, tr, targets):
            reached = [i for i in reached  # a region keeps "several villages" in it
                       if targets[i].type not in (PlaceKind.REGION, PlaceKind.COUNTRY)
                       or (targets[i].type == PlaceKind.REGION and tr.end <= targets[i].start
                           and sent.lex.quantity.search(sent.s, tr.end, targets[i].start))]
        for i in reached:
            event = _event(sent, tr, targets[i], offset)
            if event:
                found[i].append(event)
    out: list[Event | None] = [min(evs, key=lambda e: KINDS.index(e.kind)) if evs else None
                               for evs in found]
    # a country carries an event only where the sentence names no smaller place for it
    if any(e and targets[i].type in (PlaceKind.CITY, PlaceKind.REGION) for i, e in enumerate(out)):
        out = [None if targets[i].type == PlaceKind.COUNTRY else e for i, e in enumerate(out)]
    return out


def _reached(sent: Sentence, tr: Trigger, targets: list[Target], roles: list[str],
             clauses: list[int], relative: dict[int, tuple[int, ...]]) -> list[int]:
    """The toponyms one trigger is about, with coordinated ones ("X and Y") after a reached one."""
    lex, s, out = sent.lex, sent.s, list[int]()
    for i, t in enumerate(targets):
        if roles[i]:
            continue
        rel = i in relative.get(tr.clause, ())
        coordinated = (bool(out) and out[-1] == i - 1
                       and _COORD.fullmatch(s, targets[i - 1].end, t.start) is not None
                       and not bounds.new_clause(sent, targets[i - 1].end, t.start, t.end))
        if not (_reaches(sent, tr, t, clauses[i], rel) or coordinated):
            continue
        if (tr.rule.implied == "other" and t.start >= tr.end
                and lex.across_before.search(s, max(tr.end, t.start - 40), t.start)):
            continue  # "withdrew across the Dnipro": the river is not the place left
        if (tr.rule.form in ("verb", "inf") and not rel and tr.rule.implied != "other"
                and lex.source_before.search(s, max(tr.end, t.start - 80), t.start) is not None
                and not _before(lex.loc_before, s, t.start)):
            continue  # "from X": the event is elsewhere
        if t.type == PlaceKind.COUNTRY and not (_before(lex.loc_before, s, t.start)
                                        or (t.start >= tr.end
                                            and lex.noun_gap.fullmatch(s, tr.end, t.start))):
            continue  # a country is an actor unless the event is placed in it
        out.append(i)
    if _FLAG.search(s, tr.start, tr.end) and any(targets[i].start >= tr.end for i in out):
        out = [i for i in out if targets[i].start >= tr.end]  # the flag's place, not one entered
    return out


def _join_ordinals(text: str, spans: Sequence[Span], lex: Lexicon) -> Sequence[Span]:
    """Sentences rejoined where a German ordinal date was taken for an end ("am 8. August")."""
    if not any(text[s.end - 1:s.end] == "." and text[s.end - 2:s.end - 1].isdigit()
               and _ORDINAL_END.search(text, s.start, s.end) for s in spans):
        return spans  # (two characters looked at per sentence, not a search of the text)
    out: list[Span] = []
    for span in spans:
        if (out and _ORDINAL_END.search(text, out[-1].start, out[-1].end)
                and lex.date.match(text, span.start)):
            out[-1] = Span(out[-1].start, span.end)
        else:
            out.append(span)
    return out


def _sentence(text: str, span: Span, lex: Lexicon, lang: str,
              article: PartialDate | None) -> Sentence | None:
    """The sentence under reading, by the article's rules or, where those find nothing and
    it is in another language (an English caption in a Dutch paper), by its own."""
    if lex.gate(text, span.start, span.end):
        sent = Sentence(text[span.start:span.end], lex, article)
        if sent.triggers:
            return sent
    other = mixed.sentence_lang(text, span.start, span.end, lang)
    olex = lexicon(other) if other else None
    if olex is None or not olex.gate(text, span.start, span.end):
        return None
    sent = Sentence(text[span.start:span.end], olex, article)
    return sent if sent.triggers else None


# -- public ------------------------------------------------------------------------------
def warm() -> None:
    """Make every language's rules now (before worker processes fork, so they share them);
    their patterns are compiled when first used (see ``scan.Lazy``)."""
    for lang in LANGS:
        lexicon(lang)


def forget_repeats() -> None:
    """Forget the sentences read so far (a benchmark of text without repeats)."""
    _REPEATS.forget()


def supported(lang: str) -> bool:
    """Whether events are read for ``lang`` (others get None for every toponym)."""
    return lexicon(lang) is not None


def read_events(text: str, lang: str, date: str | PartialDate | None,
                targets: Sequence[Target | tuple[int, int]],
                sentences: Sequence[Span] | None = None) -> tuple[Event | None, ...]:
    """The event of each toponym of ``text``, in the order given (None: nothing happens there).

    ``date`` is the article's (YYYY-MM or YYYY-MM-DD); ``targets`` are the
    geoparser's toponym spans, as :class:`Target` or (start, end) pairs;
    ``sentences`` the article's sentence spans when the caller has them.

    >>> text = "Russian forces captured Soledar in January."
    >>> [e and e.as_dict() for e in read_events(text, "en", "2023-03", [(24, 31)])]
    [{'kind': 'control', 'side': 'RU', 'claim': False, 'when': '2023-01'}]
    """
    tops = [t if isinstance(t, Target) else Target(t[0], t[1]) for t in targets]
    out: list[Event | None] = [None] * len(tops)
    lex = lexicon(lang)
    if lex is None or not tops:
        return tuple(out)
    article = parse_article_date(date)
    spans = sentences if sentences is not None else sentence_split.split_sentences(text)
    spans = _join_ordinals(text, spans, lex)
    groups: dict[int, list[int]] = {}  # sentence number → its toponyms (by number, not by
    starts = [span.start for span in spans]  # Span: a Span's hash is Python code)
    for i, t in enumerate(tops):
        k = bisect_right(starts, t.start) - 1
        if k >= 0 and t.end <= spans[k].end and t.start < spans[k].end:
            groups.setdefault(k, []).append(i)
    # The memory's key holds the date as text: a PartialDate hashes and compares in Python.
    dated = article.iso if article is not None else None
    for k, members in groups.items():
        span = spans[k]
        if len(members) > 1:
            members.sort(key=lambda i: tops[i].start)
        local = tuple([_target((tops[i].start - span.start, tops[i].end - span.start,
                                tops[i].type, tops[i].metonymy)) for i in members])
        events = _REPEATS.events(lang, dated, text[span.start:span.end], local, span.start,
                                 _read_at, text, span, lex, lang, article, local)
        for i, event in zip(members, events, strict=True):
            out[i] = event
    return tuple(out)


def _read_at(text: str, span: Span, lex: Lexicon, lang: str, article: PartialDate | None,
             local: tuple[Target, ...]) -> tuple[Event | None, ...]:
    """The events of one sentence's toponyms, evidence relative to the sentence."""
    sent = _sentence(text, span, lex, lang, article)
    if sent is None:
        return (None,) * len(local)
    return tuple(_read_sentence(sent, list(local), 0))


def annotate(toponyms: list[dict], text: str, lang: str, date: str | None) -> None:
    """Add ``event`` and ``event_evidence`` to the geoparser's toponym dicts, in place.

    The hook of ``python -m mapapp geoparse``: ``event`` is None or the
    EVENTS.md dict, ``event_evidence`` the deciding words as [start, end] pairs.
    """
    targets = [Target(t["start"], t["end"], t.get("type") or "city", bool(t.get("metonymy")))
               for t in toponyms]
    for t, event in zip(toponyms, read_events(text, lang, date, targets), strict=True):
        t["event"] = event.as_dict() if event else None
        t["event_evidence"] = [[sp.start, sp.end] for sp in event.evidence] if event else []
