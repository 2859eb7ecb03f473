"""City or oblast of the same name: what the words around a bare name say.

Kherson, Zaporizhzhia, Donetsk, Kharkiv and Luhansk are each a city and the
oblast named after it. An explicit cue decides ("Kherson region", "the city
of Donetsk", "Gebiet Luhansk": ``resolve_cues``); without one, war news
still says which it means in the way it talks about the place:

* city-like: a distance ("in Zaporizhzhia, 80 kilometres to the north",
  "40 km from Kherson"), a direction from it ("north of Donetsk", "ten
  noorden van Donetsk", "nördlich von Donezk"), being in, near or outside
  it ("in Kherson", "bei Cherson", "nabij Charkiv"), its districts and
  outskirts ("Kherson's Dniprovskyi district", "outskirts of Donetsk",
  "am Stadtrand von Charkiw"), "Kharkiv city"; coming from or going to it
  ("aus Odessa", "naar Charkiv"; not English "from", "to": "to New York" is as often
  the state).
* adjectives between those words and the name change nothing ("north of
  occupied Donetsk", "in het bezette Donetsk"); in German an article with
  an adjective before a bare name says town ("im russischen Belgorod", "im
  umkämpften Bachmut"): a region would be "im russischen Gebiet Belgorod".

These cues speak only for a name that is both a city and a region, never
making a city of a country ("in Mexico"). "in", "near" and the like also go
with a region, so they count only until the article has named the place
with an explicit cue: "provincie Loehansk … in Loehansk" stays the oblast
(one sense per article); a distance or a district does not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from mapapp.gazetteer.name_kinds import NameKind
from mapapp.geoparse.recognise.cues import LIST_GLUE, Cue
from mapapp.model import PlaceKind
from mapapp.text.name_keys import words_before

if TYPE_CHECKING:
    from mapapp.gazetteer.index import Candidate, Gazetteer
    from mapapp.geoparse.recognise.hits import Hit

_UNIT = r"(?:km|kilomet(?:er|re)s?|Kilometern?|miles?|mijl)"
_DISTANCE_AFTER = re.compile(
    rf",?\s*(?:about |some |around |roughly |rund |etwa |ongeveer |zo'n )?\d+(?:[.,]\d+)?"
    rf"\s*{_UNIT}(?!\w)", re.IGNORECASE)
_DISTANCE_BEFORE = re.compile(
    rf"\d+(?:[.,]\d+)?\s*{_UNIT}\s+(?:[^\W\d_]+\s+){{0,3}}$", re.IGNORECASE)
_CITY_AFTER = re.compile(r"(?:[- ](?:city|City|Stadt|stad)|(?:'s|’s)\s+(?:[A-Z][\w-]+\s+)?"
                         r"(?:district|districts|neighbou?rhoods?|suburbs?|outskirts|"
                         r"city cent(?:re|er)|residents|mayor))(?!\w)")
_POSSESSIVE = re.compile(r"^[,\s]*(?:['’]s\s+)?")
# The word right before the name that puts one at a town: in, near, outside it.
_AT = frozenset("""
in near outside around opposite bij nabij buiten rond tegenover bei nahe vor unweit gegenüber
aus nach uit naar vanuit
в у під под біля около возле поблизу близ
""".split())
# Lower-case attributive adjectives right before a name (German/Dutch endings, English -ed).
_ADJECTIVES = re.compile(r"(?:(?<=\s)[a-zäöüß][a-zäöüß-]{2,}(?:e|en|er|es|em|ed)\s+){1,2}$")
_GERMAN_ARTICLE_AT = frozenset("im am beim vom zum".split())
_ARTICLES = frozenset("de het the der die das dem den des".split())
_CENTRES = frozenset("centre center centrum zentrum".split())
_OF = frozenset("of van von".split())
# Before "of": what only a town has, or a direction from a point.
_TOWN_PARTS = frozenset("""
north south east west northeast northwest southeast southwest north-east north-west
south-east south-west noorden zuiden oosten westen noordoosten noordwesten zuidoosten
zuidwesten nördlich südlich östlich westlich nordöstlich nordwestlich südöstlich südwestlich
outskirts suburbs centre center rand stadtrand zentrum stadtzentrum centrum buitenwijken
rand stadtteil stadtteile innenstadt city town stadt
""".split())
# After "in": what belongs to a region rather than a town (the gold's "steden in Donetsk").
_NOT_AFTER_IN = re.compile(r"[- ](?:region|oblast|province|provincie|regio|Gebiet|Oblast"
                           r"|Region)(?!\w)")


def city_like(text: str, hit: Hit) -> tuple[str, bool]:
    """The words that speak of a town by this name ('' if none), and whether they are
    strong: only a town has them (a distance, a district, "Kharkiv city"), where "in"
    or "near" also go with a region."""
    if m := (_DISTANCE_AFTER.match(text, hit.end) or _CITY_AFTER.match(text, hit.end)):
        return _POSSESSIVE.sub("", m.group()).strip(), True
    start = hit.start
    adjectives = _ADJECTIVES.search(text, max(0, start - 40), start)
    if adjectives:
        start = adjectives.start()
    before = words_before(text, start)
    if not before:
        return "", False
    last = before[-1]
    if adjectives and last in _GERMAN_ARTICLE_AT:
        return f"{last} {adjectives.group().strip()}", True
    if adjectives and last in _ARTICLES and len(before) > 1:
        before = before[:-1]  # "ten noorden van het bezette Donetsk"
        last = before[-1]
    if last in _OF and len(before) > 1 and before[-2] in _TOWN_PARTS:
        if before[-2] in _CENTRES and len(before) > 2 and before[-3] not in _ARTICLES:
            return "", False  # "het logistieke centrum van Loehansk": a hub of the region
        return f"{before[-2]} {last}", True
    if last in _TOWN_PARTS and last.endswith("lich"):
        return last, True  # "nördlich Donezks"
    if m := _DISTANCE_BEFORE.search(text, max(0, hit.start - 60), hit.start):
        return m.group().strip(), True
    if last in _AT and not _NOT_AFTER_IN.match(text, hit.end):
        return last, False
    return "", False


# The city an oblast is named after is its centre, never a village (a town called Oklahoma
# in Pennsylvania makes no city of "in Oklahoma").
NAMESAKE_POPULATION = 50_000


# "in X" speaks of the city only where the city is much of its region (GeoNames' figures:
# Kherson 11 %, Donetsk 14 %, Luhansk 16 %, Kharkiv 47 % of their oblasts); "in Quebec"
# (5 %) is the province.
WEAK_SHARE = 0.1


def namesake_share(gaz: Gazetteer, cands: tuple[Candidate, ...]) -> float:
    """The share of its region's people that a same-named city inside it holds, for a name
    that is a region and a sizeable city in it (Kherson, Donetsk); 0 for other names.

    The same for every mention of a name: resolution keeps it per candidate list
    (``resolve.facts``)."""
    kinds = gaz.summary(cands).kinds
    if (PlaceKind.CITY not in kinds or PlaceKind.REGION not in kinds
            or PlaceKind.COUNTRY in kinds):
        return 0.0
    pops = gaz.populations
    if any(gaz.kinds[c.row] == PlaceKind.REGION and gaz.sources[c.row] != "admin1"
           for c in cands):
        return 0.0  # a named region or continent ("in Africa"), not an oblast
    # A city's exonyms and romanisations count (Charkiw, Cherson, Mykolajiw: GeoNames files
    # the German forms among its alternates); the size and admin-1 tests below keep out
    # small places that once carried the name.
    rows = [c.row for c in cands if c.name_kind <= NameKind.ROMANISED]
    if not {gaz.kinds[r] for r in rows} >= {PlaceKind.CITY, PlaceKind.REGION}:
        return 0.0
    city = max((r for r in rows if gaz.kinds[r] == PlaceKind.CITY), key=lambda r: pops[r])
    region = max((r for r in rows if gaz.kinds[r] == PlaceKind.REGION), key=lambda r: pops[r])
    if (pops[city] < NAMESAKE_POPULATION or gaz.countries[city] != gaz.countries[region]
            or gaz.admin1s[city] != gaz.admin1s[region]):
        return 0.0  # the biggest of each are no pair (Victoria: Hong Kong, Australia's state)
    return pops[city] / max(pops[region], 1)


def add_city_cues(gaz: Gazetteer, text: str, hits: list[Hit], cues: list[Cue | None],
                  shares: Sequence[float] | None = None) -> list[Cue | None]:
    """``cues`` with a town cue for each uncued homonym whose words speak of a town.

    ``shares``: each hit's ``namesake_share``, when the caller keeps them per name.
    """
    explicit: set[str] = set()
    out = list(cues)
    for i, hit in enumerate(hits):
        if cues[i] is not None:
            explicit.add(hit.key)
            continue
        share = namesake_share(gaz, hit.candidates) if shares is None else shares[i]
        if not share:
            continue
        why, strong = city_like(text, hit)
        if not why:
            why = _listed_after_at(text, hits, i)
        if why and (strong or (hit.key not in explicit and share >= WEAK_SHARE)):
            out[i] = Cue(PlaceKind.CITY, why)
    return out


def _listed_after_at(text: str, hits: list[Hit], i: int) -> str:
    """The words from "in" (or near, bij, nach …) to a later member of the list it governs
    ("in Lviv, Dnipro, Zaporizja en" before Charkiv), or ''. The preposition puts every
    member at a town, as it puts the first one (a weak cue, as "in" is). Only a list with
    "and" (en, und …) in it: "in Queens, New York" names a town and its state."""

    def glue(n: int) -> str | None:  # what joins hits n and n + 1, if a list does
        m = LIST_GLUE.match(text[hits[n].end:hits[n + 1].start])
        return m.group().strip(", \t\n") if m else None

    j = k = i
    joins: set[str] = set()  # "", "en", "and" …: a comma alone may join a town and its state
    while j and (join := glue(j - 1)) is not None:
        joins.add(join)
        j -= 1
    while k + 1 < len(hits) and (join := glue(k)) is not None:
        joins.add(join)
        k += 1
    if j == i or _NOT_AFTER_IN.match(text, hits[i].end) or not joins - {""}:
        return ""
    before = words_before(text, hits[j].start)
    if not before or before[-1] not in _AT:
        return ""
    lo = max(0, hits[j].start - 40)  # the window words_before read
    seg = text[lo:hits[j].start].rstrip()
    at = lo + len(seg) - len(seg.split()[-1])  # where "in" starts
    words = " ".join(text[at:hits[i].start].split())
    return words if len(words) <= 60 else f"{before[-1]} … {words.rsplit(' ', 1)[-1]}"
