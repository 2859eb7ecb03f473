"""Render's front-line and region layers: styles, credits, legend, licences, escaping.

Maps are rendered and searched for the expected pieces (folium's ids are
random), as in test_render.py.
"""

from __future__ import annotations

import json
import re

import folium
import pandas as pd
import pytest
import shapely

from mapapp.frontline.boundaries import GEOBOUNDARIES_CREDIT
from mapapp.frontline.readers import DEEPSTATE_CREDIT
from mapapp.frontline.region_shapes import RegionOutline
from mapapp.frontline.snapshots import LEGEND
from mapapp.render.folium_map import KIND_LABELS, KIND_STYLES, STATUS_STYLES, base_map
from mapapp.render.frontline_layers import (
    FRONT_STYLES,
    OUTLINE_SELECTED,
    credit_html,
    frontline_layer,
    legend_items,
    licence_markdown,
    md_text,
    regions_layer,
)
from mapapp.timeline.windows import COUNT_COLUMNS

HOSTILE = '<img src=x onerror="window.__xss=1">'


def geojson(group: folium.FeatureGroup) -> folium.GeoJson:
    (layer,) = [c for c in group._children.values() if isinstance(c, folium.GeoJson)]
    return layer


def rendered(group: folium.FeatureGroup) -> str:
    m = base_map()
    group.add_to(m)
    return re.sub(r"_[0-9a-f]{32}", "_ID", m.get_root().render())


def doc(*statuses: str) -> dict:
    geoms = {"occupied": shapely.box(38.0, 48.5, 38.5, 49.0),
             "grey": shapely.box(37.95, 48.5, 38.0, 49.0),
             "front_line": shapely.LineString([(37.95, 48.5), (37.95, 49.0)])}
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": json.loads(shapely.to_geojson(geoms[s])),
         "properties": {"status": s, "date": "2023-03-16", "credit": DEEPSTATE_CREDIT}}
        for s in statuses]}


def test_frontline_layer_styles_each_part_and_takes_no_clicks():
    layer = geojson(frontline_layer(doc("occupied", "grey", "front_line"), DEEPSTATE_CREDIT))
    styles = [f["properties"]["style"] for f in layer.data["features"]]
    assert styles == [FRONT_STYLES["occupied"], FRONT_STYLES["grey"], FRONT_STYLES["front_line"]]
    assert styles[0]["fillColor"] == LEGEND[0].color == "#a52714"
    assert all(f["properties"]["date"] == "2023-03-16" for f in layer.data["features"])
    page = rendered(frontline_layer(doc("occupied"), DEEPSTATE_CREDIT))
    assert '"interactive": false' in page
    assert "https://deepstatemap.live" in page and "DeepStateMap.live" in page
    assert "return feature.properties.style;" in page


def test_frontline_layer_leaves_the_snapshot_document_alone():
    original = doc("occupied")
    frontline_layer(original, DEEPSTATE_CREDIT)
    assert "style" not in original["features"][0]["properties"]


def test_credit_html_links_deepstatemap_and_escapes_the_rest():
    assert credit_html(DEEPSTATE_CREDIT) == (
        'Territorial control: <a href="https://deepstatemap.live">DeepStateMap.live</a>')
    assert "<img" not in credit_html(HOSTILE) and "&lt;img" in credit_html(HOSTILE)


def outline(place_id: str, box: tuple[float, float, float, float], credit: str = "credit",
            key: str = "UA-14") -> RegionOutline:
    geom = shapely.box(*box)
    return RegionOutline(place_id, key, key, json.loads(shapely.to_geojson(geom)),
                         float(geom.area), credit)


def regions() -> pd.DataFrame:
    return pd.DataFrame([("709716", "Donetsk Oblast", "region", 48.0, 37.7, "UA", 3, 2),
                         ("r:donbas", HOSTILE, "region", 48.5, 38.5, "UA", 1, 1),
                         ("713174", "Bakhmut", "city", 48.6, 38.0, "UA", 5, 3)],
                        columns=list(COUNT_COLUMNS))


