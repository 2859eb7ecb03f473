"""The slider's steps and windows: which periods a date and a window choice cover.

A corpus of month-dated articles steps in months, one of day-dated articles
in days; the app's slider, its URL and the timeline's queries all speak in
indices into one ``PeriodAxis``, and a ``Window`` turns the slider's index
into the inclusive period range a query covers. Pure and tiny, so a URL
value can be checked here before anything is drawn.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from mapapp.model import PartialDate

WINDOW_KINDS = ("this", "upto", "last")
MAX_LAST_N = 24
_WINDOW_RE = re.compile(r"^(this|upto|last(\d{1,3}))$")


# ---------------------------------------------------------------- period axis


@dataclass(frozen=True)
class PeriodAxis:
    """The slider's steps: every month (or day) from the first to the last date.

    The axis is contiguous, so empty periods stay on it and dragging the
    slider moves through time at an even pace. It steps in days only when
    every article carries a day; one month-only date makes it step in
    months, because a month-only article cannot honestly be put on a day.

    >>> axis = period_axis([PartialDate(2022, 12), PartialDate(2023, 2)])
    >>> axis.labels
    ('2022-12', '2023-01', '2023-02')
    """

    unit: str  # "month" or "day"
    labels: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.labels)

    @property
    def first(self) -> PartialDate:
        return PartialDate.parse(self.labels[0])

    def index(self, date: PartialDate) -> int:
        """The period holding ``date`` (may be out of range: callers check)."""
        first = self.first
        if self.unit == "month":
            return (date.year - first.year) * 12 + date.month - first.month
        return (date.first_day - first.first_day).days

    def starts(self) -> list[dt.date]:
        """First day of every period, for a chart's time axis."""
        return [PartialDate.parse(label).first_day for label in self.labels]


def period_axis(dates: Iterable[PartialDate]) -> PeriodAxis:
    """The contiguous axis covering ``dates`` (empty when there are none)."""
    dates = list(dates)
    if not dates:
        return PeriodAxis("month", ())
    unit = "day" if all(d.day is not None for d in dates) else "month"
    lo, hi = min(d.first_day for d in dates), max(d.first_day for d in dates)
    if unit == "day":
        n = (hi - lo).days + 1
        labels = [(lo + dt.timedelta(days=i)).isoformat() for i in range(n)]
    else:
        n = (hi.year - lo.year) * 12 + hi.month - lo.month + 1
        labels = [f"{lo.year + (lo.month - 1 + i) // 12:04d}-{(lo.month - 1 + i) % 12 + 1:02d}"
                  for i in range(n)]
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
    if axis.unit == "month":
        i = axis.index(PartialDate(date.year, date.month))
    else:
        i = axis.index(date) if date.day is not None else _first_day_index(axis, date)
    if not 0 <= i < len(axis):
        raise ValueError(f"{value} lies outside the corpus ({axis.labels[0]} to {axis.labels[-1]})")
    return i


def _first_day_index(axis: PeriodAxis, month: PartialDate) -> int:
    lo = axis.index(PartialDate(month.year, month.month, 1))
    hi = axis.index(PartialDate(month.year, month.month, month.last_day.day))
    return max(lo, 0) if hi >= 0 else lo


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

    def bounds(self, index: int, length: int) -> tuple[int, int]:
        """Inclusive period range [lo, hi] for the slider at ``index`` on an axis of ``length``."""
        hi = min(max(index, 0), length - 1)
        if self.kind == "upto":
            return 0, hi
        if self.kind == "last":
            return max(0, hi - self.n + 1), hi
        return hi, hi
