"""The map's event drawing: places filtered and filled by what was reported, control rings.

Three pieces, each from plain tables the page computes once per window:

* :func:`with_events` keeps the places the kind filter lets through and says,
  per place, which reported kind it is drawn by and, for a change of hands or a
  held statement, whose colour (the side of the window's latest such report);
  ``folium_map.places_layer`` reads the ``event``/``event_side`` columns;
* :func:`reported_layer`: without front-line data, the articles' own account of
  who holds each town (``timeline.reported``) as rings in the holder's colour,
  dashed for a claim, named as drawn from the articles alone;
* :func:`disagreement_layer`: with front-line data, a ring round each town
  where that account and the snapshot disagree (``frontline.disagree``).

Rings take no clicks: the place under them stays the click target.
"""

from __future__ import annotations

import html
from collections.abc import Collection, Mapping

import folium
import numpy as np
import pandas as pd

from mapapp.model import KINDS
from mapapp.render.event_style import NAMED, SIDE_COLOURS, SIDE_NAMES

REPORTED_LAYER = "Reported control (from the articles alone)"
DISAGREE_COLOUR = "#00bcd4"
RING_RADIUS = 14.0
_SIDED = KINDS[0], KINDS[3]  # control and held are drawn in the side's colour


def latest_sides(events: pd.DataFrame) -> dict[tuple[str, str], str | None]:
    """(place_id, kind) → the side of the latest control or held report of ``events``
    (``View.events`` of a window, in time order)."""
    sided = events[events["kind"].isin(_SIDED)]
    return dict(zip(zip(sided["place_id"], sided["kind"], strict=True), sided["side"],
                    strict=True))  # later rows overwrite: the window's latest report


def with_events(counts: pd.DataFrame, last_side: Mapping[tuple[str, str], str | None],
                chosen: Collection[str]) -> pd.DataFrame:
    """``counts`` (``View.counts``) filtered to the ``chosen`` kinds (``event_style.
    FILTER_CHOICES``), with ``event`` (the first chosen kind reported) and ``event_side``.

    ``last_side`` is :func:`latest_sides` of the same window.
    """
    present = np.column_stack([counts[f"n_{k}"].to_numpy() > 0 for k in KINDS]) \
        if len(counts) else np.zeros((0, len(KINDS)), bool)
    wanted = np.array([k in chosen for k in KINDS])
    shown = present & wanted
    keep = shown.any(axis=1) | ((~present.any(axis=1)) & (NAMED in chosen))
    first = np.where(shown.any(axis=1), np.argmax(shown, axis=1), -1)
    kinds = np.array([None, *KINDS], dtype=object)[first + 1]
    sides = np.full(len(counts), None, dtype=object)
    for row in np.flatnonzero(np.isin(first, [KINDS.index(k) for k in _SIDED])):
        sides[row] = last_side.get((counts["place_id"].iat[row], kinds[row]))
    out = counts.assign(event=pd.Series(kinds, index=counts.index, dtype=object),
                        event_side=pd.Series(sides, index=counts.index, dtype=object))
    return out if keep.all() else out[keep]


def _ring(lat: float, lon: float, style: dict[str, object], tip: str) -> dict:
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {"style": style, "note": html.escape(tip)}}


def _layer(name: str, features: list[dict]) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name=name)
    folium.GeoJson({"type": "FeatureCollection", "features": features}, name=name.lower(),
                   marker=folium.CircleMarker(radius=RING_RADIUS, fill=False),
                   interactive=False, zoom_on_click=False).add_to(group)
    return group


def reported_layer(reported: pd.DataFrame, places: pd.DataFrame) -> folium.FeatureGroup:
    """A ring per town the articles say someone holds, as of the slider's date.

    ``reported``: ``reported_control``'s table; ``places``: place_id, lat, lon.
    """
    at = reported.merge(places[["place_id", "lat", "lon"]], on="place_id", how="inner")
    features = [_ring(float(r.lat), float(r.lon), reported_style(str(r.holder), bool(r.claim)),
                      f"reported held by {SIDE_NAMES.get(str(r.holder), r.holder)}")
                for r in at.itertuples(index=False)]
    return _layer(REPORTED_LAYER, features)


def reported_style(holder: str | None, claim: bool) -> dict[str, object]:
    """A reported-control ring: the holder's colour, dashed when the account is a claim."""
    style: dict[str, object] = {"color": SIDE_COLOURS.get(holder, "#3f3f3f"), "weight": 3,
                                "fill": False, "radius": RING_RADIUS, "opacity": 0.9}
    return {**style, "dashArray": "4 4"} if claim else style


DISAGREE_STYLE: dict[str, object] = {"color": DISAGREE_COLOUR, "weight": 4, "fill": False,
                                     "radius": RING_RADIUS + 3, "dashArray": "2 5"}


def disagreement_layer(found: pd.DataFrame) -> folium.FeatureGroup:
    """A ring round each town where the articles and the snapshot disagree
    (``frontline.disagree.disagreements``' table)."""
    features = [_ring(float(r.lat), float(r.lon), DISAGREE_STYLE,
                      "the articles and the front line disagree")
                for r in found.itertuples(index=False)]
    return _layer("Articles against the front line", features)


def reported_legend(reported: pd.DataFrame) -> list[tuple[str, dict[str, object]]]:
    """Legend entries for the reported-control rings drawn (holders and claims present)."""
    items = []
    for holder in SIDE_NAMES:
        rows = reported[reported["holder"] == holder]
        if len(rows):
            items.append((f"Reported held by {SIDE_NAMES[holder]} (articles alone)",
                          {**reported_style(holder, False), "fillColor": "#ffffff",
                           "fillOpacity": 0.0}))
    if len(reported) and reported["claim"].any():
        items.append(("… dashed: a claim", {**reported_style("", True), "fillColor": "#ffffff",
                                            "fillOpacity": 0.0}))
    return items


def disagreement_legend(found: pd.DataFrame) -> list[tuple[str, dict[str, object]]]:
    if found.empty:
        return []
    return [("Articles and front line disagree", {**DISAGREE_STYLE, "fillColor": "#ffffff",
                                                  "fillOpacity": 0.0})]

