"""The app on a store, uploads and downloads, without a browser (AppTest).

The store holds the five hand-made articles of tests/handmade.py, geoparsed
by the real geoparser (conftest's session ``geoparser``): it finds exactly
the places handmade.py expects, so the counts below can be checked by
reading those texts. Uploads run through AppTest's own file uploader; a
download's bytes are made only on a click (a callable), so the tests catch
the callables as Streamlit registers them and call them.

Folder-mode uploads use test_app.py's stand-in geoparser, which needs no
gazetteer.
"""

from __future__ import annotations

import gc
import io
import json
import re
import shutil
import sys
from pathlib import Path

import geopandas
import pandas as pd
import pytest
import streamlit as st
from app_support import drawn, page, params, run
from handmade import FakeGeoparser, corpus, write_seed_files
from streamlit.testing.v1 import AppTest

from mapapp.ingest.pipeline import add_articles
from mapapp.model import Article
from mapapp.store.reader import Store

BAKHMUT, SOLEDAR = "713174", "706757"
GOOD_JSONL = (b'{"id": "j1", "date": "2023-07-02", "title": "Zomer", "text": "Soledar ligt '
              b'stil. Bachmoet niet."}\n')
BAD_TXT = b"no header here"
BAD_CSV = b"id,text\nc1,Bachmoet\n"


# ------------------------------------------------------------------ fixtures


