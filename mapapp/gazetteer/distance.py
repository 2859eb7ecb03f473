"""Distances on the globe, and the nearest of an article's anchor places.

Resolution measures every candidate of an ambiguous name against the places
an article names unambiguously: tens of thousands of distances per corpus,
so the hot loop here is written out, with the same floating-point steps as
``quick_km`` (the scores, and so the choices, come out the same to the bit).

A news article names a few dozen anchors, and trying each is fastest. A
long one (a live blog, a pasted archive, a list of every town of a
country) names thousands, and trying each for each of thousands of names is
quadratic: 4 MB took 38 s. So above ``SCAN_MAX`` anchors :class:`Anchors`
keeps them in a k-d tree whose boxes bound the distance from below, and
prunes the anchors that cannot be nearer; the distances it does compute are
the same expressions, so the answer is the same to the bit, ties included.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Sequence
from dataclasses import dataclass

EARTH_KM = 6371.0088
# What math.radians multiplies by (CPython's degToRad, pi / 180): the same bits, one call fewer.
DEG = math.pi / 180.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


def quick_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Equirectangular distance: within 0.5 % of haversine at the few hundred km that matter."""
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return EARTH_KM * math.hypot(x, math.radians(lat2 - lat1))


def nearest(lat: float, lon: float, row: int, key: str, anchors: Sequence[tuple[str, int]],
            lats: Sequence[float], lons: Sequence[float]) -> tuple[float, int] | None:
    """The distance to the closest anchor (key, row) of another name and place, and its row.

    ``quick_km(lat, lon, lats[a], lons[a])`` step by step, inline; the first of
    equally near anchors wins.
    """
    best, best_row = -1.0, -1
    cos, hypot = math.cos, math.hypot
    for akey, arow in anchors:
        if akey == key or arow == row:
            continue
        alat = lats[arow]
        d = EARTH_KM * hypot((lons[arow] - lon) * DEG * cos((lat + alat) / 2 * DEG),
                             (alat - lat) * DEG)
        if best_row < 0 or d < best:
            best, best_row = d, arow
    return None if best_row < 0 else (best, best_row)


def nearest_each(places: list[tuple[int, float, float]], key: str,
                 anchors: Sequence[tuple[str, int]], lats: Sequence[float], lons: Sequence[float]
                 ) -> list[float | None]:
    """``nearest``'s distance for each of a name's candidates, given as (row, latitude,
    longitude) (None: no anchor to measure).

    One call for all candidates of a name: the anchors' coordinates are read once, and
    the candidates' come with them (kept per candidate list, not read from the columns).
    """
    points = [(arow, lats[arow], lons[arow]) for akey, arow in anchors if akey != key]
    return [None if found is None else found[0] for found in _scan_each(places, points)]


def _scan_each(places: list[tuple[int, float, float]], points: list[tuple[int, float, float]]
               ) -> list[tuple[float, int] | None]:
    """For each place (row, latitude, longitude), ``nearest`` over ``points`` (row,
    latitude, longitude): the distance and row of the closest point of another row."""
    cos, hypot, out = math.cos, math.hypot, []
    for row, lat, lon in places:
        best, best_row = None, -1
        for arow, alat, alon in points:
            if arow == row:
                continue
            dlat = (alat - lat) * DEG
            # hypot(x, y) >= |y| (rounded faithfully), so an anchor as far away in latitude
            # alone as the nearest so far cannot be nearer: its cosine is not worked out.
            if best is not None and EARTH_KM * abs(dlat) >= best:
                continue
            d = EARTH_KM * hypot((alon - lon) * DEG * cos((lat + alat) / 2 * DEG), dlat)
            if best is None or d < best:
                best, best_row = d, arow
        out.append(None if best is None else (best, best_row))
    return out


# Up to this many anchors a plain scan is fastest (and every news article is below it).
SCAN_MAX = 96
_LEAF = 8  # anchors in a leaf of the tree
# Pruning skips a box only when its lower bound, shrunk by this much, is beyond the best:
# the bound is worked out with other roundings than the distance it bounds.
_SAFE = 1.0 - 1e-9

