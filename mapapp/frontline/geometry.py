"""Where the front line runs, and how far places are from it, in kilometres.

The front line is the part of the occupied area's edge that faces
Ukrainian-held land: not its stretch along the Russian or Belarusian border,
not the coast, not the shore of a bay inside occupied land. Neither data set
says which edge is which, so it is derived, edge by edge, by looking outward:

* from the middle of each edge a ray runs outward, perpendicular to the edge
  direction smoothed over ±1.5 km (so a zig-zag in a simplified line does not
  make it look sideways), sampled at 0.25–2 km and then out to 50 km;
* occupied land again within 2 km: a river bank or bay shore inside occupied
  land (Sevastopol bay), not front;
* the ray leaves Ukraine's outline before it meets occupied land again: the
  edge faces Russia, Belarus or the open sea, not front;
* the ray never gets more than 45 km inside the outline before it meets
  occupied land again (or within its 50 km): it runs in the coastal strip.
  Outlines from OSM and geoBoundaries include the 12-nautical-mile (22 km)
  territorial sea, so a coast edge's ray crosses 22–40 km of water that is
  "in Ukraine" before it leaves; a buffer of the outline would keep the whole
  coast, and only the depth test tells that water from held land;
* every other edge is front. Rivers (the Dnipro) and reservoirs between the
  sides count as front, as they should.

Known errors, all from having no land/sea mask: bays enclosed by occupied
shores that reach more than 45 km inside the outline's sea (Karkinit,
Dzharylhach) count as front, so north-west Crimea and the Kherson coast get
too small a distance (Armiansk 4 km instead of about 70); front edges whose
ray runs along the border within 45 km of it (the flank of an occupied strip
hugging the border) are dropped; a held corridor narrower than 2 km loses its
flanks. A land-clipped outline (Natural Earth admin-1) removes the first.
Slivers between the pre-2022 and the newer occupied layers (holes under
1 km²) are filled first, or every seam would count as front.

Without an outline the border and the coast cannot be told from the front.
Then the whole edge (less bay shores) serves for places outside the occupied
area, which is nearly exact: the border and coast face away from them, so
their nearest edge point is on the front except across foreign land or sea
(Odesa's coast is then measured to Crimea's). For places inside the occupied
area no distance is given, since it would often be to the coast or border.

Distances are computed in a Transverse Mercator projection on 36°E (the
projection of EPSG:6386, UCS-2000 / Ukraine TM zone 12, on WGS84 so no datum
shift is needed): its scale error is under 0.1 % between 32° and 40°E, where
every front of this war has run, and about 1 % at Ukraine's western border.
"""

from __future__ import annotations

import functools

import numpy as np
import pyproj
import shapely
from shapely.geometry.base import BaseGeometry

METRIC_CRS = "+proj=tmerc +lat_0=0 +lon_0=36 +k=1 +x_0=500000 +y_0=0 +ellps=WGS84 +units=m"
SLIVER_M2 = 1_000_000.0
SMOOTH_M = 1_500.0
BAY_PROBES_M = (250.0, 500.0, 1_000.0, 1_500.0, 2_000.0)
RAY_PROBES_M = (3_000.0, 5_000.0, 8_000.0, 12_000.0, 17_000.0, 23_000.0, 30_000.0,
                37_000.0, 44_000.0, 50_000.0)
DEEP_INLAND_M = 45_000.0
OUTSIDE_MARGIN_M = 5_000.0
_SIMPLIFY_M = 50.0
_CHUNK = 16


@functools.cache
def _forward() -> pyproj.Transformer:
    return pyproj.Transformer.from_crs("EPSG:4326", METRIC_CRS, always_xy=True)


@functools.cache
def _inverse() -> pyproj.Transformer:
    return pyproj.Transformer.from_crs(METRIC_CRS, "EPSG:4326", always_xy=True)


