"""The slider's steps and windows: which periods a date and a window choice cover.

A corpus of month-dated articles steps in months, one of day-dated articles
in days; the app's slider, its URL and the timeline's queries all speak in
indices into one ``PeriodAxis``, and a ``Window`` turns the slider's index
into the inclusive period range a query covers. Pure and tiny, so a URL
value can be checked here before anything is drawn.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from mapapp.model import PartialDate

WINDOW_KINDS = ("this", "upto", "last")
MAX_LAST_N = 24
_WINDOW_RE = re.compile(r"^(this|upto|last(\d{1,3}))$")
# Empty periods in a row that stay on the axis between two that hold articles: a year of
# months, a month of days. A longer stretch is left out (see PeriodAxis).
MAX_GAP = {"month": 12, "day": 31}


# ---------------------------------------------------------------- period axis


@dataclass(frozen=True)
class PeriodAxis:
    """The slider's steps: the months (or days) that hold articles, and the empty ones
    between them up to ``MAX_GAP`` in a row.

    Short empty stretches stay on the axis, so dragging the slider moves through
    time at an even pace; a longer one is left out, so the axis grows with the dates
    that occur, never with the time between the extremes (two articles dated 0001-01-01
    and 9999-12-31 make two steps, not 3.65 million). It steps in days only when
    every article carries a day; one month-only date makes it step in months, because
    a month-only article cannot honestly be put on a day.

    >>> axis = period_axis([PartialDate(2022, 12), PartialDate(2023, 2)])
    >>> axis.labels
    ('2022-12', '2023-01', '2023-02')
    >>> period_axis([PartialDate(1, 1, 1), PartialDate(9999, 12, 31)]).labels
    ('0001-01-01', '9999-12-31')
    """

    unit: str  # "month" or "day"
    labels: tuple[str, ...]  # ascending; YYYY-MM or YYYY-MM-DD

    def __len__(self) -> int:
        return len(self.labels)

    @property
    def first(self) -> PartialDate:
        return PartialDate.parse(self.labels[0])

    @functools.cached_property
    def _positions(self) -> dict[str, int]:
        return {label: i for i, label in enumerate(self.labels)}

    def key(self, date: PartialDate) -> str:
        """The label of the period ``date`` lies in (on the axis or not)."""
        if self.unit == "month":
            return f"{date.year:04d}-{date.month:02d}"
        return date.first_day.isoformat()

    def index(self, date: PartialDate) -> int:
        """The period holding ``date``: -1 before the first, ``len(self)`` after the last
        (callers check); a date in an empty stretch the axis leaves out falls into the
        period before it."""
        key = self.key(date)
        found = self._positions.get(key)
        if found is not None:
            return found
        if not self.labels or key > self.labels[-1]:
            return len(self.labels)
        return bisect.bisect_right(self.labels, key) - 1

    def first_since(self, date: PartialDate) -> int:
        """The first period on or after ``date`` (``len(self)`` when there is none)."""
        return bisect.bisect_left(self.labels, self.key(date))

    def starts(self) -> list[dt.date]:
        """First day of every period, for a chart's time axis."""
        return [PartialDate.parse(label).first_day for label in self.labels]


def _month_number(date: dt.date) -> int:
    return date.year * 12 + date.month - 1


def _label(unit: str, n: int) -> str:
    """The label of month number ``n`` (year * 12 + month - 1) or day ordinal ``n``."""
    if unit == "day":
        return dt.date.fromordinal(n).isoformat()
    return f"{n // 12:04d}-{n % 12 + 1:02d}"


def period_axis(dates: Iterable[PartialDate]) -> PeriodAxis:
    """The axis of ``dates`` (empty when there are none): see :class:`PeriodAxis`."""
    dates = list(dates)
    if not dates:
        return PeriodAxis("month", ())
    unit = "day" if all(d.day is not None for d in dates) else "month"
    number = dt.date.toordinal if unit == "day" else _month_number
    steps = sorted({number(d.first_day) for d in dates})
    labels: list[str] = []
    for before, n in zip([steps[0] - 1, *steps], steps, strict=False):
        filled = range(before + 1, n) if n - before - 1 <= MAX_GAP[unit] else range(0)
        labels.extend(_label(unit, k) for k in [*filled, n])
    return PeriodAxis(unit, tuple(labels))


def locate_date(axis: PeriodAxis, value: str) -> int:
    """The axis index of a date written by a user or a URL.

    A day on a month axis falls into its month; a month on a day axis means
    its first day inside the corpus. Raise ValueError saying what is wrong
    when the value is no date or lies outside the corpus.
    """
    if not axis.labels:
        raise ValueError("the corpus has no dated articles")
    date = PartialDate.parse(value)  # ValueError names the expected format
    i = axis.index(date)
    if axis.unit == "day" and date.day is None:
        first = axis.first_since(date)  # the corpus's first day in that month, if any
        if first < len(axis) and axis.labels[first].startswith(date.iso):
            i = first
    if not 0 <= i < len(axis):
        raise ValueError(f"{value} lies outside the corpus ({axis.labels[0]} to {axis.labels[-1]})")
    return i


# --------------------------------------------------------------------- window


@dataclass(frozen=True)
class Window:
    """Which periods around the slider's date count: this one, all up to it, or the last n.

    >>> Window.parse("last3").bounds(5, 10)
    (3, 5)
    >>> Window("upto").token
    'upto'
    """

    kind: str = "this"
    n: int = 1

    def __post_init__(self) -> None:
        if self.kind not in WINDOW_KINDS:
            raise ValueError(f"window kind must be one of {WINDOW_KINDS}, got {self.kind!r}")
        if not 1 <= self.n <= MAX_LAST_N:
            raise ValueError(f"window length must be 1 to {MAX_LAST_N} periods, got {self.n}")

    @classmethod
    def parse(cls, token: str) -> Window:
        """Read ``this``, ``upto`` or ``lastN`` (the URL form)."""
        m = _WINDOW_RE.match(token.strip())
        if not m:
            raise ValueError(f"expected a window 'this', 'upto' or 'lastN', got {token!r}")
        if m.group(2):
            return cls("last", int(m.group(2)))
        return cls(m.group(1))

    @property
    def token(self) -> str:
        return f"last{self.n}" if self.kind == "last" else self.kind

    def bounds(self, index: int, axis: PeriodAxis | int) -> tuple[int, int]:
        """Inclusive period range [lo, hi] for the slider at ``index`` on ``axis``.

        "The last n" means n months (or days) of the calendar on an axis that leaves out
        an empty stretch; given only the axis's length, n steps.
        """
        length = axis if isinstance(axis, int) else len(axis)
        hi = min(max(index, 0), length - 1)
        if self.kind == "upto":
            return 0, hi
        if self.kind == "last":
            if isinstance(axis, int):
                return max(0, hi - self.n + 1), hi
            return axis.first_since(_periods_before(axis, hi, self.n - 1)), hi
        return hi, hi


def _periods_before(axis: PeriodAxis, index: int, n: int) -> PartialDate:
    """The first day of the period ``n`` months (or days) before the axis's ``index``."""
    start = PartialDate.parse(axis.labels[index]).first_day
    if axis.unit == "day":
        day = dt.date.fromordinal(max(1, start.toordinal() - n))
        return PartialDate(day.year, day.month, day.day)
    month = max(_month_number(start) - n, 12)  # not before the year 1
    return PartialDate(month // 12, month % 12 + 1)
