"""Draw what lies under the places: territorial control and region outlines, with their credits.

``render`` draws the places; this module draws the layers the front-line
and boundary data add (``frontline.display_geojson`` and
``region_shapes.RegionOutline`` in, folium FeatureGroups out), the legend
that explains all of them, and the licence lines for the app's "Data &
licences". The same two rules as in ``render`` hold: each layer is a
separate FeatureGroup that the app passes as ``feature_group_to_add`` (so
the slider never reloads the base map), and every string from a data file
is escaped before it reaches HTML. A layer's credit goes on its GeoJson,
where Leaflet shows it while the layer is on the map (folium drops it on a
FeatureGroup).
"""

from __future__ import annotations

import html
import re
import string
from collections.abc import Iterable, Mapping, Sequence

import folium
import pandas as pd

from mapapp.frontline.boundaries import GEOBOUNDARIES_CREDIT
from mapapp.frontline.control import FRONT_LINE, ControlStatus
from mapapp.frontline.readers import DEEPSTATE_CREDIT, DEEPSTATE_LICENCE
from mapapp.frontline.region_shapes import RegionOutline
from mapapp.frontline.snapshots import LEGEND
from mapapp.model import PlaceKind
from mapapp.render import folium_map

DEEPSTATE_URL = "https://deepstatemap.live"
_COLORS = {entry.status: entry.color for entry in LEGEND}
FRONT_STYLES: dict[str, dict[str, object]] = {
    status: {"color": _COLORS[status], "weight": 1, "fillColor": _COLORS[status],
             "fillOpacity": opacity}
    for status, opacity in ((ControlStatus.OCCUPIED, 0.25), (ControlStatus.GREY, 0.4))
} | {FRONT_LINE: {"color": _COLORS[FRONT_LINE], "weight": 2.5, "fill": False}}
OUTLINE_STYLE: dict[str, object] = {"color": "#2166ac", "weight": 2, "dashArray": "6 4",
                                    "fill": True, "fillColor": "#67a9cf", "fillOpacity": 0.06}
OUTLINE_SELECTED = {"color": "#000000", "weight": 3, "fillOpacity": 0.15}
_MD_PUNCTUATION = frozenset(string.punctuation) - {":"}  # colons: see md_text
STATUS_LABELS = {ControlStatus.OCCUPIED: "town occupied",
                 ControlStatus.GREY: "town in the grey zone",
                 ControlStatus.NEAR_FRONT: "town within {n} km of the front",
                 ControlStatus.HELD: "town held by Ukraine"}


def credit_html(credit: str) -> str:
    """A layer's credit as attribution HTML: DeepStateMap linked, anything else escaped.

    >>> credit_html("Territorial control: <b>me</b>")
    'Territorial control: &lt;b&gt;me&lt;/b&gt;'
    """
    if credit == DEEPSTATE_CREDIT:
        return f'Territorial control: <a href="{DEEPSTATE_URL}">DeepStateMap.live</a>'
    return html.escape(credit)


def frontline_layer(doc: Mapping, credit: str) -> folium.FeatureGroup:
    """The occupied area, grey zone and front line of one snapshot, not clickable.

    ``doc`` is ``frontline.display_geojson(snapshot)``; every feature keeps
    its properties (``date`` among them) and gets its ``style``. The areas
    take no clicks, so a click inside them still reaches the places above.
    """
    features = [{**f, "properties": {**f["properties"],
                                      "style": FRONT_STYLES.get(f["properties"]["status"], {})}}
                for f in doc["features"]]
    group = folium.FeatureGroup(name="Territorial control")
    folium.GeoJson({"type": "FeatureCollection", "features": features},
                   name="territorial control", attribution=credit_html(credit),
                   interactive=False, zoom_on_click=False).add_to(group)
    return group


def _outline_feature(row, outline: RegionOutline, selected: str | None) -> dict:
    style = dict(OUTLINE_STYLE, **(OUTLINE_SELECTED if row.place_id == selected else {}))
    detail = folium_map.tooltip_detail(int(row.mentions), int(row.articles))
    return {"type": "Feature", "geometry": outline.geometry,
            "properties": {"place_id": html.escape(str(row.place_id)),
                           "label": html.escape(str(row.name)), "detail": html.escape(detail),
                           "kind": PlaceKind.REGION, "shape": html.escape(outline.key),
                           "selected": row.place_id == selected, "style": style}}


