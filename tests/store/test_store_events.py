"""The store keeps what the articles report at each place: the event columns round-trip, a
store written before them reads with no events and says how to get them, exports carry them.
"""

from __future__ import annotations

import pyarrow.parquet as pq
from handmade import events_corpus
from store_support import store_of

from mapapp.store import files as sf
from mapapp.store.reader import Store
from mapapp.timeline.export import store_frame, timeline_frame
from mapapp.timeline.windows import build_timeline


def _age(store: Store) -> None:
    """Rewrite the mention files as a store of schema 1 wrote them: no event columns, no key."""
    for rel in store.manifest.of("mentions"):
        table = pq.read_table(store.root / rel)
        old = table.drop_columns([c for c in table.column_names if c.startswith("event_")])
        pq.write_table(old.replace_schema_metadata({b"geo": table.schema.metadata[b"geo"]}),
                       store.root / rel)


def test_round_trip_and_version(tmp_path):
    items = events_corpus()
    store = store_of(tmp_path / "s", items)
    back = {pa.article.id: pa for pa in store.parsed_between("2023-01", "2023-12")}
    assert all(back[pa.article.id].mentions == pa.mentions for pa in items)
    assert sum(m.event is not None for pa in back.values() for m in pa.mentions) == 7
    assert {sf.schema_version(store.root / f) for f in store.manifest.files
            if f.endswith(".parquet")} == {sf.SCHEMA_VERSION}
    assert store.events_note() is None


def test_an_old_store_reads_without_events_and_says_to_reingest(tmp_path):
    items = events_corpus()
    store = store_of(tmp_path / "s", items)
    _age(store)
    back = store.parsed_between("2023-01", "2023-12")
    assert [len(pa.mentions) for pa in back] == [len(pa.mentions) for pa in items]
    assert all(m.event is None for pa in back for m in pa.mentions)
    assert len(store.files_before_events()) == len(store.manifest.of("mentions")) > 0
    note = store.events_note()
    assert note is not None and "ingest" in note and str(store.root) in note
    frame = store_frame(store, "2023-01", "2023-12")
    assert frame["event_kind"].isna().all() and not frame["event_claim"].any()


def test_exports_carry_the_events(tmp_path):
    items = events_corpus()
    store = store_of(tmp_path / "s", items)
    tl = build_timeline(items)
    view = timeline_frame(tl, 0, len(tl.axis) - 1).sort_values(["article_id", "start"],
                                                               ignore_index=True)
    stored = store_frame(store, "2023-01", "2023-12").sort_values(["article_id", "start"],
                                                                  ignore_index=True)
    cols = ["article_id", "surface", "event_kind", "event_side", "event_claim", "event_when",
            "event_words"]
    assert view[cols].values.tolist() == stored[cols].values.tolist()
    soledar = stored[(stored["article_id"] == "e1") & (stored["surface"] == "Soledar")].iloc[0]
    assert (soledar["event_kind"], soledar["event_side"], soledar["event_claim"],
            soledar["event_words"]) == ("control", "RU", True, "veroverd")


def test_store_check_says_an_old_store_lacks_events(tmp_path):
    from mapapp.store.repair import check

    store = store_of(tmp_path / "s", events_corpus())
    assert not any("events" in n for n in check(store.root).notes)
    _age(store)
    report = check(store.root)
    assert not report.problems  # an old store is whole: a note, not a fault (exit 0)
    summary = report.summary(store.root)
    n = len(store.manifest.of("mentions"))
    assert f"{n} of {n} mention files were written before the store kept events" in summary
    assert "schema 1" in summary and "python -m mapapp ingest" in summary
