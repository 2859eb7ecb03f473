"""The place index's size and load time, with and without a country's villages.

    python bench/index_load.py                         # the index of $MAPAPP_DATA_DIR's dumps
    python bench/index_load.py --dump ../shared/geodata-sources/geonames/UA.zip

With ``--dump``, the index is built once (about a minute) into a folder under
/tmp with that dump added, as a user who accepted the villages offer has it,
and both indexes are measured. Each load runs in a fresh process (import of
the package and ``Gazetteer.load``), alternating, so that a busy machine
weighs on both alike. Prints one JSON object a line.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOAD = ("import time; t = time.perf_counter(); from mapapp.gazetteer.index import Gazetteer; "
        "g = Gazetteer.load(quiet=True); print(time.perf_counter() - t, len(g), len(g.index))")


def _load(env: dict[str, str]) -> tuple[float, int, int]:
    done = subprocess.run([sys.executable, "-c", LOAD], capture_output=True, text=True,
                          check=True, env=os.environ | env | {"PYTHONPATH": str(ROOT)})
    seconds, places, names = done.stdout.split()
    return float(seconds), int(places), int(names)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dump", type=Path, help="a GeoNames country dump to measure with")
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    setups = {"as installed": {}}
    if args.dump:
        work = Path(tempfile.gettempdir()) / f"mapapp-index-load-{args.dump.stem}"
        (work / "data" / "geonames").mkdir(parents=True, exist_ok=True)
        target = work / "data" / "geonames" / args.dump.name
        if not target.exists():
            shutil.copy2(args.dump, target)  # keeps the time stamp: built once
        setups[f"with {args.dump.name}"] = {"MAPAPP_DATA_DIR": str(work / "data"),
                                            "MAPAPP_CACHE_DIR": str(work / "cache")}
    for env in setups.values():
        _load(env)  # builds when missing; warms the file cache
    times: dict[str, list[float]] = {name: [] for name in setups}
    sizes: dict[str, tuple[int, int]] = {}
    for _ in range(args.runs):
        for name, env in setups.items():
            seconds, places, names = _load(env)
            times[name].append(seconds)
            sizes[name] = (places, names)
    for name, env in setups.items():
        cache = Path(env.get("MAPAPP_CACHE_DIR") or os.environ.get("MAPAPP_CACHE_DIR", ""))
        files = sorted(cache.glob("gazetteer-*.marshal")) if cache.is_dir() else []
        print(json.dumps({"index": name, "places": sizes[name][0], "names": sizes[name][1],
                          "file_mb": round(files[-1].stat().st_size / 1e6, 1) if files else None,
                          "load_median_s": round(statistics.median(times[name]), 2),
                          "load_min_s": round(min(times[name]), 2)}))


if __name__ == "__main__":
    main()
