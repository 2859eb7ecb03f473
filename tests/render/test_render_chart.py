"""The chart's Vega-Lite spec: lines per place, the window, the date, ticks on whole periods."""

from __future__ import annotations

import pandas as pd
import pytest
from handmade import corpus

from mapapp.render.chart import chart_spec
from mapapp.timeline.windows import build_timeline, mentions_per_period


def test_chart_spec_lines_window_and_rule():
    tl = build_timeline(corpus())
    spec = chart_spec(mentions_per_period(tl, ["713174"]), "month", "2023-03",
                      ("2023-01", "2023-03"))
    band, lines, rule = spec["layer"]
    assert band["data"]["values"] == [{"a": "2023-01-01", "b": "2023-03-01"}]
    assert rule["mark"]["type"] == "rule" and rule["data"]["values"] == [{"at": "2023-03-01"}]
    assert [(v["start"], v["n"]) for v in lines["data"]["values"]] == [
        ("2022-12-01", 1), ("2023-01-01", 1), ("2023-02-01", 0), ("2023-03-01", 2),
        ("2023-04-01", 0), ("2023-05-01", 2)]
    assert lines["encoding"]["y"]["title"] == "mentions per month"


def test_chart_spec_on_a_day_axis_keeps_days():
    per = pd.DataFrame({"label": ["2023-03-01", "2023-03-02"], "name": ["X", "X"],
                        "mentions": [0, 3]})
    spec = chart_spec(per, "day", "2023-03-02", ("2023-03-02", "2023-03-02"))
    assert spec["layer"][1]["data"]["values"][1] == {
        "start": "2023-03-02", "name": "X", "n": 3, "label": "2023-03-02"}


def _x_encodings(spec: dict) -> list[dict]:
    return [layer["encoding"]["x"] for layer in spec["layer"]]


def test_chart_spec_draws_months_on_month_ticks():
    """Monthly counts on weekly date ticks put the March peak at "Feb 26": ticks are months."""
    tl = build_timeline(corpus())
    spec = chart_spec(mentions_per_period(tl, ["713174"]), "month", "2023-03",
                      ("2023-01", "2023-03"))
    for x in _x_encodings(spec):  # every layer reads its dates as UTC months
        assert (x["type"], x["timeUnit"]) == ("temporal", "utcyearmonth")
    axis = spec["layer"][1]["encoding"]["x"]["axis"]
    assert axis["tickCount"] == {"interval": "month", "step": 1} and axis["format"] == "%b %Y"


@pytest.mark.parametrize(("days", "interval", "step"), [(3, "day", 1), (30, "day", 3),
                                                        (200, "month", 1), (800, "month", 3)])
def test_chart_spec_on_a_day_axis_ticks_on_days_or_months(days, interval, step):
    labels = [d.strftime("%Y-%m-%d") for d in pd.date_range("2023-01-01", periods=days)]
    per = pd.DataFrame({"label": labels, "name": "X", "mentions": 1})
    spec = chart_spec(per, "day", labels[-1], (labels[0], labels[-1]))
    for x in _x_encodings(spec):
        assert x["timeUnit"] == "utcyearmonthdate"
    axis = spec["layer"][1]["encoding"]["x"]["axis"]
    assert axis["tickCount"] == {"interval": interval, "step": step}
    assert axis["format"] == ("%-d %b %Y" if interval == "day" else "%b %Y")
