"""A geoparsed folder remembered on disk, so a restarted app shows it without geoparsing.

Restarting ``streamlit run mapapp/app.py -- --corpus DIR`` used to load the
1.2-million-name place index (about a second and 0.5 GB) and geoparse every
article again before the first place was drawn, although nothing had changed
(issue 14: 12–23 s to the first marker). The result of reading and
geoparsing a folder is a pure function of the folder's files, the
project's code and the place index's inputs; this module keeps it in the
cache folder under a key made of all three, so the next start reads one
file instead. The gazetteer is then loaded only when something needs
geoparsing (a changed file, an upload).

The key covers: the folder's path and its fingerprint (every article file's
name, size and modification time), the geoparser's class, a digest of the package's source and
curated lists (any change of the geoparser is a new key), and the place
index's own key (a GeoNames dump added with ``gazetteer add-geonames``
changes what is found). Entries are written atomically and the oldest are
removed beyond ``KEEP``; an unreadable entry is treated as missing.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from mapapp.gazetteer.index import index_key
from mapapp.paths import cache_dir, geodata_dir
from mapapp.plumbing.files import atomic_write

KEEP = 8  # folders remembered; each entry is a few MB per thousand articles
PACKAGE = Path(__file__).resolve().parent.parent  # mapapp/: the whole package
T = TypeVar("T")


@lru_cache(maxsize=1)
def code_version() -> str:
    """A digest of the package's Python sources and curated lists (once per process)."""
    h = hashlib.sha256()
    for path in sorted([*PACKAGE.rglob("*.py"), *geodata_dir().glob("*.csv")]):
        h.update(path.name.encode() + path.read_bytes())
    return h.hexdigest()[:16]


def entry_path(folder: Path, fingerprint: str, parser: str, cache: Path | None = None) -> Path:
    """Where the folder's parse with this fingerprint by this geoparser (its class) is kept."""
    key = "\0".join((str(folder.resolve()), fingerprint, parser, code_version(), index_key()))
    digest = hashlib.sha256(key.encode()).hexdigest()[:24]
    return (cache or cache_dir()) / "parsed" / f"folder-{digest}.pickle"


def _read(path: Path) -> object | None:
    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    except FileNotFoundError:
        return None
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError,
            ValueError):
        return None  # damaged or written by other code: parse again and overwrite


def _write(path: Path, value: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_write(path) as f:
        pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
    entries = sorted(path.parent.glob("folder-*.pickle"), key=lambda p: p.stat().st_mtime)
    for old in entries[:-KEEP]:
        with contextlib.suppress(OSError):
            old.unlink()


def remembered(folder: Path, fingerprint: str, parser: str, parse: Callable[[], T],
               cache: Path | None = None) -> T:
    """``parse()``'s result for the folder, from disk when this exact folder was parsed before.

    ``parser`` names the geoparser (its class), so that a stand-in never shares the real
    geoparser's entries.

    A cache that cannot be written (a read-only home, a full disk) costs only the saving:
    the result is returned all the same.
    """
    path = entry_path(folder, fingerprint, parser, cache)
    found = _read(path)
    if found is not None:
        return found  # type: ignore[return-value]  # written by this function for this key
    result = parse()
    with contextlib.suppress(OSError):
        _write(path, result)
    return result
