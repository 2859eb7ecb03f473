"""The app's questions answered from a store: a summary in memory, a page of articles from disk.

A slider move must cost well under a second on a store of 100,000 articles
(four million mentions), yet the window "everything up to this month" covers
nearly all of it, so no slider move may build a Timeline of its window. The
map and the chart need only numbers, and the side panel shows one page of
articles. So the store is read once when the app opens it (and again when an
upload changes it) into a :class:`Summary`:

* the articles in the Timeline's order (date, then day before month-only, then
  id) with their period on the store's axis, and where each period starts;
* per period and place the mentions, articles and excerpts (distinct
  sentences) there, and the mentions in captions and the articles with some:
  sums over periods give any window's counts, because an article lies in
  exactly one period;
* per place the ranks of the articles naming it, sorted, with their excerpts:
  the newest page of a place's articles in any window is a binary search.

A slider move answers the map from the summary with numpy; the panel reads
only the articles it shows (``store_timeline.timeline_of``, cached) and asks
``timeline`` for their excerpts, so every answer equals the folder mode's
(tests/test_store_view.py compares the two on the same articles). Memory: some
16 bytes an (article, place) pair, about 50 MB at 100,000 articles.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from mapapp.model import Article, PartialDate
from mapapp.periods import PeriodAxis, period_axis
from mapapp.store import files as store_files
from mapapp.store.reader import Store, as_day
from mapapp.timeline import export, windows
from mapapp.timeline.events import KIND_COUNT_COLUMNS, event_rows, kind_codes
from mapapp.timeline.from_store import timeline_of
from mapapp.timeline.place_notes import MentionTally
from mapapp.timeline.views import Panel
from mapapp.timeline.windows import Page, Timeline

PLACE_COLUMNS = ["place_id", "name", "kind", "lat", "lon", "country"]
_MENTION_COLUMNS = ["article_id", "place_id", "sentence_start", "sentence_end", "start", "end",
                    "event_kind", "event_side", "event_claim", "event_when"]
_KINDS = list(KIND_COUNT_COLUMNS)
_EVENTS = ["article_id", "place_code", "date", "period", "start", "end", "event_kind",
           "event_side", "event_claim", "event_when"]  # what ``events.event_rows`` reads
_TIMELINES = 64  # panel pages kept per store version


def store_version(path: str | Path) -> str:
    """A digest of the store's live table files: it changes with every ingest or upload
    that changes an article (not with records of input files that only were touched)."""
    files = [f for f in store_files.read_manifest(Path(path), links=False).files
             if not f.startswith(store_files.INPUTS + "/")]
    return hashlib.sha1("\n".join(files).encode()).hexdigest()


@dataclass(frozen=True, eq=False)
class Summary:
    """What the map and the chart need of a whole store (see the module docstring)."""

    axis: PeriodAxis
    articles: pd.DataFrame  # article_id, date, period; row = rank
    article_offsets: np.ndarray  # ranks of period p: [offsets[p], offsets[p + 1])
    places: pd.DataFrame  # PLACE_COLUMNS, by name then id; row = place code
    counts: pd.DataFrame  # period, code, mentions, articles, excerpts, captions,
    #                       caption_articles, n_control … n_held; by period, code
    count_offsets: np.ndarray  # rows of ``counts`` of period p
    events: pd.DataFrame  # the mentions with an event (_EVENTS), in the Timeline's order
    event_offsets: np.ndarray  # rows of ``events`` of period p
    pair_ranks: np.ndarray  # per place (by code), the ranks of its articles, ascending
    pair_excerpts: np.ndarray  # excerpts of that place in that article
    pair_offsets: np.ndarray  # pairs of place code c: [offsets[c], offsets[c + 1])


def _article_table(store: Store) -> tuple[pd.DataFrame, PeriodAxis]:
    months = store.months()
    if not months:
        return pd.DataFrame({"article_id": [], "date": [], "period": []}), period_axis([])
    df = store.articles_between(months[0], months[-1], columns=["article_id", "date"])
    precise = df["date"].str.len() == 10
    df = df.assign(day=df["date"].where(precise, df["date"] + "-01"), precise=precise)
    df = df.sort_values(["day", "precise", "article_id"], kind="stable", ignore_index=True)
    dates = {d: PartialDate.parse(d) for d in df["date"].unique()}
    axis = period_axis(dates.values())
    period = {d: axis.index(p) for d, p in dates.items()}
    return df.assign(period=df["date"].map(period).astype(np.int64))[
        ["article_id", "date", "period"]], axis


def _pairs(mentions: pd.DataFrame, ranks: pd.Index, codes: pd.Index) -> pd.DataFrame:
    """One row per (article rank, place code) of some mentions: mentions, excerpts, captions,
    and the mentions of each kind of event."""
    kinds = kind_codes(mentions["event_kind"])
    m = pd.DataFrame({"rank": ranks.get_indexer(mentions["article_id"]),
                      "code": codes.get_indexer(mentions["place_id"]),
                      "s0": mentions["sentence_start"], "s1": mentions["sentence_end"]}
                     | {c: (kinds == i).astype(np.int64) for i, c in enumerate(_KINDS)})
    m = m[(m["rank"] >= 0) & (m["code"] >= 0)]
    by = [m["rank"], m["code"]]
    sizes = m.groupby(by).size().rename("mentions")
    sentences = (m.drop_duplicates(["rank", "code", "s0", "s1"]).groupby(["rank", "code"])
                 .size().rename("excerpts"))
    captions = (m["s0"] < 0).groupby(by).sum().rename("captions")
    return pd.concat([sizes, sentences, captions, m[_KINDS].groupby(by).sum()],
                     axis=1).reset_index()


def _event_mentions(mentions: pd.DataFrame, ranks: pd.Index, codes: pd.Index) -> pd.DataFrame:
    """The mentions that carry an event, with their article rank and place code."""
    ev = mentions[mentions["event_kind"].notna()]
    return pd.DataFrame({"rank": ranks.get_indexer(ev["article_id"]),
                         "code": codes.get_indexer(ev["place_id"]), "start": ev["start"],
                         "end": ev["end"], "event_kind": ev["event_kind"],
                         "event_side": ev["event_side"],
                         "event_claim": ev["event_claim"].fillna(False).astype(bool),
                         "event_when": ev["event_when"]})


def _offsets(sorted_keys: np.ndarray, length: int) -> np.ndarray:
    return np.searchsorted(sorted_keys, np.arange(length + 1), side="left")


def _period_counts(pairs: pd.DataFrame, periods: np.ndarray) -> pd.DataFrame:
    df = pairs.assign(period=periods[pairs["rank"].to_numpy()],
                      captioned=pairs["captions"] > 0)
    out = df.groupby(["period", "code"]).agg(mentions=("mentions", "sum"),
                                             articles=("rank", "size"),
                                             excerpts=("excerpts", "sum"),
                                             captions=("captions", "sum"),
                                             caption_articles=("captioned", "sum"),
                                             **{c: (c, "sum") for c in _KINDS})
    return out.reset_index().astype(np.int64)


def _events_table(parts: list[pd.DataFrame], articles: pd.DataFrame, recode: np.ndarray
                  ) -> pd.DataFrame:
    """The summary's events (``_EVENTS``) in the Timeline's order: period, article, offset."""
    ev = pd.concat(parts, ignore_index=True) if parts else _event_mentions(
        pd.DataFrame(columns=_MENTION_COLUMNS), pd.Index([]), pd.Index([]))
    ev = ev[(ev["rank"] >= 0) & (ev["code"] >= 0)]
    rank = ev["rank"].to_numpy(np.int64)
    ev = ev.assign(article_id=articles["article_id"].to_numpy()[rank],
                   date=articles["date"].to_numpy()[rank],
                   period=articles["period"].to_numpy()[rank],
                   place_code=recode[ev["code"].to_numpy(np.int64)])
    ev = ev.sort_values(["period", "rank", "start"], kind="stable", ignore_index=True)
    return ev[_EVENTS]


def summarise(store: Store) -> Summary:
    """Read the store once, a month at a time, into its Summary."""
    articles, axis = _article_table(store)
    places = store.places(columns=PLACE_COLUMNS)
    ranks, codes = pd.Index(articles["article_id"]), pd.Index(places["place_id"])
    pairs, events = [], []
    for month in store.months():
        mentions = store.mentions_between(month, month, columns=_MENTION_COLUMNS)
        pairs.append(_pairs(mentions, ranks, codes))
        events.append(_event_mentions(mentions, ranks, codes))
    pair = (pd.concat(pairs, ignore_index=True) if pairs else
            pd.DataFrame(columns=["rank", "code", "mentions", "excerpts", "captions", *_KINDS],
                         dtype=np.int64))
    used = np.unique(pair["code"].to_numpy())  # a place no mention names is no place here
    places = places.iloc[used].sort_values(["name", "place_id"], kind="stable")
    recode = np.full(len(codes), -1)
    recode[places.index.to_numpy()] = np.arange(len(places))
    pair = pair.assign(code=recode[pair["code"].to_numpy()])
    counts = _period_counts(pair, articles["period"].to_numpy())
    event = _events_table(events, articles, recode)
    pair = pair.sort_values(["code", "rank"], kind="stable")
    return Summary(
        axis=axis, articles=articles,
        article_offsets=_offsets(articles["period"].to_numpy(), len(axis)),
        places=places.reset_index(drop=True), counts=counts,
        count_offsets=_offsets(counts["period"].to_numpy(), len(axis)),
        events=event, event_offsets=_offsets(event["period"].to_numpy(), len(axis)),
        pair_ranks=pair["rank"].to_numpy(np.int32), pair_excerpts=pair["excerpts"].to_numpy(),
        pair_offsets=_offsets(pair["code"].to_numpy(), len(places)))


def _per_kind(counts: pd.DataFrame, keys: np.ndarray, n: int) -> np.ndarray:
    """An (n, 4) matrix: the summary ``counts`` rows' n_control … n_held summed by ``keys``."""
    return np.stack([np.bincount(keys, counts[c].to_numpy(), n) for c in _KINDS],
                    axis=1).astype(np.int64).reshape(n, len(_KINDS))


