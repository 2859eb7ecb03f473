"""Render: an identical base map, the places layer's data, and every text escaped.

folium's element ids are random, so maps are rendered, normalised and searched
for the expected pieces; whole HTML is never compared to a snapshot.
"""

from __future__ import annotations

import html
import re

import folium
import pandas as pd
import pytest
from handmade import corpus

from mapapp.render.folium_map import (
    GEONAMES_ATTRIBUTION,
    KIND_STYLES,
    OSM_ATTRIBUTION,
    STATUS_STYLES,
    MapView,
    article_html,
    article_meta,
    base_map,
    clicked_place,
    excerpt_html,
    fit_points,
    fit_view,
    legend_html,
    marked_html,
    marker_radius,
    place_style,
    places_layer,
    status_note,
    tooltip_detail,
    usual_evidence_html,
)
from mapapp.timeline.place_notes import UsualEvidence
from mapapp.timeline.windows import (
    COUNT_COLUMNS,
    Excerpt,
    build_timeline,
    place_counts,
)

HOSTILE = '<img src=x onerror="window.__xss=1">'


def normalised(m: folium.Map) -> str:
    return re.sub(r"_[0-9a-f]{32}", "_ID", m.get_root().render())


def points(*rows) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=list(COUNT_COLUMNS))


def features(group: folium.FeatureGroup) -> list[dict]:
    (geojson,) = [c for c in group._children.values() if isinstance(c, folium.GeoJson)]
    return geojson.data["features"]


@pytest.fixture(scope="module")
def counts():
    tl = build_timeline(corpus())
    return place_counts(tl, 0, len(tl.axis) - 1)


def test_base_map_is_identical_for_identical_arguments():
    # streamlit-folium keys the component on this script: a change would reload the map
    view = MapView(48.6, 37.9, 7)
    assert normalised(base_map(view)) == normalised(base_map(MapView(48.6, 37.9, 7)))
    assert normalised(base_map(view)) != normalised(base_map(MapView(48.6, 37.9, 8)))


def test_base_map_credits_openstreetmap():
    page = normalised(base_map())
    assert "tile.openstreetmap.org/{z}/{x}/{y}.png" in page
    assert "OpenStreetMap" in page and "contributors" in page
    assert OSM_ATTRIBUTION.startswith("&copy;")


def test_places_layer_is_one_geojson_with_a_feature_per_place(counts):
    group = places_layer(counts, selected="713174")
    feats = features(group)
    assert [f["properties"]["label"] for f in feats] == [
        "Bakhmut", "Soledar", "Russia", "Donbas", "Donetsk Oblast", "Ukraine"]
    bakhmut = feats[0]
    assert bakhmut["geometry"] == {"type": "Point", "coordinates": [38.0003, 48.5953]}
    assert bakhmut["properties"] == {
        "place_id": "713174", "label": "Bakhmut", "detail": "6 mentions in 4 articles",
        "kind": "city", "selected": True,
        "style": {"fill": True, "color": "#000000", "fillColor": "#ef6548", "fillOpacity": 0.9,
                  "weight": 4, "radius": 22.0}}
    assert feats[1]["properties"]["style"] == {
        "fill": True, "color": "#b2182b", "fillColor": "#ef6548", "fillOpacity": 0.75,
        "weight": 1, "radius": 17.02}
    assert [f["properties"]["kind"] for f in feats] == [
        "city", "city", "country", "region", "region", "country"]
    assert not any(isinstance(c, folium.Marker) for c in group._children.values())


def test_places_layer_credits_geonames_and_styles_by_kind(counts):
    m = base_map()
    places_layer(counts, selected="713174").add_to(m)
    page = normalised(m)
    assert "GeoNames" in page and "CC BY 4.0" in page
    assert '"dashArray": "5 4"' in page  # regions are dashed
    assert '"color": "#000000"' in page  # the selected place is outlined
    assert "new L.CircleMarker(latlng, opts)" in page
    assert "return feature.properties.style;" in page
    assert "bindTooltip" in page
    assert GEONAMES_ATTRIBUTION.startswith("Places:")


