"""mapapp.store.report: what an ingest did, added up and told to a person."""

from __future__ import annotations

from mapapp.corpus.reader import ArticleFormatError
from mapapp.store.report import IngestReport


def test_reports_add_up_field_by_field():
    a = IngestReport(added=2, mentions=5, errors=(ArticleFormatError("a.txt", 1, "bad"),))
    b = IngestReport(added=1, replaced=1, skipped=3, vanished=1, repairs=("x: rebuilt",),
                     errors=(ArticleFormatError("b.csv", None, "worse"),))
    total = a + b
    assert total == IngestReport(3, 1, 3, 5, (*a.errors, *b.errors), 1, ("x: rebuilt",))


def test_the_summary_names_counts_repairs_and_rejected_files():
    errors = tuple(ArticleFormatError("a.jsonl", n, "not valid JSON") for n in range(1, 4))
    report = IngestReport(added=1200, mentions=3, vanished=2, repairs=("m.parquet: set aside",),
                          errors=(*errors, ArticleFormatError("b.txt", None, "no header")))
    assert report.summary(max_errors=2).splitlines() == [
        "1,200 added, 0 replaced, 0 already stored, 3 mentions written; 2 stored article(s) "
        "no longer in the file they were read from, kept in the store",
        "repaired: m.parquet: set aside",
        "4 rejected (in 2 file(s)):",
        "  a.jsonl line 1: not valid JSON",
        "  a.jsonl line 2: not valid JSON",
        "  … and 2 more"]
    assert IngestReport().rejected() == []