class StoreView:
    """A View (``views.View``) on a store: the folder mode's answers, from disk."""

    def __init__(self, store: Store, title_of: Callable[[Article], str]) -> None:
        self.store = store
        self.summary = s = summarise(store)
        self.axis, self.places = s.axis, s.places
        self.place_codes = {pid: i for i, pid in enumerate(s.places["place_id"])}
        self._title_of = title_of
        self._page = functools.lru_cache(maxsize=_TIMELINES)(self._read_page)

    @property
    def n_articles(self) -> int:
        return len(self.summary.articles)

    def place(self, place_id: str) -> pd.Series | None:
        code = self.place_codes.get(place_id)
        return None if code is None else self.places.iloc[code]

    def counts(self, lo: int, hi: int) -> pd.DataFrame:
        """``timeline.place_counts`` of the window, from the summary."""
        s = self.summary
        rows = slice(int(s.count_offsets[lo]), int(s.count_offsets[hi + 1]))
        codes, n = s.counts["code"].to_numpy()[rows], len(self.places)
        mentions = np.bincount(codes, s.counts["mentions"].to_numpy()[rows], n).astype(np.int64)
        articles = np.bincount(codes, s.counts["articles"].to_numpy()[rows], n).astype(np.int64)
        return windows.counts_frame(self.places, mentions, articles,
                                    _per_kind(s.counts.iloc[rows], codes, n))

    def per_period(self, place_ids: Sequence[str]) -> pd.DataFrame:
        """``timeline.mentions_per_period`` over the store's axis, from the summary."""
        codes = [self.place_codes[p] for p in dict.fromkeys(place_ids) if p in self.place_codes]
        n, s = len(self.axis), self.summary
        slot = np.full(len(self.places), -1)
        slot[codes] = np.arange(len(codes))
        at = slot[s.counts["code"].to_numpy()]
        keep = at >= 0
        key = at[keep] * n + s.counts["period"].to_numpy()[keep]
        flat = np.bincount(key, s.counts["mentions"].to_numpy()[keep], len(codes) * n)
        kinds = _per_kind(s.counts[keep], key, len(codes) * n)
        return windows.per_period_frame(self.axis, self.places, codes, flat, kinds)

    def events(self, lo: int, hi: int, place_id: str | None = None) -> pd.DataFrame:
        """``timeline.place_events`` of the window, from the summary."""
        s = self.summary
        rows = slice(int(s.event_offsets[lo]), int(s.event_offsets[hi + 1]))
        code = None if place_id is None else self.place_codes.get(place_id, -1)
        return event_rows(s.events, rows, code, self.places)

    def _ranks(self, lo: int, hi: int) -> tuple[int, int]:
        offsets = self.summary.article_offsets
        return int(offsets[lo]), int(offsets[hi + 1])

    def _read_page(self, ids: tuple[str, ...]) -> Timeline:
        return timeline_of(self.store, ids, self._title_of)

    def _timeline(self, ranks: np.ndarray) -> Timeline:
        return self._page(tuple(self.summary.articles["article_id"].to_numpy()[ranks]))

    def excerpts(self, place_id: str, lo: int, hi: int, limit: int) -> Panel:
        """The newest ``limit`` excerpts naming the place: its newest ``limit`` articles hold
        them (each gives one at least), so only those are read."""
        code = self.place_codes.get(place_id)
        if code is None:
            return Panel(Page((), 0), self._timeline(np.arange(0)))
        s, (a0, a1) = self.summary, self._ranks(lo, hi)
        seg = slice(int(s.pair_offsets[code]), int(s.pair_offsets[code + 1]))
        ranks = s.pair_ranks[seg]
        i0, i1 = np.searchsorted(ranks, a0), np.searchsorted(ranks, a1)
        tl = self._timeline(ranks[max(i0, i1 - limit):i1])
        page = windows.excerpts(tl, place_id, 0, len(tl.axis) - 1, limit) if len(tl.axis) \
            else Page((), 0)
        return Panel(Page(page.items, int(s.pair_excerpts[seg][i0:i1].sum())), tl)

    def tally(self, place_id: str, lo: int, hi: int) -> MentionTally:
        """``place_notes.timeline_tally`` of the window, from the summary."""
        code = self.place_codes.get(place_id)
        if code is None:
            return MentionTally(0, 0, 0)
        s = self.summary
        rows = s.counts.iloc[int(s.count_offsets[lo]):int(s.count_offsets[hi + 1])]
        mine = rows[rows["code"].to_numpy() == code]
        total = {k: int(mine[k].sum()) for k in
                 ("mentions", "articles", "excerpts", "captions", "caption_articles")}
        return MentionTally(total["mentions"], total["articles"], total["excerpts"],
                            total["captions"], total["caption_articles"])

    def articles(self, lo: int, hi: int, limit: int) -> Panel:
        """The window's newest ``limit`` articles with their places (only those are read)."""
        a0, a1 = self._ranks(lo, hi)
        tl = self._timeline(np.arange(max(a0, a1 - limit), a1))
        page = windows.articles_in_window(tl, 0, len(tl.axis) - 1, limit) if len(tl.axis) \
            else Page((), 0)
        return Panel(Page(page.items, a1 - a0), tl)

    def export_frame(self, lo: int, hi: int, place_id: str | None) -> pd.DataFrame:
        """``export.store_frame`` of the window's days."""
        labels = self.axis.labels
        return export.store_frame(self.store, as_day(labels[lo]), as_day(labels[hi], last=True),
                                  place_id)
