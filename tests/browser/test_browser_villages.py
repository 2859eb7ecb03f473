"""The villages offer in a real browser: the notice, its button, the rebuild, the map after.

The app runs as the README starts it, on an English article about the
fighting around Robotyne (a village of 480 people, not in cities500). The
dump is ``../shared``'s real UA.zip, served by a local HTTP server: no test
reaches the internet. Offline (nothing listens), the notice says how to
import a file.
"""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import map_frame, streamlit_app, wait_idle

from mapapp.gazetteer import index as gz

pytestmark = pytest.mark.browser
TEST_CACHE = Path(__file__).resolve().parents[2] / ".pytest_cache" / "mapapp-cache"

ARTICLE = {"id": "robotyne-1", "date": "2023-08-24", "lang": "en", "title": "Robotyne",
           "text": "Ukrainian troops have taken the village of Robotyne, south of Orikhiv in "
                   "Zaporizhzhia Oblast. Fighting went on around Robotyne and towards Tokmak."}


@pytest.fixture(scope="module")
def corpus_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("villages") / "articles"
    folder.mkdir()
    (folder / "robotyne.jsonl").write_text(json.dumps(ARTICLE) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def dump_site(geodata_sources, tmp_path_factory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("dump-site")
    shutil.copyfile(geodata_sources / "geonames" / "UA.zip", root / "UA.zip")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/{{code}}.zip"
    server.shutdown()


def _app(gazetteer, corpus_folder: Path, tmp: Path, dump_url: str):
    """The app with an empty data folder and a cache holding the tests' base index."""
    del gazetteer  # built first: copied, so the app starts in seconds
    data, cache = tmp / "data", tmp / "cache"
    data.mkdir()
    cache.mkdir()
    base = gz.index_path(TEST_CACHE, data=data)  # not cache_dir(): another app's may be set
    shutil.copy2(base, cache / base.name)
    env = {"MAPAPP_DATA_DIR": str(data), "MAPAPP_CACHE_DIR": str(cache),
           "MAPAPP_GEONAMES_URL": dump_url}
    with pytest.MonkeyPatch.context() as mp:
        for key, value in env.items():
            mp.setenv(key, value)
        with streamlit_app(["--corpus", str(corpus_folder)]) as url:
            yield url, data


@pytest.fixture(scope="module")
def online_app(chromium, gazetteer, corpus_folder, dump_site, tmp_path_factory):
    yield from _app(gazetteer, corpus_folder, tmp_path_factory.mktemp("online"), dump_site)


@pytest.fixture(scope="module")
def offline_app(chromium, gazetteer, corpus_folder, tmp_path_factory):
    with socket.socket() as s:  # a port nobody listens on once closed
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    yield from _app(gazetteer, corpus_folder, tmp_path_factory.mktemp("offline"),
                    f"http://127.0.0.1:{port}/{{code}}.zip")


def _drawn(page) -> set[str]:
    frame = map_frame(page)
    return set(frame.evaluate("""() => { const names = [];
        window.map.eachLayer(l => { if (l.feature && l.feature.properties.label)
            names.push(l.feature.properties.label); });
        return names; }"""))


@pytest.mark.shared
@pytest.mark.slow
def test_the_offer_adds_the_villages_and_the_map_shows_them(online_app, open_page,
                                                            geodata_sources):
    url, data = online_app
    page = open_page(url, url)
    size_mb = (geodata_sources / "geonames" / "UA.zip").stat().st_size / 1e6
    notice = page.get_by_text(f"This corpus is about Ukraine; add its villages of every size, "
                              f"{size_mb:.1f} MB from GeoNames.")
    notice.wait_for(timeout=60_000)
    page.get_by_text("names the articles call villages or towns are not on the map").click()
    page.get_by_text("Robotyne · 1 mention(s) · robotyne-1").wait_for(timeout=10_000)
    wait_idle(page)
    assert "Robotyne" not in _drawn(page)

    page.get_by_role("button", name="Add the villages of Ukraine").click()
    page.get_by_text("Adding the villages of Ukraine").first.wait_for(timeout=30_000)
    notice.wait_for(state="detached", timeout=300_000)  # downloaded, rebuilt, reloaded
    wait_idle(page, timeout=60_000)
    page.wait_for_timeout(1500)
    assert "Robotyne" in _drawn(page)
    assert "are not on the map" not in page.locator("body").inner_text()  # now it is
    assert (data / "geonames" / "UA.zip").read_bytes() == (
        geodata_sources / "geonames" / "UA.zip").read_bytes()
    assert page.locator('[data-testid="stException"]').count() == 0


@pytest.mark.shared
def test_offline_the_notice_says_how_to_import_a_file(offline_app, open_page):
    url, data = offline_app
    page = open_page(url, url)
    page.get_by_text("This corpus is about Ukraine; add its villages of every size from "
                     "GeoNames.").wait_for(timeout=60_000)
    page.get_by_role("button", name="Add the villages of Ukraine").click()
    help_text = page.get_by_text("gazetteer add-geonames PATH/UA.zip", exact=False)
    help_text.first.wait_for(timeout=30_000)
    assert "download.geonames.org/export/dump/UA.zip" in page.locator("body").inner_text()
    assert not (data / "geonames" / "UA.zip").exists()
    assert page.locator('[data-testid="stException"]').count() == 0
