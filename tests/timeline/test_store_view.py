"""The store's View gives the folder mode's answers: counts, chart, panel pages, export.

The same parsed articles go into a Timeline (``views.TimelineView``, the
folder mode) and into a store (``store_view.StoreView``); every question the
app asks must get equal answers from both, in windows of every kind. The
articles are hand-made (tests/handmade.py), so no gazetteer is needed: a
stand-in geoparser hands the store the prepared ParsedArticles.
"""

from __future__ import annotations

import pandas as pd
import pytest
from handmade import BAKHMUT, captions_article, corpus, synthetic_corpus

from mapapp.corpus.reader import display_title
from mapapp.ingest.pipeline import add_articles
from mapapp.store.reader import Store
from mapapp.timeline.store_view import StoreView, store_version
from mapapp.timeline.views import TimelineView, mentions_shown
from mapapp.timeline.windows import build_timeline


class Prepared:
    """A geoparser that returns ready ParsedArticles (Store.add only calls ``parse``)."""

    def __init__(self, parsed) -> None:
        self.by_id = {pa.article.id: pa for pa in parsed}

    def parse(self, article):
        return self.by_id[article.id]


def _views(tmp_path, parsed):
    store = Store.open(tmp_path / "store", create=True)
    add_articles(store, [pa.article for pa in parsed], Prepared(parsed), batch_size=97)
    return TimelineView(build_timeline(parsed, display_title)), StoreView(store, display_title)


@pytest.fixture(scope="module", params=["days", "months"])
def views(request, tmp_path_factory):
    """Day-dated synthetic articles; or the same with the month-dated handmade ones (month axis)."""
    parsed = synthetic_corpus(240, 30, seed=3)
    if request.param == "months":
        parsed = parsed[:60] + corpus() + [captions_article()]
    return _views(tmp_path_factory.mktemp(request.param), parsed)


def _windows(n: int) -> list[tuple[int, int]]:
    picks = sorted({0, 1, n // 3, n // 2, n - 2, n - 1})
    return [(lo, hi) for lo in picks for hi in picks if 0 <= lo <= hi < n] + [(0, n - 1)]


def test_axis_and_places(views):
    tv, sv = views
    assert sv.axis == tv.axis and sv.n_articles == tv.n_articles
    pd.testing.assert_frame_equal(sv.places, tv.places)
    assert sv.place_codes == dict(tv.place_codes)
    assert sv.place("no-such-place") is None
    code = next(iter(sv.place_codes))
    pd.testing.assert_series_equal(sv.place(code), tv.place(code))


def test_counts_in_every_window(views):
    tv, sv = views
    for lo, hi in _windows(len(tv.axis)):
        pd.testing.assert_frame_equal(sv.counts(lo, hi), tv.counts(lo, hi), obj=f"{lo}..{hi}")


def test_chart_series(views):
    tv, sv = views
    ids = [*tv.counts(0, len(tv.axis) - 1)["place_id"][:5], "no-such-place"]
    pd.testing.assert_frame_equal(sv.per_period(ids), tv.per_period(ids))
    assert sv.per_period([]).empty


def test_tallies_in_every_window(views):
    """The panel's "N mentions in M articles, shown as K excerpts" and its reasons."""
    tv, sv = views
    top = [*tv.counts(0, len(tv.axis) - 1)["place_id"][:8], BAKHMUT.id, "no-such-place"]
    for lo, hi in _windows(len(tv.axis)):
        for pid in top:
            assert sv.tally(pid, lo, hi) == tv.tally(pid, lo, hi), (pid, lo, hi)
    if BAKHMUT.id in tv.place_codes:  # the month corpus holds captions and shared sentences
        assert tv.tally(BAKHMUT.id, 0, len(tv.axis) - 1).caption_mentions == 2


@pytest.mark.parametrize("limit", [1, 3, 50])
def test_excerpt_pages(views, limit):
    tv, sv = views
    top = list(tv.counts(0, len(tv.axis) - 1)["place_id"])
    for lo, hi in _windows(len(tv.axis)):
        for place in [top[0], top[len(top) // 2], top[-1], "no-such-place"]:
            want, got = tv.excerpts(place, lo, hi, limit), sv.excerpts(place, lo, hi, limit)
            assert got.page == want.page, (place, lo, hi)
            for ex in got.page.items:  # the panel's "read the whole article" needs these
                assert got.timeline.texts[ex.article_id] == want.timeline.texts[ex.article_id]


@pytest.mark.parametrize("limit", [1, 7, 500])
def test_article_pages(views, limit):
    tv, sv = views
    for lo, hi in _windows(len(tv.axis)):
        want, got = tv.articles(lo, hi, limit), sv.articles(lo, hi, limit)
        assert got.page == want.page, (lo, hi)


def test_export_frames(views):
    tv, sv = views
    n = len(tv.axis)
    keys = ["article_id", "start"]
    for lo, hi, place in [(0, n - 1, None), (n // 2, n // 2, None), (0, n - 1, BAKHMUT.id),
                          (1, n - 2, tv.counts(0, n - 1)["place_id"][0])]:
        want = tv.export_frame(lo, hi, place).sort_values(keys, ignore_index=True)
        got = sv.export_frame(lo, hi, place).sort_values(keys, ignore_index=True)
        pd.testing.assert_frame_equal(got, want)
        assert len(got) == mentions_shown(tv.counts(lo, hi), place)


def test_an_empty_store(tmp_path):
    store = Store.open(tmp_path / "empty", create=True)
    sv = StoreView(store, display_title)
    assert len(sv.axis) == 0 and sv.n_articles == 0 and sv.places.empty


def test_the_version_changes_with_the_store(tmp_path):
    parsed = corpus()
    store = Store.open(tmp_path / "s", create=True)
    add_articles(store, [pa.article for pa in parsed[:2]], Prepared(parsed))
    before = store_version(tmp_path / "s")
    assert store_version(tmp_path / "s") == before
    add_articles(store, [pa.article for pa in parsed[2:]], Prepared(parsed))
    assert store_version(tmp_path / "s") != before
