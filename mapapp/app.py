"""The Streamlit page: widgets and layout, wired to the packages below.

Run ``streamlit run mapapp/app.py`` for the seed articles,
``streamlit run mapapp/app.py -- --corpus DIR`` for a folder of your own, or
``-- --store PATH`` for a store that ``python -m mapapp ingest`` wrote
(``web.sources``: loading and caching the articles, the upload box, the
download buttons);
``-- --frontline FILE… --boundaries FILE…`` adds territorial control and
region outlines (``web.overlays``; imported data is found without them).

Everything worth testing on its own lives below: ``timeline.views`` (one interface to a
folder's Timeline or a store), ``timeline.windows`` (windows, counts, excerpts),
``render`` (map layers, escaped HTML) and ``web.url_state`` (what a link opens); this file
wires them to widgets. Three Streamlit habits shape it:

* The base map is rebuilt from the same arguments on every rerun, so
  streamlit-folium sees the same component and keeps the user's zoom and pan;
  what changes with the slider travels in ``feature_group_to_add``.
* The URL is read once, when a session starts, and written at the end of a
  run only when the view really changed (each write is a history entry).
* A map click arrives as the component's value, which persists across
  reruns: it is acted on only when it differs from the last one seen.
"""

from __future__ import annotations

import gc
import html
import sys
import time
from pathlib import Path

# ``streamlit run mapapp/app.py`` puts mapapp/ itself first on sys.path, where a module of
# the package (or a future one) would shadow an installed or standard module of the same
# name for every import that follows. The package is imported as ``mapapp.…``; its folder
# is no top-level import location, so it leaves the path before anything else is imported.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from mapapp import periods
from mapapp.corpus import reader
from mapapp.model import PlaceKind
from mapapp.periods import Window
from mapapp.render import chart, folium_map
from mapapp.timeline import place_notes, windows
from mapapp.timeline.views import View
from mapapp.timeline.windows import Timeline
from mapapp.web import credits, downloads, event_map, guard, sources, url_state, villages
from mapapp.web import overlays as app_frontline

PLAY_DELAY_S = 0.8
EXCERPT_LIMIT = 20
ARTICLE_LIMIT = 20
CHART_TOP = 5
MAP_HEIGHT = 560
# A click selects a place; a pan or zoom goes into the link (reruns, but the map stays loaded).
# The count makes a second click on the same spot a new click (Bakhmut, Clear, Bakhmut again).
MAP_FIELDS = ["last_object_clicked", "last_object_clicked_tooltip", "last_object_clicked_count",
              "center", "zoom"]


# ------------------------------------------------------------------ widgets


def _on_pick() -> None:
    st.session_state["place"] = st.session_state["place_pick"] or None


def _toggle_play(labels: tuple[str, ...]) -> None:
    ss = st.session_state
    ss["playing"] = not ss.get("playing")
    if ss["playing"] and ss["date"] == labels[-1]:
        ss["date"] = labels[0]  # play from the start when already at the end


def _take_click(value: dict | None) -> bool:
    """Select the clicked place if this click is new; True when the selection changed."""
    value = value or {}
    tooltip, where = value.get("last_object_clicked_tooltip"), value.get("last_object_clicked")
    where = where or {}
    count = value.get("last_object_clicked_count")
    signature = (tooltip, where.get("lat"), where.get("lng"), count)
    if not tooltip or signature == st.session_state.get("_last_click"):
        return False
    st.session_state["_last_click"] = signature
    drawn = st.session_state.get("_drawn")
    place = None if drawn is None else folium_map.clicked_place(
        drawn, tooltip, where.get("lat"), where.get("lng"))
    if place is None or place == st.session_state.get("place"):
        return False
    st.session_state["place"] = place
    return True


def _map_key() -> str:
    """The map component's key: a new one when Back or Forward moves the map
    (``url_state.show_map_at``)."""
    return f"map-{st.session_state.get('_map_gen', 0)}"


