"""Tests for reading front-line files, the store, snapshots and the status of places.

Hand-made fixtures (tests/data/frontline/, see tests/data/README.md) and
synthetic squares laid out in kilometres test the logic; the real DeepStateMap
derived files in ../shared/geodata-sources check the facts SOURCES.md states.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from mapapp.frontline.control import ControlStatus
from mapapp.frontline.geometry import lonlat_to_metric, to_lonlat
from mapapp.frontline.geostore import InputFileError
from mapapp.frontline.readers import (
    DEEPSTATE_CREDIT,
    Layer,
    classify_deepstate,
    parse_file,
)
from mapapp.frontline.snapshots import (
    Frontline,
    PlaceStatus,
    Snapshot,
    display_geojson,
    snapshots_from_layers,
    status_at,
    status_many,
)
from mapapp.frontline.storage import import_paths, merge_layers, read_layers
from mapapp.model import PartialDate

DATA = Path(__file__).parents[1] / "data" / "frontline"
SOLEDAR = (48.692, 38.071)
BAKHMUT = (48.594, 37.999)
X0, Y0 = 300_000.0, 5_300_000.0  # metres in the module's TM projection (about 33.3°E, 47.8°N)

OCCUPIED, GREY = ControlStatus.OCCUPIED, ControlStatus.GREY


def km_box(x0: float, y0: float, x1: float, y1: float) -> shapely.Polygon:
    """A rectangle given in km from (X0, Y0), as lon/lat (straight again once projected)."""
    return to_lonlat(shapely.box(X0 + x0 * 1e3, Y0 + y0 * 1e3, X0 + x1 * 1e3, Y0 + y1 * 1e3))


def km_point(x: float, y: float) -> tuple[float, float]:
    """(lat, lon) of a point given in km from (X0, Y0)."""
    p = to_lonlat(shapely.Point(X0 + x * 1e3, Y0 + y * 1e3))
    return p.y, p.x


def snapshot(occupied, grey=None, outline=None, day=dt.date(2023, 3, 16)) -> Snapshot:
    return Snapshot(day, occupied, grey if grey is not None else shapely.MultiPolygon(),
                    "test", "test credit", outline=outline)


# --- reading the DeepStateMap history format -------------------------------------------

def test_deepstate_snapshot_keeps_occupied_and_grey_and_counts_the_rest():
    parsed = parse_file(DATA / "1673294400.geojson")
    assert parsed.format == "deepstatemap"
    assert [(la.date, la.status) for la in parsed.layers] == [
        (dt.date(2023, 1, 9), OCCUPIED), (dt.date(2023, 1, 9), GREY)]
    occupied, grey = parsed.layers
    assert occupied.snapshot_utc == "2023-01-09T20:00:00Z"
    assert occupied.credit == DEEPSTATE_CREDIT
    assert occupied.geometry.equals(shapely.box(38.05, 48.55, 38.40, 48.80).difference(
        shapely.box(38.05, 48.75, 38.20, 48.80)).difference(
        shapely.box(38.05, 48.55, 38.20, 48.60)))
    assert not shapely.has_z(occupied.geometry)
    assert grey.geometry.equals(shapely.box(38.00, 48.60, 38.05, 48.70))
    assert parsed.skipped == {"Point": 1, "LineString": 1, "liberated": 1, "other": 1}


def test_2022_style_snapshot_uses_ukrainian_names_and_fill_colours():
    parsed = parse_file(DATA / "1672347600.geojson")
    occupied = parsed.layers[0]
    assert occupied.date == dt.date(2022, 12, 29)
    assert occupied.geometry.contains(shapely.Point(38.17, 48.70))  # known only by its fill
    assert parsed.layers[1].geometry.contains(shapely.Point(38.07, 48.65))


@pytest.mark.parametrize(("props", "expected"), [
    ({"name": "Окуповано /// Occupied /// geoJSON.status.occupied", "fill": "#123456"},
     OCCUPIED),
    ({"name": "ОРДЛО /// CADR and CALR\xa0/// geoJSON.territories.ordlo"}, OCCUPIED),
    ({"name": "Окупований Крим /// Occupied Crimea /// geoJSON.territories.crimea"}, OCCUPIED),
    ({"name": "Статус невідомий /// Unknown status\xa0/// geoJSON.status.unknown"}, GREY),
    ({"name": "Звільнено 25.03 /// Liberated 25.03 /// geoJSON.status.dismissed_at"},
     "liberated"),
    ({"name": "Придністров'я /// Transnistria /// geoJSON.territories.transnistria",
      "fill": "#a52714"}, "other"),
    ({"name": "Окуповано"}, OCCUPIED),
    ({"name": "Статус невідомий /// Unknown status"}, GREY),
    ({"name": "Звільнено /// Liberated"}, "liberated"),
    ({"name": "", "fill": "#A52714"}, OCCUPIED),
    ({"name": "something new", "fill": "#bdbdbd"}, GREY),
    ({"name": "something new", "fill": "#ff5252"}, "other"),
    ({}, "other"),
])
def test_classify_deepstate(props, expected):
    assert classify_deepstate(props) == expected


def test_occupied_polygon_outside_ukraine_is_not_kept(tmp_path):
    doc = json.loads((DATA / "1673294400.geojson").read_text())
    doc["features"][1]["geometry"]["coordinates"] = [[[33, 63], [34, 63], [34, 64], [33, 63]]]
    path = tmp_path / "1673294400.geojson"
    path.write_text(json.dumps(doc))
    parsed = parse_file(path)
    assert parsed.skipped["other"] == 2
    assert not parsed.layers[0].geometry.contains(shapely.Point(38.1, 48.7))


def test_last_endpoint_wrapper_carries_its_own_time(tmp_path):
    doc = {"id": 1673294400, "datetime": "09.01 o 22:00",
           "map": json.loads((DATA / "1673294400.geojson").read_text())}
    path = tmp_path / "last.json"
    path.write_text(json.dumps(doc))
    assert parse_file(path).layers[0].date == dt.date(2023, 1, 9)


# --- reading the dated format, and errors ------------------------------------------------

def test_dated_file_groups_features_by_date_and_status():
    parsed = parse_file(DATA / "dated_small.geojson")
    assert parsed.format == "dated"
    assert [(la.date.isoformat(), la.status) for la in parsed.layers] == [
        ("2022-12-29", GREY), ("2022-12-29", OCCUPIED), ("2023-01-09", OCCUPIED),
        ("2023-05-25", OCCUPIED)]
    jan9 = parsed.layers[2].geometry
    assert jan9.contains(shapely.Point(*SOLEDAR[::-1]))
    assert jan9.contains(shapely.Point(38.3, 48.78))  # the second feature of that date


def _collection(*features: dict) -> dict:
    return {"type": "FeatureCollection", "features": list(features)}


def _feature(props: dict, geometry: dict | None = None) -> dict:
    square = {"type": "Polygon", "coordinates": [[[38, 48], [38.1, 48], [38.1, 48.1], [38, 48]]]}
    return {"type": "Feature", "properties": props, "geometry": geometry or square}


GOOD = {"date": "2023-01-09", "status": "occupied"}


@pytest.mark.parametrize(("content", "expected"), [
    ("", "is empty"),
    ("{\"type\": \"FeatureCollection\", \"features\": [", "is not valid JSON (line 1"),
    ("[1, 2]", "expected a GeoJSON FeatureCollection"),
    (_collection(), "has no features"),
    (_collection(_feature(GOOD), _feature({"status": "occupied"})),
     "feature 1: has no 'date' property"),
    (_collection(_feature({"date": "09-01-2023", "status": "occupied"})),
     "feature 0: has date '09-01-2023'; write dates as YYYY-MM-DD"),
    (_collection(_feature({"date": "2023-02-30", "status": "occupied"})),
     "feature 0: has date '2023-02-30'"),
    (_collection(_feature({"date": "2023-01-09"})), "feature 0: has no 'status'"),
    (_collection(_feature({"date": "2023-01-09", "status": "taken"})),
     "feature 0: has unknown status 'taken'"),
    (_collection(_feature(GOOD, {"type": "Point", "coordinates": [38, 48]})),
     "feature 0: is a Point; only Polygon and MultiPolygon"),
    (_collection({"type": "Feature", "properties": GOOD, "geometry": None}),
     "feature 0: has no geometry"),
    (_collection(_feature(GOOD, {"type": "Polygon", "coordinates": [[[400000, 5300000],
                                                                     [400100, 5300000],
                                                                     [400100, 5300100],
                                                                     [400000, 5300000]]]})),
     "outside longitude/latitude range"),
    (_collection(_feature(GOOD, {"type": "Polygon", "coordinates": [[[38, 48], [38.1]]]})),
     "feature 0: has malformed coordinates"),
    (_collection(_feature({"name": "x"})), "is in neither known format"),
])
def test_bad_files_name_file_feature_and_remedy(tmp_path, content, expected):
    path = tmp_path / "bad.geojson"
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    with pytest.raises(InputFileError) as err:
        parse_file(path)
    assert str(err.value).startswith(str(path))
    assert expected in str(err.value)


def test_missing_file_and_undated_deepstate_snapshot(tmp_path):
    with pytest.raises(InputFileError, match="no such file"):
        parse_file(tmp_path / "nope.geojson")
    undated = tmp_path / "snapshot.geojson"
    undated.write_text((DATA / "1673294400.geojson").read_text())
    with pytest.raises(InputFileError, match=r"name it <unix_timestamp>\.geojson"):
        parse_file(undated)


def test_self_intersecting_ring_is_repaired_with_a_warning(tmp_path):
    bowtie = {"type": "Polygon", "coordinates": [[[38, 48], [38.2, 48.2], [38.2, 48],
                                                  [38, 48.2], [38, 48]]]}
    path = tmp_path / "bowtie.geojson"
    path.write_text(json.dumps(_collection(_feature(GOOD, bowtie))))
    parsed = parse_file(path)
    assert parsed.layers[0].geometry.is_valid
    assert parsed.layers[0].geometry.area == pytest.approx(0.02)
    assert len(parsed.warnings) == 1
    assert "feature 0: invalid geometry (Self-intersection" in parsed.warnings[0]
    assert "make_valid" in parsed.warnings[0]


# --- the store -----------------------------------------------------------------------------

def test_import_keeps_good_files_and_reports_bad_ones(tmp_path):
    bad = tmp_path / "bad.geojson"
    bad.write_text("{")
    report = import_paths([DATA / "dated_small.geojson", bad, DATA / "1673294400.geojson"],
                          tmp_path / "data")
    assert [o.ok for o in report.outcomes] == [True, False, True]
    assert "bad.geojson: is not valid JSON" in report.outcomes[1].error
    assert report.dates_in_store == 3
    layers = read_layers(tmp_path / "data")
    jan9 = [la for la in layers if la.date == dt.date(2023, 1, 9)]
    assert [la.credit for la in jan9] == [DEEPSTATE_CREDIT, DEEPSTATE_CREDIT]  # DeepState won


def test_a_later_snapshot_of_the_same_day_replaces_an_earlier_one():
    day = dt.date(2023, 1, 9)
    early = Layer(day, OCCUPIED, shapely.box(0, 0, 1, 1), "a", "c", "2023-01-09T08:00:00Z")
    late = Layer(day, OCCUPIED, shapely.box(0, 0, 2, 2), "b", "c", "2023-01-09T20:00:00Z")
    assert merge_layers([late], [early]) == [late]
    assert merge_layers([early], [late]) == [late]


def test_import_a_folder_keeps_good_files_and_reports_bad_ones(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("1672347600.geojson", "1673294400.geojson", "dated_small.geojson",
                 "history_public.json"):
        (folder / name).write_bytes((DATA / name).read_bytes())
    (folder / "notes.txt").write_text("not GeoJSON, not looked at")
    report = import_paths([folder], tmp_path / "data")
    assert [(o.path.name, o.ok) for o in report.outcomes] == [
        ("1672347600.geojson", True), ("1673294400.geojson", True),
        ("dated_small.geojson", True), ("history_public.json", False)]
    fl = Frontline.from_store(tmp_path / "data")
    assert [d.isoformat() for d in fl.dates] == ["2022-12-29", "2023-01-09", "2023-05-25"]


# --- picking the snapshot of a date --------------------------------------------------------

@pytest.fixture(scope="module")
def small_frontline() -> Frontline:
    return Frontline.from_files([DATA / "dated_small.geojson"])


@pytest.mark.parametrize(("when", "expected"), [
    ("2022-12-28", None), ("2022-12-29", "2022-12-29"), ("2023-01-08", "2022-12-29"),
    ("2023-01-09", "2023-01-09"), (dt.date(2023, 3, 1), "2023-01-09"),
    (PartialDate(2023, 5), "2023-05-25"), ("2023-05", "2023-05-25"), ("2030-01-01", "2023-05-25"),
    (dt.datetime(2023, 1, 9, 23, 59), "2023-01-09"),
])
def test_snapshot_at_is_the_latest_on_or_before(small_frontline, when, expected):
    snap = small_frontline.snapshot_at(when)
    assert (snap.date.isoformat() if snap else None) == expected


@settings(max_examples=60, deadline=None)
@given(days=st.lists(st.integers(0, 400), min_size=1, max_size=30, unique=True),
       ask=st.integers(-10, 410))
def test_snapshot_at_agrees_with_a_linear_scan(days, ask):
    start = dt.date(2022, 12, 1)
    snaps = [snapshot(shapely.box(0, 0, 1, 1), day=start + dt.timedelta(d)) for d in days]
    when = start + dt.timedelta(ask)
    earlier = [s for s in snaps if s.date <= when]
    expected = max(earlier, key=lambda s: s.date) if earlier else None
    assert Frontline(snaps).snapshot_at(when) is expected


def test_grey_zone_comes_from_the_same_date(small_frontline):
    snap = small_frontline.snapshot_at("2022-12-30")
    assert snap.grey.contains(shapely.Point(38.07, 48.65))
    assert small_frontline.snapshot_at("2023-01-09").grey.is_empty


# --- status and distance on synthetic squares ---------------------------------------------

UKRAINE = km_box(0, 0, 300, 300)  # "Ukraine" is a 300 km square; its east edge is the border


@pytest.fixture(scope="module")
def border_square() -> Snapshot:
    """Occupied 50 x 60 km against the eastern border: only its west edge is front."""
    return snapshot(km_box(250, 100, 300, 160), outline=UKRAINE)


def test_distance_to_the_front_edge_is_in_km(border_square):
    s = status_at(border_square, *km_point(245, 130))
    assert s.status == "near_front"
    assert s.distance_km == pytest.approx(5.0, abs=0.05)
    assert status_at(border_square, *km_point(230, 130)).distance_km == pytest.approx(20, abs=0.1)
    assert status_at(border_square, *km_point(230, 130)).status == "held"


def test_the_border_edge_is_not_front(border_square):
    beyond = status_at(border_square, *km_point(303, 130))
    assert beyond.status == "held"  # within 5 km of the outline counts as in Ukraine
    assert beyond.distance_km == pytest.approx(53, abs=0.1)
    assert status_at(border_square, *km_point(310, 130)).status == "outside"
    inside = status_at(border_square, *km_point(298, 130))
    assert inside.status == "occupied"
    assert inside.distance_km == pytest.approx(48, abs=0.1)


def test_the_coast_is_not_front():
    """A 22 km strip of sea inside the outline (territorial waters) south of the area."""
    snap = snapshot(km_box(100, 22, 200, 80), outline=UKRAINE)
    s = status_at(snap, *km_point(150, 25))
    assert s.status == "occupied"
    assert s.distance_km == pytest.approx(50, abs=0.1)  # to the west/east edge, not the coast


def test_a_narrow_channel_inside_occupied_land_is_not_front():
    snap = snapshot(shapely.union_all([km_box(100, 100, 150, 150), km_box(151, 100, 200, 150)]),
                    outline=UKRAINE)
    assert status_at(snap, *km_point(149, 125)).distance_km == pytest.approx(25, abs=0.1)


def test_without_an_outline_the_whole_edge_serves_and_occupied_gets_no_distance():
    snap = snapshot(km_box(250, 100, 300, 160))
    inside, west, beyond = status_many(snap, [km_point(298, 130), km_point(245, 130),
                                              km_point(303, 130)])
    assert (inside.status, inside.distance_km) == ("occupied", None)
    assert west.distance_km == pytest.approx(5.0, abs=0.05)
    assert (beyond.status, beyond.distance_km) == ("near_front", pytest.approx(3, abs=0.05))


def test_grey_zone_and_near_km(border_square):
    grey = km_box(240, 120, 250, 140)
    snap = snapshot(border_square.occupied, grey, UKRAINE)
    assert status_at(snap, *km_point(245, 130)).status == "grey"
    assert status_at(snap, *km_point(238, 130), near_km=15).status == "near_front"
    assert status_at(snap, *km_point(238, 130), near_km=10).status == "held"  # 12 km


def test_status_many_matches_one_by_one_and_handles_no_points(border_square):
    rng = np.random.default_rng(1)
    pts = [km_point(x, y) for x, y in rng.uniform(150, 320, size=(40, 2))]
    assert status_many(border_square, pts) == [status_at(border_square, *p) for p in pts]
    assert status_many(border_square, []) == []


@pytest.mark.parametrize(("status", "km", "expected"), [
    ("near_front", 0.7, "on 2023-03-16 Bakhmut was 0.7 km from the front line"),
    ("occupied", 3.2, "on 2023-03-16 Bakhmut was in occupied territory "
                      "(3.2 km behind the front line)"),
    ("occupied", None, "on 2023-03-16 Bakhmut was in occupied territory"),
    ("grey", 0.3, "on 2023-03-16 Bakhmut was in the grey zone"),
    ("held", 24.46, "on 2023-03-16 Bakhmut was in Ukrainian-held territory, "
                    "24.5 km from the front line"),
    ("outside", 640.2, "on 2023-03-16 Bakhmut was outside Ukraine, 640 km from the front line"),
])
def test_describe(status, km, expected):
    assert PlaceStatus(status, km, dt.date(2023, 3, 16)).describe("Bakhmut") == expected


def test_display_geojson_is_small_and_styled(border_square):
    doc = display_geojson(border_square)
    assert [f["properties"]["status"] for f in doc["features"]] == ["occupied", "front_line"]
    assert doc["features"][0]["properties"]["color"] == "#a52714"
    assert doc["properties"]["credit"] == "test credit"
    tiny = display_geojson(border_square, max_bytes=1)  # gives up after a few doublings
    assert tiny["features"]


# --- the real DeepStateMap-derived files (../shared) ---------------------------------------

@pytest.fixture(scope="module")
def real_frontline(geodata_sources: Path) -> Frontline:
    from mapapp.frontline.boundaries import outline_of, parse_boundary_file

    outline = outline_of(parse_boundary_file(geodata_sources / "ukraine_oblasts.geojson")[0])
    return Frontline.from_files([geodata_sources / "frontline_2022-12_2023-06.geojson",
                                 geodata_sources / "frontline_greyzone_2022-12_2023-06.geojson"],
                                outline)


@pytest.mark.shared
def test_soledar_is_occupied_from_2023_01_09_on(real_frontline):
    first = real_frontline.snapshot_at("2023-01-09")
    assert first.date == dt.date(2023, 1, 9)
    before = real_frontline.snapshot_at(first.date - dt.timedelta(days=1))
    assert status_at(before, *SOLEDAR).status != "occupied"
    later = [s for s in real_frontline if s.date >= first.date]
    assert all(status_at(s, *SOLEDAR).status == "occupied" for s in later)


@pytest.mark.shared
def test_bakhmut_centre_before_and_after(real_frontline):
    assert status_at(real_frontline.snapshot_at("2023-01-01"), *BAKHMUT).status != "occupied"
    assert status_at(real_frontline.snapshot_at("2023-05-25"), *BAKHMUT).status == "occupied"


@pytest.mark.shared
def test_real_front_excludes_border_and_coast(real_frontline):
    snap = real_frontline.snapshot_at("2023-03-16")
    places = {"Mariupol": (47.097, 37.543), "Luhansk": (48.574, 39.307),
              "Kherson": (46.636, 32.617), "Kramatorsk": (48.72, 37.56)}
    got = dict(zip(places, status_many(snap, list(places.values())), strict=True))
    assert got["Mariupol"].distance_km > 50  # not the Azov coast a few km away
    assert got["Luhansk"].distance_km > 50  # not the Russian border, nor the 2014 seam
    assert got["Kherson"].status == "near_front" and got["Kherson"].distance_km < 3
    assert got["Kramatorsk"].status == "held" and 15 < got["Kramatorsk"].distance_km < 35


@pytest.mark.shared
def test_real_display_payload_is_under_500_kb(real_frontline):
    for day in ("2022-12-01", "2023-03-16", "2023-06-01"):
        text = json.dumps(display_geojson(real_frontline.snapshot_at(day)))
        assert len(text.encode()) <= 500_000


def test_snapshots_need_an_occupied_layer():
    grey_only = Layer(dt.date(2023, 1, 1), GREY, shapely.box(0, 0, 1, 1), "s", "c")
    assert snapshots_from_layers([grey_only]) == []


def test_projection_round_trip_is_metric():
    x, y = lonlat_to_metric(np.array([36.0, 37.0]), np.array([48.0, 48.0]))
    assert np.hypot(x[1] - x[0], y[1] - y[0]) == pytest.approx(74_600, rel=0.01)
