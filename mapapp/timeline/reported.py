"""Reported control: who the articles say holds each town, as of a date.

A front-line snapshot says who held a town; the articles say it too, in their
own words: "Wagner claims to have taken Soledar", "Ukraine retook it",
"Bakhmut is still in Ukrainian hands". This module reads, for each place and
a date of the slider, the articles' latest account of its holder from the
control changes (the side that holds it after the change) and the held
statements among the events reported up to that date, so the map can draw a
"reported control" layer and set it against a snapshot.

Which account is the latest: each event is dated by its own date where the
sentence gives one (``when``: "captured in January" in a March article is a
January capture), else by its article's date; a date known to the month or
year counts from its first day. Between accounts of the same date a
confirmed report outweighs a claim, and then the later report wins. Events
with no side (a mutiny; "held" by nobody named) say nothing about the holder
and are left out. It is a function of a ``views.View``, so a folder and a
store give the same answer.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from mapapp.model import PartialDate
from mapapp.timeline.views import View

REPORTED_COLUMNS = ("place_id", "holder", "kind", "claim", "when", "as_of", "article_id", "date")
_HOLDING = ("control", "held")


def first_day(value: str) -> dt.date:
    """The first day of an event or article date: YYYY, YYYY-MM or YYYY-MM-DD.

    >>> first_day("2023"), first_day("2023-02"), first_day("2023-02-14")
    (datetime.date(2023, 1, 1), datetime.date(2023, 2, 1), datetime.date(2023, 2, 14))
    """
    if len(value) == 4 and value.isdigit():
        return dt.date(int(value), 1, 1)
    return PartialDate.parse(value).first_day


def holding_accounts(view: View, upto: int, place_id: str | None = None) -> pd.DataFrame:
    """Every account of a holder reported in periods [0, upto] (of one place, if given),
    oldest first by the order that decides (date, confirmed over claim, report order).

    Columns: REPORTED_COLUMNS, ``holder`` being the event's side and ``as_of``
    the date the account speaks of (``when``, else the article's ``date``).
    """
    ev = view.events(0, upto, place_id)
    ev = ev[ev["kind"].isin(_HOLDING) & ev["side"].notna()]
    as_of = [w if isinstance(w, str) else d for w, d in zip(ev["when"], ev["date"], strict=True)]
    last = PartialDate.parse(view.axis.labels[upto]).last_day if len(view.axis) else dt.date.max
    out = ev.assign(holder=ev["side"], as_of=as_of,
                    _day=[first_day(a) for a in as_of], _confirmed=~ev["claim"].to_numpy(bool))
    out = out[out["_day"] <= last]  # an account of a later day is not yet the state
    out = out.sort_values(["_day", "_confirmed"], kind="stable", ignore_index=True)
    return out[list(REPORTED_COLUMNS)]


def reported_control(view: View, upto: int) -> pd.DataFrame:
    """The articles' latest account of who holds each place, as of period ``upto``.

    One row per place with an account, sorted by place id. Columns
    (REPORTED_COLUMNS): place_id, holder (``RU``/``UA``), kind (``control``
    or ``held``: what the account was), claim (bool: one party's unconfirmed
    claim), when (str or None: the event's own date), as_of (str: the date
    it speaks of, ``when`` else the article's), article_id and date (the
    article that reported it).
    """
    accounts = holding_accounts(view, upto)
    latest = accounts.drop_duplicates("place_id", keep="last")
    return latest.sort_values("place_id", kind="stable", ignore_index=True)
