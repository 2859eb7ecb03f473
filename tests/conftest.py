"""Shared pytest fixtures. Several sessions add to this file: keep each addition small."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The gazetteer index the tests build once and reuse across runs: the project's own, never
# the user's cache (which may hold an index built from their own GeoNames dumps).
TEST_CACHE = ROOT / ".pytest_cache" / "mapapp-cache"


# --- the user's folders stay out of the tests (issue 14) ---------------------------------
def pytest_configure(config: pytest.Config) -> None:
    """Point the data and cache folders away from the user's before any test or app starts.

    Set in the environment, so an app started with ``streamlit run`` inherits them too. A
    user's ``frontline import`` or ``gazetteer add-geonames`` can then change no result.
    """
    del config
    TEST_CACHE.mkdir(parents=True, exist_ok=True)
    os.environ["MAPAPP_CACHE_DIR"] = str(TEST_CACHE)
    os.environ["MAPAPP_DATA_DIR"] = tempfile.mkdtemp(prefix="mapapp-test-data-")
    os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="mapapp-test-xdg-data-")
    # No test reaches GeoNames' dump server: nothing listens on port 9 (issue 17's offer).
    os.environ["MAPAPP_GEONAMES_URL"] = "http://127.0.0.1:9/{code}.zip"
    os.environ.pop("MAPAPP_GEONAMES_MIRROR", None)


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path_factory: pytest.TempPathFactory,
                     monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test its own empty data folder ($MAPAPP_DATA_DIR); tests of the folder set their own."""
    path = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("MAPAPP_DATA_DIR", str(path))
    return path



# --- shared_dir (corpus/sentences session) ---------------------------------------------
@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` beside the repository (third-party data, gold sets), never committed.

    Skipped on a laptop without it; a failure when CI=true, so CI cannot go green silently.
    """
    path = (Path(__file__).parents[1] / ".." / "shared").resolve()
    if not path.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path} is missing; CI must provide ../shared (gold sets, benchmarks)")
        pytest.skip(f"{path} is missing (gold sets live there); set CI=true to make this fail")
    return path


# --- geodata_sources (frontline/boundaries session) -------------------------------------
@pytest.fixture(scope="session")
def geodata_sources(shared_dir: Path) -> Path:
    """``../shared/geodata-sources``: real third-party geodata (DeepStateMap, geoBoundaries).

    Read in place, never copied into the repository. Skipped when absent, a failure in CI.
    """
    path = shared_dir / "geodata-sources"
    if not path.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path} is missing; CI must provide ../shared/geodata-sources")
        pytest.skip(f"{path} is missing; set CI=true to make this fail")
    return path


# --- gazetteer and golden files (geoparser session) -------------------------------------
def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--regen-golden", action="store_true", default=False,
                     help="rewrite tests/golden/*.jsonl from the current geoparser, on purpose")


@pytest.fixture(scope="session")
def regen_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--regen-golden"))


@pytest.fixture(scope="session")
def gazetteer():
    """The real gazetteer from the tests' cache (built once, about a minute, when new)."""
    from mapapp.gazetteer.index import Gazetteer

    return Gazetteer.load(quiet=True)


@pytest.fixture(scope="session")
def geoparser(gazetteer):
    from mapapp.geoparse.pipeline import Geoparser

    return Geoparser(gazetteer)


# --- a real browser (app sessions) -------------------------------------------------------
@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright (never `playwright install`: no download here)."""
    from browser_support import CHROMIUM, CHROMIUM_ARGS

    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing; CI must run the browser tests")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(chromium):
    """open_page(url, app_url, before=None) → a page in a fresh browser profile, offline-routed;
    ``before(page)`` runs before the page loads (to listen from the first frame on)."""
    from browser_support import VIEWPORT, route_offline

    contexts = []

    def open_(url: str, app_url: str, before=None):
        context = chromium.new_context(viewport=VIEWPORT)
        contexts.append(context)
        route_offline(context, app_url)
        page = context.new_page()
        if before is not None:
            before(page)
        page.goto(url)
        return page

    yield open_
    for context in contexts:
        context.close()


# --- what the app's download buttons would hand out (app store and hostile-input tests) --
@pytest.fixture
def downloads(monkeypatch) -> dict:
    """File name → the bytes a click on its download button would get."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    made: dict[str, bytes] = {}
    real = MediaFileManager.add_deferred

    def add(self, data, mimetype, coordinates, file_name=None, **kwargs):
        made[file_name] = data
        return real(self, data, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", add)
    return made


# --- the gazetteer with Ukraine's villages (villages session, issue 17) ------------------
@pytest.fixture(scope="session")
def ua_gazetteer(geodata_sources: Path):
    """The gazetteer with ``../shared``'s UA.zip added, as a user who accepted the offer has
    it: built once into its own cache folder (about a minute), reused while the dump stays."""
    import shutil

    from mapapp.gazetteer.index import Gazetteer

    data = ROOT / ".pytest_cache" / "mapapp-data-UA"
    dump = data / "geonames" / "UA.zip"
    source = geodata_sources / "geonames" / "UA.zip"
    if not dump.exists() or dump.stat().st_size != source.stat().st_size:
        dump.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, dump)  # keeps the time stamp: the index's key stays the same
    return Gazetteer.load(ROOT / ".pytest_cache" / "mapapp-cache-UA", data=data, quiet=True)
