"""Turn plain data into what the browser shows: the folium map, its layers, HTML snippets.

Two rules shape this module. First, the base map must come out identical for
identical arguments: streamlit-folium keys its component on the map's script,
so a base map that changed between reruns would reload the iframe and lose
the user's zoom and pan; everything that changes with the slider goes into
separate FeatureGroups that the app hands over as ``feature_group_to_add``.
Second, every string that reaches HTML is escaped here, because Leaflet
tooltips and the excerpt panel render HTML and article text is untrusted.

Layers take DataFrames rather than timeline objects so that another layer
(the front line) can be added beside ``places_layer`` without touching it.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence

import folium
import pandas as pd

from mapapp.corpus.reader import source_label  # shared with export
from mapapp.frontline.control import ControlStatus
from mapapp.model import PlaceKind
from mapapp.render import event_style
from mapapp.render.click import quick_click
from mapapp.render.view import MapView
from mapapp.timeline.place_notes import UsualEvidence
from mapapp.timeline.windows import Excerpt

OSM_ATTRIBUTION = ('&copy; <a href="https://www.openstreetmap.org/copyright">'
                   "OpenStreetMap</a> contributors (ODbL)")
GEONAMES_ATTRIBUTION = ('Places: <a href="https://www.geonames.org/">GeoNames</a> '
                        '(<a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>)')
OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"

# Towns are solid, regions faint and dashed (an area, not a point), countries
# (drawn only on request) faint purple; "other" grey.
KIND_STYLES: dict[str, dict[str, object]] = {
    PlaceKind.CITY: {"fill": True, "color": "#b2182b", "fillColor": "#ef6548",
                     "fillOpacity": 0.75, "weight": 1},
    PlaceKind.REGION: {"fill": True, "color": "#2166ac", "fillColor": "#67a9cf",
                       "fillOpacity": 0.25, "weight": 2, "dashArray": "5 4"},
    PlaceKind.COUNTRY: {"fill": True, "color": "#5e3c99", "fillColor": "#b2abd2",
                        "fillOpacity": 0.2, "weight": 1},
    PlaceKind.OTHER: {"fill": True, "color": "#4d4d4d", "fillColor": "#999999",
                      "fillOpacity": 0.5, "weight": 1},
}
KIND_LABELS = {PlaceKind.CITY: "town or city", PlaceKind.REGION: "region",
               PlaceKind.COUNTRY: "country", PlaceKind.OTHER: "other place"}
SELECTED_STYLE = {"color": "#000000", "weight": 4, "fillOpacity": 0.9}
# With front-line data a town's outline says where it stood on the date (place_status): the
# fill keeps saying what kind of place it is. "outside" (Ukraine) keeps the kind's outline.
STATUS_STYLES: dict[str, dict[str, object]] = {
    ControlStatus.OCCUPIED: {"color": "#67000d", "weight": 3},
    ControlStatus.GREY: {"color": "#525252", "weight": 3},
    ControlStatus.NEAR_FRONT: {"color": "#f08c00", "weight": 3},
    ControlStatus.HELD: {"color": "#1a9850", "weight": 3},
}
MIN_RADIUS, MAX_RADIUS = 5.0, 22.0


DEFAULT_VIEW = MapView(48.6, 37.9, 7)  # Bakhmut and the Donbas front


def fit_view(lats: Sequence[float], lons: Sequence[float], width_px: int = 700) -> MapView:
    """A centre and zoom that show all the points on a map about ``width_px`` wide.

    >>> fit_view([48.0, 49.0], [37.0, 39.0])
    MapView(lat=48.5, lon=38.0, zoom=8)
    """
    if len(lats) == 0:
        return DEFAULT_VIEW
    lat0, lat1, lon0, lon1 = min(lats), max(lats), min(lons), max(lons)
    # latitude degrees look taller here; 1.4 leaves a margin round the points
    span = max(lon1 - lon0, (lat1 - lat0) * 1.6, 0.05) * 1.4
    zoom = math.floor(math.log2(width_px * 360 / (256 * span)))
    centre = round((lat0 + lat1) / 2, 4), round((lon0 + lon1) / 2, 4)
    return MapView(*centre, max(2, min(zoom, 11)))


def fit_points(points: pd.DataFrame, share: float = 0.6) -> MapView:
    """A view on where most mentions are: the central ``share`` of them, countries left out.

    A few mentions of Stockholm or Washington should not pull the map away
    from the front, so the box spans mention-weighted quantiles, not the
    extremes.
    """
    pts = points[points["kind"] != PlaceKind.COUNTRY]
    if pts.empty:
        return DEFAULT_VIEW
    lo, hi = (1 - share) / 2, 1 - (1 - share) / 2
    box = [_weighted_quantiles(pts[axis], pts["mentions"], (lo, hi)) for axis in ("lat", "lon")]
    view = fit_view(box[0], box[1])
    return MapView(view.lat, view.lon, min(view.zoom, 8))  # keep some surroundings in sight


def _weighted_quantiles(values: pd.Series, weights: pd.Series,
                        qs: tuple[float, float]) -> list[float]:
    order = values.argsort(kind="stable")
    v, w = values.to_numpy()[order], weights.to_numpy()[order].astype(float)
    cum = (w.cumsum() - w / 2) / w.sum()
    return [float(v[min(int((cum < q).sum()), len(v) - 1)]) for q in qs]


def base_map(view: MapView = DEFAULT_VIEW) -> folium.Map:
    """The map without data layers: OpenStreetMap tiles, credited, and Leaflet alone.

    folium loads jQuery, Bootstrap, Font Awesome and awesome-markers into every map for its
    icon markers and popups; this map draws circles and tooltips, which need Leaflet only,
    so a visitor's first map waits for two files from the CDN instead of ten.
    """
    m = folium.Map(location=[view.lat, view.lon], zoom_start=view.zoom, tiles=None,
                   control_scale=True, prefer_canvas=False)
    m.default_js = [(name, url) for name, url in m.default_js if name == "leaflet"]
    m.default_css = [(name, url) for name, url in m.default_css if name == "leaflet_css"]
    folium.TileLayer(OSM_TILES, attr=OSM_ATTRIBUTION, name="OpenStreetMap", max_zoom=19).add_to(m)
    return m


def marker_radius(mentions: int, most: int) -> float:
    """Circle radius in pixels: area grows with the count, relative to the window's maximum."""
    if most <= 0:
        return MIN_RADIUS
    return round(MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * math.sqrt(mentions / most), 2)


