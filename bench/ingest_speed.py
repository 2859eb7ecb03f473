"""How fast a corpus goes into a store, and how fast the app reads a window back.

    python bench/ingest_speed.py                 # 100,000 articles, this machine's cores
    python bench/ingest_speed.py --n 20000       # quicker
    python bench/ingest_speed.py --dask          # geoparse on a Dask LocalCluster
    python bench/ingest_speed.py --n 20000 --format txt   # a folder of 20,000 .txt files

1. Generates a synthetic corpus (``mapapp.ingest.synth``, ~4 KB an article) in a
   temporary folder: JSON Lines files of 1,000 articles, or with ``--format
   txt`` one seed-format ``.txt`` file an article; not timed.
2. ``python -m mapapp ingest`` into a new store, timed, with the peak memory
   of the whole process tree (PSS: pages shared by the forked workers count
   once). Target at 100,000 articles: ≤ 10 min, ≤ 2 GB.
3. The same command again: no file has changed, so none is opened (the store
   records each file's size and mtime) and nothing is geoparsed. Target: ≤ 5 %
   of step 2.
4. Every file touched (same bytes, new mtime), the same command again: each
   file is hashed, none parsed. Reported as a share of step 2.
5. In a fresh process, as the app would: ``Store.open`` and
   ``mentions_between`` for single months, and one month's whole Timeline
   (``store_timeline.timeline_between`` and ``build_timeline(parsed_between)``),
   with that process's peak RSS.
   Target: ≤ 1 s a window, ≤ 1.5 GB.

Prints one line per figure, and the load average before and after (the
machine may be shared); everything is written under a temporary folder that
is deleted at the end (``--keep`` keeps it).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent

_READER = r"""
import json, resource, statistics, sys, time
from mapapp.store.reader import Store
from mapapp.corpus.reader import display_title
from mapapp.timeline.from_store import timeline_between
from mapapp.timeline.windows import build_timeline
t0 = time.perf_counter()
store = Store.open(sys.argv[1])
months = store.months()
opened = time.perf_counter() - t0
picks = months[:: max(1, len(months) // 12)][:12]
times, rows = [], []
for month in picks:
    t = time.perf_counter()
    df = store.mentions_between(month, month)
    times.append(time.perf_counter() - t)
    rows.append(len(df))
mid = picks[len(picks) // 2]
t = time.perf_counter()
tl = build_timeline(store.parsed_between(mid, mid), display_title)
full = time.perf_counter() - t
t = time.perf_counter()
timeline_between(store, mid, mid, display_title)
fast = time.perf_counter() - t
print(json.dumps({"open": opened, "median": statistics.median(times), "max": max(times),
                  "rows": statistics.median(rows), "months": len(months), "timeline": full,
                  "fast": fast, "timeline_mentions": len(tl.mentions),
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _tree_memory(proc: psutil.Process) -> tuple[float, float]:
    """(PSS, RSS) in MB of a process and its children; (0, 0) once gone."""
    pss = rss = 0.0
    try:
        procs = [proc, *proc.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0.0, 0.0
    for p in procs:
        try:
            info = p.memory_full_info()
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        pss += info.pss / 1e6
        rss += info.rss / 1e6
    return pss, rss


def run_measured(cmd: list[str]) -> tuple[float, float, float, str]:
    """Run ``cmd``; return (seconds, peak PSS MB, peak RSS MB, stdout)."""
    start = time.perf_counter()
    popen = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    proc = psutil.Process(popen.pid)
    peak_pss = peak_rss = 0.0
    while popen.poll() is None:
        pss, rss = _tree_memory(proc)
        peak_pss, peak_rss = max(peak_pss, pss), max(peak_rss, rss)
        time.sleep(0.25)
    out, err = popen.communicate()
    seconds = time.perf_counter() - start
    if popen.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed ({popen.returncode}):\n{err[-3000:]}")
    return seconds, peak_pss, peak_rss, out.strip()


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--jobs", type=int, default=0)
    parser.add_argument("--dask", action="store_true", help="geoparse on a LocalCluster")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--format", choices=("jsonl", "txt"), default="jsonl",
                        help="jsonl: files of 1,000 articles; txt: one seed-format file each")
    parser.add_argument("--keep", action="store_true", help="keep the corpus and the store")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from mapapp.gazetteer.index import Gazetteer
    from mapapp.ingest import synth
    from mapapp.store import inputs

    work = Path(tempfile.mkdtemp(prefix="mapapp-bench-"))
    try:
        t = time.perf_counter()
        write = synth.write_txt if args.format == "txt" else synth.write_jsonl
        files = write(work / "corpus", Gazetteer.load(), args.n, args.seed)
        size = sum(f.stat().st_size for f in files) / 1e6
        print(f"corpus: {args.n:,} articles, {size:,.0f} MB in {len(files):,} {args.format} "
              f"files ({time.perf_counter() - t:.0f} s to generate, not counted)")
        # A user's files are older than the racy window, in which an mtime is not trusted.
        time.sleep(inputs.RACY_NS / 1e9)
        print(f"load average before: {_load()}")
        cmd = [sys.executable, "-m", "mapapp", "ingest", str(work / "corpus"),
               "--store", str(work / "store"), "--quiet"]
        cmd += ["--jobs", str(args.jobs)] if args.jobs else []
        cmd += ["--dask", "local"] if args.dask else []
        first, pss, rss, out = run_measured(cmd)
        print(f"ingest:    {first:7.1f} s  {args.n / first:6.0f} articles/s  peak PSS "
              f"{pss:,.0f} MB (RSS sum {rss:,.0f} MB)  [{out}]")
        again, pss2, _, out2 = run_measured(cmd)
        print(f"re-ingest: {again:7.1f} s  ({100 * again / first:.1f} % of the first run)  "
              f"peak PSS {pss2:,.0f} MB  [{out2}]")
        touch = time.time_ns() - inputs.RACY_NS * 2  # new mtimes, outside the racy window
        for f in files:
            os.utime(f, ns=(touch, touch))
        touched, pss3, _, out3 = run_measured(cmd)
        print(f"re-ingest, every file touched (hashed, not parsed): {touched:7.1f} s  "
              f"({100 * touched / first:.1f} % of the first run)  peak PSS {pss3:,.0f} MB  "
              f"[{out3}]")
        print(f"load average after: {_load()}")
        store_mb = sum(p.stat().st_size for p in (work / "store").rglob("*") if p.is_file())
        print(f"store: {store_mb / 1e6:,.0f} MB")
        reader = [sys.executable, "-c", _READER, str(work / "store")]
        r = json.loads(subprocess.run(reader, cwd=ROOT, capture_output=True, text=True,
                                      check=True).stdout)
        print(f"read: open {r['open']:.2f} s; mentions_between one month: median "
              f"{r['median']:.3f} s, max {r['max']:.3f} s (~{r['rows']:,.0f} mentions of "
              f"{r['months']} months); a month's Timeline: timeline_between "
              f"{r['fast']:.2f} s, build_timeline(parsed_between) {r['timeline']:.2f} s "
              f"({r['timeline_mentions']:,} mentions); "
              f"peak RSS {r['rss_mb']:,.0f} MB")
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONPATH", str(ROOT))
    raise SystemExit(main())
