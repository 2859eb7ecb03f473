"""How fast the app answers: a slider move on the seeds and at scale, and the first view.

    python bench/app_speed.py                   # every figure
    python bench/app_speed.py --no-browser
    python bench/app_speed.py --only-store --store-n 20000   # the store case, smaller

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
3. The app on a store (``-- --store``) of 100,000 synthetic articles
   (``--store-n``), generated with ``mapapp.ingest.synth`` and ingested with
   ``python -m mapapp ingest`` into a temporary folder (or ``--store PATH``,
   an existing store, read only). In a fresh process, so that its peak RSS
   is the app's: the first run (the store's summary), slider moves in each
   window, with the top place selected, the two downloads of a month, and
   an upload of 20 articles (gazetteer load, geoparse, write, summary
   re-read). Targets: ≤ 1 s a slider move, ≤ 1.5 GB.
4. The first view after ``streamlit run`` with a warm gazetteer cache: from
   opening the page in Chromium to the first place drawn on the map (needs
   /usr/bin/chromium; CDN files are served locally as in the browser tests).

Prints one line per figure; nothing is written to the repository.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
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

from mapapp.corpus import reader  # noqa: E402

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


def _first_run(label: str) -> AppTest:
    """A fresh AppTest session's first run, timed and printed under ``label``."""
    at = AppTest.from_file(APP, default_timeout=600)
    start = time.perf_counter()
    at.run()
    print(f"{label:<58} {time.perf_counter() - start:.2f} s")
    return at


def _pick(at: AppTest, place: str) -> None:
    at.selectbox(key="place_pick").set_value(place).run()


def _slider_suite(at: AppTest, label: str) -> list[str]:
    """Slider moves in each window, then with the top place selected; returns the labels."""
    labels = list(at.select_slider(key="date").options)
    for window in ("this", "last", "upto"):
        _report(f"{label}: slider move, window {window}", _moves(at, labels, window, 12))
    _pick(at, at.session_state["_drawn"]["place_id"].iloc[0])
    _report(f"{label}: slider move, window upto, top place selected",
            _moves(at, labels, "upto", 12))
    return labels


def bench_seeds() -> None:
    sys.argv = ["app.py"]
    at = _first_run("seeds: first run in a fresh process (gazetteer load, geoparse)")
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
        at = _first_run(f"seeds + {name}: first run (read the files)")
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
        self.result = reader.ReadResult(tuple(pa.article for pa in parsed), ())

    def read_folder(self, *_args, **_kwargs):
        return self.result

    def geoparser(self, _gazetteer):
        return self

    def parse_many(self, articles):
        return (self.by_id[a.id] for a in articles)


def bench_synthetic() -> None:
    fake = _Synthetic(synthetic_corpus(10_000, 2_000))
    with tempfile.TemporaryDirectory() as folder, \
            mock.patch("mapapp.corpus.reader.read_folder", fake.read_folder), \
            mock.patch("mapapp.geoparse.pipeline.Geoparser", fake.geoparser), \
            mock.patch("mapapp.gazetteer.index.Gazetteer.load", return_value=None):
        sys.argv = ["app.py", "--corpus", folder]
        at = _first_run("10k articles / 2k places: first run (build the timeline)")
        fake.by_id.clear()  # the real app keeps only the timeline, not the parsed articles
        del fake.result
        labels = _slider_suite(at, "10k/2k")
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


def _make_store(work: Path, n: int) -> tuple[Path, Path]:
    """A store of ``n`` synthetic articles, and a file of 20 more to upload (not timed)."""
    from mapapp.gazetteer.index import Gazetteer
    from mapapp.ingest import synth

    gazetteer = Gazetteer.load(quiet=True)
    start = time.perf_counter()
    synth.write_jsonl(work / "corpus", gazetteer, n, seed=1)
    subprocess.run([sys.executable, "-m", "mapapp", "ingest", str(work / "corpus"), "--store",
                    str(work / "store"), "--quiet"], cwd=ROOT, check=True)
    shutil.rmtree(work / "corpus")
    docs = synth.articles(gazetteer, 20, seed=2, first="2025-12", last="2025-12")
    upload = work / "upload.jsonl"
    upload.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs),
                      encoding="utf-8")
    print(f"{'store: ' + f'{n:,} articles generated and ingested (not counted)':<58} "
          f"{time.perf_counter() - start:.0f} s")
    return work / "store", upload


