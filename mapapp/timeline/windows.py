"""Move through a parsed corpus in time: counts, excerpts and articles per window.

The app answers every slider move from here, so the work is split in two:
``build_timeline`` runs once per corpus (a Python pass over the mentions that
sorts them by period and numbers places and articles), and every query after
it is a slice of numpy arrays (``offsets`` turns a window into one contiguous
row range), so a slider move costs the same on five articles as on ten
thousand. Periods and windows themselves are ``periods``' business. Nothing
here draws; ``render`` and the app turn the results into a page.

Tables (pandas DataFrames; a row index 0..n-1 unless said otherwise):

``Timeline.mentions``, one row per mention, sorted by (period, article_rank,
start):
    article_id (str), article_rank (int: 0 = oldest article, by date then id),
    place_id (str), place_code (int: row of ``places``), date (str: the
    article's PartialDate iso), period (int: index into ``axis.labels``),
    start, end (int: offsets into the article text), surface (str),
    sentence_start, sentence_end (int; -1 when the mention stands in a
    caption), context_start, context_end (int; -1 when absent),
    confidence (float), evidence (str: the geoparser's reasons, one a line),
    metonymy (bool), event_kind, event_side, event_claim, event_when,
    event_evidence (what the article reports happening there: ``timeline.events``),
    first_in_article (bool: the first mention of this place in this article).

``Timeline.articles``, one row per article, sorted by article_rank (the row
number *is* the rank):
    article_id, date (iso str), period (int), title, source, url (str).

``Timeline.places``, one row per place named in the corpus (the row number is
the place_code):
    place_id, name, kind (one of model.PLACE_KINDS), lat, lon (float),
    country (str).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from mapapp.model import Article, Event, ParsedArticle, Place
from mapapp.periods import PeriodAxis, period_axis
from mapapp.timeline.events import (
    EVENT_COLUMNS,
    KIND_COUNT_COLUMNS,
    event_cells,
    event_rows,
    excerpt_event,
    kind_codes,
    kind_counts,
    with_kind_counts,
)

COUNT_COLUMNS = ("place_id", "name", "kind", "lat", "lon", "country", "mentions", "articles")
# ``place_counts`` adds what was reported at each place (``timeline.events``)
EVENT_COUNT_COLUMNS = (*KIND_COUNT_COLUMNS, "event")


# ------------------------------------------------------------------- timeline


@dataclass(frozen=True, eq=False)
class Timeline:
    """A parsed corpus laid out for fast window queries (see the module docstring)."""

    axis: PeriodAxis
    mentions: pd.DataFrame
    articles: pd.DataFrame
    places: pd.DataFrame
    texts: Mapping[str, str]  # article_id → text
    mention_offsets: np.ndarray  # rows of period p: [offsets[p], offsets[p + 1])
    article_offsets: np.ndarray  # same for ``articles``
    place_codes: Mapping[str, int]

    def place(self, place_id: str) -> pd.Series | None:
        code = self.place_codes.get(place_id)
        return None if code is None else self.places.iloc[code]

    def rows(self, lo: int, hi: int) -> slice:
        """Mention rows of the inclusive period range [lo, hi]."""
        return slice(int(self.mention_offsets[lo]), int(self.mention_offsets[hi + 1]))

    def article_rows(self, lo: int, hi: int) -> slice:
        return slice(int(self.article_offsets[lo]), int(self.article_offsets[hi + 1]))


def _default_title(article: Article) -> str:
    if article.title:
        return article.title
    words = article.text.split()
    return " ".join(words[:10]) + (" …" if len(words) > 10 else "")


def _articles_table(arts: Sequence[Article], axis: PeriodAxis,
                    title_of: Callable[[Article], str]) -> pd.DataFrame:
    order = sorted(arts, key=lambda a: (a.date.first_day, a.date.precision == "day", a.id))
    return articles_frame(order, axis, title_of)


def articles_frame(order: Sequence[Article], axis: PeriodAxis,
                   title_of: Callable[[Article], str]) -> pd.DataFrame:
    """The articles table of a Timeline, in the given order (shared with store_timeline)."""
    return pd.DataFrame({
        "article_id": [a.id for a in order],
        "date": [a.date.iso for a in order],
        "period": np.array([axis.index(a.date) for a in order], dtype=np.int64),
        "title": [title_of(a) for a in order],
        "source": [a.source for a in order],
        "url": [a.url for a in order],
    })


def _places_table(parsed: Sequence[ParsedArticle]) -> pd.DataFrame:
    places: dict[str, Place] = {}
    for pa in parsed:
        for m in pa.mentions:
            if m.place_id not in places and m.place_id in pa.places:
                places[m.place_id] = pa.places[m.place_id]
    rows = sorted(places.values(), key=lambda p: (p.name, p.id))
    return pd.DataFrame({
        "place_id": [p.id for p in rows],
        "name": [p.name for p in rows],
        "kind": [p.kind for p in rows],
        "lat": np.array([p.lat for p in rows], dtype=float),
        "lon": np.array([p.lon for p in rows], dtype=float),
        "country": [p.country for p in rows],
    })


def _span_pair(span) -> tuple[int, int]:
    return (-1, -1) if span is None else (span.start, span.end)


def _mention_records(parsed: Sequence[ParsedArticle], ranks: Mapping[str, int],
                     codes: Mapping[str, int], axis: PeriodAxis) -> list[tuple]:
    records = []
    for pa in parsed:
        art = pa.article
        rank, period = ranks[art.id], axis.index(art.date)
        for m in pa.mentions:
            if m.place_id not in codes:  # a mention whose Place the parser did not supply
                continue
            records.append((art.id, rank, m.place_id, codes[m.place_id], art.date.iso, period,
                            m.start, m.end, m.surface, *_span_pair(m.sentence),
                            *_span_pair(m.context), m.confidence, "\n".join(m.evidence),
                            m.metonymy, *event_cells(m.event)))
    return records


MENTION_COLUMNS = ["article_id", "article_rank", "place_id", "place_code", "date", "period",
                   "start", "end", "surface", "sentence_start", "sentence_end",
                   "context_start", "context_end", "confidence", "evidence", "metonymy",
                   *EVENT_COLUMNS]
_INT_COLUMNS = ["article_rank", "place_code", "period", "start", "end", "sentence_start",
                "sentence_end", "context_start", "context_end"]


def mentions_table(records: list[tuple]) -> pd.DataFrame:
    """``Timeline.mentions`` from rows of MENTION_COLUMNS (shared with ``from_store``)."""
    df = pd.DataFrame.from_records(records, columns=MENTION_COLUMNS)
    df = df.astype({c: np.int64 for c in _INT_COLUMNS}
                   | {"confidence": float, "metonymy": bool, "event_claim": bool})
    for c in ("event_kind", "event_side", "event_when"):  # None, never NaN, where absent
        df[c] = df[c].astype(object).where(df[c].notna(), None)
    df = df.sort_values(["period", "article_rank", "start"], kind="stable", ignore_index=True)
    df["first_in_article"] = ~df.duplicated(["article_rank", "place_code"])
    return df


def _offsets(periods: np.ndarray, length: int) -> np.ndarray:
    return np.searchsorted(periods, np.arange(length + 1), side="left")


def build_timeline(parsed: Sequence[ParsedArticle],
                   title_of: Callable[[Article], str] = _default_title) -> Timeline:
    """Lay out ``parsed`` for window queries; the one slow step, run once per corpus.

    ``title_of`` names an article in the panel (the corpus reader's
    ``display_title``); by default the title, else the first words.
    Duplicate article ids keep the first article.
    """
    unique = list({pa.article.id: pa for pa in reversed(parsed)}.values())[::-1]
    axis = period_axis(pa.article.date for pa in unique)
    articles = _articles_table([pa.article for pa in unique], axis, title_of)
    ranks = {aid: i for i, aid in enumerate(articles["article_id"])}
    places = _places_table(unique)
    codes = {pid: i for i, pid in enumerate(places["place_id"])}
    mentions = mentions_table(_mention_records(unique, ranks, codes, axis))
    return Timeline(
        axis=axis, mentions=mentions, articles=articles, places=places,
        texts={pa.article.id: pa.article.text for pa in unique},
        mention_offsets=_offsets(mentions["period"].to_numpy(), len(axis)),
        article_offsets=_offsets(articles["period"].to_numpy(), len(axis)),
        place_codes=codes,
    )


# -------------------------------------------------------------------- queries


def place_counts(tl: Timeline, lo: int, hi: int) -> pd.DataFrame:
    """Places mentioned in periods [lo, hi] with their counts (COUNT_COLUMNS, then
    EVENT_COUNT_COLUMNS).

    ``mentions`` counts every occurrence, ``articles`` the articles naming
    the place, ``n_<kind>`` the mentions reporting that kind there, ``event``
    the place's first kind by ``model.KINDS`` (None if none). Sorted by
    mentions (most first), then name.
    """
    rows = tl.rows(lo, hi)
    codes = tl.mentions["place_code"].to_numpy()[rows]
    firsts = tl.mentions["first_in_article"].to_numpy()[rows]
    n = len(tl.places)
    mentions = np.bincount(codes, minlength=n)
    articles = np.bincount(codes, weights=firsts, minlength=n).astype(np.int64)
    kinds = kind_counts(codes, kind_codes(tl.mentions["event_kind"].to_numpy()[rows]), n)
    return counts_frame(tl.places, mentions, articles, kinds)


def counts_frame(places: pd.DataFrame, mentions: np.ndarray, articles: np.ndarray,
                 kinds: np.ndarray) -> pd.DataFrame:
    """``place_counts``' table from per-place-code counts (shared with the store view)."""
    hit = np.flatnonzero(mentions)
    out = places.iloc[hit].assign(mentions=mentions[hit], articles=articles[hit])
    out = with_kind_counts(out, kinds[hit])
    out = out.sort_values(["mentions", "name"], ascending=[False, True], kind="stable")
    return out.reset_index(drop=True)[[*COUNT_COLUMNS, *EVENT_COUNT_COLUMNS]]


