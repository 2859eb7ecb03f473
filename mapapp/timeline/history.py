"""A place's event timeline: what the articles reported happening there, in order, with the
words that decided each event. ``python -m mapapp events`` prints it; a store is read for
that one place only (the place filter is pushed down to the Parquet row groups).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mapapp.store.reader import Store
from mapapp.timeline.reported import first_day
from mapapp.timeline.windows import Timeline

_COLUMNS = ["article_id", "date", "start", "event_kind", "event_side", "event_claim",
            "event_when", "event_evidence_start", "event_evidence_end"]


@dataclass(frozen=True)
class EventLine:
    """One event at the place: ``as_of`` is the event's own date, else its article's."""

    as_of: str
    kind: str
    side: str | None
    claim: bool
    article_id: str
    article_date: str
    words: tuple[str, ...]  # the deciding words, as written

    def __str__(self) -> str:
        claim = "claim" if self.claim else "-"
        return "\t".join([self.as_of, self.kind, self.side or "-", claim,
                          f"{self.article_id} ({self.article_date})",
                          " … ".join(self.words)])


def _ordered(lines: list[tuple[int, EventLine]]) -> list[EventLine]:
    return [line for _, line in sorted(lines, key=lambda il: (first_day(il[1].as_of), il[0]))]


def _str(value: object) -> str | None:
    """A string cell, None where pandas read a missing one as NaN."""
    return value if isinstance(value, str) else None


def _line(text: str, aid: str, date: str, kind: str, side: str | None, claim: bool | None,
          when: str | None, spans: Sequence[tuple[int, int]]) -> EventLine:
    return EventLine(when or date, kind, side, bool(claim), aid, date,
                     tuple(text[s:e] for s, e in spans))


def timeline_history(tl: Timeline, place_id: str) -> list[EventLine]:
    """The place's events in a Timeline, by date (the event's own, else the article's)."""
    m = tl.mentions
    m = m[(m["place_id"] == place_id) & m["event_kind"].notna()]
    lines = [(i, _line(tl.texts[r.article_id], r.article_id, r.date, r.event_kind, r.event_side,
                       r.event_claim, r.event_when, r.event_evidence))
             for i, r in enumerate(m.itertuples(index=False))]
    return _ordered(lines)


def store_history(store: Store, place_id: str) -> list[EventLine]:
    """The place's events in a store (its mentions and the texts of their articles only)."""
    months = store.months()
    if not months:
        return []
    m = store.mentions_between(months[0], months[-1], columns=_COLUMNS, place_ids=[place_id])
    m = m[m["event_kind"].notna()].sort_values(["date", "article_id", "start"], kind="stable")
    texts = dict(store.articles(set(m["article_id"]), columns=["article_id", "text"])
                 .itertuples(index=False, name=None))
    lines = [(i, _line(texts[r.article_id], r.article_id, r.date, r.event_kind,
                       _str(r.event_side), r.event_claim, _str(r.event_when),
                       list(zip(r.event_evidence_start, r.event_evidence_end, strict=True))))
             for i, r in enumerate(m.itertuples(index=False))]
    return _ordered(lines)
