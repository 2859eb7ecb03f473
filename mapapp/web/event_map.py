"""The page's events (issue 18): the kind filter and its link value, the event layers, the
panel's account of who holds a town set against the front line.

Streamlit glue, split from app.py like ``overlays``: the work is done by
``render.event_layers`` (filter, fills, rings), ``render.event_style`` (the
words), ``timeline.reported`` (the articles' account of a holder) and
``frontline.disagree`` (account against snapshot).

Speed: the slider and a click must cost what they did. The window's
report sides and the reported control as of a date are each worked out once per
window (per view, its size, the window's bounds) and kept in the session;
a rerun for the same window (a click, a pan, the panel) reads them back.
"""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from mapapp.frontline import disagree
from mapapp.plumbing.bounded import BoundedCache
from mapapp.render import event_layers, event_style
from mapapp.render.event_style import FILTER_CHOICES, KIND_LABELS, kinds_token, parse_kinds
from mapapp.timeline.reported import reported_control
from mapapp.timeline.views import View
from mapapp.web import overlays as app_frontline

FILTER_KEY = "event_kinds"
_CACHE_KEY = "_event_cache"
_CACHE_SIZE = 64


# -------------------------------------------------------------- link and widget


def kinds_from_url(value: str | None, notices: list[str], clean) -> list[str]:
    """The filter a link asks for; every kind, with a notice, when the value is wrong."""
    if value is None:
        return list(FILTER_CHOICES)
    try:
        return list(parse_kinds(value))
    except ValueError:
        notices.append(f"The link's events `{clean(value)}` is not a list of "
                       f"{', '.join(FILTER_CHOICES)} (or none): showing every kind.")
        return list(FILTER_CHOICES)


def url_state() -> dict[str, str]:
    token = kinds_token(chosen())
    return {"events": token} if token else {}


def chosen() -> tuple[str, ...]:
    return tuple(st.session_state.get(FILTER_KEY, FILTER_CHOICES))


def sidebar() -> None:
    """The kind filter (inside ``st.sidebar``)."""
    st.multiselect("Reported there", FILTER_CHOICES, key=FILTER_KEY,
                   format_func=lambda k: KIND_LABELS[k],
                   help="Draw the places where the articles of the window report these "
                        "(a change of control, fighting, a strike, who holds it), or where "
                        "they only name it.")


# ------------------------------------------------------------ per window, once


def _cached(key: tuple, make):
    cache = st.session_state.setdefault(_CACHE_KEY, BoundedCache(_CACHE_SIZE))
    found = cache.get(key)
    return found if found is not None else cache.keep(key, make())


def window_sides(view: View, lo: int, hi: int) -> dict[tuple[str, str], str | None]:
    """Whose colour each place's control or held report is drawn in, once per window."""
    return _cached(("sides", id(view), view.n_articles, lo, hi),
                   lambda: event_layers.latest_sides(view.events(lo, hi)))


def reported(view: View, upto: int) -> pd.DataFrame:
    """``reported_control(view, upto)``, worked out once per date."""
    return _cached(("reported", id(view), view.n_articles, upto),
                   lambda: reported_control(view, upto))


def _disagreements(view: View, upto: int, ov: app_frontline.Overlays,
                   date: str) -> pd.DataFrame | None:
    """The towns where account and snapshot disagree (None without a current snapshot)."""
    snapshot = app_frontline.current_snapshot(ov, date)
    if snapshot is None or ov.memo is None:
        return None
    near = app_frontline.near_km()
    memo = ov.memo
    return _cached(("disagree", id(view), view.n_articles, upto, snapshot.date, near),
                   lambda: disagree.disagreements(reported(view, upto), view.places, snapshot,
                                                  memo, near))


# ------------------------------------------------------------------ the map


def filtered(view: View, lo: int, hi: int, drawn: pd.DataFrame) -> pd.DataFrame:
    """The places the kind filter lets through, with the kind and side to draw each by."""
    return event_layers.with_events(drawn, window_sides(view, lo, hi), chosen())


def layers(view: View, hi: int, ov: app_frontline.Overlays, date: str, drawn: pd.DataFrame,
           ) -> tuple[list, list]:
    """The event layers under the places and their legend entries.

    Without front-line data: the reported-control rings (the articles alone);
    with it: the disagreement rings on the slider's date.
    """
    legend = event_style.legend_items(
        set(drawn["event"].dropna()),
        [(k, s) for k, s in zip(drawn["event"], drawn["event_side"], strict=True)
         if isinstance(k, str)])
    if ov.frontline is None:
        account = reported(view, hi)
        if account.empty:
            return [], legend
        return ([event_layers.reported_layer(account, view.places)],
                legend + event_layers.reported_legend(account))
    found = _disagreements(view, hi, ov, date)
    if found is None or found.empty:
        return [], legend
    return [event_layers.disagreement_layer(found)], \
        legend + event_layers.disagreement_legend(found)


def reported_note(ov: app_frontline.Overlays, view: View, hi: int) -> None:
    """Under the map, without front-line data: where the rings come from."""
    if ov.frontline is None and not reported(view, hi).empty:
        st.caption("Rings: reported control, drawn from the articles alone (who the latest "
                   "report up to this date says holds each town); no front-line data is "
                   "imported to check it against.")


# ---------------------------------------------------------------- the panel


def account_html(view: View, place: pd.Series, hi: int, ov: app_frontline.Overlays,
                 date: str) -> None:
    """The articles' account of who holds the selected town, and where the snapshot differs."""
    account = reported(view, hi)
    row = account[account["place_id"] == place["place_id"]]
    if row.empty:
        return
    r = row.iloc[0]
    said = event_style.account_words(str(place["name"]), str(r["holder"]), str(r["kind"]),
                                     str(r["as_of"]), bool(r["claim"]))
    if ov.frontline is None:
        st.html(f'<p class="fm-account">{html.escape(said)} (reported control, from the '
                "articles alone).</p>")
        return
    found = _disagreements(view, hi, ov, date)
    clash = None if found is None else found[found["place_id"] == place["place_id"]]
    if clash is None or clash.empty:
        st.html(f'<p class="fm-account">{html.escape(said)}.</p>')
        return
    c = clash.iloc[0]
    (words,) = disagree.holder_words([c["status"]])
    st.html(f'<p class="fm-account fm-status-clash"><b>{html.escape(said)}; the front-line '
            f'snapshot of {html.escape(str(c["snapshot_date"]))} shows it '
            f"{html.escape(words)}.</b></p>")
