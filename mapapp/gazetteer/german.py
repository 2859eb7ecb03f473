"""Which gazetteer names are also common German words: a build step of the place index.

German writes every noun with a capital, so in a German article a capital
says nothing about a name: "am Ende", "nach dem Essen", "in der Halle",
"Mitte Oktober" are words, and GeoNames has towns called Ende, Essen, Halle
and Mitte. Word frequency alone cannot tell them from names (Berlin is as
frequent as Ende in German; wordfreq folds case), so this step asks a
German lexicon, simplemma's dictionary (built from Wiktionary, Apache-2.0):

* a word with a plural or other non-genitive inflected form that the
  lexicon reads back to it (Enden → Ende, Hallen → Halle, Höfe → Hof) is a
  common noun; a proper name inflects only with the genitive -s (Berlins);
* a word whose lower-case form the lexicon knows as a verb or adjective of
  its own (essen, siegen, bergen) is a common word;
* a word that is itself the plural or an inflected form of another noun
  (Länder → Land, Häuser → Haus) is a common word too ("Für Länder wie …"
  is no Lander in Wyoming); town names in -ingen are left alone.

German also inflects the adjective of a name of several words: "am
Schwarzen Meer", "an das Asowsche Meer", "nach den Vereinigten Staaten".
``add_german_inflections`` indexes those forms for the countries, regions
and waters (the curated and CLDR names carry only the nominative).

Measured on wordfreq's 40,000 most frequent German words: 4,722 are also
gazetteer names and 1,365 of those are common words by this test (Ende,
Essen, Halle, Lage, Mitte, Wetter, Hof, Kiel, Münster …); Berlin, Kiew,
Hamburg, Köln, Moskau, Kassel, Charkiw are not. The answer is kept in the
index's table of common words under ``NOUN_TABLE`` (Zipf × 10, as the other
tables), so recognition reads it without loading the lexicon (123 MB).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mapapp.gazetteer.name_kinds import kind_of, row_of
from mapapp.model import PlaceKind
from mapapp.text.name_keys import word_key

if TYPE_CHECKING:
    from mapapp.gazetteer.build import Tables

NOUN_TABLE = "de-noun"
_MIN_ZIPF10 = 30  # rarer words are no everyday nouns a reader would stumble on
_UMLAUT = {"a": "ä", "o": "ö", "u": "ü"}


def _inflected(word: str) -> set[str]:
    """Plural and dative forms a German noun may take (not the genitive -s of names)."""
    forms = {word + "n", word + "en", word + "e", word + "er"}
    for i in range(len(word) - 1, -1, -1):
        if word[i] in _UMLAUT:  # Hof → Höfe, Tal → Täler, Vogel → Vögel
            umlauted = word[:i] + _UMLAUT[word[i]] + word[i + 1:]
            forms |= {umlauted, umlauted + "e", umlauted + "er", umlauted + "en"}
            break
    return forms


def is_common_word(word: str) -> bool:
    """Whether a capitalised German word is a common noun, verb or adjective (see above).

    >>> is_common_word("Ende"), is_common_word("Essen"), is_common_word("Berlin")
    (True, True, False)
    """
    from simplemma import is_known, lemmatize

    low = word.lower()
    if is_known(low, lang="de") and lemmatize(low, lang="de").islower():
        return True
    lemma = lemmatize(word, lang="de")
    if lemma != word and word in _inflected(lemma) and not word.endswith("ingen"):
        return True  # Länder → Land: a plural is no name
    return any(lemmatize(form, lang="de") == word for form in _inflected(word))


def add_german_words(t: Tables) -> None:
    """Mark the single-word names of the index that are common German words.

    Runs after the names are in the index; asks the lexicon only about
    frequent German words that are names (about 4,700 words, under a second).
    """
    import wordfreq

    german = t.common.get("de", {})
    out: dict[str, int] = {}
    for low in wordfreq.top_n_list("de", 40_000):
        key = word_key(low)
        zipf10 = german.get(key, 0)
        if zipf10 < _MIN_ZIPF10 or key in out or key not in t.index or not low.isalpha():
            continue
        if is_common_word(low[:1].upper() + low[1:]):
            out[key] = zipf10
    t.common[NOUN_TABLE] = out


_ENDINGS = ("es", "en", "er", "em", "e")  # longest first: "schwarzes" → "schwarz"
_AREAS = frozenset({PlaceKind.COUNTRY.value, PlaceKind.REGION.value, PlaceKind.OTHER.value,
                    PlaceKind.FACILITY.value})


def inflections(key: str) -> list[str]:
    """The other case forms of a name key whose first word is a German adjective.

    >>> inflections("schwarzes meer")
    ['schwarze meer', 'schwarzen meer', 'schwarzer meer', 'schwarzem meer']
    """
    first, sep, rest = key.partition(" ")
    if not sep:
        return []
    for ending in _ENDINGS:
        stem = first[: -len(ending)]
        if first.endswith(ending) and len(stem) >= 4 and stem.isalpha():
            return [f"{stem}{e} {rest}" for e in ("e", "en", "er", "es", "em")
                    if stem + e != first]
    return []


def add_german_inflections(t: Tables) -> None:
    """Index the inflected forms of adjective names of countries, regions and waters."""
    added: list[tuple[str, list[int]]] = []
    for key, codes in t.index.items():
        mine = [c for c in codes if t.kinds[row_of(c)] in _AREAS]
        if mine and " " in key:
            added.extend((form, mine) for form in inflections(key))
    for form, codes in added:
        if form in t.index:
            continue  # a name of its own (some place's real name) wins
        for code in codes:
            t.add_name(row_of(code), form.title(), kind_of(code))
