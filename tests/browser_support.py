"""Running the app in a real Chromium without internet (see docs/TESTING.md).

Three helpers for tests/browser/ and bench/app_speed.py: start
``streamlit run`` on a free port and wait for its health check; route every
request that is not for the app to local copies (Debian's Leaflet and
jQuery) or empty stubs, because folium pages load their JS, CSS and tiles
from CDNs and the map iframe stays blank without them; and find the map's
iframe and its Leaflet objects.
"""

from __future__ import annotations

import base64
import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "mapapp" / "app.py"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
LEAFLET = Path("/usr/share/javascript/leaflet")
JQUERY = Path("/usr/share/javascript/jquery")
MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
VIEWPORT = {"width": 1400, "height": 1000}
PIXEL_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), \
                urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            if response.status == 200:
                return
        time.sleep(0.2)
    raise TimeoutError(f"streamlit did not answer at {url} within {timeout:.0f} s")


@contextlib.contextmanager
def streamlit_app(app_args: Sequence[str] = (), script: Path = APP,
                  timeout: float = 120) -> Iterator[str]:
    """``streamlit run`` the app on a free port; yields its URL, stops it (by PID) after."""
    port = free_port()
    # the console script, as the README runs it (``python -m streamlit`` would add the working
    # directory to sys.path, which a user's ``streamlit run`` does not)
    launcher = Path(sys.executable).with_name("streamlit")
    head = [str(launcher)] if launcher.exists() else [sys.executable, "-m", "streamlit"]
    cmd = [*head, "run", str(script), "--server.headless", "true",
           "--server.port", str(port), "--browser.gatherUsageStats", "false",
           "--server.fileWatcherType", "none", "--client.toolbarMode", "minimal"]
    if app_args:
        cmd += ["--", *app_args]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env=os.environ | {"PYTHONUNBUFFERED": "1"})
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, timeout)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _offline_answer(url: str) -> tuple[bytes, str]:
    """Body and content type standing in for a CDN or tile request."""
    name = url.split("?")[0].rsplit("/", 1)[-1]
    if "leaflet" in url and name in ("leaflet.js", "leaflet.css"):
        kind = "text/css" if name.endswith(".css") else "text/javascript"
        return (LEAFLET / name).read_bytes(), kind
    if "jquery" in url and name.endswith(".js") and (JQUERY / "jquery.min.js").exists():
        return (JQUERY / "jquery.min.js").read_bytes(), "text/javascript"
    if name.endswith(".js"):
        return b"", "text/javascript"
    if name.endswith(".css"):
        return b"", "text/css"
    return PIXEL_PNG, "image/png"  # tiles, icons


def route_offline(context, app_url: str) -> None:
    """Serve the app from the server and everything else locally (a Playwright context)."""

    def handle(route):
        url = route.request.url
        if url.startswith(app_url) or url.startswith(("data:", "blob:")):
            route.continue_()
            return
        body, content_type = _offline_answer(url)
        route.fulfill(status=200, body=body, content_type=content_type,
                      headers={"Access-Control-Allow-Origin": "*"})

    context.route("**/*", handle)


def map_frame(page, timeout: float = 60_000):
    """The Playwright Frame of the map, once Leaflet has drawn its first place."""
    page.wait_for_selector(MAP_IFRAME, timeout=timeout)
    page.frame_locator(MAP_IFRAME).locator("path.leaflet-interactive").first.wait_for(
        state="attached", timeout=timeout)
    handle = page.query_selector(MAP_IFRAME)
    return handle.content_frame()


def wait_idle(page, timeout: float = 30_000) -> None:
    """Wait until Streamlit's "running" indicator has gone."""
    page.wait_for_timeout(150)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="detached", timeout=timeout)


# A point inside the circle of the named place where that circle is the topmost
# shape (a smaller place may lie on top of its centre), in iframe pixels.
PLACE_POINT_JS = """(name) => {
    let layer = null;
    window.map.eachLayer(l => {
        if (l.feature && l.feature.properties && l.feature.properties.label === name) layer = l;
    });
    if (!layer) return null;
    const c = window.map.latLngToContainerPoint(layer.getLatLng());
    const box = window.map.getContainer().getBoundingClientRect();
    const r = layer.getRadius();
    const tries = [[0, 0]];
    for (let k = 0; k < 16; k++) {
        const a = k * Math.PI / 8, d = (k % 2 ? 0.4 : 0.75) * r;
        tries.push([Math.cos(a) * d, Math.sin(a) * d]);
    }
    for (const [dx, dy] of tries) {
        const x = box.left + c.x + dx, y = box.top + c.y + dy;
        if (document.elementFromPoint(x, y) === layer._path) return {x: x, y: y};
    }
    return null;
}"""


def click_place(page, frame, name: str) -> None:
    """Click the circle of ``name`` where it is the topmost shape, like a user would."""
    point = frame.evaluate(PLACE_POINT_JS, name)
    if point is None:
        raise AssertionError(f"{name} is not drawn on the map, or hidden under other places")
    box = page.query_selector(MAP_IFRAME).bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


def slider(page):
    """The sidebar's date slider (a select slider: focus it, press arrow keys)."""
    return page.get_by_role("slider", name="Date")


def heading(page, name: str):
    """The side panel's heading of a selected place."""
    return page.locator("h3", has_text=re.compile(f"^{re.escape(name)}$"))


def wait_for_address(page, pattern: str, timeout: float = 30_000) -> None:
    """Wait until the address bar matches ``pattern``: polled, because the app changes it by
    pushState and Playwright's wait_for_url also waits for a load event that may not come."""
    try:
        page.wait_for_function("(p) => new RegExp(p).test(location.href)", arg=pattern,
                               timeout=timeout)
    except Exception as error:
        raise AssertionError(f"the address bar never matched {pattern!r}: it reads "
                             f"{page.evaluate('location.href')}") from error


def step_slider_to(page, label: str, name: str = "Date", timeout: float = 60.0,
                   follow: bool = False) -> None:
    """Move the slider with the arrow keys, one step at a time as a user reads each date,
    until it shows ``label``; fails naming where it stopped.

    Each step waits for the slider to show it before the next key: a key pressed while a
    rerun replaces the widget can be lost, and counting presses would then stop short.
    With ``follow`` each step also waits for the address bar to show its date, as a user
    who reads each view does (eleven keys fired as fast as the slider moves left the
    address bar behind the slider in 2 of 6 loaded full runs; not reproduced alone).
    """
    slider = page.get_by_role("slider", name=name)
    deadline = time.monotonic() + timeout
    while (now := slider.get_attribute("aria-valuetext")) != label:
        if time.monotonic() > deadline:
            raise AssertionError(f"the {name} slider stopped at {now}, not {label}")
        slider.press("ArrowLeft" if label < (now or "") else "ArrowRight")
        for _ in range(50):  # up to 5 s for this step to show, then press again
            if slider.get_attribute("aria-valuetext") != now:
                break
            page.wait_for_timeout(100)
        shown = slider.get_attribute("aria-valuetext")
        if follow and shown != now:
            wait_for_address(page, f"date={re.escape(shown or '')}")
