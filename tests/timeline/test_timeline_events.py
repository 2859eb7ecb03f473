"""Events through the timeline: mention rows, counts per kind, the chart, excerpts, event rows,
and the store's View giving the folder's answers.

The articles are hand-made with their events (tests/handmade.py ``events_corpus``:
labelled by hand by EVENTS.md's rules), so the expected values below can be checked by
reading those four texts.
"""

from __future__ import annotations

import pandas as pd
import pytest
from handmade import BAKHMUT, SOLEDAR, corpus, events_corpus
from store_support import Prepared

from mapapp.corpus.reader import display_title
from mapapp.ingest.pipeline import add_articles
from mapapp.model import Event, Span
from mapapp.store.reader import Store
from mapapp.timeline.events import EVENT_ROW_COLUMNS
from mapapp.timeline.store_view import StoreView
from mapapp.timeline.views import TimelineView
from mapapp.timeline.windows import (
    build_timeline,
    excerpts,
    mentions_per_period,
    place_counts,
    place_events,
)


@pytest.fixture(scope="module")
def tl():
    return build_timeline(events_corpus())


def test_mention_rows_carry_the_event(tl):
    m = tl.mentions.set_index(["article_id", "start"])
    text = tl.texts["e3"]
    row = m.loc[("e3", text.index("Bachmoet"))]
    assert (row["event_kind"], row["event_side"], row["event_claim"], row["event_when"]) == (
        "control", "RU", False, "2023-02")
    (s, e), = row["event_evidence"]
    assert text[s:e] == "veroverde"
    plain = m.loc[("e2", tl.texts["e2"].rindex("Bachmoet"))]  # "Bachmoet is een stad."
    assert (plain["event_kind"], plain["event_side"], plain["event_claim"],
            plain["event_when"], plain["event_evidence"]) == (None, None, False, None, ())
    assert tl.mentions["event_claim"].dtype == bool


def test_counts_per_kind_and_the_place_s_event(tl):
    everything = place_counts(tl, 0, len(tl.axis) - 1).set_index("place_id")
    cols = ["n_control", "n_fighting", "n_strike", "n_held", "event"]
    assert list(everything.loc[BAKHMUT.id, cols]) == [1, 1, 1, 1, "control"]
    assert list(everything.loc[SOLEDAR.id, cols]) == [2, 0, 0, 1, "control"]
    february = place_counts(tl, 1, 1).set_index("place_id")
    assert february.loc[BAKHMUT.id, "mentions"] == 2  # one shelled, one a plain mention
    assert list(february.loc[BAKHMUT.id, cols]) == [0, 0, 1, 0, "strike"]


def test_a_place_with_no_event_has_none():
    counts = place_counts(build_timeline(corpus()), 0, 5)
    assert counts["event"].isna().all() and (counts["n_control"] == 0).all()


def test_chart_is_split_by_kind(tl):
    df = mentions_per_period(tl, [BAKHMUT.id]).set_index("label")
    assert list(df["mentions"]) == [1, 2, 2]
    assert list(df["n_fighting"]) == [1, 0, 0] and list(df["n_strike"]) == [0, 1, 0]
    assert list(df["n_control"]) == [0, 0, 1] and list(df["n_held"]) == [0, 0, 1]


def test_excerpts_carry_event_and_marks(tl):
    page = excerpts(tl, SOLEDAR.id, 0, 0)
    (ex,) = page.items
    assert ex.event == Event("control", "RU", True, None, ex.event.evidence)
    (s, e), = ex.event_marks
    assert ex.text[s:e] == "veroverd"
    (span,) = ex.event.evidence
    assert tl.texts["e1"][span.start:span.end] == "veroverd"
    plain = excerpts(tl, BAKHMUT.id, 1, 1).items
    assert [x.event.kind if x.event else None for x in plain] == ["strike", None]
    assert plain[1].event_marks == ()


def test_event_rows_in_time_order(tl):
    rows = place_events(tl, 0, len(tl.axis) - 1, BAKHMUT.id)
    assert list(rows.columns) == list(EVENT_ROW_COLUMNS)
    assert list(rows["kind"]) == ["fighting", "strike", "control", "held"]
    assert list(rows["article_id"]) == ["e1", "e2", "e3", "e4"]
    assert list(rows["when"]) == [None, None, "2023-02", None]
    assert len(place_events(tl, 0, 2)) == 7  # 2 + 2 + 2 + 1 events in e1..e4
    assert place_events(tl, 0, 2, "no-such-place").empty




@pytest.fixture(scope="module")
def views(tmp_path_factory):
    parsed = events_corpus() + corpus()
    store = Store.open(tmp_path_factory.mktemp("ev") / "store", create=True)
    add_articles(store, [pa.article for pa in parsed], Prepared(parsed), batch_size=3)
    return TimelineView(build_timeline(parsed, display_title)), StoreView(store, display_title), \
        store, parsed


def test_the_store_keeps_every_event(views):
    _, _, store, parsed = views
    back = {pa.article.id: pa for pa in store.parsed_between("2022-01", "2024-12")}
    for pa in parsed:
        assert back[pa.article.id].mentions == pa.mentions


def test_store_view_answers_as_the_folder(views):
    tv, sv, _, _ = views
    n = len(tv.axis)
    for lo in range(n):
        for hi in range(lo, n):
            pd.testing.assert_frame_equal(sv.counts(lo, hi), tv.counts(lo, hi))
            pd.testing.assert_frame_equal(sv.events(lo, hi), tv.events(lo, hi))
            for place in (BAKHMUT.id, SOLEDAR.id):
                pd.testing.assert_frame_equal(sv.events(lo, hi, place), tv.events(lo, hi, place))
                assert sv.excerpts(place, lo, hi, 10).page == tv.excerpts(place, lo, hi, 10).page
    ids = [BAKHMUT.id, SOLEDAR.id]
    pd.testing.assert_frame_equal(sv.per_period(ids), tv.per_period(ids))


def test_evidence_spans_survive_as_spans(views):
    _, sv, _, _ = views
    january = sv.axis.labels.index("2023-01")
    (ex,) = sv.excerpts(SOLEDAR.id, january, january, 5).page.items
    at = events_corpus()[0].article.text.index("veroverd")
    assert ex.event is not None and ex.event.evidence == (Span(at, at + len("veroverd")),)
