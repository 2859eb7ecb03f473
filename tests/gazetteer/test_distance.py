"""The anchor index answers exactly as the plain scan over every anchor does.

Resolution's scores, and so the geoparser's choices, depend on the distances
to the bit; the index may only skip anchors that cannot win. Compared here on
random anchor sets large enough to be kept in the tree, clustered (one
country's towns, several anchors at one point, one name for several) and
spread over the globe (both poles, both sides of the antimeridian).
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mapapp.gazetteer import distance
from mapapp.gazetteer.distance import Anchors, haversine_km, nearest, nearest_each


def _world(seed: int, n: int) -> tuple[list[float], list[float], list[tuple[str, int]]]:
    """``n`` anchor rows, a third in a small cluster, some sharing a point or a key."""
    rng = random.Random(seed)
    lats, lons = [], []
    for i in range(n):
        if i % 3 == 0:
            lats.append(rng.uniform(47.0, 49.0))
            lons.append(rng.uniform(36.0, 39.0))
        elif i % 7 == 0 and lats:  # on an earlier anchor's point: ties
            lats.append(lats[-1])
            lons.append(lons[-1])
        else:
            lats.append(rng.uniform(-90.0, 90.0))
            lons.append(rng.uniform(-180.0, 180.0))
    anchors = [(f"k{rng.randrange(n // 2 + 1)}", row) for row in range(n)]
    return lats, lons, anchors


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(distance.SCAN_MAX + 1, 600))
def test_the_index_finds_what_the_scan_finds(seed, n):
    lats, lons, anchors = _world(seed, n)
    index = Anchors(anchors, lats, lons)
    rng = random.Random(seed + 1)
    queries = [(rng.randrange(n), rng.uniform(-90, 90), rng.uniform(-180, 180)) for _ in range(40)]
    queries += [(row, lats[row], lons[row]) for row in rng.sample(range(n), 20)]  # on an anchor
    for row, lat, lon in queries:
        key = anchors[row][0]
        assert index.nearest(lat, lon, row, key) == nearest(lat, lon, row, key, anchors, lats,
                                                             lons)
    places = [(row, lat, lon) for row, lat, lon in queries]
    assert index.nearest_each(places, "k0") == nearest_each(places, "k0", anchors, lats, lons)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), km=st.sampled_from([1.0, 150.0, 2000.0]))
def test_rows_near_holds_every_anchor_within_reach(seed, km):
    lats, lons, anchors = _world(seed, 400)
    index = Anchors(anchors, lats, lons)
    rng = random.Random(seed)
    points = [(rng.uniform(-90, 90), rng.uniform(-180, 180)) for _ in range(30)]
    points += [(89.5, 10.0), (-89.9, -170.0), (10.0, 179.9), (-20.0, -179.95), (48.0, 37.5)]
    for lat, lon in points:
        near = index.rows_near(lat, lon, km)
        assert near == sorted(near)  # in the order named (rows are named in order here)
        within = [row for _, row in anchors if haversine_km(lat, lon, lats[row], lons[row]) <= km]
        assert set(within) <= set(near)


@pytest.mark.parametrize("n", [0, 1, distance.SCAN_MAX])
def test_few_anchors_are_scanned(n):
    lats, lons, anchors = _world(3, max(n, 1))
    index = Anchors(anchors[:n], lats, lons)
    assert len(index) == n
    assert index.rows_near(0.0, 0.0, 1.0) == [row for _, row in anchors[:n]]


@pytest.mark.parametrize("n", [12, distance.SCAN_MAX + 40])
def test_nearest_after_nearest_each_is_the_nearest(n):
    """What ``nearest_each`` found is kept for ``nearest`` (asked again of a winner): the
    same distance and anchor as a plain scan, also where anchors tie (shared points)."""
    lats, lons, anchors = _world(n, n)
    index = Anchors(anchors, lats, lons)
    places = [(row, lats[row], lons[row]) for row in range(n)] + [(n + 5, 48.0, 37.5)]
    for key in ("k0", "k1", "none"):
        dists = index.nearest_each(places, key)
        for (row, lat, lon), dist in zip(places, dists, strict=True):
            expected = nearest(lat, lon, row, key, anchors, lats, lons)
            assert index.nearest(lat, lon, row, key) == expected
            assert dist == (None if expected is None else expected[0])
