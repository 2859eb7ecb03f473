"""Read territorial-control files into dated layers of one status each.

Two formats reach us. The DeepStateMap history snapshot (what its
``/api/history/<unix_ts>/geojson`` endpoint serves) is a styled map, not a
data set: one FeatureCollection per map version, with the occupied areas, the
areas occupied before 2022 (ORDLO and Crimea), the grey "unknown status"
zones, liberated areas, other countries' disputed areas, unit markers and
arrows, told apart only by their ``name`` and KML-style colours. The plain
dated GeoJSON has one feature per date and status. Both become the same
:class:`Layer` rows, so the rest of the code never sees a format.

How a DeepStateMap polygon is classified, first rule that applies wins:

1. the internal key, the third part of ``name`` ("Окуповано /// Occupied ///
   geoJSON.status.occupied"): ``geoJSON.status.occupied``,
   ``geoJSON.territories.ordlo`` and ``.crimea`` → occupied;
   ``geoJSON.status.unknown`` → grey; ``geoJSON.status.dismissed*`` →
   liberated; any other ``geoJSON.territories.*`` → other;
2. the English part: Occupied, Occupied Crimea, CADR and CALR, Occupied Tuzla
   Island → occupied; Unknown status → grey; Liberated… → liberated;
3. the Ukrainian part, for 2022 versions that have only it: Окуповано,
   Окупований Крим, ОРДЛО → occupied; Статус невідомий → grey; Звільнено… →
   liberated;
4. the ``fill`` colour: #a52714 (red) and #880e4f (pre-2022 crimson) →
   occupied; #bcaaa4, #bdbdbd (grey) → grey; #0f9d58, #0288d1, #01579b (green,
   blue) → liberated; anything else → other.

An "occupied" polygon whose centre lies outside Ukraine's bounding box is
counted as other (the map carries tongue-in-cheek "occupied" areas abroad).
Only occupied and grey areas are kept; the counts of the rest are reported.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import shapely
from shapely.geometry.base import BaseGeometry

from mapapp.frontline.control import AREA_STATUSES, ControlStatus, SkippedArea
from mapapp.frontline.geostore import (
    InputFileError,
    feature_list,
    polygon_parts,
    polygonal,
    read_json_file,
)

_OCCUPIED, _GREY = AREA_STATUSES
DEEPSTATE_CREDIT = "Territorial control: DeepStateMap.live"
DEEPSTATE_LICENCE = (
    "DeepStateMap.live data © DEEPSTATEUATECH LLC, under its proprietary licence "
    "agreement: personal, non-commercial use with attribution; no redistribution. "
    "See https://deepstatemap.live for the terms.")

# The words files use, not ours: the plain format's status words and DeepStateMap's labels.
_STATUS_WORDS = {
    "occupied": _OCCUPIED, "occupation": _OCCUPIED, "russian_occupied": _OCCUPIED,
    "grey": _GREY, "gray": _GREY, "grey_zone": _GREY, "gray_zone": _GREY, "greyzone": _GREY,
    "unknown": _GREY, "unknown_status": _GREY, "contested": _GREY,
}
_KNOWN_UNUSED = {"liberated", "held", "ukrainian", "other"}
_DS_KEYS = {"geojson.status.occupied": _OCCUPIED, "geojson.territories.ordlo": _OCCUPIED,
            "geojson.territories.crimea": _OCCUPIED, "geojson.territories.tuzla": _OCCUPIED,
            "geojson.status.unknown": _GREY}
_DS_EN = {"occupied": _OCCUPIED, "occupied crimea": _OCCUPIED, "cadr and calr": _OCCUPIED,
          "occupied tuzla island": _OCCUPIED, "unknown status": _GREY}
_DS_UK = {"окуповано": _OCCUPIED, "окупований крим": _OCCUPIED, "ордло": _OCCUPIED,
          "статус невідомий": _GREY}
_DS_FILLS: dict[str, ControlStatus | SkippedArea] = {
    "#a52714": _OCCUPIED, "#880e4f": _OCCUPIED, "#bcaaa4": _GREY, "#bdbdbd": _GREY,
    **dict.fromkeys(("#0f9d58", "#0288d1", "#01579b"), SkippedArea.LIBERATED)}
_UKRAINE_BBOX = (22.0, 44.0, 41.0, 52.5)
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TS_IN_NAME = re.compile(r"(?<!\d)(1[5-9]\d{8})(?!\d)")
_DATE_IN_NAME = re.compile(r"(?<!\d)(20\d{2})-?([01]\d)-?([0-3]\d)(?!\d)")


@dataclass(frozen=True)
class Layer:
    """The area of one status on one date, as read from one file.

    ``geometry`` is a valid (Multi)Polygon in longitude/latitude, possibly
    empty (a date without grey zones). ``snapshot_utc`` is the publisher's
    version time when known ("2023-01-09T21:15:03Z"), else "".
    """

    date: dt.date
    status: ControlStatus  # one of AREA_STATUSES
    geometry: BaseGeometry
    source: str
    credit: str
    snapshot_utc: str = ""


@dataclass(frozen=True)
class ParsedFile:
    """The layers read from one file, with repairs made and what was left out."""

    path: Path
    format: str  # "dated" or "deepstatemap"
    layers: tuple[Layer, ...]
    warnings: tuple[str, ...] = ()
    skipped: dict[str, int] = field(default_factory=dict, compare=False, hash=False)


def _union(geoms: list[BaseGeometry]) -> BaseGeometry:
    geoms = [g for g in geoms if not g.is_empty]
    if not geoms:
        return shapely.MultiPolygon()
    return polygon_parts(shapely.union_all(geoms)) if len(geoms) > 1 else geoms[0]


def _dated_status(props: dict, path: Path, index: int) -> ControlStatus | None:
    raw = props.get("status")
    if not isinstance(raw, str) or not raw.strip():
        raise InputFileError(path, "has no 'status' property; give each feature a status "
                             f"such as {_OCCUPIED.value!r} or {_GREY.value!r}", index)
    word = raw.strip().lower().replace(" ", "_").replace("-", "_")
    if word in _STATUS_WORDS:
        return _STATUS_WORDS[word]
    if word in _KNOWN_UNUSED:
        return None
    raise InputFileError(path, f"has unknown status {raw!r}; use {_OCCUPIED.value!r} or "
                         f"{_GREY.value!r} (also accepted: unknown_status, gray, contested)", index)


def _dated_date(props: dict, path: Path, index: int) -> dt.date:
    raw = props.get("date")
    if raw is None or raw == "":
        raise InputFileError(path, "has no 'date' property; give each feature the date "
                             "it shows as YYYY-MM-DD", index)
    text = str(raw).strip()
    try:
        if not _DATE_RE.match(text):
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputFileError(path, f"has date {raw!r}; write dates as YYYY-MM-DD "
                             "(e.g. 2023-01-09)", index) from None


def _file_credit(doc: dict, path: Path) -> str:
    said = " ".join(str(doc.get(k, "")) for k in ("attribution", "source", "description",
                                                  "license", "credit"))
    if "deepstate" in said.lower():
        return DEEPSTATE_CREDIT
    return str(doc.get("attribution") or doc.get("credit") or f"Territorial control: "
               f"{path.name}")[:300]


def parse_dated(doc: dict, path: Path) -> ParsedFile:
    """Plain dated GeoJSON: properties ``date`` (YYYY-MM-DD) and ``status`` a feature."""
    groups: dict[tuple[dt.date, ControlStatus], list[BaseGeometry]] = {}
    meta: dict[tuple[dt.date, ControlStatus], tuple[str, str]] = {}
    warnings: list[str] = []
    skipped: Counter[str] = Counter()
    credit = _file_credit(doc, path)
    for index, feature in enumerate(feature_list(doc, path)):
        props = feature.get("properties") or {}
        day, status = _dated_date(props, path, index), _dated_status(props, path, index)
        geom, warning = polygonal(feature.get("geometry"), path, index)
        if warning:
            warnings.append(warning)
        if status is None:
            skipped[str(props["status"]).strip().lower()] += 1
            continue
        if status == _OCCUPIED and geom.is_empty:
            raise InputFileError(path, "is an occupied area with an empty geometry", index)
        groups.setdefault((day, status), []).append(geom)
        meta.setdefault((day, status), (str(props.get("source") or doc.get("name") or
                                            path.name), str(props.get("snapshot_utc") or "")))
    layers = tuple(Layer(day, status, _union(geoms), meta[(day, status)][0][:300], credit,
                         meta[(day, status)][1])
                   for (day, status), geoms in sorted(groups.items()))
    if not layers:
        raise InputFileError(path, f"has no {_OCCUPIED} or {_GREY} features to import")
    return ParsedFile(path, "dated", layers, tuple(warnings), dict(skipped))


def _name_parts(name: str) -> list[str]:
    return [p.replace("\xa0", " ").strip().lower() for p in name.split("///")]


def classify_deepstate(props: dict) -> ControlStatus | SkippedArea:
    """occupied, grey, liberated or other, from a DeepStateMap feature's properties."""
    parts = _name_parts(str(props.get("name") or ""))
    key = parts[2] if len(parts) > 2 else ""
    if key:
        if key in _DS_KEYS:
            return _DS_KEYS[key]
        if key.startswith("geojson.status.dismissed"):
            return SkippedArea.LIBERATED
        if key.startswith("geojson.territories."):
            return SkippedArea.OTHER
    english, ukrainian = (parts[1] if len(parts) > 1 else ""), parts[0]
    for word, table, liberated in ((english, _DS_EN, "liberated"),
                                   (ukrainian, _DS_UK, "звільнено")):
        if word in table:
            return table[word]
        if word.startswith(liberated):
            return SkippedArea.LIBERATED
    fill = str(props.get("fill") or "").strip().lower()
    return _DS_FILLS.get(fill, SkippedArea.OTHER)


