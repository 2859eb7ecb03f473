"""Russian names of Ukrainian places: the Ukrainian forms a Russian name may stand for.

Russian reporting names Ukrainian villages in Russian (Отрадное, Тихое,
Затишье, Васюковка), and GeoNames files most of them under their Ukrainian
name only (Відрадне, Тихе, Затишшя, Васюківка). The two languages differ in
a few regular ways, which this module writes out as rewrites of a Russian
nominative (``ukrainian_forms``):

* endings: adjectival -ое/-ая/-ый/-ский → -е/-а/-ий/-ський, -ье → a doubled
  consonant and -я (Затишье → Затишшя), -овка/-евка → -івка/-ївка, -ово → -ове;
* vowels: ы → и, э → е, initial е → є, и → і (Вильча → Вільча), ѣ-words'
  е → і (Белая → Біла), and о/е → і in a closed syllable (Петровское →
  Петрівське, Запорожье → Запоріжжя);
* prefixes and a few given names that villages are named after
  (от- → від-: Отрадное → Відрадне; Александровка → Олександрівка).

The optional rewrites give several forms per name, ordered by how few of
them were needed; none is a place by itself. The caller keeps only forms the
gazetteer holds as a Ukrainian place's name: the rules propose, the index
decides (as ``morph_cyr.adjective_nouns`` does for adjectives). Measured on
the Russian and Ukrainian names GeoNames gives the same Ukrainian places,
see ``bench/ru_uk_forms.py``.

>>> "відрадне" in ukrainian_forms("отрадное")
True
>>> ukrainian_forms("новое запорожье")[:2]
('нове запорожжя', 'нове запоріжжя')
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

# How many forms a name may get: the product of its words' optional rewrites grows fast
# (Новоалексеевка has six vowels that may change); the forms with fewest changes come first.
MAX_FORMS = 96

_CONSONANTS = "бвгджзклмнпрстфхцчшщ"
# Before these, Russian -ье is Ukrainian '-я (Подгорье → Підгір'я); after others the
# consonant doubles (Затишье → Затишшя, Приволье → Привілля).
_LABIALS = "бпвмфр"

# Word endings, longest first: each Russian ending and its Ukrainian forms (first: most usual).
_ENDINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("зская", ("зька",)), ("жская", ("зька",)), ("жское", ("зьке",)), ("жский", ("зький",)),
    ("зское", ("зьке",)), ("зский", ("зький",)),
    ("цкая", ("цька",)), ("цкое", ("цьке",)), ("цкий", ("цький",)), ("цкие", ("цькі",)),
    ("ская", ("ська",)), ("ское", ("ське",)), ("ский", ("ський",)), ("ские", ("ські",)),
    ("аевка", ("аївка",)), ("оевка", ("оївка",)), ("еевка", ("іївка", "еївка")),
    ("иевка", ("іївка",)), ("ьевка", ("івка", "'ївка")), ("евка", ("івка", "ївка")),
    ("овка", ("івка", "овка")), ("ёвка", ("ьовка", "івка")),
    ("ово", ("ове",)), ("иево", ("ієве",)), ("ево", ("еве", "єве")), ("ино", ("ине", "іно")),
    ("ица", ("иця",)), ("аец", ("аєць",)), ("оец", ("оєць",)), ("ец", ("ець", "ец")),
    ("ци", ("ці",)),  # -цы, after ы → и
    ("ое", ("е",)), ("ее", ("є", "е")), ("ая", ("а",)), ("яя", ("я",)),
    ("ый", ("ий",)), ("ой", ("ий", "ой")), ("ий", ("ий", "ій")), ("ые", ("і",)),
    ("ие", ("і", "іє")),
    ("цк", ("цьк",)), ("ск", ("ськ",)),
)
# Roots anywhere in a word: given names villages are called after (Александровка,
# Новоалексеевка, Николаевка, Екатериновка), and Old Russian ъл before a consonant, which
# Ukrainian writes ов (Долгенькое → Довгеньке, Волчанск → Вовчанськ).
_ROOTS = (("александр", "олександр"), ("алекс", "олекс"), ("никол", "микол"),
          ("екатерин", "катерин"), ("елизавет", "єлизавет"), ("ильин", "іллін"),
          ("владимир", "володимир"), ("констант", "костянт"), ("долг", "довг"),
          ("волч", "вовч"), ("волк", "вовк"), ("полн", "повн"))
# Initial letters: prefixes, and initial vowels Ukrainian writes otherwise.
_STARTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("от", ("від", "от")), ("под", ("під", "под")), ("раз", ("роз", "раз")),
    ("е", ("є", "е")), ("и", ("і",)), ("у", ("у", "ву")), ("о", ("о", "ві")),
)
# Letters that always change.
_ALWAYS = str.maketrans({"ы": "и", "э": "е", "ъ": "'"})
# A soft sign before a vowel after a labial or р is an apostrophe (Марьинка → Мар'їнка,
# Марьяновка → Мар'янівка).
_SOFT_VOWEL = re.compile(f"(?<=[{_LABIALS}])ь(?=[иеяю])")
_APOSTROPHE_VOWELS = str.maketrans({"и": "ї", "е": "є"})
# A vowel before a consonant that closes its syllable: one consonant before another
# consonant, a soft sign or the end (-ськ, -жжя, -льн, -в).
_CLOSED = re.compile(rf"[ое](?=[{_CONSONANTS}й](?:[{_CONSONANTS}ь']|$))")
_I_VOWEL = re.compile("[ие]")
# A name key folds й into и: a Russian word ending in a vowel and и ends in -й (Новый).
_FOLDED_I = re.compile("(?<=[аеиоуыэюя])и\\b")


def _roots(word: str) -> str:
    for root, ukrainian in _ROOTS:
        if root in word:
            word = word.replace(root, ukrainian)
    return word


def _soft_ending(word: str) -> tuple[str, ...] | None:
    """-ье/-ья of a noun: a doubled consonant and -я, or an apostrophe after a labial."""
    if len(word) < 4 or word[-2:] not in ("ье", "ья") or word[-3] not in _CONSONANTS:
        return None
    consonant = word[-3]
    if consonant in _LABIALS:
        return (word[:-2] + "'я",)
    return (word[:-2] + consonant + "я",)


def _endings(word: str) -> tuple[tuple[str, int], ...]:
    """The word with its ending rewritten, and how many letters the new ending has."""
    soft = _soft_ending(word)
    if soft:
        return tuple((form, 2) for form in soft)
    for ending, forms in _ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 1:
            return tuple((word[: -len(ending)] + f, len(f)) for f in forms)
    return ((word, 0),)


def _starts(word: str) -> tuple[tuple[str, int], ...]:
    """The word with its start rewritten, and how many letters the rewrite wrote."""
    for start, forms in _STARTS:
        if word.startswith(start) and len(word) > len(start) + 2:
            return tuple((f + word[len(start):], len(f)) for f in forms)
    return ((word, 0),)


def _vowel_choices(word: str, head: int, tail: int) -> list[tuple[str, ...]]:
    """Each optional vowel change of a word as (kept, changed) choices, leaving the first
    ``head`` and the last ``tail`` letters (a rewritten start and ending) alone."""
    stop = len(word) - tail
    spots = {m.start() for m in _CLOSED.finditer(word) if head <= m.start() < stop}
    spots |= {m.start() for m in _I_VOWEL.finditer(word) if head <= m.start() < stop}
    pieces: list[tuple[str, ...]] = []
    last = 0
    for at in sorted(spots):
        pieces.append((word[last:at],))
        pieces.append((word[at], "і"))
        last = at + 1
    pieces.append((word[last:],))
    return pieces


def _word_forms(word: str) -> list[tuple[int, str]]:
    """A Russian word's Ukrainian forms with the number of optional vowel changes each
    took, fewest first."""
    out: dict[str, int] = {}
    for ended, tail in _endings(_roots(word.translate(_ALWAYS))):
        ended = _SOFT_VOWEL.sub("'", ended)  # same length: the ending's letters stay put
        ended = re.sub("'[ие]", lambda m: m.group().translate(_APOSTROPHE_VOWELS), ended)
        for started, head in _starts(ended):
            choices = _vowel_choices(started, head, tail)
            for combo in itertools.product(*choices):
                form = "".join(combo)
                changes = sum(1 for piece, choice in zip(choices, combo, strict=True)
                              if len(piece) == 2 and choice != piece[0])
                out[form] = min(out.get(form, changes), changes)
    return sorted(((n, f) for f, n in out.items()), key=lambda nf: nf[0])


@lru_cache(maxsize=50_000)
def ukrainian_forms(name: str) -> tuple[str, ...]:
    """The Ukrainian forms a Russian place name (a lower-case nominative, or its name key)
    may stand for, fewest changes first, at most ``MAX_FORMS``; the name itself is not
    among them.

    >>> ukrainian_forms("вильча")[0]
    'вільча'
    >>> "петрівське" in ukrainian_forms("петровское")
    True
    """
    words = _FOLDED_I.sub("й", name).split(" ")
    per_word = [_word_forms(w)[:MAX_FORMS] for w in words]
    combos = sorted(itertools.product(*per_word), key=lambda c: sum(n for n, _ in c))
    forms = dict.fromkeys(" ".join(f for _, f in combo) for combo in combos[:MAX_FORMS * 4])
    forms.pop(name, None)
    return tuple(forms)[:MAX_FORMS]
