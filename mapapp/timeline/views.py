"""What the page asks of its articles, answered alike by a Timeline in memory or by a store.

The app shows either a folder of articles, geoparsed when it starts and held
as one ``timeline.Timeline``, or a store too big for that
(``store_view.StoreView``: counts from a summary in memory, excerpts read
from disk a page at a time). Both answer the same few questions through
:class:`View`, so app.py has one code path and the folder mode stays what it
was. Indices ``lo``/``hi`` are inclusive periods of ``View.axis``, the
slider's axis, as everywhere in ``timeline``.

What the articles report happening at each place (``model.Event``; the
columns are ``timeline.events``') reaches the page through the same
questions, so the map, the chart and the panel need no second path:

* ``counts(lo, hi)`` has, after ``windows.COUNT_COLUMNS``, the mentions
  reporting each kind, ``n_control, n_fighting, n_strike, n_held`` (int),
  and ``event`` (str or None): the place's first kind of ``model.KINDS``
  reported in the window, to draw it by.
* ``per_period(ids)`` has the same four ``n_<kind>`` columns per period, to
  stack the chart by kind (``mentions`` minus their sum reported nothing).
* ``excerpts(...)``: each ``windows.Excerpt`` has ``event`` (``model.Event``
  or None; evidence in article offsets) and ``event_marks`` (the deciding
  words as (start, end) offsets into the excerpt's ``text``, like ``marks``).
* ``events(lo, hi, place_id=None)``: one row per mention reporting an event
  in the window (of one place, if given), in time order (period, article,
  offset), columns ``events.EVENT_ROW_COLUMNS``: place_id, article_id, date
  (the article's iso date), period (int), start, end (int: the mention in
  the article), kind (str), side (str or None), claim (bool), when (str or
  None: the event's own date). ``reported`` reads who holds a town from it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

import pandas as pd

from mapapp.periods import PeriodAxis
from mapapp.timeline import place_notes
from mapapp.timeline import windows as timeline
from mapapp.timeline.place_notes import MentionTally
from mapapp.timeline.windows import Page, Timeline


@dataclass(frozen=True)
class Panel:
    """A page of the side panel, and a Timeline holding its articles (texts, marks)."""

    page: Page
    timeline: Timeline


class View(Protocol):
    """The questions app.py asks; see TimelineView for the meaning of each."""

    @property
    def axis(self) -> PeriodAxis: ...  # the slider's

    @property
    def places(self) -> pd.DataFrame: ...  # every place that can be picked

    @property
    def place_codes(self) -> Mapping[str, int]: ...  # place id -> row of ``places``

    @property
    def n_articles(self) -> int: ...

    def place(self, place_id: str) -> pd.Series | None: ...

    def counts(self, lo: int, hi: int) -> pd.DataFrame: ...

    def events(self, lo: int, hi: int, place_id: str | None = None) -> pd.DataFrame: ...

    def per_period(self, place_ids: Sequence[str]) -> pd.DataFrame: ...

    def excerpts(self, place_id: str, lo: int, hi: int, limit: int) -> Panel: ...

    def tally(self, place_id: str, lo: int, hi: int) -> MentionTally: ...

    def articles(self, lo: int, hi: int, limit: int) -> Panel: ...

    def export_frame(self, lo: int, hi: int, place_id: str | None) -> pd.DataFrame: ...


class TimelineView:
    """A View on one Timeline (the folder mode): every answer is a ``timeline`` query."""

    def __init__(self, tl: Timeline) -> None:
        self.timeline = tl
        self.axis = tl.axis
        self.places = tl.places  # every place named in the corpus (the place picker)
        self.place_codes = tl.place_codes

    @property
    def n_articles(self) -> int:
        return len(self.timeline.articles)

    def place(self, place_id: str) -> pd.Series | None:
        return self.timeline.place(place_id)

    def counts(self, lo: int, hi: int) -> pd.DataFrame:
        """``timeline.place_counts``: the window's places, most mentioned first."""
        return timeline.place_counts(self.timeline, lo, hi)

    def events(self, lo: int, hi: int, place_id: str | None = None) -> pd.DataFrame:
        """``timeline.place_events``: the window's mentions that report an event."""
        return timeline.place_events(self.timeline, lo, hi, place_id)

    def per_period(self, place_ids: Sequence[str]) -> pd.DataFrame:
        """``timeline.mentions_per_period`` over the whole axis, for the chart."""
        return timeline.mentions_per_period(self.timeline, place_ids)

    def excerpts(self, place_id: str, lo: int, hi: int, limit: int) -> Panel:
        """The window's newest ``limit`` excerpts naming the place, and how many there are."""
        return Panel(timeline.excerpts(self.timeline, place_id, lo, hi, limit), self.timeline)

    def tally(self, place_id: str, lo: int, hi: int) -> MentionTally:
        """The place's mentions, articles and excerpts in the window, captions apart."""
        return place_notes.timeline_tally(self.timeline, place_id, lo, hi)

    def articles(self, lo: int, hi: int, limit: int) -> Panel:
        """The window's newest ``limit`` articles with their places, and how many there are."""
        return Panel(timeline.articles_in_window(self.timeline, lo, hi, limit), self.timeline)

    def export_frame(self, lo: int, hi: int, place_id: str | None) -> pd.DataFrame:
        """The window's mentions (of one place, if given) as ``export.EXPORT_COLUMNS``."""
        from mapapp.timeline import export  # parquet and the store: only for a download

        return export.timeline_frame(self.timeline, lo, hi, place_id)


def mentions_shown(counts: pd.DataFrame, place_id: str | None) -> int:
    """How many mentions an export of the view would hold (``counts``: the window's)."""
    if place_id is None:
        return int(counts["mentions"].sum())
    return int(counts.loc[counts["place_id"] == place_id, "mentions"].sum())


def export_name(axis: PeriodAxis, lo: int, hi: int, place_id: str | None, fmt: str) -> str:
    """A file name that says what the export holds: ``mentions_2023-01_2023-03_713174.csv``.

    >>> export_name(PeriodAxis("month", ("2023-01", "2023-02")), 1, 1, "r:donbas", "geojson")
    'mentions_2023-02_r-donbas.geojson'
    """
    span = axis.labels[lo] if lo == hi else f"{axis.labels[lo]}_{axis.labels[hi]}"
    place = "" if place_id is None else "_" + re.sub(r"[^\w.-]", "-", place_id)
    return f"mentions_{span}{place}.{fmt}"
