"""The store: exact round trip, window reads that touch only their months, GeoParquet
files other tools read, and transactions that survive a kill at any step."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import geopandas
import pandas as pd
import pyarrow as pa_
import pyarrow.dataset as ds
import pytest
import shapely
from store_support import assert_same_store, store_content, write_corpus

from mapapp import paths
from mapapp.corpus import reader
from mapapp.ingest.pipeline import SerialRunner, add_articles, place_lookup, reparse
from mapapp.model import Article, PartialDate
from mapapp.periods import period_axis
from mapapp.store import files
from mapapp.store.reader import Store, StoreError
from mapapp.store.repair import repair
from mapapp.store.tables import BatchTables, article_hash, batch_tables
from mapapp.store.write import open_writer
from mapapp.timeline.from_store import timeline_between, timeline_of
from mapapp.timeline.windows import build_timeline


@pytest.fixture(scope="module")
def articles(gazetteer, tmp_path_factory) -> list[Article]:
    """Seeds (month dates) and synthetic articles (day dates, a few month-only)."""
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(folder, gazetteer, 40)
    result = reader.read_paths([paths.seed_dir(), folder])
    assert not result.errors
    return list(result.articles)


@pytest.fixture(scope="module")
def parsed(articles, geoparser):
    return [geoparser.parse(a) for a in articles]


@pytest.fixture(scope="module")
def store(articles, geoparser, tmp_path_factory) -> Store:
    store = Store.open(tmp_path_factory.mktemp("s") / "store", create=True)
    report = add_articles(store, articles, geoparser, batch_size=15)
    assert (report.added, report.skipped, report.errors) == (len(articles), 0, ())
    return store


def test_round_trip_gives_the_geoparsers_articles(store, parsed):
    back = store.parsed_between("1900-01", "2100-12")
    assert sorted(back, key=lambda p: p.article.id) == sorted(parsed, key=lambda p: p.article.id)
    for item in back:  # places are not compared by ParsedArticle's ==
        assert all(item.places[m.place_id].id == m.place_id for m in item.mentions)


def test_timeline_from_the_store_equals_the_timeline_from_the_geoparser(store, parsed):
    want = build_timeline(parsed, reader.display_title)
    got = build_timeline(store.parsed_between("1900-01", "2100-12"), reader.display_title)
    for name in ("mentions", "articles", "places"):
        pd.testing.assert_frame_equal(getattr(got, name), getattr(want, name), obj=name)
    assert got.axis == want.axis == store.axis()
    assert dict(got.texts) == dict(want.texts)


@pytest.mark.parametrize("window", [("1900-01", "2100-12"), ("2023-02", "2023-03"),
                                    ("2023-03-05", "2023-03-09")])
def test_timeline_between_builds_build_timelines_tables(store, window):
    want = build_timeline(store.parsed_between(*window), reader.display_title)
    got = timeline_between(store, *window, reader.display_title)
    for name in ("mentions", "articles", "places"):
        pd.testing.assert_frame_equal(getattr(got, name), getattr(want, name), obj=name)
    assert got.axis == want.axis and dict(got.texts) == dict(want.texts)
    assert got.place_codes == want.place_codes
    assert (got.mention_offsets == want.mention_offsets).all()
    assert (got.article_offsets == want.article_offsets).all()


def test_timeline_of_some_articles_is_build_timeline_of_them(store, parsed):
    picked = [pa for pa in parsed if pa.mentions][::7][:4]
    ids = [pa.article.id for pa in picked]
    want = build_timeline(picked, reader.display_title)
    got = timeline_of(store, [*ids, "no-such-id"], reader.display_title)
    for name in ("mentions", "articles", "places"):
        pd.testing.assert_frame_equal(getattr(got, name), getattr(want, name), obj=name)
    assert got.axis == want.axis and dict(got.texts) == dict(want.texts)
    assert len(timeline_of(store, [], reader.display_title).articles) == 0


def test_months_and_axis(store, articles):
    months = sorted({a.date.iso[:7] for a in articles})
    assert store.months() == months
    assert store.axis() == period_axis(a.date for a in articles)
    assert len(store) == len(articles)


def _overlapping(articles, first: dt.date, last: dt.date) -> set[str]:
    return {a.id for a in articles if a.date.first_day <= last and a.date.last_day >= first}


@pytest.mark.parametrize("window", [("2023-03", "2023-03"), ("2023-02-10", "2023-02-20"),
                                    ("2023-01-31", "2023-02-01"), ("2022-12", "2023-06")])
def test_mentions_between_is_the_window(store, parsed, articles, window):
    first, last = PartialDate.parse(window[0]).first_day, PartialDate.parse(window[1]).last_day
    ids = _overlapping(articles, first, last)
    df = store.mentions_between(*window)
    assert set(df["article_id"]) == {p.article.id for p in parsed if p.article.id in ids
                                     and p.mentions}
    assert len(df) == sum(len(p.mentions) for p in parsed if p.article.id in ids)
    assert set(store.articles_between(*window)["article_id"]) == ids


def test_a_month_only_article_counts_in_a_day_window_of_its_month(store):
    df = store.mentions_between("2023-03-10", "2023-03-12", columns=["article_id", "date"])
    assert "2023-03" in set(df["date"])  # the seed dated only 2023-03


def test_window_reads_open_only_its_months(store, monkeypatch):
    opened: list[str] = []
    real = ds.dataset

    def spy(paths, *args, **kwargs):
        opened.extend(paths)
        return real(paths, *args, **kwargs)

    monkeypatch.setattr(ds, "dataset", spy)
    store.mentions_between("2023-02-03", "2023-02-05", columns=["article_id"])
    assert opened and all("/month=2023-02/" in p for p in opened)


BAKHMUT = "713174"  # GeoNames


def test_place_and_column_filters(store, parsed):
    df = store.mentions_between("2022-12", "2023-06", columns=["place_id", "surface"],
                                place_ids=[BAKHMUT])
    assert list(df.columns) == ["place_id", "surface"] and set(df["place_id"]) == {BAKHMUT}
    assert len(df) == sum(m.place_id == BAKHMUT for p in parsed for m in p.mentions)
    places = store.places([BAKHMUT, "nonexistent"])
    assert places["name"].tolist() == ["Bakhmut"] and "geometry" not in places.columns
    some = [parsed[0].article.id, parsed[-1].article.id, "nope"]
    got = store.articles(some, columns=["article_id", "text"])
    assert sorted(got["article_id"]) == sorted(some[:2])


def test_geoparquet_files_open_in_geopandas_and_pyarrow(store):
    mentions = geopandas.read_parquet(store.root / "mentions")
    assert mentions.crs.to_string() == "OGC:CRS84"
    assert len(mentions) == len(store.mentions_between("1900-01", "2100-12"))
    points = shapely.points(mentions["lon"], mentions["lat"])
    assert shapely.equals(mentions.geometry.values, points).all()
    places = geopandas.read_parquet(store.root / "places")
    assert set(places.geom_type) == {"Point"}
    hive = ds.dataset(store.root / "articles", format="parquet", partitioning="hive").to_table()
    assert sorted(set(hive.column("month").to_pylist())) == store.months()


def test_article_hash_sees_every_field_read():
    a = Article("a", PartialDate.parse("2023-03"), "Tekst.")
    variants = [Article("a", PartialDate.parse("2023-04"), "Tekst."),
                Article("a", PartialDate.parse("2023-03"), "Tekst!"),
                Article("a", PartialDate.parse("2023-03"), "Tekst.", title="T")]
    assert len({article_hash(a), *map(article_hash, variants)}) == 4


# ------------------------------------------------------------ files and transactions


def test_open_errors_say_what_to_do(tmp_path):
    with pytest.raises(StoreError, match=r"not a store.*ingest"):
        Store.open(tmp_path / "missing")
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x.txt").write_text("x")
    with pytest.raises(StoreError, match="exists and is not a store"):
        Store.open(tmp_path / "full", create=True)
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / files.MANIFEST).write_text("{")
    with pytest.raises(StoreError, match="damaged manifest"):
        Store.open(tmp_path / "bad")


def test_a_place_named_in_two_tasks_of_a_batch_is_stored_once(parsed, tmp_path):
    """A batch joins several worker tasks' tables; each holds the places its articles name."""
    named = [pa for pa in parsed if pa.mentions]
    tasks = [batch_tables(named[:5]), batch_tables(named[5:10])]
    batch = BatchTables(*(pa_.concat_tables([getattr(t, n) for t in tasks])
                          for n in ("articles", "mentions", "places")))
    assert len(set(batch.places.column("place_id").to_pylist())) < batch.places.num_rows
    with open_writer(tmp_path / "s") as writer:
        writer.commit(batch)
    ids = Store.open(tmp_path / "s").table("places").column("place_id").to_pylist()
    assert len(ids) == len(set(ids))


