"""End to end in a real Chromium: slider, map click, excerpt, shared link, play, hostile text.

Runs ``streamlit run mapapp/app.py`` (the real pipeline on the seeds) and a
second server on a temporary folder holding a hostile article. CDN files and
tiles are served locally (tests/browser_support.py), so no internet is
needed. Skipped without /usr/bin/chromium, except in CI (CI=true) where a
missing browser fails. Saves docs/screenshot.png for the README.
"""

from __future__ import annotations

import re
import shutil
import time

import pytest
from browser_support import (
    MAP_IFRAME,
    ROOT,
    VIEWPORT,
    click_place,
    heading,
    map_frame,
    route_offline,
    slider,
    streamlit_app,
    wait_for_address,
    wait_idle,
)

pytestmark = pytest.mark.browser

SCREENSHOT = ROOT / "docs" / "screenshot.png"
HOSTILE = ('<img src=x onerror="window.__xss=1"> Bachmoet is gevallen, meldt '
           '<script>window.__xss=2</script> de krant. <b onmouseover="window.__xss=3">Bachmoet</b> '
           'ligt in puin. [klik](javascript:window.__xss=4)\n')


@pytest.fixture(scope="module")
def seeds_app(chromium, gazetteer):
    # conftest's gazetteer: a first-ever build of its disk cache happens there, not in a page wait
    with streamlit_app() as url:
        yield url


@pytest.fixture(scope="module")
def hostile_app(chromium, gazetteer, tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "hostile.txt").write_text(f" date 2023-03 {HOSTILE}", encoding="utf-8")
    shutil.copy(next((ROOT / "seeds").glob("000_*.txt")), folder)
    with streamlit_app(["--corpus", str(folder)]) as url:
        yield url


def test_move_click_read_and_share(seeds_app, open_page):
    page = open_page(seeds_app, seeds_app)
    frame = map_frame(page)
    wait_idle(page)
    assert re.search(r"date=2023-05&window=upto$", page.url)
    assert slider(page).get_attribute("aria-valuetext") == "2023-05"

    # zoom in, then move the slider: the map must keep its zoom and not reload
    page.frame_locator(MAP_IFRAME).locator(".leaflet-control-zoom-in").click()
    page.wait_for_timeout(400)
    zoom = frame.evaluate("() => window.map.getZoom()")
    frame.evaluate("() => { window.__same_map = true; }")
    slider(page).focus()
    slider(page).press("ArrowLeft")
    slider(page).press("ArrowLeft")
    wait_for_address(page, r"date=2023-03")
    wait_idle(page)
    assert slider(page).get_attribute("aria-valuetext") == "2023-03"
    assert frame.evaluate("() => [window.__same_map, window.map.getZoom()]") == [True, zoom]

    # click Bakhmut on the map: its excerpts, the place in the URL
    click_place(page, frame, "Bakhmut")
    heading(page, "Bakhmut").wait_for(timeout=20_000)
    wait_for_address(page, r"place=")
    wait_idle(page)
    first = page.locator(".fm-excerpt").first
    assert first.locator("mark").first.inner_text() in ("Bachmoet", "Bakhmut")
    assert "2023-03" in first.locator(".fm-meta").inner_text()
    assert "confidence" in page.locator(".fm-usual").inner_text()  # the evidence, said once
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))
    page.get_by_text("Read the whole article").first.click()
    assert "Bachmoet" in page.locator(".fm-article").first.inner_text()

    # the copied link opens the same view in a new browser profile
    shared = page.url
    other = open_page(shared, seeds_app)
    other_frame = map_frame(other)
    heading(other, "Bakhmut").wait_for(timeout=20_000)
    wait_idle(other)
    assert other.url == shared  # nothing rewritten: no extra history entry
    assert slider(other).get_attribute("aria-valuetext") == "2023-03"
    assert other.locator(".fm-excerpt").first.inner_text() == first.inner_text()
    assert other_frame.evaluate("""() => { let c = null; window.map.eachLayer(l => {
        if (l.feature && l.feature.properties.label === 'Bakhmut') c = l.options.color; });
        return c; }""") == "#000000"  # drawn as selected


