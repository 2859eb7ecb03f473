"""Shared pytest fixtures. Several sessions add to this file: keep each addition small."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


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
    """The real gazetteer from the user's cache (built once, about a minute, when new)."""
    from mapapp.gazetteer import Gazetteer

    return Gazetteer.load(quiet=True)


@pytest.fixture(scope="session")
def geoparser(gazetteer):
    from mapapp.geoparse import Geoparser

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
