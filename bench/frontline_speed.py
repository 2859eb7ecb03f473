"""How fast the front-line layer answers the app, on the real 2022–23 snapshots.

    python bench/frontline_speed.py
    python bench/frontline_speed.py --sources ../shared/geodata-sources --date 2023-03-16

Figures, one a line:

1. loading the 53 snapshots and Ukraine's outline from the files;
2. ``snapshot_at`` (bisection), per call, over 100,000 random dates;
3. ``status_many`` for 5,000 random points in Donbas on one date: first call
   (projects the snapshot, derives the front line, builds the STRtree) and
   warm calls (median of 20). Target: warm ≤ 0.2 s;
4. the display payload (``display_geojson``) of three dates: JSON bytes and
   time. Target: ≤ 500 KB.

Reads the third-party files where they are (never copies them); writes nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mapapp.frontline.boundaries import outline_of, parse_boundary_file  # noqa: E402
from mapapp.frontline.snapshots import Frontline, display_geojson, status_many  # noqa: E402


def _timed(fn, *args, **kwargs):
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - start


def bench_load(sources: Path) -> Frontline:
    (shapes, _warnings), t_parse = _timed(parse_boundary_file, sources / "ukraine_oblasts.geojson")
    outline, t_union = _timed(outline_of, shapes)
    files = [sources / "frontline_2022-12_2023-06.geojson",
             sources / "frontline_greyzone_2022-12_2023-06.geojson"]
    fl, t_load = _timed(Frontline.from_files, files, outline)
    print(f"load: {len(fl)} snapshots in {t_load:.2f} s; outline {t_parse + t_union:.2f} s")
    return fl


def bench_pick(fl: Frontline, n: int = 100_000) -> None:
    rng = np.random.default_rng(0)
    first = fl.dates[0] - dt.timedelta(days=10)
    days = [first + dt.timedelta(int(d)) for d in rng.integers(0, 200, n)]
    start = time.perf_counter()
    for day in days:
        fl.snapshot_at(day)
    per = (time.perf_counter() - start) / n
    print(f"snapshot_at: {per * 1e6:.1f} µs a call ({n:,} calls, {len(fl)} snapshots)")


def bench_status(fl: Frontline, day: str, n: int = 5_000) -> None:
    rng = np.random.default_rng(1)
    points = list(zip(rng.uniform(47.0, 49.6, n), rng.uniform(36.6, 40.2, n), strict=True))
    snap = fl.snapshot_at(day)
    result, first = _timed(status_many, snap, points)
    warm = statistics.median(_timed(status_many, snap, points)[1] for _ in range(20))
    counts: dict[str, int] = {}
    for s in result:
        counts[s.status] = counts.get(s.status, 0) + 1
    print(f"status_many: {n:,} points in Donbas on {snap.date}: first call {first:.3f} s "
          f"(front line + index), warm {warm:.3f} s (target 0.2 s); {counts}")


def bench_display(fl: Frontline) -> None:
    for day in (fl.dates[0], fl.dates[len(fl) // 2], fl.dates[-1]):
        snap = fl.snapshot_at(day)
        doc, took = _timed(display_geojson, snap)
        size = len(json.dumps(doc, separators=(",", ":")).encode())
        print(f"display_geojson {day}: {size / 1000:.0f} KB (target ≤ 500 KB), {took:.3f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, default=ROOT.parent / "shared" / "geodata-sources",
                        help="folder with the frontline_*.geojson and ukraine_oblasts.geojson")
    parser.add_argument("--date", default="2023-03-16", help="the date of the status run")
    args = parser.parse_args(argv)
    if not (args.sources / "frontline_2022-12_2023-06.geojson").is_file():
        print(f"error: no front-line files in {args.sources}; pass --sources", file=sys.stderr)
        return 2
    fl = bench_load(args.sources)
    bench_pick(fl)
    bench_status(fl, args.date)
    bench_display(fl)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
