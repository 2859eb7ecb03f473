"""The app's front-line and region layers without a browser (AppTest).

The handmade corpus and stand-in geoparser of test_app.py, with the real
DeepStateMap-derived snapshots and geoBoundaries outlines from
../shared/geodata-sources (skipped when absent, a failure under CI=true).
Facts checked, from SOURCES.md there: Bakhmut's centre is outside the
occupied area on 2023-01-01 and inside on 2023-05-25; Soledar is occupied
from 2023-01-09 on.

Every test points MAPAPP_DATA_DIR at an empty temporary folder, so data the
user imported on this machine never leaks in.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
import streamlit as st
from app_support import APP, page, params
from handmade import FakeGeoparser, corpus, parsed, write_seed_files
from streamlit.testing.v1 import AppTest

BAKHMUT, SOLEDAR, DONETSK_OBLAST, DONBAS = "713174", "706757", "709716", "r:donbas"
OCCUPIED_COLOUR = "#a52714"



@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    path = tmp_path / "data"
    monkeypatch.setenv("MAPAPP_DATA_DIR", str(path))
    return path


@pytest.fixture
def articles(tmp_path, monkeypatch, data_dir):
    monkeypatch.setattr("mapapp.geoparse.pipeline.Geoparser", FakeGeoparser)
    monkeypatch.setattr("mapapp.gazetteer.index.Gazetteer.load",
                        classmethod(lambda cls, *a, **k: None))
    path = tmp_path / "corpus"
    write_seed_files(path, corpus())
    yield path
    st.cache_resource.clear()


@pytest.fixture
def late_articles(articles):
    """The handmade corpus plus 2024 articles, past the last snapshot (2023-06-01)."""
    write_seed_files(articles, [
        parsed("b1", "2024-02", "Rusland neemt Soledar in. Bachmoet ligt in puin."),
        parsed("b2", "2024-06", "Weer beschietingen bij Bachmoet."),
    ])
    return articles


@pytest.fixture
def front_files(geodata_sources):
    return [str(geodata_sources / "frontline_2022-12_2023-06.geojson"),
            str(geodata_sources / "frontline_greyzone_2022-12_2023-06.geojson")]


@pytest.fixture
def boundary_files(geodata_sources):
    return [str(geodata_sources / "ukraine_oblasts.geojson"),
            str(geodata_sources / "ukraine_macroregions.geojson")]


def start(monkeypatch, folder: Path, *args: str, **params: str) -> AppTest:
    monkeypatch.setattr(sys, "argv", ["app.py", "--corpus", str(folder), *args])
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def layers(at: AppTest) -> str:
    return json.loads(at.get("component_instance")[0].proto.json_args)["feature_group"]


def features(at: AppTest) -> list[dict]:
    """Every GeoJSON feature the map's layers add, as folium wrote them (one call a line)."""
    calls = re.findall(r"_add\((\{.*\})\);$", layers(at), re.M)
    return [f for call in calls for f in json.loads(call)["features"]]


def snapshot_dates(at: AppTest) -> set[str]:
    """Dates of the territorial-control features drawn (the places carry no date)."""
    return {f["properties"]["date"] for f in features(at) if "date" in f["properties"]}


def feature(at: AppTest, name: str, outline: bool | None = None) -> dict:
    """The one feature labelled ``name`` (``outline``: True its outline, False its point)."""
    (found,) = [f for f in features(at) if f["properties"].get("label") == name
                and (outline is None or ("shape" in f["properties"]) == outline)]
    return found


def place(at: AppTest, name: str, outline: bool | None = None) -> dict:
    return feature(at, name, outline)["properties"]


def attributions(at: AppTest) -> list[str]:
    """The layers' credits as Leaflet gets them (folium writes < as \\u003c)."""
    return [json.loads(a) for a in re.findall(r'"attribution": ("(?:[^"\\]|\\.)*")', layers(at))]




def captions(at: AppTest) -> str:
    return "\n".join(c.value for c in at.caption)


def licences(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)




# ------------------------------------------------------------ territorial control


