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

from mapapp.gazetteer.index import Gazetteer
from mapapp.gazetteer.name_kinds import row_of
from mapapp.geoparse.recognise import english, german
from mapapp.geoparse.recognise.context import next_word, sentence_initial, word_before
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


class Roles:
    """Judges the role of a name from its neighbours, with the gazetteer's sizes and words."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        # word → names a country, region or city
        self._strong_words: BoundedCache[str, bool] = BoundedCache(500_000)

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
        nxt = next_word(text, hit.end)
        if not nxt:
            return ""
        sep, word = nxt
        low = word.lower()
        if (low in ORG_NOUNS or (low in SERVICE_NOUNS and word[0].isupper())
                or (sep == "-" and low.endswith(("groep", "bataljon", "huurlingen")))
                or _NEWS_AGENCY.match(text, hit.end)):
            return "org"
        if low in HEAD_NOUNS:
            return "head"
        if (word[0].isupper() and word_key(word) not in self.gaz.index
                and (sep == "-" or not low.endswith(_DEMONYM_END))):
            return "name"
        return ""

    def _role_before(self, text: str, lang: str, hit: Hit) -> str:
        before = word_before(text, hit.start)
        if not before:
            if hit.start >= 2 and text[hit.start - 1] == "-" and text[hit.start - 2].islower():
                return "name"  # regering-Biden: the name qualifies a noun
            return ""
        word, wstart = before
        low = word.lower()
        if low.rstrip(".") in TITLES or (lang == "de" and low in german.TITLES):
            return "person"
        if (low.endswith(ORG_ENDINGS)
                or (low in _ORG_OF_LAST  # the cheap test first
                    and tuple(words_before(text, hit.start)[-2:]) in ORG_OF)
                or (word[0].isupper() and low.rsplit("-", 1)[-1] in ORDINALS)):  # a unit
            return "org"
        if word in PARTICLES and not sentence_initial(text, wstart):
            return "person"
        if not word[0].isupper():
            return ""  # the tests below are of a capitalised word
        if lang == "de" and (low in german.PLACE_PREPOSITIONS or german.noun_before(text, wstart)):
            return ""  # "in Richtung Tokmak", "die Kleinstadt Sudscha": a noun, no first name
        zipf = self.gaz.zipf(word_key(word), lang)
        if (lang == "en" and low in english.first_names()
                and (zipf < 4.5 or not sentence_initial(text, wstart))):
            return "person"  # "Jessica McDonald said", even at a sentence's start
        if (not self._is_strong_word(word)
                and not (sentence_initial(text, wstart) and zipf >= 3.5)
                and zipf < FUNCTION_WORD_ZIPF  # "A Danbury mason": no first name
                and not word.endswith(_DEMONYM_END)):
            return "person"
        return ""

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