def test_play_steps_through_time_without_reloading_the_map(seeds_app, open_page):
    page = open_page(f"{seeds_app}/?date=2023-01&window=this", seeds_app)
    frame = map_frame(page)
    wait_idle(page)
    frame.evaluate("() => { window.__same_map = true; }")
    page.get_by_role("button", name=re.compile("Play")).click()
    page.get_by_role("button", name=re.compile("Pause")).wait_for()
    page.get_by_role("button", name=re.compile("Play")).wait_for(timeout=30_000)
    wait_for_address(page, r"date=2023-05")
    assert slider(page).get_attribute("aria-valuetext") == "2023-05"
    assert frame.evaluate("() => window.__same_map") is True


def test_hostile_article_runs_nothing(hostile_app, open_page):
    page = open_page(hostile_app, hostile_app)
    frame = map_frame(page)
    wait_idle(page)
    for expander in page.get_by_text("Read the whole article").all():
        expander.click()
    click_place(page, frame, "Bakhmut")
    heading(page, "Bakhmut").wait_for(timeout=20_000)
    wait_idle(page)
    page.get_by_text("Read the whole article").first.click()
    body = page.locator("body").inner_text()
    assert '<img src=x onerror="window.__xss=1">' in body  # shown as text
    assert "<script>window.__xss=2</script>" in body
    assert page.evaluate("() => window.__xss") is None
    assert frame.evaluate("() => window.__xss") is None
    assert page.locator('img[src="x"]').count() == 0
    assert page.locator('a[href^="javascript"]').count() == 0


# ------------------------------------------------ a folder that grows while the page is open


class RunCounter:
    """Counts the app's finished runs from its websocket: whole-page runs and fragment runs."""

    def __init__(self, page) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        self.full = self.fragment = 0
        self._msg = ForwardMsg
        page.on("websocket", lambda ws: ws.on("framereceived", self._frame))

    def _frame(self, payload) -> None:
        if isinstance(payload, str):
            return
        msg = self._msg.FromString(payload)
        if msg.WhichOneof("type") != "script_finished":
            return
        if msg.script_finished == self._msg.FINISHED_SUCCESSFULLY:
            self.full += 1
        elif msg.script_finished == self._msg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY:
            self.fragment += 1


DRAWN_JS = """(name) => { let found = false; window.map.eachLayer(l => {
    if (l.feature && l.feature.properties && l.feature.properties.label === name) found = true; });
    return found; }"""


def test_new_files_in_the_folder_show_without_a_click(chromium, gazetteer, tmp_path):
    """New files in a --corpus folder appeared only after the next interaction."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a1.txt").write_text(" date 2023-02 Zware strijd om Bachmoet in de provincie "
                                   "Donetsk. Het leger houdt stand.", encoding="utf-8")
    (folder / "a2.txt").write_text(" date 2023-03 Bachmoet ligt onder vuur, meldt het leger.",
                                   encoding="utf-8")
    with streamlit_app(["--corpus", str(folder)]) as url:
        context = chromium.new_context(viewport=VIEWPORT)
        route_offline(context, url)
        page = context.new_page()
        runs = RunCounter(page)
        page.goto(url)
        frame = map_frame(page)
        wait_idle(page)
        slider(page).focus()
        slider(page).press("ArrowLeft")  # the user's own view: 2023-02
        wait_for_address(page, r"date=2023-02")
        wait_idle(page)
        shown = page.url
        frame.evaluate("() => { window.__same_map = true; }")

        full = runs.full
        page.wait_for_timeout(7_000)  # nothing changes: the page polls, and does not rerun
        assert runs.full == full
        assert not frame.evaluate(DRAWN_JS, "Kharkiv")

        (folder / "a3.txt").write_text(" date 2023-01 Raketaanval op Charkiv: het centrum van "
                                       "de stad Charkiv is geraakt.", encoding="utf-8")
        start = time.monotonic()
        frame.wait_for_function(DRAWN_JS, arg="Kharkiv", timeout=15_000)
        took = time.monotonic() - start
        wait_idle(page)
        assert took <= 10, f"the new town showed after {took:.1f} s"
        assert slider(page).get_attribute("aria-valuetext") == "2023-02"  # the view kept
        assert page.url == shown and frame.evaluate("() => window.__same_map") is True
        assert page.locator('[data-testid="stException"]').count() == 0
        assert runs.fragment >= 1  # it was the page's own poll that saw the file
        context.close()