@dataclass(frozen=True)
class Excerpt:
    """What one article said about a place: a sentence with the place's names marked.

    ``marks`` are (start, end) offsets into ``text`` (not into the article).
    A caption mention has ``caption=True`` and an empty ``text``: it counts
    on the map but is never shown as an excerpt. ``before``/``after`` hold a
    neighbouring context sentence when the geoparser gave one. ``event`` is
    what the sentence reports at the place (of its marked mentions, the first
    by ``model.KINDS``; its evidence in article offsets), ``event_marks`` the
    deciding words as offsets into ``text`` like ``marks``.
    """

    article_id: str
    date: str
    title: str
    source: str
    url: str
    text: str
    marks: tuple[tuple[int, int], ...]
    caption: bool
    confidence: float
    evidence: tuple[str, ...]
    before: str = ""
    after: str = ""
    event: Event | None = None
    event_marks: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Page:
    """The first ``len(items)`` of ``total`` results."""

    items: tuple
    total: int


def _excerpt(tl: Timeline, rows: pd.DataFrame) -> Excerpt:
    head = rows.iloc[0]
    art = tl.articles.iloc[int(head["article_rank"])]
    text, s0 = tl.texts[head["article_id"]], int(head["sentence_start"])
    caption = s0 < 0
    raw = "" if caption else text[s0:int(head["sentence_end"])]
    s0 += len(raw) - len(raw.lstrip())  # offsets must follow the trimmed sentence
    sentence = raw.strip()
    marks = () if caption else tuple(
        (int(s) - s0, int(e) - s0) for s, e in zip(rows["start"], rows["end"], strict=True))
    c0, c1 = int(head["context_start"]), int(head["context_end"])
    context = "" if caption or c0 < 0 else text[c0:c1].strip()
    evidence = tuple(dict.fromkeys(e for ev in rows["evidence"] for e in ev.split("\n") if e))
    event, event_marks = excerpt_event(rows, s0, len(sentence))
    return Excerpt(
        article_id=head["article_id"], date=art["date"], title=art["title"],
        source=art["source"], url=art["url"], text=sentence, marks=marks, caption=caption,
        confidence=float(rows["confidence"].max()), evidence=evidence,
        before=context if context and c1 <= s0 else "",
        after=context if context and c0 >= s0 and c1 > s0 else "",
        event=event, event_marks=event_marks)


