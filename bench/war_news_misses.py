"""List each miss, false hit and far resolution of the geoparser on a gold file.

``report.py`` gives the figures; this says which toponyms make them, with the
words around each, so a fix can be found by kind (a German genitive, a river
after an article …) rather than by the word.

Usage: python bench/war_news_misses.py GOLD.jsonl [LANG]
(runs ``python -m mapapp geoparse`` in this environment, as report.py does)
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
import tempfile
from pathlib import Path


def _km(a: dict, b: dict) -> float:
    p1, p2 = math.radians(a["lat"]), math.radians(b["lat"])
    dl = math.radians(b["lon"] - a["lon"])
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _context(text: str, start: int, end: int) -> str:
    return (text[max(0, start - 30):start] + "[" + text[start:end] + "]"
            + text[end:end + 20]).replace("\n", " ")


def _predict(docs: list[dict]) -> dict[str, dict]:
    with tempfile.TemporaryDirectory() as tmp:
        inp, out = Path(tmp, "in.jsonl"), Path(tmp, "out.jsonl")
        inp.write_text("".join(json.dumps({k: d[k] for k in ("id", "lang", "date", "text")},
                                          ensure_ascii=False) + "\n" for d in docs))
        subprocess.run([sys.executable, "-m", "mapapp", "geoparse", str(inp), str(out)], check=True)
        return {p["id"]: p for p in map(json.loads, out.read_text().splitlines())}


def main(path: str, lang: str | None = None) -> None:
    docs = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()]
    docs = [d for d in docs if lang is None or d["lang"] == lang]
    pred = _predict(docs)
    for d in docs:
        text = d["text"]
        gold = {(t["start"], t["end"]): t for t in d["toponyms"]}
        got = {(t["start"], t["end"]): t for t in pred[d["id"]]["toponyms"]}
        for span, g in sorted(gold.items()):
            p = got.get(span)
            if p is None:
                print(f"{d['id']} MISS  {_context(text, *span)}  ({g['canonical']}, {g['type']})")
                continue
            limit = 10 if g["type"] == "city" else 161
            if p.get("lat") is None or _km(g, p) > limit:
                print(f"{d['id']} FAR   {_context(text, *span)}  gold {g['canonical']} / "
                      f"got {p.get('canonical')} {p.get('type')} {p.get('geonameid')}")
        for span, p in sorted(got.items()):
            if span not in gold:
                print(f"{d['id']} FALSE {_context(text, *span)}  "
                      f"({p.get('canonical')}, {p.get('type')})")


if __name__ == "__main__":
    main(*sys.argv[1:3])
