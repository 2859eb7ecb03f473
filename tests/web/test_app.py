"""The app without a browser (AppTest): URL state in and out, widgets, clicks, bad input.

Most tests run the real app and corpus reader on handmade articles written to
a temporary folder, with a stand-in geoparser (handmade.FakeGeoparser) so they
need no gazetteer; the last group runs the real pipeline on the seeds.
"""

from __future__ import annotations

import json
import re
import sys
import time
from unittest import mock

import pytest
import streamlit as st
from app_support import APP, click, component, drawn, page, params, run, warnings
from handmade import FakeGeoparser, captions_article, corpus, write_seed_files
from streamlit.runtime.state.query_params import QueryParams
from streamlit.testing.v1 import AppTest

from mapapp.web import sources

BAKHMUT, SOLEDAR, RUSSIA = "713174", "706757", "2017370"


@pytest.fixture
def fake_pipeline(monkeypatch):
    monkeypatch.setattr("mapapp.geoparse.pipeline.Geoparser", FakeGeoparser)
    monkeypatch.setattr("mapapp.gazetteer.index.Gazetteer.load",
                        classmethod(lambda cls, *a, **k: None))
    yield
    st.cache_resource.clear()  # the app cached the stand-in gazetteer (None): forget it


@pytest.fixture
def folder(tmp_path, monkeypatch, fake_pipeline):
    path = tmp_path / "corpus"
    write_seed_files(path, corpus())
    monkeypatch.setattr(sys, "argv", ["app.py", "--corpus", str(path)])
    return path
















# ------------------------------------------------------------- first view


def test_opens_on_everything_up_to_the_last_month(folder):
    at = run()
    assert not at.exception
    assert warnings(at) == []
    assert at.select_slider(key="date").value == "2023-05"
    assert at.select_slider(key="date").options == [
        "2022-12", "2023-01", "2023-02", "2023-03", "2023-04", "2023-05"]
    assert params(at) == {"date": "2023-05", "window": "upto"}
    assert drawn(at) == ["Bakhmut", "Soledar", "Donbas", "Donetsk Oblast"]  # no countries
    assert "5 articles up to 2023-05" in page(at)


def test_countries_are_listed_not_drawn_unless_ticked(folder):
    at = run()
    assert "<b>Countries named</b>: Russia (2) · Ukraine (1)" in page(at)
    at.checkbox(key="countries").check().run()
    assert drawn(at) == ["Bakhmut", "Soledar", "Russia", "Donbas", "Donetsk Oblast", "Ukraine"]
    assert params(at)["countries"] == "1"


def test_map_credits_its_sources(folder):
    args = json.loads(component(run()).proto.json_args)
    assert "OpenStreetMap" in args["script"] and "GeoNames" in args["feature_group"]


def test_data_and_licences_are_credited(folder):
    text = " ".join(m.value for m in run().markdown)
    for source in ("GeoNames", "CC BY 4.0", "OpenStreetMap", "ODbL", "CLDR", "Unicode licence",
                   "publishers"):
        assert source in text


# ------------------------------------------------------------ URL in and out


def test_url_opens_the_same_view(folder):
    at = run(date="2023-03", window="this", place=BAKHMUT)
    assert not at.exception and warnings(at) == []
    assert at.select_slider(key="date").value == "2023-03"
    assert at.radio(key="window_kind").value == "this"
    assert at.selectbox(key="place_pick").value == BAKHMUT
    assert drawn(at) == ["Bakhmut", "Donetsk Oblast", "Soledar"]
    assert "<h3>Bakhmut</h3>" in page(at)
    assert "2 mentions in 1 article in 2023-03, one excerpt each." in page(at)
    assert params(at) == {"date": "2023-03", "window": "this", "place": BAKHMUT}
    args = json.loads(component(at).proto.json_args)
    assert "48.5953" in args["script"]  # the map opens on the linked place


def map_opens_at(at) -> tuple[list[float], int]:
    script = json.loads(component(at).proto.json_args)["script"]
    centre = json.loads(re.search(r'"?center"?: (\[[^\]]*\])', script).group(1))
    return centre, int(re.search(r'"?zoom"?: (\d+)', script).group(1))


def test_the_link_carries_the_map_view(folder):
    """A colleague's link opened at zoom 9 on the place, not where the sender looked."""
    at = run(date="2023-03", window="this", place=BAKHMUT, view="48.2,37.6,7")
    assert not at.exception and warnings(at) == []
    assert map_opens_at(at) == ([48.2, 37.6], 7)
    assert params(at)["view"] == "48.2,37.6,7"  # kept as it came: no rewrite, no history entry
    key = component(at).proto.id.rsplit("-", 1)[1]
    at.session_state[key] = {"center": {"lat": 48.9, "lng": 37.2}, "zoom": 8}  # a pan and zoom
    at.run()
    assert params(at)["view"] == "48.9,37.2,8"
    assert map_opens_at(at) == ([48.2, 37.6], 7)  # the report is never fed back into the map


