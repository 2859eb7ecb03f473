"""Fetch DeepStateMap history snapshots from the publisher, politely, into a cache.

DeepStateMap.live keeps every published version of its map. Two endpoints
serve them: ``/api/history/public`` lists the versions (objects with an
``id``, the version's Unix time, and ``createdAt``), and
``/api/history/<id>/geojson`` returns one version as the styled GeoJSON that
``frontline_io`` reads. Neither is documented, so the list is read
leniently.

We take the last version of each UTC day in the asked range, one request at
a time, at least a second apart, with a User-Agent that names this project;
each snapshot is saved as ``<cache>/<id>.geojson`` (written whole or not at
all), so an interrupted download resumes where it stopped and a second run
fetches nothing it has. The network is reached through an injected
``fetch(url) -> bytes``, so the logic is tested without it.

The data is DEEPSTATEUATECH LLC's under a proprietary licence (personal,
non-commercial use with attribution); the command shows that before it starts.
"""

from __future__ import annotations

import datetime as dt
import json
import time
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from mapapp import __version__
from mapapp.plumbing.files import atomic_write

BASE_URL = "https://deepstatemap.live/api/history"
INDEX_URL = f"{BASE_URL}/public"
SNAPSHOT_URL = BASE_URL + "/{id}/geojson"
USER_AGENT = (f"mapapp/{__version__} (Frontline map: news geoparsing for personal, "
              "non-commercial research; polite, cached, 1 request/s)")
MIN_INTERVAL_S = 1.0

Fetch = Callable[[str], bytes]


class DownloadError(RuntimeError):
    """The publisher could not be reached or answered something unusable."""


@dataclass(frozen=True, order=True)
class HistoryEntry:
    """One published map version: its id (Unix seconds) and time (UTC)."""

    id: int
    created: dt.datetime


@dataclass(frozen=True)
class DownloadReport:
    """Which snapshots are now in the cache, how many were fetched, and failures."""

    paths: tuple[Path, ...]
    fetched: int
    cached: int
    failed: tuple[str, ...] = ()


def urllib_fetch(url: str, timeout: float = 60.0) -> bytes:
    """GET ``url`` with this project's User-Agent (the default ``fetch``)."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT,
                                                   "Accept": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.read()


class PoliteFetcher:
    """Wraps a fetch so that two requests start at least ``min_interval`` s apart."""

    def __init__(self, fetch: Fetch, min_interval: float = MIN_INTERVAL_S,
                 sleep: Callable[[float], None] | None = None,
                 clock: Callable[[], float] | None = None) -> None:
        self._fetch, self._interval = fetch, min_interval
        self._sleep = sleep or time.sleep
        self._clock = clock or time.monotonic
        self._last: float | None = None

    def __call__(self, url: str) -> bytes:
        if self._last is not None:
            wait = self._interval - (self._clock() - self._last)
            if wait > 0:
                self._sleep(wait)
        self._last = self._clock()
        return self._fetch(url)


def _entry(item: object) -> HistoryEntry | None:
    if not isinstance(item, dict):
        return None
    raw_id = item.get("id")
    if isinstance(raw_id, str) and raw_id.isdigit():
        raw_id = int(raw_id)
    if not isinstance(raw_id, int) or isinstance(raw_id, bool):
        return None
    created = item.get("createdAt") or item.get("datetime")
    if 1_500_000_000 < raw_id < 4_000_000_000:
        return HistoryEntry(raw_id, dt.datetime.fromtimestamp(raw_id, dt.UTC))
    if isinstance(created, str):
        try:
            when = dt.datetime.fromisoformat(created.replace("Z", "+00:00"))
        except ValueError:
            return None
        return HistoryEntry(raw_id, when.astimezone(dt.UTC))
    return None


def parse_index(payload: bytes) -> list[HistoryEntry]:
    """The versions listed by ``/api/history/public``, oldest first."""
    try:
        doc = json.loads(payload)
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise DownloadError(f"{INDEX_URL} did not answer JSON ({err}); the API may have "
                            "changed, or try again later") from None
    items = doc if isinstance(doc, list) else doc.get("data") if isinstance(doc, dict) else None
    if not isinstance(items, list):
        raise DownloadError(f"{INDEX_URL} answered no list of versions; the API may have "
                            "changed")
    return sorted(e for e in map(_entry, items) if e is not None)


def last_of_each_day(entries: Iterable[HistoryEntry], since: dt.date,
                     until: dt.date) -> list[HistoryEntry]:
    """The last version of each UTC day from ``since`` to ``until`` inclusive."""
    by_day: dict[dt.date, HistoryEntry] = {}
    for entry in sorted(entries):
        day = entry.created.date()
        if since <= day <= until:
            by_day[day] = entry
    return [by_day[d] for d in sorted(by_day)]


def _save(path: Path, payload: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_write(path) as out:
        out.write(payload)


def _fetch_one(fetch: Fetch, entry: HistoryEntry, path: Path) -> str:
    """Fetch and cache one snapshot; return "" or the reason it failed."""
    url = SNAPSHOT_URL.format(id=entry.id)
    try:
        payload = fetch(url)
        doc = json.loads(payload)
    except (OSError, json.JSONDecodeError, UnicodeDecodeError) as err:
        return f"{url}: {err}"
    if not isinstance(doc, dict) or not isinstance(doc.get("features", doc.get("map")),
                                                   list | dict):
        return f"{url}: not a GeoJSON FeatureCollection"
    _save(path, payload)
    return ""


def download(since: dt.date, until: dt.date, cache_dir: Path, fetch: Fetch | None = None,
             progress: Callable[[str], None] = lambda _msg: None) -> DownloadReport:
    """Fetch the snapshots of ``since``…``until`` not yet cached; return what is cached.

    Parameters
    ----------
    fetch : callable, optional
        ``fetch(url) -> bytes``; the default uses urllib. It is wrapped in a
        :class:`PoliteFetcher` unless it already is one.

    Raises
    ------
    DownloadError
        The list of versions could not be fetched or read.
    """
    polite = fetch if isinstance(fetch, PoliteFetcher) else PoliteFetcher(fetch or urllib_fetch)
    try:
        entries = parse_index(polite(INDEX_URL))
    except OSError as err:
        raise DownloadError(f"cannot reach {INDEX_URL} ({err}); are you online?") from None
    wanted = last_of_each_day(entries, since, until)
    paths, failed, fetched = [], [], 0
    for n, entry in enumerate(wanted, 1):
        path = Path(cache_dir) / f"{entry.id}.geojson"
        if not path.is_file():
            progress(f"[{n}/{len(wanted)}] {entry.created:%Y-%m-%d %H:%M} UTC (id {entry.id})")
            reason = _fetch_one(polite, entry, path)
            if reason:
                failed.append(reason)
                continue
            fetched += 1
        paths.append(path)
    return DownloadReport(tuple(paths), fetched, len(paths) - fetched, tuple(failed))
