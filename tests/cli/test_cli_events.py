"""``python -m mapapp events``: a place's event timeline from a store or a folder, in date order
(the event's own date before the article's), with the deciding words."""

from __future__ import annotations

import dataclasses

from handmade import BAKHMUT, SOLEDAR, events_corpus, write_seed_files

from mapapp.cli.main import main
from mapapp.ingest.pipeline import add_articles
from mapapp.store.reader import Store


class ByText:
    """A geoparser that returns the hand-made article with the same text (events included)."""

    def __init__(self, gazetteer: object = None) -> None:
        self.by_text = {pa.article.text: pa for pa in events_corpus()}

    def parse(self, article):
        pa = self.by_text[article.text]
        ms = tuple(dataclasses.replace(m, article_id=article.id) for m in pa.mentions)
        return dataclasses.replace(pa, article=article, mentions=ms)

    def parse_many(self, articles):
        return map(self.parse, articles)


def _rows(out: str) -> list[list[str]]:
    return [line.split("\t") for line in out.strip().splitlines()[1:]]


def test_events_of_a_place_in_a_store(tmp_path, capsys):
    items = events_corpus()
    store = Store.open(tmp_path / "s", create=True)
    add_articles(store, [pa.article for pa in items], ByText(), batch_size=2)
    assert main(["events", "--store", str(tmp_path / "s"), "--place", BAKHMUT.id]) == 0
    rows = _rows(capsys.readouterr().out)
    assert [r[:4] for r in rows] == [["2023-01", "fighting", "-", "-"],
                                     ["2023-02", "strike", "-", "-"],
                                     ["2023-02", "control", "RU", "-"],
                                     ["2023-03", "held", "UA", "-"]]
    assert [r[4] for r in rows] == ["e1 (2023-01)", "e2 (2023-02)", "e3 (2023-03)",
                                    "e4 (2023-03)"]
    assert [r[5] for r in rows] == ["strijd", "onder vuur", "veroverde", "Oekraïense handen"]


def test_events_of_a_place_in_a_folder(tmp_path, capsys, monkeypatch):
    import mapapp.gazetteer.index
    import mapapp.geoparse.pipeline

    monkeypatch.setattr(mapapp.geoparse.pipeline, "Geoparser", ByText)
    monkeypatch.setattr(mapapp.gazetteer.index.Gazetteer, "load", classmethod(lambda cls: None))
    write_seed_files(tmp_path / "c", events_corpus())
    assert main(["events", "--corpus", str(tmp_path / "c"), "--place", SOLEDAR.id]) == 0
    rows = _rows(capsys.readouterr().out)
    assert [[*r[:4], r[5]] for r in rows] == [
        ["2023-01", "control", "RU", "claim", "veroverd"],
        ["2023-02", "control", "UA", "-", "heroverd"],
        ["2023-03", "held", "UA", "-", "Oekraïense handen"]]


def test_no_events_and_errors(tmp_path, capsys):
    items = events_corpus()
    store = Store.open(tmp_path / "s", create=True)
    add_articles(store, [pa.article for pa in items], ByText(), batch_size=4)
    assert main(["events", "--store", str(tmp_path / "s"), "--place", "nowhere"]) == 0
    assert "no events reported at place nowhere" in capsys.readouterr().out
    assert main(["events", "--store", str(tmp_path / "none"), "--place", BAKHMUT.id]) == 2
    assert "not a store" in capsys.readouterr().err
