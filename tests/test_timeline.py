"""Timeline: the period axis, windows, and the window queries behind a slider move.

Expected values are counted by hand from the five texts in handmade.corpus():
a1 2022-12 Bachmoet, Soledar · a2 2023-01 Oekraïne, Bachmoet, Rusland, Donbas ·
a3 2023-03 Bachmoet ×2, Soledar (caption) · a4 2023-03 Donetsk ·
a5 2023-05 Rusland, Bachmoet ×2, Soledar.
"""

from __future__ import annotations

import time
from collections import Counter

import pytest
from handmade import BAKHMUT, SOLEDAR, corpus, parsed, synthetic_corpus
from hypothesis import given, settings
from hypothesis import strategies as st

from mapapp.model import PartialDate
from mapapp.timeline import (
    ArticleSummary,
    Excerpt,
    PeriodAxis,
    Window,
    articles_in_window,
    build_timeline,
    excerpts,
    locate_date,
    mentions_per_period,
    period_axis,
    place_counts,
)

MONTHS = ("2022-12", "2023-01", "2023-02", "2023-03", "2023-04", "2023-05")


@pytest.fixture(scope="module")
def tl():
    return build_timeline(corpus())


def counts(tl, lo, hi):
    df = place_counts(tl, lo, hi)
    return list(zip(df["name"], df["mentions"], df["articles"], strict=True))


# ------------------------------------------------------------------ the axis


def test_axis_of_month_dates_is_contiguous():
    axis = period_axis([PartialDate(2023, 5), PartialDate(2022, 12), PartialDate(2023, 3)])
    assert axis == PeriodAxis("month", MONTHS)


def test_axis_steps_in_days_only_when_every_date_has_a_day():
    days = [PartialDate(2023, 2, 27), PartialDate(2023, 3, 2)]
    assert period_axis(days) == PeriodAxis(
        "day", ("2023-02-27", "2023-02-28", "2023-03-01", "2023-03-02"))
    assert period_axis([*days, PartialDate(2023, 4)]) == PeriodAxis(
        "month", ("2023-02", "2023-03", "2023-04"))


def test_axis_crosses_a_year_and_may_be_empty():
    assert period_axis([PartialDate(2022, 11), PartialDate(2023, 1)]).labels == (
        "2022-11", "2022-12", "2023-01")
    assert len(period_axis([])) == 0


@pytest.mark.parametrize(("value", "index"), [
    ("2022-12", 0), ("2023-03", 3), ("2023-05", 5),
    ("2023-03-16", 3),  # a day on a month axis falls into its month
    (" 2023-01 ", 1),
])
def test_locate_date_on_a_month_axis(value, index):
    assert locate_date(PeriodAxis("month", MONTHS), value) == index


def test_locate_date_on_a_day_axis():
    axis = period_axis([PartialDate(2023, 3, 10), PartialDate(2023, 4, 2)])
    assert locate_date(axis, "2023-03-11") == 1
    assert locate_date(axis, "2023-04") == 22  # a month means its first day: 1 April
    assert locate_date(axis, "2023-03") == 0  # ... or the corpus's first day in it


@pytest.mark.parametrize(("value", "message"), [
    ("2024-01", "outside the corpus"),
    ("2022-11", "outside the corpus"),
    ("2023-13", "impossible month"),
    ("2023-02-30", "impossible day"),
    ("gisteren", "expected a date"),
    ("", "expected a date"),
])
def test_locate_date_rejects_with_a_reason(value, message):
    with pytest.raises(ValueError, match=message):
        locate_date(PeriodAxis("month", MONTHS), value)


def test_locate_date_outside_a_day_axis():
    axis = period_axis([PartialDate(2023, 3, 10), PartialDate(2023, 4, 2)])
    with pytest.raises(ValueError, match="outside"):
        locate_date(axis, "2023-02")


# ---------------------------------------------------------------- the window


@pytest.mark.parametrize(("token", "window"), [
    ("this", Window("this")), ("upto", Window("upto")), ("last3", Window("last", 3)),
    ("last24", Window("last", 24)),
])
def test_window_tokens_round_trip(token, window):
    assert Window.parse(token) == window
    assert window.token == token


@pytest.mark.parametrize("token", ["", "all", "last", "last0", "last25", "LAST3", "thisx"])
def test_window_rejects_junk(token):
    with pytest.raises(ValueError):
        Window.parse(token)


@pytest.mark.parametrize(("window", "index", "bounds"), [
    (Window("this"), 3, (3, 3)),
    (Window("upto"), 3, (0, 3)),
    (Window("last", 3), 3, (1, 3)),
    (Window("last", 3), 1, (0, 1)),
    (Window("this"), 99, (5, 5)),  # clamped to the axis
])
def test_window_bounds(window, index, bounds):
    assert window.bounds(index, 6) == bounds


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
        "place_id", "name", "kind", "lat", "lon", "country", "mentions", "articles"]


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


def test_excerpts_of_unknown_place_or_empty_window(tl):
    assert excerpts(tl, "nope", 0, 5).total == 0
    assert excerpts(tl, BAKHMUT.id, 2, 2).items == ()


def test_articles_of_a_window_newest_first(tl):
    page = articles_in_window(tl, 0, 5, limit=3)
    assert page.total == 5
    assert page.items == (
        ArticleSummary("a5", "2023-05", "Rusland claimt de stad", "NOS", "",
                       (("704508", "Bakhmut", 2), ("2017370", "Russia", 1),
                        ("697889", "Soledar", 1))),
        ArticleSummary("a4", "2023-03", "Onrust", "AD", "", (("709716", "Donetsk Oblast", 1),)),
        ArticleSummary("a3", "2023-03", "Omsingeld", "AD", "",
                       (("704508", "Bakhmut", 2), ("697889", "Soledar", 1))),
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


def test_window_queries_stay_fast_on_ten_thousand_articles():
    tl = build_timeline(synthetic_corpus(10_000, 2_000))
    top = place_counts(tl, 0, len(tl.axis) - 1)["place_id"][0]
    start = time.perf_counter()
    for index in range(0, len(tl.axis), max(1, len(tl.axis) // 10)):
        lo, hi = Window("upto").bounds(index, len(tl.axis))
        place_counts(tl, lo, hi)
        excerpts(tl, top, lo, hi)
        articles_in_window(tl, lo, hi)
    mentions_per_period(tl, [top])
    per_move = (time.perf_counter() - start) / 10
    assert per_move < 0.25, f"{per_move:.3f} s per slider move"