def _on_map_change() -> None:
    value = st.session_state.get(_map_key())
    url_state.take_view(value)
    _take_click(value)


def _window_label(view: View, window: Window, lo: int, hi: int) -> str:
    """The window as words that follow "3 articles …"."""
    labels = view.axis.labels
    if window.kind == "upto":
        return f"up to {labels[hi]}"
    if lo == hi:
        return f"in {labels[hi]}"
    return f"from {labels[lo]} to {labels[hi]}"


def _window() -> Window:
    """The window the sidebar's widgets hold (their state is in the session before they are
    drawn: ``url_state.before_widgets``)."""
    ss = st.session_state
    return Window(ss["window_kind"], int(ss["window_n"]) if ss["window_kind"] == "last" else 1)


def _sidebar(view: View, overlays: app_frontline.Overlays) -> None:
    unit = view.axis.unit
    kinds = {"this": f"this {unit}", "upto": "everything up to this date",
             "last": f"the last N {unit}s"}
    with st.sidebar:
        st.select_slider("Date", options=view.axis.labels, key="date",
                         disabled=len(view.axis) < 2 or st.session_state["playing"])
        playing = st.session_state["playing"]
        st.button("⏸ Pause" if playing else "▶ Play through time", key="play",
                  on_click=_toggle_play, args=(view.axis.labels,))
        st.radio("Show", list(kinds), format_func=kinds.get, key="window_kind")
        st.number_input(f"N ({unit}s)", min_value=1, max_value=periods.MAX_LAST_N,
                        key="window_n", disabled=st.session_state["window_kind"] != "last")
        places = view.places
        names = {pid: f"{name} ({country})" if country else name for pid, name, country in
                 zip(places["place_id"], places["name"], places["country"], strict=True)}
        st.selectbox("Place", ["", *names], key="place_pick", on_change=_on_pick,  # by name
                     format_func=lambda p: names[p] if p else "(none: list the articles)")
        st.checkbox("Draw countries on the map", key="countries")
        event_map.sidebar()
        app_frontline.sidebar(overlays)
        with st.expander("Data & licences"):
            st.markdown(credits.LICENCES + app_frontline.licences(overlays))


# --------------------------------------------------------------------- page


def _map(view: View, lo: int, hi: int, overlays: app_frontline.Overlays) -> pd.DataFrame:
    """Draw the window's places and the overlays; returns the window's places."""
    counts = view.counts(lo, hi)
    countries = counts[counts["kind"] == PlaceKind.COUNTRY]
    drawn = counts if st.session_state["countries"] else counts[counts["kind"] != PlaceKind.COUNTRY]
    date, place = st.session_state["date"], st.session_state["place"]
    drawn = event_map.filtered(view, lo, hi, drawn)  # by what was reported there
    layers, drawn, legend, snapshot = app_frontline.map_layers(overlays, drawn, date, place)
    rings, more = event_map.layers(view, hi, overlays, date, drawn)
    layers, legend = [*layers[:-1], *rings, layers[-1]], legend + more  # places on top
    st.session_state["_drawn"] = drawn  # a click refers to what was drawn
    value = st_folium(folium_map.base_map(st.session_state["_view"]), key=_map_key(),
                      feature_group_to_add=layers, returned_objects=MAP_FIELDS,
                      height=MAP_HEIGHT, use_container_width=True, on_change=_on_map_change)
    url_state.take_view(value)
    if _take_click(value):  # no callback ran (e.g. AppTest): redraw with the selection
        st.rerun()
    st.html(folium_map.legend_html(legend) + _countries_html(countries))
    app_frontline.map_notes(overlays, snapshot, date)
    event_map.reported_note(overlays, view, hi)
    return counts


def _countries_html(countries: pd.DataFrame) -> str:
    if countries.empty:
        return ""
    listed = " · ".join(f"{html.escape(r.name)} ({r.mentions})" for r in countries.itertuples())
    return f'<div class="fm-countries"><b>Countries named</b>: {listed}</div>'


