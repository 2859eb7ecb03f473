"""Tests for fetching DeepStateMap history snapshots, with a fake network.

No test reaches the internet: ``download`` gets a fake ``fetch`` that serves
the hand-made fixtures, and the rate limit runs on a fake clock.
"""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest

from mapapp.frontline import download as fd
from mapapp.frontline.readers import parse_file
from mapapp.frontline.storage import import_paths, read_layers

DATA = Path(__file__).parents[1] / "data" / "frontline"


class FakeClock:
    """A clock that only moves when someone sleeps."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def time(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


class FakeSite:
    """Serves the index and the two snapshot fixtures; records every URL asked for."""

    def __init__(self, clock: FakeClock, broken: frozenset[int] = frozenset()) -> None:
        self.clock, self.broken = clock, broken
        self.asked: list[tuple[str, float]] = []

    def __call__(self, url: str) -> bytes:
        self.asked.append((url, self.clock.now))
        self.clock.now += 0.2  # each answer takes a little time
        if url == fd.INDEX_URL:
            return (DATA / "history_public.json").read_bytes()
        ts = int(url.rsplit("/", 2)[-2])
        if ts in self.broken:
            return b"<html>502 Bad Gateway</html>"
        fixture = DATA / f"{ts}.geojson"
        if fixture.exists():
            return fixture.read_bytes()
        return (DATA / "1673294400.geojson").read_bytes()


def polite(site: FakeSite, clock: FakeClock) -> fd.PoliteFetcher:
    return fd.PoliteFetcher(site, sleep=clock.sleep, clock=clock.time)


def test_index_is_read_leniently():
    entries = fd.parse_index((DATA / "history_public.json").read_bytes())
    assert [e.id for e in entries] == [1672347600, 1673251200, 1673294400, 1673386200,
                                      1673552700]
    assert entries[0].created == dt.datetime(2022, 12, 29, 21, tzinfo=dt.UTC)


def test_index_errors_say_what_happened():
    with pytest.raises(fd.DownloadError, match="did not answer JSON"):
        fd.parse_index(b"<html>")
    with pytest.raises(fd.DownloadError, match="no list of versions"):
        fd.parse_index(b'{"error": "unauthorised"}')


def test_last_version_of_each_day_in_range():
    entries = fd.parse_index((DATA / "history_public.json").read_bytes())
    picked = fd.last_of_each_day(entries, dt.date(2023, 1, 1), dt.date(2023, 1, 10))
    assert [e.id for e in picked] == [1673294400, 1673386200]  # the evening one of the 9th


def test_download_is_polite_cached_and_resumable(tmp_path):
    clock = FakeClock()
    site = FakeSite(clock)
    report = fd.download(dt.date(2022, 12, 1), dt.date(2023, 1, 31), tmp_path,
                         fetch=polite(site, clock))
    assert report.fetched == 4 and report.cached == 0 and not report.failed
    assert [p.name for p in report.paths] == ["1672347600.geojson", "1673294400.geojson",
                                             "1673386200.geojson", "1673552700.geojson"]
    starts = [t for _, t in site.asked]
    assert all(b - a >= fd.MIN_INTERVAL_S for a, b in itertools.pairwise(starts))
    assert site.asked[1][0] == "https://deepstatemap.live/api/history/1672347600/geojson"

    again = FakeSite(clock)
    report2 = fd.download(dt.date(2022, 12, 1), dt.date(2023, 1, 31), tmp_path,
                          fetch=polite(again, clock))
    assert [url for url, _ in again.asked] == [fd.INDEX_URL]  # nothing fetched twice
    assert (report2.fetched, report2.cached) == (0, 4)


def test_a_bad_answer_is_reported_and_not_cached(tmp_path):
    clock = FakeClock()
    site = FakeSite(clock, broken=frozenset({1673386200}))
    report = fd.download(dt.date(2023, 1, 9), dt.date(2023, 1, 12), tmp_path,
                         fetch=polite(site, clock))
    assert report.fetched == 2
    assert len(report.failed) == 1 and "1673386200/geojson" in report.failed[0]
    assert not (tmp_path / "1673386200.geojson").exists()
    assert not list(tmp_path.glob("*.part"))


def test_downloaded_snapshots_parse_and_import(tmp_path):
    clock = FakeClock()
    report = fd.download(dt.date(2022, 12, 29), dt.date(2023, 1, 9), tmp_path / "cache",
                         fetch=polite(FakeSite(clock), clock))
    assert parse_file(report.paths[0]).layers[0].date == dt.date(2022, 12, 29)
    assert import_paths(report.paths, tmp_path / "data").ok
    assert {la.date for la in read_layers(tmp_path / "data")} == {
        dt.date(2022, 12, 29), dt.date(2023, 1, 9)}


def test_unreachable_site_is_a_download_error(tmp_path):
    def offline(url: str) -> bytes:
        raise OSError("Network is unreachable")

    with pytest.raises(fd.DownloadError, match="are you online"):
        fd.download(dt.date(2023, 1, 1), dt.date(2023, 1, 2), tmp_path,
                    fetch=fd.PoliteFetcher(offline, sleep=lambda s: None))


def test_polite_fetcher_waits_only_as_long_as_needed():
    clock = FakeClock()
    fetcher = fd.PoliteFetcher(lambda url: b"", min_interval=1.0, sleep=clock.sleep,
                               clock=clock.time)
    fetcher("a")
    clock.now += 0.4
    fetcher("b")
    clock.now += 5
    fetcher("c")
    assert clock.sleeps == [pytest.approx(0.6)]


def test_urllib_fetch_names_the_project(monkeypatch):
    seen = {}

    class Answer:
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def read(self):
            return b"[]"

    def fake_urlopen(request, timeout):
        seen["ua"] = request.get_header("User-agent")
        seen["timeout"] = timeout
        return Answer()

    monkeypatch.setattr(fd.urllib.request, "urlopen", fake_urlopen)
    assert fd.urllib_fetch(fd.INDEX_URL) == b"[]"
    assert seen["ua"].startswith("mapapp/") and "Frontline map" in seen["ua"]