def tooltip_detail(mentions: int, articles: int) -> str:
    m = "1 mention" if mentions == 1 else f"{mentions} mentions"
    a = "1 article" if articles == 1 else f"{articles} articles"
    return f"{m} in {a}"


def status_note(status: str, distance_km: float | None) -> str:
    """A town's position in a few words for its tooltip ("" without a status).

    >>> status_note("near_front", 1.76), status_note("held", float("nan"))
    ('1.8 km from the front', 'held by Ukraine')
    """
    if status == ControlStatus.UNKNOWN:  # no current snapshot for the date (place_status.Coverage)
        return "front line unknown"
    km = float("nan") if distance_km is None else float(distance_km)
    known = math.isfinite(km)
    far = f"{km:.{1 if km < 100 else 0}f} km" if known else ""
    if status == ControlStatus.OCCUPIED:
        return "occupied"
    if status == ControlStatus.GREY:
        return "grey zone"
    if status == ControlStatus.NEAR_FRONT and known:
        return f"{far} from the front"
    if status in (ControlStatus.HELD, ControlStatus.NEAR_FRONT):
        return f"held by Ukraine, {far} from the front" if known else "held by Ukraine"
    return ""


def place_style(kind: str, radius: float, selected: bool, status: str = "") -> dict[str, object]:
    """Leaflet path options of one place's circle (radius included), outlined by ``status``."""
    style = dict(KIND_STYLES.get(kind, KIND_STYLES[PlaceKind.OTHER]), radius=radius)
    style.update(STATUS_STYLES.get(status, {}))
    if selected:
        style.update(SELECTED_STYLE)
    return style


def _feature(row, most: int, selected: str | None, unknown_note: str = "") -> dict:
    kind = str(row.kind) if row.kind in KIND_STYLES else PlaceKind.OTHER
    radius = marker_radius(int(row.mentions), most)
    status = str(getattr(row, "status", "") or "")  # with front-line data (place_status)
    note = status_note(status, getattr(row, "distance_km", None))
    note = unknown_note if status == ControlStatus.UNKNOWN and unknown_note else note
    event, side = getattr(row, "event", None), getattr(row, "event_side", None)
    notes = [n for n in (note, event_style.tooltip_note(event, side)) if n]
    detail = " · ".join([tooltip_detail(int(row.mentions), int(row.articles)), *notes])
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [float(row.lon), float(row.lat)]},
        "properties": {
            "place_id": html.escape(str(row.place_id)),
            "label": html.escape(str(row.name)),
            "detail": html.escape(detail),
            "kind": kind,
            "selected": row.place_id == selected,
            "style": place_style(kind, radius, row.place_id == selected, status)
            | event_style.event_fill(event, side),  # what was reported there (issue 18)
        },
    }


