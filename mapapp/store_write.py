"""Writing batches into a store: skip what is stored, replace what changed, compact months.

One writer at a time holds the store's lock (``store_files.write_lock``) and
knows, from the articles table, the hash of every stored article: that index
is what makes a re-run skip, and it is derived from the data itself, so it
can never disagree with it after a crash. Each batch is one transaction
(``store_files.Transaction``), so a kill loses at most the batch in flight.

Batches are written as one file per month and table; :meth:`StoreWriter.compact`
merges each month's files into one at the end of a run, so the app opens a
handful of files per slider window instead of one per batch.

A batch also carries the records of the input files it completes
(``store_inputs``): they are committed with the articles they describe, never before.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds

from mapapp import store_files as sf
from mapapp import store_inputs
from mapapp.store_inputs import InputRecord
from mapapp.store_tables import MONTH, SCHEMAS, BatchTables

_SORT = {
    "articles": [("first_day", "ascending"), ("article_id", "ascending")],
    "mentions": [("first_day", "ascending"), ("article_id", "ascending"), ("seq", "ascending")],
    "places": [("place_id", "ascending")],
}


def read_files(root: Path, files: Iterable[str], table: str,
               columns: list[str] | None = None, filter: pc.Expression | None = None
               ) -> pa.Table:
    """The rows of some files of one table (no ``month`` column), in file order."""
    paths = [str(root / f) for f in files]
    schema = SCHEMAS[table]
    if not paths:
        return schema.empty_table().select(columns) if columns else schema.empty_table()
    dataset = ds.dataset(paths, schema=schema, format="parquet")
    return dataset.to_table(columns=columns, filter=filter)


def first_per_place(places: pa.Table) -> pa.Table:
    """One row per place id: a batch joins the results of several worker tasks, and a place
    named in two of them came back twice."""
    first: dict[str, int] = {}
    for i, pid in enumerate(places.column("place_id").to_pylist()):
        first.setdefault(pid, i)
    return places if len(first) == places.num_rows else places.take(list(first.values()))


def _inputs_name(txn: sf.Transaction) -> str:
    return f"{sf.INPUTS}/part-{txn.id}.json"


class StoreWriter:
    """The write side of one store; get one with :func:`open_writer`."""

    def __init__(self, root: Path, manifest: sf.Manifest) -> None:
        self.root = root
        self.manifest = manifest
        self.hashes: dict[str, str] = {}  # article id → content hash
        self.months: dict[str, str] = {}  # article id → month partition
        self.place_ids: set[str] = set()
        self.inputs: dict[str, InputRecord] = {}  # resolved path → the file as last stored
        self._load_index()

    def _load_index(self) -> None:
        for rel in self.manifest.of("articles"):
            month = sf.month_of_path(rel) or ""
            t = read_files(self.root, [rel], "articles", ["article_id", "hash"])
            ids = t.column("article_id").to_pylist()
            self.hashes.update(zip(ids, t.column("hash").to_pylist(), strict=True))
            self.months.update(dict.fromkeys(ids, month))
        places = read_files(self.root, self.manifest.of("places"), "places", ["place_id"])
        self.place_ids = set(places.column("place_id").to_pylist())
        self.inputs = store_inputs.read_records(self.root, self.manifest.of(sf.INPUTS))

    # ------------------------------------------------------------- batches

    def commit(self, batch: BatchTables, inputs: Sequence[InputRecord] = ()) -> int:
        """Store a batch, and the records of the input files it completes, as one
        transaction; return how many stored articles it replaced."""
        txn = sf.Transaction(self.root)
        if inputs:
            txn.write_bytes(_inputs_name(txn), store_inputs.to_json(inputs))
        ids = batch.articles.column("article_id").to_pylist()
        replaced = {i for i in ids if i in self.hashes}
        for table in ("articles", "mentions"):
            self._stage_months(txn, table, getattr(batch, table))
            self._stage_removal(txn, table, replaced)
        new_places = first_per_place(batch.places.filter(
            pc.invert(pc.is_in(batch.places.column("place_id"), pa.array(list(self.place_ids),
                                                                           pa.string())))))
        if new_places.num_rows:
            txn.write(txn.part_name("places", None), new_places.sort_by(_SORT["places"]))
        self.manifest = txn.commit()
        hashes = batch.articles.column("hash").to_pylist()
        months = batch.articles.column(MONTH).to_pylist()
        self.hashes.update(zip(ids, hashes, strict=True))
        self.months.update(zip(ids, months, strict=True))
        self.place_ids.update(new_places.column("place_id").to_pylist())
        self.inputs.update((r.path, r) for r in inputs)
        return len(replaced)

    def _stage_months(self, txn: sf.Transaction, table: str, rows: pa.Table) -> None:
        month_col = rows.column(MONTH)
        for month in sorted(pc.unique(month_col).to_pylist()):
            part = rows.filter(pc.equal(month_col, month)).drop_columns([MONTH])
            txn.write(txn.part_name(table, month), part.sort_by(_SORT[table]))

    def _stage_removal(self, txn: sf.Transaction, table: str, replaced: set[str]) -> None:
        """Rewrite the files holding old versions of ``replaced`` articles without them."""
        if not replaced:
            return
        gone = pa.array(sorted(replaced), pa.string())
        for k, rel in enumerate(self._files_of(table, replaced)):
            rows = read_files(self.root, [rel], table)
            keep = rows.filter(pc.invert(pc.is_in(rows.column("article_id"), gone)))
            if keep.num_rows == rows.num_rows:
                continue
            txn.remove(rel)
            if keep.num_rows:
                txn.write(txn.part_name(table, sf.month_of_path(rel), f"-r{k}"), keep)

    def _files_of(self, table: str, ids: set[str]) -> list[str]:
        months = sorted({self.months[i] for i in ids if i in self.months})
        return [rel for m in months for rel in self.manifest.of(table, m)]

    # ---------------------------------------------------------- compaction

    def compact(self) -> None:
        """Merge each month's files into one (one transaction per month and table)."""
        for table in ("articles", "mentions"):
            for month in self.manifest.months(table):
                files = self.manifest.of(table, month)
                if len(files) > 1:
                    self._merge(table, month, files)
        files = self.manifest.of("places")
        if len(files) > 1:
            self._merge("places", None, files)
        files = self.manifest.of(sf.INPUTS)
        if len(files) > 1:
            txn = sf.Transaction(self.root)
            txn.write_bytes(_inputs_name(txn), store_inputs.to_json(self.inputs.values()))
            for rel in files:
                txn.remove(rel)
            self.manifest = txn.commit()

    def _merge(self, table: str, month: str | None, files: list[str]) -> None:
        txn = sf.Transaction(self.root)
        merged = read_files(self.root, files, table).sort_by(_SORT[table])
        txn.write(txn.part_name(table, month), merged)
        for rel in files:
            txn.remove(rel)
        self.manifest = txn.commit()

    def drop_unused_places(self) -> int:
        """Remove places no stored mention points to (left behind by replaced articles)."""
        used = read_files(self.root, self.manifest.of("mentions"), "mentions", ["place_id"])
        used_ids = pc.unique(used.column("place_id"))
        unused = self.place_ids - set(used_ids.to_pylist())
        if not unused:
            return 0
        txn = sf.Transaction(self.root)
        files = self.manifest.of("places")
        places = read_files(self.root, files, "places")
        keep = places.filter(pc.is_in(places.column("place_id"), used_ids))
        if keep.num_rows:
            txn.write(txn.part_name("places", None), keep.sort_by(_SORT["places"]))
        for rel in files:
            txn.remove(rel)
        self.manifest = txn.commit()
        self.place_ids -= unused
        return len(unused)


@contextmanager
def open_writer(root: Path, *, create: bool = True) -> Iterator[StoreWriter]:
    """Lock the store (creating it if asked), finish or drop an interrupted batch, and
    yield its writer."""
    root = Path(root)
    if not (root / sf.MANIFEST).exists():
        if not create:
            sf.read_manifest(root)  # raises the "not a store" error
        sf.create(root)
    with sf.write_lock(root):
        yield StoreWriter(root, sf.recover(root))
