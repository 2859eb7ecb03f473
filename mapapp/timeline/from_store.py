"""The app's Timeline for a window of a store, built from columns instead of objects.

``build_timeline(store.parsed_between(a, b), title_of)`` is exact by
construction, but it makes a Python object per mention: about a second for a
month of a 100,000-article store (2,000 articles, 80,000 mentions). This
module builds the same three tables straight from the window's Arrow
columns, an object per *article* only (for ``title_of``), in about a third of
that. The tables must stay equal to ``timeline.build_timeline``'s:
tests/test_store.py compares them, so a change to the Timeline's tables
fails there first and is mirrored here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from mapapp.model import Article
from mapapp.periods import period_axis
from mapapp.store.reader import DayLike, Store, WindowTables
from mapapp.store.tables import articles_of
from mapapp.timeline.windows import Timeline, articles_frame, mentions_table


def _places(table: pa.Table) -> pd.DataFrame:
    cols = ["place_id", "name", "kind", "lat", "lon", "country"]
    rows = sorted(zip(*(table.column(c).to_pylist() for c in cols), strict=True),
                  key=lambda r: (r[1], r[0]))
    return pd.DataFrame({
        "place_id": [r[0] for r in rows], "name": [r[1] for r in rows],
        "kind": [r[2] for r in rows], "lat": np.array([r[3] for r in rows], dtype=float),
        "lon": np.array([r[4] for r in rows], dtype=float), "country": [r[5] for r in rows],
    })


def _evidence_pairs(table: pa.Table) -> list[tuple[tuple[int, int], ...]]:
    """``event_evidence`` of each row: its spans as (start, end) pairs, () without an event."""
    starts = table.column("event_evidence_start").to_pylist()
    ends = table.column("event_evidence_end").to_pylist()
    return [tuple(zip(s, e, strict=True)) if s else () for s, e in zip(starts, ends, strict=True)]


def _mentions(table: pa.Table, ranks: Mapping[str, int], periods: Mapping[str, int],
              codes: Mapping[str, int]) -> pd.DataFrame:
    """Rows in the store's order (article by article, by seq), then timeline's stable sort."""
    c = {name: table.column(name).to_pylist() for name in (
        "article_id", "place_id", "date", "start", "end", "surface", "sentence_start",
        "sentence_end", "context_start", "context_end", "confidence", "metonymy",
        "event_kind", "event_side", "event_when")}
    evidence = pc.fill_null(pc.binary_join(table.column("evidence"), "\n"), "").to_pylist()
    claim = pc.fill_null(table.column("event_claim"), False).to_pylist()
    aids, pids = c["article_id"], c["place_id"]
    records = zip(aids, map(ranks.__getitem__, aids), pids, map(codes.__getitem__, pids),
                  c["date"], map(periods.__getitem__, aids), c["start"], c["end"],
                  c["surface"], c["sentence_start"], c["sentence_end"], c["context_start"],
                  c["context_end"], c["confidence"], evidence, c["metonymy"], c["event_kind"],
                  c["event_side"], claim, c["event_when"], _evidence_pairs(table), strict=True)
    return mentions_table(list(records))


def _timeline(t: WindowTables, title_of: Callable[[Article], str]) -> Timeline:
    arts = articles_of(t.articles)
    axis = period_axis(a.date for a in arts)
    order = sorted(arts, key=lambda a: (a.date.first_day, a.date.precision == "day", a.id))
    articles = articles_frame(order, axis, title_of)
    ranks = {a.id: i for i, a in enumerate(order)}
    periods = {a.id: axis.index(a.date) for a in arts}
    places = _places(t.places)
    codes = {pid: i for i, pid in enumerate(places["place_id"])}
    mentions = _mentions(t.mentions, ranks, periods, codes)
    return Timeline(
        axis=axis, mentions=mentions, articles=articles, places=places,
        texts={a.id: a.text for a in arts},
        mention_offsets=np.searchsorted(mentions["period"].to_numpy(),
                                        np.arange(len(axis) + 1), side="left"),
        article_offsets=np.searchsorted(articles["period"].to_numpy(),
                                        np.arange(len(axis) + 1), side="left"),
        place_codes=codes,
    )


def timeline_between(store: Store, first_day: DayLike, last_day: DayLike,
                     title_of: Callable[[Article], str]) -> Timeline:
    """The Timeline ``build_timeline(store.parsed_between(first_day, last_day), title_of)``.

    Its axis covers the window's articles only (as build_timeline's covers
    its input); ``store.axis()`` is the whole store's, for the slider.
    """
    return _timeline(store.window_tables(first_day, last_day), title_of)


def timeline_of(store: Store, ids: Iterable[str], title_of: Callable[[Article], str]) -> Timeline:
    """The Timeline of these stored articles alone (a page of the app's panel).

    Equal to ``build_timeline`` of their ParsedArticles; unknown ids are left out.
    """
    return _timeline(store.article_tables(ids), title_of)
