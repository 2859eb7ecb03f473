"""Where the articles' account of a town's holder and the front-line snapshot disagree.

``timeline.reported.reported_control`` says who the articles last said held
each town; a snapshot says where the town stood on its date
(``place_status``). Set side by side they show what no front-line map shows
alone: a capture the articles report that the map does not (yet) draw, a claim
the map contradicts, a town reported held that the snapshot puts behind the
line. Only a clear contradiction counts: a town in occupied territory reported
held by Ukraine, or a town in Ukrainian-held territory (near the front or not)
reported held by Russia. The grey zone is contested ground and contradicts
neither side; a town outside Ukraine or without a current snapshot is not
compared. Regions and countries are never compared (their centre point's
status says nothing about them).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from mapapp.frontline.control import ControlStatus
from mapapp.frontline.place_status import STATUS_KINDS, StatusMemo
from mapapp.frontline.snapshots import NEAR_KM, Snapshot
from mapapp.model import SIDES

RU, UA = SIDES
# The side that holds a town by its status on a snapshot; other statuses hold no side.
SNAPSHOT_HOLDER = {ControlStatus.OCCUPIED: RU, ControlStatus.NEAR_FRONT: UA,
                   ControlStatus.HELD: UA}
DISAGREE_COLUMNS = ("place_id", "name", "lat", "lon", "holder", "kind", "claim", "as_of",
                    "article_id", "status", "snapshot_holder", "snapshot_date")


def disagreements(reported: pd.DataFrame, places: pd.DataFrame, snapshot: Snapshot,
                  memo: StatusMemo, near_km: float = NEAR_KM) -> pd.DataFrame:
    """The towns whose reported holder the snapshot contradicts, by place id.

    ``reported`` is ``reported_control``'s table, ``places`` a table with
    place_id, name, kind, lat, lon (``View.places``). Columns DISAGREE_COLUMNS:
    the account (holder, kind, claim, as_of, article_id), the town's
    ``status`` on the snapshot, the side that status means and the snapshot's
    date (ISO).
    """
    towns = places[places["kind"].isin(STATUS_KINDS)][["place_id", "name", "lat", "lon"]]
    both = reported.merge(towns, on="place_id", how="inner")
    if both.empty:
        return pd.DataFrame(columns=list(DISAGREE_COLUMNS))
    keys = list(zip(both["place_id"].astype(str), both["lat"].astype(float),
                    both["lon"].astype(float), strict=True))
    statuses = [found.status for found in memo.statuses(snapshot, keys, near_km)]
    holders = [SNAPSHOT_HOLDER.get(s) for s in statuses]
    out = both.assign(status=statuses, snapshot_holder=holders,
                      snapshot_date=snapshot.date.isoformat())
    keep = [h is not None and h != r for h, r in zip(holders, out["holder"], strict=True)]
    return out[keep][list(DISAGREE_COLUMNS)].reset_index(drop=True)


def holder_words(statuses: Sequence[str]) -> list[str]:
    """What each snapshot status says of the holder, for the panel's sentence.

    >>> holder_words([ControlStatus.OCCUPIED, ControlStatus.NEAR_FRONT])
    ['held by Russia (occupied)', 'held by Ukraine (near the front)']
    """
    words = {ControlStatus.OCCUPIED: "held by Russia (occupied)",
             ControlStatus.NEAR_FRONT: "held by Ukraine (near the front)",
             ControlStatus.HELD: "held by Ukraine", ControlStatus.GREY: "in the grey zone"}
    return [words.get(ControlStatus(s), str(s)) for s in statuses]
