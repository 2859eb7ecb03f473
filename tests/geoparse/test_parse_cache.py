"""A geoparsed folder on disk (mapapp/geoparse/cache.py): a restart reads it, any change parses.

The key must cover everything the result depends on; each test changes one input and
checks that the folder is parsed again, with a counter standing in for the geoparser.
"""

from __future__ import annotations

import os

import pytest

from mapapp.corpus import reader
from mapapp.gazetteer import index
from mapapp.geoparse import cache as parse_cache


@pytest.fixture
def folder(tmp_path):
    path = tmp_path / "articles"
    path.mkdir()
    (path / "a.txt").write_text(" date 2023-03 Bachmoet ligt onder vuur.", encoding="utf-8")
    return path


class Counter:
    def __init__(self):
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return ("parsed", self.calls)


def remembered(folder, parse, parser="real", cache=None):
    return parse_cache.remembered(folder, reader.folder_fingerprint(str(folder)), parser, parse,
                                  cache=cache)


def test_a_second_start_reads_the_disk(folder, tmp_path):
    parse = Counter()
    first = remembered(folder, parse, cache=tmp_path / "cache")
    again = remembered(folder, parse, cache=tmp_path / "cache")
    assert first == again == ("parsed", 1) and parse.calls == 1


def test_a_changed_file_another_parser_or_index_parses_again(folder, tmp_path, monkeypatch):
    cache, parse = tmp_path / "cache", Counter()
    remembered(folder, parse, cache=cache)
    (folder / "a.txt").write_text(" date 2023-03 Bachmoet en Soledar.", encoding="utf-8")
    assert remembered(folder, parse, cache=cache) == ("parsed", 2)  # the file changed
    assert remembered(folder, parse, "stand-in", cache=cache) == ("parsed", 3)
    monkeypatch.setattr(parse_cache, "index_key", lambda: "another index")  # a dump added
    assert remembered(folder, parse, cache=cache) == ("parsed", 4)
    parse_cache.code_version.cache_clear()
    monkeypatch.setattr(parse_cache, "PACKAGE", tmp_path)  # other code
    assert remembered(folder, parse, cache=cache) == ("parsed", 5)
    parse_cache.code_version.cache_clear()


def test_a_damaged_entry_is_parsed_again_and_replaced(folder, tmp_path):
    cache, parse = tmp_path / "cache", Counter()
    remembered(folder, parse, cache=cache)
    (entry,) = (cache / "parsed").glob("folder-*.pickle")
    entry.write_bytes(b"\x80\x04 not a pickle")
    assert remembered(folder, parse, cache=cache) == ("parsed", 2)
    assert remembered(folder, parse, cache=cache) == ("parsed", 2)


def test_an_unwritable_cache_costs_only_the_saving(folder, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert remembered(folder, Counter(), cache=blocker) == ("parsed", 1)


def test_only_the_newest_entries_are_kept(tmp_path):
    cache = tmp_path / "cache"
    for i in range(parse_cache.KEEP + 3):
        path = tmp_path / f"f{i}"
        path.mkdir()
        (path / "a.txt").write_text(f" date 2023-03 tekst {i}", encoding="utf-8")
        remembered(path, Counter(), cache=cache)
        entry = max((cache / "parsed").glob("*.pickle"), key=os.path.getmtime)
        os.utime(entry, (1_000_000 + i, 1_000_000 + i))
    assert len(list((cache / "parsed").glob("*.pickle"))) == parse_cache.KEEP


def test_index_key_is_the_loaded_index_key(tmp_path):
    """The key parse_cache keeps names the marshal file Gazetteer.load would read."""
    key = index.index_key(tmp_path)
    assert len(key) == 16 and key == index.index_key(tmp_path)