def test_empty_layer_draws_nothing_but_still_credits():
    group = places_layer(points())
    assert features(group) == []
    m = base_map()
    group.add_to(m)
    assert "GeoNames" in normalised(m)


@pytest.mark.parametrize(("mentions", "most", "radius"), [
    (4, 4, 22.0), (1, 4, 13.5), (0, 4, 5.0), (3, 0, 5.0)])
def test_marker_area_grows_with_mentions(mentions, most, radius):
    assert marker_radius(mentions, most) == radius


def test_tooltip_detail_counts():
    assert tooltip_detail(1, 1) == "1 mention in 1 article"
    assert tooltip_detail(6, 4) == "6 mentions in 4 articles"


def test_hostile_place_name_is_escaped_in_the_tooltip():
    group = places_layer(points(("x1", HOSTILE, "city", 48.0, 37.0, "UA", 1, 1)))
    assert features(group)[0]["properties"]["label"] == (
        "&lt;img src=x onerror=&quot;window.__xss=1&quot;&gt;")
    m = base_map()
    group.add_to(m)
    assert "<img src=x" not in normalised(m)


def test_clicked_place_reads_the_tooltip_text(counts):
    assert clicked_place(counts, "Bakhmut\n6 mentions in 4 articles") == "713174"
    assert clicked_place(counts, "  Donbas  ") == "r:donbas"
    assert clicked_place(counts, "Atlantis") is None
    assert clicked_place(counts, None) is None
    assert clicked_place(points(), "Bakhmut") is None


def test_clicked_place_with_a_shared_name_takes_the_nearest():
    twins = points(("1", "Oleksandrivka", "city", 48.0, 37.0, "UA", 1, 1),
                   ("2", "Oleksandrivka", "city", 46.0, 33.0, "UA", 1, 1))
    assert clicked_place(twins, "Oleksandrivka", 46.1, 33.2) == "2"
    assert clicked_place(twins, "Oleksandrivka", 47.9, 37.1) == "1"


def test_clicked_place_matches_an_escaped_name_by_its_text():
    hostile = points(("x1", HOSTILE, "city", 48.0, 37.0, "UA", 1, 1))
    assert clicked_place(hostile, HOSTILE) == "x1"  # innerText is the unescaped name


def test_fit_view():
    assert fit_view([48.0, 49.0], [37.0, 39.0]) == MapView(48.5, 38.0, 8)
    assert fit_view([48.6], [38.0]) == MapView(48.6, 38.0, 11)
    assert fit_view([], []) == MapView(48.6, 37.9, 7)


def test_fit_points_looks_where_most_mentions_are():
    pts = points(("1", "Bakhmut", "city", 48.59, 38.0, "UA", 10, 5),
                 ("2", "Soledar", "city", 48.69, 38.07, "UA", 4, 2),
                 ("3", "Kramatorsk", "city", 48.73, 37.56, "UA", 3, 2),
                 ("4", "Stockholm", "city", 59.33, 18.07, "SE", 1, 1),
                 ("5", "Russia", "country", 60.0, 100.0, "RU", 50, 5))
    view = fit_points(pts)
    assert (view.lat, view.lon, view.zoom) == (48.66, 38.035, 8)  # Stockholm left out
    assert fit_points(pts[pts["kind"] == "country"]) == MapView(48.6, 37.9, 7)


def test_marked_html_escapes_and_marks():
    assert marked_html("<b>Bachmoet</b> & co", [(3, 11)]) == (
        "&lt;b&gt;<mark>Bachmoet</mark>&lt;/b&gt; &amp; co")
    assert marked_html("ab cd", [(3, 5), (0, 2)]) == "<mark>ab</mark> <mark>cd</mark>"
    assert marked_html("abcdef", [(0, 4), (2, 6)]) == "<mark>abcd</mark>ef"


