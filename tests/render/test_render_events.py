"""The event drawing: which places a filter lets through and by what, labels, chart, escaping."""

from __future__ import annotations

import pandas as pd
from handmade import events_corpus

from mapapp.model import Event, Span
from mapapp.render import chart, folium_map
from mapapp.render.event_layers import latest_sides, reported_legend, with_events
from mapapp.render.event_style import (
    FILTER_CHOICES,
    SIDE_COLOURS,
    event_label,
    legend_items,
    tooltip_note,
)
from mapapp.timeline import windows
from mapapp.timeline.views import TimelineView
from mapapp.timeline.windows import Excerpt

COUNTS = pd.DataFrame({
    "place_id": ["a", "b", "c"], "name": ["A", "B", "C"], "mentions": [3, 2, 1],
    "n_control": [1, 0, 0], "n_fighting": [1, 0, 0], "n_strike": [1, 2, 0], "n_held": [0, 0, 0],
})
EVENTS = pd.DataFrame({"place_id": ["a", "a", "b"], "kind": ["control", "control", "strike"],
                       "side": ["UA", "RU", "RU"]})


def test_every_kind_shown_draws_each_place_by_its_first_kind_and_latest_side():
    out = with_events(COUNTS, latest_sides(EVENTS), FILTER_CHOICES)
    assert out[["place_id", "event", "event_side"]].to_dict("records") == [
        {"place_id": "a", "event": "control", "event_side": "RU"},  # the later report
        {"place_id": "b", "event": "strike", "event_side": None},  # strikes are not sided
        {"place_id": "c", "event": None, "event_side": None},
    ]


def test_the_filter_keeps_places_with_a_chosen_kind_and_draws_them_by_it():
    out = with_events(COUNTS, latest_sides(EVENTS), ("strike",))
    assert list(out["place_id"]) == ["a", "b"] and list(out["event"]) == ["strike", "strike"]
    assert list(with_events(COUNTS, latest_sides(EVENTS), ("named",))["place_id"]) == ["c"]
    assert with_events(COUNTS, latest_sides(EVENTS), ()).empty


def test_labels_say_what_whose_claim_and_when():
    assert event_label(Event("control", "UA", False, None), "2023-02") == \
        "Captured by Ukraine, 2023-02"
    assert event_label(Event("control", None, False, "2023")) == "Changed hands, 2023"
    assert event_label(Event("held", "RU", True, None)) == \
        "Held by Russia — a claim by the Russian side"
    assert event_label(Event("fighting", "RU", False, None)) == "Fighting, attack by Russia"
    assert event_label(Event("strike", "UA", True, None)) == \
        "Strike by Ukraine — a claim by the Ukrainian side"
    assert tooltip_note("held", "UA") == "reported held by Ukraine"
    assert tooltip_note(None, None) == ""


def test_the_legend_lists_only_what_is_drawn():
    items = legend_items({"control", "strike"}, [("control", "RU"), ("control", None)])
    assert [label for label, _ in items] == ["Captured", "Captured by Russia", "Strike"]
    assert dict(items)["Captured by Russia"]["fillColor"] == SIDE_COLOURS["RU"]
    assert legend_items(set()) == []
    claim = pd.DataFrame({"holder": ["UA"], "claim": [True]})
    assert [label for label, _ in reported_legend(claim)] == [
        "Reported held by Ukraine (articles alone)", "… dashed: a claim"]


def test_an_excerpt_escapes_the_article_around_the_marked_words():
    text = "<img src=x onerror=alert(1)> veroverde Soledar"
    verb, name = text.index("veroverde"), text.index("Soledar")
    ex = Excerpt("x1", "2023-01", "", "AD", "", text, ((name, name + 7),), False, 0.9, (),
                 event=Event("control", "RU", False, None, (Span(verb, verb + 9),)),
                 event_marks=((verb, verb + 9),))
    out = folium_map.excerpt_html(ex, "Soledar")
    assert "<img" not in out and "&lt;img src=x" in out
    assert '<mark class="fm-event">veroverde</mark> <mark>Soledar</mark>' in out
    assert '<div class="fm-event-label">Captured by Russia, 2023-01</div>' in out


def test_the_chart_of_one_place_stacks_its_mentions_by_kind():
    view = TimelineView(windows.build_timeline(events_corpus()))
    spec = chart.kinds_spec(view.per_period(["713174"]), "month", "2023-03",
                            ("2023-01", "2023-03"))
    bars = spec["layer"][1]
    assert bars["mark"]["type"] == "bar" and bars["encoding"]["y"]["stack"] == "zero"
    got = sorted((v["label"], v["what"], v["n"]) for v in bars["data"]["values"])
    # Bakhmut: fighting in January; shelled and once only named in February; taken and held
    # in March (from the texts of handmade.events_corpus)
    assert got == [("2023-01", "fighting", 1), ("2023-02", "only named", 1),
                   ("2023-02", "strike", 1), ("2023-03", "change of control", 1),
                   ("2023-03", "held (who holds it)", 1)]