def excerpts(tl: Timeline, place_id: str, lo: int, hi: int, limit: int = 50) -> Page:
    """Excerpts naming ``place_id`` in periods [lo, hi], newest article first.

    Mentions sharing a sentence make one excerpt with several marks; all
    caption mentions of an article make one caption excerpt. Only the
    first ``limit`` excerpts are built; ``total`` counts them all.
    """
    code = tl.place_codes.get(place_id)
    if code is None:
        return Page((), 0)
    rows = tl.rows(lo, hi)
    hit = np.flatnonzero(tl.mentions["place_code"].to_numpy()[rows] == code) + rows.start
    sub = tl.mentions.iloc[hit].sort_values(["article_rank", "start"],
                                            ascending=[False, True], kind="stable")
    keys = ["article_rank", "sentence_start", "sentence_end"]
    heads = sub.drop_duplicates(keys)
    shown = heads.iloc[:limit]
    groups = sub.merge(shown[keys], on=keys).groupby(keys, sort=False)
    order = {k: i for i, k in enumerate(shown[keys].itertuples(index=False, name=None))}
    items: list[Excerpt | None] = [None] * len(order)
    for key, g in groups:
        items[order[key]] = _excerpt(tl, g)
    return Page(tuple(items), len(heads))


def place_marks(tl: Timeline, place_id: str, article_id: str) -> list[tuple[int, int]]:
    """(start, end) of every mention of ``place_id`` in one article, captions included."""
    m = tl.mentions
    hit = (m["place_code"].to_numpy() == tl.place_codes.get(place_id, -1)) & (
        m["article_id"].to_numpy() == article_id)
    return [(int(s), int(e)) for s, e in zip(m["start"][hit], m["end"][hit], strict=True)]