def excerpt(**kw) -> Excerpt:
    base = {"article_id": "a1", "date": "2023-03", "title": "Omsingeld", "source": "AD",
            "url": "", "text": "Bachmoet is bijna omsingeld.", "marks": ((0, 8),),
            "caption": False, "confidence": 0.873, "evidence": ("Dutch exonym of Bakhmut",)}
    return Excerpt(**(base | kw))


def test_excerpt_html_shows_heading_quote_and_why():
    out = excerpt_html(excerpt(), "Bakhmut")
    assert "2023-03 · Omsingeld · AD" in out
    assert "<mark>Bachmoet</mark> is bijna omsingeld." in out
    assert "Why Bakhmut: Dutch exonym of Bakhmut (confidence 0.87)" in out


def test_excerpt_html_says_why_only_where_it_differs_from_the_usual():
    same = excerpt_html(excerpt(), "Bakhmut", usual=("Dutch exonym of Bakhmut",))
    assert "fm-why" not in same and "<mark>Bachmoet</mark>" in same
    other = excerpt_html(excerpt(), "Bakhmut", usual=("the only Bakhmut", "in Ukraine"))
    assert "Why here: Dutch exonym of Bakhmut (confidence 0.87)" in other


@pytest.mark.parametrize(("usual", "text"), [
    (UsualEvidence(("only <Bakhmut>", "in Ukraine"), 18, 20, 0.8, 0.953),
     "Why Bakhmut, in 18 of the 20 excerpts shown (the others say why under them): "
     "only &lt;Bakhmut&gt;; in Ukraine (confidence 0.80–0.95)"),
    (UsualEvidence(("in Ukraine",), 3, 3, 0.9, 0.9),
     "Why Bakhmut, in all 3 excerpts shown: in Ukraine (confidence 0.90)"),
    (UsualEvidence(("in Ukraine",), 1, 1, 0.9, 0.9), "Why Bakhmut: in Ukraine (confidence 0.90)"),
    (UsualEvidence((), 2, 2, 0.9, 0.9),
     "Why Bakhmut, in all 2 excerpts shown: no evidence recorded (confidence 0.90)"),
])
def test_usual_evidence_html_says_it_once(usual, text):
    assert usual_evidence_html("Bakhmut", usual) == f'<div class="fm-why fm-usual">{text}</div>'


def test_excerpt_html_of_a_caption_and_with_context():
    assert "photo caption" in excerpt_html(excerpt(caption=True, text="", marks=()), "Soledar")
    out = excerpt_html(excerpt(before="Eerst dit.", after="Dan dat."), "Bakhmut")
    assert out.index("Eerst dit.") < out.index("<mark>") < out.index("Dan dat.")


def test_excerpt_html_escapes_every_article_string():
    out = excerpt_html(excerpt(title=HOSTILE, source="<script>x()</script>", text=HOSTILE,
                               marks=((0, 4),), evidence=(HOSTILE,), before=HOSTILE),
                       place_name=HOSTILE)
    assert "<img" not in out and "<script" not in out
    assert out.count("&lt;img") == 5


@pytest.mark.parametrize("source", ["<b>bron</b>", "Reuters/AP", "nos.nl/nieuws", "a\\b",
                                    "feeds/a2.txt"])
def test_a_source_field_is_shown_as_written(source):
    assert article_meta("2023-03", "Omsingeld", source, "a1") == f"2023-03 · Omsingeld · {source}"
    out = excerpt_html(excerpt(source=source), "Bakhmut")
    assert f'<div class="fm-meta">2023-03 · Omsingeld · {html.escape(source)}</div>' in out


@pytest.mark.parametrize("path", ["/home/me/seeds/a1.txt", "seeds/a1.txt", "C:\\seeds\\a1.txt"])
def test_the_seed_readers_path_shows_as_the_file_name(path):
    assert article_meta("2023-03", "", path, "a1") == "2023-03 · a1.txt"
    assert "· a1.txt</div>" in excerpt_html(excerpt(source=path, title=""), "Bakhmut")


def test_article_html_keeps_lines_and_escapes():
    out = article_html("Regel 1\n<script>alert(1)</script>", [(0, 5)])
    assert out == ('<div class="fm-article" style="white-space: pre-wrap"><mark>Regel</mark> 1\n'
                   "&lt;script&gt;alert(1)&lt;/script&gt;</div>")


