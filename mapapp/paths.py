"""The folders the project reads and writes, in one place.

Every layer needs one of them (the gazetteer its cache, the front line the user's imported
data, the app the bundled seeds), so they live below every layer instead of in the module
that happened to need them first. Environment variables come first, so tests and operators
can point each folder elsewhere without touching the user's own.
"""

from __future__ import annotations

import os
from pathlib import Path


def project_root() -> Path:
    """The source checkout: the folder that holds ``mapapp/``, ``geodata/`` and ``seeds/``."""
    return Path(__file__).resolve().parent.parent


def geodata_dir() -> Path:
    """The project's curated lists (geodata/ beside the package)."""
    return project_root() / "geodata"


def seed_dir() -> Path:
    """The bundled seed articles: ``seeds/`` next to the ``mapapp`` package.

    Found via the package's own location, never the working directory; it
    exists in a source checkout (and the Streamlit Cloud deployment).
    """
    return project_root() / "seeds"


def cache_dir() -> Path:
    """Where built indexes live: $MAPAPP_CACHE_DIR, else the user's cache folder."""
    if os.environ.get("MAPAPP_CACHE_DIR"):
        return Path(os.environ["MAPAPP_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "mapapp"


def data_dir() -> Path:
    """Where user-imported data lives: $MAPAPP_DATA_DIR, else the user's data folder."""
    if os.environ.get("MAPAPP_DATA_DIR"):
        return Path(os.environ["MAPAPP_DATA_DIR"])
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "mapapp"
