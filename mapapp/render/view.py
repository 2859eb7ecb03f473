"""The map view in a shared link: where the map is centred and how far it is zoomed.

A colleague who opens a link should see the map the sender saw, not a view
the app picked (issue 14: links opened at zoom 9 on the selected place while
the sender looked over the whole Donbas). The view travels in the URL as one
value, ``view=LAT,LON,ZOOM`` (``view=48.2,37.6,8``), written only once the
user has moved the map. Coordinates are rounded to what the zoom level can
show, so a link stays short and a pan of less than a pixel writes nothing.

The app reads the view that streamlit-folium reports after each pan or zoom
and never feeds it back into the map (which makes the map oscillate); this
module only parses, formats and compares views.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

MIN_ZOOM, MAX_ZOOM = 1, 18
# How many pixels a centre may move before it is another view: Leaflet's own rounding
# of a centre that was set is far below one pixel.
SAME_VIEW_PX = 2.0


@dataclass(frozen=True)
class MapView:
    """Where the map opens: centre and zoom level."""

    lat: float
    lon: float
    zoom: int


def _degrees_per_pixel(zoom: int) -> float:
    """Longitude degrees one screen pixel spans at ``zoom`` (256-pixel tiles)."""
    return 360.0 / (256 * 2**zoom)


def _decimals(zoom: int) -> int:
    """Decimals that keep a centre within a pixel at ``zoom``."""
    return max(1, math.ceil(-math.log10(_degrees_per_pixel(zoom))))


def _number(value: float, places: int) -> str:
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def view_token(view: MapView) -> str:
    """The URL value of a view, rounded to what its zoom can show.

    >>> view_token(MapView(48.59412345, 37.99987654, 8))
    '48.594,38,8'
    """
    places = _decimals(view.zoom)
    return f"{_number(view.lat, places)},{_number(view.lon, places)},{view.zoom}"


def parse_view(value: str) -> MapView:
    """A view from its URL value; ValueError saying what is wrong otherwise.

    >>> parse_view("48.5,37.9,8")
    MapView(lat=48.5, lon=37.9, zoom=8)
    """
    parts = value.split(",")
    if len(parts) != 3:
        raise ValueError("is not LAT,LON,ZOOM")
    try:
        lat, lon, zoom_f = (float(p) for p in parts)
    except ValueError:
        raise ValueError("is not LAT,LON,ZOOM") from None
    if not all(map(math.isfinite, (lat, lon, zoom_f))) or zoom_f != int(zoom_f):
        raise ValueError("is not LAT,LON,ZOOM with a whole zoom level")
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError("lies off the map (latitude −90 to 90, longitude −180 to 180)")
    if not MIN_ZOOM <= zoom_f <= MAX_ZOOM:
        raise ValueError(f"has a zoom outside {MIN_ZOOM} to {MAX_ZOOM}")
    return MapView(lat, lon, int(zoom_f))


def reported_view(value: object) -> MapView | None:
    """The view in streamlit-folium's return value (``center``, ``zoom``), None if absent.

    >>> reported_view({"center": {"lat": 48.5, "lng": 37.9}, "zoom": 8})
    MapView(lat=48.5, lon=37.9, zoom=8)
    >>> reported_view({"last_object_clicked": None}) is None
    True
    """
    if not isinstance(value, dict):
        return None
    centre, zoom = value.get("center"), value.get("zoom")
    if not isinstance(centre, dict) or not isinstance(zoom, int | float):
        return None
    try:
        lat, lon = float(centre["lat"]), float(centre["lng"])
    except (KeyError, TypeError, ValueError):
        return None
    if not (math.isfinite(lat) and math.isfinite(lon)):
        return None
    if not -180 <= lon <= 180:  # Leaflet lets a panned map wrap past ±180°
        lon = (lon + 180) % 360 - 180
    return MapView(lat, lon, round(zoom))


def same_view(a: MapView | None, b: MapView | None) -> bool:
    """True when both show the same map: one zoom, centres within a couple of pixels.

    >>> same_view(MapView(48.5, 37.9, 8), MapView(48.50001, 37.90001, 8))
    True
    >>> same_view(MapView(48.5, 37.9, 8), MapView(48.5, 37.9, 9))
    False
    """
    if a is None or b is None:
        return a is b
    if a.zoom != b.zoom:
        return False
    tolerance = SAME_VIEW_PX * _degrees_per_pixel(a.zoom)
    return abs(a.lat - b.lat) <= tolerance and abs(a.lon - b.lon) <= tolerance
