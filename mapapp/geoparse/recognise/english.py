"""English rules of recognition: people, institutions and feature names.

English capitalises every word of a name and names people and institutions
after places far more than Dutch does ("Nancy Kellogg", "Trillium Health
Centre", "Missouri River"). These rules run on English articles only; the
shared evidence (titles, acronyms, common words) stays in ``recognise``,
which also uses the two size tests here (``strong``, ``area``).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from mapapp.gazetteer.index import Gazetteer
from mapapp.geoparse.recognise.context import next_word, sentence_initial, token_before, word_before
from mapapp.geoparse.recognise.hits import AREA_KINDS, BIG_CITY, FUNCTION_WORD_ZIPF, SMALL_TOWN, Hit
from mapapp.model import PlaceKind
from mapapp.plumbing.bounded import BoundedCache
from mapapp.text.name_keys import word_key
from mapapp.text.wordlists import FEATURE_AFTER, FEATURE_BEFORE, INSTITUTION_NOUNS

# Census surnames taken as evidence of a person (see surnames()): the commonest, and rarer
# in English text than this (Zipf).
SURNAMES = 20_000
COMMON_SURNAME_ZIPF = 4.5
# The last letters of the feature words written before a name ("Mount"), in either case:
# no other character lowers to e, t or p, so a word before that ends otherwise is none.
_FEATURE_BEFORE_LAST = frozenset("".join(w[-1] + w[-1].upper() for w in FEATURE_BEFORE))


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Given names from the US Census 1990 lists in the ``names`` package (about 5,500).

    Only ever evidence about the word *after* one: "Jessica McDonald" makes
    McDonald a surname, but "Georgia" or "Florence" alone stay places.
    """
    from importlib.resources import files

    out = set()
    for part in ("dist.female.first", "dist.male.first"):
        for line in (files("names") / part).read_text(encoding="ascii").splitlines():
            if line.strip():
                out.add(line.split()[0].lower())
    return frozenset(out)


@lru_cache(maxsize=2)
def surnames(gaz: Gazetteer) -> frozenset[str]:
    """The 20,000 commonest US Census 1990 surnames (``names`` package), less English words.

    "Stevens", "Peterson", "Beckham": evidence that the word *before* is a
    given name. Surnames that are also common words (Park, Hall, Street,
    Smith) say nothing: "Lincoln Park" is a place. The list is ordered by
    frequency; its rare tail is mostly noise for this purpose. Word frequencies
    come from the gazetteer's table, not from wordfreq itself: asking wordfreq
    20,000 times cost half a second on the first English article.
    """
    from importlib.resources import files

    lines = (files("names") / "dist.all.last").read_text(encoding="ascii").splitlines()
    words = (line.split()[0].lower() for line in lines[:SURNAMES] if line.strip())
    return frozenset(w for w in words if gaz.zipf(w, "en") < COMMON_SURNAME_ZIPF)


def given_name(gaz: Gazetteer, text: str, hit: Hit) -> bool:
    """A place's name used as a given name: "Georgia Stevens", "Paul Block", "Jordan Peterson".

    Both halves must be in the census lists (a given name, then a surname
    that is no common word), written one space apart.
    """
    if " " in hit.key or hit.key not in first_names():
        return False
    nxt = next_word(text, hit.end)
    return bool(nxt and nxt[0] == " " and nxt[1][:1].isupper() and nxt[1][1:].islower()
                and nxt[1].lower() in surnames(gaz))


def strong(gaz: Gazetteer, hit: Hit) -> bool:
    """Countries, regions and big cities are not taken for people or words."""
    summary = gaz.summary(hit.candidates)
    return bool(summary.kinds & AREA_KINDS) or summary.max_population >= SMALL_TOWN


def area(gaz: Gazetteer, hit: Hit) -> bool:
    """Countries, regions and landmarks stay places next to an organisation noun.

    "Kremlin-chef" still names the Kremlin; only towns lend their names to
    units and companies often enough (Azov-bataljon, Wagner Group).
    """
    return bool(gaz.summary(hit.candidates).kinds & AREA_KINDS)


