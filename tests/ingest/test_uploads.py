"""Uploads: read, checked and geoparsed, with a note per file (mapapp/ingest/uploads.py).

The stand-in geoparser of tests/handmade.py is enough here: these tests are
about what happens to files and ids, not about recognition.
"""

from __future__ import annotations

from handmade import FakeGeoparser, corpus

from mapapp.ingest.uploads import (
    FileNote,
    LazyParser,
    UploadLimits,
    parse_uploads,
    store_uploads,
    uploads_key,
)
from mapapp.store.reader import Store

GOOD = b'{"id": "j1", "date": "2023-07-02", "text": "Soledar houdt stand."}\n'
HALF = GOOD + b'{"id": "j2", "date": "July", "text": "Bachmoet."}\n'


class Counting(FakeGeoparser):
    made = 0

    def __init__(self) -> None:
        super().__init__()
        Counting.made += 1


def test_good_articles_are_parsed_and_every_problem_is_noted():
    parsed, notes = parse_uploads([("a.jsonl", HALF), ("b.txt", b"no header")],
                                  FakeGeoparser(), known_ids={"a1"})
    assert [pa.article.id for pa in parsed] == ["j1"]
    assert [m.surface for m in parsed[0].mentions] == ["Soledar"]
    assert notes[0].added == 1 and not notes[0].ok
    assert notes[0].errors[0].startswith("a.jsonl line 2: ") and "date" in notes[0].errors[0]
    assert notes[0].headline() == "a.jsonl: 1 article added; 1 problem"
    assert notes[1] == FileNote("b.txt", errors=(notes[1].errors[0],))
    assert notes[1].errors[0].startswith("b.txt line 1: expected \" date YYYY-MM\"")


def test_ids_already_shown_or_uploaded_twice_are_refused():
    parsed, notes = parse_uploads([("a1.txt", b" date 2023-07 Soledar."), ("x.jsonl", GOOD),
                                   ("y.jsonl", GOOD)], FakeGeoparser(), known_ids={"a1"})
    assert [pa.article.id for pa in parsed] == ["j1"]
    assert [n.added for n in notes] == [0, 1, 0]
    assert "duplicate id 'a1'" in notes[0].errors[0] and "duplicate id 'j1'" in notes[2].errors[0]


def test_the_geoparser_is_made_only_for_an_article():
    Counting.made = 0
    lazy = LazyParser(Counting)
    parse_uploads([("b.txt", b"no header"), ("e.jsonl", b"")], lazy, known_ids=())
    assert Counting.made == 0
    parse_uploads([("x.jsonl", GOOD), ("y.jsonl", GOOD.replace(b"j1", b"j2"))], lazy, ())
    assert Counting.made == 1


def test_store_uploads_add_skip_and_refuse_and_replace_only_when_allowed(tmp_path):
    Store.open(tmp_path / "s", create=True)
    changed = GOOD.replace(b"stand", b"niet langer stand")
    notes = store_uploads(tmp_path / "s", [("x.jsonl", HALF), ("bad.csv", b"id,text\n1,x\n")],
                          FakeGeoparser())
    assert notes[0].headline() == "x.jsonl: 1 article added; 1 problem"
    assert notes[1].errors[0].startswith("bad.csv line 1: missing required column")
    again = store_uploads(tmp_path / "s", [("x.jsonl", GOOD), ("y.jsonl", changed)],
                          FakeGeoparser())
    assert [n.headline() for n in again] == ["x.jsonl: 0 articles added, 1 already there",
                                             "y.jsonl: 0 articles added; 1 problem"]
    assert "'j1' is already in the store and was kept" in again[1].errors[0]
    (text,) = Store.open(tmp_path / "s").articles(["j1"])["text"]
    assert "niet langer" not in text
    (allowed,) = store_uploads(tmp_path / "s", [("y.jsonl", changed)], FakeGeoparser(),
                               allow_replace=True)  # the operator's --allow-replace
    assert allowed.headline() == "y.jsonl: 0 articles added, 1 replaced"
    assert len(Store.open(tmp_path / "s")) == 1


def test_a_busy_store_is_a_note_not_a_crash(tmp_path):
    from mapapp.store.write import open_writer

    with open_writer(tmp_path / "s"):
        (note,) = store_uploads(tmp_path / "s", [("x.jsonl", GOOD)], FakeGeoparser())
    assert "another process" in note.errors[0] and note.errors[0].endswith("try again.")


def test_the_key_follows_the_content():
    parsed = corpus()
    assert uploads_key([]) == ""
    assert uploads_key(parsed[:2]) == uploads_key(parsed[:2]) != uploads_key(parsed[:3])


def test_an_upload_past_its_size_refuses_whole_files_and_says_what_to_do():
    limits = UploadLimits(upload_bytes=1000, article_bytes=300)
    filler = b" date 2023-07 " + b"x" * 500
    parsed, notes = parse_uploads([("a.txt", filler), ("b.txt", filler), ("c.txt", b"y" * 1200),
                                   ("d.txt", b" date 2023-07 Soledar.")], FakeGeoparser(), (),
                                  limits)
    assert [n.headline() for n in notes] == [
        "a.txt: 0 articles added; 1 problem",  # over the article bound
        "b.txt: 0 articles added; 1 problem",  # a.txt and b.txt together: over the upload's
        "c.txt: 0 articles added; 1 problem",  # over the upload's bound on its own
        "d.txt: 1 article added"]
    assert "limit for one .txt article; split it" in notes[0].errors[0]
    assert notes[1].errors[0] == ("b.txt: not read; it is 514 bytes and one upload may hold "
                                  "1,000 bytes in all: upload it again on its own, or add big "
                                  "collections with `python -m mapapp ingest`.")
    assert "split it into files of 1,000 bytes" in notes[2].errors[0]
    assert [pa.article.id for pa in parsed] == ["d"]


def test_geoparsing_stops_between_articles_once_the_visitor_is_gone():
    asked = []

    def gone() -> bool:
        asked.append(1)
        return len(asked) > 1  # the tab closes while the first article is geoparsed

    two = GOOD + GOOD.replace(b"j1", b"j2")
    parsed, (note,) = parse_uploads([("x.jsonl", two)], FakeGeoparser(), (), stop=gone)
    assert [pa.article.id for pa in parsed] == ["j1"] and note.added == 1


def test_store_uploads_keep_to_the_bounds(tmp_path):
    Store.open(tmp_path / "s", create=True)
    long = GOOD.replace(b"j1", b"j2").replace(b"Soledar houdt stand.", b"Bachmoet. " * 40)
    (note,) = store_uploads(tmp_path / "s", [("x.jsonl", GOOD + long)], FakeGeoparser(),
                            UploadLimits(article_bytes=300))
    assert note.added == 1 and "x.jsonl line 2: this record is" in note.errors[0]
    (gone,) = store_uploads(tmp_path / "s", [("y.jsonl", GOOD)], FakeGeoparser(), stop=lambda: True)
    assert gone.errors == ("y.jsonl: not stored; the page was closed.",)
    assert len(Store.open(tmp_path / "s")) == 1
