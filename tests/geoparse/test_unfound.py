"""Names the text calls villages or towns that the gazetteer lacks: listed, never dropped."""

from __future__ import annotations

import pytest

from mapapp.geoparse.unfound import UnfoundName, cued_names, unfound_in, unfound_names
from mapapp.model import Article, Mention, ParsedArticle, PartialDate


@pytest.mark.parametrize(("text", "names"), [
    ("Troops entered the village of Robotyne on Monday.", ["Robotyne"]),
    ("near the villages of Novoprokopivka, Verbove and Robotyne, Ukrainian units", [
        "Novoprokopivka", "Verbove", "Robotyne"]),
    ("near the villages of Verbove and Robotyne, Ukrainian units", ["Verbove", "Robotyne"]),
    ("Oekraïense troepen heroverden het dorp Robotyne.", ["Robotyne"]),
    ("Die Ukrainer haben das Dorf Robotyne zurückerobert.", ["Robotyne"]),
    ("Бої тривають в селі Роботине та Вербове.", ["Роботине", "Вербове"]),
    ("Бои идут за село Работино.", ["Работино"]),
    ("the village of Velyka Novosilka was shelled", ["Velyka Novosilka"]),
    ("the village was shelled; the town of the dead", []),  # no capital, no name
])
def test_cued_names_in_five_languages(text, names):
    assert [text[s:e] for s, e, _cue in cued_names(text)] == names


def _parsed(text: str, found: list[tuple[int, int]], doc_id: str = "a1") -> ParsedArticle:
    article = Article(doc_id, PartialDate(2023, 8), text)
    return ParsedArticle(article, tuple(Mention(doc_id, "1", s, e, text[s:e], 1.0)
                                        for s, e in found))


def test_only_names_no_mention_covers_and_the_gazetteer_lacks_are_listed():
    text = "The village of Robotyne and the village of Orikhiv and the town of Tokmak."
    orikhiv = text.index("Orikhiv")
    doc = _parsed(text, [(orikhiv, orikhiv + 7)])
    listed = unfound_in(doc, known=lambda name: name == "Tokmak")
    assert [(u.name, u.cue, text[u.start:u.end]) for u in listed] == [
        ("Robotyne", "village of", "Robotyne")]
    # without a gazetteer to ask (the app): every cued name no mention covers
    assert [u.name for u in unfound_in(doc)] == ["Robotyne", "Tokmak"]


def test_the_corpus_list_counts_mentions_and_names_articles():
    docs = [_parsed("the village of Robotyne; the village of Robotyne", [], "a1"),
            _parsed("het dorp Robotyne en het dorp Verbove", [], "a2")]
    assert unfound_names(docs, known=lambda name: False) == [
        UnfoundName("Robotyne", 3, ("a1", "a2")), UnfoundName("Verbove", 1, ("a2",))]