def lonlat_to_metric(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Project longitude/latitude arrays to metres (see the module docstring)."""
    x, y = _forward().transform(np.asarray(lon, float), np.asarray(lat, float))
    return np.asarray(x), np.asarray(y)


def to_metric(geom: BaseGeometry) -> BaseGeometry:
    """A lon/lat geometry in metres."""
    return shapely.transform(geom, lambda c: np.column_stack(lonlat_to_metric(c[:, 0], c[:, 1])))


def to_lonlat(geom: BaseGeometry) -> BaseGeometry:
    """A metric geometry back in longitude/latitude."""
    inv = _inverse()
    return shapely.transform(geom, lambda c: np.column_stack(inv.transform(c[:, 0], c[:, 1])))


def fill_slivers(geom: BaseGeometry, max_hole_m2: float = SLIVER_M2) -> BaseGeometry:
    """Drop holes smaller than ``max_hole_m2`` (seams between merged layers)."""
    polys = []
    for poly in shapely.get_parts(geom):
        if poly.geom_type != "Polygon":
            continue
        holes = [r for r in poly.interiors if shapely.Polygon(r).area >= max_hole_m2]
        polys.append(shapely.Polygon(poly.exterior, holes))
    return shapely.MultiPolygon(polys) if polys else shapely.MultiPolygon()


def _ring_normals(coords: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Edge starts, ends and smoothed outward normals of a closed ring.

    Rings come from ``orient_polygons`` (exterior counter-clockwise, holes
    clockwise), so the occupied side is on the left and outward is right.
    """
    keep = np.r_[True, np.any(np.diff(coords, axis=0) != 0, axis=1)]
    c = coords[keep]
    a, b = c[:-1], c[1:]
    seg = np.hypot(*(b - a).T)
    s = np.r_[0.0, np.cumsum(seg)]
    total = s[-1]
    h = min(SMOOTH_M, total / 4)
    mid = (s[:-1] + s[1:]) / 2

    def at(pos: np.ndarray) -> np.ndarray:
        return np.column_stack([np.interp(pos, s[:-1], c[:-1, k], period=total) for k in (0, 1)])

    t = at(mid + h) - at(mid - h)
    norm = np.hypot(*t.T)
    flat = norm == 0
    t[flat] = (b - a)[flat]
    norm[flat] = seg[flat]
    n = np.column_stack([t[:, 1], -t[:, 0]]) / norm[:, None]
    return a, b, n


class MetricOutline:
    """Ukraine's outline in metres, prepared, with the two buffers the queries need.

    ``inside`` reaches 5 km beyond the outline, so a coastal or border town
    just outside a simplified outline still counts as in Ukraine; ``deep`` is
    the land (and water) more than 45 km inside it, beyond any territorial sea.
    """

    def __init__(self, outline_lonlat: BaseGeometry) -> None:
        self.area = to_metric(outline_lonlat)
        self.inside = shapely.buffer(self.area, OUTSIDE_MARGIN_M)
        coarse = shapely.simplify(self.area, 1_000.0)
        self.deep = shapely.buffer(coarse, -DEEP_INLAND_M)
        for geom in (self.area, self.inside, self.deep):
            shapely.prepare(geom)


@functools.lru_cache(maxsize=4)
def metric_outline(outline_lonlat: BaseGeometry) -> MetricOutline:
    """The MetricOutline of an outline, built once per outline."""
    return MetricOutline(outline_lonlat)


def _probe(mid: np.ndarray, direction: np.ndarray, dists: tuple[float, ...],
           geom: BaseGeometry) -> np.ndarray:
    """(edges × dists) booleans: is the point ``dist`` along ``direction`` in ``geom``?"""
    d = np.asarray(dists)
    px = mid[:, 0, None] + direction[:, 0, None] * d
    py = mid[:, 1, None] + direction[:, 1, None] * d
    return shapely.contains_xy(geom, px, py)


def _first(mask: np.ndarray) -> np.ndarray:
    """Per row, the index of the first True, or the row length when there is none."""
    return np.where(mask.any(axis=1), mask.argmax(axis=1), mask.shape[1])


def _faces_held_land(mid: np.ndarray, n: np.ndarray, occupied: BaseGeometry,
                     outline: MetricOutline | None) -> np.ndarray:
    """Per edge: True when looking outward says held land lies beyond it."""
    nbay = len(BAY_PROBES_M)
    in_occ = _probe(mid, n, BAY_PROBES_M + RAY_PROBES_M, occupied)
    front = np.asarray(~in_occ[:, :nbay].any(axis=1))
    if outline is None:
        return front
    ray = in_occ[:, nbay:]
    first_occ = _first(ray)
    first_out = _first(~_probe(mid, n, RAY_PROBES_M, outline.area))
    deep = _probe(mid, n, RAY_PROBES_M, outline.deep)
    crossed_deep = (deep & (np.arange(ray.shape[1]) < first_occ[:, None])).any(axis=1)
    return np.asarray(front & (first_out >= first_occ) & crossed_deep)


def front_line(occupied_m: BaseGeometry, outline_m: MetricOutline | None) -> BaseGeometry:
    """The front line (metres) of an occupied area (metres); see the module docstring."""
    area = fill_slivers(shapely.simplify(occupied_m, _SIMPLIFY_M, preserve_topology=True))
    if area.is_empty:
        return shapely.MultiLineString()
    area = shapely.orient_polygons(area)
    shapely.prepare(area)
    kept = []
    for ring in shapely.get_parts(shapely.boundary(area)):
        coords = shapely.get_coordinates(ring)
        if len(coords) < 4:
            continue
        a, b, n = _ring_normals(coords)
        mask = _faces_held_land((a + b) / 2, n, area, outline_m)
        if mask.any():
            kept.append(shapely.linestrings(np.stack([a[mask], b[mask]], axis=1)))
    if not kept:
        return shapely.MultiLineString()
    merged = shapely.line_merge(shapely.union_all(np.concatenate(kept)))
    return merged if merged.geom_type == "MultiLineString" else shapely.MultiLineString(
        [merged] if not merged.is_empty else [])


def _chunks(lines: BaseGeometry) -> np.ndarray:
    """Short pieces of a line, so an STRtree can find the nearest one fast."""
    pieces = []
    for line in shapely.get_parts(lines):
        c = shapely.get_coordinates(line)
        for i in range(0, len(c) - 1, _CHUNK):
            pieces.append(shapely.LineString(c[i:i + _CHUNK + 1]))
    return np.array(pieces, dtype=object)


class FrontIndex:
    """Prepared metric geometries of one snapshot, for fast batch queries.

    Built once per snapshot (and outline) and kept by the snapshot; answers
    containment and distance-to-front for thousands of points with shapely's
    vectorised functions and an STRtree, no Python loop per point.
    """

    def __init__(self, occupied: BaseGeometry, grey: BaseGeometry,
                 outline: BaseGeometry | None) -> None:
        self.occupied = to_metric(occupied)
        self.grey = to_metric(grey)
        self.outline = metric_outline(outline) if outline is not None else None
        self.front = front_line(self.occupied, self.outline)
        self.inside_ukraine = self.outline.inside if self.outline is not None else None
        for geom in (self.occupied, self.grey):
            shapely.prepare(geom)
        self._pieces = _chunks(self.front)
        self._tree = shapely.STRtree(self._pieces) if len(self._pieces) else None

    def distance_m(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Distance in metres from each point to the front line (inf if there is none)."""
        if self._tree is None:
            return np.full(len(x), np.inf)
        pts = shapely.points(x, y)
        idx, dist = self._tree.query_nearest(pts, return_distance=True, all_matches=False)
        out = np.full(len(x), np.inf)
        out[idx[0]] = dist
        return out
