"""Where each town on the map stood at the slider's date, remembered per snapshot and distance.

The app styles every town it draws by its position on the date shown
(occupied, grey zone, near the front, held) and says it in the panel.
``frontline.status_many`` answers that for many points at once; this module
asks it only for the towns drawn that it has not seen yet under the same
(snapshot date, near-front distance), so moving the slider back and forth
costs dictionary lookups. Regions and countries get no status: the status of
an oblast's centre point would say nothing about the oblast.
"""

from __future__ import annotations

import datetime as dt
import math
import threading
from collections import OrderedDict

import numpy as np
import pandas as pd

from mapapp.frontline import NEAR_KM, PlaceStatus, Snapshot, status_many

STATUS_KINDS = ("city",)
MIN_NEAR_KM, MAX_NEAR_KM = 1.0, 100.0
_PlaceKey = tuple[str, float, float]


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
                memo: StatusMemo) -> pd.DataFrame:
    """``points`` (timeline.COUNT_COLUMNS) with ``status`` and ``distance_km`` columns added.

    Towns get their status on ``snapshot``; other kinds, and every place when
    there is no snapshot, get status "" and distance NaN.
    """
    status = np.full(len(points), "", dtype=object)
    distance = np.full(len(points), np.nan)
    if snapshot is not None and len(points):
        rows = np.flatnonzero(points["kind"].isin(STATUS_KINDS).to_numpy())
        sub = points.iloc[rows]
        keys = list(zip(sub["place_id"].astype(str), sub["lat"].astype(float),
                        sub["lon"].astype(float), strict=True))
        for row, found in zip(rows, memo.statuses(snapshot, keys, near_km), strict=True):
            status[row] = found.status
            distance[row] = np.nan if found.distance_km is None else found.distance_km
    return points.assign(status=status, distance_km=distance)


def sentence(found: PlaceStatus, name: str) -> str:
    """PlaceStatus.describe as a sentence: capital first, full stop last.

    >>> sentence(PlaceStatus("grey", 0.4, dt.date(2023, 3, 30)), "Bakhmut")
    'On 2023-03-30 Bakhmut was in the grey zone.'
    """
    text = found.describe(name)
    return text[:1].upper() + text[1:] + "."


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
