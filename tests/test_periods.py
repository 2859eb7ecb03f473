"""Periods: the slider's axis of months or days, dates from URLs, and windows."""

from __future__ import annotations

import pytest

from mapapp.model import PartialDate
from mapapp.periods import PeriodAxis, Window, locate_date, period_axis

MONTHS = ("2022-12", "2023-01", "2023-02", "2023-03", "2023-04", "2023-05")


# ------------------------------------------------------------------ the axis


def test_axis_of_month_dates_is_contiguous():
    axis = period_axis([PartialDate(2023, 5), PartialDate(2022, 12), PartialDate(2023, 3)])
    assert axis == PeriodAxis("month", MONTHS)


def test_axis_steps_in_days_only_when_every_date_has_a_day():
    days = [PartialDate(2023, 2, 27), PartialDate(2023, 3, 2)]
    assert period_axis(days) == PeriodAxis(
        "day", ("2023-02-27", "2023-02-28", "2023-03-01", "2023-03-02"))
    assert period_axis([*days, PartialDate(2023, 4)]) == PeriodAxis(
        "month", ("2023-02", "2023-03", "2023-04"))


def test_axis_crosses_a_year_and_may_be_empty():
    assert period_axis([PartialDate(2022, 11), PartialDate(2023, 1)]).labels == (
        "2022-11", "2022-12", "2023-01")
    assert len(period_axis([])) == 0


@pytest.mark.parametrize(("value", "index"), [
    ("2022-12", 0), ("2023-03", 3), ("2023-05", 5),
    ("2023-03-16", 3),  # a day on a month axis falls into its month
    (" 2023-01 ", 1),
])
def test_locate_date_on_a_month_axis(value, index):
    assert locate_date(PeriodAxis("month", MONTHS), value) == index


def test_locate_date_on_a_day_axis():
    axis = period_axis([PartialDate(2023, 3, 10), PartialDate(2023, 4, 2)])
    assert locate_date(axis, "2023-03-11") == 1
    assert locate_date(axis, "2023-04") == 22  # a month means its first day: 1 April
    assert locate_date(axis, "2023-03") == 0  # ... or the corpus's first day in it


@pytest.mark.parametrize(("value", "message"), [
    ("2024-01", "outside the corpus"),
    ("2022-11", "outside the corpus"),
    ("2023-13", "impossible month"),
    ("2023-02-30", "impossible day"),
    ("gisteren", "expected a date"),
    ("", "expected a date"),
])
def test_locate_date_rejects_with_a_reason(value, message):
    with pytest.raises(ValueError, match=message):
        locate_date(PeriodAxis("month", MONTHS), value)


def test_locate_date_outside_a_day_axis():
    axis = period_axis([PartialDate(2023, 3, 10), PartialDate(2023, 4, 2)])
    with pytest.raises(ValueError, match="outside"):
        locate_date(axis, "2023-02")


# ---------------------------------------------------------------- the window


@pytest.mark.parametrize(("token", "window"), [
    ("this", Window("this")), ("upto", Window("upto")), ("last3", Window("last", 3)),
    ("last24", Window("last", 24)),
])
def test_window_tokens_round_trip(token, window):
    assert Window.parse(token) == window
    assert window.token == token


@pytest.mark.parametrize("token", ["", "all", "last", "last0", "last25", "LAST3", "thisx"])
def test_window_rejects_junk(token):
    with pytest.raises(ValueError):
        Window.parse(token)


@pytest.mark.parametrize(("window", "index", "bounds"), [
    (Window("this"), 3, (3, 3)),
    (Window("upto"), 3, (0, 3)),
    (Window("last", 3), 3, (1, 3)),
    (Window("last", 3), 1, (0, 1)),
    (Window("this"), 99, (5, 5)),  # clamped to the axis
])
def test_window_bounds(window, index, bounds):
    assert window.bounds(index, 6) == bounds


# -------------------------------------- an axis grows with the dates that occur (issue 15)


def test_a_long_empty_stretch_is_left_out_of_the_axis():
    extremes = [PartialDate(1, 1, 1), PartialDate(9999, 12, 31), PartialDate(2023, 3, 1)]
    assert period_axis(extremes).labels == ("0001-01-01", "2023-03-01", "9999-12-31")
    assert period_axis([PartialDate(1, 1), PartialDate(9999, 12)]).labels == ("0001-01", "9999-12")
    # Up to a year of empty months (a month of empty days) stays: time moves at an even pace.
    months = period_axis([PartialDate(2022, 1), PartialDate(2023, 1), PartialDate(2024, 3)])
    assert months.labels[:13] == (*(f"2022-{m:02d}" for m in range(1, 13)), "2023-01")
    assert months.labels[13:] == ("2024-03",)  # 13 empty months in a row: left out
    days = period_axis([PartialDate(2023, 1, 1), PartialDate(2023, 2, 1), PartialDate(2023, 4, 1)])
    assert len(days) == 32 + 1 and days.labels[-2:] == ("2023-02-01", "2023-04-01")


def test_a_date_in_a_left_out_stretch_falls_into_the_period_before():
    axis = period_axis([PartialDate(1950, 1), PartialDate(2023, 3)])
    assert axis.index(PartialDate(1990, 6)) == 0 and axis.index(PartialDate(2023, 3)) == 1
    assert (axis.index(PartialDate(1949, 1)), axis.index(PartialDate(2024, 1))) == (-1, 2)
    assert locate_date(axis, "2000-01") == 0
    days = period_axis([PartialDate(2023, 1, 5), PartialDate(2023, 6, 1)])
    assert locate_date(days, "2023-06") == 1 and locate_date(days, "2023-03") == 0


def test_the_last_n_periods_count_the_calendar_across_a_left_out_stretch():
    axis = period_axis([PartialDate(2020, 1), PartialDate(2023, 2), PartialDate(2023, 3)])
    assert axis.labels == ("2020-01", "2023-02", "2023-03")
    assert Window("last", 3).bounds(2, axis) == (1, 2)  # 2023-01 to 2023-03: not 2020
    assert Window("last", 3).bounds(2, len(axis)) == (0, 2)  # by the length alone: 3 steps
    days = period_axis([PartialDate(2023, 1, 1), PartialDate(2023, 3, 1), PartialDate(2023, 3, 2)])
    assert Window("last", 5).bounds(2, days) == (1, 2)
    assert Window("upto").bounds(2, days) == (0, 2) and Window("this").bounds(2, days) == (2, 2)
