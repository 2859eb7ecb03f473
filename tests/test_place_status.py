"""Tests for the status of the towns drawn: computed once per (snapshot, distance), then recalled.

Synthetic squares laid out in kilometres (as in test_frontline.py) test the
logic; the real DeepStateMap-derived files check one fact at scale.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
import shapely

from mapapp.frontline import PlaceStatus, Snapshot, status_many
from mapapp.frontline_geometry import to_lonlat
from mapapp.place_status import (
    StatusMemo,
    near_km_token,
    parse_near_km,
    sentence,
    with_status,
)
from mapapp.timeline import COUNT_COLUMNS

X0, Y0 = 300_000.0, 5_300_000.0  # metres in frontline_geometry's projection


def km_point(x: float, y: float) -> tuple[float, float]:
    p = to_lonlat(shapely.Point(X0 + x * 1e3, Y0 + y * 1e3))
    return p.y, p.x


@pytest.fixture(scope="module")
def snapshot() -> Snapshot:
    occupied = to_lonlat(shapely.box(X0, Y0, X0 + 20e3, Y0 + 20e3))
    return Snapshot(dt.date(2023, 3, 16), occupied, shapely.MultiPolygon(), "test", "credit")


def places(*rows: tuple[str, str, tuple[float, float]]) -> pd.DataFrame:
    return pd.DataFrame([(pid, pid, kind, lat, lon, "UA", 1, 1) for pid, kind, (lat, lon) in rows],
                        columns=list(COUNT_COLUMNS))


def test_with_status_gives_towns_their_status_and_others_none(snapshot):
    points = places(("inside", "city", km_point(10, 10)), ("near", "city", km_point(25, 10)),
                    ("far", "city", km_point(60, 10)), ("oblast", "region", km_point(10, 10)),
                    ("ukraine", "country", km_point(10, 10)))
    out = with_status(points, snapshot, 10.0, StatusMemo())
    assert list(out["status"]) == ["occupied", "near_front", "held", "", ""]
    assert out["distance_km"].iloc[1] == pytest.approx(5.0, abs=0.05)
    assert np.isnan(out["distance_km"].iloc[3])
    assert list(out.columns) == [*COUNT_COLUMNS, "status", "distance_km"]
    assert list(points.columns) == list(COUNT_COLUMNS)  # the input is left alone


def test_without_a_snapshot_every_status_is_empty():
    out = with_status(places(("a", "city", (48.0, 37.0))), None, 10.0, StatusMemo())
    assert list(out["status"]) == [""] and out["distance_km"].isna().all()


def test_memo_computes_each_place_once_per_snapshot_and_distance(snapshot):
    memo = StatusMemo()
    a, b = ("a", *km_point(25, 10)), ("b", *km_point(60, 10))
    first = memo.statuses(snapshot, [a, b], 10.0)
    assert memo.computed == 2
    assert memo.statuses(snapshot, [b, a, a], 10.0) == [first[1], first[0], first[0]]
    assert memo.computed == 2  # all recalled
    assert [s.status for s in memo.statuses(snapshot, [a], 3.0)] == ["held"]  # another N
    assert memo.computed == 3
    assert first == status_many(snapshot, [a[1:], b[1:]], 10.0)


def test_memo_keeps_a_bounded_number_of_keys(snapshot):
    memo = StatusMemo(max_keys=2)
    a = ("a", *km_point(25, 10))
    for near in (1.0, 2.0, 3.0):
        memo.statuses(snapshot, [a], near)
    memo.statuses(snapshot, [a], 1.0)  # dropped as the oldest: computed again
    assert memo.computed == 4


def test_sentence_reads_as_a_sentence():
    found = PlaceStatus("occupied", 3.0, dt.date(2023, 5, 29))
    assert sentence(found, "Bakhmut") == (
        "On 2023-05-29 Bakhmut was in occupied territory (3.0 km behind the front line).")


@pytest.mark.parametrize("text", ["0", "0.5", "101", "nan", "inf", "-5", "ver", ""])
def test_parse_near_km_refuses_what_is_no_sensible_distance(text):
    with pytest.raises(ValueError, match="distance"):
        parse_near_km(text)


def test_near_km_round_trips_through_the_url():
    for value in (1.0, 5.0, 7.5, 10.0, 100.0):
        assert parse_near_km(near_km_token(value)) == value
