"""The dates a corpus accepts: news is from 1900 to next year, unless the operator says otherwise.

A date is text anyone can type, and the year 1 or 9999 is a valid date: one
such article made the app's slider span every month (or day) between it and
the others, and froze the page. The corpus readers therefore refuse an article
dated outside a window that makes sense for news, 1900-01-01 to a year after
today, as a bad record that names its file and line; an archive of older (or
a plan of later) articles widens it with ``MAPAPP_DATES=FIRST..LAST``
(``1800-01-01..2100-12-31``; either end may be left empty for its default).
The slider itself grows only with the dates that occur (``periods``), so a
store written before this window existed stays usable.
"""

from __future__ import annotations

import datetime as dt
import functools
import os

from mapapp.model import PartialDate

ENV = "MAPAPP_DATES"
FIRST = dt.date(1900, 1, 1)
_FORMAT = f"{ENV}=FIRST..LAST as YYYY-MM-DD..YYYY-MM-DD (either end may be empty)"


def _one_year_after(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


@functools.lru_cache(maxsize=8)
def _window(setting: str, today: dt.date) -> tuple[dt.date, dt.date]:
    first, last = FIRST, _one_year_after(today)
    if not setting.strip():
        return first, last
    lo, sep, hi = setting.partition("..")
    try:
        if not sep:
            raise ValueError("no '..' between the ends")
        first = dt.date.fromisoformat(lo.strip()) if lo.strip() else first
        last = dt.date.fromisoformat(hi.strip()) if hi.strip() else last
    except ValueError as error:
        raise ValueError(f"{ENV}={setting!r:.60} is not a window ({error}); write {_FORMAT}, "
                         "e.g. 1800-01-01..2100-12-31") from None
    if first > last:
        raise ValueError(f"{ENV}={setting!r:.60} ends before it starts; write {_FORMAT}")
    return first, last


def date_window() -> tuple[dt.date, dt.date]:
    """The first and last day a corpus accepts (``$MAPAPP_DATES``, else 1900-01-01 to a
    year after today); ValueError, saying how to write it, when the setting is wrong."""
    return _window(os.environ.get(ENV, ""), dt.date.today())


def outside_window(date: PartialDate) -> str:
    """Why ``date`` is refused and what to do, or "" when it lies in the window (a month
    counts when any of its days does)."""
    try:
        first, last = date_window()
    except ValueError as error:
        return str(error)
    if date.last_day >= first and date.first_day <= last:
        return ""
    return (f"{date.iso} lies outside the dates a corpus accepts ({first} to {last}); fix the "
            f"date, or widen the window with {ENV}=FIRST..LAST (e.g. 1800-01-01..2100-12-31)")