def places_layer(points: pd.DataFrame, selected: str | None = None,
                 unknown_note: str = "") -> folium.FeatureGroup:
    """All places as one GeoJson layer of circle markers, the name as tooltip.

    ``points`` has timeline.COUNT_COLUMNS (place_id, name, kind, lat, lon,
    mentions, articles); draw order puts big circles under small ones so
    every place stays clickable. ``selected`` is outlined in black.
    ``unknown_note`` is what the tooltip of a town whose status is "unknown"
    says (place_status.Coverage.note: the date and why).
    """
    group = folium.FeatureGroup(name="Places")
    most = int(points["mentions"].max()) if len(points) else 0
    ordered = points.sort_values("mentions", ascending=False, kind="stable")
    features = [_feature(row, most, selected, unknown_note)
                for row in ordered.itertuples(index=False)]
    folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name="places",
        # on the GeoJson, not the group: L.featureGroup drops its options, L.geoJson keeps them,
        # and Leaflet credits a layer's attribution while the layer is on the map (even empty)
        attribution=GEONAMES_ATTRIBUTION,
        marker=folium.CircleMarker(radius=MIN_RADIUS),
        # no style_function: folium then applies each feature's properties.style in the
        # browser, which is far cheaper than its per-feature style map at 2,000 places
        # folium checks the fields against the first feature, so an empty layer gets none
        tooltip=folium.GeoJsonTooltip(fields=["label", "detail"], labels=False, sticky=False)
        if features else None,
        zoom_on_click=False,
        on_each_feature=quick_click(),  # a click reaches the page without a 250 ms wait
    ).add_to(group)
    return group


def clicked_place(points: pd.DataFrame, tooltip: str | None,
                  lat: float | None = None, lng: float | None = None) -> str | None:
    """The place id behind a map click, from the tooltip's text and the click position.

    streamlit-folium reports the tooltip's ``innerText``: the name on the first
    line. When several drawn places share that name, the one nearest the click
    wins. None when the text names no drawn place.
    """
    if not tooltip or points.empty:
        return None
    name = tooltip.strip().splitlines()[0].strip()
    hits = points[points["name"] == name]
    if hits.empty:
        return None
    if len(hits) == 1 or lat is None or lng is None:
        return str(hits.iloc[0]["place_id"])
    dist = (hits["lat"] - lat) ** 2 + (hits["lon"] - lng) ** 2
    return str(hits.loc[dist.idxmin(), "place_id"])


# ----------------------------------------------------------------- HTML panel


def marked_html(text: str, marks: Sequence[tuple[int, int]],
                event_marks: Sequence[tuple[int, int]] = ()) -> str:
    """``text`` escaped, with the ``marks`` spans wrapped in <mark> and the ``event_marks``
    (the words that decided what was reported) in <mark class="fm-event">.

    >>> marked_html("a <b> Bachmoet valt", [(6, 14)], [(15, 19)])
    'a &lt;b&gt; <mark>Bachmoet</mark> <mark class="fm-event">valt</mark>'
    """
    out, pos = [], 0
    tagged = sorted([(s, e, "<mark>") for s, e in marks] +
                    [(s, e, '<mark class="fm-event">') for s, e in event_marks])
    for start, end, tag in tagged:
        if start < pos:  # overlapping marks: keep the first
            continue
        out += [html.escape(text[pos:start]), tag, html.escape(text[start:end]), "</mark>"]
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)


def article_meta(date: str, title: str, source: str, article_id: str = "") -> str:
    """Plain-text heading of an article: date · title · source (escape before use in HTML)."""
    return " · ".join(part for part in (date, title, source_label(source, article_id)) if part)


def excerpt_meta(ex: Excerpt) -> str:
    return article_meta(ex.date, ex.title, ex.source, ex.article_id)


def _why(evidence: Sequence[str]) -> str:
    return "; ".join(html.escape(e) for e in evidence) or "no evidence recorded"


