"""The articles' account of a town's holder against a snapshot (frontline.disagree).

A hand-made snapshot: an occupied square east of 38.0°E; towns west of it are
held by Ukraine (near the front within 10 km), towns inside it occupied.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import shapely

from mapapp.frontline.control import ControlStatus
from mapapp.frontline.disagree import DISAGREE_COLUMNS, disagreements, holder_words
from mapapp.frontline.place_status import StatusMemo
from mapapp.frontline.snapshots import Snapshot
from mapapp.timeline.reported import REPORTED_COLUMNS

SNAP = Snapshot(dt.date(2023, 3, 16), shapely.MultiPolygon([shapely.box(38.0, 48.0, 39.0, 49.0)]),
                shapely.MultiPolygon(), "test", "credit")
PLACES = pd.DataFrame({
    "place_id": ["east", "west", "far", "oblast"],
    "name": ["Eastville", "Westville", "Farville", "Some Oblast"],
    "kind": ["city", "city", "city", "region"],
    "lat": [48.5, 48.5, 48.5, 48.5], "lon": [38.5, 37.97, 30.0, 38.5],
})


def account(*rows: tuple[str, str, bool]) -> pd.DataFrame:
    return pd.DataFrame([{"place_id": p, "holder": h, "kind": "control", "claim": c,
                          "when": None, "as_of": "2023-03", "article_id": "a", "date": "2023-03"}
                         for p, h, c in rows], columns=list(REPORTED_COLUMNS))


def test_only_contradicted_towns_are_found():
    found = disagreements(account(("east", "UA", False), ("west", "RU", True),
                                  ("far", "UA", False), ("oblast", "UA", False)),
                          PLACES, SNAP, StatusMemo())
    assert list(found.columns) == list(DISAGREE_COLUMNS)
    assert found[["place_id", "holder", "status", "snapshot_holder"]].to_dict("records") == [
        {"place_id": "east", "holder": "UA", "status": ControlStatus.OCCUPIED,
         "snapshot_holder": "RU"},
        {"place_id": "west", "holder": "RU", "status": ControlStatus.NEAR_FRONT,
         "snapshot_holder": "UA"},
    ]  # Farville agrees (held); the oblast is never compared
    assert set(found["snapshot_date"]) == {"2023-03-16"}


def test_agreement_and_no_account_find_nothing():
    assert disagreements(account(("east", "RU", False), ("far", "UA", True)), PLACES, SNAP,
                         StatusMemo()).empty
    assert disagreements(account(), PLACES, SNAP, StatusMemo()).empty


def test_the_grey_zone_contradicts_neither_side():
    grey = Snapshot(SNAP.date, shapely.MultiPolygon(),
                    shapely.MultiPolygon([shapely.box(38.0, 48.0, 39.0, 49.0)]), "t", "c")
    assert disagreements(account(("east", "UA", False), ("east", "RU", False)), PLACES, grey,
                         StatusMemo()).empty


def test_holder_words_say_the_snapshot_side():
    assert holder_words([ControlStatus.HELD, ControlStatus.GREY]) == [
        "held by Ukraine", "in the grey zone"]
