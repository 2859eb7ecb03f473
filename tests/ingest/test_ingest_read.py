"""Re-ingest reads only what changed: a file with its recorded size and mtime is not opened,
a touched file is hashed and not parsed, an edited one is parsed and its articles replaced;
records are committed with their articles, so a crash never records an unstored file."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pyarrow.compute as pc
import pytest
from store_support import age, assert_same_store, read_jsonl, write_corpus, write_jsonl

from mapapp.corpus import reader
from mapapp.ingest import synth
from mapapp.ingest.pipeline import LazyRunner, SerialRunner, add_articles, ingest
from mapapp.store import files as store_files
from mapapp.store import inputs
from mapapp.store.reader import Store
from mapapp.store.tables import article_hash
from mapapp.timeline.store_view import store_version

N = 8  # seed-format .txt files, one article each

# ------------------------------------------------------------------ observing


_opened: list[str] | None = None
_hooked = False


def _audit(event: str, args: tuple) -> None:
    if _opened is not None and event == "open" and isinstance(args[0], str | bytes | Path):
        _opened.append(os.path.realpath(os.fsdecode(args[0])))


@contextmanager
def files_opened() -> Iterator[list[str]]:
    """Every path this process opens meanwhile (``open``, ``io.open``, ``os.open``: the
    interpreter's "open" audit event, whatever function the code under test calls)."""
    global _opened, _hooked
    if not _hooked:
        sys.addaudithook(_audit)  # hooks cannot be removed; idle while _opened is None
        _hooked = True
    _opened = []
    try:
        yield _opened
    finally:
        _opened = None


@pytest.fixture
def parses(monkeypatch) -> list[str]:
    """The files the corpus reader parses (ingest reads files only through read_paths)."""
    seen: list[str] = []
    real = reader.read_paths

    def counting(paths, **kwargs):
        paths = list(paths)
        seen.extend(os.path.realpath(p) for p in paths)
        return real(paths, **kwargs)

    monkeypatch.setattr(reader, "read_paths", counting)
    return seen


def no_geoparsing() -> LazyRunner:
    """A runner that fails the test if a batch is geoparsed (made on the first batch only)."""
    return LazyRunner(lambda: pytest.fail("nothing should have been geoparsed"))


def in_folder(paths: list[str], folder: Path) -> list[str]:
    root = os.path.realpath(folder)
    return sorted(Path(p).name for p in paths if os.path.dirname(p) == root)


def records(store: Path) -> dict[str, inputs.InputRecord]:
    manifest = store_files.read_manifest(store)
    return inputs.read_records(store, manifest.of(store_files.INPUTS))


def data_files(store: Path) -> list[str]:
    return [f for f in store_files.read_manifest(store).files
            if not f.startswith(store_files.INPUTS)]


def stored_hashes(store: Path) -> dict[str, str]:
    t = Store.open(store).table("articles")
    return dict(zip(t.column("article_id").to_pylist(), t.column("hash").to_pylist(),
                    strict=True))


def edit_keeping_stat(path: Path) -> None:
    """Change a seed-format file's text but not its size or mtime."""
    st = path.stat()
    text = path.read_text(encoding="utf-8")
    cut = text.index(" ", len(" date "))  # after the date
    path.write_text(text[:cut] + text[cut:].replace("a", "e"), encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size


# ------------------------------------------------------------------ fixtures


@pytest.fixture
def folder(gazetteer, tmp_path) -> Path:
    """Seed-format files dated an hour back, as a user's files are."""
    out = tmp_path / "articles"
    age(synth.write_txt(out, gazetteer, N, seed=3, first="2023-01", last="2023-06"))
    return out


@pytest.fixture
def store(folder, geoparser, tmp_path) -> Path:
    path = tmp_path / "store"
    report = ingest([folder], path, SerialRunner(geoparser), progress=False)
    assert (report.added, report.errors) == (N, ())
    return path


# ------------------------------------------------------------------ tests


def test_the_store_records_each_file(folder, store):
    got = records(store)
    files = sorted(folder.iterdir())
    assert sorted(got) == [os.path.realpath(f) for f in files]
    stored = stored_hashes(store)
    for f in files:
        r, st = got[os.path.realpath(f)], f.stat()
        assert (r.size, r.mtime_ns, r.ids) == (st.st_size, st.st_mtime_ns, (f.stem,))
        assert r.sha256 == inputs.file_sha(f)
        assert r.held_by(stored)


def test_a_rerun_opens_no_unchanged_file(folder, store):
    manifest = store_files.read_manifest(store)
    with files_opened() as opened:
        report = ingest([folder], store, no_geoparsing(), progress=False)
    assert (report.added, report.replaced, report.skipped, report.errors) == (0, 0, N, ())
    assert in_folder(opened, folder) == []
    assert store_files.read_manifest(store) == manifest  # nothing written, not even a record
    # Same size and mtime is trusted: new bytes behind an unchanged stat stay unread.
    edit_keeping_stat(sorted(folder.iterdir())[0])
    report = ingest([folder], store, no_geoparsing(), progress=False)
    assert (report.replaced, report.skipped) == (0, N)


def test_a_touched_file_is_hashed_and_not_parsed(folder, store, parses):
    touched = sorted(folder.iterdir())[2]
    age([touched], seconds=600)
    data, version = data_files(store), store_version(store)
    with files_opened() as opened:
        report = ingest([folder], store, no_geoparsing(), progress=False)
    assert (report.added, report.replaced, report.skipped) == (0, 0, N)
    assert in_folder(opened, folder) == [touched.name]  # hashed
    assert parses == []
    assert records(store)[os.path.realpath(touched)].mtime_ns == touched.stat().st_mtime_ns
    assert (data_files(store), store_version(store)) == (data, version)  # the app reloads nothing
    with files_opened() as opened:
        ingest([folder], store, no_geoparsing(), progress=False)
    assert in_folder(opened, folder) == []  # the new mtime was recorded


def test_an_edited_file_is_parsed_and_replaced(folder, store, geoparser, parses, tmp_path):
    edited = sorted(folder.iterdir())[5]
    edited.write_text(" date 2023-03-04 Zware gevechten in Bachmoet en Soledar, meldt Kyiv.",
                      encoding="utf-8")
    age([edited], seconds=600)
    data = data_files(store)
    with files_opened() as opened:
        report = ingest([folder], store, SerialRunner(geoparser), progress=False)
    assert (report.added, report.replaced, report.skipped) == (0, 1, N - 1)
    assert in_folder(opened, folder) == [edited.name] * 2  # hashed, then parsed
    assert in_folder(parses, folder) == [edited.name]
    assert data_files(store) != data
    mentions = Store.open(store).table("mentions")
    mine = mentions.filter(pc.equal(mentions.column("article_id"), edited.stem))
    assert sorted(mine.column("surface").to_pylist()) == ["Bachmoet", "Kyiv", "Soledar"]
    ingest([folder], tmp_path / "fresh", SerialRunner(geoparser), progress=False)
    assert_same_store(store, tmp_path / "fresh")
    assert records(store)[os.path.realpath(edited)].sha256 == inputs.file_sha(edited)
    with files_opened() as opened:
        ingest([folder], store, no_geoparsing(), progress=False)
    assert in_folder(opened, folder) == []


def test_an_article_gone_from_its_file_is_kept_and_reported(gazetteer, geoparser, tmp_path):
    folder = tmp_path / "jsonl"
    [path] = write_corpus(folder, gazetteer, 3, per_file=3)
    age([path])
    ingest([folder], tmp_path / "s", SerialRunner(geoparser), progress=False)
    docs = read_jsonl(path)
    write_jsonl(path, docs[:1] + docs[2:])
    report = ingest([folder], tmp_path / "s", no_geoparsing(), progress=False)
    assert (report.skipped, report.vanished) == (2, 1)
    assert "1 stored article(s) no longer in the file" in report.summary()
    assert len(Store.open(tmp_path / "s").articles([docs[1]["id"]])) == 1  # kept, as ever
    # the article moved to another file: read there, nothing vanished
    write_jsonl(folder / "moved.jsonl", docs[1:2])
    assert ingest([folder], tmp_path / "s", no_geoparsing(), progress=False).vanished == 0


def test_a_store_without_records_reads_each_file_once(folder, store, parses):
    """A store written before records existed: every file is read (articles skipped by
    their hash, as then), recorded, and not opened by the run after."""
    recorded = records(store)
    store_files.write_manifest(store, store_files.Manifest(tuple(data_files(store))))
    shutil.rmtree(store / store_files.INPUTS)
    report = ingest([folder], store, no_geoparsing(), progress=False)
    assert (report.added, report.replaced, report.skipped) == (0, 0, N)
    assert len(in_folder(parses, folder)) == N
    assert records(store) == recorded
    with files_opened() as opened:
        ingest([folder], store, no_geoparsing(), progress=False)
    assert in_folder(opened, folder) == []


def test_an_mtime_of_the_last_seconds_is_not_trusted(gazetteer, geoparser, tmp_path):
    """A file written just before the run may change again within the clock's tick with
    the same size and mtime: it is recorded as "stat unknown" and hashed by the next run."""
    folder = tmp_path / "fresh"
    [path] = synth.write_txt(folder, gazetteer, 1, seed=4)
    ingest([folder], tmp_path / "s", SerialRunner(geoparser), progress=False)
    assert records(tmp_path / "s")[os.path.realpath(path)].mtime_ns is None
    edit_keeping_stat(path)
    report = ingest([folder], tmp_path / "s", SerialRunner(geoparser), progress=False)
    assert report.replaced == 1


class _Crash(RuntimeError):
    pass


class _Later:
    def __init__(self, runner: SerialRunner, articles: list) -> None:
        self.runner, self.articles = runner, articles

    def result(self):
        return self.runner.submit(self.articles).result()


class _CrashingRunner:
    """Two tasks in flight, as in a pool (parsed when collected); dies at the task after
    ``tasks``, as a killed process would."""

    window = 2

    def __init__(self, geoparser, tasks: int) -> None:
        self.serial, self.left = SerialRunner(geoparser), tasks

    def submit(self, articles):
        if self.left == 0:
            raise _Crash
        self.left -= 1
        return _Later(self.serial, articles)

    def close(self) -> None:
        pass


def test_a_file_is_recorded_only_once_its_articles_are_stored(gazetteer, geoparser, tmp_path):
    folder = tmp_path / "corpus"
    age(write_corpus(folder, gazetteer, 40, seed=12, per_file=4))  # 10 files; tasks of 6
    with pytest.raises(_Crash):
        ingest([folder], tmp_path / "s", _CrashingRunner(geoparser, 4), batch_size=6,
               progress=False)
    hashes = stored_hashes(tmp_path / "s")
    got = records(tmp_path / "s")
    assert len(hashes) == 12 and len(got) == 3  # tasks 3 and 4 were in flight
    assert all(r.held_by(hashes) for r in got.values())  # no record of an unstored article
    rerun = ingest([folder], tmp_path / "s", SerialRunner(geoparser), progress=False)
    assert (rerun.added, rerun.skipped) == (28, 12)
    ingest([folder], tmp_path / "clean", SerialRunner(geoparser), progress=False)
    assert_same_store(tmp_path / "s", tmp_path / "clean")
    assert len(records(tmp_path / "s")) == 10


class _FailingGeoparser:
    """Fails on one article, as a geoparser bug would."""

    def __init__(self, geoparser, bad: str) -> None:
        self.geoparser, self.bad = geoparser, bad

    def parse(self, article):
        if article.id == self.bad:
            raise ValueError("boom")
        return self.geoparser.parse(article)


def test_a_file_the_geoparser_failed_on_is_read_again(folder, geoparser, parses, tmp_path):
    files = sorted(folder.iterdir())
    failing = SerialRunner(_FailingGeoparser(geoparser, files[1].stem))
    first = ingest([folder], tmp_path / "s", failing, progress=False)
    assert (first.added, len(first.errors)) == (N - 1, 1)
    assert sorted(records(tmp_path / "s")) == sorted(
        os.path.realpath(f) for f in files if f != files[1])
    parses.clear()
    again = ingest([folder], tmp_path / "s", SerialRunner(geoparser), progress=False)
    assert (again.added, again.skipped) == (1, N - 1)
    assert in_folder(parses, folder) == [files[1].name]


def test_a_file_whose_article_was_replaced_since_is_read_again(folder, store, geoparser):
    """An upload replaced one of the file's articles: the file's own version comes back on
    the next run, as it did when every file was read."""
    path = sorted(folder.iterdir())[4]
    own = Store.open(store).parsed_between("2000-01", "2100-12")
    [article] = [p.article for p in own if p.article.id == path.stem]
    changed = replace(article, text=article.text + " Ook in Charkiv.")
    add_articles(Store.open(store), [changed], geoparser)
    report = ingest([folder], store, SerialRunner(geoparser), progress=False)
    assert (report.replaced, report.skipped) == (1, N - 1)
    assert stored_hashes(store)[path.stem] == article_hash(article)