def _article_expander(tl: Timeline, article_id: str, marks: list[tuple[int, int]]) -> None:
    with st.expander("Read the whole article"):
        st.html(folium_map.article_html(tl.texts[article_id], marks))


def _place_panel(view: View, place_id: str, lo: int, hi: int, where: str,
                 overlays: app_frontline.Overlays) -> None:
    place = view.place(place_id)
    if place is None:  # url_state.before_widgets drops unknown places; this keeps mypy sure of it
        return
    panel = view.excerpts(place_id, lo, hi, EXCERPT_LIMIT)
    page, tl = panel.page, panel.timeline  # tl holds the page's articles
    kind = folium_map.KIND_LABELS.get(place["kind"], place["kind"])
    tally = place_notes.tally_text(view.tally(place_id, lo, hi), where)  # the tooltip's terms
    st.html(f"<h3>{html.escape(place['name'])}</h3><p>{html.escape(kind)}"
            f"{' in ' + html.escape(place['country']) if place['country'] else ''} · "
            f"{html.escape(tally)}</p>")
    app_frontline.place_status_html(overlays, place, st.session_state["date"])
    event_map.account_html(view, place, hi, overlays, st.session_state["date"])
    st.button("Clear selection", key="clear", on_click=st.session_state.update,
              kwargs={"place": None})
    usual = place_notes.usual_evidence(page.items)  # said once, not under every excerpt
    if usual is not None:
        st.html(folium_map.usual_evidence_html(place["name"], usual))
    for i, ex in enumerate(page.items):
        st.html(folium_map.excerpt_html(ex, place["name"], usual.evidence if usual else None))
        last_of_article = i + 1 == len(page.items) or page.items[i + 1].article_id != ex.article_id
        if last_of_article:
            _article_expander(tl, ex.article_id, windows.place_marks(tl, place_id, ex.article_id))
    if page.total > len(page.items):
        st.caption(f"…and {page.total - len(page.items)} older excerpts in this window.")


def _articles_panel(view: View, lo: int, hi: int, where: str) -> None:
    panel = view.articles(lo, hi, ARTICLE_LIMIT)
    page, tl = panel.page, panel.timeline
    st.html(f"<h3>Articles</h3><p>{page.total} article{'s' * (page.total != 1)} "
            f"{html.escape(where)}. Click a place on the map, or pick one, for its excerpts.</p>")
    for art in page.items:
        places = ", ".join(f"{html.escape(name)} ({n})" for _pid, name, n in art.places)
        meta = folium_map.article_meta(art.date, art.title, art.source, art.article_id)
        st.html(f'<div class="fm-excerpt"><div class="fm-meta">{html.escape(meta)}</div>'
                f"<div>{places or '<em>no places found</em>'}</div></div>")
        _article_expander(tl, art.article_id, [])
    if page.total > len(page.items):
        st.caption(f"…and {page.total - len(page.items)} older articles in this window.")


def _chart(view: View, counts: pd.DataFrame, index: int, lo: int, hi: int) -> None:
    """Mentions per period of the selected place, or of the window's top places.

    Not on a session's first run: rendering a Vega-Lite chart holds the browser's main thread
    for most of a second, and the map the visitor came for would wait behind it. The map's
    first report (its view, once drawn) reruns the page, and the chart comes then.
    """
    if st.session_state.get("_runs", 0) <= 1:
        return
    place = st.session_state["place"]
    not_countries = counts[counts["kind"] != PlaceKind.COUNTRY]
    ids = [place] if place else list(not_countries["place_id"][:CHART_TOP])
    if not ids:
        return
    labels = view.axis.labels
    draw = chart.kinds_spec if place else chart.chart_spec  # one place: stacked by kind
    spec = draw(view.per_period(ids), view.axis.unit, labels[index], (labels[lo], labels[hi]))
    st.vega_lite_chart(spec, width="stretch")


