"""Distances on the globe, and the nearest of a few anchor places.

Resolution measures every candidate of an ambiguous name against the places
an article names unambiguously: tens of thousands of distances per corpus,
so the hot loop here is written out, with the same floating-point steps as
``quick_km`` (the scores, and so the choices, come out the same to the bit).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

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


def nearest(lat: float, lon: float, row: int, key: str, anchors: list[tuple[str, int]],
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
                 anchors: list[tuple[str, int]], lats: Sequence[float], lons: Sequence[float]
                 ) -> list[float | None]:
    """``nearest``'s distance for each of a name's candidates, given as (row, latitude,
    longitude) (None: no anchor to measure).

    One call for all candidates of a name: the anchors' coordinates are read once, and
    the candidates' come with them (kept per candidate list, not read from the columns).
    """
    points = [(arow, lats[arow], lons[arow]) for akey, arow in anchors if akey != key]
    cos, hypot, out = math.cos, math.hypot, []
    for row, lat, lon in places:
        best = None
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
                best = d
        out.append(best)
    return out