def test_a_store_written_with_repeated_places_reads_each_place_once(parsed, tmp_path,
                                                                    monkeypatch):
    named = [pa for pa in parsed if pa.mentions]
    tasks = [batch_tables(named[:5]), batch_tables(named[5:10])]
    batch = BatchTables(*(pa_.concat_tables([getattr(t, n) for t in tasks])
                          for n in ("articles", "mentions", "places")))
    monkeypatch.setattr("mapapp.store.write.first_per_place", lambda t: t)  # the old writer
    with open_writer(tmp_path / "s") as writer:
        writer.commit(batch)
    monkeypatch.undo()
    store = Store.open(tmp_path / "s")
    assert store.table("places").num_rows > len(store.places())
    assert store.places()["place_id"].is_unique
    assert store.places(columns=["name"]).shape[1] == 1
    got = timeline_between(store, "1900-01", "2100-12", reader.display_title)
    want = build_timeline(named[:10], reader.display_title)
    pd.testing.assert_frame_equal(got.places, want.places)


def test_one_writer_at_a_time(tmp_path):
    with (open_writer(tmp_path / "s"), pytest.raises(StoreError, match="another process"),
          open_writer(tmp_path / "s")):
        pass


_FORK_WHILE_LOCKED = textwrap.dedent("""
    import os, signal, sys, time
    from mapapp.store.write import open_writer
    with open_writer(sys.argv[1]):
        pid = os.fork()  # as the ingest's pool is forked, on the first batch to geoparse
        if pid == 0:
            time.sleep(60)
            os._exit(0)
        open(sys.argv[2], "w").write(str(pid))
        os.kill(os.getpid(), signal.SIGKILL)
""")