def test_a_bad_map_view_falls_back_with_a_notice(folder):
    at = run(date="2023-03", view="48.2,37.6,99")
    assert not at.exception
    assert any("map view" in w and "zoom" in w for w in warnings(at))
    assert "view" not in params(at)


def test_url_with_last_n_periods(folder):
    at = run(date="2023-03", window="last3")
    assert (at.radio(key="window_kind").value, at.number_input(key="window_n").value) == ("last", 3)
    assert "3 articles from 2023-01 to 2023-03" in page(at)


def test_a_day_in_the_link_opens_its_month(folder):
    at = run(date="2023-03-16")
    assert warnings(at) == [] and at.select_slider(key="date").value == "2023-03"
    assert params(at)["date"] == "2023-03"


@pytest.mark.parametrize(("key", "value", "notice"), [
    ("date", "2030-01", "outside this corpus (2022-12 to 2023-05)"),
    ("date", "2022-01", "outside this corpus"),
    ("date", "gisteren", "not a date"),
    ("date", "2023-02-30", "not a date"),
    ("date", "", "not a date"),
    ("window", "forever", "not one of this, upto, lastN"),
    ("window", "last0", "not one of this, upto, lastN"),
    ("place", "999999999", "not named in these articles"),
    ("place", "r:atlantis", "not named in these articles"),
    ("countries", "yes", "should be 0 or 1"),
])
def test_a_wrong_url_value_falls_back_with_a_notice(folder, key, value, notice):
    at = run(**{key: value})
    assert not at.exception
    (shown,) = warnings(at)
    assert notice in shown
    assert at.select_slider(key="date").value == "2023-05" or key != "date"
    assert params(at)["window"] == "upto" or key != "window"
    assert "place" not in params(at)


def test_hostile_url_values_are_not_echoed(folder):
    at = run(place='<img src=x onerror="window.__xss=1">', date="[x](javascript:alert(1))")
    assert not at.exception
    shown = " ".join(warnings(at))
    assert len(warnings(at)) == 2
    assert "<" not in shown and "(" not in shown.split("`")[1]


def test_notices_can_be_dismissed(folder):
    at = run(date="junk")
    at.button(key="dismiss").click().run()
    assert warnings(at) == []


def test_url_written_only_when_the_view_changes(folder):
    with mock.patch.object(QueryParams, "from_dict", autospec=True,
                           side_effect=QueryParams.from_dict) as write:
        at = run(date="2023-03", window="this")
        assert write.call_count == 0  # the link already says it all
        at.run()
        assert write.call_count == 0
        at.select_slider(key="date").set_value("2023-01").run()
        assert write.call_count == 1
        assert params(at) == {"date": "2023-01", "window": "this"}


# ------------------------------------------------------------------ widgets


def test_slider_moves_the_places_and_the_panel(folder):
    at = run(window="this")
    at.select_slider(key="date").set_value("2022-12").run()
    assert drawn(at) == ["Bakhmut", "Soledar"]
    assert "1 article in 2022-12" in page(at)
    at.select_slider(key="date").set_value("2023-02").run()
    assert drawn(at) == []
    assert "0 articles in 2023-02" in page(at)
    assert params(at)["date"] == "2023-02"


def test_slider_keeps_the_map_component(folder):
    """Same component id after a slider move: the browser keeps its map, zoom and pan."""
    at = run()
    before = component(at).proto.id
    at.select_slider(key="date").set_value("2023-01").run()
    at.radio(key="window_kind").set_value("this").run()
    assert component(at).proto.id == before


def test_window_choice(folder):
    at = run(date="2023-03")
    at.radio(key="window_kind").set_value("last").run()
    at.number_input(key="window_n").set_value(2).run()
    assert "2 articles from 2023-02 to 2023-03" in page(at)
    assert params(at)["window"] == "last2"


PLAY_DELAY_S = 0.8  # the app's pause between steps


def play_ticks(monkeypatch) -> list[float]:
    """Skip the app's play pauses and count them (AppTest's own short sleeps still run)."""
    ticks: list[float] = []
    real = time.sleep
    monkeypatch.setattr("time.sleep", lambda s: ticks.append(s) if s == PLAY_DELAY_S else real(s))
    return ticks


def test_play_steps_to_the_end_and_stops(folder, monkeypatch):
    ticks = play_ticks(monkeypatch)
    at = run(date="2023-03", window="this")
    at.button(key="play").click().run()
    assert not at.exception
    assert at.session_state["playing"] is False
    assert at.select_slider(key="date").value == "2023-05"
    assert params(at)["date"] == "2023-05"
    assert len(ticks) == 2  # 2023-03 → 04 → 05


