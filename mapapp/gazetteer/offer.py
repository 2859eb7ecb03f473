"""Offer a corpus the villages of the country it is about (a GeoNames country dump).

The front runs through villages of a few hundred people (Robotyne,
Klishchiivka) that cities500 leaves out; ``gazetteer add-geonames UA`` adds
them, but a user has to know it exists. This module sees what a corpus is
about (its *focus countries*: those that hold a good share of the places it
names) and, for each whose dump is not installed yet, makes an ``Offer``: the
one command, and what it costs (populated places and megabytes, from the dump
itself when a copy is at hand, else from the size the dump server gives).
Accepting it downloads the dump, checks it and rebuilds the place index.

Where the dumps come from: ``$MAPAPP_GEONAMES_MIRROR`` (a folder holding
``XX.zip`` files, for a machine without internet, and the tests), else
``$MAPAPP_GEONAMES_URL`` (a URL template with ``{code}``), else GeoNames'
dump server. Nothing here imports Streamlit; ``app_villages`` shows it.
"""

from __future__ import annotations

import functools
import os
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from mapapp import paths
from mapapp.gazetteer import dumps, index

# A country is a focus of the corpus when it holds at least this share of the mentions of
# places (countries count too): the articles are about it, not just passing through it.
FOCUS_SHARE = 0.25
# A corpus naming fewer places than this says too little to be about anything.
FOCUS_MIN_MENTIONS = 3

Head = Callable[[str], int | None]  # URL → its size in bytes (a HEAD request), None unknown


class OfferError(RuntimeError):
    """Accepting an offer failed; the message says what to do instead (``offline_help``)."""


@dataclass(frozen=True)
class DumpFacts:
    """What adding a country's dump brings and costs, as far as it is known."""

    populated: int | None  # populated places (GeoNames feature class P) in the dump
    size: int | None  # bytes of the download
    source: str  # the file or URL the dump comes from


@dataclass(frozen=True)
class Offer:
    """One country the corpus is about whose villages are not in the gazetteer yet."""

    country: str  # ISO 3166-1 alpha-2
    country_name: str
    share: float  # of the corpus's mentions of places
    facts: DumpFacts

    @property
    def command(self) -> str:
        return f"python -m mapapp gazetteer add-geonames {self.country}"

    def text(self) -> str:
        """The notice: what the corpus is about, and what accepting brings.

        >>> Offer("UA", "Ukraine", 0.8, DumpFacts(33681, 2_195_167, "UA.zip")).text()
        'This corpus is about Ukraine; add its 33,681 populated places, 2.2 MB from GeoNames.'
        >>> Offer("UA", "Ukraine", 0.8, DumpFacts(None, None, "u")).text()
        'This corpus is about Ukraine; add its villages of every size from GeoNames.'
        """
        what = (f"its {self.facts.populated:,} populated places" if self.facts.populated
                else "its villages of every size")
        size = f", {self.facts.size / 1e6:.1f} MB" if self.facts.size else ""
        return f"This corpus is about {self.country_name}; add {what}{size} from GeoNames."


def focus_countries(mentions: Iterable[tuple[str, int]], share: float = FOCUS_SHARE
                    ) -> list[tuple[str, float]]:
    """The countries a corpus is about, with their share, largest first.

    ``mentions`` are (country code, mentions) of the places the corpus names,
    one pair a place or several. A country holds its places' mentions; "" (a
    sea, a supranational region) holds none.

    >>> focus_countries([("UA", 30), ("RU", 8), ("US", 2), ("", 5)])
    [('UA', 0.75)]
    >>> focus_countries([("UA", 1)])
    []
    """
    counts: Counter[str] = Counter()
    for country, n in mentions:
        if country:
            counts[country] += n
    total = sum(counts.values())
    if total < FOCUS_MIN_MENTIONS:
        return []
    return [(c, n / total) for c, n in counts.most_common() if n / total >= share]


def mirror_file(code: str) -> Path | None:
    """The dump of ``code`` in ``$MAPAPP_GEONAMES_MIRROR``, if it holds one."""
    folder = os.environ.get("MAPAPP_GEONAMES_MIRROR")
    if not folder:
        return None
    path = Path(folder) / f"{code.upper()}.zip"
    return path if path.is_file() else None


def dump_source(code: str) -> str:
    """Where the dump of ``code`` is taken from: a mirror file, else a URL."""
    local = mirror_file(code)
    if local is not None:
        return str(local)
    template = os.environ.get("MAPAPP_GEONAMES_URL") or dumps.DUMP_URL
    return template.format(code=code.upper())


def head_size(url: str) -> int | None:
    """The size the server gives for ``url`` (one HEAD request, 5 s at most); None offline."""
    request = urllib.request.Request(url, method="HEAD",
                                     headers={"User-Agent": "mapapp (frontline map)"})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            length = response.headers.get("Content-Length")
    except (OSError, ValueError):  # URLError is an OSError: offline, refused, timed out
        return None
    return int(length) if length and length.isdigit() else None


@functools.lru_cache(maxsize=32)
def _count_populated(path: str, size: int, mtime: int) -> int:
    del size, mtime  # part of the cache key: a replaced file is counted again
    return sum(1 for cols in dumps.rows(Path(path)) if cols[6] == "P")


def dump_facts(code: str, head: Head = head_size) -> DumpFacts:
    """Populated places and size of a country's dump: counted in a local copy, else the size
    the server gives (the count is known once the dump is in)."""
    source = dump_source(code)
    local = Path(source)
    if local.is_file():
        stat = local.stat()
        return DumpFacts(_count_populated(source, stat.st_size, stat.st_mtime_ns),
                         stat.st_size, source)
    return DumpFacts(None, head(source), source)


def installed_countries(data: Path) -> set[str]:
    """Country codes whose dump the user has added (``UA.zip`` → UA)."""
    return {p.name.split(".")[0].upper() for p in dumps.installed_dumps(data)}


def country_name(code: str) -> str:
    """The English name of a country (CLDR), else its code."""
    from babel import Locale

    return str(Locale("en").territories.get(code.upper(), code.upper()))


def offers(mentions: Iterable[tuple[str, int]], data: Path | None = None,
           head: Head = head_size) -> list[Offer]:
    """An offer for each focus country of the corpus whose dump is not installed."""
    have = installed_countries(data or paths.data_dir())
    return [Offer(code, country_name(code), share, dump_facts(code, head))
            for code, share in focus_countries(mentions) if code not in have]


def offline_help(offer: Offer, why: str) -> str:
    """What to do when the download failed: fetch the file elsewhere and import it."""
    url = dumps.DUMP_URL.format(code=offer.country)
    return (f"Could not download the villages of {offer.country_name} ({why}). On a machine "
            f"with internet, download {url} (GeoNames, CC BY 4.0), copy it here and run "
            f"`python -m mapapp gazetteer add-geonames PATH/{offer.country}.zip`; then "
            "restart the app.")


def accept(offer: Offer, data: Path | None = None,
           progress: index.Progress | None = None) -> Path:
    """Download (or copy) the offered dump, check it, and rebuild the place index.

    Raises ``OfferError`` with what to do when the dump cannot be had.
    """
    data = data or paths.data_dir()
    if progress is not None:
        progress(f"downloading the villages of {offer.country_name}", 0.0)
    try:
        path = dumps.install(offer.facts.source, data)
    except (OSError, urllib.error.URLError, dumps.GeoNamesDumpError) as err:
        raise OfferError(offline_help(offer, str(getattr(err, "reason", err)))) from err
    index.build_index(index.index_path(data=data), data, progress)
    return path