@pytest.mark.shared
def test_front_line_follows_the_slider_on_the_same_map(monkeypatch, articles, front_files):
    at = start(monkeypatch, articles, "--frontline", *front_files, date="2023-01")
    assert not at.exception and not at.error
    assert snapshot_dates(at) == {"2023-01-30"}  # the latest snapshot on or before 2023-01-31
    assert OCCUPIED_COLOUR in layers(at) and '"interactive": false' in layers(at)
    assert ('Territorial control: <a href="https://deepstatemap.live">DeepStateMap.live</a>'
            in attributions(at))
    assert "Territorial control on 2023-01-30" in captions(at)
    before = at.get("component_instance")[0].proto.id
    at.select_slider(key="date").set_value("2023-05").run()
    assert snapshot_dates(at) == {"2023-05-29"}
    assert at.get("component_instance")[0].proto.id == before  # no reload of the base map
    legend = page(at)
    for label in ("Russian-occupied", "Grey zone (status unknown)", "Front line"):
        assert label in legend


@pytest.mark.shared
def test_before_the_first_snapshot_nothing_is_drawn_and_it_says_so(monkeypatch, articles,
                                                                    geodata_sources):
    one = geodata_sources / "frontline_2022-12_2023-06.geojson"
    doc = json.loads(one.read_text())
    doc["features"] = [f for f in doc["features"] if f["properties"]["date"] >= "2023-02-01"]
    later = articles.parent / "later.geojson"
    later.write_text(json.dumps(doc))
    at = start(monkeypatch, articles, "--frontline", str(later), date="2023-01",
               place=BAKHMUT)
    assert snapshot_dates(at) == set() and not at.exception
    assert ("Front line unknown on 2023-01-31: the snapshots start on 2023-02-02."
            in captions(at))
    assert ("Where Bakhmut stood on 2023-01-31 is unknown: the snapshots start on 2023-02-02."
            in page(at))


@pytest.mark.shared
def test_a_date_past_the_snapshots_says_unknown_and_draws_nothing_as_current(
        monkeypatch, late_articles, front_files):
    at = start(monkeypatch, late_articles, "--frontline", *front_files, date="2024-06",
               place=BAKHMUT)
    assert not at.exception and not at.error
    why = "the newest snapshot is 2023-06-01, 395 days earlier (tolerance 10 days)"
    assert f"Front line unknown on 2024-06-30: {why}." in captions(at)
    assert "Territorial control on" not in captions(at)
    assert snapshot_dates(at) == set() and OCCUPIED_COLOUR not in layers(at)
    bakhmut = place(at, "Bakhmut")
    assert bakhmut["detail"].endswith(" articles · front line unknown on 2024-06-30 "
                                      "(newest snapshot 2023-06-01, 395 days earlier)")
    assert bakhmut["style"]["color"] == "#000000"  # selected; unselected: the kind's outline
    assert place(at, "Soledar")["style"]["color"] == "#b2182b"
    text = page(at)
    assert f"Where Bakhmut stood on 2024-06-30 is unknown: {why}." in text
    assert "Bakhmut was" not in text and "town occupied" not in text
    assert "Russian-occupied" not in text  # no legend for areas not drawn
    at.select_slider(key="date").set_value("2023-03").run()
    assert snapshot_dates(at) == {"2023-03-30"}
    assert re.search(r"On 2023-03-30 Bakhmut was", page(at))
    assert "Territorial control on 2023-03-30" in captions(at)


@pytest.mark.shared
def test_a_month_with_a_snapshot_in_it_is_current(monkeypatch, late_articles, front_files):
    at = start(monkeypatch, late_articles, "--frontline", *front_files, date="2023-06")
    assert snapshot_dates(at) == {"2023-06-01"}  # 29 days before the month's end, but in it
    at.select_slider(key="date").set_value("2023-07").run()
    assert snapshot_dates(at) == set()
    assert "Front line unknown on 2023-07-31: the newest snapshot is 2023-06-01, 60 days " \
           "earlier" in captions(at)


