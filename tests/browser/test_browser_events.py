"""The event map in a real Chromium (issue 18): fills, the kind filter in the link, labels.

Two ways a user brings events: a store (built here from tests/handmade.py's
``events_corpus``, events labelled by hand by EVENTS.md's rules; what each text says
is in that docstring), opened with ``streamlit run mapapp/app.py -- --store PATH``;
and a folder of their own articles, ``-- --corpus DIR``, geoparsed by the real
pipeline whose event reader fills each mention.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from browser_support import MAP_IFRAME, click_place, heading, map_frame, streamlit_app, wait_idle
from handmade import corpus, events_corpus
from store_support import store_of

from mapapp.render.event_style import SIDE_COLOURS

pytestmark = pytest.mark.browser

STYLES_JS = """() => { const out = {};
    window.map.eachLayer(l => { if (l.feature && l.feature.properties.label)
        out[l.feature.properties.label] = l.options.fillColor; });
    return out; }"""
RINGS_JS = """() => { let n = 0;
    window.map.eachLayer(l => { if (l.feature && l.feature.properties.note) n += 1; });
    return n; }"""


@pytest.fixture(scope="module")
def events_app(chromium, tmp_path_factory):
    store = tmp_path_factory.mktemp("events-store") / "store"
    only_named = [p for p in corpus() if p.article.id == "a4"]  # Donetsk Oblast, named
    store_of(store, [*events_corpus(), *only_named])
    with streamlit_app(["--store", str(store)]) as url:
        yield url


def test_places_drawn_by_event_filtered_in_the_link_and_labelled(events_app, open_page):
    page = open_page(f"{events_app}/?date=2023-03&window=upto", events_app)
    frame = map_frame(page)
    wait_idle(page)
    fills = frame.evaluate(STYLES_JS)
    assert fills["Bakhmut"] == SIDE_COLOURS["RU"] and fills["Soledar"] == SIDE_COLOURS["UA"]
    assert frame.evaluate(RINGS_JS) == 2  # reported control, from the articles alone
    assert page.get_by_text("Captured by Russia", exact=True).count() == 1  # the legend
    assert page.get_by_text(re.compile("drawn from the articles alone")).count() == 1

    page.goto(f"{events_app}/?date=2023-03&window=upto&events=strike")
    frame = map_frame(page)
    wait_idle(page)
    assert set(frame.evaluate(STYLES_JS)) == {"Bakhmut"}
    click_place(page, frame, "Bakhmut")
    heading(page, "Bakhmut").wait_for(timeout=30_000)
    page.get_by_text("Captured by Russia, 2023-02").first.wait_for(timeout=30_000)
    marked = page.locator("mark.fm-event").all_inner_texts()
    assert "veroverde" in marked and "onder vuur" in marked
    query = {k: v[0] for k, v in parse_qs(urlsplit(page.url).query).items()}
    assert query["events"] == "strike" and query["place"] == "713174"
    assert page.query_selector(MAP_IFRAME) is not None


# Written for this test (invented, no third-party text): what the real event reader finds in
# it is what EVENTS.md's rules give: Soledar captured by Russia, a claim (the ministry
# "said"); fighting near Bakhmut.
READER_CORPUS = (
    '{"id": "e1", "date": "2023-02-10", "lang": "en", "text": "Russian forces have captured '
    'Soledar, the Russian defence ministry said on Friday. Heavy fighting continues near '
    'Bakhmut."}\n')


@pytest.fixture(scope="module")
def reader_app(chromium, tmp_path_factory):
    folder = tmp_path_factory.mktemp("events-folder")
    (folder / "news.jsonl").write_text(READER_CORPUS, encoding="utf-8")
    with streamlit_app(["--corpus", str(folder)]) as url:
        yield url


def test_a_folder_is_drawn_by_what_the_reader_finds(reader_app, open_page):
    """A user's own folder, geoparsed by the real pipeline (events read by the rules)."""
    page = open_page(f"{reader_app}/?date=2023-02&window=upto", reader_app)
    frame = map_frame(page)
    wait_idle(page)
    fills = frame.evaluate(STYLES_JS)
    assert fills["Soledar"] == SIDE_COLOURS["RU"]
    assert fills["Bakhmut"] not in (SIDE_COLOURS["RU"], SIDE_COLOURS["UA"])
    click_place(page, frame, "Soledar")
    heading(page, "Soledar").wait_for(timeout=30_000)
    page.get_by_text(re.compile("Captured by Russia — a claim")).first.wait_for(timeout=30_000)
    assert "captured" in page.locator("mark.fm-event").all_inner_texts()
