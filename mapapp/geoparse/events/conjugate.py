"""Every form of a war verb from its lemma, by each language's rules of conjugation.

A trigger rule written as a list of forms ("veroverd|veroverde|veroverden")
misses the forms its writer did not think of: the headline present ("Russia
retakes", "Oekraïne herovert", "Russland erobert"), the subordinate clause's
joined separable verb ("dat de Russen zich terugtrokken", "nachdem sie
Bachmut einnahmen"), the split main-clause one ("trekken zich terug", "zogen
sich zurück", "nahmen … ein"). The rules here are the conjugation of the
three languages (weak verbs regular, strong verbs from their principal
parts), so a rule names a concept's lemmas and gets all of them.

Why not invert simplemma's form→lemma dictionary (the project's dependency)?
It was measured: loading the Dutch, German and English dictionaries takes
1.3 s, and its paradigms miss exactly the forms that matter here (no
"zurückerobert", "umzingelt", "beschossen" in German; no "ingenomen",
"teruggetrokken", "gaven" in Dutch) while holding noise ("rukde", "vechtt").
It serves in the tests instead, as an independent check that the forms
generated here that it knows belong to the lemma.

A lemma is written ``prefix|verb`` for a separable verb ("terug|trekken",
"ein|nehmen", "pull|out" in English, where the particle follows); strong and
irregular verbs give their principal parts after ``/`` ("nemen/nam/namen/
genomen", "nehmen/nahm/genommen/nimmt", "take/took/taken").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

SEP = r"(?:\s+[\w’'-]+){1,6}?\s+"  # the words a separable verb spans ("nam de stad in")
# a particle right after its verb, where it ends the clause or a direction follows ("rukken
# op naar X", "zogen ab."): not "namen in Bachmoet deel", where "in" is a preposition
_NEXT = {"nl": r"naar|richting|in\s+de\s+richting", "de": r"nach|Richtung|in\s+Richtung|aus"}
_FAR = r"(?:\s+[\w’'-]+){7,14}?\s+"  # "namen … binnen enkele dagen negen dorpen in,"
EN_SEP = r"(?:\s+[\w’'-]+){0,2}?\s+"  # "pulled its troops out", "pushed further east towards"
_NL_INSEPARABLE = ("be", "ge", "her", "ver", "ont", "er", "mis", "om", "over", "door", "onder")
_DE_INSEPARABLE = ("be", "ge", "er", "ver", "zer", "ent", "emp", "miss", "um", "über", "unter",
                   "durch", "wider")
_VOWELS = "aeiouyäöü"


@dataclass(frozen=True)
class Forms:
    """A verb's forms: ``joined`` are single words, ``split`` the finite forms that a
    separable ``particle`` follows, ``inf`` the infinitive with its marker ("te", "zu", "to")."""

    joined: frozenset[str]
    particle: str = ""
    split: frozenset[str] = field(default_factory=frozenset)
    inf: frozenset[str] = field(default_factory=frozenset)


def _parse(lemma: str) -> tuple[str, str, list[str]]:
    """("terug", "trekken", principal parts) of ``terug|trekken/trok/trokken/getrokken``."""
    head, *parts = lemma.split("/")
    prefix, _, verb = head.rpartition("|")
    return prefix, verb, parts


# -- Dutch ---------------------------------------------------------------------------------
def _nl_stem(inf: str) -> str:
    """"nemen" → "neem", "trekken" → "trek", "geven" → "geef", "veroveren" → "verover"."""
    stem = inf[:-2] if inf.endswith("en") else inf[:-1]
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in _VOWELS:
        return stem[:-1]
    if (len(stem) > 2 and stem[-1] not in _VOWELS and stem[-2] in "aeou"
            and stem[-3] not in _VOWELS):
        syllables = sum(1 for i, c in enumerate(stem) if c in _VOWELS
                        and (i == 0 or stem[i - 1] not in _VOWELS))
        if not (stem[-2] == "e" and syllables > 1 and stem[-1] in "rln"):  # schwa: verover
            stem = stem[:-1] + stem[-2] + stem[-1]
    return stem[:-1] + {"v": "f", "z": "s"}.get(stem[-1], stem[-1])


def _nl(verb: str, parts: list[str]) -> tuple[set[str], set[str], str]:
    """(finite forms, participles, participle) of a Dutch verb without its particle."""
    stem = _nl_stem(verb)
    finite = {stem, verb, stem if stem.endswith("t") else stem + "t"}
    if parts:  # strong: past singular, past plural, participle
        finite |= {parts[0], parts[1]}
        part = parts[2]
    else:
        voiceless = (verb[:-2] if verb.endswith("en") else verb[:-1])[-1] in "tkfschpx"
        past = stem + ("te" if voiceless else "de")
        finite |= {past, past + "n"}
        ge = "" if verb.startswith(_NL_INSEPARABLE) else "ge"
        part = ge + stem + ("" if stem[-1] in "td" else "t" if voiceless else "d")
    return finite, {part}, part  # a weak participle's adjective is its past ("veroverde")


def nl_forms(lemma: str) -> Forms:
    """The forms of a Dutch verb.

    >>> sorted(nl_forms("terug|trekken/trok/trokken/getrokken").joined)[:3]
    ['teruggetrokken', 'terugtrek', 'terugtrekken']
    >>> sorted(nl_forms("heroveren").joined)
    ['herover', 'heroverd', 'heroverde', 'heroverden', 'heroveren', 'herovert']
    """
    prefix, verb, parts = _parse(lemma)
    finite, participles, _ = _nl(verb, parts)
    if not prefix:
        return Forms(frozenset(finite | participles), inf=frozenset({f"te {verb}"}))
    joined = {prefix + f for f in finite | participles}
    return Forms(frozenset(joined), prefix, frozenset(finite), frozenset({f"{prefix} te {verb}"}))


# -- German --------------------------------------------------------------------------------
def _de(verb: str, parts: list[str]) -> tuple[set[str], set[str]]:
    """(finite forms, participles with their adjective endings) of a German verb."""
    stem = verb[:-2] if verb.endswith("en") else verb[:-1]
    e = "e" if stem[-1] in "td" else ""
    finite = {verb, stem + e + "t"}
    if parts:  # strong: past singular, participle, present third person (optional)
        finite |= {parts[0], parts[0] + ("en" if not parts[0].endswith("e") else "n")}
        finite |= set(parts[2:3])
        part = parts[1]
    else:
        finite |= {stem + e + "te", stem + e + "ten"}
        ge = "" if verb.startswith(_DE_INSEPARABLE) or verb.endswith("ieren") else "ge"
        part = ge + stem + e + "t"
    participles = {part} | {part + end for end in ("e", "en", "er", "es", "em")}
    return finite, participles


def de_forms(lemma: str) -> Forms:
    """The forms of a German verb.

    >>> f = de_forms("zurück|ziehen/zog/gezogen")
    >>> sorted(f.split), "zurückgezogen" in f.joined, sorted(f.inf)
    (['ziehen', 'zieht', 'zog', 'zogen'], True, ['zurückzuziehen'])
    """
    prefix, verb, parts = _parse(lemma)
    finite, participles = _de(verb, parts)
    if not prefix:
        return Forms(frozenset(finite | participles), inf=frozenset({f"zu {verb}"}))
    joined = {prefix + f for f in finite | participles}
    return Forms(frozenset(joined), prefix, frozenset(finite), frozenset({f"{prefix}zu{verb}"}))


# -- English -------------------------------------------------------------------------------
def en_forms(lemma: str) -> Forms:
    """The forms of an English verb; a phrasal verb's particle follows it ("pull|out").

    >>> sorted(en_forms("retake/retook/retaken").joined)
    ['retake', 'retaken', 'retakes', 'retaking', 'retook']
    >>> sorted(en_forms("repel/repelled").joined)
    ['repel', 'repelled', 'repelling', 'repels']
    """
    base, particle, parts = _parse(lemma)
    base, particle = (base, particle) if base else (particle, "")
    third = (base[:-1] + "ies" if base.endswith("y") and base[-2] not in _VOWELS
             else base + "es" if base.endswith(("s", "sh", "ch", "x", "z", "o")) else base + "s")
    if parts:
        past, part = parts[0], parts[-1]
    else:
        past = part = (base + "d" if base.endswith("e") else base[:-1] + "ied"
                       if base.endswith("y") and base[-2] not in _VOWELS else base + "ed")
    double = (past == base + base[-1] + "ed"  # repelled → repelling
              or (sum(c in _VOWELS for c in base) == 1 and len(base) > 2 and base[-2] in _VOWELS
                  and base[-1] not in _VOWELS + "wx"))  # hit → hitting
    ing = (base + base[-1] if double else base[:-1] if base.endswith("e")
           and not base.endswith("ee") else base) + "ing"
    forms = {base, third, past, part, ing}
    if particle:
        return Forms(frozenset(), particle, frozenset(forms), frozenset({f"to {base}"}))
    return Forms(frozenset(forms), inf=frozenset({f"to {base}"}))


_BY_LANG = {"nl": nl_forms, "de": de_forms, "en": en_forms}


def _alternation(words: Iterable[str]) -> str:
    # longest first, so a form is never cut short by a shorter one it starts with
    return "|".join(sorted({w.replace(" ", r"\s+") for w in words}, key=lambda w: (-len(w), w)))


def verbs(lang: str, *lemmas: str, sep: str | None = None) -> str:
    """The pattern of every finite form and participle of ``lemmas`` (joined or split).

    >>> verbs("nl", "in|nemen/nam/namen/genomen").split("|")[:3]
    ['(?:ingenomen', 'innamen', 'inneemt']
    """
    forms = [_BY_LANG[lang](lemma) for lemma in lemmas]
    joined = _alternation(w for f in forms for w in f.joined)
    parts = [f"(?:{joined})" if joined else ""]  # one alternative for the scanner, not fifty
    by_particle: dict[str, set[str]] = {}
    for f in forms:
        if f.particle:
            by_particle.setdefault(f.particle, set()).update(f.split)
    gap = sep if sep is not None else EN_SEP if lang == "en" else SEP
    for particle, split in sorted(by_particle.items()):
        after = rf"{gap}{particle}(?=\W|$)"
        if lang in _NEXT:  # a particle that ends the clause may stand further off
            after += (rf"|\s+{particle}(?=\s*[,.;:!?)]|\s*$|\s+(?:{_NEXT[lang]})\b)"
                      rf"|{_FAR}{particle}(?=\s*[,.;:!?)]|\s*$)")
        parts.append(rf"(?:{_alternation(split)})(?:{after})")
    return "|".join(p for p in parts if p)


def infinitives(lang: str, *lemmas: str) -> str:
    """The pattern of the marked infinitives of ``lemmas`` ("in te nemen", "einzunehmen")."""
    return _alternation(w for lemma in lemmas for w in _BY_LANG[lang](lemma).inf)


def all_forms(lang: str, lemma: str) -> frozenset[str]:
    """Every single-word form of ``lemma`` (for the tests' check against a dictionary)."""
    f = _BY_LANG[lang](lemma)
    return f.joined | f.split
