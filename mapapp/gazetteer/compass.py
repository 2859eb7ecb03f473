"""Compass compounds of countries and admin-1 units: Oost-Oekraïne, Noord-Loehansk.

Reporting names parts of a country or oblast by direction far more often than
any list records them ("Oost-Oekraïne", "Eastern Ukraine", "Ostukraine"), so
the gazetteer makes one place per direction for every country and admin-1
unit, at the middle of the towns in that part, and gives it every such name
in Dutch, German and English. Part of the gazetteer build.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable

from mapapp.gazetteer.build import Tables
from mapapp.gazetteer.name_kinds import NameKind, unpack
from mapapp.model import PlaceKind
from mapapp.text.name_keys import name_key

# The names a compass compound is made from: not abbreviations, not other compounds.
_BASE_NAME_KINDS = (NameKind.PRIMARY, NameKind.EXONYM, NameKind.ALTERNATE, NameKind.ROMANISED)

# Compass prefixes: Dutch compounds with a hyphen, German glued, English as adjectives.
COMPASS_PREFIXES = {
    "N": ("Northern", ("Noord-",), ("Nord",), ("Northern ", "North ")),
    "S": ("Southern", ("Zuid-",), ("Süd",), ("Southern ", "South ")),
    "E": ("Eastern", ("Oost-",), ("Ost",), ("Eastern ", "East ")),
    "W": ("Western", ("West-",), ("West",), ("Western ", "West ")),
    "NE": ("North-eastern", ("Noordoost-",), ("Nordost",), ("Northeastern ", "North-eastern ")),
    "NW": ("North-western", ("Noordwest-",), ("Nordwest",), ("Northwestern ", "North-western ")),
    "SE": ("South-eastern", ("Zuidoost-",), ("Südost",), ("Southeastern ", "South-eastern ")),
    "SW": ("South-western", ("Zuidwest-",), ("Südwest",), ("Southwestern ", "South-western ")),
    "C": ("Central", ("Midden-", "Centraal-"), ("Zentral",), ("Central ",)),
}


def _sector(points: list[tuple[float, float]], direction: str) -> tuple[float, float] | None:
    """Median of the points in the outer quarter of their (robust) extent.

    A quarter, not a third: "Oost-Oekraïne" in the news is the Donbas and
    Kharkiv, not everything east of the Dnipro.
    """
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo = lambda xs: xs[len(xs) // 20]  # noqa: E731 - 5th percentile, ignores outliers
    hi = lambda xs: xs[-1 - len(xs) // 20]  # noqa: E731
    lat_cut = (lo(lats) + (hi(lats) - lo(lats)) / 4, hi(lats) - (hi(lats) - lo(lats)) / 4)
    lon_cut = (lo(lons) + (hi(lons) - lo(lons)) / 4, hi(lons) - (hi(lons) - lo(lons)) / 4)
    tests = {"N": lambda a, o: a >= lat_cut[1], "S": lambda a, o: a <= lat_cut[0],
             "E": lambda a, o: o >= lon_cut[1], "W": lambda a, o: o <= lon_cut[0],
             "C": lambda a, o: lat_cut[0] < a < lat_cut[1] and lon_cut[0] < o < lon_cut[1]}
    if len(direction) == 2:
        inside = [p for p in points if tests[direction[0]](*p) and tests[direction[1]](*p)]
    else:
        inside = [p for p in points if tests[direction](*p)]
    if len(inside) < 3:
        return None
    return statistics.median(p[0] for p in inside), statistics.median(p[1] for p in inside)


def add_compass(t: Tables, cities: list[dict], base_rows: Iterable[int]) -> None:
    """Compass compounds of countries and admin-1 units: Oost-Oekraïne, Noord-Loehansk."""
    by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    by_unit: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for c in cities:
        point = (c["latitude"], c["longitude"])
        by_country[c["countrycode"]].append(point)
        by_unit[(c["countrycode"], c.get("admin1code") or "")].append(point)
    base_names: dict[int, list[str]] = defaultdict(list)
    wanted = set(base_rows)
    for key, codes in t.index.items():
        for row, how in map(unpack, codes):
            if row in wanted and how in _BASE_NAME_KINDS:
                base_names[row].append(key)
    for row in wanted:
        is_country = t.kinds[row] == PlaceKind.COUNTRY
        if is_country:
            points = by_country.get(t.countries[row], [])
        else:
            points = by_unit.get((t.countries[row], t.admin1s[row]), [])
        if len(points) < 10:
            continue
        _add_compass_row(t, row, points, base_names[row], is_country)


def _add_compass_row(t: Tables, row: int, points: list[tuple[float, float]],
                     keys: list[str], is_country: bool) -> None:
    for direction, (label, nl, de, en) in COMPASS_PREFIXES.items():
        point = _sector(points, direction)
        if point is None:
            continue
        new = t.add_place(f"c:{direction}:{t.ids[row]}", f"{label} {t.names[row]}",
                          PlaceKind.REGION, "compass", point[0], point[1], t.countries[row],
                          t.admin1s[row])
        names = [p + key for key in keys if " " not in key
                 for p in (*nl, *(de + en if is_country else ()))]
        for name in names:
            # West Virginia and South Australia are places of their own, not compass parts.
            if name_key(name) not in t.index:
                t.add_name(new, name, NameKind.COMPASS)