Anchor = tuple[int, str, int, float, float]  # order named, key, row, latitude, longitude


@dataclass(frozen=True, slots=True)
class _Node:
    """A box of anchors: a leaf holds them, an inner node splits them between two boxes."""

    lat0: float
    lat1: float
    lon0: float
    lon1: float
    items: tuple[Anchor, ...] = ()
    low: _Node | None = None
    high: _Node | None = None


def _build(items: list[Anchor]) -> _Node:
    """The tree of ``items``: halved at the median of the box's longer side."""
    lats, lons = [a[3] for a in items], [a[4] for a in items]
    box = (min(lats), max(lats), min(lons), max(lons))
    if len(items) <= _LEAF:
        return _Node(*box, items=tuple(items))
    axis = 3 if box[1] - box[0] >= box[3] - box[2] else 4
    items = sorted(items, key=lambda a: (a[axis], a[0]))
    half = len(items) // 2
    return _Node(*box, low=_build(items[:half]), high=_build(items[half:]))


def _quick_bound(node: _Node, lat: float, lon: float) -> float:
    """A lower bound of ``quick_km`` from (lat, lon) to any point in the node's box.

    The nearest latitude and longitude of the box, and the smallest cosine
    of the mean latitude (cosine is concave between the poles, so it is
    smallest at one end of the range).
    """
    dlat = max(node.lat0 - lat, lat - node.lat1, 0.0)
    dlon = max(node.lon0 - lon, lon - node.lon1, 0.0)
    cos = min(math.cos((lat + node.lat0) / 2 * DEG), math.cos((lat + node.lat1) / 2 * DEG))
    return EARTH_KM * math.hypot(dlon * DEG * max(cos, 0.0), dlat * DEG)


class Anchors:
    """An article's anchors, (key, row) in the order it names them, for nearest queries.

    Answers as ``nearest`` and ``nearest_each`` do over the list (the first of
    equally near anchors wins), in time that grows with the logarithm of the
    number of anchors instead of the number (see the module's docstring).
    """

    def __init__(self, anchors: Sequence[tuple[str, int]], lats: Sequence[float],
                 lons: Sequence[float]) -> None:
        self.pairs = anchors
        self.lats, self.lons = lats, lons
        self._tree = None if len(anchors) <= SCAN_MAX else _build(
            [(i, key, row, lats[row], lons[row]) for i, (key, row) in enumerate(anchors)])
        # Each anchor with its point, read once: every ambiguous name is measured against
        # them. And what ``nearest_each`` found, (lat, lon, row, key) → ``nearest``: the
        # explanation asks again of the place that won (the object lives for one article).
        self._points = [(key, row, lats[row], lons[row]) for key, row in anchors]
        self._found: dict[tuple[float, float, int, str], tuple[float, int] | None] = {}

    def __len__(self) -> int:
        return len(self.pairs)

    def nearest(self, lat: float, lon: float, row: int, key: str) -> tuple[float, int] | None:
        """``nearest(lat, lon, row, key, anchors, …)``: the closest anchor of another name
        and place, and its row."""
        if (lat, lon, row, key) in self._found:
            return self._found[(lat, lon, row, key)]
        if self._tree is None:
            return nearest(lat, lon, row, key, self.pairs, self.lats, self.lons)
        found = self._search(lat, lon, row, key)
        return None if found is None else (found[0], found[2])

    def nearest_each(self, places: list[tuple[int, float, float]], key: str
                     ) -> list[float | None]:
        """``nearest_each(places, key, anchors, …)``: the distance for each candidate."""
        if self._tree is None:
            each = _scan_each(places, [(r, lat, lon) for k, r, lat, lon in self._points
                                       if k != key])
        else:
            each = []
            for row, lat, lon in places:
                hit = self._search(lat, lon, row, key)
                each.append(None if hit is None else (hit[0], hit[2]))
        out: list[float | None] = []
        for (row, lat, lon), pair in zip(places, each, strict=True):
            self._found[(lat, lon, row, key)] = pair
            out.append(None if pair is None else pair[0])
        return out

    def _search(self, lat: float, lon: float, row: int, key: str
                ) -> tuple[float, int, int] | None:
        """(distance, order named, row) of the nearest anchor not of ``key`` nor ``row``.

        Best first: boxes in the order of their lower bounds, until the next
        bound is beyond the best distance found (an equal one may still hold
        an anchor named earlier, so it is opened).
        """
        assert self._tree is not None
        cos, hypot = math.cos, math.hypot
        best, best_i, best_row = math.inf, -1, -1
        heap = [(0.0, 0, self._tree)]
        count = 1
        while heap:
            bound, _, node = heapq.heappop(heap)
            if bound * _SAFE > best:
                break
            for i, akey, arow, alat, alon in node.items:
                if akey == key or arow == row:
                    continue
                d = EARTH_KM * hypot((alon - lon) * DEG * cos((lat + alat) / 2 * DEG),
                                     (alat - lat) * DEG)
                if d < best or (d == best and i < best_i):
                    best, best_i, best_row = d, i, arow
            for child in (node.low, node.high):
                if child is not None:
                    heapq.heappush(heap, (_quick_bound(child, lat, lon), count, child))
                    count += 1
        return None if best_i < 0 else (best, best_i, best_row)

    def rows_near(self, lat: float, lon: float, km: float) -> list[int]:
        """The rows of every anchor within ``km`` (great circle) of a point, and maybe a few
        more, in the order named; all of them when there are few."""
        if self._tree is None:
            return [row for _, row in self.pairs]
        found: list[Anchor] = []
        for box in _boxes_around(lat, lon, km):
            _in_box(self._tree, box, found)
        found.sort()
        return [a[2] for a in found]