def _in_ukraine_box(geom: BaseGeometry) -> bool:
    c = geom.centroid
    x0, y0, x1, y1 = _UKRAINE_BBOX
    return x0 <= c.x <= x1 and y0 <= c.y <= y1


def deepstate_time(doc: object, path: Path) -> dt.datetime:
    """When a DeepStateMap snapshot was published: wrapper ``id``, else the file name."""
    if isinstance(doc, dict) and isinstance(doc.get("id"), int) and doc["id"] > 1_500_000_000:
        return dt.datetime.fromtimestamp(doc["id"], dt.UTC)
    m = _TS_IN_NAME.search(path.stem)
    if m:
        return dt.datetime.fromtimestamp(int(m.group(1)), dt.UTC)
    m = _DATE_IN_NAME.search(path.stem)
    if m:
        try:
            return dt.datetime(int(m[1]), int(m[2]), int(m[3]), tzinfo=dt.UTC)
        except ValueError:
            pass
    raise InputFileError(path, "is a DeepStateMap snapshot but says nowhere when it was "
                         "published; name it <unix_timestamp>.geojson as the publisher's "
                         "/api/history/<timestamp>/geojson (or YYYY-MM-DD.geojson)")


def parse_deepstate(doc: object, path: Path) -> ParsedFile:
    """A DeepStateMap history snapshot: the occupied and grey areas of its date."""
    when = deepstate_time(doc, path)
    fc = doc["map"] if isinstance(doc, dict) and isinstance(doc.get("map"), dict) else doc
    found: dict[ControlStatus, list[BaseGeometry]] = {status: [] for status in AREA_STATUSES}
    warnings: list[str] = []
    skipped: Counter[str] = Counter()
    for index, feature in enumerate(feature_list(fc, path)):
        kind = (feature.get("geometry") or {}).get("type")
        if kind not in ("Polygon", "MultiPolygon"):
            skipped[str(kind)] += 1
            continue
        status = classify_deepstate(feature.get("properties") or {})
        geom, warning = polygonal(feature["geometry"], path, index)
        if status == _OCCUPIED and not geom.is_empty and not _in_ukraine_box(geom):
            status = SkippedArea.OTHER
        if isinstance(status, SkippedArea):
            skipped[status] += 1
            continue
        warnings.extend([warning] if warning else [])
        found[status].append(geom)
    if not found[_OCCUPIED]:
        raise InputFileError(path, "has no occupied areas; is it a DeepStateMap history "
                             "snapshot (/api/history/<timestamp>/geojson)?")
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    source = f"DeepStateMap.live history snapshot {int(when.timestamp())}"
    layers = tuple(Layer(when.date(), status, _union(geoms), source, DEEPSTATE_CREDIT, stamp)
                   for status, geoms in found.items())
    return ParsedFile(path, "deepstatemap", layers, tuple(warnings), dict(skipped))


