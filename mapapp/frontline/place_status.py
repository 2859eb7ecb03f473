"""Whether the front line is known at the slider's date, and where each town stood then.

The app styles every town it draws by its position on the date shown
(occupied, grey zone, near the front, held) and says it in the panel.
``frontline.status_many`` answers that for many points at once; this module
asks it only for the towns drawn that it has not seen yet under the same
(snapshot date, near-front distance), so moving the slider back and forth
costs dictionary lookups. Regions and countries get no status: the status of
an oblast's centre point would say nothing about the oblast.

Before any of that, :func:`coverage` says whether the front line is known on
the date at all: a snapshot much older than the date (front-line data up to
June 2023, articles of 2024) would give every town a year-old status, so past
a tolerance the towns get the status "unknown", and a sentence says why.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
import pandas as pd

from mapapp.frontline.control import ControlStatus
from mapapp.frontline.snapshots import (
    NEAR_KM,
    Frontline,
    PlaceStatus,
    Snapshot,
    as_date,
    status_many,
)
from mapapp.model import PartialDate, PlaceKind

STATUS_KINDS = (PlaceKind.CITY,)
MIN_NEAR_KM, MAX_NEAR_KM = 1.0, 100.0
STALE_DAYS = 10
MAX_STALE_DAYS = 3660  # ten years: "any snapshot, however old" without an unbounded number
_PlaceKey = tuple[str, float, float]


# ------------------------------------------------ is the front line known?


def _span(when: dt.date | dt.datetime | PartialDate | str) -> tuple[dt.date, dt.date]:
    """The first and last day ``when`` stands for: a month its days, a day itself."""
    if isinstance(when, str):
        when = PartialDate.parse(when)
    if isinstance(when, PartialDate):
        return when.first_day, when.last_day
    day = as_date(when)
    return day, day


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


@dataclass(frozen=True)
class Coverage:
    """Whether the front line is known on a date: the snapshot that tells it, or why none does.

    Made by :func:`coverage`. ``start`` and ``day`` are the first
    and last day of the period asked (a month, or one day: then both are that
    day; the map shows a month as its last day); ``latest`` is the newest
    snapshot on or before ``day``, current or not; ``first`` the first
    snapshot's date (None without any). Only a current coverage has a
    ``snapshot``: a stale one must not be drawn or described as the position
    on ``day``.
    """

    start: dt.date
    day: dt.date
    latest: Snapshot | None
    first: dt.date | None
    tolerance_days: int
    current: bool

    @property
    def snapshot(self) -> Snapshot | None:
        """The snapshot to show for the date; None when the front line is unknown then."""
        return self.latest if self.current else None

    @property
    def age_days(self) -> int | None:
        """Days from the newest snapshot to ``day`` (None before the first snapshot)."""
        return None if self.latest is None else (self.day - self.latest.date).days

    def reason(self) -> str:
        """Why the front line is unknown, e.g. "the snapshots start on 2022-12-01" ("" if known)."""
        if self.current:
            return ""
        if self.latest is None:
            return (f"the snapshots start on {self.first}" if self.first is not None
                    else "there are no snapshots")
        return (f"the newest snapshot is {self.latest.date}, {_days(self.age_days or 0)} "
                f"earlier (tolerance {_days(self.tolerance_days)})")

    def describe(self) -> str:
        """One sentence for a caption or the CLI ("" when the front line is known).

        >>> Coverage(dt.date(2024, 6, 1), dt.date(2024, 6, 30), None, dt.date(2024, 7, 1),
        ...          10, False).describe()
        'Front line unknown on 2024-06-30: the snapshots start on 2024-07-01.'
        """
        return f"Front line unknown on {self.day}: {self.reason()}." if not self.current else ""

    def note(self) -> str:
        """A few words for a town's tooltip ("" when the front line is known)."""
        if self.current:
            return ""
        if self.latest is None:
            why = f"snapshots start on {self.first}" if self.first else "no snapshots"
        else:
            why = f"newest snapshot {self.latest.date}, {_days(self.age_days or 0)} earlier"
        return f"front line unknown on {self.day} ({why})"

    def gap(self) -> tuple[dt.date, dt.date]:
        """The days (first, last) without a snapshot: after the newest one, up to ``day``."""
        since = self.latest.date + dt.timedelta(days=1) if self.latest is not None else self.start
        return since, self.day


def coverage(front: Frontline, when: dt.date | dt.datetime | PartialDate | str,
             tolerance_days: int = STALE_DAYS) -> Coverage:
    """Whether the newest snapshot on or before ``when`` may stand for it.

    A snapshot is a record of one day; the further the slider's date lies
    after it, the likelier the front moved (a year-old snapshot would show
    a town held that fell months ago). So the newest snapshot on or before
    the period's last day counts only when it is at most ``tolerance_days``
    older than that last day, or lies inside the period itself. For a day
    ("2023-03-16") that is simply "at most ``tolerance_days`` before it".
    For a month ("2023-03", which the map shows as its last day, see
    ``frontline.as_date``) a snapshot anywhere in the month counts as well:
    the month's articles span it, and the caption and panel name the
    snapshot's own date, so nothing pretends to be more precise than a
    month; a tolerance longer than the month reaches back before its first
    day. Before the first snapshot the front line is unknown whatever the
    tolerance.

    >>> import shapely
    >>> fl = Frontline([Snapshot(dt.date(2023, 6, 1), shapely.box(0, 0, 1, 1),
    ...                          shapely.MultiPolygon(), "test", "credit")])
    >>> [coverage(fl, w).current for w in ("2023-06", "2023-06-11", "2023-06-12", "2023-07")]
    [True, True, False, False]
    """
    if tolerance_days < 0:
        raise ValueError(f"the tolerance must be 0 days or more, got {tolerance_days}")
    first_day, last_day = _span(when)
    latest = front.snapshot_at(last_day)
    oldest = min(first_day, last_day - dt.timedelta(days=tolerance_days))
    return Coverage(first_day, last_day, latest, front.dates[0] if front.dates else None,
                    tolerance_days, latest is not None and latest.date >= oldest)


