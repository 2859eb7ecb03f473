"""Where the event reader and an event gold set disagree, mention by mention.

evalevents.py gives the figures; this prints the mentions behind them, each
with its sentence, so a missed strike or a wrong side can be read and its
general reason found (rather than guessed from a score).

Usage (from the project's root):
  python bench/event_diff.py GOLD.jsonl [--kind strike]

Runs ``python -m mapapp geoparse`` on the gold texts, as ``../shared/bench/report.py`` does.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path


def _key(e: dict | None) -> tuple | None:
    return None if not e else (e.get("kind"), e.get("side"), bool(e.get("claim")), e.get("when"))


def _sentence(text: str, start: int, end: int) -> str:
    lo = max(text.rfind(c, 0, start) for c in ".!?\n") + 1
    hi = min((i for i in (text.find(c, end) for c in ".!?\n") if i >= 0), default=len(text))
    return " ".join(text[lo:hi + 1].split())


def _predict(gold: list[dict]) -> dict[str, dict]:
    with tempfile.TemporaryDirectory() as tmp:
        inp, out = Path(tmp, "in.jsonl"), Path(tmp, "out.jsonl")
        keys = ("id", "lang", "date", "text")
        inp.write_text("".join(json.dumps({k: d[k] for k in keys if k in d}, ensure_ascii=False)
                               + "\n" for d in gold), encoding="utf-8")
        subprocess.run([sys.executable, "-m", "mapapp", "geoparse", str(inp), str(out)],
                       check=True)
        docs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return {d["id"]: d for d in docs}


def diff(gold: list[dict], pred: dict[str, dict], kind: str | None) -> list[str]:
    """One line per mention whose gold and predicted events differ."""
    lines = []
    for doc in gold:
        tops = pred.get(doc["id"], {}).get("toponyms", [])
        for g in doc["toponyms"]:
            p = next((t for t in tops if t["start"] < g["end"] and g["start"] < t["end"]), None)
            ge, pe = _key(g.get("event")), _key(p and p.get("event"))
            if ge == pe or (kind and kind not in (ge or (None,))[:1] + (pe or (None,))[:1]):
                continue
            lines.append(f"{doc['id']} {g['name']!r}: gold {ge} pred {pe}"
                         f"{'' if p else ' (not found)'}\n    "
                         f"{_sentence(doc['text'], g['start'], g['end'])}")
    return lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="+")
    ap.add_argument("--kind", choices=("control", "fighting", "strike", "held"))
    args = ap.parse_args()
    for path in args.gold:
        gold = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()
                if line.strip()]
        print(f"== {path}")
        print("\n".join(diff(gold, _predict(gold), args.kind)) or "(no difference)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
