"""Tests for the status of the towns drawn: computed once per (snapshot, distance), then recalled.

Synthetic squares laid out in kilometres (as in test_frontline.py) test the
logic; the real DeepStateMap-derived files check one fact at scale. The
hand-made dated_small.geojson (tests/data/frontline) tests when a snapshot is
recent enough to stand for a date (``coverage``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from mapapp.frontline.geometry import to_lonlat
from mapapp.frontline.place_status import (
    MAX_STALE_DAYS,
    STALE_DAYS,
    StatusMemo,
    coverage,
    near_km_token,
    parse_near_km,
    parse_stale_days,
    sentence,
    unknown_sentence,
    with_status,
)
from mapapp.frontline.snapshots import Frontline, PlaceStatus, Snapshot, status_many
from mapapp.model import PartialDate
from mapapp.timeline.windows import COUNT_COLUMNS

DATA = Path(__file__).parents[1] / "data" / "frontline"
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


def test_when_the_front_line_is_unknown_towns_say_so_and_nothing_is_computed():
    points = places(("town", "city", (48.0, 37.0)), ("oblast", "region", (48.0, 37.0)))
    memo = StatusMemo()
    out = with_status(points, None, 10.0, memo, unknown=True)
    assert list(out["status"]) == ["unknown", ""] and out["distance_km"].isna().all()
    assert memo.computed == 0
    assert with_status(points.iloc[:0], None, 10.0, memo, unknown=True).empty


def test_unknown_sentence_names_the_town_the_date_and_why(snapshot):
    cover = coverage(Frontline([snapshot]), "2024-06")
    assert unknown_sentence(cover, "Avdiivka") == (
        "Where Avdiivka stood on 2024-06-30 is unknown: the newest snapshot is 2023-03-16, "
        "472 days earlier (tolerance 10 days).")


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


@pytest.mark.parametrize("text", ["-1", "1.5", "ten", "", " 3", "٣", "3661", "9999999"])
def test_parse_stale_days_refuses_what_is_no_number_of_days(text):
    with pytest.raises(ValueError, match="days"):
        parse_stale_days(text)


def test_parse_stale_days_takes_whole_days_up_to_ten_years():
    assert [parse_stale_days(t) for t in ("0", "10", "0365", str(MAX_STALE_DAYS))] == [
        0, 10, 365, MAX_STALE_DAYS]


# --- is the front line known on the date? ------------------------------------------------

@pytest.fixture(scope="module")
def small_frontline() -> Frontline:
    return Frontline.from_files([DATA / "dated_small.geojson"])



# dated_small.geojson holds 2022-12-29, 2023-01-09 and 2023-05-25
@pytest.mark.parametrize(("when", "tolerance", "expected"), [
    ("2023-01-09", 0, "2023-01-09"), ("2023-01-10", 0, None), ("2023-01-10", 1, "2023-01-09"),
    ("2023-01-19", 10, "2023-01-09"), ("2023-01-20", 10, None),
    (dt.date(2023, 1, 20), 11, "2023-01-09"), (dt.datetime(2023, 1, 19, 23), 10, "2023-01-09"),
    # a month: a snapshot inside it counts whatever the tolerance; else from its last day
    ("2023-05", 0, "2023-05-25"), ("2023-01", 0, "2023-01-09"), (PartialDate(2023, 1), 0,
                                                                 "2023-01-09"),
    ("2023-06", 10, None), ("2023-06", 35, None), ("2023-06", 36, "2023-05-25"),
    ("2023-02", 20, None), ("2023-02", 50, "2023-01-09"),
    # before the first snapshot: unknown whatever the tolerance
    ("2022-12-28", 3660, None), ("2022-11", 3660, None), ("2022-12", 0, "2022-12-29"),
])
def test_coverage_is_current_within_the_tolerance_or_the_month(small_frontline, when,
                                                                tolerance, expected):
    cover = coverage(small_frontline, when, tolerance)
    assert (cover.snapshot.date.isoformat() if cover.snapshot else None) == expected
    assert cover.current == (expected is not None)
    assert cover.latest is small_frontline.snapshot_at(when)  # the newest, current or not


def test_coverage_says_why_the_front_line_is_unknown(small_frontline):
    stale = coverage(small_frontline, "2024-02")
    assert stale.tolerance_days == STALE_DAYS == 10
    assert (stale.start, stale.day, stale.age_days) == (dt.date(2024, 2, 1),
                                                       dt.date(2024, 2, 29), 280)
    assert stale.describe() == ("Front line unknown on 2024-02-29: the newest snapshot is "
                                "2023-05-25, 280 days earlier (tolerance 10 days).")
    assert stale.note() == ("front line unknown on 2024-02-29 (newest snapshot 2023-05-25, "
                            "280 days earlier)")
    assert stale.gap() == (dt.date(2023, 5, 26), dt.date(2024, 2, 29))
    early = coverage(small_frontline, "2022-12-01", 1)
    assert early.latest is None and early.age_days is None
    assert early.describe() == ("Front line unknown on 2022-12-01: the snapshots start on "
                                "2022-12-29.")
    assert early.note() == "front line unknown on 2022-12-01 (snapshots start on 2022-12-29)"
    assert early.gap() == (dt.date(2022, 12, 1), dt.date(2022, 12, 1))
    assert coverage(small_frontline, "2023-01-11", 1).reason().endswith(
        "2 days earlier (tolerance 1 day)")
    known = coverage(small_frontline, "2023-01-10")
    assert (known.describe(), known.note(), known.reason()) == ("", "", "")
    assert coverage(Frontline([]), "2023-01").reason() == "there are no snapshots"


def test_a_negative_tolerance_is_refused(small_frontline):
    with pytest.raises(ValueError, match="0 days or more"):
        coverage(small_frontline, "2023-01-10", -1)


@settings(max_examples=80, deadline=None)
@given(days=st.lists(st.integers(0, 400), min_size=1, max_size=20, unique=True),
       ask=st.integers(-40, 440), tolerance=st.integers(0, 60), month=st.booleans())
def test_coverage_agrees_with_its_definition(days, ask, tolerance, month):
    start = dt.date(2022, 12, 1)
    fl = Frontline([Snapshot(start + dt.timedelta(d), shapely.box(0, 0, 1, 1),
                             shapely.MultiPolygon(), "test", "credit") for d in days])
    asked = start + dt.timedelta(ask)
    when = PartialDate(asked.year, asked.month) if month else asked
    first, last = (when.first_day, when.last_day) if month else (asked, asked)
    fits = [s for s in fl if s.date <= last and
            (s.date >= first or (last - s.date).days <= tolerance)]
    newest = max((s.date for s in fl if s.date <= last), default=None)
    cover = coverage(fl, when, tolerance)
    # current exactly when the newest snapshot up to the date's end is one that fits
    assert cover.current == (newest is not None and any(s.date == newest for s in fits))
    assert cover.snapshot is (fl.snapshot_at(last) if cover.current else None)
