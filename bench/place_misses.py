#!/usr/bin/env python3
"""Lists each gold populated place the geoparser does not put within 10 km.

Usage (from the project's root, in its environment):
  python bench/place_misses.py ../shared/gold/cyr_dev.jsonl [PRED.jsonl]
Without PRED it runs ``python -m mapapp geoparse`` on the gold texts (with the
gazetteer of ``$MAPAPP_DATA_DIR``/``$MAPAPP_CACHE_DIR``). Each line: the
document, the gold name, its point, and what was predicted over the same span
(name, canonical, point, distance), so work on the scores starts from evidence.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import tempfile
from pathlib import Path

WITHIN_KM = 10.0


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _read(path: Path) -> dict[str, dict]:
    with open(path, encoding="utf-8") as f:
        return {str(d["id"]): d for d in map(json.loads, f) if d}


def _predict(gold: dict[str, dict]) -> dict[str, dict]:
    with tempfile.TemporaryDirectory() as tmp:
        inp, out = Path(tmp, "in.jsonl"), Path(tmp, "out.jsonl")
        with open(inp, "w", encoding="utf-8") as f:
            for d in gold.values():
                f.write(json.dumps({k: d[k] for k in ("id", "lang", "date", "text") if k in d},
                                   ensure_ascii=False) + "\n")
        subprocess.run([sys.executable, "-m", "mapapp", "geoparse", str(inp), str(out)],
                       check=True)
        return _read(out)


def _overlapping(g: dict, preds: list[dict]) -> dict | None:
    best = max(preds, default=None,
               key=lambda p: min(g["end"], p["end"]) - max(g["start"], p["start"]))
    if best is None or min(g["end"], best["end"]) <= max(g["start"], best["start"]):
        return None
    return best


def misses(gold: dict[str, dict], pred: dict[str, dict]) -> list[str]:
    """One line per gold city not within WITHIN_KM of the prediction over its span."""
    lines = []
    for doc_id, doc in gold.items():
        preds = pred.get(doc_id, {}).get("toponyms", [])
        for g in doc.get("toponyms", []):
            if g.get("type") != "city" or g.get("lat") is None:
                continue
            p = _overlapping(g, preds)
            if p is None:
                got = "not recognised"
            elif p.get("lat") is None:
                got = f"{p['name']!r} without coordinates"
            else:
                km = _km(g["lat"], g["lon"], p["lat"], p["lon"])
                if km <= WITHIN_KM:
                    continue
                got = (f"{p['name']!r} -> {p.get('canonical')} ({p['lat']:.3f}, {p['lon']:.3f})"
                       f" {km:.0f} km")
            axis = " axis" if g.get("axis") else ""
            lines.append(f"{doc_id} {g['name']!r} gold {g.get('canonical')} {g.get('geonameid')}"
                         f" ({g['lat']:.3f}, {g['lon']:.3f}){axis}: {got}")
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("pred", type=Path, nargs="?")
    args = ap.parse_args()
    gold = _read(args.gold)
    pred = _read(args.pred) if args.pred else _predict(gold)
    lines = misses(gold, pred)
    print("\n".join(lines))
    total = sum(1 for d in gold.values() for t in d.get("toponyms", [])
                if t.get("type") == "city" and t.get("lat") is not None)
    print(f"{len(lines)} of {total} populated places not within {WITHIN_KM:.0f} km")


if __name__ == "__main__":
    main()