def test_regions_layer_draws_big_regions_under_small_ones():
    outlines = {"709716": outline("709716", (36, 47, 38, 49)),
                "r:donbas": outline("r:donbas", (36, 47, 40, 49), GEOBOUNDARIES_CREDIT, "Donbas")}
    layer = geojson(regions_layer(regions(), outlines, selected="709716"))
    props = [f["properties"] for f in layer.data["features"]]
    assert [p["place_id"] for p in props] == ["r:donbas", "709716"]  # Bakhmut is no outline
    assert props[0]["label"] == "&lt;img src=x onerror=&quot;window.__xss=1&quot;&gt;"
    assert props[1]["detail"] == "3 mentions in 2 articles" and props[1]["selected"] is True
    assert props[1]["style"]["color"] == OUTLINE_SELECTED["color"]
    assert props[0]["style"]["dashArray"] and props[0]["style"]["fillOpacity"] < 0.1
    page = rendered(regions_layer(regions(), outlines))
    assert "geoBoundaries" in page


def test_region_outlines_take_no_clicks():
    """Outlines are context: a click inside an oblast that misses a town selects nothing."""
    outlines = {"709716": outline("709716", (36, 47, 38, 49))}
    page = rendered(regions_layer(regions(), outlines))
    assert "bindTooltip" not in page
    assert re.search(r'"interactive":\s*false', page)


def test_regions_layer_is_none_without_outlines():
    assert regions_layer(regions(), {}) is None
    assert regions_layer(regions().iloc[:0], {"709716": outline("709716", (0, 0, 1, 1))}) is None


def test_legend_without_front_line_data_is_the_kinds_legend():
    assert legend_items({"city", "region"}) == [
        (KIND_LABELS["city"], KIND_STYLES["city"]), (KIND_LABELS["region"], KIND_STYLES["region"])]
    kinds = [label for label, _s in legend_items({"country", "other"})]
    assert kinds == ["town or city", "region", "other place", "country"]


def test_legend_with_outlines_statuses_and_territorial_control():
    items = legend_items({"city", "region"}, outlined=True, front=True,
                         statuses={"occupied", "near_front", ""}, near_km=7.5)
    labels = [label for label, _s in items]
    assert labels == ["town or city", "region", "town occupied", "town within 7.5 km of the front",
                      "Russian-occupied", "Grey zone (status unknown)", "Front line"]
    styles = dict(items)
    assert styles["region"]["swatch"] == "area"
    assert styles["town occupied"]["color"] == STATUS_STYLES["occupied"]["color"]
    assert styles["Front line"]["swatch"] == "line"


@pytest.mark.parametrize(("front", "outlines", "expected", "absent"), [
    ([DEEPSTATE_CREDIT], [], ["DeepStateMap.live", "DEEPSTATEUATECH", "no redistribution"],
     ["ODbL"]),
    ([], [GEOBOUNDARIES_CREDIT], ["OpenStreetMap", "ODbL 1.0", "geoBoundaries"],
     ["DeepStateMap"]),
    (["Territorial control: [x](javascript:alert(1))"], ["Boundaries: *mine*"],
     ["\\[x\\]\\(javascript:alert\\(1\\)\\)", "\\*mine\\*"], ["](javascript"]),
])
def test_licence_markdown(front, outlines, expected, absent):
    text = licence_markdown(front, outlines)
    assert all(line.startswith("- **") for line in text.splitlines())
    for piece in expected:
        assert piece in text
    for piece in absent:
        assert piece not in text


def test_md_text_escapes_every_markdown_character_math_included():
    punctuation = "!\"#$%&'()*+,-./;<=>?@[\\]^_`{|}~"
    assert md_text(punctuation) == "".join(f"\\{c}" for c in punctuation)
    assert md_text("$E=mc^2$.txt") == "\\$E\\=mc\\^2\\$\\.txt"
    # an escaped colon is still a colon to Streamlit's emoji shortcodes: a word joiner parts them
    assert md_text("a:fire:b :material/home: x:y") == (
        "a:\u2060fire:b :\u2060material\\/home: x:y")
    assert md_text("kept as is 12") == "kept as is 12"


def test_licence_markdown_of_nothing_is_empty():
    assert licence_markdown([], []) == ""
    assert md_text("a_b <c>") == "a\\_b \\<c\\>"
