"""Territorial control on a date, as plain data for the map and the timeline.

The app asks three things of the front-line layers when the slider moves:
which snapshot holds on this date (:meth:`Frontline.snapshot_at`, a bisect;
whether it is recent enough to stand for the date is
``place_status.coverage``'s), what to draw (:func:`display_geojson`,
simplified and small), and what the position of each mentioned place was
(:func:`status_many`: occupied, grey zone, near the front, held, or outside
Ukraine, with the distance to the front line in km). The computation keeps
the unsimplified geometry; only drawing is simplified. See
``frontline_geometry`` for how the front line is derived.

Nothing here imports Streamlit or folium.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from mapapp.frontline.control import FRONT_LINE, ControlStatus
from mapapp.frontline.geometry import FrontIndex, lonlat_to_metric, to_lonlat
from mapapp.frontline.readers import Layer, parse_file
from mapapp.model import PartialDate

NEAR_KM = 10.0
MAX_DISPLAY_BYTES = 500_000


@dataclass(frozen=True)
class LegendEntry:
    """How the map draws one layer, and what the legend says about it."""

    status: str  # an area's ControlStatus, or FRONT_LINE
    label: str
    label_nl: str
    color: str


LEGEND = (
    LegendEntry(ControlStatus.OCCUPIED, "Russian-occupied", "Door Rusland bezet", "#a52714"),
    LegendEntry(ControlStatus.GREY, "Grey zone (status unknown)", "Grijze zone (status onbekend)",
                "#8d8d8d"),
    LegendEntry(FRONT_LINE, "Front line", "Frontlinie", "#4a0a00"),
)


@dataclass(frozen=True)
class Snapshot:
    """The occupied area and grey zones on one date (unsimplified, lon/lat).

    ``outline`` is Ukraine's outline when one was imported; without it the
    front line cannot be told from the border and coast (see
    ``frontline_geometry``).
    """

    date: dt.date
    occupied: BaseGeometry
    grey: BaseGeometry
    source: str
    credit: str
    snapshot_utc: str = ""
    outline: BaseGeometry | None = field(default=None, repr=False, compare=False)
    _cache: dict = field(default_factory=dict, init=False, repr=False, compare=False,
                         hash=False)

    def index(self) -> FrontIndex:
        """The prepared metric geometries (built on first use, then kept)."""
        if "index" not in self._cache:
            self._cache["index"] = FrontIndex(self.occupied, self.grey, self.outline)
        return self._cache["index"]

    @property
    def front_line(self) -> BaseGeometry:
        """The derived front line, a MultiLineString in lon/lat."""
        if "front" not in self._cache:
            self._cache["front"] = to_lonlat(self.index().front)
        return self._cache["front"]


@dataclass(frozen=True)
class PlaceStatus:
    """Where a place stood on a snapshot's date.

    ``status`` is one of control.PLACE_STATUSES; ``distance_km`` is the distance to
    the front line (None when unknown: no front line, or a place in occupied
    territory without an outline to tell the front from the border).
    """

    status: ControlStatus
    distance_km: float | None
    date: dt.date

    def describe(self, name: str) -> str:
        """One English sentence, e.g. "on 2023-03-16 Bakhmut was 0.7 km from the front line"."""
        head = f"on {self.date.isoformat()} {name} was"
        d = _km(self.distance_km)
        if self.status == ControlStatus.OCCUPIED:
            tail = f" ({d} behind the front line)" if d else ""
            return f"{head} in occupied territory{tail}"
        if self.status == ControlStatus.GREY:
            return f"{head} in the grey zone"
        if self.status == ControlStatus.NEAR_FRONT:
            return f"{head} {d} from the front line"
        where = ("outside Ukraine" if self.status == ControlStatus.OUTSIDE
                 else "in Ukrainian-held territory")
        return f"{head} {where}, {d} from the front line" if d else f"{head} {where}"


def _km(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:.1f} km" if value < 100 else f"{value:.0f} km"


def as_date(when: dt.date | dt.datetime | PartialDate | str) -> dt.date:
    """A day from a date, datetime, PartialDate or "YYYY-MM[-DD]" (a month means its last day)."""
    if isinstance(when, dt.datetime):
        return when.date()
    if isinstance(when, dt.date):
        return when
    if isinstance(when, str):
        when = PartialDate.parse(when)
    if isinstance(when, PartialDate):
        return when.last_day
    raise TypeError(f"expected a date, got {when!r}")


def _union(geoms: Sequence[BaseGeometry]) -> BaseGeometry:
    geoms = [g for g in geoms if not g.is_empty]
    if not geoms:
        return shapely.MultiPolygon()
    return geoms[0] if len(geoms) == 1 else shapely.union_all(geoms)


def snapshots_from_layers(layers: Iterable[Layer],
                          outline: BaseGeometry | None = None) -> list[Snapshot]:
    """One Snapshot per date that has an occupied layer; grey from the same date."""
    by_date: dict[dt.date, dict[str, list[Layer]]] = {}
    for layer in layers:
        by_date.setdefault(layer.date, {}).setdefault(layer.status, []).append(layer)
    out = []
    for day in sorted(by_date):
        occ, grey = (by_date[day].get(s, []) for s in (ControlStatus.OCCUPIED, ControlStatus.GREY))
        if not occ:
            continue
        credits = dict.fromkeys(la.credit for la in occ + grey if la.credit)
        out.append(Snapshot(day, _union([la.geometry for la in occ]),
                            _union([la.geometry for la in grey]), occ[-1].source,
                            "; ".join(credits), occ[-1].snapshot_utc, outline))
    return out


class Frontline:
    """Dated snapshots, sorted, with the one holding on any date found by bisection."""

    def __init__(self, snapshots: Iterable[Snapshot]) -> None:
        self._snapshots = sorted(snapshots, key=lambda s: s.date)
        self.dates = tuple(s.date for s in self._snapshots)
        if len(set(self.dates)) != len(self.dates):
            raise ValueError("two snapshots share a date; merge them first")

    @classmethod
    def from_layers(cls, layers: Iterable[Layer],
                    outline: BaseGeometry | None = None) -> Frontline:
        return cls(snapshots_from_layers(layers, outline))

    @classmethod
    def from_files(cls, paths: Iterable[Path | str],
                   outline: BaseGeometry | None = None) -> Frontline:
        """Read files directly (no import); a bad file raises InputFileError."""
        from mapapp.frontline.storage import merge_layers

        layers = [la for p in paths for la in parse_file(p).layers]
        return cls.from_layers(merge_layers([], layers), outline)

    @classmethod
    def from_store(cls, data_dir: Path,
                   outline: BaseGeometry | Literal["auto"] | None = "auto") -> Frontline:
        """The imported layers; the outline from imported boundaries unless given."""
        from mapapp.frontline.boundaries import ukraine_outline
        from mapapp.frontline.storage import read_layers

        if outline == "auto":
            outline = ukraine_outline(data_dir)
        return cls.from_layers(read_layers(data_dir), outline)

    def __len__(self) -> int:
        return len(self._snapshots)

    def __iter__(self) -> Iterator[Snapshot]:
        return iter(self._snapshots)

    def snapshot_at(self, when: dt.date | dt.datetime | PartialDate | str) -> Snapshot | None:
        """The latest snapshot on or before ``when`` (None before the first), in O(log n)."""
        i = bisect.bisect_right(self.dates, as_date(when))
        return self._snapshots[i - 1] if i else None

    @property
    def credits(self) -> tuple[str, ...]:
        """The distinct credit lines to show with the layer."""
        return tuple(dict.fromkeys(s.credit for s in self._snapshots if s.credit))


def status_many(snapshot: Snapshot, points: Sequence[tuple[float, float]],
                near_km: float = NEAR_KM) -> list[PlaceStatus]:
    """The status of many (lat, lon) points on one snapshot, vectorised.

    Parameters
    ----------
    snapshot : Snapshot
        From :meth:`Frontline.snapshot_at`.
    points : sequence of (lat, lon)
        Degrees, WGS84.
    near_km : float
        A held place this close to the front line is "near_front".
    """
    if len(points) == 0:
        return []
    lat, lon = np.asarray(points, dtype=float).reshape(-1, 2).T
    x, y = lonlat_to_metric(lon, lat)
    idx = snapshot.index()
    occupied = shapely.contains_xy(idx.occupied, x, y)
    grey = ~occupied & shapely.contains_xy(idx.grey, x, y)
    outside = (~shapely.contains_xy(idx.inside_ukraine, x, y)
               if idx.inside_ukraine is not None else np.zeros(len(x), bool))
    dist = idx.distance_m(x, y) / 1000.0
    c = ControlStatus
    status = np.where(occupied, c.OCCUPIED, np.where(grey, c.GREY, np.where(
        outside, c.OUTSIDE, np.where(dist <= near_km, c.NEAR_FRONT, c.HELD))))
    unknown = ~np.isfinite(dist) | (occupied & (idx.outline is None))
    return [PlaceStatus(ControlStatus(s), None if u else round(float(d), 2), snapshot.date)
            for s, d, u in zip(status, dist, unknown, strict=True)]


def status_at(snapshot: Snapshot, lat: float, lon: float,
              near_km: float = NEAR_KM) -> PlaceStatus:
    """The status of one point; see :func:`status_many`."""
    return status_many(snapshot, [(lat, lon)], near_km)[0]


def _feature(geom: BaseGeometry, entry: LegendEntry, snapshot: Snapshot) -> dict:
    return {"type": "Feature", "geometry": json.loads(shapely.to_geojson(geom)),
            "properties": {"status": entry.status, "label": entry.label,
                           "label_nl": entry.label_nl, "color": entry.color,
                           "date": snapshot.date.isoformat(), "credit": snapshot.credit}}


def _display(snapshot: Snapshot, tolerance: float, grid: float) -> str:
    key = ("display", tolerance, grid)
    if key not in snapshot._cache:
        snapshot._cache[key] = _display_text(snapshot, tolerance, grid)
    return snapshot._cache[key]


def _display_text(snapshot: Snapshot, tolerance: float, grid: float) -> str:
    parts = (snapshot.occupied, snapshot.grey, snapshot.front_line)
    features = []
    for geom, entry in zip(parts, LEGEND, strict=True):
        if geom.is_empty:
            continue
        simple = shapely.simplify(geom, tolerance, preserve_topology=True)
        simple = shapely.set_precision(simple, grid)
        if not simple.is_empty:
            features.append(_feature(simple, entry, snapshot))
    doc = {"type": "FeatureCollection", "features": features,
           "properties": {"date": snapshot.date.isoformat(), "credit": snapshot.credit}}
    return json.dumps(doc, separators=(",", ":"))


def display_geojson(snapshot: Snapshot, tolerance: float = 0.002,
                    max_bytes: int = MAX_DISPLAY_BYTES) -> dict:
    """The snapshot's areas and front line as a small GeoJSON FeatureCollection.

    Simplified with ``tolerance`` degrees (0.002° ≈ 150–220 m, finer than a
    town at the zoom the map opens on) and coordinates snapped to 1e-4°; if the
    JSON would still exceed ``max_bytes`` the tolerance is doubled until it
    fits. Each feature carries ``status``, ``label``, ``label_nl``, ``color``,
    ``date`` and ``credit`` for the map's style and legend. The snapshot's own
    geometry is untouched.
    """
    text = _display(snapshot, tolerance, 1e-4)
    for _ in range(6):
        if len(text.encode()) <= max_bytes:
            break
        tolerance *= 2
        text = _display(snapshot, tolerance, 1e-4)
    return json.loads(text)