@pytest.fixture(scope="module")
def built_store(geoparser, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("store") / "store"
    report = add_articles(Store.open(path, create=True), [pa.article for pa in corpus()], geoparser)
    assert (report.added, report.errors) == (5, ())
    return path


@pytest.fixture
def store(built_store, tmp_path, monkeypatch, gazetteer) -> Path:
    """A fresh copy of the store (uploads write into it); the app runs on it."""
    path = shutil.copytree(built_store, tmp_path / "store")
    monkeypatch.setattr(sys, "argv", ["app.py", "--store", str(path)])
    monkeypatch.setenv("MAPAPP_DATA_DIR", str(tmp_path / "data"))  # no user front line
    monkeypatch.setattr("mapapp.gazetteer.index.Gazetteer.load",
                        classmethod(lambda cls, *a, **k: gazetteer))  # loaded once per session
    yield path
    st.cache_resource.clear()


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setattr("mapapp.geoparse.pipeline.Geoparser", FakeGeoparser)
    monkeypatch.setattr("mapapp.gazetteer.index.Gazetteer.load",
                        classmethod(lambda cls, *a, **k: None))
    monkeypatch.setenv("MAPAPP_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "corpus"
    write_seed_files(path, corpus())
    monkeypatch.setattr(sys, "argv", ["app.py", "--corpus", str(path)])
    yield path
    st.cache_resource.clear()


# ------------------------------------------------------------------- helpers










def upload(at: AppTest, *files: tuple[str, bytes]) -> AppTest:
    at.file_uploader[0].set_value([(name, data, "application/octet-stream")
                                   for name, data in files])
    return at.run()


def notes(at: AppTest, raw: bool = False) -> tuple[list[str], list[str]]:
    """The upload notes (successes, errors) as a reader sees them, or as Markdown (``raw``)."""
    def shown(value: str) -> str:
        return value if raw else re.sub(r"\\(.)", r"\1", value).replace("\u2060", "")
    return [shown(s.value) for s in at.success], [shown(e.value) for e in at.error]


# ------------------------------------------------------------- store: viewing


def test_the_store_opens_on_everything_up_to_its_last_month(store):
    at = run()
    assert not at.exception and not at.warning
    assert at.select_slider(key="date").options == [
        "2022-12", "2023-01", "2023-02", "2023-03", "2023-04", "2023-05"]
    assert params(at) == {"date": "2023-05", "window": "upto"}
    assert drawn(at) == ["Bakhmut", "Soledar", "Donbas", "Donetsk Oblast"]  # the reader's name
    assert "5 articles up to 2023-05" in page(at)
    assert "<b>Countries named</b>: Russia (2) · Ukraine (1)" in page(at)
    assert "5 articles from store" in at.caption[-1].value


def test_slider_moves_change_the_map_and_the_panel(store):
    at = run(window="this")
    before = at.get("component_instance")[0].proto.id
    at.select_slider(key="date").set_value("2022-12").run()
    assert drawn(at) == ["Bakhmut", "Soledar"] and "1 article in 2022-12" in page(at)
    at.select_slider(key="date").set_value("2023-02").run()
    assert drawn(at) == [] and "0 articles in 2023-02" in page(at)
    at.select_slider(key="date").set_value("2023-03").run()
    assert drawn(at) == ["Bakhmut", "Donetsk Oblast", "Soledar"]
    assert "2 articles in 2023-03" in page(at) and "Omsingeld" in page(at)
    assert params(at)["date"] == "2023-03"
    assert at.get("component_instance")[0].proto.id == before  # the map keeps zoom and pan


def test_a_link_reopens_the_same_view(store):
    at = run(date="2023-03", window="this", place=BAKHMUT)
    assert not at.exception and not at.warning
    assert at.select_slider(key="date").value == "2023-03"
    assert at.selectbox(key="place_pick").value == BAKHMUT
    html = page(at)
    assert "<h3>Bakhmut</h3>" in html and "2 mentions in 1 article in 2023-03, one excerpt" in html
    assert "<mark>Bachmoet</mark> is bijna omsingeld." in html
    assert params(at) == {"date": "2023-03", "window": "this", "place": BAKHMUT}
    again = run(**params(at))
    assert page(again) == html


@pytest.mark.parametrize(("key", "value", "notice"), [
    ("date", "2030-01", "outside this corpus (2022-12 to 2023-05)"),
    ("place", "999999999", "not named in these articles"),
    ("window", "forever", "not one of this, upto, lastN"),
])
def test_a_wrong_link_value_falls_back_with_a_notice(store, key, value, notice):
    at = run(**{key: value})
    assert not at.exception
    (shown,) = [w.value for w in at.warning]
    assert notice in shown and params(at)["date"] == "2023-05"


def test_last_n_and_upto_windows_count_over_months(store):
    at = run(date="2023-05", window="last3", place=SOLEDAR)
    assert ("2 mentions in 2 articles from 2023-03 to 2023-05, shown as 2 excerpts: the 1 in a "
            "photo caption is not quoted") in page(at)  # the store's tally, as a folder's
    at.radio(key="window_kind").set_value("upto").run()
    assert "3 mentions in 3 articles up to 2023-05, shown as 3 excerpts" in page(at)


@pytest.mark.shared
def test_the_front_line_works_on_a_store(store, geodata_sources, monkeypatch):
    files = [str(geodata_sources / f"frontline{part}_2022-12_2023-06.geojson")
             for part in ("", "_greyzone")]
    monkeypatch.setattr(sys, "argv", ["app.py", "--store", str(store), "--frontline", *files])
    at = run(date="2023-05", place=BAKHMUT)
    assert not at.exception and not at.error
    assert "On 2023-05-29 Bakhmut was in occupied territory" in page(at)
    assert any("Territorial control on 2023-05-29" in c.value for c in at.caption)
    at.select_slider(key="date").set_value("2023-01").run()
    assert re.search(r"On 2023-01-30 Bakhmut was \d\.\d km from the front line\.", page(at))


def test_a_store_that_is_not_there_says_what_to_do(store, tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "argv", ["app.py", "--store", str(tmp_path / "nowhere")])
    at = run()
    assert not at.exception
    assert "not a store" in at.error[0].value and "mapapp ingest" in at.error[0].value


# ------------------------------------------------------------ store: uploads


def test_upload_into_the_store_keeps_the_good_and_answers_the_bad(store):
    at = run(window="this")
    at = upload(at, ("new.jsonl", GOOD_JSONL), ("broken.txt", BAD_TXT), ("x.csv", BAD_CSV))
    assert not at.exception
    good, bad = notes(at)
    assert good == ["new.jsonl: 1 article added"]
    assert "broken.txt line 1: expected" in bad[0] and "Fix the header" in bad[0]
    assert "x.csv line 1: missing required column" in bad[1] and "date" in bad[1]
    assert at.select_slider(key="date").options[-1] == "2023-07"
    at.select_slider(key="date").set_value("2023-07").run()
    assert drawn(at) == ["Bakhmut", "Soledar"] and "Zomer" in page(at)
    assert len(Store.open(store)) == 6
    assert at.file_uploader[0].value in (None, [])  # emptied: nothing is added twice
    at.run()
    assert len(Store.open(store)) == 6 and notes(at)[0] == ["new.jsonl: 1 article added"]
    at.button(key="upload_dismiss").click().run()
    assert notes(at) == ([], [])


def test_an_upload_of_a_stored_article_changes_nothing(store):
    stored = corpus()[0].article
    line = json.dumps({"id": stored.id, "date": stored.date.iso, "title": stored.title,
                       "source": stored.source, "text": stored.text})
    at = upload(run(), ("again.jsonl", line.encode()))
    assert notes(at)[0] == ["again.jsonl: 0 articles added, 1 already there"]


def test_an_empty_store_offers_the_upload_box(store, tmp_path, monkeypatch):
    empty = tmp_path / "empty"
    Store.open(empty, create=True)
    monkeypatch.setattr(sys, "argv", ["app.py", "--store", str(empty)])
    at = run()
    assert "No articles found in empty" in at.info[0].value
    at = upload(at, ("new.jsonl", GOOD_JSONL))
    assert not at.exception and at.select_slider(key="date").options == ["2023-07-02"]
    assert drawn(at) == ["Bakhmut", "Soledar"]


def test_hostile_file_names_and_lines_are_escaped(store):
    name = '<img src=x onerror="window.__xss=1">[x](javascript:alert(1)).txt'
    at = upload(run(), (name, b"*no* <b>header</b>"))
    (shown,) = notes(at, raw=True)[1]
    assert "\\<img src\\=x" in shown and "\\[x\\]\\(javascript" in shown
    assert "\\<b\\>" in shown and "<img" not in shown.replace("\\<img", "")


# ------------------------------------------------------------ folder uploads


def test_an_upload_name_with_dollars_is_no_math_in_its_note(folder):
    name = "$E=mc^2$ :fire: ~x~.txt"
    at = upload(run(), (name, b" date 2023-07 Soledar houdt stand."))
    ((shown,), _bad) = notes(at, raw=True)
    assert shown.startswith("\\$E\\=mc\\^2\\$ :\u2060fire: \\~x\\~\\.txt: 1 article added")


def test_upload_joins_the_session_and_leaves_the_folder_alone(folder):
    files = sorted(p.name for p in folder.iterdir())
    at = run(window="this")
    at = upload(at, ("a6.txt", b" date 2023-07 Soledar houdt stand."), ("broken.txt", BAD_TXT))
    assert not at.exception
    good, bad = notes(at)
    assert good == ["a6.txt: 1 article added"] and "broken.txt line 1" in bad[0]
    assert at.select_slider(key="date").options[-1] == "2023-07"
    at.select_slider(key="date").set_value("2023-07").run()
    assert drawn(at) == ["Soledar"] and "1 article in 2023-07" in page(at)
    assert sorted(p.name for p in folder.iterdir()) == files
    fresh = run()  # another session does not see this one's uploads
    assert fresh.select_slider(key="date").options[-1] == "2023-05"


def test_an_id_already_shown_is_refused(folder):
    at = upload(run(), ("a1.txt", b" date 2023-07 Soledar."),
                ("b.jsonl", b'{"id": "b1", "date": "2023-06", "text": "Bachmoet."}\n'
                            b'{"id": "b1", "date": "2023-06", "text": "Soledar."}\n'))
    good, bad = notes(at)
    assert good == []
    assert "duplicate id 'a1'" in bad[0] and "give it another id" in bad[0]
    assert "b.jsonl: 1 article added; 1 problem" in bad[1] and "duplicate id 'b1'" in bad[1]
    assert at.select_slider(key="date").options[-1] == "2023-06"


# ---------------------------------------------- what one upload may cost (issue 15)


def _jsonl(*articles: tuple[str, str]) -> bytes:
    return b"".join(json.dumps({"id": aid, "date": "2023-07", "text": text}).encode() + b"\n"
                    for aid, text in articles)


def test_an_upload_is_bounded_and_each_refusal_says_what_to_do(folder):
    """Issue 15 item 9: a 100 MB upload took 2.1 GB and minutes of geoparsing. An article
    over the limit is refused by file and line, a file that would take the upload past its
    size is refused whole; the rest is kept."""
    rain = "Het regent. "  # names no place: the stand-in geoparser is quick on it
    long = _jsonl(("l1", "Soledar houdt stand."), ("l2", rain * 180_000),  # 2.2 MB
                  ("l3", "Bachmoet brandt."))
    big = _jsonl(*((f"b{i}", "Soledar. " + rain * 330) for i in range(3_000)))  # 12 MB
    at = upload(run(window="this"), ("long.jsonl", long), ("big.jsonl", big),
                ("after.txt", b" date 2023-07 Soledar ligt stil."))
    assert not at.exception
    good, bad = notes(at)
    assert good == ["after.txt: 1 article added"]
    (long_note, big_note) = bad
    assert long_note.startswith("long.jsonl: 2 articles added; 1 problem")
    assert "long.jsonl line 2:" in long_note and "over the 1 MB limit" in long_note
    assert "split" in long_note
    assert big_note.startswith("big.jsonl: 0 articles added; 1 problem")
    assert "10 MB" in big_note and "python -m mapapp ingest" in big_note
    at.select_slider(key="date").set_value("2023-07").run()
    assert "3 articles in 2023-07" in page(at)  # l1, l3 and after; nothing of big.jsonl


def test_a_session_s_uploads_leave_with_it(folder):
    """Issue 15 item 9: a closed tab's upload kept 1.66 GB. Once the session is gone,
    nothing holds its uploaded articles (another visitor's page is cached, not its)."""
    at = upload(run(), ("gone.jsonl", _jsonl(("gone-9f3", "Soledar houdt stand."))))
    assert notes(at)[0] == ["gone.jsonl: 1 article added"]
    assert run().select_slider(key="date").options[-1] == "2023-05"  # another visitor
    del at
    assert _holding("gone-9f3") == []


def _holding(article_id: str) -> list[str]:
    """The live objects that hold an article by its id: the article itself, or a dict keyed
    by it (a dict of strings only is not tracked by the collector: seen through its owner)."""
    gc.collect()
    found = []
    for obj in gc.get_objects():
        if isinstance(obj, Article) and obj.id == article_id:
            found.append("Article")
        for inner in (obj, *(r for r in gc.get_referents(obj) if not gc.is_tracked(r))):
            if isinstance(inner, dict) and article_id in inner:
                found.append(f"a dict in {type(obj).__name__}")
    return found


# ----------------------------------------------------------------- downloads


def _geojson(data: bytes) -> tuple[dict, geopandas.GeoDataFrame]:
    return json.loads(data), geopandas.read_file(io.BytesIO(data))


@pytest.mark.parametrize("mode", ["store", "folder"])
def test_download_the_view(mode, request, downloads):
    request.getfixturevalue(mode)
    at = run(date="2023-03", window="this", place=BAKHMUT)
    assert [b.label for b in at.download_button] == ["GeoJSON", "CSV"]
    doc, frame = _geojson(downloads["mentions_2023-03_713174.geojson"]())
    assert [f["properties"]["sentence"] for f in doc["features"]] == [
        "Bachmoet is bijna omsingeld.", "Bachmoet brandt."]
    assert list(frame["place_name"]) == ["Bakhmut", "Bakhmut"]
    assert frame.geometry.x.round(2).tolist() == [38.0, 38.0]
    table = pd.read_csv(io.BytesIO(downloads["mentions_2023-03_713174.csv"]()))
    assert table["article_id"].tolist() == ["a3", "a3"] and table["surface"].eq("Bachmoet").all()
    at.button(key="clear").click().run()
    table = pd.read_csv(io.BytesIO(downloads["mentions_2023-03.csv"]()))
    assert sorted(table["place_name"]) == ["Bakhmut", "Bakhmut", "Donetsk Oblast", "Soledar"]


def test_downloads_of_the_whole_store(store, downloads):
    run(window="upto")
    table = pd.read_csv(io.BytesIO(downloads["mentions_2022-12_2023-05.csv"]()))
    assert len(table) == 14 and set(table["date"]) == {"2022-12", "2023-01", "2023-03",
                                                       "2023-05"}


def test_a_view_too_big_to_download_says_what_to_do(store, monkeypatch):
    monkeypatch.setattr("mapapp.web.downloads.EXPORT_LIMIT", 3)
    at = run()
    assert not at.download_button
    (hint,) = [c.value for c in at.caption if "too many" in c.value]
    assert "14 mentions in this view" in hint and "python -m mapapp export --store" in hint


def test_a_first_start_says_what_it_builds_and_how_long_it_takes(tmp_path, monkeypatch):
    """A fresh machine built the place index for 1–2 min behind a blank page (issue 14)."""
    import contextlib
    import doctest
    import threading

    from mapapp.gazetteer import index as gazetteer
    from mapapp.web import sources

    assert doctest.testmod(sources).failed == 0
    monkeypatch.setenv("MAPAPP_CACHE_DIR", str(tmp_path / "cache"))
    seen: list[tuple[str, float]] = []
    release = threading.Event()

    def slow_build(path, data=None, progress=None):
        for what, done in gazetteer.BUILD_STEPS:
            progress(what, done)
            seen.append((what, done))
        release.wait(5)

    def load() -> None:
        with contextlib.suppress(FileNotFoundError):  # the stand-in build writes no index
            gazetteer.Gazetteer.load(progress=sources._report_build)

    monkeypatch.setattr(gazetteer, "build_index", slow_build)
    worker = threading.Thread(target=load)
    worker.start()
    while len(seen) < len(gazetteer.BUILD_STEPS):
        threading.Event().wait(0.01)
    assert sources._BUILD_STATE == {"what": "writing the index to disk", "done": 0.975}
    release.set()
    worker.join(10)
    shares = [done for _what, done in gazetteer.BUILD_STEPS]
    assert shares == sorted(shares) and shares[0] == 0 and shares[-1] < 1


# ------------------------------------------------- store: faults and replacing (issue 15)


def _changed_stored_article() -> bytes:
    stored = corpus()[0].article
    return json.dumps({"id": stored.id, "date": stored.date.iso, "title": "Vervalst",
                       "text": "Niemand was ooit in Soledar."}).encode()


def test_an_upload_cannot_replace_a_stored_article(store):
    before = Store.open(store).articles([corpus()[0].article.id])
    at = upload(run(), ("evil.jsonl", _changed_stored_article()), ("new.jsonl", GOOD_JSONL))
    assert not at.exception
    good, bad = notes(at)
    assert good == ["new.jsonl: 1 article added"]
    (refused,) = bad
    assert "evil.jsonl: 0 articles added; 1 problem" in refused
    assert f"article '{corpus()[0].article.id}' is already in the store and was kept" in refused
    assert "--allow-replace" in refused
    pd.testing.assert_frame_equal(Store.open(store).articles([corpus()[0].article.id]), before)
    assert len(Store.open(store)) == 6


def test_the_operator_can_let_uploads_replace_stored_articles(store, monkeypatch):
    monkeypatch.setattr(sys, "argv", ["app.py", "--store", str(store), "--allow-replace"])
    at = upload(run(), ("fix.jsonl", _changed_stored_article()))
    assert notes(at)[0] == ["fix.jsonl: 0 articles added, 1 replaced"]
    (title,) = Store.open(store).articles([corpus()[0].article.id])["title"]
    assert title == "Vervalst"


def test_an_upload_onto_a_full_disk_says_so_and_keeps_the_store(store, monkeypatch):
    import errno
    import os

    before = Store.open(store).table("articles")
    at = run()

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("os.replace", full)
    at = upload(at, ("new.jsonl", GOOD_JSONL))
    monkeypatch.undo()
    assert not at.exception
    (error,) = notes(at)[1]
    assert "new.jsonl: not stored" in error and "the disk is full" in error
    assert str(store) not in error  # no server path for a visitor
    assert Store.open(store).table("articles").equals(before)
    assert not list((store / "_staging").iterdir())


def test_an_upload_never_follows_a_plan_out_of_the_store(store, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("the operator's own file")
    txn = store / "_staging" / "00000000000000000001-1"
    txn.mkdir(parents=True)
    (txn / "_commit.json").write_text(json.dumps({"add": [], "remove": ["../victim.txt"]}))
    at = upload(run(), ("new.jsonl", GOOD_JSONL))
    assert not at.exception
    (error,) = notes(at)[1]
    assert "new.jsonl: not stored: the store needs a repair" in error
    assert "store check" in error and str(tmp_path) not in error
    assert victim.read_text() == "the operator's own file" and len(Store.open(store)) == 5