def test_legend_html_lists_kinds_escaped():
    out = legend_html([("town or city", KIND_STYLES["city"]), ("<b>", KIND_STYLES["region"])])
    assert "town or city" in out and "&lt;b&gt;" in out and "dashed" in out


def test_legend_html_draws_areas_and_lines():
    out = legend_html([("area", {**KIND_STYLES["city"], "swatch": "area"}),
                       ("line", {"color": "#4a0a00", "swatch": "line"})])
    assert "border-radius:2px" in out and "border-top:3px solid #4a0a00" in out


# ------------------------------------------------- status of towns (front-line data)


@pytest.mark.parametrize(("status", "km", "note"), [
    ("occupied", 3.0, "occupied"),
    ("grey", 0.4, "grey zone"),
    ("near_front", 1.76, "1.8 km from the front"),
    ("held", 24.0, "held by Ukraine, 24.0 km from the front"),
    ("held", 250.0, "held by Ukraine, 250 km from the front"),
    ("held", None, "held by Ukraine"),
    ("outside", 80.0, ""),
    ("unknown", float("nan"), "front line unknown"),
    ("", float("nan"), ""),
])
def test_status_note(status, km, note):
    assert status_note(status, km) == note


def test_place_style_outlines_by_status_and_selection_wins():
    city = place_style("city", 8.0, False, "occupied")
    assert (city["color"], city["weight"]) == (STATUS_STYLES["occupied"]["color"], 3)
    assert city["fillColor"] == KIND_STYLES["city"]["fillColor"]  # the fill still says the kind
    assert place_style("city", 8.0, False, "outside") == place_style("city", 8.0, False)
    assert place_style("city", 8.0, True, "held")["color"] == "#000000"
    assert len({s["color"] for s in STATUS_STYLES.values()}) == len(STATUS_STYLES)


def test_places_layer_takes_status_columns_when_there_are_some():
    rows = points(("1", "Bakhmut", "city", 48.59, 38.0, "UA", 3, 2),
                  ("2", "Donbas", "region", 48.5, 38.5, "UA", 1, 1))
    with_status = rows.assign(status=["near_front", ""], distance_km=[1.76, float("nan")])
    bakhmut, donbas = features(places_layer(with_status))
    assert bakhmut["properties"]["detail"] == "3 mentions in 2 articles · 1.8 km from the front"
    assert bakhmut["properties"]["style"]["color"] == STATUS_STYLES["near_front"]["color"]
    assert donbas["properties"]["detail"] == "1 mention in 1 article"
    assert donbas["properties"]["style"]["color"] == KIND_STYLES["region"]["color"]


def test_a_town_of_unknown_status_says_why_and_gets_no_status_outline():
    rows = points(("1", "Bakhmut", "city", 48.59, 38.0, "UA", 3, 2),
                  ("2", "Donbas", "region", 48.5, 38.5, "UA", 1, 1))
    unknown = rows.assign(status=["unknown", ""], distance_km=[float("nan")] * 2)
    note = "front line unknown on 2024-06-30 (newest snapshot 2023-06-01, 395 days earlier)"
    bakhmut, donbas = features(places_layer(unknown, unknown_note=note))
    assert bakhmut["properties"]["detail"] == f"3 mentions in 2 articles · {note}"
    assert bakhmut["properties"]["style"] == place_style("city", 22.0, False)
    assert donbas["properties"]["detail"] == "1 mention in 1 article"
    (plain, _) = features(places_layer(unknown))
    assert plain["properties"]["detail"] == "3 mentions in 2 articles · front line unknown"



def test_base_map_loads_leaflet_alone():
    """No jQuery, Bootstrap or Font Awesome: circles and tooltips need none of them."""
    page = base_map().get_root().render()
    assert "leaflet@" in page and "leaflet.css" in page
    for unused in ("jquery", "bootstrap", "fontawesome", "awesome-markers"):
        assert unused not in page.lower()
