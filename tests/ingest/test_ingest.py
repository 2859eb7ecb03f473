"""Ingest: re-runs skip, changed articles replace their old version, a killed run is
completed by the next, rejected files are reported with reasons, every runner agrees."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.compute as pc
import pytest
from store_support import (
    age,
    assert_same_store,
    read_jsonl,
    store_content,
    write_corpus,
    write_jsonl,
)

from mapapp.ingest.pipeline import PoolRunner, SerialRunner, add_articles, ingest, ingest_upload
from mapapp.ingest.sources import source_files
from mapapp.store import files
from mapapp.store.reader import Store

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def corpus_dir(gazetteer, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    age(write_corpus(folder, gazetteer, 60, per_file=20))
    return folder


@pytest.fixture(scope="module")
def clean_store(corpus_dir, geoparser, tmp_path_factory) -> Path:
    """One uninterrupted single-process ingest of ``corpus_dir``: the reference."""
    path = tmp_path_factory.mktemp("clean") / "store"
    report = ingest([corpus_dir], path, SerialRunner(geoparser), progress=False)
    assert (report.added, report.replaced, report.skipped, report.errors) == (60, 0, 0, ())
    return path


def test_ingest_twice_changes_nothing_and_skips_all(clean_store, corpus_dir, geoparser, tmp_path):
    before = store_content(clean_store)
    manifest = files.read_manifest(clean_store)
    report = ingest([corpus_dir], clean_store, SerialRunner(geoparser), progress=False)
    assert (report.added, report.replaced, report.skipped, report.mentions) == (0, 0, 60, 0)
    assert files.read_manifest(clean_store) == manifest  # not a file rewritten
    after = store_content(clean_store)
    for name in before:
        assert after[name].equals(before[name])


def test_small_batches_write_the_same_store(clean_store, corpus_dir, geoparser, tmp_path):
    report = ingest([corpus_dir], tmp_path / "s", SerialRunner(geoparser), batch_size=7,
                    progress=False)
    assert report.added == 60
    assert_same_store(tmp_path / "s", clean_store)
    # compaction left one file per month and table
    manifest = files.read_manifest(tmp_path / "s")
    for table in ("articles", "mentions"):
        months = manifest.months(table)
        assert len(manifest.of(table)) == len(months)


def test_a_fork_pool_writes_the_same_store(clean_store, corpus_dir, geoparser, tmp_path):
    runner = PoolRunner(geoparser, 2)
    try:
        ingest([corpus_dir], tmp_path / "s", runner, batch_size=10, progress=False)
    finally:
        runner.close()
    assert_same_store(tmp_path / "s", clean_store)


def test_a_changed_article_replaces_its_old_version(corpus_dir, geoparser, tmp_path):
    work = tmp_path / "corpus"
    work.mkdir()
    for f in corpus_dir.iterdir():
        (work / f.name).write_bytes(f.read_bytes())
    ingest([work], tmp_path / "s", SerialRunner(geoparser), progress=False)
    reader = Store.open(tmp_path / "s")  # opened before the change, as the app would be
    first = sorted(work.iterdir())[0]
    docs = read_jsonl(first)
    old = docs[3]
    docs[3] = {**old, "date": "2023-06-30" if old["date"] < "2023-06" else "2023-01-01",
               "text": "Zware gevechten in Bachmoet en Soledar, meldt Kyiv."}
    write_jsonl(first, docs)
    report = ingest([work], tmp_path / "s", SerialRunner(geoparser), progress=False)
    assert (report.added, report.replaced, report.skipped) == (0, 1, 59)
    ingest([work], tmp_path / "fresh", SerialRunner(geoparser), progress=False)
    assert_same_store(tmp_path / "s", tmp_path / "fresh")
    mentions = Store.open(tmp_path / "s").table("mentions")
    mine = mentions.filter(pc.equal(mentions.column("article_id"), old["id"]))
    assert sorted(mine.column("surface").to_pylist()) == ["Bachmoet", "Kyiv", "Soledar"]
    # the files the reader knew were replaced; it finds the new ones
    stale = reader.mentions_between("2023-01", "2023-06", columns=["article_id", "surface"])
    assert sorted(stale[stale["article_id"] == old["id"]]["surface"]) == ["Bachmoet", "Kyiv",
                                                                         "Soledar"]


def test_rejected_files_are_reported_with_reasons(corpus_dir, geoparser, tmp_path):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "broken.jsonl").write_text('not json\n{"id": "z1", "date": "2023-13", "text": "x"}\n')
    (bad / "nodate.txt").write_text("Geen datumregel.\n")
    (bad / ".hidden.jsonl").write_text("skipped, hidden\n")
    first = sorted(corpus_dir.iterdir())[0]
    (bad / "again.jsonl").write_text(first.read_text().splitlines()[0] + "\n")
    report = ingest([corpus_dir, bad, tmp_path / "missing.csv"], tmp_path / "s",
                    SerialRunner(geoparser), progress=False)
    assert report.added == 60
    reasons = {(Path(e.path).name, e.line): e.message for e in report.errors}
    assert set(reasons) == {("broken.jsonl", 1), ("broken.jsonl", 2), ("nodate.txt", 1),
                            ("again.jsonl", None), ("missing.csv", None)}
    assert "not valid JSON" in reasons["broken.jsonl", 1]
    assert "impossible month 13" in reasons["broken.jsonl", 2]
    assert "duplicate id" in reasons["again.jsonl", None] and first.name in reasons[
        "again.jsonl", None]
    assert "no such file" in reasons["missing.csv", None]
    assert "5 rejected (in 4 file(s))" in report.summary()


def test_source_files_expands_folders_sorted_without_hidden(tmp_path):
    for name in ("b.jsonl", "a.txt", ".h.txt", "notes.md", "sub/c.csv", ".git/d.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    got = [p.relative_to(tmp_path).as_posix() for p in source_files([tmp_path])]
    assert got == ["a.txt", "b.jsonl", "sub/c.csv"]


def test_upload_adds_skips_and_reports(geoparser, tmp_path):
    data = (b'{"id": "u1", "date": "2023-03-02", "text": "Beschietingen op Charkiv."}\n'
            b'{"id": "u2", "date": "2023-03", "text": ""}\n')
    report = ingest_upload(tmp_path / "s", "upload.jsonl", data, geoparser)
    assert (report.added, len(report.errors)) == (1, 1)
    assert "empty 'text'" in str(report.errors[0])
    store = Store.open(tmp_path / "s")
    article = store.parsed_between("2023-03", "2023-03")[0].article
    assert add_articles(store, [article], geoparser).skipped == 1


# --------------------------------------------------------------- the command


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "mapapp", *args]


def test_cli_reports_and_exits_1_on_rejected_files(corpus_dir, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("id,text\n1,x\n")
    run = subprocess.run(_cli("ingest", str(corpus_dir), str(bad), "--store",
                              str(tmp_path / "s"), "--jobs", "1"),
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 1, run.stderr
    assert "60 added" in run.stdout
    assert "bad.csv line 1: missing required column(s) 'date'" in run.stderr
    assert "articles/s" in run.stderr  # the progress bar, with its rate


def test_cli_refuses_a_folder_that_is_not_a_store(tmp_path):
    (tmp_path / "x.txt").write_text("mine")
    run = subprocess.run(_cli("ingest", str(tmp_path), "--store", str(tmp_path)), cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 2 and "is not a store" in run.stderr


def _wait_for_a_commit(proc: subprocess.Popen, store: Path, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if files.read_manifest(store).of("articles"):
                return
        except files.StoreError:
            pass  # not created yet
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        time.sleep(0.005)
    pytest.fail("no batch was committed in time")


def test_a_killed_ingest_is_completed_by_the_next_run(gazetteer, geoparser, tmp_path):
    folder = tmp_path / "corpus"
    write_corpus(folder, gazetteer, 400, seed=11, per_file=50)
    store = tmp_path / "killed"
    proc = subprocess.Popen(_cli("ingest", str(folder), "--store", str(store), "--jobs", "1",
                                 "--batch-size", "5", "--quiet"),
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_for_a_commit(proc, store)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    assert 0 < len(Store.open(store)) < 400  # killed midway, what was committed is readable
    rerun = ingest([folder], store, SerialRunner(geoparser), progress=False)
    assert rerun.added == 400 - rerun.skipped and rerun.skipped > 0
    ingest([folder], tmp_path / "clean", SerialRunner(geoparser), progress=False)
    assert_same_store(store, tmp_path / "clean")
    assert not list((store / files.STAGING).iterdir())
