"""Whether a change to event reading leaves every output as it was (issue 18 speed work).

Runs ``python -m mapapp geoparse`` on the benchmark files, the seeds and the
event dev cases (their ``[Name]`` marks removed, ids added), and reads the dev
cases' marked toponyms with ``read_events`` directly; it keeps, per document,
each toponym's span, ``event`` and ``event_evidence``. ``--save FILE`` writes
that digest (run it before the change), ``--check FILE`` compares with it and
exits 1 listing the documents that differ.

Usage (from the worktree, PYTHONPATH=$PWD, MAPAPP_CACHE_DIR/MAPAPP_DATA_DIR set)::

    python bench/event_identity.py --save /tmp/events_before.json
    python bench/event_identity.py --check /tmp/events_before.json
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
_MARK = re.compile(r"\[([^\]|]+)(?:\|(\w+))?\]")


def _files() -> list[Path]:
    return [*sorted((SHARED / "benchmarks").glob("*.jsonl")), SHARED / "gold" / "seeds_gold.jsonl"]


def _unmark(marked: str) -> tuple[str, list[tuple[int, int, str]]]:
    text, targets, pos = "", [], 0
    for m in _MARK.finditer(marked):
        text += marked[pos:m.start()]
        targets.append((len(text), len(text) + len(m.group(1)), m.group(2) or "city"))
        text += m.group(1)
        pos = m.end()
    return text + marked[pos:], targets


def _dev_cases() -> list[dict]:
    out = []
    for path in sorted((ROOT / "tests" / "data" / "events").glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            if line.strip():
                case = json.loads(line)
                out.append({**case, "id": f"{path.stem}:{n}"})
    return out


def _geoparse(path: Path, tmp: Path) -> dict[str, list]:
    out = tmp / (path.stem + ".out.jsonl")
    subprocess.run([sys.executable, "-m", "mapapp", "geoparse", "--jobs", "1", str(path), str(out)],
                   check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    digest = {}
    for line in out.read_text(encoding="utf-8").split("\n"):
        if not line.strip():
            continue
        doc = json.loads(line)
        digest[f"{path.name}:{doc['id']}"] = [
            [t["start"], t["end"], t.get("event"), t.get("event_evidence")]
            for t in doc.get("toponyms", [])]
    return digest


def digest() -> dict[str, list]:
    from mapapp.geoparse.events.reader import Target, read_events

    result: dict[str, list] = {}
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        cases = _dev_cases()
        dev = tmp / "dev_events.jsonl"
        dev.write_text("".join(json.dumps({"id": c["id"], "lang": c["lang"], "date": c["date"],
                                           "text": _unmark(c["text"])[0]}) + "\n" for c in cases),
                       encoding="utf-8")
        for path in [*_files(), dev]:
            if path.exists():
                result.update(_geoparse(path, tmp))
    for c in cases:
        text, marks = _unmark(c["text"])
        events = read_events(text, c["lang"], c["date"], [Target(s, e, k) for s, e, k in marks])
        result[f"marked:{c['id']}"] = [
            ev and [ev.as_dict(), [[sp.start, sp.end] for sp in ev.evidence]] for ev in events]
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = ap.add_mutually_exclusive_group(required=True)
    group.add_argument("--save", type=Path)
    group.add_argument("--check", type=Path)
    a = ap.parse_args()
    now = digest()
    events = sum(1 for doc in now.values() for t in doc if t and (t[2] if len(t) == 4 else t))
    if a.save:
        a.save.write_text(json.dumps(now, sort_keys=True), encoding="utf-8")
        print(f"saved {len(now)} documents, {events} events")
        return
    before = json.loads(a.check.read_text(encoding="utf-8"))
    now = json.loads(json.dumps(now))  # tuples as lists, like the saved file
    differ = sorted(k for k in before.keys() | now.keys() if before.get(k) != now.get(k))
    print(f"{len(now)} documents, {events} events; {len(differ)} differ")
    for key in differ[:20]:
        print(" ", key, "\n    before", before.get(key), "\n    now   ", now.get(key))
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