@pytest.mark.shared
def test_the_tolerance_is_a_setting_and_in_the_link(monkeypatch, late_articles, front_files):
    at = start(monkeypatch, late_articles, "--frontline", *front_files, date="2024-02",
               place=BAKHMUT)
    assert "stale" not in params(at)  # the default is not written
    at.number_input(key="stale_days").set_value(300).run()
    assert snapshot_dates(at) == {"2023-06-01"}
    assert "On 2023-06-01 Bakhmut was in occupied territory" in page(at)
    assert params(at)["stale"] == "300"
    again = start(monkeypatch, late_articles, "--frontline", *front_files, **params(at))
    assert again.number_input(key="stale_days").value == 300 and not again.warning
    assert snapshot_dates(again) == {"2023-06-01"}


@pytest.mark.shared
def test_a_wrong_stale_in_the_link_falls_back_with_a_notice(monkeypatch, articles,
                                                            front_files):
    at = start(monkeypatch, articles, "--frontline", *front_files, stale="<b>-3</b>")
    (notice,) = [w.value for w in at.warning]
    assert "stale" in notice and "<b>" not in notice and "using 10 days" in notice
    assert at.number_input(key="stale_days").value == 10


@pytest.mark.shared
def test_panel_says_where_the_town_stood(monkeypatch, articles, front_files):
    at = start(monkeypatch, articles, "--frontline", *front_files, date="2023-05",
               place=BAKHMUT)
    assert "On 2023-05-29 Bakhmut was in occupied territory" in page(at)
    assert "(Territorial control: DeepStateMap.live)" in page(at)
    at.select_slider(key="date").set_value("2023-01").run()
    text = page(at)
    assert re.search(r"On 2023-01-30 Bakhmut was \d\.\d km from the front line\.", text)
    assert "occupied territory" not in text


@pytest.mark.shared
def test_soledar_is_occupied_from_january(monkeypatch, articles, front_files):
    at = start(monkeypatch, articles, "--frontline", *front_files, date="2022-12",
               place=SOLEDAR)
    assert "On 2022-12-29 Soledar was" in page(at)
    assert "Soledar was in occupied territory" not in page(at)
    at.select_slider(key="date").set_value("2023-01").run()
    assert "On 2023-01-30 Soledar was in occupied territory" in page(at)


@pytest.mark.shared
def test_towns_are_outlined_by_their_status(monkeypatch, articles, front_files):
    at = start(monkeypatch, articles, "--frontline", *front_files, date="2023-05")
    bakhmut = place(at, "Bakhmut")
    assert bakhmut["detail"].endswith("· occupied")
    assert bakhmut["style"]["color"] == "#67000d" and bakhmut["style"]["fillColor"] == "#ef6548"
    assert "town occupied" in page(at)  # the legend explains the outline
    at.select_slider(key="date").set_value("2023-01").run()
    assert re.search(r"· \d\.\d km from the front$", place(at, "Bakhmut")["detail"])
    assert "town within 10 km of the front" in page(at)
    assert "·" not in place(at, "Donbas")["detail"]  # regions get no status


@pytest.mark.shared
def test_near_front_distance_is_a_setting_and_in_the_link(monkeypatch, articles, front_files):
    at = start(monkeypatch, articles, "--frontline", *front_files, date="2023-01",
               place=BAKHMUT)
    at.number_input(key="near_km").set_value(1.0).run()
    assert "Bakhmut was in Ukrainian-held territory" in page(at)
    assert "town held by Ukraine" in page(at)
    assert params(at)["near"] == "1"
    again = start(monkeypatch, articles, "--frontline", *front_files, **params(at))
    assert again.number_input(key="near_km").value == 1.0 and not again.warning


@pytest.mark.shared
def test_a_wrong_near_in_the_link_falls_back_with_a_notice(monkeypatch, articles, front_files):
    at = start(monkeypatch, articles, "--frontline", *front_files, near="<b>far</b>")
    (notice,) = [w.value for w in at.warning]
    assert "near" in notice and "<b>" not in notice and "using 10 km" in notice
    assert at.number_input(key="near_km").value == 10.0


@pytest.mark.shared
def test_front_line_credit_in_data_and_licences(monkeypatch, articles, front_files):
    at = start(monkeypatch, articles, "--frontline", *front_files)
    assert "DeepStateMap.live" in licences(at) and "DEEPSTATEUATECH" in licences(at)
    assert "geoBoundaries" not in licences(at)


# ------------------------------------------------------------------- no data