# ----------------------------------------------- statuses, remembered


class StatusMemo:
    """PlaceStatus per place, per (snapshot date, near_km); the oldest keys are dropped first.

    One instance per front-line data set (the app caches it); safe to share
    between sessions.
    """

    def __init__(self, max_keys: int = 256) -> None:
        self.max_keys = max_keys
        self._memo: OrderedDict[tuple[dt.date, float], dict[_PlaceKey, PlaceStatus]] = \
            OrderedDict()
        self._lock = threading.Lock()
        self.computed = 0  # points sent to status_many, for tests and benchmarks

    def _table(self, key: tuple[dt.date, float]) -> dict[_PlaceKey, PlaceStatus]:
        with self._lock:
            table = self._memo.setdefault(key, {})
            self._memo.move_to_end(key)
            while len(self._memo) > self.max_keys:
                self._memo.popitem(last=False)
        return table

    def statuses(self, snapshot: Snapshot, places: list[_PlaceKey],
                 near_km: float = NEAR_KM) -> list[PlaceStatus]:
        """The status of each (place_id, lat, lon), computing only the ones not seen yet."""
        table = self._table((snapshot.date, float(near_km)))
        missing = list(dict.fromkeys(p for p in places if p not in table))
        if missing:
            found = status_many(snapshot, [(lat, lon) for _pid, lat, lon in missing], near_km)
            table.update(zip(missing, found, strict=True))
            self.computed += len(missing)
        return [table[p] for p in places]


def with_status(points: pd.DataFrame, snapshot: Snapshot | None, near_km: float,
                memo: StatusMemo, unknown: bool = False) -> pd.DataFrame:
    """``points`` (timeline.COUNT_COLUMNS) with ``status`` and ``distance_km`` columns added.

    Towns get their status on ``snapshot``; other kinds, and every place when
    there is no snapshot, get status "" and distance NaN. With ``unknown``
    (there is front-line data, but no current snapshot for the date) and no
    snapshot, towns get the status ControlStatus.UNKNOWN.
    """
    status = np.full(len(points), "", dtype=object)
    distance = np.full(len(points), np.nan)
    if len(points) and (snapshot is not None or unknown):
        rows = np.flatnonzero(points["kind"].isin(STATUS_KINDS).to_numpy())
        if snapshot is None:
            status[rows] = ControlStatus.UNKNOWN
            return points.assign(status=status, distance_km=distance)
        sub = points.iloc[rows]
        keys = list(zip(sub["place_id"].astype(str), sub["lat"].astype(float),
                        sub["lon"].astype(float), strict=True))
        for row, found in zip(rows, memo.statuses(snapshot, keys, near_km), strict=True):
            status[row] = found.status
            distance[row] = np.nan if found.distance_km is None else found.distance_km
    return points.assign(status=status, distance_km=distance)


def sentence(found: PlaceStatus, name: str) -> str:
    """PlaceStatus.describe as a sentence: capital first, full stop last.

    >>> sentence(PlaceStatus(ControlStatus.GREY, 0.4, dt.date(2023, 3, 30)), "Bakhmut")
    'On 2023-03-30 Bakhmut was in the grey zone.'
    """
    text = found.describe(name)
    return text[:1].upper() + text[1:] + "."


def unknown_sentence(coverage: Coverage, name: str) -> str:
    """What the panel says of a town when the front line is unknown on the date.

    >>> import datetime as dt
    >>> before = Coverage(dt.date(2022, 11, 1), dt.date(2022, 11, 30), None,
    ...                   dt.date(2022, 12, 1), 10, False)
    >>> unknown_sentence(before, "Bakhmut")
    'Where Bakhmut stood on 2022-11-30 is unknown: the snapshots start on 2022-12-01.'
    """
    return f"Where {name} stood on {coverage.day} is unknown: {coverage.reason()}."


def parse_near_km(text: str) -> float:
    """A near-front distance from a URL: a number of km from 1 to 100.

    >>> parse_near_km("7.5")
    7.5
    """
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"expected a distance in km, got {text!r}") from None
    if not (math.isfinite(value) and MIN_NEAR_KM <= value <= MAX_NEAR_KM):
        raise ValueError(f"the distance must be {MIN_NEAR_KM:g} to {MAX_NEAR_KM:g} km, "
                         f"got {text!r}")
    return value


def near_km_token(value: float) -> str:
    """How a distance is written in the URL.

    >>> near_km_token(5.0), near_km_token(7.5)
    ('5', '7.5')
    """
    return f"{value:g}"


def parse_stale_days(text: str) -> int:
    """A tolerance from a URL: how many days old a snapshot may be, 0 to MAX_STALE_DAYS.

    >>> parse_stale_days("30")
    30
    """
    if not re.fullmatch(r"[0-9]{1,6}", text):
        raise ValueError(f"expected a whole number of days, got {text!r}")
    value = int(text)
    if value > MAX_STALE_DAYS:
        raise ValueError(f"the tolerance must be 0 to {MAX_STALE_DAYS} days, got {text!r}")
    return value
