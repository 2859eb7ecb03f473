"""Admin-1 boundaries and region unions, imported by the user.

Articles name regions as often as towns ("provincie Donetsk", "de Krim",
"Donbas"); a point in the middle of an oblast says little, its outline says
what the article means. Boundary files are third-party data (geoBoundaries
from OpenStreetMap under ODbL, Natural Earth in the public domain), so they
are imported from a file the user points at, into
``<data_dir>/boundaries/boundaries.parquet`` (GeoParquet, one row a unit).
Without them the app keeps regions as points.

Each unit is keyed by its ISO 3166-2 code ("UA-14") when it has one, so the
app can match it to the gazetteer's regions by code, and also by every name
it carries (English, Dutch, Ukrainian, …) casefolded. Region unions without a
code (Donbas = UA-14 + UA-09) are keyed by name.

The union of the Ukrainian units is also Ukraine's outline, which tells the
front line apart from the border and coast (``frontline_geometry``); it is
computed at import and stored beside the units.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import shapely
from shapely.geometry.base import BaseGeometry

from mapapp.frontline.geostore import (
    FileOutcome,
    InputFileError,
    expand_inputs,
    feature_list,
    polygonal,
    read_geoparquet,
    read_json_file,
    write_geoparquet,
)

SUBDIR = "boundaries"
GEOBOUNDARIES_CREDIT = ("Boundaries: © OpenStreetMap contributors (ODbL 1.0), "
                        "courtesy of geoBoundaries.org")
NATURAL_EARTH_CREDIT = "Boundaries: Made with Natural Earth (public domain)"
MIN_UKRAINE_UNITS = 24
_ISO_KEYS = ("iso_3166_2", "shapeISO", "ISO_3166_2", "iso")
_ISO_RE = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")
_NAME_KEYS = ("name_en", "name", "shapeName", "NAME_1", "name_nl", "name_uk", "name_local",
              "name_iso", "gn_name", "woe_name")
_LANG_NAME = re.compile(r"^name_[a-z]{2,3}$")
_PREFIXES = ("provincie ", "province of ", "oblast ", "de ", "het ", "the ")
_SUFFIXES = (" oblast", " oblast'", " oblastʹ", " region", " province", " provincie", " область")


@dataclass(frozen=True)
class Shape:
    """One admin unit or region union, with its outline in lon/lat."""

    key: str
    iso: str
    names: tuple[str, ...]
    kind: str  # "admin1" or "region"
    components: tuple[str, ...]
    geometry: BaseGeometry
    credit: str
    source: str = ""

    @property
    def name(self) -> str:
        return self.names[0] if self.names else self.key

    def display_geojson(self, tolerance: float = 0.005) -> dict:
        """A GeoJSON Feature simplified for drawing (0.005° ≈ 400–550 m)."""
        simple = shapely.set_precision(
            shapely.simplify(self.geometry, tolerance, preserve_topology=True), 1e-4)
        return {"type": "Feature", "geometry": json.loads(shapely.to_geojson(simple)),
                "properties": {"key": self.key, "iso": self.iso, "name": self.name,
                               "kind": self.kind, "credit": self.credit}}


def _names(props: dict) -> tuple[str, ...]:
    keys = list(_NAME_KEYS) + sorted(k for k in props if _LANG_NAME.match(k) and k != "name_alt")
    found: list[str] = []
    for key in keys:
        value = props.get(key)
        if isinstance(value, str) and value.strip():
            found.append(value.strip())
    alt = props.get("name_alt")
    if isinstance(alt, str):
        found.extend(a.strip() for a in alt.split("|") if a.strip())
    return tuple(dict.fromkeys(found))


def _iso(props: dict) -> str:
    for key in _ISO_KEYS:
        value = props.get(key)
        if isinstance(value, str) and _ISO_RE.match(value.strip().upper()):
            return value.strip().upper()
    return ""


def _credit(doc: dict, props: dict, path: Path) -> str:
    said = " ".join(str(doc.get(k, "")) for k in ("source", "license", "attribution")).lower()
    if "geoboundaries" in said or "openstreetmap" in said or "shapeISO" in props \
            or "gb_shapeID" in props:
        return GEOBOUNDARIES_CREDIT
    if "natural earth" in said or "adm1_code" in props:
        return NATURAL_EARTH_CREDIT
    return str(doc.get("attribution") or doc.get("license") or f"Boundaries: {path.name}")[:300]


def _shape(feature: dict, doc: dict, path: Path, index: int) -> tuple[Shape, str]:
    props = feature.get("properties") or {}
    iso, names = _iso(props), _names(props)
    if not iso and not names:
        raise InputFileError(path, "has neither an ISO 3166-2 code (iso_3166_2, shapeISO) "
                             "nor a name (name, name_en, shapeName); it could not be matched "
                             "to any place", index)
    geom, warning = polygonal(feature.get("geometry"), path, index)
    if geom.is_empty:
        raise InputFileError(path, "has an empty geometry", index)
    components = tuple(str(c) for c in props.get("components") or ())
    kind = "admin1" if iso and not components else "region"
    return Shape(iso or names[0], iso, names, kind, components, geom,
                 _credit(doc, props, path), path.name), warning


def parse_boundary_file(path: Path | str) -> tuple[list[Shape], list[str]]:
    """The units of one GeoJSON boundary file, and warnings about repaired rings.

    Raises
    ------
    InputFileError
        Missing, empty or malformed file, or a feature without code and name
        or without an area; the message names the file and feature.
    """
    path = Path(path)
    doc = read_json_file(path)
    shapes, warnings = [], []
    for index, feature in enumerate(feature_list(doc, path)):
        shape, warning = _shape(feature, doc, path, index)  # type: ignore[arg-type]
        shapes.append(shape)
        warnings.extend([warning] if warning else [])
    return shapes, warnings


def store_path(data_dir: Path) -> Path:
    return Path(data_dir) / SUBDIR / "boundaries.parquet"


def outline_path(data_dir: Path) -> Path:
    return Path(data_dir) / SUBDIR / "ukraine_outline.parquet"


def read_shapes(data_dir: Path) -> list[Shape]:
    """Every stored unit; [] when nothing was imported."""
    path = store_path(data_dir)
    if not path.is_file():
        return []
    cols, geoms = read_geoparquet(path)
    return [Shape(cols["key"][i], cols["iso"][i], tuple(json.loads(cols["names"][i])),
                  cols["kind"][i], tuple(json.loads(cols["components"][i])), geom,
                  cols["credit"][i], cols["source"][i]) for i, geom in enumerate(geoms)]


def outline_of(shapes: Iterable[Shape], country: str = "UA") -> BaseGeometry | None:
    """The union of a country's admin-1 units without holes, or None if too few.

    Gaps between simplified neighbours would otherwise show up as holes, and
    Ukraine has no enclaves, so holes are dropped.
    """
    units = [s.geometry for s in shapes if s.kind == "admin1" and s.iso.startswith(country + "-")]
    if len(units) < MIN_UKRAINE_UNITS:
        return None
    union = shapely.union_all(units)
    polys = [shapely.Polygon(p.exterior) for p in shapely.get_parts(union)
             if p.geom_type == "Polygon"]
    return shapely.MultiPolygon(polys)


def _write(data_dir: Path, shapes: list[Shape]) -> None:
    columns = {"key": [s.key for s in shapes], "iso": [s.iso for s in shapes],
               "names": [json.dumps(list(s.names), ensure_ascii=False) for s in shapes],
               "kind": [s.kind for s in shapes],
               "components": [json.dumps(list(s.components)) for s in shapes],
               "credit": [s.credit for s in shapes], "source": [s.source for s in shapes]}
    write_geoparquet(store_path(data_dir), columns, [s.geometry for s in shapes])
    outline = outline_of(shapes)
    if outline is not None:
        write_geoparquet(outline_path(data_dir), {"key": ["UA"]}, [outline])
    elif outline_path(data_dir).exists():
        outline_path(data_dir).unlink()


def import_boundaries(paths: Iterable[Path | str], data_dir: Path) -> list[FileOutcome]:
    """Import boundary files and folders; a unit replaces a stored one with its key."""
    outcomes: list[FileOutcome] = []
    merged = {s.key: s for s in read_shapes(data_dir)}
    for path in expand_inputs(paths):
        try:
            shapes, warnings = parse_boundary_file(path)
        except InputFileError as err:
            outcomes.append(FileOutcome(path, False, error=str(err)))
            continue
        merged.update((s.key, s) for s in shapes)
        coded = sum(bool(s.iso) for s in shapes)
        outcomes.append(FileOutcome(path, True, f"{len(shapes)} unit(s), {coded} with an "
                                    f"ISO 3166-2 code; {shapes[0].credit}", tuple(warnings)))
    if any(o.ok for o in outcomes):
        _write(data_dir, sorted(merged.values(), key=lambda s: s.key))
    return outcomes


def ukraine_outline(data_dir: Path) -> BaseGeometry | None:
    """Ukraine's outline from the imported boundaries, or None without them."""
    path = outline_path(data_dir)
    if not path.is_file():
        return None
    return read_geoparquet(path)[1][0]