def test_without_front_line_data_the_app_says_how_to_add_it(monkeypatch, articles):
    at = start(monkeypatch, articles, date="2023-05", place=BAKHMUT)
    assert not at.exception and not at.error
    note = captions(at)
    assert "python -m mapapp frontline import" in note
    assert "python -m mapapp frontline download" in note and "--frontline" in note
    assert "python -m mapapp boundaries import" in note
    assert snapshot_dates(at) == set() and OCCUPIED_COLOUR not in layers(at)
    assert "occupied territory" not in page(at) and "DeepStateMap" not in licences(at)
    assert not at.get("number_input") or all(n.key != "near_km" for n in at.number_input)


def test_a_bad_front_line_file_is_reported_and_the_page_works(monkeypatch, articles):
    bad = articles.parent / "bad.geojson"
    bad.write_text('{"type": "FeatureCollection", "features": [{"type": "Feature", '
                   '"properties": {"date": "2023-01-01"}, "geometry": null}]}')
    at = start(monkeypatch, articles, "--frontline", str(bad))
    assert not at.exception
    (error,) = [e.value for e in at.error]
    assert "Front line left out" in error and "bad.geojson" in error
    assert "Bakhmut" in layers(at)


@pytest.mark.shared
def test_imported_data_is_found_without_flags(monkeypatch, articles, data_dir, front_files,
                                              boundary_files):
    from mapapp.frontline.boundaries import import_boundaries
    from mapapp.frontline.storage import import_paths

    assert import_paths(front_files, data_dir).ok
    assert all(o.ok for o in import_boundaries(boundary_files, data_dir))
    at = start(monkeypatch, articles, date="2023-05", place=BAKHMUT)
    assert snapshot_dates(at) == {"2023-05-29"}
    assert "Bakhmut was in occupied territory" in page(at)
    assert place(at, "Donetsk Oblast", outline=True)["shape"] == "UA-14"


# --------------------------------------------------------------- region outlines


@pytest.mark.shared
def test_regions_are_drawn_as_outlines_with_boundaries(monkeypatch, articles, boundary_files):
    at = start(monkeypatch, articles, "--boundaries", *boundary_files, date="2023-03")
    oblast = feature(at, "Donetsk Oblast", outline=True)
    assert oblast["properties"]["place_id"] == DONETSK_OBLAST
    assert oblast["properties"]["shape"] == "UA-14"
    assert oblast["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert any("geoBoundaries" in a for a in attributions(at))  # on the outline layer
    assert "geoBoundaries" in licences(at) and "ODbL" in licences(at)
    assert "python -m mapapp boundaries import" not in captions(at)
    at.select_slider(key="date").set_value("2023-01").run()
    assert place(at, "Donbas", outline=True)["shape"] == "Donbas"  # the union, matched by name
    assert feature(at, "Bakhmut")["geometry"]["type"] == "Point"


def test_without_boundaries_regions_stay_points(monkeypatch, articles):
    at = start(monkeypatch, articles, date="2023-03")
    assert not any("shape" in f["properties"] for f in features(at))
    assert feature(at, "Donetsk Oblast")["geometry"] == {"type": "Point",
                                                         "coordinates": [37.75, 48.0]}


@pytest.mark.shared
def test_a_region_is_selected_by_its_point_and_shown_by_its_outline(monkeypatch, articles,
                                                                       boundary_files):
    at = start(monkeypatch, articles, "--boundaries", *boundary_files, date="2023-03")
    point = feature(at, "Donetsk Oblast", outline=False)
    assert point["geometry"]["type"] == "Point"  # the click target, with the tooltip
    key = at.get("component_instance")[0].proto.id.rsplit("-", 1)[1]
    at.session_state[key] = {"last_object_clicked_tooltip": "Donetsk Oblast\n1 mention",
                             "last_object_clicked": {"lat": 48.0, "lng": 37.75}}
    at.run()
    assert at.session_state["place"] == DONETSK_OBLAST
    assert "<h3>Donetsk Oblast</h3>" in page(at)
    oblast = place(at, "Donetsk Oblast", outline=True)
    assert oblast["shape"] == "UA-14" and oblast["selected"] is True
    assert oblast["style"]["color"] == "#000000"
    assert place(at, "Donetsk Oblast", outline=False)["selected"] is True

