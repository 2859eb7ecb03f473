"""Timeline: the period axis, windows, and the window queries behind a slider move.

Expected values are counted by hand from the five texts in handmade.corpus():
a1 2022-12 Bachmoet, Soledar · a2 2023-01 Oekraïne, Bachmoet, Rusland, Donbas ·
a3 2023-03 Bachmoet ×2, Soledar (caption) · a4 2023-03 Donetsk ·
a5 2023-05 Rusland, Bachmoet ×2, Soledar.
"""

from __future__ import annotations

from collections import Counter

import pytest
from handmade import BAKHMUT, SOLEDAR, corpus, parsed, synthetic_corpus
from hypothesis import given, settings
from hypothesis import strategies as st

from mapapp.periods import Window
from mapapp.timeline.windows import (
    ArticleSummary,
    Excerpt,
    articles_in_window,
    build_timeline,
    excerpts,
    mentions_per_period,
    place_counts,
    place_marks,
)

MONTHS = ("2022-12", "2023-01", "2023-02", "2023-03", "2023-04", "2023-05")


@pytest.fixture(scope="module")
def tl():
    return build_timeline(corpus())


def counts(tl, lo, hi):
    df = place_counts(tl, lo, hi)
    return list(zip(df["name"], df["mentions"], df["articles"], strict=True))


# --------------------------------------------------------------- the queries


def test_build_lays_out_articles_and_places(tl):
    assert tl.axis.labels == MONTHS
    assert list(tl.articles["article_id"]) == ["a1", "a2", "a3", "a4", "a5"]
    assert list(tl.articles["period"]) == [0, 1, 3, 3, 5]
    assert list(tl.places["name"]) == [
        "Bakhmut", "Donbas", "Donetsk Oblast", "Russia", "Soledar", "Ukraine"]
    assert len(tl.mentions) == 14
    assert list(tl.mentions["period"]) == sorted(tl.mentions["period"])


def test_every_mention_points_at_its_surface(tl):
    assert len(tl.mentions) > 0  # else the loop checks nothing
    for row in tl.mentions.itertuples():
        assert tl.texts[row.article_id][row.start:row.end] == row.surface


def test_counts_in_one_month(tl):
    assert counts(tl, 3, 3) == [("Bakhmut", 2, 1), ("Donetsk Oblast", 1, 1), ("Soledar", 1, 1)]


def test_counts_up_to_the_end(tl):
    assert counts(tl, 0, 5) == [
        ("Bakhmut", 6, 4), ("Soledar", 3, 3), ("Russia", 2, 2),
        ("Donbas", 1, 1), ("Donetsk Oblast", 1, 1), ("Ukraine", 1, 1)]


def test_counts_of_an_empty_month(tl):
    assert counts(tl, 2, 2) == []
    assert list(place_counts(tl, 2, 2).columns) == [
        "place_id", "name", "kind", "lat", "lon", "country", "mentions", "articles",
        "n_control", "n_fighting", "n_strike", "n_held", "event"]


def test_counts_carry_kind_and_coordinates(tl):
    row = place_counts(tl, 1, 1).set_index("place_id").loc["r:donbas"]
    assert (row["name"], row["kind"], row["lat"], row["lon"]) == ("Donbas", "region", 48.3, 38.3)


def test_excerpts_newest_first_with_marks(tl):
    page = excerpts(tl, BAKHMUT.id, 0, 5)
    assert page.total == 6
    got = [(e.article_id, e.text, e.marks) for e in page.items]
    assert got == [
        ("a5", "Rusland claimt Bachmoet.", ((15, 23),)),
        ("a5", "Soledar en Bachmoet liggen in puin.", ((11, 19),)),
        ("a3", "Bachmoet is bijna omsingeld.", ((0, 8),)),
        ("a3", "Bachmoet brandt.", ((0, 8),)),
        ("a2", "Oekraïne houdt Bachmoet.", ((15, 23),)),
        ("a1", "Zware strijd in Bachmoet.", ((16, 24),)),
    ]
    for e in page.items:
        assert all(e.text[s:t] == "Bachmoet" for s, t in e.marks)


def test_excerpt_carries_article_and_evidence(tl):
    first = excerpts(tl, BAKHMUT.id, 5, 5).items[0]
    assert first == Excerpt(
        article_id="a5", date="2023-05", title="Rusland claimt de stad", source="NOS", url="",
        text="Rusland claimt Bachmoet.", marks=((15, 23),), caption=False, confidence=0.9,
        evidence=("Bachmoet is a name of Bakhmut",))


def test_excerpts_limit_keeps_the_total(tl):
    page = excerpts(tl, BAKHMUT.id, 0, 5, limit=2)
    assert [e.article_id for e in page.items] == ["a5", "a5"]
    assert page.total == 6


def test_caption_mentions_count_but_show_no_text(tl):
    page = excerpts(tl, SOLEDAR.id, 0, 5)
    got = [(e.article_id, e.caption, e.text, e.marks) for e in page.items]
    assert got == [
        ("a5", False, "Soledar en Bachmoet liggen in puin.", ((0, 7),)),
        ("a3", True, "", ()),
        ("a1", False, "Ook Soledar ligt onder vuur.", ((4, 11),)),
    ]
    assert counts(tl, 3, 3)[2] == ("Soledar", 1, 1)


