"""orjson reads and writes the bulk geoparse's lines only where the standard library would
read and write the same values (mapapp/plumbing/json_fast.py)."""

from __future__ import annotations

import json

import pytest

from mapapp.plumbing.json_fast import dumps_fast, loads_fast

SAME = [  # lines both read alike: orjson's value must be the standard library's
    b'{"id": "a1", "text": "Bachmoet \xc3\xa9 \xe2\x80\xa8 \\u00e9 \\n", "lang": "nl"}',
    b'{"id": 7, "n": -9223372036854775, "f": 0.1, "g": 1e-7, "h": 1.0000000000000002}',
    b'{"a": 1, "a": 2, "nested": {"list": [true, false, null, [], {}]}}',
]
LEFT = [  # lines orjson would read otherwise or refuse: the standard library decides
    b'{"id": 12345678901234567890123, "text": "x"}',  # orjson: a float, last digits lost
    b'{"id": "a", "text": "x", "score": NaN}',
    b'{"id": "a", "text": "x \\ud800"}',
    b'{"id": "a", "text": "x", "big": 1e400}',
    b'["not", "an", "object"]',
    b"[" * 100_000 + b"]" * 100_000,
    b'{"id": "a", "text": "caf\xe9"}',
]


@pytest.mark.parametrize("raw", SAME)
def test_orjson_reads_a_line_as_the_standard_library(raw):
    assert loads_fast(raw) == json.loads(raw.decode("utf-8"))


@pytest.mark.parametrize("raw", LEFT)
def test_lines_orjson_would_read_otherwise_are_left_to_the_standard_library(raw):
    assert loads_fast(raw) is None


@pytest.mark.parametrize("raw", SAME)
def test_what_orjson_writes_reads_back_as_the_standard_library_writes_it(raw):
    doc = loads_fast(raw)
    line = dumps_fast(doc)
    assert line is not None and line.endswith(b"\n") and line.count(b"\n") == 1
    assert json.loads(line) == json.loads(json.dumps(doc, ensure_ascii=False))
    assert "é".encode() in line or b"Bachmoet" not in line  # UTF-8 as is, never \u escapes


def test_an_object_too_deep_for_orjson_to_write_is_left_to_the_standard_library():
    doc = loads_fast(b'{"id": "a", "n": ' + b"[" * 300 + b"]" * 300 + b"}")
    assert doc is not None and dumps_fast(doc) is None
    assert json.loads(json.dumps(doc)) == doc  # the standard library writes it, as before
