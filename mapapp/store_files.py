"""The store's files on disk: a manifest, and transactions that a kill cannot tear.

A batch of the store touches many files at once (one per month and table,
plus rewrites of files that held a replaced article). Parquet tools read
whatever files a folder holds, so a batch must appear all at once or not at
all. Each transaction therefore:

1. writes its files under ``_staging/<txn>/`` (a folder Parquet readers skip:
   pyarrow, Spark and DuckDB's hive globs ignore names starting with ``_``);
2. writes ``_staging/<txn>/_commit.json`` (what to add, what to remove)
   atomically: this is the commit point;
3. moves the files into place, writes ``_manifest.json`` atomically (the list
   of every live file), deletes the removed files and the staging folder.

A process killed before step 2 leaves a staging folder without a plan, which
the next writer deletes; killed after it, the next writer finishes the plan
(every step is idempotent). Readers of :class:`mapapp.store.Store` see only
the files the manifest lists, so they never see half a batch even while a
writer is at work; a plain Parquet tool sees a consistent folder except
between a crash and the next ``ingest``, which sweeps leftovers first.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pyarrow as pa
import pyarrow.parquet as pq

MANIFEST = "_manifest.json"
STAGING = "_staging"
LOCK = "_lock"
PLAN = "_commit.json"
TABLES = ("articles", "mentions", "places")
INPUTS = "_inputs"  # what the store knows of its input files (``store_inputs``)
FORMAT = 1
_txn_last = 0
_held_locks: set[int] = set()  # fds of the write locks this process holds
_at_fork = False  # _close_inherited_locks registered


class StoreError(RuntimeError):
    """A store folder that cannot be used as one; the message says which and what to do."""


@dataclass(frozen=True)
class Manifest:
    """The live files of a store, as paths relative to its folder (``mentions/month=…/…``)."""

    files: tuple[str, ...] = ()

    def of(self, table: str, month: str | None = None) -> list[str]:
        """The live files of ``table``, of one month partition if ``month`` is given."""
        prefix = f"{table}/" if month is None else f"{table}/month={month}/"
        return [f for f in self.files if f.startswith(prefix)]

    def months(self, table: str = "articles") -> list[str]:
        return sorted({m for f in self.of(table) if (m := month_of_path(f))})


def month_of_path(rel: str) -> str | None:
    """``2023-03`` for ``mentions/month=2023-03/part-x.parquet``; None when unpartitioned."""
    parts = PurePosixPath(rel).parts
    return parts[1][len("month="):] if len(parts) == 3 and parts[1].startswith("month=") else None


def read_manifest(root: Path) -> Manifest:
    path = root / MANIFEST
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        files = doc["files"]
        if doc.get("format") != FORMAT or not isinstance(files, list):
            raise ValueError(f"expected format {FORMAT} with a 'files' list")
    except FileNotFoundError:
        raise StoreError(f"{root}: not a store (no {MANIFEST}); create one with "
                         f"`python -m mapapp ingest SOURCE --store {root}`") from None
    except (ValueError, KeyError, TypeError) as err:
        raise StoreError(f"{path}: damaged manifest ({err}); re-ingest into a new store "
                         "folder (the Parquet files under it are still readable)") from None
    return Manifest(tuple(sorted(files)))


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def write_manifest(root: Path, manifest: Manifest) -> None:
    doc = {"format": FORMAT, "files": sorted(manifest.files)}
    _write_atomic(root / MANIFEST, json.dumps(doc, indent=0).encode())


def geo_metadata(table: pa.Table) -> dict[bytes, bytes]:
    """GeoParquet 1.0 metadata for a table with a WKB point ``geometry`` column (lon/lat)."""
    if "geometry" not in table.column_names:
        return {}
    meta = {"version": "1.0.0", "primary_column": "geometry",
            "columns": {"geometry": {"encoding": "WKB", "geometry_types": ["Point"]}}}
    return {b"geo": json.dumps(meta).encode()}


def write_parquet(table: pa.Table, path: Path) -> None:
    """Write ``table`` (GeoParquet when it has ``geometry``) and flush it to disk."""
    path.parent.mkdir(parents=True, exist_ok=True)
    table = table.replace_schema_metadata(geo_metadata(table) or None)
    with open(path, "wb") as f:
        pq.write_table(table, f, compression="snappy")
        f.flush()
        os.fsync(f.fileno())


def new_txn_id() -> str:
    """A name that sorts in creation order (recovery replays plans in that order)."""
    global _txn_last
    _txn_last = max(time.time_ns(), _txn_last + 1)
    return f"{_txn_last:020d}-{os.getpid()}"


class Transaction:
    """Files staged under ``_staging/<id>/`` that :meth:`commit` makes live all at once."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.id = new_txn_id()
        self.dir = root / STAGING / self.id
        self.added: list[str] = []
        self.removed: list[str] = []

    def part_name(self, table: str, month: str | None, suffix: str = "") -> str:
        folder = table if month is None else f"{table}/month={month}"
        return f"{folder}/part-{self.id}{suffix}.parquet"

    def write(self, rel: str, table: pa.Table) -> None:
        write_parquet(table, self.dir / rel)
        self.added.append(rel)

    def write_bytes(self, rel: str, data: bytes) -> None:
        """Stage a file that is not a table (an ``_inputs`` record file)."""
        path = self.dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_atomic(path, data)
        self.added.append(rel)

    def remove(self, rel: str) -> None:
        self.removed.append(rel)

    def commit(self) -> Manifest:
        """Write the plan (the commit point), then apply it; return the new manifest."""
        if not self.added and not self.removed:
            return read_manifest(self.root)
        self.dir.mkdir(parents=True, exist_ok=True)
        plan = {"add": self.added, "remove": self.removed}
        _write_atomic(self.dir / PLAN, json.dumps(plan).encode())
        return apply_plan(self.root, self.dir)