def name_key(text: str) -> str:
    """A name as the boundary index keys it: casefolded, single spaces."""
    return " ".join(text.casefold().split())


def load_boundaries(data_dir: Path) -> dict[str, Shape]:
    """The imported units keyed by ISO 3166-2 code and by each casefolded name.

    When a region union shares a name with one of its own components ("Krim"
    is the union of UA-43 and UA-40 and also UA-43's Dutch name), the name
    means the union. Any other name two units share ("Kyiv" may be the city
    or the oblast in some files) is left out rather than guessed; the code
    still finds each.
    """
    return index_shapes(read_shapes(data_dir))


def index_shapes(shapes: Iterable[Shape]) -> dict[str, Shape]:
    """Shapes keyed by ISO 3166-2 code and by each casefolded name (see load_boundaries).

    For shapes read straight from files (the app's ``--boundaries FILE``) as
    for imported ones.
    """
    shapes = list(shapes)
    by_key = {s.key: s for s in shapes}
    out: dict[str, Shape] = {s.iso: s for s in shapes if s.iso}
    owners: dict[str, set[str]] = {}
    for s in shapes:
        for n in s.names:
            owners.setdefault(name_key(n), set()).add(s.key)
    for name, keys in owners.items():
        owner = _name_owner([by_key[k] for k in sorted(keys)])
        if owner is not None and name not in out:
            out[name] = owner
    return out


def _name_owner(shapes: list[Shape]) -> Shape | None:
    if len(shapes) == 1:
        return shapes[0]
    keys = {s.key for s in shapes}
    unions = [s for s in shapes if keys - {s.key} <= set(s.components)]
    return unions[0] if len(unions) == 1 else None


def find_shape(boundaries: dict[str, Shape], text: str) -> Shape | None:
    """Look a region up by code or name, also without "Oblast"/"provincie" and the like.

    >>> find_shape({}, "provincie Donetsk") is None
    True
    """
    if text.strip().upper() in boundaries:
        return boundaries[text.strip().upper()]
    key = name_key(text)
    if key in boundaries:
        return boundaries[key]
    for prefix in _PREFIXES:
        if key.startswith(prefix) and key[len(prefix):] in boundaries:
            return boundaries[key[len(prefix):]]
    for suffix in _SUFFIXES:
        if key.endswith(suffix) and key[: -len(suffix)] in boundaries:
            return boundaries[key[: -len(suffix)]]
        if key + suffix in boundaries:
            return boundaries[key + suffix]
    return None
