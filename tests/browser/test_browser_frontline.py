"""End to end in a real Chromium: the front line drawn, credited, following the slider.

Runs ``streamlit run mapapp/app.py -- --frontline FILE FILE`` on the seeds
(the real pipeline) with the DeepStateMap-derived snapshots from
../shared/geodata-sources, and ``-- --corpus DIR --frontline FILE`` on a
corpus the test writes with articles of 2024, long after the last snapshot
(2023-06-01). CDN files and tiles are served locally
(tests/browser_support.py). Skipped without /usr/bin/chromium or without
../shared; under CI=true either missing fails.
"""

from __future__ import annotations

import re

import pytest
from browser_support import (
    MAP_IFRAME,
    PLACE_POINT_JS,
    click_place,
    map_frame,
    route_offline,
    step_slider_to,
    streamlit_app,
    wait_for_address,
    wait_idle,
)

from mapapp.render.folium_map import STATUS_STYLES

pytestmark = [pytest.mark.browser, pytest.mark.shared]

OCCUPIED_FILL = "#a52714"
VIEWPORT = {"width": 1400, "height": 1000}
# the dates of the territorial-control features on the map (the places carry none)
SNAPSHOT_DATES_JS = """() => { const dates = new Set(); window.map.eachLayer(l => {
    if (l.feature && l.feature.properties.date) dates.add(l.feature.properties.date); });
    return [...dates]; }"""
# the outline colour of every place drawn as a circle, by name
STROKES_JS = """() => { const out = {}; window.map.eachLayer(l => {
    if (l.feature && l.feature.properties.label && l._path)
        out[l.feature.properties.label] = l._path.getAttribute("stroke"); });
    return out; }"""
RING_COLOURS = {str(style["color"]) for style in STATUS_STYLES.values()}
# Dutch, in the seed format; dates after the snapshots (2024) and within them (2023)
LATE_CORPUS = {
    "a_2023-01.txt": " date 2023-01 Oekraïne houdt Bachmoet. Ook Soledar ligt onder vuur.",
    "b_2023-03.txt": " date 2023-03 Bachmoet is bijna omsingeld. Bij Avdijivka wordt gevochten.",
    "c_2024-02.txt": " date 2024-02 Het Russische leger heeft Avdijivka ingenomen. Ook bij "
                     "Bachmoet en Tsjasiv Jar wordt gevochten.",
    "d_2024-06.txt": " date 2024-06 In Kramatorsk en Slovjansk vallen raketten.",
}
AVDIIVKA = "713122"
# the map drawn again with an occupied area (the slider's new snapshot has arrived)
OCCUPIED_DRAWN_JS = (f"() => document.querySelector('{MAP_IFRAME}').contentWindow.map && "
                     f"[...document.querySelector('{MAP_IFRAME}').contentDocument"
                     f".querySelectorAll('path[fill=\"{OCCUPIED_FILL}\"]')].length > 0")


def wait_for_occupied_area(page) -> None:
    page.wait_for_function(OCCUPIED_DRAWN_JS, timeout=20_000)


@pytest.fixture(scope="module")
def frontline_app(chromium, gazetteer, geodata_sources):
    files = [geodata_sources / "frontline_2022-12_2023-06.geojson",
             geodata_sources / "frontline_greyzone_2022-12_2023-06.geojson"]
    with streamlit_app(["--frontline", *map(str, files)]) as url:
        yield url


@pytest.fixture
def page(chromium, frontline_app):
    context = chromium.new_context(viewport=VIEWPORT)
    route_offline(context, frontline_app)
    page = context.new_page()
    page.goto(frontline_app)
    yield page
    context.close()