# "Department of the Gulf", "Army of the Potomac", "DEPARTMENT OF THE PACIFIC": a command
# named after the region or river it holds, an organisation however big the place is.
_COMMAND_OF_THE = re.compile(
    r"\b(?:department|dept\.|army|military division|division|district|command|squadron|fleet)"
    r"\s+of\s+the\s+$", re.IGNORECASE)


def command_of_the(text: str, start: int) -> bool:
    """Whether the name at ``start`` completes a military command's ("Army of the Potomac")."""
    return (text[start - 4:start].lower() == "the "  # the cheap test first
            and _COMMAND_OF_THE.search(text, max(0, start - 40), start) is not None)


def titled_the(gaz: Gazetteer, text: str, hit: Hit) -> bool:
    """"A video by The Atlantic": a capital The inside a sentence makes a title, not a place.

    Names that own their "The" (The Hague, The Bronx) are matched whole and
    never get here; a country keeps it ("The Gambia").
    """
    return (text[hit.start - 4:hit.start] == "The "
            and not sentence_initial(text, hit.start - 4)
            and PlaceKind.COUNTRY not in gaz.summary(hit.candidates).kinds)


def name_tail(gaz: Gazetteer, text: str, hit: Hit) -> bool:
    """An English common noun that ends a longer name: "Trillium Health Centre",
    "Texas A&M University", "Queensland Police".

    English names organisations with a capitalised common noun after other
    capitalised words; the noun is then no town of that name, whatever
    GeoNames has (Centre, Police, University). Countries, regions and big
    cities are exempt unless the word is an institution's noun ("Original
    Texas Playboys" keeps Texas, "Islamic Centre" loses Centre). A feature
    word ends the name of a valley or bay the gazetteer does not have
    ("Round Valley", "Piedmont Valley"): no town or region called Valley.
    """
    feature = hit.key in FEATURE_AFTER
    if (" " in hit.key or hit.sentence_initial
            or (gaz.zipf(hit.key, "en") < 4.5 and not feature)):
        return False
    # What the places are decides before the text is read (the cheaper test first).
    if PlaceKind.COUNTRY in gaz.summary(hit.candidates).kinds or not (
            hit.key in INSTITUTION_NOUNS or feature or not strong(gaz, hit)):
        return False
    token = token_before(text, hit.start)
    if not token or not token[0].isupper() or token.endswith(("'s", "’s")):
        return False
    # "A Texas court", "In Asia": a function word, not a name
    return gaz.zipf(word_key(token), "en") < FUNCTION_WORD_ZIPF

# Nouns after a place's name that make it a disease's: "West Nile virus", "Lassa fever".
DISEASE_NOUNS = frozenset("virus fever flu influenza disease encephalitis syndrome".split())


def disease_name(gaz: Gazetteer, text: str, hit: Hit) -> bool:
    """A river's or small town's name in a disease's: "West Nile virus", "Marburg virus".

    Diseases are named after where they were found, and health news names
    them far more often than the places. Countries, regions and cities of a
    million keep their names ("Texas virus cases", "Hong Kong flu" is rare
    beside Hong Kong).
    """
    nxt = next_word(text, hit.end)
    if not nxt or nxt[0] != " " or nxt[1].lower() not in DISEASE_NOUNS:
        return False
    summary = gaz.summary(hit.candidates)
    return (not summary.kinds & {PlaceKind.COUNTRY, PlaceKind.REGION}
            and summary.max_population < BIG_CITY)