def _boxes_around(lat: float, lon: float, km: float) -> list[tuple[float, float, float, float]]:
    """Latitude-longitude boxes that hold every point within ``km`` of (lat, lon).

    Within an angle t of the point, latitude differs by at most t, and
    ``sin(dlon / 2)`` is at most ``sin(t / 2) / sqrt(cos(lat) cos(lat2))`` (the
    haversine formula); near a pole every longitude. Widened a little for
    rounding; a box that crosses the antimeridian is split in two.
    """
    t = km / EARTH_KM * 1.001 + 1e-9
    dlat = math.degrees(t)
    far = abs(lat) + dlat
    if far >= 89.0:
        return [(lat - dlat, lat + dlat, -math.inf, math.inf)]
    ratio = math.sin(t / 2) / math.sqrt(math.cos(math.radians(lat)) * math.cos(math.radians(far)))
    if ratio >= 1.0:
        return [(lat - dlat, lat + dlat, -math.inf, math.inf)]
    dlon = math.degrees(2 * math.asin(ratio)) * 1.001 + 1e-9
    if dlon >= 180.0:
        return [(lat - dlat, lat + dlat, -math.inf, math.inf)]
    boxes = [(lat - dlat, lat + dlat, lon - dlon, lon + dlon)]
    if lon - dlon < -180.0:
        boxes.append((lat - dlat, lat + dlat, lon - dlon + 360.0, math.inf))
    if lon + dlon > 180.0:
        boxes.append((lat - dlat, lat + dlat, -math.inf, lon + dlon - 360.0))
    return boxes


def _in_box(node: _Node, box: tuple[float, float, float, float], out: list[Anchor]) -> None:
    lat0, lat1, lon0, lon1 = box
    if node.lat1 < lat0 or node.lat0 > lat1 or node.lon1 < lon0 or node.lon0 > lon1:
        return
    out.extend(a for a in node.items if lat0 <= a[3] <= lat1 and lon0 <= a[4] <= lon1)
    for child in (node.low, node.high):
        if child is not None:
            _in_box(child, box, out)
