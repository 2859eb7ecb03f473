"""Ukrainian and Russian morphology: the dictionary forms a written word may stand for.

Ukrainian and Russian inflect place names in seven (six) cases and two
numbers: "у Бахмуті", "під Авдіївкою", "поблизу Кліщіївки", "под Угледаром".
The gazetteer holds nominatives, so a word is looked up by the lemmas a
morphological analyser gives it (pymorphy3 with the OpenCorpora and VESUM
dictionaries, which also guess the paradigm of a word they do not know,
such as a village's name). The analysers load lazily, on the first Cyrillic
word (about 0.1 s); a process that reads no Cyrillic never imports them.

Derivation is the one thing the analysers do not give: the adjective of a
town ("Донецька область", "на Покровському напрямку", "Шебекинский округ")
and a region named after its town ("Херсонщина", "Донеччина"). The few
regular ways these are formed (``_ADJECTIVE_SUFFIXES``, ``_REGION_SUFFIXES``)
give candidate nouns; only a candidate the gazetteer knows is kept, so the
patterns propose and the index decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

Lang = Literal["uk", "ru"]
MORPH_LANGS: frozenset[str] = frozenset(("uk", "ru"))

# Part-of-speech tags of words that never name a place by themselves (OpenCorpora tag set).
FUNCTION_POS = frozenset("VERB INFN PRTF PRTS GRND ADVB NPRO PRED PREP CONJ PRCL INTJ COMP".split())
PERSON_TAGS = frozenset(("Name", "Surn", "Patr"))

# An adjective of a place is its noun's stem plus -ськ-/-цьк-/-зьк- (uk) or -ск-/-цк-/-зк- (ru)
# plus the ending; the noun ends in nothing, a vowel or a soft sign, and -з- stands for -ж-/-г-
# (Запоріжжя → запорізький, Рига → ризький), -ц- for -к- (Кременчук → кременчуцький).
_ADJECTIVE_SUFFIXES = ("ськ", "ск", "цьк", "цк", "зьк", "зк")
_NOUN_ENDINGS = ("", "а", "я", "о", "е", "и", "і", "ы", "ь", "ье", "я", "ія", "ия")
_ALTERNATIONS = {"з": ("ж", "жж", "г"), "ц": ("к", "ц", "ч"), "ж": ("ж",)}
# A region named after its town: Херсон-щина, Оде(с)-щина, Донеч-чина (Донецьк), Вінниччина.
_REGION_SUFFIXES = ("щина", "ччина", "щчина")


@dataclass(frozen=True, slots=True)
class Reading:
    """One way to read a word: a nominative to look up, and what kind of form it was.

    ``how`` is "noun" (a noun's lemma, or the word itself), "adjective" (an adjective of a
    place, "Донецькій" → донецький: a place only before a generic noun, see recognise_cyr),
    or "person" (a given name or surname: never a place by itself).
    """

    nominative: str
    how: Literal["noun", "adjective", "person"]
    case: str  # the grammatical case of the word as written ("loct", "gent" …), "" unknown
    gender: str  # of the lemma: masc, femn, neut, or plur for plural-only names


@lru_cache(maxsize=2)
def analyser(lang: Lang) -> Any:
    """The pymorphy3 analyser of a language, loaded once, on first use."""
    import pymorphy3  # lazy: 0.1 s and 15 MB that only Cyrillic text needs

    return pymorphy3.MorphAnalyzer(lang=lang)


def normalise(word: str) -> str:
    """Lower case, one apostrophe (the dictionaries write Куп'янськ with U+0027)."""
    return word.lower().replace("’", "'").replace("ʼ", "'").replace("`", "'")


def _gender(tag: Any) -> str:
    if tag.number == "plur" and not tag.gender:
        return "plur"
    return str(tag.gender or "")


@lru_cache(maxsize=100_000)
def readings(word: str, lang: Lang) -> tuple[Reading, ...]:
    """Every nominative a written word may be a form of, most likely first.

    A noun gives its lemma; an adjective gives its nominative in the gender and number it
    is written in (Озерне, Тихое and Вербове are adjectives turned names) and its
    masculine lemma as an adjective reading; the word itself is always a noun reading
    (an indeclinable or unknown name).
    """
    morph, out, seen = analyser(lang), [], set()

    def add(nominative: str, how: Literal["noun", "adjective", "person"], case: str,
            gender: str) -> None:
        if (nominative, how, case) not in seen:
            seen.add((nominative, how, case))
            out.append(Reading(nominative, how, case, gender))

    for p in morph.parse(normalise(word)):
        tag, case = p.tag, str(p.tag.case or "")
        if tag.POS == "NOUN":
            how: Literal["noun", "person"] = "person" if PERSON_TAGS & tag.grammemes else "noun"
            lemma = p.normalized
            add(p.normal_form, how, case, _gender(lemma.tag))
        elif tag.POS == "ADJF":
            gender = "plur" if tag.number == "plur" else str(tag.gender or "masc")
            nominative = p.inflect({"nomn", gender})
            if nominative is not None:
                add(nominative.word, "noun", case, gender)
            add(p.normal_form, "adjective", case, str(tag.gender or tag.number or ""))
    if not out or any(r.how != "person" for r in out) or not morph.word_is_known(normalise(word)):
        add(normalise(word), "noun", "", "")  # an indeclinable or foreign name (Ісакча)
    return tuple(out)


@lru_cache(maxsize=100_000)
def is_function_word(word: str, lang: Lang) -> bool:
    """A word the dictionary knows as a verb, adverb, pronoun … ("Тепер", "Нагадаємо",
    "Ранее", "Зараз"): at a sentence's start it is that word, whatever else it may be."""
    morph = analyser(lang)
    w = normalise(word)
    if not morph.word_is_known(w):
        return False
    return any(p.tag.POS in FUNCTION_POS for p in morph.parse(w))


@lru_cache(maxsize=100_000)
def is_common_noun(word: str, lang: Lang) -> bool:
    """Whether a dictionary that marks place names (Russian: Geox) reads the word first as a
    common noun ("Восток" the east): a quoted one is then a unit's or company's name."""
    if lang != "ru":
        return False  # the Ukrainian dictionary does not mark place names
    morph = analyser(lang)
    w = normalise(word)
    if not morph.word_is_known(w):
        return False
    first = morph.parse(w)[0].tag
    return first.POS == "NOUN" and not ({"Geox"} | PERSON_TAGS) & first.grammemes


@lru_cache(maxsize=100_000)
def is_form_of(word: str, lemma: str, lang: Lang) -> bool:
    """Whether ``word`` is an inflected form of the noun ``lemma`` ("Куп'янська" of куп'янськ,
    which the analyser first reads as an adjective)."""
    w = normalise(word)
    for p in analyser(lang).parse(lemma):
        if p.tag.POS == "NOUN" and p.normal_form == lemma:
            return any(f.word == w for f in p.lexeme)
    return False


def _stems_with(stem: str) -> list[str]:
    """The stem, and the stem with its last consonant alternated (запоріз → запоріж)."""
    out = [stem]
    for alt in _ALTERNATIONS.get(stem[-1:], ()):
        out.append(stem[:-1] + alt)
    return out


@lru_cache(maxsize=50_000)
def adjective_nouns(lemma: str) -> tuple[str, ...]:
    """Nouns an adjective of a place may be formed from, most direct first.

    >>> adjective_nouns("донецький")[0]
    'донецьк'
    >>> "запоріжжя" in adjective_nouns("запорізький")
    True
    >>> "гуляйполе" in adjective_nouns("гуляйпільський")
    True
    """
    if not lemma.endswith(("ий", "ій", "ой")):
        return ()
    base = lemma[:-2]  # донецьк, луганськ, лиманськ, курск
    out = [base]
    for suffix in _ADJECTIVE_SUFFIXES:
        if base.endswith(suffix) and len(base) > len(suffix) + 1:
            root = base[: -len(suffix)] + suffix[0] if suffix[0] in "цз" else base[: -len(suffix)]
            plain = [root, root + "с"] + ([root[:-1]] if root.endswith("ь") else [])
            for stem in _stems_with(root) if suffix[0] in "цз" else plain:
                out.extend(stem + ending for ending in _NOUN_ENDINGS)
            for stem in plain:  # і of the adjective, о of the noun: Гуляйполе, Сватове, Борова
                if (at := stem.rfind("і")) > 0 and len(stem) - at <= 3:
                    out.extend(stem[:at] + "о" + stem[at + 1:] + ending for ending in "еоа")
            if suffix[0] in "цз":
                out.extend(root[:-1] + ending for ending in ("", "а", "я", "і", "и"))
            break
    return tuple(dict.fromkeys(n for n in out if len(n) > 2))


@lru_cache(maxsize=50_000)
def region_nouns(lemma: str) -> tuple[str, ...]:
    """Towns a region noun (Херсонщина, Одещина, Донеччина) may be named after.

    >>> "херсон" in region_nouns("херсонщина")
    True
    """
    for suffix in _REGION_SUFFIXES:
        if lemma.endswith(suffix) and len(lemma) > len(suffix) + 2:
            stem = lemma[: -len(suffix)]
            if suffix == "ччина":  # Донеччина, Вінниччина: the -ц- of the town's adjective
                stem += "ц"
            return adjective_nouns(stem + ("ький" if stem.endswith("ц") else "ський"))
    return ()


@lru_cache(maxsize=100_000)
def is_known(word: str, lang: Lang) -> bool:
    """Whether the dictionary holds the word (not a guess from its ending)."""
    return bool(analyser(lang).word_is_known(normalise(word)))


@lru_cache(maxsize=100_000)
def zipf(word: str, lang: Lang) -> float:
    """How common a word is in the language (wordfreq's Zipf scale; 0 below about 3).

    The small list holds every word above Zipf 3, all that ``COMMON_ZIPF`` asks, and loads
    in 0.08 s where the large one takes 1.4 s.
    """
    import wordfreq  # lazy: its Ukrainian and Russian lists load on the first Cyrillic name

    return float(wordfreq.zipf_frequency(normalise(word), lang, wordlist="small"))
