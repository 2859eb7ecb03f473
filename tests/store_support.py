"""Helpers for the store, ingest, export and Dask tests: small synthetic corpora, store content.

A store's files are named by transaction, so two stores with the same content
differ in file names and in how rows are split over files; ``store_content``
reads each table whole and sorts it, which is what "the same store" means.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pandas as pd

from mapapp.ingest import synth
from mapapp.store.reader import Store

KEYS = {"articles": ["article_id"], "mentions": ["article_id", "seq"], "places": ["place_id"]}


def store_content(path: Path) -> dict[str, pd.DataFrame]:
    """Every table of the store at ``path``, sorted by its key, geometry as WKB bytes."""
    store = Store.open(path)
    out = {}
    for name, keys in KEYS.items():
        df = store.table(name).to_pandas()
        out[name] = df.sort_values(keys, ignore_index=True)
    return out


def assert_same_store(a: Path, b: Path) -> None:
    ca, cb = store_content(a), store_content(b)
    for name in KEYS:
        pd.testing.assert_frame_equal(ca[name], cb[name], check_like=False, obj=name)


def write_corpus(folder: Path, gazetteer, n: int, seed: int = 7, per_file: int = 20) -> list[Path]:
    """``n`` synthetic articles dated 2023-01 to 2023-06, ``per_file`` to a .jsonl file."""
    return synth.write_jsonl(folder, gazetteer, n, seed, per_file, first="2023-01",
                             last="2023-06")


def age(paths: list[Path], seconds: float = 3600) -> None:
    """Date files ``seconds`` back, as a user's files usually are: an mtime of the last
    seconds is not trusted by a store's input records (``store_inputs.RACY_NS``)."""
    ns = time.time_ns() - int(seconds * 1e9)
    for path in paths:
        os.utime(path, ns=(ns, ns))


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def write_jsonl(path: Path, docs: list[dict]) -> None:
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs),
                    encoding="utf-8")


class Prepared:
    """A geoparser that returns ready ParsedArticles (Store.add only calls ``parse``)."""

    def __init__(self, parsed) -> None:
        self.by_id = {pa.article.id: pa for pa in parsed}

    def parse(self, article):
        return self.by_id[article.id]


def store_of(path: Path, parsed, batch_size: int = 2) -> Store:
    """A store at ``path`` holding these hand-made ParsedArticles as they are."""
    from mapapp.ingest.pipeline import add_articles

    store = Store.open(path, create=True)
    add_articles(store, [pa.article for pa in parsed], Prepared(parsed), batch_size=batch_size)
    return Store.open(path)
