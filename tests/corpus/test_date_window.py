"""mapapp.corpus.date_window: the dates a corpus accepts, and what to write to widen them."""

from __future__ import annotations

import datetime as dt

import pytest

from mapapp.corpus.date_window import ENV, date_window, outside_window
from mapapp.model import PartialDate


def test_by_default_from_1900_to_a_year_after_today(monkeypatch):
    monkeypatch.delenv(ENV, raising=False)
    first, last = date_window()
    today = dt.date.today()
    assert first == dt.date(1900, 1, 1)
    a_year_on = today.replace(day=28) if (today.month, today.day) == (2, 29) else today
    assert last == a_year_on.replace(year=today.year + 1)  # 29 February: the 28th next year


@pytest.mark.parametrize(("setting", "window"), [
    ("1800-01-01..2100-12-31", (dt.date(1800, 1, 1), dt.date(2100, 12, 31))),
    (" 1850-06-01 .. ", (dt.date(1850, 6, 1), None)),  # an empty end keeps its default
])
def test_the_operator_widens_it(monkeypatch, setting, window):
    monkeypatch.setenv(ENV, setting)
    first, last = date_window()
    assert first == window[0] and (window[1] is None or last == window[1])


@pytest.mark.parametrize(("setting", "says"), [
    ("1800-01-01", "no '..' between the ends"),
    ("1800-13-01..", "is not a window"),
    ("2000-01-01..1999-01-01", "ends before it starts"),
])
def test_a_wrong_setting_says_how_to_write_it(monkeypatch, setting, says):
    monkeypatch.setenv(ENV, setting)
    with pytest.raises(ValueError, match=says) as raised:
        date_window()
    assert "YYYY-MM-DD..YYYY-MM-DD" in str(raised.value)
    assert says in outside_window(PartialDate(2023, 3))  # a record is refused, not a crash


def test_a_month_counts_when_any_of_its_days_lies_inside(monkeypatch):
    monkeypatch.setenv(ENV, "2023-03-31..2023-04-01")
    assert outside_window(PartialDate(2023, 3)) == ""
    assert outside_window(PartialDate(2023, 4)) == ""
    refused = outside_window(PartialDate(2023, 5))
    assert refused.startswith("2023-05 lies outside the dates a corpus accepts (2023-03-31 to "
                              "2023-04-01)") and f"{ENV}=FIRST..LAST" in refused
