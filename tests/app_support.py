"""Helpers shared by the AppTest modules: run the app with URL parameters, read what it drew.

One copy, so the three app test modules (folder, front line, store) read the
page the same way; see TESTING.md for where these pieces live in AppTest.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "mapapp" / "app.py")


def run(**params: str) -> AppTest:
    """A fresh session of the app opened on a URL with these query parameters."""
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def component(at: AppTest):
    return at.get("component_instance")[0]


def drawn(at: AppTest) -> list[str]:
    """Names of the places in the map's dynamic layer, from its GeoJSON."""
    script = json.loads(component(at).proto.json_args)["feature_group"]
    return re.findall(r'"label": "([^"]*)"', script)


def click(at: AppTest, tooltip: str, lat: float = 48.6, lng: float = 38.0) -> AppTest:
    """What streamlit-folium returns after a click on a marker (TESTING.md)."""
    key = component(at).proto.id.rsplit("-", 1)[1]
    at.session_state[key] = {"last_object_clicked_tooltip": tooltip,
                             "last_object_clicked": {"lat": lat, "lng": lng}}
    return at.run()


def page(at: AppTest) -> str:
    return "\n".join(h.proto.body for h in at.get("html"))


def warnings(at: AppTest) -> list[str]:
    return [w.value for w in at.warning]


def params(at: AppTest) -> dict[str, str]:
    """The URL's query parameters after the run, one value each."""
    return {k: at.query_params[k][0] if isinstance(at.query_params[k], list) else
            at.query_params[k] for k in at.query_params}
