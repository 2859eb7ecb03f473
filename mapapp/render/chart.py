"""The chart under the map: mentions per period of the top places, as a Vega-Lite spec.

Split from ``render`` (the map and the panel's HTML) because a chart has
its own concern: Vega-Lite must read each point as the period it stands for.
Dates are UTC (a period's first day at midnight, so no time zone moves a
point into the period before) and the axis ticks whole periods, so monthly
counts never sit on weekly date ticks.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

import pandas as pd

from mapapp.model import KINDS
from mapapp.render import event_style
from mapapp.render.event_style import KIND_LABELS, NAMED

MAX_TICKS = 12  # labels on the chart's time axis


def _time_axis(unit: str, labels: Sequence[str]) -> dict:
    """Ticks on whole periods: months as months, days as days (or months on a long day axis).

    Left to itself Vega-Lite ticks a five-month axis in weeks, so monthly
    counts sat on "Feb 26" ticks; a tick interval in the axis's own unit says
    what each point stands for.
    """
    if not labels:
        return {"title": None}
    first, last = labels[0], labels[-1]
    months = (int(last[:4]) - int(first[:4])) * 12 + int(last[5:7]) - int(first[5:7]) + 1
    # Days counted on the calendar: the axis may leave out a long empty stretch (periods).
    days = (dt.date.fromisoformat(last) - dt.date.fromisoformat(first)).days + 1 \
        if unit == "day" else 0
    if unit == "day" and days <= 62:
        count, interval, fmt = days, "day", "%-d %b %Y"
    else:
        count, interval, fmt = months, "month", "%b %Y"
    step = max(1, math.ceil(count / MAX_TICKS))
    return {"title": None, "format": fmt, "tickCount": {"interval": interval, "step": step}}


def _day(unit: str, label: str) -> str:
    """A period's first day, which Vega-Lite reads as a date."""
    return f"{label}-01" if unit == "month" else label


def _x(unit: str, field: str, **more: object) -> dict:
    time_unit = "utcyearmonth" if unit == "month" else "utcyearmonthdate"
    return {"field": field, "type": "temporal", "timeUnit": time_unit, **more}


def _framed(unit: str, date: str, window: tuple[str, str], data_layer: dict) -> dict:
    """``data_layer`` between the shaded window and the rule at the date."""
    return {
        "height": 220,
        "layer": [
            {"data": {"values": [{"a": _day(unit, window[0]), "b": _day(unit, window[1])}]},
             "mark": {"type": "rect", "opacity": 0.12, "color": "#888888"},
             "encoding": {"x": _x(unit, "a", title=None), "x2": {"field": "b"}}},
            data_layer,
            {"data": {"values": [{"at": _day(unit, date)}]},
             "mark": {"type": "rule", "color": "black", "strokeWidth": 2},
             "encoding": {"x": _x(unit, "at")}},
        ],
    }


def chart_spec(per_period: pd.DataFrame, unit: str, date: str, window: tuple[str, str]) -> dict:
    """A Vega-Lite spec: mentions per period as lines, the window shaded, the date as a rule.

    ``per_period`` is timeline.mentions_per_period's table; ``date`` and the
    ``window`` ends are period labels (YYYY-MM or YYYY-MM-DD). Dates are read
    as UTC (a period's first day at midnight, so no time zone moves a point
    into the period before) and ticked on whole periods. Vega-Lite draws
    text as SVG text, never as HTML, so the names need no escaping here.
    """
    values = [{"start": _day(unit, label), "name": name, "n": int(n), "label": label}
              for label, name, n in
              zip(per_period["label"], per_period["name"], per_period["mentions"], strict=True)]
    labels = sorted(set(per_period["label"]))
    return _framed(unit, date, window, {
        "data": {"values": values},
        "mark": {"type": "line", "point": True},
        "encoding": {"x": _x(unit, "start", axis=_time_axis(unit, labels)),
                     "y": {"field": "n", "type": "quantitative", "title": f"mentions per {unit}"},
                     "color": {"field": "name", "type": "nominal", "title": None},
                     "tooltip": [{"field": "label", "title": unit},
                                 {"field": "name", "title": "place"},
                                 {"field": "n", "title": "mentions"}]}})


def kinds_spec(per_period: pd.DataFrame, unit: str, date: str, window: tuple[str, str]) -> dict:
    """One place's mentions per period as bars stacked by what they report (issue 18).

    ``per_period`` as for :func:`chart_spec`, one place; each mention counts
    once, under its kind (``n_<kind>``) or as "only named". The colours are the
    map's (``event_style``), so a bar reads like the circle above it.
    """
    order = [*KINDS, NAMED]
    values = []
    for row in per_period.itertuples(index=False):
        counts: dict[str, int] = {k: int(getattr(row, f"n_{k}")) for k in KINDS}
        counts[NAMED] = int(row.mentions) - sum(counts.values())
        values += [{"start": _day(unit, row.label), "label": row.label, "what": KIND_LABELS[k],
                    "rank": order.index(k), "n": n} for k, n in counts.items() if n > 0]
    labels = sorted(set(per_period["label"]))
    colours = [str(event_style.event_fill(k, None).get("fillColor", "#bdbdbd")) for k in order]
    return _framed(unit, date, window, {
        "data": {"values": values},
        "mark": {"type": "bar"},
        "encoding": {"x": _x(unit, "start", axis=_time_axis(unit, labels)),
                     "y": {"field": "n", "type": "quantitative", "stack": "zero",
                           "title": f"mentions per {unit}"},
                     "color": {"field": "what", "type": "nominal", "title": None,
                               "scale": {"domain": [KIND_LABELS[k] for k in order],
                                         "range": colours}},
                     "order": {"field": "rank"},
                     "tooltip": [{"field": "label", "title": unit},
                                 {"field": "what", "title": "reported"},
                                 {"field": "n", "title": "mentions"}]}})
