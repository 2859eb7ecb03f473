"""A store under faults and tampering (issue 15): nothing outside it touched, nothing in it
deleted unasked, a damaged file named and repaired, a full or read-only disk a clear error.

Each test goes through the entry point a user has: ``python -m mapapp ingest`` and
``python -m mapapp store check|repair`` as subprocesses (or ``cli.main`` in-process
where a fault is simulated by monkeypatching), and asserts what the user gets: the
message, the exit code and the data kept.
"""

from __future__ import annotations

import errno
import json
import os
import re
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from store_support import age, assert_same_store, store_content, write_corpus

from mapapp.cli import main
from mapapp.ingest.pipeline import SerialRunner, ingest, reparse
from mapapp.store import files
from mapapp.store.reader import Store, StoreError
from mapapp.store.repair import check, repair

ROOT = Path(__file__).resolve().parents[2]


def _cli(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mapapp", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300, **kwargs)


@pytest.fixture(scope="module")
def corpus_dir(gazetteer, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    age(write_corpus(folder, gazetteer, 30, seed=5, per_file=10))
    return folder


@pytest.fixture(scope="module")
def clean_store(corpus_dir, geoparser, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("clean") / "store"
    report = ingest([corpus_dir], path, SerialRunner(geoparser), progress=False)
    assert (report.added, report.errors) == (30, ())
    return path


@pytest.fixture
def store(clean_store, tmp_path) -> Path:
    """A copy of the clean store in ``tmp_path/a/store`` (so ``../../x`` is ``tmp_path/x``)."""
    return shutil.copytree(clean_store, tmp_path / "a" / "store",
                           ignore=shutil.ignore_patterns(files.LOCK))


def _files(store: Path) -> dict[str, bytes]:
    """Every file under the store but the lock, by relative path, with its bytes."""
    return {p.relative_to(store).as_posix(): p.read_bytes() for p in sorted(store.rglob("*"))
            if p.is_file() and p.name != files.LOCK}


def _plan(store: Path, plan: dict) -> Path:
    txn = store / files.STAGING / "00000000000000000001-1"
    txn.mkdir(parents=True)
    (txn / files.PLAN).write_text(json.dumps(plan))
    return txn


# ------------------------------------------------- item 2: paths outside the store


@pytest.mark.parametrize("kind", ["remove", "add"])
def test_a_staged_plan_naming_a_file_outside_the_store_is_refused(store, corpus_dir, tmp_path,
                                                                   kind):
    victim = tmp_path / "home" / ".bashrc"
    victim.parent.mkdir()
    victim.write_text("the user's own file")
    txn = _plan(store, {"add": [], "remove": ["../../home/.bashrc"]} if kind == "remove" else
                {"add": ["../../home/.bashrc"], "remove": []})
    (store / "home").mkdir()
    (store / "home" / ".bashrc").write_text("planted")  # what the 'add' would move there
    before = _files(store)
    run = _cli("ingest", str(corpus_dir), "--store", str(store), "--quiet")
    assert run.returncode == 2, run.stderr
    assert victim.read_text() == "the user's own file"
    assert f"{txn / files.PLAN}" in run.stderr and "outside the store" in run.stderr
    assert "refused" in run.stderr and "store repair" in run.stderr
    assert "Traceback" not in run.stderr
    assert _files(store) == before  # nothing done at all


def test_a_manifest_naming_a_file_outside_the_store_is_refused(store, tmp_path):
    secret = tmp_path / "secret.parquet"
    shutil.copy(next((store / "places").iterdir()), secret)
    doc = json.loads((store / files.MANIFEST).read_text())
    doc["files"].append("places/../../../secret.parquet")
    (store / files.MANIFEST).write_text(json.dumps(doc))
    with pytest.raises(StoreError, match=r"secret\.parquet.*outside the store"):
        Store.open(store)


def test_a_store_folder_replaced_by_a_link_to_outside_is_refused(store, tmp_path):
    """``articles/month=…`` made a symlink: the plan's path looks inside, resolves outside."""
    month = sorted((store / "articles").iterdir())[0]
    outside = tmp_path / "elsewhere"
    shutil.move(month, outside)
    month.symlink_to(outside, target_is_directory=True)
    name = next(outside.iterdir()).name
    _plan(store, {"add": [], "remove": [f"articles/{month.name}/{name}"]})
    with pytest.raises(StoreError, match="outside the store"), files.write_lock(store):
        files.recover(store)
    assert (outside / name).exists()


# ------------------------------------------------- item 3: a damaged manifest


@pytest.mark.parametrize("damage", ["empty", "one month missing"])
def test_files_the_manifest_does_not_list_are_kept_and_repair_relists_them(
        store, clean_store, corpus_dir, damage):
    path = store / files.MANIFEST
    doc = json.loads(path.read_text())
    if damage == "empty":
        doc["files"] = []
    else:
        doc["files"] = [f for f in doc["files"] if "month=2023-03" not in f]
    path.write_text(json.dumps(doc))
    before = _files(store)
    run = _cli("ingest", str(corpus_dir), "--store", str(store), "--quiet")
    assert run.returncode == 2, run.stderr
    assert "not listed in its manifest" in run.stderr and "Traceback" not in run.stderr
    assert f"python -m mapapp store repair {store}" in run.stderr
    assert _files(store) == before  # not one file deleted

    check = _cli("store", "check", str(store))
    assert check.returncode == 1
    assert "articles/month=2023-03/" in check.stdout and "not listed" in check.stdout
    repair = _cli("store", "repair", str(store))
    assert repair.returncode == 0, repair.stderr
    assert "listed again" in repair.stdout
    assert _cli("store", "check", str(store)).returncode == 0
    assert_same_store(store, clean_store)
    again = _cli("ingest", str(corpus_dir), "--store", str(store), "--quiet")
    assert again.returncode == 0 and "30 already stored" in again.stdout


def test_repair_rebuilds_an_unreadable_manifest(store, clean_store, corpus_dir, geoparser):
    (store / files.MANIFEST).write_text('{"format": 1, "files": [')
    run = _cli("ingest", str(corpus_dir), "--store", str(store), "--quiet")
    assert run.returncode == 2 and "damaged manifest" in run.stderr
    assert "store repair" in run.stderr
    notes = repair(store, reparse(SerialRunner(geoparser)), lambda pid: None)
    assert any("rebuilt from the store's files" in n for n in notes)
    assert_same_store(store, clean_store)


def test_repair_keeps_the_newest_copy_of_an_article_stored_twice(store, clean_store, geoparser):
    for table in ("articles", "mentions"):
        old = _month_file(store, table)
        shutil.copy(old, old.with_name("part-00000000000000000001-1.parquet"))  # older
    assert "stored 2 times" in _cli("store", "check", str(store)).stdout
    notes = repair(store, reparse(SerialRunner(geoparser)), lambda pid: None)
    assert any("the newest copy kept" in n for n in notes)
    assert check(store).problems == ()
    assert_same_store(store, clean_store)


def test_nothing_a_repair_sets_aside_leaves_the_store(store, tmp_path, geoparser):
    (store / "articles" / "notes.txt").write_text("mine")  # no file of a store
    outside = tmp_path / "outside"
    outside.mkdir()
    (store / files.SET_ASIDE).symlink_to(outside, target_is_directory=True)
    with pytest.raises(StoreError, match="leads out of the store"):
        repair(store, reparse(SerialRunner(geoparser)), lambda pid: None)
    assert not list(outside.iterdir()) and (store / "articles" / "notes.txt").exists()
    (store / files.SET_ASIDE).unlink()
    notes = repair(store, reparse(SerialRunner(geoparser)), lambda pid: None)
    assert any("articles/notes.txt: no file of a store" in n for n in notes)
    assert (store / files.SET_ASIDE / "articles" / "notes.txt").read_text() == "mine"


def test_links_in_the_store_do_not_lead_its_writes_elsewhere(store, tmp_path, geoparser):
    victim = tmp_path / "victim.txt"
    victim.write_text("the user's own file")
    (store / (files.MANIFEST + ".tmp")).symlink_to(victim)
    (store / files.LOCK).unlink(missing_ok=True)
    ingest([_new_articles(tmp_path)], store, SerialRunner(geoparser), progress=False)
    assert victim.read_text() == "the user's own file" and len(Store.open(store)) == 32
    (store / files.LOCK).unlink()
    (store / files.LOCK).symlink_to(victim)
    with pytest.raises(StoreError, match="a link, not the store's lock file"):
        ingest([_new_articles(tmp_path)], store, SerialRunner(geoparser), progress=False)
    assert victim.read_text() == "the user's own file"


def test_check_says_a_healthy_store_is_healthy(store):
    run = _cli("store", "check", str(store))
    assert run.returncode == 0, run.stdout + run.stderr
    assert "30 articles" in run.stdout and "no problems" in run.stdout


# ------------------------------------------------- item 4: a damaged Parquet file


def _truncate(path: Path) -> None:
    os.truncate(path, path.stat().st_size // 2)


def _month_file(store: Path, table: str, month: str = "2023-03") -> Path:
    (path,) = (store / table / f"month={month}").iterdir()
    return path


@pytest.mark.parametrize("damage", ["truncated", "deleted"])
def test_ingest_repairs_a_damaged_mentions_file_from_the_stored_articles(store, clean_store,
                                                                         corpus_dir, damage):
    damaged = _month_file(store, "mentions")
    _truncate(damaged) if damage == "truncated" else damaged.unlink()
    rel = damaged.relative_to(store).as_posix()
    check = _cli("store", "check", str(store))
    assert check.returncode == 1 and f"{rel}: damaged" in check.stdout
    run = _cli("ingest", str(corpus_dir), "--store", str(store), "--quiet")
    assert run.returncode == 0, run.stderr
    assert f"{rel}: damaged" in run.stdout and "geoparsed again" in run.stdout
    assert "_set_aside" in run.stdout
    assert_same_store(store, clean_store)
    assert (store / "_set_aside" / rel).exists() == (damage == "truncated")  # kept to look at
    assert _cli("store", "check", str(store)).returncode == 0


def test_ingest_repairs_a_damaged_places_file_from_the_gazetteer(store, clean_store,
                                                                 corpus_dir):
    (places,) = (store / "places").iterdir()
    _truncate(places)
    run = _cli("ingest", str(corpus_dir), "--store", str(store), "--quiet")
    assert run.returncode == 0, run.stderr
    assert "places/" in run.stdout and "looked up again" in run.stdout
    assert_same_store(store, clean_store)


def test_ingest_restores_the_articles_of_a_damaged_articles_file_from_their_files(
        store, clean_store, corpus_dir):
    damaged = _month_file(store, "articles")
    _truncate(damaged)
    run = _cli("ingest", str(corpus_dir), "--store", str(store), "--quiet")
    assert run.returncode == 0, run.stderr
    assert "articles/month=2023-03/" in run.stdout and "read again from" in run.stdout
    assert_same_store(store, clean_store)


def test_articles_lost_with_a_damaged_file_are_named_when_their_files_are_not_given(
        store, tmp_path):
    _truncate(_month_file(store, "articles"))
    other = tmp_path / "other.jsonl"
    other.write_text('{"id": "o1", "date": "2023-04", "text": "Geen plaatsen."}\n')
    run = _cli("ingest", str(other), "--store", str(store), "--quiet")
    assert run.returncode == 1, run.stderr
    assert "damaged" in run.stdout + run.stderr
    assert "ingest them again" in run.stderr and "synth-000" in run.stderr
    assert len(Store.open(store)) < 31


def test_the_app_names_a_damaged_file_and_how_to_repair_it(store, monkeypatch):
    import streamlit as st
    from app_support import run

    _truncate(_month_file(store, "mentions"))
    monkeypatch.setattr(sys, "argv", ["app.py", "--store", str(store)])
    try:
        at = run()
    finally:
        st.cache_resource.clear()
    assert not at.exception
    (error,) = [re.sub(r"\\(.)", r"\1", e.value) for e in at.error]  # as a reader sees it
    assert "mentions/month=2023-03/" in error and "damaged" in error
    assert "store repair" in error and str(store.parent) not in error  # no server path


# ------------------------------------------------- item 5: a full or read-only disk


def _new_articles(tmp_path: Path) -> Path:
    path = tmp_path / "new.jsonl"
    path.write_text('{"id": "n1", "date": "2023-04-02", "text": "Beschietingen op Charkiv."}\n'
                    '{"id": "n2", "date": "2023-05-02", "text": "Kyiv en Odesa."}\n')
    return path


@pytest.mark.parametrize(("target", "code", "said"), [
    ("os.replace", errno.ENOSPC, "the disk is full"),
    ("mapapp.store.files.pq.write_table", errno.EROFS, "read-only"),
    ("os.fsync", errno.ENOSPC, "the disk is full"),
])
def test_a_full_or_read_only_disk_is_a_clear_error_and_nothing_is_half_written(
        store, tmp_path, monkeypatch, capsys, gazetteer, target, code, said):
    monkeypatch.setattr("mapapp.gazetteer.index.Gazetteer.load",
                        classmethod(lambda cls, *a, **k: gazetteer))
    before = store_content(store)

    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(target, fail)
    rc = main.main(["ingest", str(_new_articles(tmp_path)), "--store", str(store), "--quiet",
                   "--jobs", "1"])
    err = capsys.readouterr().err
    assert rc == 2, err
    assert said in err and "run the same command again" in err and "Traceback" not in err
    monkeypatch.undo()
    for name, df in store_content(store).items():  # readers see the store as it was
        assert df.equals(before[name]), name
    assert not list(store.glob("**/*.tmp"))
    report = ingest([_new_articles(tmp_path)], store, SerialRunner(_geoparser(gazetteer)),
                    progress=False)
    assert report.added == 2 and len(Store.open(store)) == 32


def _geoparser(gazetteer):
    from mapapp.geoparse.pipeline import Geoparser

    return Geoparser(gazetteer)


def test_ingest_past_a_file_size_limit_exits_2_with_a_clear_error(store, corpus_dir, tmp_path):
    """A real write failure in a real process: files may not grow past 20 kB (EFBIG)."""
    fresh = tmp_path / "fresh"

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))

    run = _cli("ingest", str(corpus_dir), "--store", str(fresh), "--quiet", "--jobs", "1",
               preexec_fn=limit)
    assert run.returncode == 2, run.stderr
    assert "cannot write the store" in run.stderr and "Traceback" not in run.stderr
    assert not list((fresh / files.STAGING).iterdir())
    again = _cli("ingest", str(corpus_dir), "--store", str(fresh), "--quiet", "--jobs", "1")
    assert again.returncode == 0, again.stderr
    assert_same_store(fresh, store)