@dataclass(frozen=True)
class ArticleSummary:
    """An article of a window and the places it names, most mentioned first."""

    article_id: str
    date: str
    title: str
    source: str
    url: str
    places: tuple[tuple[str, str, int], ...]  # (place_id, name, mentions)


def articles_in_window(tl: Timeline, lo: int, hi: int, limit: int = 30) -> Page:
    """Articles dated in periods [lo, hi], newest first, with their places."""
    rows = tl.article_rows(lo, hi)
    total = rows.stop - rows.start
    ranks = np.arange(rows.stop - 1, max(rows.start, rows.stop - limit) - 1, -1)
    m = tl.mentions.iloc[tl.rows(lo, hi)]
    m = m[m["article_rank"].isin(ranks)]
    counts = (m.groupby(["article_rank", "place_code"]).size().rename("n").reset_index()
              .sort_values(["article_rank", "n"], ascending=[True, False], kind="stable"))
    names, ids = tl.places["name"].to_numpy(), tl.places["place_id"].to_numpy()
    by_article: dict[int, list[tuple[str, str, int]]] = {}
    for rank, code, n in counts.itertuples(index=False, name=None):
        by_article.setdefault(rank, []).append((ids[code], names[code], int(n)))
    items = []
    for rank in ranks:
        art = tl.articles.iloc[int(rank)]
        items.append(ArticleSummary(art["article_id"], art["date"], art["title"], art["source"],
                                    art["url"], tuple(by_article.get(int(rank), ()))))
    return Page(tuple(items), total)


def mentions_per_period(tl: Timeline, place_ids: Sequence[str]) -> pd.DataFrame:
    """Mentions of each place in every period of the axis, zeros included.

    Columns: period (int), label (str), start (datetime64: the period's first
    day), place_id, name, mentions (int), then ``n_control, n_fighting,
    n_strike, n_held`` (int: those mentions reporting each kind, for a chart
    stacked by kind; ``mentions`` minus their sum reported none). Unknown ids
    are left out.
    """
    codes = [tl.place_codes[p] for p in dict.fromkeys(place_ids) if p in tl.place_codes]
    n = len(tl.axis)
    slot = np.full(len(tl.places), -1)
    slot[codes] = np.arange(len(codes))
    s = slot[tl.mentions["place_code"].to_numpy()]
    keep = s >= 0
    key = s[keep] * n + tl.mentions["period"].to_numpy()[keep]
    flat = np.bincount(key, minlength=len(codes) * n)
    kinds = kind_counts(key, kind_codes(tl.mentions["event_kind"].to_numpy()[keep]),
                        len(codes) * n)
    return per_period_frame(tl.axis, tl.places, codes, flat, kinds)


def per_period_frame(axis: PeriodAxis, places: pd.DataFrame, codes: Sequence[int],
                     flat: np.ndarray, kinds: np.ndarray) -> pd.DataFrame:
    """The chart's table: one row per (place, period), ``flat`` the counts place-major
    and ``kinds`` (a row each) the counts per kind.

    Shared by the folder and store views, so both draw the same chart.
    """
    n = len(axis)
    frame = pd.DataFrame({
        "period": np.tile(np.arange(n), len(codes)),
        "label": np.tile(np.array(axis.labels, dtype=object), len(codes)),
        "start": np.tile(pd.to_datetime(axis.starts()).to_numpy(), len(codes)),
        "place_id": np.repeat(places["place_id"].to_numpy()[codes], n),
        "name": np.repeat(places["name"].to_numpy()[codes], n),
        "mentions": flat.astype(np.int64),
    })
    return frame.assign(**{c: kinds[:, i] for i, c in enumerate(KIND_COUNT_COLUMNS)})


def place_events(tl: Timeline, lo: int, hi: int, place_id: str | None = None) -> pd.DataFrame:
    """The mentions in periods [lo, hi] (of one place, if given) that report an event, in
    the Timeline's order (period, article, offset): ``events.EVENT_ROW_COLUMNS``."""
    code = None if place_id is None else tl.place_codes.get(place_id, -1)
    return event_rows(tl.mentions, tl.rows(lo, hi), code, tl.places)
