"""Cue words: what the words around a name say about the kind of place it names.

"provincie Donetsk", "the city of X", "de steden Lyman en Siversk": a cue
makes a region or a town of an ambiguous name, and a list passes its first
member's cue on to the rest; "London, Arkansas" puts a town in a state,
"Hugo, Oklahoma" names the state; "volgens Moskou" makes a capital stand
for its government where "in Moskou" does not. Resolution weighs these
(see ``resolve``); they live with recognition because they read the text around the
names.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mapapp.model import PlaceKind
from mapapp.text.name_keys import words_before

if TYPE_CHECKING:
    from mapapp.gazetteer.index import Gazetteer
    from mapapp.geoparse.recognise.hits import Hit

# Cue words, looked up in the last words before a name (cheaper than regexes ending in $).
REGION_WORDS = frozenset("""
provincie provincies regio regio's regio’s oblast oblasts region regions province
provinces gebied deelstaat deelstaten state district raion rajon republiek republic kanton
county gebiet gebiete gebiets gebietes regionen provinz bezirk republik bundesland
""".split())
CONTAINER_WORDS = frozenset(
    "steden dorpen plaatsen gemeenten frontsteden cities towns villages städte dörfer orte "
    "ortschaften".split())
CITY_WORDS = frozenset(
    "stadje plaats plaatsje gemeente town city village cities towns villages hoofdstad capital "
    "stadt städte kleinstadt großstadt grossstadt frontstadt dorf dörfer ort ortschaft siedlung "
    "hauptstadt".split())
_CITY_ENDINGS = ("stad", "steden", "dorp", "dorpen")
_FILLERS = frozenset("de het the hele whole der die das dem den des".split())
# After the name: "Donetsk-regio", "Luhansk Oblast"; in English also what only a state or
# province has ("Washington state", "New York Gov. Cuomo", "the Texas Legislature").
_REGION_AFTER = re.compile(r"[- ](regio|oblast|provincie|region|province|Oblast|Region"
                           r"|state|Gov\.|Governor|governor|Legislature|legislature)(?!\w)")
# What joins the members of a list ("Lviv, Dnipro en Charkiv"); a list shares its first
# member's cue (here) and the word before it (resolve.homonyms).
LIST_GLUE = re.compile(r"^(?:,\s*|\s+(?:en|and|of|or|und|et|i)\s+)$")
_APPOSITION = re.compile(r",[ \t]*|[ \t]*\([ \t]*")


@dataclass
class Cue:
    kind: PlaceKind  # REGION or CITY
    word: str


def cue_of(text: str, hit: Hit) -> Cue | None:
    """The cue word before (or after) a hit that says region or town, if any.

    "provincie Donetsk", "de regio's Donetsk", "oblast van Loehansk" → region;
    "steden in (de) Donetsk" → region (it holds towns); "stad/frontstad X",
    "het dorp X" → town.
    """
    words = words_before(text, hit.start)
    if words:
        last = words[-1]
        if last in ("van", "of", "von") and len(words) > 1 and words[-2] in REGION_WORDS:
            return Cue(PlaceKind.REGION, words[-2])
        if last in REGION_WORDS:
            return Cue(PlaceKind.REGION, last)
        if last in _FILLERS or last in ("in", "van", "of", "im"):  # the cheap test first
            rest = [w for w in words if w not in _FILLERS]
            if (len(rest) >= 2 and rest[-1] in ("in", "van", "of", "im")
                    and rest[-2] in CONTAINER_WORDS):
                return Cue(PlaceKind.REGION, rest[-2])
        if last in CITY_WORDS or last.endswith(_CITY_ENDINGS):
            return Cue(PlaceKind.CITY, last)
    m = _REGION_AFTER.match(text, hit.end, hit.end + 12)
    return Cue(PlaceKind.REGION, m.group(1).lower()) if m else None


def cues(text: str, hits: list[Hit]) -> list[Cue | None]:
    """Each hit's cue, lists inheriting the cue of their first member."""
    out: list[Cue | None] = []
    for i, hit in enumerate(hits):
        cue = cue_of(text, hit)
        if (cue is None and i and out[i - 1] is not None
                and LIST_GLUE.match(text[hits[i - 1].end:hit.start])):
            cue = out[i - 1]
        out.append(cue)
    return out


# A list goes on after Y ("Paris, New York and Chicago"): Y is one more town, not X's state.
_LIST_GOES_ON = re.compile(r"(?:,\s*|\s+(?:and|or|en|of)\s+)[A-Z]")

Areas = dict[int, frozenset[tuple[str, str]]]


def containers(gaz: Gazetteer, text: str, hits: list[Hit]) -> tuple[Areas, Areas]:
    """What "X, Y" says: X is in Y ("London, Arkansas", "London, Ont.", "Paris, France"),
    and Y is the state or country X is in ("Hugo, Oklahoma" is the state).

    The first map is keyed by the start of X and holds (country, admin-1
    code) for each state or province Y may be, and (country, "") for each
    country. The second is keyed by the start of Y and holds those areas of
    Y that some place called X lies in; not where a list goes on after Y,
    nor where X is itself the last of a list. One pass serves both.
    """
    inside_of: Areas = {}
    named: Areas = {}
    for i, (hit, nxt) in enumerate(itertools.pairwise(hits)):
        if not _APPOSITION.fullmatch(text, hit.end, nxt.start):
            continue
        areas = gaz.areas(nxt.candidates)
        if not areas:
            continue
        inside_of[hit.start] = areas
        if _LIST_GOES_ON.match(text, nxt.end) or (
                i and LIST_GLUE.match(text[hits[i - 1].end:hit.start])):
            continue
        homes = gaz.areas_of(hit.candidates)
        if mine := frozenset(a for a in areas if a in homes):
            named[nxt.start] = mine
    return inside_of, named


def named_share(gaz: Gazetteer, row: int, named: list[frozenset[tuple[str, str]]],
                mentions: int) -> float:
    """The share of the mentions that name, as Y of "X, Y", the area this candidate is
    (see ``named_containers``); 0 for a candidate that is no state, province or country."""
    if gaz.kinds[row] == PlaceKind.COUNTRY:
        area = (gaz.countries[row], "")
    elif gaz.sources[row] == "admin1":
        area = (gaz.countries[row], gaz.admin1s[row])
    else:
        return 0.0
    return sum(1 for areas in named if area in areas) / mentions


def cue_reason(kind: str, cue: Cue | None) -> list[str]:
    """The words that explain a cue a place of this kind agrees with (none otherwise)."""
    if cue is None or kind != cue.kind:
        return []
    what = "region" if cue.kind == PlaceKind.REGION else "town or city"
    return [f"“{cue.word}” next to the name points to a {what}"]


# Words before a capital's name that make it the place, not its government ("in Kyiv").
_LOCATIVE = frozenset("""
in naar aan uit bij rond nabij buiten vanuit door over tot richting om van to at from near
into around outside via nach aus bei
""".split())
_WORD_BEFORE = re.compile(r"(\w+)\s+$")


def metonymy(gaz: Gazetteer, text: str, hit: Hit, row: int) -> bool:
    """A capital or seat of power standing for its government ("volgens Moskou")."""
    if not gaz.metonyms[row]:
        return False
    if gaz.kinds[row] == PlaceKind.OTHER:
        return True
    m = _WORD_BEFORE.search(text[max(0, hit.start - 20):hit.start])
    return not (m and m.group(1).lower() in _LOCATIVE)