def test_front_line_is_drawn_credited_and_follows_the_slider(page):
    frame = map_frame(page)
    wait_idle(page)
    occupied = page.frame_locator(MAP_IFRAME).locator(f'path[fill="{OCCUPIED_FILL}"]')
    occupied.first.wait_for(state="attached", timeout=20_000)
    assert occupied.count() >= 1
    credit = page.frame_locator(MAP_IFRAME).locator(".leaflet-control-attribution")
    assert "Territorial control: DeepStateMap.live" in credit.inner_text()
    assert credit.locator('a[href="https://deepstatemap.live"]').count() == 1
    assert frame.evaluate(SNAPSHOT_DATES_JS) == ["2023-05-29"]
    shape_before = occupied.first.get_attribute("d")

    frame.evaluate("() => { window.__same_map = true; }")
    step_slider_to(page, "2023-01")
    wait_for_address(page, "date=2023-01")
    wait_idle(page)
    wait_for_occupied_area(page)
    assert frame.evaluate(SNAPSHOT_DATES_JS) == ["2023-01-30"]
    assert occupied.first.get_attribute("d") != shape_before
    assert frame.evaluate("() => window.__same_map") is True  # the base map stayed
    assert "Territorial control on 2023-01-30" in page.locator("body").inner_text()


def test_clicked_town_shows_where_it_stood(page):
    page.goto(page.url.split("?")[0] + "?date=2023-05&window=upto")
    frame = map_frame(page)
    wait_idle(page)
    click_place(page, frame, "Bakhmut")  # through the occupied area, which takes no clicks
    status = page.locator(".fm-status")
    status.wait_for(timeout=20_000)
    assert re.match(r"On 2023-05-29 Bakhmut was in occupied territory", status.inner_text())
    assert "DeepStateMap.live" in status.inner_text()


@pytest.fixture(scope="module")
def late_app(chromium, gazetteer, geodata_sources, tmp_path_factory):
    folder = tmp_path_factory.mktemp("late_corpus")
    for name, text in LATE_CORPUS.items():
        (folder / name).write_text(text, encoding="utf-8")
    front = geodata_sources / "frontline_2022-12_2023-06.geojson"
    with streamlit_app(["--corpus", str(folder), "--frontline", str(front)]) as url:
        yield url


def test_a_year_after_the_snapshots_the_front_line_is_unknown(chromium, late_app):
    context = chromium.new_context(viewport=VIEWPORT)
    route_offline(context, late_app)
    page = context.new_page()
    page.goto(f"{late_app}?date=2024-02&window=upto&place={AVDIIVKA}")
    frame = map_frame(page)
    wait_idle(page)
    body = page.locator("body").inner_text()
    assert re.search(r"Front line unknown on 2024-02-29: the newest snapshot is 2023-06-01, "
                     r"273 days earlier \(tolerance 10 days\)", body)
    assert "Territorial control on" not in body
    status = page.locator(".fm-status")
    assert status.inner_text().startswith("Where Avdiivka stood on 2024-02-29 is unknown")
    assert frame.evaluate(SNAPSHOT_DATES_JS) == []  # no occupied area, grey zone, front line
    strokes = frame.evaluate(STROKES_JS)
    assert {"Bakhmut", "Chasiv Yar", "Soledar"} <= set(strokes)
    assert not RING_COLOURS & set(strokes.values())  # no town outlined by a status
    point = frame.evaluate(PLACE_POINT_JS, "Chasiv Yar")
    box = page.query_selector(MAP_IFRAME).bounding_box()
    page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    tooltip = page.frame_locator(MAP_IFRAME).locator(".leaflet-tooltip")
    tooltip.wait_for(timeout=10_000)
    assert "front line unknown on 2024-02-29 (newest snapshot 2023-06-01" in tooltip.inner_text()

    step_slider_to(page, "2023-03", follow=True)  # 2024-02 -> 2023-03, a step at a time
    wait_for_address(page, "date=2023-03")
    wait_idle(page)
    wait_for_occupied_area(page)
    assert frame.evaluate(SNAPSHOT_DATES_JS) == ["2023-03-30"]
    assert "Territorial control on 2023-03-30" in page.locator("body").inner_text()
    assert RING_COLOURS & set(frame.evaluate(STROKES_JS).values())
    assert re.match(r"On 2023-03-30 Avdiivka was \d+\.\d km from the front line",
                    page.locator(".fm-status").inner_text())
    context.close()
