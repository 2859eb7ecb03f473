"""How long a user waits, measured in Chromium as they meet it (issue 14, item 7).

    python bench/app_browser_speed.py                       # the seeds
    python bench/app_browser_speed.py --corpus DIR --frontline FILE…  --runs 7

Starts ``streamlit run mapapp/app.py`` with the README's console script and
times, from the user's side:

1. **restart**: from starting the server (the place index already cached on
   disk) to the first place drawn for a visitor who opens the page at once;
2. **new visitor**: a fresh browser profile opening a running app, to the
   first place on the map (median of ``--runs``);
3. **slider key → map and panel**: one ArrowLeft on the date slider until
   the map holds the new layer and the panel names the new date;
4. **marker click → panel**: a click on a place's circle until its heading
   shows in the side panel.

Targets: ≤ 5 s, ≤ 2 s, ≤ 0.3 s, ≤ 0.5 s. CDN files and tiles are served
locally (tests/browser_support.py), so the figures leave out the network.
The machine's load is printed with the figures: on two shared cores it
moves them. Nothing is written to the repository.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests")]

from browser_support import (  # noqa: E402  (tests/ goes on the path first)
    CHROMIUM,
    CHROMIUM_ARGS,
    VIEWPORT,
    click_place,
    heading,
    map_frame,
    route_offline,
    slider,
    streamlit_app,
    wait_idle,
)

# Tag the layers now on the map and count the component's renders from now on: a render
# means the page sent new layers (an unchanged window sends none), which must then be drawn.
TAG_LAYERS_JS = """() => { window.map.eachLayer(l => { l.__seen = true; });
    if (!window.__counting) { window.__counting = true;
        window.addEventListener('message', e => {
            if (e.data && e.data.type === 'streamlit:render') window.__renders += 1; }); }
    window.__renders = 0; }"""
DRAWN_JS = """() => { if (!window.__renders) return true;
    let fresh = false;
    window.map.eachLayer(l => { if (l.feature && !l.__seen) fresh = true; });
    return fresh; }"""
BIGGEST_PLACE_JS = """() => { let best = null, most = -1;
    window.map.eachLayer(l => { const p = l.feature && l.feature.properties;
        if (p && p.kind === 'city' && l.getRadius && l.getRadius() > most) {
            most = l.getRadius(); best = p.label; } });
    return best; }"""


def _page(browser, url: str):
    context = browser.new_context(viewport=VIEWPORT)
    route_offline(context, url)
    return context, context.new_page()


def _to_first_place(browser, url: str) -> float:
    context, page = _page(browser, url)
    start = time.perf_counter()
    page.goto(url)
    map_frame(page, timeout=600_000)
    took = time.perf_counter() - start
    context.close()
    return took


def _slider_moves(page, frame, n: int) -> list[float]:
    times = []
    slider(page).focus()
    slider(page).press("End")
    wait_idle(page)
    for _ in range(n):
        label = slider(page).get_attribute("aria-valuetext")
        frame.evaluate(TAG_LAYERS_JS)
        start = time.perf_counter()
        slider(page).press("ArrowLeft")
        new = label
        while new == label and time.perf_counter() - start < 3:
            new = slider(page).get_attribute("aria-valuetext")
        if new == label:  # the first date: nothing left to move to
            break
        page.locator("p", has_text=f"up to {new}").first.wait_for(timeout=30_000)
        page.locator('[data-testid="stStatusWidget"]').wait_for(state="detached")
        frame.wait_for_function(DRAWN_JS, timeout=30_000)
        times.append(time.perf_counter() - start)
        wait_idle(page)
    return times


def _clicks(page, frame, n: int) -> list[float]:
    times = []
    for _ in range(n):
        clear = page.get_by_role("button", name="Clear selection")
        if clear.count():
            clear.click()
            wait_idle(page)
        name = frame.evaluate(BIGGEST_PLACE_JS)
        start = time.perf_counter()
        click_place(page, frame, name)
        heading(page, name).wait_for(timeout=30_000)
        times.append(time.perf_counter() - start)
        wait_idle(page)
    return times


def _line(what: str, times: list[float], target: float) -> None:
    med = statistics.median(times)
    mark = "met" if med <= target else "NOT met"
    print(f"{what:<44} median {med:.2f} s, worst {max(times):.2f} s (n={len(times)}; "
          f"target ≤ {target:g} s: {mark})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", help="a folder of articles (default: the seeds)")
    parser.add_argument("--store", help="a store instead of a folder")
    parser.add_argument("--frontline", nargs="+", default=[], help="front-line files")
    parser.add_argument("--runs", type=int, default=5, help="repetitions (default 5)")
    args = parser.parse_args()
    if not CHROMIUM.exists():
        sys.exit(f"{CHROMIUM} is missing: apt-get install chromium libjs-leaflet")
    app_args = ([*(["--corpus", args.corpus] if args.corpus else []),
                 *(["--store", args.store] if args.store else []),
                 *(["--frontline", *args.frontline] if args.frontline else [])])
    from playwright.sync_api import sync_playwright

    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        restarts, visitors, moves, clicks = [], [], [], []
        for run in range(max(1, args.runs // 2)):
            start = time.perf_counter()
            with streamlit_app(app_args, timeout=600) as url:
                context, page = _page(browser, url)
                page.goto(url)
                frame = map_frame(page, timeout=600_000)
                restarts.append(time.perf_counter() - start)
                wait_idle(page)
                context.close()
                if run == 0:
                    visitors = [_to_first_place(browser, url) for _ in range(args.runs)]
                    context, page = _page(browser, url)
                    page.goto(url)
                    frame = map_frame(page)
                    wait_idle(page)
                    moves = _slider_moves(page, frame, args.runs)
                    clicks = _clicks(page, frame, args.runs)
                    context.close()
        browser.close()
    _line("restart (index cached) → first place", restarts, 5.0)
    _line("new visitor → first place on the map", visitors, 2.0)
    _line("slider key → map and panel updated", moves, 0.3)
    _line("marker click → panel", clicks, 0.5)
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