def regions_layer(points: pd.DataFrame, outlines: Mapping[str, RegionOutline],
                  selected: str | None = None) -> folium.FeatureGroup | None:
    """Regions drawn as their outlines, big under small: context, never a click target.

    ``points`` has timeline.COUNT_COLUMNS; rows without an outline are left
    out. An outline takes no clicks and shows no tooltip, so a click that
    misses a small town inside an oblast selects nothing rather than the
    oblast (issue 14); the region stays selectable by its point, which
    ``render.places_layer`` draws like every place. None when no row has an
    outline (then no boundary credit is shown either).
    """
    rows = [(outlines[str(r.place_id)], r) for r in points.itertuples(index=False)
            if str(r.place_id) in outlines]
    if not rows:
        return None
    rows.sort(key=lambda pair: -pair[0].area)
    credits = dict.fromkeys(html.escape(o.credit) for o, _r in rows if o.credit)
    group = folium.FeatureGroup(name="Regions")
    folium.GeoJson(
        {"type": "FeatureCollection",
         "features": [_outline_feature(r, o, selected) for o, r in rows]},
        name="region outlines", attribution=" · ".join(credits),
        interactive=False, zoom_on_click=False,
    ).add_to(group)
    return group


def legend_items(kinds: Iterable[str], outlined: bool = False, front: bool = False,
                 statuses: Iterable[str] = (), near_km: float = 10.0,
                 ) -> list[tuple[str, dict[str, object]]]:
    """What the legend lists: place kinds, then the town outlines, then the control areas.

    ``kinds`` are the kinds drawn besides city and region (which are always
    listed); ``outlined`` says regions are drawn as outlines; ``statuses``
    those present among the towns drawn.
    """
    present = set(kinds)
    items: list[tuple[str, dict[str, object]]] = []
    optional = (PlaceKind.OTHER, PlaceKind.COUNTRY)
    for kind in [PlaceKind.CITY, PlaceKind.REGION, *(k for k in optional if k in present)]:
        style = folium_map.KIND_STYLES[kind]
        if kind == PlaceKind.REGION and outlined:
            style = {**OUTLINE_STYLE, "fillOpacity": 0.2, "swatch": "area"}
        items.append((folium_map.KIND_LABELS[kind], style))
    shown = set(statuses)
    for status, label in STATUS_LABELS.items():
        if status in shown:
            items.append((label.format(n=f"{near_km:g}"),
                          {**folium_map.STATUS_STYLES[status], "fillColor": "#ffffff"}))
    if front:
        for entry in LEGEND:
            swatch = "line" if entry.status == FRONT_LINE else "area"
            items.append((entry.label, {**FRONT_STYLES[entry.status], "swatch": swatch}))
    return items


def md_text(text: str) -> str:
    r"""Text from a data file or an upload, shown as written in Streamlit Markdown.

    Every ASCII punctuation character gets a backslash (CommonMark lets any be
    escaped), so nothing becomes a link, emphasis, HTML, a list, a table or
    ``$…$`` math. Streamlit turns ``:name:`` into an emoji or icon after the
    escapes are gone, so a word joiner (invisible) parts such a colon from the
    name.

    >>> md_text("$x$ [a](b)")
    '\\$x\\$ \\[a\\]\\(b\\)'
    """
    text = re.sub(r":(?=[\w+/-]+:)", ":\u2060", text)  # :fire:, :material/home:
    return "".join(f"\\{c}" if c in _MD_PUNCTUATION else c for c in text)


def licence_markdown(front_credits: Sequence[str], boundary_credits: Sequence[str]) -> str:
    """Markdown list items for the front-line and boundary data shown ("" for neither)."""
    lines = []
    for credit in dict.fromkeys(front_credits):
        if credit == DEEPSTATE_CREDIT:
            lines.append(f"- **Territorial control**: [DeepStateMap.live]({DEEPSTATE_URL}). "
                         f"{md_text(DEEPSTATE_LICENCE)}")
        else:
            lines.append(f"- **Territorial control**: {md_text(credit)}")
    for credit in dict.fromkeys(boundary_credits):
        if credit == GEOBOUNDARIES_CREDIT:
            lines.append("- **Region outlines**: © [OpenStreetMap]"
                         "(https://www.openstreetmap.org/copyright) contributors, "
                         "[ODbL 1.0](https://opendatacommons.org/licenses/odbl/), courtesy of "
                         "[geoBoundaries](https://www.geoboundaries.org/).")
        else:
            lines.append(f"- **Region outlines**: {md_text(credit)}")
    return "\n".join(lines)
