"""How fast the app answers: a slider move on the seeds and at scale, and the first view.

    python bench/app_speed.py            # all three figures
    python bench/app_speed.py --no-browser

1. Server-side rerun after a slider move on the five seeds (the real
   pipeline), measured with Streamlit's AppTest: the whole script, the map
   layer, the panel and the chart. Target: ≤ 0.3 s. Then the same with the
   front line (``--frontline`` on the DeepStateMap-derived files in
   ../shared/geodata-sources: the snapshot layer and every town's status)
   and with region outlines (``--boundaries``); the first pass over the
   months meets each snapshot for the first time, the second is warm.
2. The same on a synthetic corpus of 10,000 day-dated articles naming 2,000
   places, generated here (tests/handmade.py) and handed to the app in place
   of the corpus reader and geoparser. Target: ≤ 1 s.
3. The first view after ``streamlit run`` with a warm gazetteer cache: from
   opening the page in Chromium to the first place drawn on the map (needs
   /usr/bin/chromium; CDN files are served locally as in the browser tests).

Prints one line per figure; nothing is written to the repository.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

# E402: tests/ goes on the path first; TID251: the benchmark drives the app like its tests do
from handmade import synthetic_corpus  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from mapapp import corpus  # noqa: E402

APP = str(ROOT / "mapapp" / "app.py")
SHARED = ROOT.parent / "shared" / "geodata-sources"
FRONTLINE = [SHARED / "frontline_2022-12_2023-06.geojson",
             SHARED / "frontline_greyzone_2022-12_2023-06.geojson"]
BOUNDARIES = [SHARED / "ukraine_oblasts.geojson", SHARED / "ukraine_macroregions.geojson"]


def _moves(at: AppTest, labels: list[str], window: str, n: int) -> list[float]:
    """Seconds per slider move, over ``n`` moves spread along the axis."""
    at.radio(key="window_kind").set_value(window).run()
    step = max(1, len(labels) // n)
    times = []
    for label in labels[::step][:n]:
        start = time.perf_counter()
        at.select_slider(key="date").set_value(label).run()
        times.append(time.perf_counter() - start)
        assert not at.exception, at.exception
    return times


def _report(name: str, times: list[float]) -> None:
    print(f"{name:<58} median {statistics.median(times):.3f} s   max {max(times):.3f} s"
          f"   ({len(times)} moves)")


def _pick(at: AppTest, place: str) -> None:
    at.selectbox(key="place_pick").set_value(place).run()


def bench_seeds() -> None:
    sys.argv = ["app.py"]
    at = AppTest.from_file(APP, default_timeout=600)
    start = time.perf_counter()
    at.run()
    print(f"{'seeds: first run in a fresh process (gazetteer load, geoparse)':<58} "
          f"{time.perf_counter() - start:.2f} s")
    labels = list(at.select_slider(key="date").options)
    for window in ("this", "upto"):
        _report(f"seeds: slider move, window {window}", _moves(at, labels, window, 12))
    top = at.session_state["_drawn"]["place_id"].iloc[0]
    _pick(at, top)
    _report("seeds: slider move, window upto, a place selected", _moves(at, labels, "upto", 12))


def bench_seeds_frontline() -> None:
    if not all(p.is_file() for p in FRONTLINE + BOUNDARIES):
        print(f"seeds with the front line: skipped (no {SHARED})")
        return
    runs = (("front line", ["--frontline", *FRONTLINE]),
            ("front+outlines", ["--frontline", *FRONTLINE, "--boundaries", *BOUNDARIES]))
    for name, args in runs:
        sys.argv = ["app.py", *map(str, args)]
        at = AppTest.from_file(APP, default_timeout=600)
        start = time.perf_counter()
        at.run()
        print(f"{'seeds + ' + name + ': first run (read the files)':<58} "
              f"{time.perf_counter() - start:.2f} s")
        labels = list(at.select_slider(key="date").options)
        _report(f"seeds + {name}: slider move, upto, 1st visits",
                _moves(at, labels, "upto", 12))
        _report(f"seeds + {name}: slider move, window this", _moves(at, labels, "this", 12))
        _pick(at, at.session_state["_drawn"]["place_id"].iloc[0])
        _report(f"seeds + {name}: slider move, upto, town selected",
                _moves(at, labels, "upto", 12))


class _Synthetic:
    """Stands in for the corpus reader and geoparser with pre-made parsed articles."""

    def __init__(self, parsed):
        self.by_id = {pa.article.id: pa for pa in parsed}
        self.result = corpus.ReadResult(tuple(pa.article for pa in parsed), ())

    def read_folder(self, *_args, **_kwargs):
        return self.result

    def geoparser(self, _gazetteer):
        return self

    def parse_many(self, articles):
        return (self.by_id[a.id] for a in articles)


def bench_synthetic() -> None:
    fake = _Synthetic(synthetic_corpus(10_000, 2_000))
    with tempfile.TemporaryDirectory() as folder, \
            mock.patch("mapapp.corpus.read_folder", fake.read_folder), \
            mock.patch("mapapp.geoparse.Geoparser", fake.geoparser), \
            mock.patch("mapapp.gazetteer.Gazetteer.load", return_value=None):
        sys.argv = ["app.py", "--corpus", folder]
        at = AppTest.from_file(APP, default_timeout=600)
        start = time.perf_counter()
        at.run()
        print(f"{'10k articles / 2k places: first run (build the timeline)':<58} "
              f"{time.perf_counter() - start:.2f} s")
        fake.by_id.clear()  # the real app keeps only the timeline, not the parsed articles
        del fake.result
        labels = list(at.select_slider(key="date").options)
        for window in ("this", "last", "upto"):
            _report(f"10k/2k: slider move, window {window}", _moves(at, labels, window, 12))
        _pick(at, at.session_state["_drawn"]["place_id"].iloc[0])
        _report("10k/2k: slider move, window upto, top place selected",
                _moves(at, labels, "upto", 12))
        if all(p.is_file() for p in FRONTLINE):  # the timeline stays cached for the folder
            sys.argv = ["app.py", "--corpus", folder, "--frontline", *map(str, FRONTLINE)]
            at = AppTest.from_file(APP, default_timeout=600).run()
            _report("10k/2k + front line: slider move, window upto",
                    _moves(at, labels, "upto", 12))


def bench_first_view() -> None:
    from browser_support import CHROMIUM, CHROMIUM_ARGS, map_frame, route_offline, streamlit_app
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        print("first view: skipped (no /usr/bin/chromium)")
        return
    with streamlit_app() as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for name in ("first view after `streamlit run` (warm disk cache)",
                     "a second visitor (the server's caches warm)"):
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            route_offline(context, url)
            page = context.new_page()
            start = time.perf_counter()
            page.goto(url)
            map_frame(page, timeout=600_000)
            print(f"{name:<58} {time.perf_counter() - start:.2f} s to the first place on the map")
            context.close()
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-browser", action="store_true", help="skip the first-view figure")
    args = parser.parse_args()
    bench_seeds()
    bench_seeds_frontline()
    bench_synthetic()
    if not args.no_browser:
        bench_first_view()


if __name__ == "__main__":
    main()
