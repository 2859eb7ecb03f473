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

A writer looks at the footer of every file the manifest lists when it opens:
a damaged file (truncated, missing, other columns) is noted in
:attr:`StoreWriter.damaged` and left out of the index, for
``store_repair.repair_damaged`` to repair before anything else is written.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds

from mapapp.store import files as sf
from mapapp.store import inputs as store_inputs
from mapapp.store.errors import DamagedFileError, StoreError, StoreWriteError, damage_of
from mapapp.store.inputs import InputRecord
from mapapp.store.tables import MONTH, SCHEMAS, BatchTables

_SORT = {
    "articles": [("first_day", "ascending"), ("article_id", "ascending")],
    "mentions": [("first_day", "ascending"), ("article_id", "ascending"), ("seq", "ascending")],
    "places": [("place_id", "ascending")],
}


def read_files(root: Path, files: Iterable[str], table: str,
               columns: list[str] | None = None, filter: pc.Expression | None = None
               ) -> pa.Table:
    """The rows of some files of one table (no ``month`` column), in file order."""
    files = list(files)
    paths = [str(root / f) for f in files]
    schema = SCHEMAS[table]
    if not paths:
        return schema.empty_table().select(columns) if columns else schema.empty_table()
    try:
        dataset = ds.dataset(paths, schema=schema, format="parquet")
        return dataset.to_table(columns=columns, filter=filter)
    except FileNotFoundError:
        raise  # a writer replaced the file: the reader reads the new manifest (Store._fresh)
    except (pa.ArrowException, OSError) as err:
        raise damaged(root, files, err) from None


def damaged(root: Path, files: Sequence[str], err: Exception) -> StoreError:
    """The error for a failed read of ``files``: which one is damaged, and why."""
    for full in (False, True):  # the footer first: cheap, and what a truncation breaks
        for rel in files:
            reason = damage_of(root, rel, full=full)
            if reason:
                return DamagedFileError(root, rel, reason)
    return StoreError(f"{root}: reading the store failed ({err}); {sf.repair_hint(root)}")


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
        self.damaged: dict[str, str] = {  # listed files that cannot be read → why
            rel: why for rel in manifest.files if (why := damage_of(root, rel))}
        self._load_index()

    def healthy(self, table: str, month: str | None = None) -> list[str]:
        """The live files of a table (a month of it) that are not damaged."""
        return [f for f in self.manifest.of(table, month) if f not in self.damaged]

    def read_healthy(self, rels: Sequence[str], table: str, columns: list[str] | None
                     ) -> pa.Table:
        """The rows of the healthy files among ``rels``; a read that fails marks its file."""
        while True:
            try:
                return read_files(self.root, [f for f in rels if f not in self.damaged], table,
                                  columns)
            except DamagedFileError as err:
                self.damaged[err.rel] = err.reason

    def _load_index(self) -> None:
        for rel in self.healthy("articles"):
            month = sf.month_of_path(rel) or ""
            t = self.read_healthy([rel], "articles", ["article_id", "hash"])
            ids = t.column("article_id").to_pylist()
            self.hashes.update(zip(ids, t.column("hash").to_pylist(), strict=True))
            self.months.update(dict.fromkeys(ids, month))
        places = self.read_healthy(self.manifest.of("places"), "places", ["place_id"])
        self.place_ids = set(places.column("place_id").to_pylist())
        self.inputs = store_inputs.read_records(self.root, self.healthy(sf.INPUTS))

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
        new_places = self._stage_places(txn, batch.places)
        self.manifest = txn.commit()
        self._index(batch, new_places)
        self.inputs.update((r.path, r) for r in inputs)
        return len(replaced)

    def replace_month(self, month: str, batch: BatchTables) -> None:
        """Make ``batch`` the whole of a month's articles and mentions, in one transaction;
        the month's damaged files are set aside (``_set_aside/``), the others removed."""
        txn = sf.Transaction(self.root)
        for table in ("articles", "mentions"):
            for rel in self.manifest.of(table, month):
                (txn.put_aside if rel in self.damaged else txn.remove)(rel)
            self._stage_months(txn, table, getattr(batch, table))
        new_places = self._stage_places(txn, batch.places)
        self.manifest = txn.commit()
        for aid in [i for i, m in self.months.items() if m == month]:
            del self.months[aid], self.hashes[aid]
        self._index(batch, new_places)
        for rel in [r for r in self.damaged if sf.month_of_path(r) == month]:
            del self.damaged[rel]

    def _stage_places(self, txn: sf.Transaction, places: pa.Table) -> pa.Table:
        """Stage the places the store does not hold yet; return them."""
        known = pa.array(list(self.place_ids), pa.string())
        new_places = first_per_place(places.filter(
            pc.invert(pc.is_in(places.column("place_id"), known))))
        if new_places.num_rows:
            txn.write(txn.part_name("places", None), new_places.sort_by(_SORT["places"]))
        return new_places

    def _index(self, batch: BatchTables, new_places: pa.Table) -> None:
        ids = batch.articles.column("article_id").to_pylist()
        hashes = batch.articles.column("hash").to_pylist()
        months = batch.articles.column(MONTH).to_pylist()
        self.hashes.update(zip(ids, hashes, strict=True))
        self.months.update(zip(ids, months, strict=True))
        self.place_ids.update(new_places.column("place_id").to_pylist())

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
    with ExitStack() as stack:
        try:
            if not (root / sf.MANIFEST).exists():
                if not create:
                    sf.read_manifest(root)  # raises the "not a store" error
                sf.create(root)
            stack.enter_context(sf.write_lock(root))
            manifest = sf.recover(root)
        except OSError as err:  # a read-only folder, a full disk
            raise StoreWriteError(root, err, done="no batch was written") from err
        yield StoreWriter(root, manifest)
