"""End to end in a real Chromium: the front line drawn, credited, following the slider.

Runs ``streamlit run mapapp/app.py -- --frontline FILE FILE`` on the seeds
(the real pipeline) with the DeepStateMap-derived snapshots from
../shared/geodata-sources. CDN files and tiles are served locally
(tests/browser_support.py). Skipped without /usr/bin/chromium or without
../shared; under CI=true either missing fails.
"""

from __future__ import annotations

import re

import pytest
from browser_support import (
    MAP_IFRAME,
    click_place,
    map_frame,
    route_offline,
    streamlit_app,
    wait_idle,
)

pytestmark = [pytest.mark.browser, pytest.mark.shared]

OCCUPIED_FILL = "#a52714"
VIEWPORT = {"width": 1400, "height": 1000}
# the dates of the territorial-control features on the map (the places carry none)
SNAPSHOT_DATES_JS = """() => { const dates = new Set(); window.map.eachLayer(l => {
    if (l.feature && l.feature.properties.date) dates.add(l.feature.properties.date); });
    return [...dates]; }"""


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
    slider = page.get_by_role("slider", name="Date")
    slider.focus()
    for _ in range(4):
        slider.press("ArrowLeft")
    page.wait_for_url(re.compile(r"date=2023-01"))
    wait_idle(page)
    page.wait_for_function(
        f"() => document.querySelector('{MAP_IFRAME}').contentWindow.map && "
        f"[...document.querySelector('{MAP_IFRAME}').contentDocument"
        f".querySelectorAll('path[fill=\"{OCCUPIED_FILL}\"]')].length > 0", timeout=20_000)
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