def excerpt_html(ex: Excerpt, place_name: str, usual: Sequence[str] | None = None) -> str:
    """One excerpt as an HTML block: heading, quoted sentence, why this place.

    With ``usual`` (the evidence the panel states once, ``usual_evidence_html``)
    the why line is left out where the excerpt's evidence is the same, and
    reads "Why here" where it differs.
    """
    if ex.caption:
        quote = "<em>named in a photo caption (not shown as an excerpt)</em>"
    else:
        quote = marked_html(ex.text, ex.marks, ex.event_marks)
        if ex.before:
            quote = f'<span class="fm-context">{html.escape(ex.before)}</span> {quote}'
        if ex.after:
            quote = f'{quote} <span class="fm-context">{html.escape(ex.after)}</span>'
    if usual is not None and tuple(usual) == ex.evidence:
        why = ""
    else:
        who = "here" if usual is not None else html.escape(place_name)
        why = (f'<div class="fm-why">Why {who}: {_why(ex.evidence)} '
               f"(confidence {ex.confidence:.2f})</div>")
    said = "" if ex.event is None else event_style.event_label(ex.event, ex.date)
    label = f'<div class="fm-event-label">{html.escape(said)}</div>' if said else ""
    return (
        '<div class="fm-excerpt">'
        f'<div class="fm-meta">{html.escape(excerpt_meta(ex))}</div>{label}'
        f'<blockquote class="fm-quote">{quote}</blockquote>'
        f"{why}</div>"
    )


def usual_evidence_html(place_name: str, usual: UsualEvidence) -> str:
    """The evidence most shown excerpts give, said once above them (``place_notes``)."""
    if usual.shown == 1:
        share = ""
    elif usual.excerpts == usual.shown:
        share = f", in all {usual.shown} excerpts shown"
    else:
        share = (f", in {usual.excerpts} of the {usual.shown} excerpts shown "
                 "(the others say why under them)")
    conf = f"{usual.low:.2f}" if f"{usual.low:.2f}" == f"{usual.high:.2f}" else \
        f"{usual.low:.2f}–{usual.high:.2f}"
    return (f'<div class="fm-why fm-usual">Why {html.escape(place_name)}{share}: '
            f"{_why(usual.evidence)} (confidence {conf})</div>")


def article_html(text: str, marks: Sequence[tuple[int, int]] = ()) -> str:
    """A whole article, escaped, line breaks kept, ``marks`` highlighted."""
    return f'<div class="fm-article" style="white-space: pre-wrap">{marked_html(text, marks)}</div>'


def _swatch(style: dict[str, object]) -> str:
    dash = "dashed" if style.get("dashArray") else "solid"
    if style.get("swatch") == "line":
        return (f'<span style="display:inline-block;width:16px;height:0;vertical-align:middle;'
                f'border-top:3px {dash} {style["color"]}"></span>')
    shape = "border-radius:2px" if style.get("swatch") == "area" else "border-radius:50%"
    return (f'<span style="display:inline-block;width:12px;height:12px;{shape};'
            f'border:2px {dash} {style["color"]};background:{style["fillColor"]};'
            f'opacity:{max(float(style.get("fillOpacity", 1)), 0.45)}"></span>')  # type: ignore[arg-type]


def legend_html(items: Sequence[tuple[str, dict[str, object]]]) -> str:
    """A row of swatches: (label, style with color/fillColor/fillOpacity/dashArray).

    ``style["swatch"]`` draws an "area" (a square) or a "line" instead of a circle.
    """
    parts = [f'<span style="margin-right:1em">{_swatch(style)} {html.escape(label)}</span>'
             for label, style in items]
    return f'<div class="fm-legend">{"".join(parts)}</div>'


PANEL_CSS = """<style>
.fm-excerpt { margin: 0 0 0.9em 0; }
.fm-meta { font-size: 0.85em; color: #555; }
.fm-quote { margin: 0.2em 0 0.2em 0; padding-left: 0.7em; border-left: 3px solid #ccc; }
.fm-context { color: #777; }
.fm-why { font-size: 0.8em; color: #666; }
.fm-usual { margin: 0 0 0.8em 0; }
.fm-excerpt mark, .fm-article mark { background: #ffe066; padding: 0 0.1em; }
.fm-excerpt mark.fm-event { background: none; border-bottom: 2px solid #e7298a; }
.fm-event-label { font-weight: 600; font-size: 0.9em; }
.fm-status-clash { border-left: 4px solid #00bcd4; padding-left: 0.5em; }
</style>"""
