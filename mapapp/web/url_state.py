"""The page's state and its URL: a link opens exactly the view it was copied from.

The URL is read once, when a session starts, and again on Back or Forward; at the end of a
run it is written only when the view really changed (each write is a history entry). Each
wrong value in a link falls back to its default with a notice naming it.
"""

from __future__ import annotations

import re

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from mapapp import periods
from mapapp.model import PartialDate, PlaceKind
from mapapp.periods import Window
from mapapp.render import folium_map
from mapapp.render import view as links
from mapapp.timeline.views import View
from mapapp.web import event_map
from mapapp.web import overlays as app_frontline

DEFAULT_WINDOW = Window("upto")


def clean(value: str) -> str:
    """A URL value safe to quote in a notice (no markdown, no HTML, short)."""
    return re.sub(r"[^\w:.\-]", "?", value)[:40] or "(empty)"


def date_from_url(view: View, value: str, notices: list[str]) -> int:
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
    notices.append(f"The link's date `{clean(value)}` is {why}: showing "
                   f"{view.axis.labels[last]} instead.")
    return last


def state_from_url(view: View) -> dict:
    """The view a link asks for, each wrong value replaced by its default with a notice."""
    q, notices = st.query_params, list[str]()
    index = date_from_url(view, q["date"], notices) if "date" in q else len(view.axis) - 1
    window = DEFAULT_WINDOW
    if "window" in q:
        try:
            window = Window.parse(q["window"])
        except ValueError:
            notices.append(f"The link's window `{clean(q['window'])}` is not one of this, upto, "
                           f"lastN: showing everything up to the date instead.")
    place = q.get("place") or None
    if place is not None and place not in view.place_codes:
        notices.append(f"The link's place `{clean(place)}` is not named in these articles: "
                       "no place selected.")
        place = None
    if q.get("countries", "0") not in ("0", "1"):
        notices.append(f"The link's countries `{clean(q['countries'])}` should be 0 or 1.")
    near, why = app_frontline.near_from_url(q.get("near"))
    if why:
        notices.append(f"The link's near `{clean(q['near'])}` {why}: using {near:g} km.")
    stale, why = app_frontline.stale_from_url(q.get("stale"))
    if why:
        notices.append(f"The link's stale `{clean(q['stale'])}` {why}: using {stale} days.")
    kinds = event_map.kinds_from_url(q.get("events"), notices, clean)
    map_view = None
    if "view" in q:
        try:
            map_view = links.parse_view(q["view"])
        except ValueError as err:
            notices.append(f"The link's map view `{clean(q['view'])}` {err}: "
                           "showing the articles' places instead.")
    return {"date": view.axis.labels[index], "window_kind": window.kind,
            "window_n": window.n if window.kind == "last" else 3, "place": place,
            "countries": q.get("countries") == "1", "near_km": near, "stale_days": stale,
            event_map.FILTER_KEY: kinds,
            "notices": notices, "_link_view": map_view}


def home_view(view: View, place: str | None) -> folium_map.MapView:
    """Where the map opens without a view in the link: the place, else most mentions."""
    focus = view.place(place) if place else None
    if focus is not None and focus["kind"] != PlaceKind.COUNTRY:
        return folium_map.MapView(float(focus["lat"]), float(focus["lon"]), 9)
    return folium_map.fit_points(view.counts(0, len(view.axis) - 1))


def show_map_at(target: folium_map.MapView) -> None:
    """Open the map at ``target``: a new map component, so even an unchanged base map moves."""
    ss = st.session_state
    ss["_view"], ss["_map_gen"] = target, ss.get("_map_gen", 0) + 1
    ss["_map_now"] = None  # what the new map reports is its opening view


def adopt_url(view: View) -> None:
    """Take the URL's view as the page's: when a session starts, and on Back or Forward."""
    ss = st.session_state
    state = state_from_url(view)
    link_view = state.pop("_link_view")
    ss.update(state, playing=False)
    ss["_home"] = home_view(view, state["place"]) if "_home" not in ss else ss["_home"]
    target = link_view or ss["_home"]
    if not links.same_view(target, ss.get("_map_now") or ss.get("_view")):
        show_map_at(target)
    ss["_map_now"] = link_view  # the map is where the link says (None: where the app put it)


def history_navigation() -> bool:
    """True when this run follows the browser's Back or Forward (Streamlit ≥ 1.67 says so)."""
    ctx = get_script_run_ctx()
    return bool(getattr(ctx, "is_history_navigation", False))


def start_session(view: View) -> None:
    """The URL's view once per session, and again whenever Back or Forward changed the URL.

    Any other run keeps the session's own state: the URL then only reflects it (``write_url``).
    """
    ss = st.session_state
    if "_started" not in ss:
        ss.update(_started=True, _last_click=None, _url_written=st.query_params.to_dict())
        adopt_url(view)
    elif history_navigation() and st.query_params.to_dict() != ss.get("_url_written"):
        adopt_url(view)
        ss["_url_written"] = st.query_params.to_dict()


def before_widgets(view: View) -> None:
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


def url_state(window: Window, overlays: app_frontline.Overlays) -> dict[str, str]:
    ss = st.session_state
    state = {"date": ss["date"], "window": window.token}
    if ss["place"]:
        state["place"] = ss["place"]
    if ss["countries"]:
        state["countries"] = "1"
    if ss.get("_map_now") is not None:
        state["view"] = links.view_token(ss["_map_now"])
    return state | event_map.url_state() | app_frontline.url_state(overlays)


def write_url(state: dict[str, str]) -> None:
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


def take_view(value: object) -> None:
    """Remember the view the user panned or zoomed to (for the link); never fed back to the map."""
    reported = links.reported_view(value)
    ss = st.session_state
    if reported is None:
        return
    if ss.get("_map_now") is None and links.same_view(reported, ss.get("_view")):
        return  # the map is still where the app opened it: no view in the link
    if not links.same_view(reported, ss.get("_map_now")):
        ss["_map_now"] = reported
