"""``python -m mapapp geoparse`` and ``gazetteer``: the benchmark contract, in a real process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


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
    # the workers' spool files (plumbing/spool.py) are gone with their folder
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.jsonl", "one.jsonl", "two.jsonl"]
    assert [json.loads(x)["id"] for x in two.read_text(encoding="utf-8").splitlines()] == [
        str(i) for i in range(450)]


def test_gazetteer_lookup_lists_homonyms(gazetteer):
    proc = run("gazetteer", "lookup", "Lyman")
    assert proc.returncode == 0
    rows = [line.split("\t") for line in proc.stdout.splitlines()]
    assert "704204" in [r[0] for r in rows] and len(rows) >= 5


# ---------------------------------------------------- faults and hostile input (issue 15)

GOOD = [{"id": "a", "text": "Bachmoet ligt in Oekraïne.", "date": None, "extra": [1]},
        {"id": "h", "text": "Soledar valt.", "lang": "nl"}]
BAD = [  # (line, what stderr says about it)
    (b'{"id": "b", "text": "caf\xe9"}', "not valid UTF-8 (byte 0xe9"),
    (json.dumps({"id": "c", "text": "x"}).encode("utf-16-le"), "NUL bytes: this is UTF-16"),
    (b"[" * 100_000 + b"]" * 100_000, "JSON nested too deeply to read"),
    (b'{"id": "d", "text": "x", "n": ' + b"9" * 5000 + b"}", "write such a value as a string"),
    (b'{"id": "e", "text": "Soledar", "lang": ["nl"]}', "field 'lang' must be a language code"),
    (b'{"id": "f", "text": "x \\ud800"}', "field 'text' at character 3 holds '\\ud800'"),
    (b'{"id": "g", "text": "x", "\\udfff": 1}', "a field other than 'text' holds '\\udfff'"),
    (b'{"id": "i", "text": 5}', "no 'text' string; each line must be one JSON object such as"),
]


def test_each_bad_line_is_named_and_every_good_document_written(tmp_path, gazetteer):
    inp, out = tmp_path / "X.jsonl", tmp_path / "out.jsonl"
    first, last = (json.dumps(d, ensure_ascii=False).encode() for d in GOOD)
    inp.write_bytes(b"\xef\xbb\xbf" + b"\n".join([first, *(line for line, _ in BAD), last]))
    proc = run("geoparse", str(inp), str(out))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    told = proc.stderr.splitlines()
    assert len(told) == len(BAD)
    for (_line, says), (n, message) in zip(BAD, enumerate(told, 2), strict=True):
        assert message.startswith(f"{inp} line {n}: skipped, ") and says in message
    written = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [{k: d[k] for k in GOOD[i]} for i, d in enumerate(written)] == GOOD  # BOM line kept
    assert written[0]["toponyms"][0]["name"] == "Bachmoet"


def test_the_input_is_never_overwritten_and_a_missing_one_is_named(tmp_path, gazetteer):
    inp = tmp_path / "X.jsonl"
    inp.write_text(json.dumps(GOOD[1]) + "\n", encoding="utf-8")
    before = inp.read_bytes()
    proc = run("geoparse", str(inp), str(inp))
    assert proc.returncode == 2 and inp.read_bytes() == before
    assert proc.stderr == (f"error: {inp}: is also an input; write the documents to another "
                           "file (the input is never overwritten).\n")
    for args, says in [((tmp_path / "nope.jsonl", tmp_path / "o.jsonl"), "no such file or folder"),
                       ((inp, tmp_path), "is a folder; give the name of the file to write"),
                       ((inp, tmp_path / "no" / "o.jsonl"), "does not exist; create it first")]:
        proc = run("geoparse", *map(str, args))
        assert proc.returncode == 2 and says in proc.stderr and "Traceback" not in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["X.jsonl"]  # no temporary file left


def test_folders_and_every_corpus_format_are_read(tmp_path, gazetteer):
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(" date 2023-03 Bachmoet valt.", encoding="utf-8")
    (folder / "sub" / "b.csv").write_text("id,date,text\nb,2023-04,Soledar houdt stand.\n"
                                          'c,2023-04,"Soledar\n', encoding="utf-8")
    (folder / "sub" / "c.jsonl").write_text(json.dumps(GOOD[1]) + "\n", encoding="utf-8")
    (folder / "notes.md").write_text("not an article", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    proc = run("geoparse", str(folder), str(out))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.startswith(f"{folder}/sub/b.csv line 3: skipped, a double quote opened")
    written = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(d["id"], d.get("date"), d.get("source")) for d in written] == [
        ("a", "2023-03", "a.txt"), ("b", "2023-04", "b.csv"), ("h", None, None)]
    assert written[0]["toponyms"][0]["canonical"] == "Bakhmut"
    proc = run("geoparse", str(folder / "a.txt"), str(out))
    assert proc.returncode == 0 and json.loads(out.read_text(encoding="utf-8"))["id"] == "a"


def test_values_orjson_cannot_keep_are_written_as_read(tmp_path, gazetteer):
    """The fast JSON path (plumbing/json_fast) never changes a value: a 23-digit id and a NaN
    come out as the standard library read them."""
    inp, out = tmp_path / "X.jsonl", tmp_path / "out.jsonl"
    text = b'"text": "Bachmoet ligt in Oekraine.", "lang": "nl"'
    inp.write_bytes(b'{"id": 12345678901234567890123, ' + text + b"}\n"
                    b'{"id": "n", ' + text + b', "score": NaN}\n')
    assert run("geoparse", str(inp), str(out)).returncode == 0
    big, nan = out.read_text(encoding="utf-8").splitlines()
    assert json.loads(big)["id"] == 12345678901234567890123
    assert '"score": NaN' in nan and json.loads(nan)["toponyms"][0]["name"] == "Bachmoet"


def test_bad_lines_are_named_by_their_number_across_runs_of_lines(tmp_path, gazetteer):
    """Workers read runs of CHUNK lines by offset (cli/geo.py ``_Lines``): a bad line in a
    later run, after blank lines and before a last line without its newline, keeps its
    number."""
    from mapapp.cli.geo import CHUNK

    lines = [json.dumps({"id": str(i), "text": "Kyiv"}) for i in range(2 * CHUNK + 20)]
    bad_at = [CHUNK + 1, 2 * CHUNK + 3]  # 1-based line numbers
    for n in bad_at:
        lines[n - 1] = "{not json"
    lines[CHUNK - 1] = "   "  # a blank line at the end of the first run
    inp, out = tmp_path / "X.jsonl", tmp_path / "out.jsonl"
    inp.write_bytes("\n".join(lines).encode())  # no newline after the last line
    proc = run("geoparse", str(inp), str(out))
    assert proc.returncode == 1
    assert [m.split(": skipped")[0] for m in proc.stderr.splitlines()] == [
        f"{inp} line {n}" for n in bad_at]
    ids = [json.loads(x)["id"] for x in out.read_text(encoding="utf-8").splitlines()]
    assert ids == [str(i) for i in range(len(lines)) if i + 1 not in bad_at and i != CHUNK - 1]
