"""Reading imported vector files and keeping them as GeoParquet in the data dir.

Front-line snapshots and admin boundaries are both third-party GeoJSON that a
user points us at, and both end up as a small table in the user's data
directory. This module holds what the two importers share: reading a JSON file
with an error that names it, expanding folders, the outcome of importing one
file, and a GeoParquet writer/reader built on pyarrow and shapely alone
(geopandas takes most of a second to import; the app should not pay that to
draw a map).

The tables are GeoParquet 1.0: WKB geometry in a ``geometry`` column, the
``geo`` metadata key, longitude/latitude (OGC:CRS84, the GeoParquet default),
so QGIS or geopandas open them as they are.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from mapapp.plumbing.files import atomic_write

GEOJSON_SUFFIXES = (".geojson", ".json")


class InputFileError(ValueError):
    """A file cannot be imported; the message names the file and what to do."""

    def __init__(self, path: Path | str, message: str, index: int | None = None) -> None:
        self.path = Path(path)
        self.index = index
        where = f"{self.path}" if index is None else f"{self.path} feature {index}"
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class FileOutcome:
    """What importing one file did: a summary line, warnings, or the error."""

    path: Path
    ok: bool
    summary: str = ""
    warnings: tuple[str, ...] = ()
    error: str = ""


def expand_inputs(paths: Iterable[Path | str],
                  suffixes: Sequence[str] = GEOJSON_SUFFIXES) -> list[Path]:
    """Files as given, folders replaced by their files with one of ``suffixes``, sorted.

    A path that does not exist is returned as is, so the importer reports it
    with the other bad files instead of stopping the whole import.
    """
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(sorted(p for p in path.iterdir()
                              if p.is_file() and p.name.lower().endswith(tuple(suffixes))))
        else:
            out.append(path)
    return out


def read_json_file(path: Path) -> object:
    """Parse a JSON file; raise InputFileError for a missing, empty or malformed one."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputFileError(path, "no such file; check the path") from None
    except IsADirectoryError:
        raise InputFileError(path, "is a folder with no GeoJSON files in it") from None
    except OSError as err:
        raise InputFileError(path, f"cannot be read ({err.strerror})") from None
    if not raw.strip():
        raise InputFileError(path, "is empty; download or export it again")
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputFileError(path, "is not UTF-8 text; is it a zip or a shapefile? "
                             "Export it as GeoJSON") from None
    except json.JSONDecodeError as err:
        raise InputFileError(path, f"is not valid JSON (line {err.lineno}, column "
                             f"{err.colno}: {err.msg}); the file may be cut off") from None


def feature_list(doc: object, path: Path) -> list[dict]:
    """The features of a GeoJSON FeatureCollection, checked to be objects."""
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        raise InputFileError(path, "expected a GeoJSON FeatureCollection "
                             "({\"type\": \"FeatureCollection\", \"features\": [...]})")
    features = doc.get("features")
    if not isinstance(features, list):
        raise InputFileError(path, "the FeatureCollection has no 'features' list")
    if not features:
        raise InputFileError(path, "has no features; nothing to import")
    for index, feature in enumerate(features):
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            raise InputFileError(path, "is not a GeoJSON Feature object", index)
    return features


def polygonal(raw: object, path: Path, index: int) -> tuple[BaseGeometry, str]:
    """A valid 2-D (Multi)Polygon from a GeoJSON geometry, and a warning if repaired.

    Self-intersecting or otherwise invalid rings are repaired with
    ``shapely.make_valid`` (which keeps every covered area, splitting a
    bow-tie into its two lobes) and the warning says so; stray lines or
    points the repair yields are dropped.
    """
    if not isinstance(raw, dict) or "type" not in raw:
        raise InputFileError(path, "has no geometry; every feature needs a Polygon or "
                             "MultiPolygon", index)
    kind = raw["type"]
    if kind not in ("Polygon", "MultiPolygon"):
        raise InputFileError(path, f"is a {kind}; only Polygon and MultiPolygon areas can "
                             "be imported (export the areas, not lines or points)", index)
    try:
        geom = shapely.force_2d(shape(raw))
    except (ValueError, TypeError, IndexError, AttributeError) as err:
        raise InputFileError(path, f"has malformed coordinates ({err}); each ring must be "
                             "a list of [longitude, latitude] pairs", index) from None
    if geom.is_empty:
        return geom, ""
    minx, miny, maxx, maxy = geom.bounds
    if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
        raise InputFileError(path, "has coordinates outside longitude/latitude range; "
                             "GeoJSON must be in EPSG:4326 (reproject the file)", index)
    if geom.is_valid:
        return geom, ""
    reason = shapely.is_valid_reason(geom)
    fixed = polygon_parts(shapely.make_valid(geom))
    if fixed.is_empty:
        raise InputFileError(path, f"has an invalid ring ({reason}) that no repair turns "
                             "into an area; redraw the polygon", index)
    return fixed, (f"{path} feature {index}: invalid geometry ({reason}) repaired with "
                   f"shapely.make_valid; check the area on the map")


def polygon_parts(geom: BaseGeometry) -> BaseGeometry:
    """Only the polygons of a geometry (make_valid may add stray lines or points)."""
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.MultiPolygon()


def _geo_metadata(geoms: Sequence[BaseGeometry]) -> bytes:
    kinds = sorted({g.geom_type for g in geoms if g is not None and not g.is_empty})
    meta = {"version": "1.0.0", "primary_column": "geometry",
            "columns": {"geometry": {"encoding": "WKB", "geometry_types": kinds}}}
    return json.dumps(meta).encode()


def write_geoparquet(path: Path, columns: Mapping[str, Sequence[object]],
                     geoms: Sequence[BaseGeometry]) -> None:
    """Write a GeoParquet table atomically (a crash never leaves half a file)."""
    data = {name: pa.array(list(values), type=pa.string()) for name, values in columns.items()}
    data["geometry"] = pa.array(list(shapely.to_wkb(list(geoms))), type=pa.binary())
    table = pa.table(data)
    table = table.replace_schema_metadata({b"geo": _geo_metadata(geoms)})
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_write(path) as f:
        pq.write_table(table, f)


def read_geoparquet(path: Path) -> tuple[dict[str, list[str]], list[BaseGeometry]]:
    """Read what write_geoparquet wrote: string columns and the geometries."""
    table = pq.read_table(path)
    columns = {name: table.column(name).to_pylist()
               for name in table.column_names if name != "geometry"}
    geoms = list(shapely.from_wkb(table.column("geometry").to_pylist()))
    return columns, geoms