def apply_plan(root: Path, txn_dir: Path) -> Manifest:
    """Carry out a committed plan; safe to run again after a kill at any point."""
    plan = json.loads((txn_dir / PLAN).read_text(encoding="utf-8"))
    for rel in plan["add"]:
        src, dst = txn_dir / rel, root / rel
        if src.exists():
            dst.parent.mkdir(parents=True, exist_ok=True)
            os.replace(src, dst)
        elif not dst.exists():
            raise StoreError(f"{txn_dir / PLAN}: {rel} is neither staged nor in place; the "
                             "store lost a file (was the folder edited by hand?)")
    old = read_manifest(root)
    manifest = Manifest(tuple(sorted((set(old.files) - set(plan["remove"])) | set(plan["add"]))))
    write_manifest(root, manifest)
    for rel in plan["remove"]:
        (root / rel).unlink(missing_ok=True)
    shutil.rmtree(txn_dir)
    return manifest


def recover(root: Path) -> Manifest:
    """Finish committed plans, drop uncommitted ones, delete files the manifest does not list.

    Call only while holding the write lock.
    """
    staging = root / STAGING
    for txn_dir in sorted(staging.iterdir()) if staging.is_dir() else ():
        if (txn_dir / PLAN).is_file():
            apply_plan(root, txn_dir)
        else:
            shutil.rmtree(txn_dir)
    manifest = read_manifest(root)
    live = set(manifest.files)
    for folder in (*TABLES, INPUTS):
        _sweep(root, root / folder, live)
    return manifest


def _sweep(root: Path, folder: Path, live: set[str]) -> None:
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*"), reverse=True):  # files before their folders
        rel = path.relative_to(root).as_posix()
        if path.is_file() and rel not in live:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def create(root: Path) -> None:
    """Make ``root`` an empty store; it must not exist or be an empty folder."""
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise StoreError(f"{root}: exists and is not a store (no {MANIFEST}); give a new or "
                         "empty folder for --store")
    root.mkdir(parents=True, exist_ok=True)
    write_manifest(root, Manifest())


def _close_inherited_locks() -> None:
    """In a forked child: close the copies of the parent's lock files. A pool worker forked
    during an ingest can outlive its parent (killed); it must not keep the store locked."""
    for fd in _held_locks:
        with suppress(OSError):
            os.close(fd)
    _held_locks.clear()


@contextmanager
def write_lock(root: Path) -> Iterator[None]:
    """Hold the store's write lock: one writer at a time (readers never wait)."""
    global _at_fork
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks; one writer is the user's job there
        yield
        return
    if not _at_fork:
        os.register_at_fork(after_in_child=_close_inherited_locks)
        _at_fork = True
    with open(root / LOCK, "a+") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            f.seek(0)
            raise StoreError(f"{root}: another process (pid {f.read().strip() or '?'}) is "
                             "writing this store; wait for it to finish") from None
        f.truncate(0)
        f.write(str(os.getpid()))
        f.flush()
        _held_locks.add(f.fileno())
        try:
            yield
        finally:
            _held_locks.discard(f.fileno())
            fcntl.flock(f, fcntl.LOCK_UN)