def _looks_deepstate(doc: object) -> bool:
    fc = doc.get("map") if isinstance(doc, dict) and "map" in doc else doc
    features = fc.get("features") if isinstance(fc, dict) else None
    if not isinstance(features, list):
        return False
    style = ("styleUrl", "fill", "stroke", "styleHash")
    return any(isinstance(f, dict) and isinstance(f.get("properties"), dict)
               and any(k in f["properties"] for k in style) for f in features)


def parse_file(path: Path | str) -> ParsedFile:
    """Read one territorial-control file in either format.

    Raises
    ------
    InputFileError
        The file is missing, empty, not JSON, of neither format, or has a bad
        feature; the message names the file, the feature and what to do.
    """
    path = Path(path)
    doc = read_json_file(path)
    if _looks_deepstate(doc):
        return parse_deepstate(doc, path)
    features = feature_list(doc, path)
    if any("date" in (f.get("properties") or {}) for f in features):
        return parse_dated(doc, path)  # type: ignore[arg-type]
    raise InputFileError(path, "is in neither known format: expected features with "
                         "properties 'date' and 'status' (dated GeoJSON) or a DeepStateMap "
                         "history snapshot (features styled with name/fill)")


def layers_of(parsed: Iterable[ParsedFile]) -> list[Layer]:
    """All layers of several parsed files, in the order given."""
    return [layer for p in parsed for layer in p.layers]