def test_one_sentence_with_two_mentions_is_one_excerpt():
    tl = build_timeline([parsed("x", "2023-02", "Bachmoet, Bachmoet en nog eens Bachmoet.")])
    (ex,) = excerpts(tl, BAKHMUT.id, 0, 0).items
    assert ex.marks == ((0, 8), (10, 18), (31, 39))


def test_place_marks_in_one_article(tl):
    assert place_marks(tl, BAKHMUT.id, "a3") == [(0, 8), (29, 37)]
    assert place_marks(tl, SOLEDAR.id, "a3") == [(65, 72)]  # in the caption
    assert place_marks(tl, "nope", "a3") == [] and place_marks(tl, BAKHMUT.id, "a4") == []


def test_excerpts_of_unknown_place_or_empty_window(tl):
    assert excerpts(tl, "nope", 0, 5).total == 0
    assert excerpts(tl, BAKHMUT.id, 2, 2).items == ()


def test_articles_of_a_window_newest_first(tl):
    page = articles_in_window(tl, 0, 5, limit=3)
    assert page.total == 5
    assert page.items == (
        ArticleSummary("a5", "2023-05", "Rusland claimt de stad", "NOS", "",
                       (("713174", "Bakhmut", 2), ("2017370", "Russia", 1),
                        ("706757", "Soledar", 1))),
        ArticleSummary("a4", "2023-03", "Onrust", "AD", "", (("709716", "Donetsk Oblast", 1),)),
        ArticleSummary("a3", "2023-03", "Omsingeld", "AD", "",
                       (("713174", "Bakhmut", 2), ("706757", "Soledar", 1))),
    )
    assert articles_in_window(tl, 2, 2).total == 0


def test_an_untitled_article_is_named_by_its_first_words():
    tl = build_timeline([parsed("x", "2023-02", " ".join(f"w{i}" for i in range(12)))])
    assert tl.articles["title"][0] == "w0 w1 w2 w3 w4 w5 w6 w7 w8 w9 …"


def test_mentions_per_period_fills_zeros(tl):
    df = mentions_per_period(tl, [BAKHMUT.id, SOLEDAR.id, "nope"])
    assert list(df["mentions"]) == [1, 1, 0, 2, 0, 2, 1, 0, 0, 1, 0, 1]  # Bakhmut, then Soledar
    assert list(df["label"][:6]) == list(MONTHS)
    assert list(df["name"].unique()) == ["Bakhmut", "Soledar"]
    assert str(df["start"][3].date()) == "2023-03-01"


def test_duplicate_article_ids_keep_the_first():
    tl = build_timeline([parsed("x", "2023-02", "Bachmoet."), parsed("x", "2023-03", "Soledar.")])
    assert list(tl.articles["date"]) == ["2023-02"]
    assert counts(tl, 0, 0) == [("Bakhmut", 1, 1)]


# ------------------------------------------------------- properties and speed


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 7), st.lists(st.sampled_from(
    ["Bachmoet", "Soledar", "Donbas", "Rusland"]), max_size=5)), min_size=1, max_size=8),
       st.integers(0, 7), st.sampled_from(["this", "upto", "last2", "last5"]))
def test_counts_match_a_plain_count(articles, index, token):
    arts = [parsed(f"a{i}", f"2023-{m + 1:02d}", " ".join(f"{w}." for w in words))
            for i, (m, words) in enumerate(articles)]
    tl = build_timeline(arts)
    first = min(m for m, _ in articles)
    lo, hi = Window.parse(token).bounds(index, len(tl.axis))
    expected = Counter()
    for m, words in articles:
        if lo <= m - first <= hi:
            expected.update(words)
    got = {row.name: row.mentions for row in place_counts(tl, lo, hi).itertuples()}
    names = {"Bachmoet": "Bakhmut", "Soledar": "Soledar", "Donbas": "Donbas", "Rusland": "Russia"}
    assert got == {names[w]: n for w, n in expected.items()}


def test_window_queries_agree_on_ten_thousand_articles():
    """At scale the window tables stay consistent (speed: bench/app_speed.py, not a test)."""
    tl = build_timeline(synthetic_corpus(10_000, 2_000))
    top = place_counts(tl, 0, len(tl.axis) - 1)["place_id"][0]
    for index in range(0, len(tl.axis), max(1, len(tl.axis) // 10)):
        lo, hi = Window("upto").bounds(index, len(tl.axis))
        rows = tl.rows(lo, hi)
        counts = place_counts(tl, lo, hi)
        assert counts["mentions"].sum() == rows.stop - rows.start
        assert articles_in_window(tl, lo, hi).total == tl.article_rows(lo, hi).stop - \
            tl.article_rows(lo, hi).start
        top_rows = tl.mentions.iloc[rows]
        assert excerpts(tl, top, lo, hi).total <= int((top_rows["place_id"] == top).sum())
    assert mentions_per_period(tl, [top])["mentions"].sum() == int(
        (tl.mentions["place_id"] == top).sum())
