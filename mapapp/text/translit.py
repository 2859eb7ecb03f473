"""Romanisation of Cyrillic place names, and spelling keys that let spellings meet.

Dutch war reporting writes Ukrainian places in Dutch transliteration
(Bachmoet, Loehansk, Slovjansk), in English borrowed from the wires (Bakhmut,
Luhansk), now and then in a German or French form, or in the old
Russian-based spelling (Artjomovsk, Severodonetsk). GeoNames carries only some
of these. This module derives the rest from the Cyrillic names: ``romanise``
writes a name in one national scheme, ``variants`` in all of them, and
``spelling_key`` folds any Latin spelling to a coarse phonetic key so that a
form no scheme produces (Roebiznje) still meets its place.

Ukrainian and Russian give some letters different values (г is h in
Ukrainian, g in Russian; и is y or i). A name with і ї є ґ is read as
Ukrainian, one with ы э ё ъ as Russian; ``variants`` reads an ambiguous name
both ways, because Dutch papers used both (Loehansk and Loegansk, Kyjiv and
Kiev).

Everything here is pure and fast (the gazetteer build calls it about a
million times): tables are built once per scheme on first use and applied
with one regular-expression pass for context rules plus ``str.translate``.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

SCHEMES: tuple[str, ...] = ("nl", "en", "de", "fr", "pl", "ru_en")
SOURCES: tuple[str, ...] = ("uk", "ru")


class UnknownSchemeError(ValueError):
    """Raised for a romanisation scheme or source language this module lacks."""


# Letters shared by every scheme; the schemes below override them.
_COMMON = ("а:a б:b д:d е:e з:z і:i к:k л:l м:m н:n о:o п:p р:r с:s т:t ф:f ґ:g ъ: ь: "
           "ы:y э:e")
_SOURCE_LETTERS = {"uk": "г:h и:y", "ru": "г:g и:i"}
_SCHEME_LETTERS = {
    "nl": "в:v ж:zj й:j у:oe х:ch ц:ts ч:tsj ш:sj щ:sjtsj є:je ї:ji ю:joe я:ja ё:jo",
    "en": "в:v ж:zh й:i у:u х:kh ц:ts ч:ch ш:sh щ:shch є:ie ї:i ю:iu я:ia ё:io",
    "de": "в:w ж:sch з:s й:j у:u х:ch ц:z ч:tsch ш:sch щ:schtsch є:je ї:ji ю:ju я:ja ё:jo",
    "fr": "в:v ж:j й:ï у:ou х:kh ц:ts ч:tch ш:ch щ:chtch є:ie ї:ï ю:iou я:ia ё:io",
    "pl": "в:w ж:ż й:j л:ł у:u х:ch ц:c ч:cz ш:sz щ:szcz є:je ї:ji ю:ju я:ja ё:jo",
    "ru_en": "в:v ж:zh й:y у:u х:kh ц:ts ч:ch ш:sh щ:shch є:ye ї:yi ю:yu я:ya ё:yo",
}
# Letters of other Cyrillic alphabets, so that no Cyrillic survives romanisation.
_OTHER_CYRILLIC = ("ў:u ј:j љ:lj њ:nj ћ:c ђ:dj џ:dz ѕ:dz ѓ:gj ќ:kj ғ:gh қ:q ң:ng ө:o "
                   "ұ:u ү:u һ:h ә:a ҳ:h ҷ:j ӏ: ѣ:e ѳ:f ѵ:i ѡ:o")
_CYRILLIC_RANGES = ((0x0400, 0x0530), (0x1C80, 0x1C90), (0x2DE0, 0x2E00), (0xA640, 0xA6A0))

# Context rules: (pattern, replacement) in priority order, on lower-case text.
# <B> word start, <E> word end, <V> a vowel, <VJ> a vowel or й, <C> a consonant, <H> a
# hushing consonant, <I> where Russian е ё are iotated (word start, after a vowel or a sign).
# Polish leaves out the soft-sign accents (Łuhansk, not Łuhanśk): closer to press usage.
_RULES = {
    ("nl", "uk"): (("ий<E>", "y"), ("жжя", "zja"), ("жж", "zj"), ("ьо", "jo")),
    ("en", "uk"): (("<B>є", "ye"), ("<B>ї", "yi"), ("<B>й", "y"), ("<B>ю", "yu"),
                   ("<B>я", "ya"), ("зг", "zgh")),
    ("de", "uk"): (("(?<=<V>)с(?=<V>)", "ss"), ("ьо", "jo")),
    ("fr", "uk"): (("(?<=<VJ>)с(?=<V>)", "ss"), ("<B>ї", "yi"), ("<B>й", "i"), ("ьо", "io")),
    ("pl", "uk"): (("л(?=[іїєюяь])", "l"), ("(?<=л)є", "e"), ("(?<=л)ю", "u"), ("(?<=л)я", "a"),
                   ("(?<=л)ьо", "o"), ("(?<=<C>)є", "ie"), ("(?<=<C>)ю", "iu"),
                   ("(?<=<C>)я", "ia"), ("ьо", "io")),
    ("nl", "ru"): (("<I>е", "je"), ("(?<=<H>)ё", "o"), ("ий<E>", "i"), ("ый<E>", "y"),
                   ("ь(?=[ио])", "j")),
    ("de", "ru"): (("<I>е", "je"), ("(?<=<H>)ё", "o"), ("ий<E>", "i"), ("ый<E>", "y"),
                   ("(?<=<V>)с(?=<V>)", "ss"), ("ь(?=[ио])", "j")),
    ("fr", "ru"): (("<I>е", "ie"), ("(?<=<H>)ё", "o"), ("ий<E>", "i"), ("ый<E>", "y"),
                   ("(?<=<V>)с(?=<V>)", "ss")),
    ("pl", "ru"): (("л(?=[еёиьюя])", "l"), ("<I>е", "je"), ("(?<=[лжцчшщ])е", "e"),
                   ("(?<=<C>)е", "ie"), ("(?<=[лжчшщ])ё", "o"), ("(?<=<C>)ё", "io"),
                   ("(?<=[лжцчшщ])ю", "u"), ("(?<=<C>)ю", "iu"), ("(?<=[лжцчшщ])я", "a"),
                   ("(?<=<C>)я", "ia"), ("(?<=[жцш])и", "y")),
    ("ru_en", "ru"): (("<I>е", "ye"), ("(?<=<H>)ё", "o")),
}
_TOKENS = {
    "<B>": r"(?<![^\W\d_]|['’`])",
    "<E>": r"(?![^\W\d_])",
    "<I>": r"(?:(?<![^\W\d_]|['’`])|(?<=[аеёиоуыэюяєіїьъ]))",
    "<VJ>": "[аеєиіїоуюяыэёй]",
    "<V>": "[аеєиіїоуюяыэё]",
    "<C>": "[бвгґджзклмнпрстфхцчшщ]",
    "<H>": "[жчшщ]",
}
# An apostrophe between two Cyrillic letters marks a separate sound; no scheme writes it.
_APOSTROPHE_RULE = ("(?<=[\u0400-\u04ff])['’ʼ`](?=[\u0400-\u04ff])", "")

_CYRILLIC_RE = re.compile("[\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f]")
_CAPS_RE = re.compile("[\u0400-\u042f\u0490]{2}")
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_UK_MARKS = frozenset("іїєґІЇЄҐ")
_RU_MARKS = frozenset("ыэёъЫЭЁЪ")


def _parse_letters(spec: str) -> dict[str, str]:
    return dict(item.split(":", 1) for item in spec.split())


def _expand(pattern: str) -> str:
    for token, regex in _TOKENS.items():
        pattern = pattern.replace(token, regex)
    return pattern


def _latin_for(ch: str, letters: dict[str, str], other: dict[str, str]) -> str:
    """The romanisation of one (lower-case) Cyrillic character, "" when unknown."""
    if ch in letters:
        return letters[ch]
    if ch in other:
        return other[ch]
    base = unicodedata.normalize("NFD", ch)[0]  # ѐ → е, ӂ → ж
    return letters.get(base, other.get(base, ""))


def _translation_table(letters: dict[str, str]) -> dict[int, str]:
    other = _parse_letters(_OTHER_CYRILLIC)
    table: dict[int, str] = {}
    for lo, hi in _CYRILLIC_RANGES:
        for cp in range(lo, hi):
            ch = chr(cp)
            latin = _latin_for(ch.lower(), letters, other)
            if ch != ch.lower():
                latin = latin[:1].upper() + latin[1:]
            table[cp] = latin
    return table


@dataclass(frozen=True)
class _Romaniser:
    """One scheme for one source language: context rules, then a letter table."""

    table: dict[int, str]
    rules: re.Pattern[str]
    replacements: tuple[str, ...]  # by group number; index 0 unused

    def _replace(self, m: re.Match[str]) -> str:
        latin = self.replacements[m.lastindex or 0]
        return latin[:1].upper() + latin[1:] if m.group()[0].isupper() else latin

    def apply(self, text: str) -> str:
        return self.rules.sub(self._replace, text).translate(self.table)

    def apply_caps(self, text: str) -> str:
        """Like ``apply``, but words in capitals stay in capitals (КИЇВ → KYIV, not KyIV)."""
        def word(m: re.Match[str]) -> str:
            w = m.group()
            return self.apply(w.lower()).upper() if len(w) > 1 and w.isupper() else self.apply(w)
        return self.apply(_WORD_RE.sub(word, text))


def _canonical(scheme: str, source: str) -> tuple[str, str]:
    """The romaniser a (scheme, source) pair really uses."""
    if scheme == "en" and source == "ru":
        return "ru_en", "ru"  # KMU 2010 is for Ukrainian; Russian names get BGN/PCGN
    if scheme == "ru_en":
        return "ru_en", "ru"
    return scheme, source


@functools.cache
def _romaniser(scheme: str, source: str) -> _Romaniser:
    letters = _parse_letters(_COMMON)
    letters |= _parse_letters(_SOURCE_LETTERS[source])
    letters |= _parse_letters(_SCHEME_LETTERS[scheme])
    rules = (_APOSTROPHE_RULE, *_RULES.get((scheme, source), ()))
    pattern = "|".join(f"({_expand(p)})" for p, _ in rules)
    return _Romaniser(_translation_table(letters), re.compile(pattern, re.IGNORECASE),
                      ("", *(latin for _, latin in rules)))


def has_cyrillic(text: str) -> bool:
    """True when the text holds a Cyrillic character."""
    return not text.isascii() and _CYRILLIC_RE.search(text) is not None


def guess_source(text: str) -> str | None:
    """'uk' or 'ru' when letters only one of the two alphabets has decide it, else None.

    >>> guess_source("Київ"), guess_source("Артёмовск"), guess_source("Бахмут")
    ('uk', 'ru', None)
    """
    if not _UK_MARKS.isdisjoint(text):
        return "uk"
    if not _RU_MARKS.isdisjoint(text):
        return "ru"
    return None


def romanise(text: str, scheme: str, *, source: str | None = None) -> str:
    """Write the Cyrillic letters of ``text`` in a national romanisation scheme.

    Parameters
    ----------
    text
        Any text; only Cyrillic characters change (spaces, hyphens, Latin stay).
    scheme
        One of ``SCHEMES``: "nl" (Dutch), "en" (Ukrainian national system,
        KMU 2010), "de" (Duden), "fr", "pl", "ru_en" (BGN/PCGN for Russian).
    source
        "uk" or "ru" to fix how the letters are read; by default it is
        guessed (``guess_source``), and an undecided name is read as Ukrainian.

    >>> romanise("Бахмут", "nl"), romanise("Слов'янськ", "de"), romanise("Запоріжжя", "en")
    ('Bachmoet', 'Slowjansk', 'Zaporizhzhia')
    >>> romanise("Артёмовск", "ru_en"), romanise("КИЇВ", "nl")
    ('Artyomovsk', 'KYJIV')
    """
    if scheme not in SCHEMES:
        raise UnknownSchemeError(f"unknown romanisation scheme {scheme!r}; use one of {SCHEMES}")
    if source is not None and source not in SOURCES:
        raise UnknownSchemeError(f"unknown source language {source!r}; use one of {SOURCES}")
    if not has_cyrillic(text):
        return text
    romaniser = _romaniser(*_canonical(scheme, source or guess_source(text) or "uk"))
    if _CAPS_RE.search(text):
        return romaniser.apply_caps(text)
    return romaniser.apply(text)


def variants(name: str) -> set[str]:
    """Every romanisation of a Cyrillic name in every scheme; empty without Cyrillic.

    A name whose letters do not say whether it is Ukrainian or Russian is
    read both ways (Луганск → Luhansk and Lugansk).

    >>> sorted(variants("Бахмут"))
    ['Bachmoet', 'Bachmut', 'Bakhmout', 'Bakhmut']
    """
    if not has_cyrillic(name):
        return set()
    romanisers = _romanisers_for(guess_source(name))
    if _CAPS_RE.search(name):
        return {r.apply_caps(name) for r in romanisers}
    return {r.apply(name) for r in romanisers}


@functools.cache
def _romanisers_for(guessed: str | None) -> tuple[_Romaniser, ...]:
    """The distinct romanisers ``variants`` applies to a name of this source."""
    # ru_en of a Ukrainian name is a hybrid nobody writes (Kiyiv), so it is left out.
    pairs = {_canonical(scheme, src) for src in ((guessed,) if guessed else SOURCES)
             for scheme in SCHEMES if src == "ru" or scheme != "ru_en"}
    return tuple(_romaniser(*pair) for pair in sorted(pairs))


# Spelling keys. Each scheme writes the same Ukrainian sound its own way; the
# key maps every way to one class, upper case marking a class already decided:
#   х ч      kh ch tsj tsch tch cz x        → X  (English ch is ч, Dutch ch is х:
#                                                   the two must share a class)
#   ж ш з с ц  zh zj sh sj sch sz ż š z s ts tz c, French jj and ij+consonant → S
#                                                  (Roebiznje must meet Rubizhne)
#   щ        shch sjtsj schtsch szcz chtch      → SX
#   у        u oe ou                            → U
#   glides   y j i                              → I, then a glide between a
#            consonant and a vowel is dropped (Slovjansk, Sloviansk → SLOVANSK)
#   v w → V, q → K; doubled letters are written once (Zaporizhzhia).
# г stays H and Russian-style g stays G, so Luhansk and Lugansk stay apart.
_KEY_FOLD = str.maketrans({"ł": "l", "ß": "ss", "ø": "o", "æ": "ae", "œ": "oe", "ż": "zh",
                           "ž": "zh", "š": "sh", "č": "ch", "đ": "d", "ð": "d", "þ": "th",
                           "ı": "i"})
_KEY_DIGRAPHS = (("schtsch", "SX"), ("sjtsj", "SX"), ("shch", "SX"), ("szcz", "SX"),
                 ("chtch", "SX"), ("tsch", "X"), ("tsj", "X"), ("tch", "X"), ("cz", "X"),
                 ("sch", "S"), ("zgh", "S"), ("kh", "X"), ("ch", "X"), ("zh", "S"),
                 ("zj", "S"), ("sh", "S"), ("sj", "S"), ("sz", "S"), ("ts", "S"), ("tz", "S"),
                 ("jj", "S"), ("oe", "U"), ("ou", "U"))
_KEY_IJ = re.compile("ij(?=[bcdfgklmnpqrstvwxzSX])")  # French ж before a consonant: Rubijne
_KEY_LETTERS = str.maketrans(
    "abcdefghijklmnopqrstuvwxyz", "ABSDEFGHIIKLMNOPKRSTUVVXIS",
    "".join(chr(c) for c in range(128) if not chr(c).isalpha()))
_KEY_CLEAN = re.compile("([A-Z])\\1+|TS|SH|KH|O[EU]|(?<=[BDFGHKLMNPRSTVX])I(?=[AEOU])|^I(?=[AEOU])")
_KEY_CLEAN_MAP = {"TS": "S", "SH": "S", "KH": "X", "OE": "U", "OU": "U"}


def _clean(m: re.Match[str]) -> str:
    return m.group(1) or _KEY_CLEAN_MAP.get(m.group(), "")


def _ascii_fold(name: str) -> str:
    text = name.casefold()
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text.translate(_KEY_FOLD))
    return text.encode("ascii", "ignore").decode("ascii")


def spelling_key(name: str) -> str:
    """A coarse phonetic key under which the romanisations of one name meet.

    Cyrillic is romanised first (KMU 2010), then letters are folded to the
    sound classes described above; spaces, hyphens and punctuation vanish.
    The key is for finding candidates, never for display; applying it twice
    gives the same key.

    >>> {spelling_key(n) for n in ("Roebiznje", "Rubizhne", "Rubischne", "Рубіжне")}
    {'rubisne'}
    >>> spelling_key("Zaporizja") == spelling_key("Saporischschja")
    True
    """
    if has_cyrillic(name):
        name = romanise(name, "en")
    text = _ascii_fold(name)
    for digraph, cls in _KEY_DIGRAPHS:
        if digraph in text:
            text = text.replace(digraph, cls)
    text = _KEY_IJ.sub("IS", text).translate(_KEY_LETTERS)
    cleaned = _KEY_CLEAN.sub(_clean, text)
    while cleaned != text:
        text, cleaned = cleaned, _KEY_CLEAN.sub(_clean, cleaned)
    return text.lower()
