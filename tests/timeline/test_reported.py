"""Reported control against hand-made timelines: who the articles say holds each town.

Every case is a few hand-made articles (tests/handmade.py) with the events the event
reader would put on them by EVENTS.md's rules, so each expected holder can be read off
the texts below.
"""

from __future__ import annotations

import pandas as pd
import pytest
from handmade import BAKHMUT, SOLEDAR, events_corpus, parsed, with_event
from store_support import store_of

from mapapp.corpus.reader import display_title
from mapapp.timeline.reported import REPORTED_COLUMNS, holding_accounts, reported_control
from mapapp.timeline.store_view import StoreView
from mapapp.timeline.views import TimelineView
from mapapp.timeline.windows import build_timeline


def _view(items) -> TimelineView:
    return TimelineView(build_timeline(items))


def _holders(view, label: str) -> dict[str, tuple]:
    df = reported_control(view, view.axis.labels.index(label))
    return {r.place_id: (r.holder, r.kind, r.claim, r.article_id)
            for r in df.itertuples(index=False)}


def test_capture_then_recapture():
    view = _view(events_corpus())
    assert _holders(view, "2023-01")[SOLEDAR.id] == ("RU", "control", True, "e1")
    assert _holders(view, "2023-02")[SOLEDAR.id] == ("UA", "control", False, "e2")


def test_columns_and_a_place_without_account():
    view = _view(events_corpus())
    df = reported_control(view, 0)
    assert list(df.columns) == list(REPORTED_COLUMNS)
    assert BAKHMUT.id not in set(df["place_id"])  # fighting is no account of who holds it


def test_a_confirmed_report_outweighs_a_claim_of_the_same_date():
    claim = with_event(parsed("c", "2023-04-10", "Wagner zegt Bachmoet te hebben veroverd."),
                       "Bachmoet", "control", "veroverd", "RU", claim=True)
    fact = with_event(parsed("f", "2023-04-10", "Bachmoet is nog in Oekraïense handen."),
                      "Bachmoet", "held", "Oekraïense handen", "UA")
    for order in ([claim, fact], [fact, claim]):
        assert _holders(_view(order), "2023-04-10")[BAKHMUT.id] == ("UA", "held", False, "f")
    later = with_event(parsed("l", "2023-04-11", "Wagner zegt Bachmoet te hebben veroverd."),
                       "Bachmoet", "control", "veroverd", "RU", claim=True)
    assert _holders(_view([fact, later]), "2023-04-11")[BAKHMUT.id] == ("RU", "control", True,
                                                                          "l")


def test_the_event_date_wins_over_the_article_date():
    """A May article reports a capture in January; a March article says Ukraine holds the
    town: by the events' own dates March is the latest account."""
    held = with_event(parsed("h", "2023-03", "Bachmoet is in Oekraïense handen."),
                      "Bachmoet", "held", "Oekraïense handen", "UA")
    old = with_event(parsed("o", "2023-05", "Rusland veroverde Bachmoet in januari."),
                     "Bachmoet", "control", "veroverde", "RU", when="2023-01")
    view = _view([held, old])
    row = reported_control(view, view.axis.labels.index("2023-05")).iloc[0]
    assert (row["holder"], row["article_id"], row["as_of"]) == ("UA", "h", "2023-03")
    undated = with_event(parsed("o", "2023-05", "Rusland veroverde Bachmoet."),
                         "Bachmoet", "control", "veroverde", "RU")
    assert _holders(_view([held, undated]), "2023-05")[BAKHMUT.id][:2] == ("RU", "control")


def test_an_event_dated_after_the_slider_is_not_yet_the_state():
    ahead = with_event(parsed("a", "2023-02", "Rusland veroverde Bachmoet in maart 2023."),
                       "Bachmoet", "control", "veroverde", "RU", when="2023-03")
    other = parsed("x", "2023-03", "Soledar.")
    view = _view([ahead, other])
    assert BAKHMUT.id not in _holders(view, "2023-02")
    assert _holders(view, "2023-03")[BAKHMUT.id][0] == "RU"


def test_held_statements_alone_give_the_holder_and_no_side_gives_none():
    view = _view(events_corpus())
    assert _holders(view, "2023-03")[BAKHMUT.id] == ("UA", "held", False, "e4")
    sideless = with_event(parsed("n", "2023-03", "Soledar is in handen."), "Soledar", "held",
                          "handen")
    assert _holders(_view([sideless]), "2023-03") == {}


def test_accounts_of_one_place_in_deciding_order():
    view = _view(events_corpus())
    acc = holding_accounts(view, len(view.axis) - 1, BAKHMUT.id)
    assert list(zip(acc["as_of"], acc["holder"], acc["kind"], strict=True)) == [
        ("2023-02", "RU", "control"), ("2023-03", "UA", "held")]




@pytest.mark.parametrize("upto", [0, 1, 2])
def test_a_store_gives_the_folder_s_answer(tmp_path, upto):
    items = events_corpus()
    store = store_of(tmp_path / "s", items)
    sv, tv = StoreView(store, display_title), TimelineView(build_timeline(items, display_title))
    pd.testing.assert_frame_equal(reported_control(sv, upto), reported_control(tv, upto))
