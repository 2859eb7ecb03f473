"""``python -m mapapp geoparse`` and ``gazetteer``: the benchmark contract, in a real process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mapapp", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=600)


def test_geoparse_keeps_documents_and_adds_toponyms(tmp_path, gazetteer):
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    docs = [{"id": "a", "text": "Bachmoet ligt in Oekraïne.", "date": "2023-03", "extra": 1},
            {"id": "b", "text": "Geen plaatsen hier.", "lang": "nl"}]
    inp.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in docs) + "\n\n"
                   + "{not json}\n" + json.dumps({"id": "c"}) + "\n", encoding="utf-8")
    proc = run("geoparse", str(inp), str(out))
    assert proc.returncode == 1  # bad lines were skipped: say so
    assert "in.jsonl line 4: skipped" in proc.stderr
    assert "in.jsonl line 5: skipped" in proc.stderr
    written = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [d["id"] for d in written] == ["a", "b"]
    assert written[0]["extra"] == 1 and written[1]["toponyms"] == []
    bakhmut, ukraine = written[0]["toponyms"]
    assert {k: bakhmut[k] for k in ("start", "end", "name", "canonical", "type", "geonameid")} == {
        "start": 0, "end": 8, "name": "Bachmoet", "canonical": "Bakhmut", "type": "city",
        "geonameid": 713174}
    assert (ukraine["type"], ukraine["lat"], ukraine["lon"]) == ("country", 49.0, 32.0)
    assert 0 < bakhmut["confidence"] <= 1


def test_parallel_workers_write_the_same_output_in_order(tmp_path, gazetteer):
    text = (ROOT / "seeds" / "001_1010306ca34bd51d.txt").read_text(encoding="utf-8")
    inp = tmp_path / "big.jsonl"
    with open(inp, "w", encoding="utf-8") as f:
        for i in range(450):  # > 2 MB: big enough for the worker pool
            f.write(json.dumps({"id": str(i), "text": f"{i} {text}"}, ensure_ascii=False) + "\n")
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert run("geoparse", str(inp), str(one), "--jobs", "1").returncode == 0
    assert run("geoparse", str(inp), str(two), "--jobs", "2").returncode == 0
    assert one.read_text(encoding="utf-8") == two.read_text(encoding="utf-8")
    assert [json.loads(x)["id"] for x in two.read_text(encoding="utf-8").splitlines()] == [
        str(i) for i in range(450)]


def test_gazetteer_lookup_lists_homonyms(gazetteer):
    proc = run("gazetteer", "lookup", "Lyman")
    assert proc.returncode == 0
    rows = [line.split("\t") for line in proc.stdout.splitlines()]
    assert "704204" in [r[0] for r in rows] and len(rows) >= 5
