"""The user's own reporting in a real Chromium, started exactly as the README says.

The seeds are Dutch; users bring English, German and Dutch articles in a
folder, upload English files in the sidebar, or ingest a store. Each runs
``streamlit run mapapp/app.py -- …`` (the console script, as the README
writes it: it puts mapapp/ on sys.path, which AppTest never does; issue 14's
English crash lived there) on a corpus this module writes, and checks what a
user sees: no exception, the places drawn, a click shows the right excerpt,
the link reopens the same view including where the map was panned and
zoomed, and Back and Forward step through the views the user made.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from urllib.parse import parse_qs, urlsplit

import pytest
from browser_support import (
    MAP_IFRAME,
    ROOT,
    click_place,
    heading,
    map_frame,
    slider,
    streamlit_app,
    wait_idle,
)

pytestmark = pytest.mark.browser

ENGLISH = [
    {"id": "en-1", "date": "2023-02-14", "title": "Shelling in Kramatorsk",
     "source": "Reuters/AP", "lang": "en",
     "text": "Russian missiles struck an apartment block in Kramatorsk on Tuesday, the regional "
             "governor said. Residents of Sloviansk, a few miles to the north, heard the "
             "explosions."},
    {"id": "en-2", "date": "2023-03-20", "title": "The road to Chasiv Yar", "source": "AP",
     "lang": "en",
     "text": "Ukrainian troops held the road between Bakhmut and Chasiv Yar on Monday. "
             "Soldiers in Kramatorsk said the fighting was the heaviest of the war."},
]
GERMAN = (" date 2023-04 Luftalarm im Osten\n\nIn Charkiw und in Saporischschja gab es am Montag "
          "Luftalarm, meldeten die Behörden. Die Stadt Charkiw liegt nahe der Grenze.\n")
DUTCH = (" date 2023-05 Zware gevechten\n\nHet Oekraïense leger verdedigt de stad Bachmoet. "
         "Ook in Kostjantynivka vielen granaten, meldt de gouverneur.\n")
ENGLISH_UPLOAD = (" date 2023-05 Drone attack on Odesa\n\nA drone attack on the port of Odesa "
                  "damaged grain silos overnight, officials said.\n")


def _write_corpus(folder) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "english.jsonl").write_text(
        "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ENGLISH), encoding="utf-8")
    (folder / "deutsch.txt").write_text(GERMAN, encoding="utf-8")
    (folder / "nederlands.txt").write_text(DUTCH, encoding="utf-8")


@pytest.fixture(scope="module")
def corpus_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("user-corpus") / "articles"
    _write_corpus(folder)
    return folder


@pytest.fixture(scope="module")
def folder_app(chromium, gazetteer, corpus_folder):
    with streamlit_app(["--corpus", str(corpus_folder)]) as url:
        yield url


@pytest.fixture(scope="module")
def store_app(chromium, gazetteer, corpus_folder, tmp_path_factory):
    store = tmp_path_factory.mktemp("user-store") / "store"
    done = subprocess.run([sys.executable, "-m", "mapapp", "ingest", str(corpus_folder),
                           "--store", str(store), "--jobs", "1"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    with streamlit_app(["--store", str(store)]) as url:
        yield url


def query(page) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(page.url).query).items()}


def drawn_names(frame) -> set[str]:
    return set(frame.evaluate("""() => { const names = [];
        window.map.eachLayer(l => { if (l.feature && l.feature.properties.label)
            names.push(l.feature.properties.label); });
        return names; }"""))


def map_view(frame) -> tuple[float, float, int]:
    lat, lng, zoom = frame.evaluate(
        "() => { const c = window.map.getCenter(); return [c.lat, c.lng, window.map.getZoom()]; }")
    return lat, lng, zoom


def assert_no_exception(page) -> None:
    errors = page.locator('[data-testid="stException"]')
    assert errors.count() == 0, errors.first.inner_text()
    assert "geoparser failed" not in page.locator("body").inner_text()


def settle(page, pattern: str | None = None) -> None:
    """Wait for the URL to match and the run to end, then for any late URL write."""
    if pattern:  # polled: the address bar changes by pushState (see test_browser_frontline)
        page.wait_for_function("(p) => new RegExp(p).test(location.href)", arg=pattern,
                               timeout=20_000)
    wait_idle(page)
    page.wait_for_timeout(700)
    wait_idle(page)


def test_a_folder_in_three_languages_maps_clicks_and_shares(folder_app, open_page):
    page = open_page(folder_app, folder_app)
    frame = map_frame(page)
    settle(page)
    assert_no_exception(page)
    page.locator(".vega-embed").first.wait_for(timeout=20_000)  # the chart follows the map
    slider(page).focus()
    slider(page).press("Home")  # everything up to the first date: the English article
    settle(page, r"date=2023-02")
    page.wait_for_timeout(300)
    # the reader's names: Ukraine's official romanisation (GeoNames: Slovyansk)
    assert {"Kramatorsk", "Sloviansk"} == drawn_names(frame)
    slider(page).press("End")
    settle(page, r"date=2023-05")
    # English, German (Charkiw) and Dutch (Bachmoet, Kostjantynivka) articles, the reader's names
    assert {"Kramatorsk", "Kharkiv", "Bakhmut", "Kostiantynivka"} <= drawn_names(frame)

    click_place(page, frame, "Kramatorsk")
    heading(page, "Kramatorsk").wait_for(timeout=20_000)
    settle(page, r"place=")
    first = page.locator(".fm-excerpt").first
    assert first.locator("mark").first.inner_text() == "Kramatorsk"
    assert "Soldiers in Kramatorsk said" in first.inner_text()  # the newest article first
    assert_no_exception(page)

    # pan and zoom: the link carries the map view
    page.frame_locator(MAP_IFRAME).locator(".leaflet-control-zoom-out").click()
    settle(page, r"view=")
    lat, lng, zoom = map_view(frame)
    assert query(page)["view"].endswith(f",{zoom}")
    shared = page.url

    other = open_page(shared, folder_app)
    other_frame = map_frame(other)
    heading(other, "Kramatorsk").wait_for(timeout=20_000)
    settle(other)
    assert other.url == shared  # nothing rewritten
    assert slider(other).get_attribute("aria-valuetext") == "2023-05"
    assert other.locator(".fm-excerpt").first.inner_text() == first.inner_text()
    o_lat, o_lng, o_zoom = map_view(other_frame)
    assert o_zoom == zoom
    assert abs(o_lat - lat) < 0.01 and abs(o_lng - lng) < 0.01


def test_back_and_forward_step_through_the_views(folder_app, open_page):
    page = open_page(f"{folder_app}/?date=2023-05&window=this", folder_app)
    map_frame(page)
    settle(page)
    slider(page).focus()
    slider(page).press("ArrowLeft")
    settle(page, r"date=2023-04")
    slider(page).press("ArrowLeft")
    settle(page, r"date=2023-03")

    page.go_back()
    settle(page, r"date=2023-04")
    page.wait_for_timeout(1500)  # the app must not write its old date back
    assert query(page)["date"] == "2023-04"
    assert slider(page).get_attribute("aria-valuetext") == "2023-04"
    page.go_back()
    settle(page, r"date=2023-05")
    assert slider(page).get_attribute("aria-valuetext") == "2023-05"
    page.go_forward()
    settle(page, r"date=2023-04")
    assert slider(page).get_attribute("aria-valuetext") == "2023-04"
    assert_no_exception(page)

    # two quick moves: the link ends where the slider is
    slider(page).focus()
    slider(page).press("ArrowLeft")
    slider(page).press("ArrowRight")
    settle(page)
    page.wait_for_timeout(1500)
    wait_idle(page)
    assert query(page)["date"] == slider(page).get_attribute("aria-valuetext") == "2023-04"


def test_back_returns_the_map_to_where_it_was(folder_app, open_page):
    page = open_page(f"{folder_app}/?date=2023-05&window=upto", folder_app)
    frame = map_frame(page)
    settle(page)
    before = map_view(frame)
    page.frame_locator(MAP_IFRAME).locator(".leaflet-control-zoom-in").click()
    settle(page, r"view=")
    assert map_view(frame)[2] == before[2] + 1
    page.go_back()
    settle(page)
    page.wait_for_function("() => !location.search.includes('view=')", timeout=20_000)
    frame = map_frame(page)
    page.wait_for_timeout(500)
    assert map_view(frame)[2] == before[2]


def test_an_english_upload_joins_the_map(folder_app, open_page, tmp_path):
    page = open_page(folder_app, folder_app)
    frame = map_frame(page)
    settle(page)
    upload = tmp_path / "odesa.txt"
    upload.write_text(ENGLISH_UPLOAD, encoding="utf-8")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))
    page.get_by_text(re.compile(r"odesa\.txt.*1 article")).wait_for(timeout=60_000)
    settle(page)
    assert_no_exception(page)
    frame = map_frame(page)
    page.wait_for_function(
        """() => { const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
            let found = false; f.contentWindow.map.eachLayer(l => {
                if (l.feature && l.feature.properties.label === 'Odesa') found = true; });
            return found; }""", timeout=20_000)
    frame.evaluate("() => window.map.setView([46.48, 30.73], 8)")  # Odesa is off the Donbas view
    settle(page, r"view=46")
    click_place(page, frame, "Odesa")
    heading(page, "Odesa").wait_for(timeout=20_000)
    assert "port of Odesa damaged grain silos" in " ".join(
        page.locator(".fm-excerpt").all_inner_texts())


def test_a_store_maps_clicks_and_shares(store_app, open_page):
    page = open_page(f"{store_app}/?date=2023-03&window=upto", store_app)
    frame = map_frame(page)
    settle(page)
    assert_no_exception(page)
    assert {"Kramatorsk", "Bakhmut", "Chasiv Yar"} <= drawn_names(frame)
    click_place(page, frame, "Chasiv Yar")
    heading(page, "Chasiv Yar").wait_for(timeout=20_000)
    settle(page, r"place=")
    assert "road between Bakhmut and Chasiv Yar" in page.locator(".fm-excerpt").first.inner_text()
    page.frame_locator(MAP_IFRAME).locator(".leaflet-control-zoom-in").click()
    settle(page, r"view=")
    shared = page.url
    other = open_page(shared, store_app)
    other_frame = map_frame(other)
    heading(other, "Chasiv Yar").wait_for(timeout=20_000)
    settle(other)
    assert other.url == shared
    assert map_view(other_frame)[2] == map_view(frame)[2]


def test_a_place_clicked_again_after_clearing_is_selected_again(folder_app, open_page):
    """The same click twice (Clear selection between) was ignored: its value had not changed."""
    page = open_page(f"{folder_app}/?date=2023-05&window=upto", folder_app)
    frame = map_frame(page)
    settle(page)
    for _ in range(2):
        click_place(page, frame, "Kramatorsk")
        heading(page, "Kramatorsk").wait_for(timeout=20_000)
        settle(page, r"place=")
        page.get_by_role("button", name="Clear selection").click()
        settle(page)
        page.wait_for_function("() => !location.search.includes('place=')", timeout=20_000)
        assert heading(page, "Kramatorsk").count() == 0


def test_a_click_is_reported_at_once_and_only_once(folder_app, open_page):
    """streamlit-folium waits 250 ms after a click before it reports it; render_click does not."""
    sent: list[int] = []
    # listening before the page loads: the app's socket may open before the load event
    page = open_page(f"{folder_app}/?date=2023-05&window=upto", folder_app, before=lambda p: p.on(
        "websocket", lambda ws: ws.on("framesent", lambda frame: sent.append(1))))
    frame = map_frame(page)
    settle(page)
    page.wait_for_timeout(1000)
    before = len(sent)
    click_place(page, frame, "Kramatorsk")
    reported = frame.evaluate("""() => new Promise(done => setTimeout(() => {
        const D = window.__GLOBAL_DATA__;
        done([D.last_object_clicked_count, D.previous_data.last_object_clicked_count]);
    }, 30))""")
    assert reported[0] == reported[1] >= 1  # already the component's value, before 250 ms
    heading(page, "Kramatorsk").wait_for(timeout=20_000)
    settle(page, r"place=")
    page.wait_for_timeout(1000)
    assert len(sent) - before == 1  # one rerun a click: the debounced report finds nothing new