def name_pairs(gaz: Gazetteer, text: str, hits: list[Hit]) -> dict[int, str]:
    """Two place names in a row are a person's names: "Nancy Kellogg", "Hugh Carey".

    Places are not written one after another with only a space between
    them ("Kellogg, Idaho" takes a comma), but people are often named
    after places. The second must be a small town's name (the surname);
    the first goes too unless it is a country, region or big city
    ("Georgia Stevens" loses only Stevens). Returns hit index → 'first'
    or 'surname'. English only: Dutch puts subject and object side by side ("dat
    Oekraïne Bachmoet zal opgeven").
    """
    roles: dict[int, str] = {}
    for i in range(len(hits) - 1):
        a, b = hits[i], hits[i + 1]
        if (b.start - a.end != 1 or text[a.end] != " " or not a.surface[:1].isupper()
                or a.surface.isupper() or b.surface.isupper()
                or "." in a.surface or "." in b.surface or strong(gaz, b)
                or gaz.zipf(a.key, "en") >= FUNCTION_WORD_ZIPF
                or b.key in FEATURE_AFTER or a.key in FEATURE_BEFORE):
            continue
        roles[i + 1] = "surname"
        if not (area(gaz, a) or gaz.summary(a.candidates).max_population >= BIG_CITY):
            roles[i] = "first"
    return roles

def widen_feature(text: str, hit: Hit) -> Hit:
    """The hit widened over a feature word: "Missouri River", "Lake Geneva" (itself if none).

    English writes these as one proper name, and the annotation takes the
    whole name; the place the feature is named after gives its point.
    """
    start, end, feature = hit.start, hit.end, ""
    # The cheap test first: most names are followed by no capitalised word.
    nxt = next_word(text, end) if text[end + 1:end + 2].isupper() else None
    if nxt and nxt[0] == " " and nxt[1].lower() in FEATURE_AFTER:
        end += 1 + len(nxt[1])
        feature = FEATURE_AFTER[nxt[1].lower()]
    # The cheap test first: the word before, one space apart, ends as a feature word does
    # ("in Geneva", "General Grant": most names follow none).
    before = (word_before(text, start) if start >= 2 and text[start - 1] == " "
              and text[start - 2] in _FEATURE_BEFORE_LAST else None)
    if before and before[0].lower() in FEATURE_BEFORE and before[0][:1].isupper():
        start = before[1]
        feature = FEATURE_BEFORE[before[0].lower()]
    if not feature:
        return hit
    return replace(hit, start=start, end=end, surface=text[start:end], feature=feature,
                   sentence_initial=sentence_initial(text, start))


class English:
    """The English evidence against each hit of an article, in one call per hit.

    Most capitalised names are no given name, no common noun that could end
    an institution's name, and follow no "the"; what the first two need of
    the key alone is kept per key, so that for most hits no rule reads the
    text around them (these tests ran for every hit of every English article).
    """

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        # key → (given name?, name's tail?)
        self._keys: BoundedCache[str, tuple[bool, bool]] = BoundedCache(500_000)

    def _key_tests(self, key: str) -> tuple[bool, bool]:
        """Whether ``given_name`` and ``name_tail`` can hold for a key, whatever the text."""
        alone = " " not in key
        return self._keys.keep(key, (
            alone and key in first_names(),
            alone and (key in FEATURE_AFTER or self.gaz.zipf(key, "en") >= 4.5)))

    def against(self, text: str, hit: Hit) -> tuple[Hit, str]:
        """The hit widened over a feature word, and what speaks against it as a place.

        'person': a given name ("Georgia Stevens"); 'name': part of an
        institution's or a command's name, or a title ("Trillium Health
        Centre", "Army of the Potomac", "by The Atlantic") or a disease's
        ("West Nile virus"); '': nothing.
        """
        hit = widen_feature(text, hit)
        return hit, self._verdict(text, hit)

    def _verdict(self, text: str, hit: Hit) -> str:
        """What speaks against a (widened) hit as a place (see ``against``)."""
        given, tail = self._keys.get(hit.key) or self._key_tests(hit.key)
        if given and given_name(self.gaz, text, hit):
            return "person"
        if tail and name_tail(self.gaz, text, hit):
            return "name"
        if (text[hit.start - 4:hit.start].lower() == "the "  # the cheap test of both
                and (command_of_the(text, hit.start) or titled_the(self.gaz, text, hit))):
            return "name"
        if disease_name(self.gaz, text, hit):
            return "name"
        return ""