def test_play_at_the_end_starts_over(folder, monkeypatch):
    ticks = play_ticks(monkeypatch)
    at = run()
    at.button(key="play").click().run()
    assert len(ticks) == 5 and at.select_slider(key="date").value == "2023-05"


# ------------------------------------------------------- selecting a place


def test_click_selects_the_place_and_shows_its_excerpts(folder):
    at = click(run(date="2023-03", window="upto"), "Bakhmut\n4 mentions in 3 articles")
    assert not at.exception
    assert at.session_state["place"] == BAKHMUT
    assert at.selectbox(key="place_pick").value == BAKHMUT
    assert params(at)["place"] == BAKHMUT
    html = page(at)
    assert "<mark>Bachmoet</mark> is bijna omsingeld." in html
    assert html.index("2023-03 · ") < html.index("2023-01 · ") < html.index("2022-12 · ")
    assert ("Why Bakhmut, in all 4 excerpts shown: Bachmoet is a name of Bakhmut "
            "(confidence 0.90)") in html
    assert '"selected": true' in json.loads(component(at).proto.json_args)["feature_group"]


def test_a_click_acts_once(folder):
    at = click(run(), "Soledar")
    at.selectbox(key="place_pick").set_value(BAKHMUT).run()
    at.run()  # the old click is still the component's value: it must not win again
    assert at.session_state["place"] == BAKHMUT


def test_a_click_on_nothing_known_changes_nothing(folder):
    at = click(run(), "Atlantis")
    assert at.session_state["place"] is None and not at.exception


def test_the_panel_says_the_evidence_once_and_why_mentions_are_not_excerpts(folder):
    """The same "Why Bakhmut: …" under every excerpt, and 10 mentions beside 8 excerpts unsaid."""
    write_seed_files(folder, [captions_article()])
    at = run(place=BAKHMUT)
    html = page(at)
    detail = re.search(r'"detail": "([^"]*)", "kind": "city", "label": "Bakhmut"',
                       json.loads(component(at).proto.json_args)["feature_group"]).group(1)
    assert detail == "10 mentions in 5 articles"  # the tooltip's words, said again in the panel
    assert (f"{detail} up to 2023-05, shown as 8 excerpts: the 2 in photo captions are not "
            "quoted, they make one note per article (1 note); 1 shares a sentence with another "
            "mention and is quoted with it.") in html
    assert html.count("Bachmoet is a name of Bakhmut") == 1
    assert ("Why Bakhmut, in all 8 excerpts shown: Bachmoet is a name of Bakhmut "
            "(confidence 0.90)") in html
    assert html.index("fm-usual") < html.index("fm-excerpt") and "Why here" not in html


def test_caption_mentions_show_no_excerpt(folder):
    at = click(run(date="2023-03", window="this"), "Soledar")
    assert "photo caption" in page(at) and "een tank bij" not in page(at).split("fm-article")[0]


def test_picking_by_name_does_what_a_click_does(folder):
    at = run(window="upto")
    at.selectbox(key="place_pick").set_value(SOLEDAR).run()
    assert params(at)["place"] == SOLEDAR
    assert "<h3>Soledar</h3>" in page(at) and (
        "3 mentions in 3 articles up to 2023-05, shown as 3 excerpts: the 1 in a photo caption "
        "is not quoted") in page(at)
    at.button(key="clear").click().run()
    assert "place" not in params(at) and "<h3>Articles</h3>" in page(at)


def test_selection_survives_a_slider_move(folder):
    at = run(place=BAKHMUT, window="this")
    at.select_slider(key="date").set_value("2023-02").run()
    assert "No mentions in 2023-02." in page(at) and params(at)["place"] == BAKHMUT


def test_whole_article_is_readable(folder):
    at = run(place=BAKHMUT, date="2023-03", window="this")
    assert at.expander[0].label == "Read the whole article" or any(
        e.label == "Read the whole article" for e in at.expander)
    assert ('<mark>Bachmoet</mark> is bijna omsingeld. <mark>Bachmoet</mark> brandt.\n'
            "Foto: een tank bij Soledar") in page(at)


def test_timeline_chart_marks_the_date(folder):
    at = run(place=BAKHMUT, date="2023-03")
    assert not at.get("vega_lite_chart")  # the first paint is the map's alone
    at.run()  # in a browser, the map's first report reruns the page
    (chart,) = at.get("vega_lite_chart")
    spec = chart.proto.spec
    assert "rule" in spec and "mentions per month" in spec


# --------------------------------------------------------- untrusted input


