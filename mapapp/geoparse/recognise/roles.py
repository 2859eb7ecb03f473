"""Recognition: whether a place's name is part of a person's or an organisation's.

"Vladimir Poetin", "Wagner Group", "Ninth Missouri Infantry", "regering-Biden":
the words either side of a name say whether it stands for a person or an
organisation, and whether the place may survive that ("Kremlin-chef" keeps
the Kremlin). These questions are asked of every name that got past the
cheaper evidence in ``recognise``, in both languages, and need only the text
and the gazetteer; they live here so that ``recognise`` keeps to finding
spans and weighing evidence in order.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from mapapp.gazetteer.index import Gazetteer
from mapapp.gazetteer.name_kinds import row_of
from mapapp.geoparse.recognise import english, german
from mapapp.geoparse.recognise.context import sentence_initial, word_before, word_end
from mapapp.geoparse.recognise.hits import AREA_KINDS, BIG_CITY, FUNCTION_WORD_ZIPF, SMALL_TOWN, Hit
from mapapp.model import PlaceKind
from mapapp.plumbing.bounded import BoundedCache
from mapapp.text.name_keys import word_key, words_before
from mapapp.text.wordlists import (
    HEAD_NOUNS,
    ORDINALS,
    ORG_ENDINGS,
    ORG_NOUNS,
    ORG_OF,
    PARTICLES,
    PLACE_PREPOSITIONS,
    SERVICE_NOUNS,
    TITLES,
)

# The last words of ORG_OF's pairs ("of" in "mercenaries of"): the word right before a name
# is the last of the words before it.
_ORG_OF_LAST = frozenset(last for _, last in ORG_OF)
# Endings of demonyms and adjectives ("Russische", "Ukrainian": no first name); str.endswith
# answers for a word (no line break in it) as a regex search for them before $ would.
_DEMONYM_END = ("sche", "se", "isch", "ian", "ians", "ese", "ish")

# "Xinhua news agency", "ANP-persbureau" is an organisation, and so its later mentions.
_NEWS_AGENCY = re.compile(r"[ -](?:news agency|nieuwsagentschap|persbureau)\b", re.IGNORECASE)
# What the separator and the word after a name must start with for _NEWS_AGENCY to match there.
_AGENCY_START = re.compile(r"[ -](?:news|nieuwsagentschap|persbureau)", re.IGNORECASE)


# How a test of ``_Before`` decides: not at all, always, or unless the word opens a sentence
# (for ``german``: unless the word has no article or adjective before it).
_NO, _IS, _UNLESS = 0, 1, 2


class _Before(NamedTuple):
    """What the word right before a name says by itself (``Roles._before_word``); the rest
    of ``Roles._role_before`` reads the text around it."""

    verdict: str  # "person" (a title) or "org" (a unit's word) whatever the text says
    org_of: bool = False  # "of" of "mercenaries of": an organisation if the word before fits
    particle: bool = False  # "van", "de": a person's unless it opens a sentence
    capital: bool = False  # the tests below are of a capitalised word only
    german: int = _NO  # _IS: a German preposition; _UNLESS: a noun if an article is before it
    first_name: int = _NO  # an English given name: a person's (_UNLESS: common words)
    unknown: int = _NO  # a capitalised word no place's, rare, no demonym: a first name


class Roles:
    """Judges the role of a name from its neighbours, with the gazetteer's sizes and words."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        # word → names a country, region or city
        self._strong_words: BoundedCache[str, bool] = BoundedCache(500_000)
        # what the words either side of a name say by themselves: separator and word after →
        # _after_word; word before and language → _before_word
        self._after_words: BoundedCache[str, tuple[bool, str, bool]] = BoundedCache(500_000)
        self._before_words: BoundedCache[tuple[str, str], _Before] = BoundedCache(500_000)

    def role(self, text: str, lang: str, hit: Hit) -> str:
        """'org', 'head', 'person', 'name' (part of a longer proper name) or ''.

        The word after decides first: "Ninth Missouri Infantry" is a unit
        however the words before it look.
        """
        after = self._role_after(text, hit)
        if after in ("org", "head"):
            return after
        return self._role_before(text, lang, hit) or after

    def _role_after(self, text: str, hit: Hit) -> str:
        end = hit.end
        # next_word, written out: the separator and the word are kept as one slice of the text
        if end >= len(text) or text[end] not in " -":
            return ""
        if (stop := word_end(text, end + 1)) == end + 1:
            return ""
        nxt = text[end:stop]
        said = self._after_words.get(nxt)
        if said is None:
            said = self._after_words.keep(nxt, self._after_word(nxt[0], nxt[1:]))
        org, other, agency = said
        return "org" if org or (agency and _NEWS_AGENCY.match(text, end)) else other

    def _after_word(self, sep: str, word: str) -> tuple[bool, str, bool]:
        """What the word after a name says by itself: an organisation's, else its role
        ("head", "name" or ''), and whether it may start "news agency" (the text decides).
        The same for every occurrence: kept per word."""
        low = word.lower()
        org = (low in ORG_NOUNS or (low in SERVICE_NOUNS and word[0].isupper())
               or (sep == "-" and low.endswith(("groep", "bataljon", "huurlingen"))))
        agency = _AGENCY_START.match(sep + word) is not None
        if low in HEAD_NOUNS:
            return org, "head", agency
        if (word[0].isupper() and word_key(word) not in self.gaz.index
                and (sep == "-" or not low.endswith(_DEMONYM_END))):
            return org, "name", agency
        return org, "", agency

    def _role_before(self, text: str, lang: str, hit: Hit) -> str:
        before = word_before(text, hit.start)
        if not before:
            if hit.start >= 2 and text[hit.start - 1] == "-" and text[hit.start - 2].islower():
                return "name"  # regering-Biden: the name qualifies a noun
            return ""
        word, wstart = before
        said = self._before_words.get((word, lang))
        if said is None:
            said = self._before_words.keep((word, lang), self._before_word(word, lang))
        if said.verdict:
            return said.verdict
        if said.org_of and tuple(words_before(text, hit.start)[-2:]) in ORG_OF:
            return "org"
        if said.particle and not sentence_initial(text, wstart):
            return "person"
        if not said.capital:
            return ""  # the tests below are of a capitalised word
        if said.german == _IS or (said.german == _UNLESS and german.noun_before(text, wstart)):
            return ""  # "in Richtung Tokmak", "die Kleinstadt Sudscha": a noun, no first name
        if said.first_name == _IS or (said.first_name == _UNLESS
                                      and not sentence_initial(text, wstart)):
            return "person"  # "Jessica McDonald said", even at a sentence's start
        if said.unknown == _IS or (said.unknown == _UNLESS and not sentence_initial(text, wstart)):
            return "person"
        return ""

    def _before_word(self, word: str, lang: str) -> _Before:
        """What the word before a name says by itself (``_Before``); the same for every
        occurrence, so kept per word and language."""
        low = word.lower()
        if low.rstrip(".") in TITLES or (lang == "de" and low in german.TITLES):
            return _Before("person")
        capital = word[0].isupper()
        if low.endswith(ORG_ENDINGS) or (capital and low.rsplit("-", 1)[-1] in ORDINALS):
            return _Before("org")  # a unit
        said = _Before("", low in _ORG_OF_LAST, word in PARTICLES, capital)
        if not capital:
            return said
        # "im", "nach": a preposition; else a noun if an article or adjective is before it
        de = (_NO if lang != "de" else _IS if low in german.PLACE_PREPOSITIONS else _UNLESS)
        zipf = self.gaz.zipf(word_key(word), lang)
        first = (_NO if lang != "en" or low not in english.first_names()
                 else _IS if zipf < 4.5 else _UNLESS)
        unknown = (_NO if (self._is_strong_word(word) or zipf >= FUNCTION_WORD_ZIPF
                           or word.endswith(_DEMONYM_END))  # "A Danbury mason": no first name
                   else _IS if zipf < 3.5 else _UNLESS)
        return said._replace(german=de, first_name=first, unknown=unknown)

    def _is_strong_word(self, word: str) -> bool:
        """A word naming a country, region or big city (not a first name like Patrick).

        The same for every occurrence of the word: kept per word.
        """
        strong = self._strong_words.get(word)
        if strong is None:
            g = self.gaz
            strong = self._strong_words.keep(word, any(
                g.kinds[row] in (PlaceKind.COUNTRY, PlaceKind.REGION, PlaceKind.OTHER)
                or g.populations[row] >= SMALL_TOWN
                for row in map(row_of, g.index.codes(word_key(word)))))
        return strong

    def title_or_given_name_before(self, text: str, lang: str, hit: Hit) -> bool:
        """"Gov. Bush", "Captain Douglas", "Jenny Palma": a person for sure.

        Stricter than ``role``'s test of the word before, which may be a
        unit's ordinal ("Third Pennsylvania") or a name's first part ("Round
        Valley"): what one mention shows here holds for the whole article.
        """
        before = word_before(text, hit.start)
        if not before:
            return False
        word, low = before[0], before[0].lower()
        if not word[0].isupper():
            return False  # "its founder France Football": a lower-case noun is a weak title
        return (low.rstrip(".") in TITLES or (lang == "de" and low in german.TITLES)
                or (lang == "en" and low in english.first_names()))

    def survives(self, hit: Hit, role: str) -> bool:
        """Whether a place stays a place next to a person's or organisation's name.

        Units and companies take any place's name (Azov-bataljon, Ninth Missouri
        Infantry, Kyiv Independent): only landmarks survive those ("Kremlin").
        Next to a person's name or a head noun, countries, regions and
        landmarks stay places ("Kremlin-chef"); towns lend their names to people
        (Vladimir Poetin), so only the biggest cities survive ("Kiev Zelensky").
        """
        summary = self.gaz.summary(hit.candidates)
        kinds = summary.kinds
        if role == "org":  # units and companies take any place's name (Missouri Infantry)
            return PlaceKind.OTHER in kinds
        if kinds & AREA_KINDS:
            return True
        return role != "head" and summary.max_population >= BIG_CITY


def after_preposition(text: str, hit: Hit) -> bool:
    """"in Georgia": a place again, where the article used the name for a person.

    A country or big city that is also a given name ("Georgia Stevens")
    stays that person elsewhere in the article ("Georgia's top finish")
    unless a preposition of place says otherwise.
    """
    before = words_before(text, hit.start)
    return bool(before) and before[-1] in PLACE_PREPOSITIONS