def bench_store(n: int, store: str | None) -> None:
    with tempfile.TemporaryDirectory(prefix="mapapp-bench-") as tmp:
        path, upload = (Path(store), None) if store else _make_store(Path(tmp), n)
        cmd = [sys.executable, __file__, "--measure-store", str(path)]
        cmd += ["--upload", str(upload)] if upload else []
        subprocess.run(cmd, cwd=ROOT, check=True)  # a fresh process: its peak RSS is the app's


class _Downloads:
    """Catches the download buttons' callables (their bytes are made on a click)."""

    def __init__(self) -> None:
        from streamlit.runtime.media_file_manager import MediaFileManager

        self.made: dict[str, object] = {}
        real = MediaFileManager.add_deferred

        def add(manager, data, mimetype, coordinates, file_name=None, **kwargs):
            self.made[file_name] = data
            return real(manager, data, mimetype, coordinates, file_name, **kwargs)

        MediaFileManager.add_deferred = add  # this process only measures


def _rss_mb() -> float:
    """This process's peak RSS. Linux keeps ``ru_maxrss`` across exec (a child would report
    the benchmark's own peak at the fork), so read the address space's high-water mark."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _store_downloads(at: AppTest, downloads: _Downloads, labels: list[str]) -> None:
    """Click both downloads of a month in the middle of the store (no place selected)."""
    at.selectbox(key="place_pick").set_value("").run()
    at.radio(key="window_kind").set_value("this").run()
    month = labels[len(labels) // 2]
    at.select_slider(key="date").set_value(month).run()
    for fmt in ("geojson", "csv"):
        start = time.perf_counter()
        size = len(downloads.made[f"mentions_{month}.{fmt}"]())
        print(f"{'store: download a month (' + month + '), ' + fmt:<58} "
              f"{time.perf_counter() - start:.2f} s   ({size / 1e6:.1f} MB)")


def measure_store(path: str, upload: str | None) -> None:
    """The store case, in this (fresh) process; see the module docstring."""
    sys.argv = ["app.py", "--store", path]
    downloads = _Downloads()
    at = AppTest.from_file(APP, default_timeout=600)
    start = time.perf_counter()
    at.run()
    assert not at.exception, at.exception
    from mapapp.store.reader import Store

    n = len(Store.open(path))
    print(f"{f'{n:,}-article store: first run (read the summary)':<58} "
          f"{time.perf_counter() - start:.2f} s   peak RSS {_rss_mb():,.0f} MB")
    labels = _slider_suite(at, "store")
    _report("store: slider move, window this, top place selected",
            _moves(at, labels, "this", 12))
    _store_downloads(at, downloads, labels)
    print(f"{'store: peak RSS of the app so far (reading only)':<58} {_rss_mb():,.0f} MB")
    if upload:
        at.file_uploader[0].set_value(("upload.jsonl", Path(upload).read_bytes(), "text/plain"))
        start = time.perf_counter()
        at.run()
        notes = [s.value for s in at.success] + [e.value for e in at.error]
        print(f"{'store: upload 20 articles (geoparse, write, re-read)':<58} "
              f"{time.perf_counter() - start:.2f} s   [{'; '.join(notes)}]")
        _report("store: slider move after the upload, window this",
                _moves(at, labels, "this", 6))
    print(f"{'store: peak RSS of the app process':<58} {_rss_mb():,.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-browser", action="store_true", help="skip the first-view figure")
    parser.add_argument("--only-store", action="store_true", help="only the store case")
    parser.add_argument("--store-n", type=int, default=100_000,
                        help="articles in the generated store (default 100,000)")
    parser.add_argument("--store", help="measure this existing store instead (no upload)")
    parser.add_argument("--measure-store", help=argparse.SUPPRESS)  # the child process
    parser.add_argument("--upload", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure_store:
        measure_store(args.measure_store, args.upload)
        return
    if not args.only_store:
        bench_seeds()
        bench_seeds_frontline()
        bench_synthetic()
    bench_store(args.store_n, args.store)
    if not args.no_browser and not args.only_store:
        bench_first_view()


if __name__ == "__main__":
    main()