def test_hostile_article_is_escaped(tmp_path, monkeypatch, fake_pipeline):
    path = tmp_path / "hostile"
    path.mkdir()
    (path / "x.txt").write_text(' date 2023-03 <img src=x onerror="window.__xss=1"> Bachmoet '
                                "<script>window.__xss=1</script> valt.", encoding="utf-8")
    monkeypatch.setattr(sys, "argv", ["app.py", "--corpus", str(path)])
    at = run(place=BAKHMUT)
    assert not at.exception
    html = page(at)
    assert "&lt;img src=x" in html and "&lt;script&gt;" in html
    assert "<img" not in html and "<script" not in html


def test_bad_files_are_listed_and_the_good_ones_kept(folder):
    (folder / "broken.txt").write_text("no header here", encoding="utf-8")
    at = run()
    (errors,) = [e for e in at.expander if "problem" in e.label]
    assert errors.label.startswith("1 file had a problem")
    assert "broken.txt" in errors.text[0].value
    assert "5 articles up to 2023-05" in page(at)


def test_one_file_with_two_bad_lines_is_one_file_with_two_problems(folder):
    (folder / "more.jsonl").write_text(
        '{"id": "j1", "date": "2023-04", "text": "Soledar."}\n{"id": "j2"}\n'
        '{"id": "j3", "date": "2023-13", "text": "Bachmoet."}\n', encoding="utf-8")
    at = run()
    (errors,) = [e for e in at.expander if "problem" in e.label]
    assert errors.label == ("1 file had 2 problems; every article that could be read is shown")
    assert [t.value.split(":")[0] for t in errors.text] == [  # named in the folder, no server path
        "more.jsonl line 2", "more.jsonl line 3"]
    assert "6 articles up to 2023-05" in page(at)  # more.jsonl's good line is kept


def test_a_changed_folder_is_picked_up(folder):
    at = run()
    (folder / "a6.txt").write_text(" date 2023-06 Soledar.", encoding="utf-8")
    sources._fingerprint.clear()  # as if the 3 s it is cached for had passed (no sleep)
    at.run()
    assert at.select_slider(key="date").options[-1] == "2023-06"


def test_a_single_article_corpus(tmp_path, monkeypatch, fake_pipeline):
    (tmp_path / "one").mkdir()
    (tmp_path / "one" / "a.txt").write_text(" date 2023-03 Bachmoet valt.", encoding="utf-8")
    monkeypatch.setattr(sys, "argv", ["app.py", "--corpus", str(tmp_path / "one")])
    at = run()
    at.button(key="play").click().run()
    assert not at.exception and params(at) == {"date": "2023-03", "window": "upto"}
    assert drawn(at) == ["Bakhmut"]


def test_empty_or_missing_folder_explains(tmp_path, monkeypatch, fake_pipeline):
    (tmp_path / "empty").mkdir()
    monkeypatch.setattr(sys, "argv", ["app.py", "--corpus", str(tmp_path / "empty")])
    at = run()
    assert not at.exception and "No articles found" in at.info[0].value
    monkeypatch.setattr(sys, "argv", ["app.py", "--corpus", str(tmp_path / "nowhere")])
    at = run()
    assert not at.exception and "No folder of articles" in at.error[0].value


# ------------------------------------------------ the real pipeline, on the seeds


@pytest.fixture(scope="module")
def seeds(gazetteer):
    """The real gazetteer and geoparser on the five seeds (no --corpus).

    Asking for conftest's ``gazetteer`` builds its disk cache (about a minute,
    the first time ever) outside any AppTest timeout; the app then loads it
    from disk in a second, once for this module.
    """
    st.cache_resource.clear()
    with mock.patch.object(sys, "argv", ["app.py"]):
        at = AppTest.from_file(APP, default_timeout=300).run()
        assert not at.exception
        yield at.session_state["_drawn"].set_index("name")["place_id"].to_dict()


def run_seeds(**params: str) -> AppTest:
    with mock.patch.object(sys, "argv", ["app.py"]):
        return run(**params)


def test_seeds_open_with_no_other_step(seeds):
    at = run_seeds()
    assert not at.exception and warnings(at) == []
    assert at.select_slider(key="date").options[0] == "2022-12"
    assert at.select_slider(key="date").options[-1] == "2023-05"
    assert "Bakhmut" in drawn(at)
    assert "5 articles up to 2023-05" in page(at)
    assert "Ukraine" not in drawn(at) and "<b>Countries named</b>: Ukraine" in page(at)


def test_seeds_click_bakhmut_and_share(seeds):
    at = click(run_seeds(date="2023-03", window="this"), "Bakhmut", 48.594, 37.999)
    assert not at.exception
    assert params(at) == {"date": "2023-03", "window": "this", "place": seeds["Bakhmut"]}
    html = page(at)
    assert "<h3>Bakhmut</h3>" in html and "<mark>Bachmoet</mark>" in html
    assert "Why Bakhmut, in " in html
    again = run_seeds(**params(at))
    assert warnings(again) == [] and page(again) == html
