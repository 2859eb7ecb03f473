"""Events in the timeline's tables: the columns a mention row carries and the counts per kind.

The geoparser puts on each mention what the article reports happening there
(``model.Event``: control, fighting, strike or held; ../shared/gold/EVENTS.md).
The map draws a place by what was reported there in the window, the chart
stacks a place's mentions by kind, the panel labels each excerpt, and
``reported`` reads who holds a town. They all start from the same few
columns of ``Timeline.mentions`` (folder or store alike), defined here once:

``event_kind`` (str or None: one of ``model.KINDS``), ``event_side`` (str or
None: ``RU``/``UA``), ``event_claim`` (bool, False without an event),
``event_when`` (str or None: the event's own date, YYYY, YYYY-MM or
YYYY-MM-DD, where the text gives one), ``event_evidence`` (tuple of
``(start, end)`` int pairs: the deciding words, offsets into the article
text; ``()`` without an event). Absent values are None in object columns,
never NaN (pandas would infer a ``str`` column with NaN).

Kinds are counted as ``n_control, n_fighting, n_strike, n_held`` (the
order of ``model.KINDS``), and a place's ``event`` in a window is the first
kind of that order reported there at all (EVENTS.md's precedence: one change
of hands outweighs any number of strikes), None where nothing was.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from mapapp.model import KINDS, Event, Span

EVENT_COLUMNS = ("event_kind", "event_side", "event_claim", "event_when", "event_evidence")
KIND_COUNT_COLUMNS = tuple(f"n_{k}" for k in KINDS)  # n_control, n_fighting, n_strike, n_held
# The columns ``View.events`` answers with: one row per mention that carries an event.
EVENT_ROW_COLUMNS = ("place_id", "article_id", "date", "period", "start", "end", "kind", "side",
                     "claim", "when")
_KIND_CODE: dict[str, int] = {k: i for i, k in enumerate(KINDS)}


def event_cells(event: Event | None) -> tuple:
    """A mention's values for EVENT_COLUMNS."""
    if event is None:
        return (None, None, False, None, ())
    return (event.kind, event.side, event.claim, event.when,
            tuple((s.start, s.end) for s in event.evidence))


def event_of(kind: str | None, side: str | None, claim: bool, when: str | None,
             evidence: Sequence[tuple[int, int]]) -> Event | None:
    """The Event of a mention row's EVENT_COLUMNS (inverse of :func:`event_cells`)."""
    if kind is None:
        return None
    return Event(kind, side, bool(claim), when,  # type: ignore[arg-type]  # read from our own rows
                 tuple(Span(int(s), int(e)) for s, e in evidence))


def kind_codes(kinds: Sequence[str | None] | pd.Series) -> np.ndarray:
    """Each kind's index in ``model.KINDS``; -1 for a mention without an event."""
    return np.fromiter((_KIND_CODE.get(k, -1) if isinstance(k, str) else -1 for k in kinds),
                       dtype=np.int64, count=len(kinds))


def kind_counts(keys: np.ndarray, kinds: np.ndarray, n: int,
                weights: np.ndarray | None = None) -> np.ndarray:
    """An (n, len(KINDS)) count matrix: row ``keys[i]``, column ``kinds[i]`` (-1: not counted).

    ``weights`` per item, else 1 each; both the folder and the store views count with it.
    """
    keep = kinds >= 0
    flat = np.bincount(keys[keep] * len(KINDS) + kinds[keep],
                       None if weights is None else weights[keep], n * len(KINDS))
    return flat.astype(np.int64).reshape(n, len(KINDS))


def with_kind_counts(frame: pd.DataFrame, matrix: np.ndarray) -> pd.DataFrame:
    """``frame`` (a row per row of ``matrix``) with KIND_COUNT_COLUMNS and ``event`` added."""
    cols = {c: matrix[:, i] for i, c in enumerate(KIND_COUNT_COLUMNS)}
    first = np.argmax(matrix > 0, axis=1)
    some = matrix.any(axis=1)
    dominant = np.where(some, np.array(KINDS, dtype=object)[first], None)
    return frame.assign(**cols, event=pd.Series(dominant, index=frame.index, dtype=object))


def event_rows(mentions: pd.DataFrame, rows: slice, place_code: int | None,
               places: pd.DataFrame) -> pd.DataFrame:
    """The EVENT_ROW_COLUMNS of those ``mentions[rows]`` (of one place, if given) with an event."""
    sub = mentions.iloc[rows]
    keep = sub["event_kind"].notna().to_numpy()
    if place_code is not None:
        keep = keep & (sub["place_code"].to_numpy() == place_code)
    sub = sub[keep]
    return pd.DataFrame({
        "place_id": places["place_id"].to_numpy()[sub["place_code"].to_numpy()],
        "article_id": sub["article_id"].to_numpy(), "date": sub["date"].to_numpy(),
        "period": sub["period"].to_numpy(np.int64), "start": sub["start"].to_numpy(np.int64),
        "end": sub["end"].to_numpy(np.int64), "kind": _objects(sub["event_kind"]),
        "side": _objects(sub["event_side"]), "claim": sub["event_claim"].to_numpy(bool),
        "when": _objects(sub["event_when"]),
    }, columns=list(EVENT_ROW_COLUMNS))


def _objects(column: pd.Series) -> pd.Series:
    """An object column with None where absent (pandas would infer ``str`` with NaN)."""
    values = column.to_numpy(object)
    return pd.Series(np.where(pd.isna(values), None, values), dtype=object)


def excerpt_event(rows: pd.DataFrame, s0: int, length: int
                  ) -> tuple[Event | None, tuple[tuple[int, int], ...]]:
    """An excerpt's event (first by KINDS among its mention ``rows``) and its evidence as
    offsets into the excerpt's text (which starts at ``s0`` and is ``length`` long)."""
    ranks = kind_codes(rows["event_kind"].to_numpy())
    if not (ranks >= 0).any():
        return None, ()
    best = rows.iloc[int(np.argmin(np.where(ranks >= 0, ranks, len(KINDS))))]
    event = event_of(*(best[c] for c in EVENT_COLUMNS))
    marks = tuple((int(s) - s0, int(e) - s0) for s, e in best["event_evidence"]
                  if s >= s0 and e - s0 <= length)
    return event, marks
