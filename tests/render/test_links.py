"""The map view in a link (mapapp/render/view.py): written short, read strictly, compared
by pixels."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mapapp.render import view as links
from mapapp.render.view import MapView, parse_view, reported_view, same_view, view_token


def test_doctests():
    assert doctest.testmod(links).failed == 0


@given(st.floats(-85, 85), st.floats(-180, 180), st.integers(1, 18))
def test_a_written_view_reads_back_as_the_same_view(lat, lon, zoom):
    view = MapView(lat, lon, zoom)
    token = view_token(view)
    assert same_view(parse_view(token), view)
    assert len(token) <= 26  # a short link: -85.123456,-179.123456,18


@pytest.mark.parametrize(("value", "why"), [
    ("48.5,37.9", "LAT,LON,ZOOM"), ("a,b,c", "LAT,LON,ZOOM"), ("48.5,37.9,8.5", "whole zoom"),
    ("nan,37.9,8", "LAT,LON,ZOOM"), ("91,37.9,8", "off the map"), ("48,181,8", "off the map"),
    ("48.5,37.9,0", "zoom outside"), ("48.5,37.9,30", "zoom outside"), ("", "LAT,LON,ZOOM"),
])
def test_bad_views_are_refused_with_a_reason(value, why):
    with pytest.raises(ValueError, match=why):
        parse_view(value)


def test_reported_view_reads_streamlit_folium_and_ignores_the_rest():
    assert reported_view({"center": {"lat": 48.0, "lng": 397.5}, "zoom": 8.0}) == MapView(
        48.0, 37.5, 8)  # a map panned once round the world
    for value in (None, {}, {"center": None, "zoom": 8}, {"center": {"lat": "x", "lng": 1},
                                                          "zoom": 8}, {"center": {"lat": 1}}):
        assert reported_view(value) is None


def test_same_view_is_a_couple_of_pixels():
    view = MapView(48.5, 37.9, 10)
    pixel = 360 / (256 * 2**10)
    assert same_view(view, MapView(48.5 + pixel, 37.9 - pixel, 10))
    assert not same_view(view, MapView(48.5 + 5 * pixel, 37.9, 10))
    assert same_view(None, None) and not same_view(view, None)