def _notices() -> None:
    for notice in st.session_state.get("notices", []):
        st.warning(notice, icon="⚠️")
    if st.session_state.get("notices"):
        st.button("Dismiss", key="dismiss", on_click=st.session_state.update,
                  kwargs={"notices": []})


def main() -> None:
    """The page, the map first: what the visitor came for is sent before everything else.

    A new visitor's browser fetches the code of each kind of widget the first time it
    meets one (about 50 files, six at a time) and lays the whole page out before it
    creates the map's frame; with the map's deltas first it starts on the map while the
    server builds the rest. So the sidebar, the village offer and the favicon (whose emoji
    table costs a server's first run 0.1-0.3 s) are drawn after the map and the panel,
    each in its place on the page (the sidebar's widgets keep their state in the session;
    the offer fills a slot above the map).
    """
    st.set_page_config(page_title="Frontline map", layout="wide")
    st.session_state["_runs"] = st.session_state.get("_runs", 0) + 1
    st.title("Frontline map")  # first: a fresh machine's first start shows its progress under it
    src = sources.open_articles()
    view = src.view
    if src.errors:
        with st.expander(reader.problems_summary(src.errors)):
            for error in src.errors:
                st.text(str(error))
    sources.watch(src)  # new files in the folder show without a click
    offer_slot = st.empty()  # the villages of the corpus's country, and names not found
    if not len(view.axis):
        with offer_slot.container():
            villages.offer(view)
        st.info(f"No articles found in {src.name}: add some with the upload box.")
        sources.uploader(src)
        st.stop()
    overlays = app_frontline.load()
    url_state.start_session(view)
    url_state.before_widgets(view)
    window = _window()
    _notices()
    index = view.axis.labels.index(st.session_state["date"])
    lo, hi = window.bounds(index, view.axis)
    where = _window_label(view, window, lo, hi)
    st.html(folium_map.PANEL_CSS)
    left, right = st.columns([3, 2], gap="medium")
    try:
        with left:
            counts = _map(view, lo, hi, overlays)
        with right, st.container(height=MAP_HEIGHT + 60, border=False):
            if st.session_state["place"]:
                _place_panel(view, st.session_state["place"], lo, hi, where, overlays)
            else:
                _articles_panel(view, lo, hi, where)
    finally:  # drawn even when the map fails, or the widgets' state would leave the session
        _sidebar(view, overlays)
        sources.uploader(src)
    with offer_slot.container():
        villages.offer(view)
    st.set_page_config(page_icon="🗺️")
    _chart(view, counts, index, lo, hi)
    downloads.downloads(src, lo, hi, st.session_state["place"], counts)
    st.caption(f"{view.n_articles:,} articles from {src.name} · places © GeoNames (CC BY 4.0)")
    url_state.write_url(url_state.url_state(window, overlays))
    _settle()
    _play_step(view, index)


def _settle() -> None:
    """Once per server, after its first page: what is loaded by then (modules, the articles)
    stays for good, so the collector stops walking it. Streamlit collects every generation
    after each run, a session's first run included; over the 140,000 objects of a started
    app that held the server for 0.1-0.2 s while a new visitor's browser asked it for files."""
    if not gc.get_freeze_count():
        gc.freeze()


def _play_step(view: View, index: int) -> None:
    """While playing, wait a beat and rerun one period later (stop at the end)."""
    if not st.session_state.get("playing"):
        return
    if index >= len(view.axis) - 1:
        st.session_state["playing"] = False
        st.rerun()
    time.sleep(PLAY_DELAY_S)
    st.session_state["_advance"] = True
    st.rerun()


def guarded_main() -> None:
    """The page, with a fault logged on the server and told in words, never as a traceback."""
    guard.guarded(main)


if __name__ == "__main__":
    guarded_main()
