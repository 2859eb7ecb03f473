"""Tests for importing admin-1 boundaries and region unions, and looking them up."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import shapely

from mapapp.frontline.boundaries import (
    GEOBOUNDARIES_CREDIT,
    NATURAL_EARTH_CREDIT,
    find_shape,
    import_boundaries,
    load_boundaries,
    outline_of,
    parse_boundary_file,
    ukraine_outline,
)
from mapapp.frontline.geostore import InputFileError

DATA = Path(__file__).parents[1] / "data" / "frontline"


def test_small_file_keys_by_code_and_by_name():
    shapes, warnings = parse_boundary_file(DATA / "boundaries_small.geojson")
    assert warnings == []
    assert [(s.key, s.iso, s.kind) for s in shapes] == [
        ("UA-14", "UA-14", "admin1"), ("UA-09", "UA-09", "admin1"), ("Donbas", "", "region")]
    assert shapes[0].names == ("Donetsk Oblast", "Donetsk")
    assert shapes[2].components == ("UA-14", "UA-09")
    assert shapes[0].credit == GEOBOUNDARIES_CREDIT


def test_import_load_and_find(tmp_path):
    outcomes = import_boundaries([DATA / "boundaries_small.geojson"], tmp_path)
    assert [o.ok for o in outcomes] == [True]
    b = load_boundaries(tmp_path)
    assert b["UA-14"] is b["donetsk oblast"] is b["donetsk"]
    for text, key in [("provincie Donetsk", "UA-14"), ("Donetsk Oblast", "UA-14"),
                      ("ua-09", "UA-09"), ("Loehansk", "UA-09"), ("Luhansk", "UA-09"),
                      ("Donbas", "Donbas"), ("het Donbas", "Donbas")]:
        assert find_shape(b, text).key == key, text
    assert find_shape(b, "Krim") is None
    assert ukraine_outline(tmp_path) is None  # two units are no outline of Ukraine


def test_shared_names_are_left_out_rather_than_guessed(tmp_path):
    doc = json.loads((DATA / "boundaries_small.geojson").read_text())
    doc["features"][1]["properties"]["name_nl"] = "Donetsk"
    path = tmp_path / "clash.geojson"
    path.write_text(json.dumps(doc))
    import_boundaries([path], tmp_path / "data")
    b = load_boundaries(tmp_path / "data")
    assert "donetsk" not in b
    assert b["UA-14"].key == "UA-14" and b["UA-09"].key == "UA-09"


def test_reimport_replaces_units_by_key(tmp_path):
    import_boundaries([DATA / "boundaries_small.geojson"], tmp_path)
    doc = json.loads((DATA / "boundaries_small.geojson").read_text())
    doc["features"] = doc["features"][:1]
    doc["features"][0]["properties"]["shapeName"] = "Donetska oblast"
    path = tmp_path / "one.geojson"
    path.write_text(json.dumps(doc))
    import_boundaries([path], tmp_path)
    b = load_boundaries(tmp_path)
    assert b["UA-14"].name == "Donetska oblast"
    assert len({s.key for s in b.values()}) == 3


@pytest.mark.parametrize(("feature", "expected"), [
    ({"type": "Feature", "properties": {"type": "Region"},
      "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}},
     "feature 0: has neither an ISO 3166-2 code"),
    ({"type": "Feature", "properties": {"name": "x"},
      "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}},
     "feature 0: is a LineString"),
    ({"type": "Feature", "properties": {"name": "x"},
      "geometry": {"type": "Polygon", "coordinates": []}}, "feature 0: has an empty geometry"),
])
def test_bad_features_are_named(tmp_path, feature, expected):
    path = tmp_path / "bad.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
    with pytest.raises(InputFileError, match=expected):
        parse_boundary_file(path)


def test_bad_file_is_reported_and_good_ones_kept(tmp_path):
    bad = tmp_path / "bad.geojson"
    bad.write_text("")
    outcomes = import_boundaries([bad, DATA / "boundaries_small.geojson"], tmp_path / "d")
    assert [o.ok for o in outcomes] == [False, True]
    assert "bad.geojson: is empty" in outcomes[0].error
    assert "UA-09" in load_boundaries(tmp_path / "d")


def test_natural_earth_admin1_properties(tmp_path):
    feature = {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [
        [[33, 45], [34, 45], [34, 46], [33, 45]]]},
        "properties": {"iso_3166_2": "UA-43", "adm1_code": "UKR-283", "name": "Crimea",
                       "name_nl": "Krim", "name_alt": "Krym|Autonomous Republic of Crimea"}}
    path = tmp_path / "ne.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
    (shape,), _ = parse_boundary_file(path)
    assert shape.key == "UA-43" and shape.credit == NATURAL_EARTH_CREDIT
    assert shape.names == ("Crimea", "Krim", "Krym", "Autonomous Republic of Crimea")


@pytest.mark.shared
def test_real_oblasts_give_ukraine_outline(geodata_sources, tmp_path):
    files = [geodata_sources / "ukraine_oblasts.geojson",
             geodata_sources / "ukraine_macroregions.geojson"]
    outcomes = import_boundaries(files, tmp_path)
    assert all(o.ok for o in outcomes), [o.error for o in outcomes]
    b = load_boundaries(tmp_path)
    assert len({s.key for s in b.values()}) == 29
    assert find_shape(b, "provincie Donetsk").iso == "UA-14"
    krim = find_shape(b, "de Krim")  # the union, though also UA-43's Dutch name
    assert (krim.key, krim.components) == ("Crimea", ("UA-43", "UA-40"))
    assert find_shape(b, "Autonomous Republic of Crimea").iso == "UA-43"
    assert find_shape(b, "Donbas").components == ("UA-14", "UA-09")
    outline = ukraine_outline(tmp_path)
    assert outline is not None and outline.contains(shapely.Point(30.52, 50.45))  # Kyiv
    assert not outline.contains(shapely.Point(36.6, 50.6))  # Belgorod
    size = len(json.dumps(b["UA-14"].display_geojson()))
    assert size < 20_000


@pytest.mark.shared
def test_too_few_units_give_no_outline(geodata_sources):
    shapes, _ = parse_boundary_file(geodata_sources / "ukraine_oblasts.geojson")
    assert outline_of(shapes) is not None
    assert outline_of(shapes[:20]) is None