def test_a_child_outliving_a_killed_writer_does_not_keep_the_store_locked(tmp_path):
    with open(tmp_path / "err", "w") as err:  # not a pipe: the child would hold it open
        run = subprocess.run([sys.executable, "-c", _FORK_WHILE_LOCKED, str(tmp_path / "s"),
                              str(tmp_path / "pid")], cwd=Path(__file__).parents[2],
                             stdout=subprocess.DEVNULL, stderr=err, timeout=60)
    assert run.returncode == -signal.SIGKILL, (tmp_path / "err").read_text()
    child = int((tmp_path / "pid").read_text())
    try:
        os.kill(child, 0)  # still running
        with open_writer(tmp_path / "s"):
            pass
    finally:
        os.kill(child, signal.SIGKILL)


def _copy_store(src: Path, dst: Path) -> Path:
    import shutil

    shutil.copytree(src, dst, ignore=shutil.ignore_patterns(files.LOCK))
    return dst


def test_a_committed_plan_is_finished_by_the_next_writer(store, tmp_path):
    crashed = _copy_store(store.root, tmp_path / "crashed")
    manifest = files.read_manifest(crashed)
    txn = files.Transaction(crashed)
    txn.write(txn.part_name("places", None), Store(crashed).table("places"))
    for rel in manifest.of("places"):
        txn.remove(rel)
    txn.dir.mkdir(parents=True, exist_ok=True)
    (txn.dir / files.PLAN).write_text(json.dumps({"add": txn.added, "remove": txn.removed}))
    # killed here: plan written, nothing moved
    assert Store(crashed).manifest == manifest  # readers still see the old, whole store
    with open_writer(crashed):
        pass
    assert not any((crashed / files.STAGING).iterdir())
    assert Store(crashed).manifest.of("places") == [txn.added[0]]
    assert_same_store(crashed, store.root)


def test_an_uncommitted_batch_is_dropped_and_a_stray_file_left_to_repair(store, geoparser,
                                                                          tmp_path):
    crashed = _copy_store(store.root, tmp_path / "crashed")
    before = store_content(crashed)
    txn = files.Transaction(crashed)
    txn.write(txn.part_name("places", None), Store(crashed).table("places"))  # no plan
    stray = crashed / "mentions" / "month=2023-03" / "part-stray.parquet"
    stray.write_bytes(b"half a file")
    with pytest.raises(StoreError, match="not listed in its manifest"), open_writer(crashed):
        pass
    assert stray.exists() and not txn.dir.exists()  # the staged batch dropped, the file kept
    runner = SerialRunner(geoparser)
    notes = repair(crashed, reparse(runner), place_lookup(runner))
    assert any("mentions/month=2023-03/part-stray.parquet: damaged" in n for n in notes)
    assert (crashed / "_set_aside" / stray.relative_to(crashed)).read_bytes() == b"half a file"
    assert not stray.exists()
    for name, df in store_content(crashed).items():
        pd.testing.assert_frame_equal(df, before[name])
