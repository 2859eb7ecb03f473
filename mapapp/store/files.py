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
(every step is idempotent). Readers of :class:`mapapp.store.reader.Store` see only
the files the manifest lists, so they never see half a batch even while a
writer is at work; a plain Parquet tool sees a consistent folder except
between a crash and the next ``ingest``, which finishes the plan first.

The store's own files are not trusted blindly: a plan or a manifest is data
someone may have edited. Every path read from them must name a file of the
store's layout (:func:`check_path`) and resolve inside the store, or nothing
is done. A file on disk that the manifest does not list is never deleted by a
writer: it stops and says to run ``python -m mapapp store check|repair``
(``mapapp.store.repair``), which lists such files again or sets them aside in
``_set_aside/``. A write that fails (a full or read-only disk) raises
:class:`StoreWriteError` and leaves no staged file behind.
"""

from __future__ import annotations

import errno
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

from mapapp.plumbing.files import atomic_write
from mapapp.store.errors import (
    DamagedFileError,
    StoreError,
    StoreWriteError,
    UnlistedFilesError,
    UnsafePathError,
    check_paths,
    inside,
    repair_hint,
)

__all__ = ["DamagedFileError", "StoreError", "StoreWriteError", "UnlistedFilesError",
           "UnsafePathError"]  # the store's errors, where callers have always found StoreError
MANIFEST = "_manifest.json"
STAGING = "_staging"
LOCK = "_lock"
PLAN = "_commit.json"
TABLES = ("articles", "mentions", "places")
INPUTS = "_inputs"  # what the store knows of its input files (``store_inputs``)
SET_ASIDE = "_set_aside"  # files a repair took out of the store, kept for a person to look at
FORMAT = 1
_txn_last = 0
_held_locks: set[int] = set()  # fds of the write locks this process holds
_at_fork = False  # _close_inherited_locks registered


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


def read_manifest(root: Path, *, links: bool = True) -> Manifest:
    """The manifest, each path checked (``store_errors.check_paths``; ``links=False`` to
    skip asking the file system about links, for a caller that opens no file)."""
    path = root / MANIFEST
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        files = doc["files"]
        if doc.get("format") != FORMAT or not isinstance(files, list):
            raise ValueError(f"expected format {FORMAT} with a 'files' list")
    except FileNotFoundError:
        raise StoreError(f"{root}: not a store (no {MANIFEST}); create one with "
                         f"`python -m mapapp ingest SOURCE --store {root}`") from None
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as err:
        raise StoreError(f"{path}: damaged manifest ({err}); the files under it are intact: "
                         f"`python -m mapapp store repair {root}` rebuilds it from them") from None
    todo = f"the store is not used. `python -m mapapp store repair {root}` rebuilds the manifest"
    return Manifest(tuple(sorted(set(check_paths(root, files, str(path), todo, links=links)))))


def _write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` whole or not at all, on disk before the name points at it."""
    with atomic_write(path, fsync=True) as f:
        f.write(data)


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


# The version of the tables' columns (``store.tables``), kept in every Parquet file's
# metadata: 1 (no key) before the mentions carried events, 2 with the event columns.
SCHEMA_KEY, SCHEMA_VERSION = b"mapapp_schema", 2


def schema_version(path: Path) -> int:
    """The tables version a Parquet file was written with (its footer only is read)."""
    meta = pq.read_schema(path).metadata or {}
    return int(meta.get(SCHEMA_KEY, b"1"))


def write_parquet(table: pa.Table, path: Path) -> None:
    """Write ``table`` (GeoParquet when it has ``geometry``) and flush it to disk."""
    path.parent.mkdir(parents=True, exist_ok=True)
    meta = geo_metadata(table) | {SCHEMA_KEY: str(SCHEMA_VERSION).encode()}
    table = table.replace_schema_metadata(meta)
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
    """Files staged under ``_staging/<id>/`` that :meth:`commit` makes live all at once.

    A write that fails before the commit point deletes what was staged and raises
    :class:`StoreWriteError`: a full disk leaves nothing half-written behind.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.id = new_txn_id()
        self.dir = root / STAGING / self.id
        self.added: list[str] = []
        self.removed: list[str] = []
        self.set_aside: list[str] = []  # removed from the store but kept in _set_aside/

    def part_name(self, table: str, month: str | None, suffix: str = "") -> str:
        folder = table if month is None else f"{table}/month={month}"
        return f"{folder}/part-{self.id}{suffix}.parquet"

    @contextmanager
    def _staging(self) -> Iterator[None]:
        try:
            yield
        except OSError as err:
            self.abandon()
            raise StoreWriteError(self.root, err) from err

    def abandon(self) -> None:
        """Delete what was staged (before the commit point: nothing else changed)."""
        shutil.rmtree(self.dir, ignore_errors=True)

    def write(self, rel: str, table: pa.Table) -> None:
        with self._staging():
            write_parquet(table, self.dir / rel)
        self.added.append(rel)

    def write_bytes(self, rel: str, data: bytes) -> None:
        """Stage a file that is not a table (an ``_inputs`` record file)."""
        path = self.dir / rel
        with self._staging():
            path.parent.mkdir(parents=True, exist_ok=True)
            _write_atomic(path, data)
        self.added.append(rel)

    def remove(self, rel: str) -> None:
        self.removed.append(rel)

    def put_aside(self, rel: str) -> None:
        """Take a file out of the store into ``_set_aside/`` (a damaged one: not deleted)."""
        self.set_aside.append(rel)

    def commit(self) -> Manifest:
        """Write the plan (the commit point), then apply it; return the new manifest."""
        if not self.added and not self.removed and not self.set_aside:
            return read_manifest(self.root)
        plan = {"add": self.added, "remove": self.removed, "set_aside": self.set_aside}
        with self._staging():
            self.dir.mkdir(parents=True, exist_ok=True)
            _write_atomic(self.dir / PLAN, json.dumps(plan).encode())
        try:
            return apply_plan(self.root, self.dir)
        except OSError as err:  # committed: the next writer finishes the plan
            raise StoreWriteError(self.root, err, done="the batch being written is committed "
                                  "and the next run finishes it") from err


def read_plan(root: Path, txn_dir: Path) -> dict[str, list[str]]:
    """A staged plan, every path checked: inside the store, staged inside its folder."""
    path = txn_dir / PLAN
    todo = (f"the plan was refused and nothing was changed. A store never writes such a "
            f"plan: delete {txn_dir}, or run `python -m mapapp store repair {root}` to set it "
            "aside")
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        plan = {key: list(doc.get(key, [])) for key in ("add", "remove", "set_aside")}
    except (ValueError, TypeError, AttributeError, UnicodeDecodeError) as err:
        raise UnsafePathError(f"{path}: not a plan a store writes ({err}); {todo}") from None
    if txn_dir.is_symlink() or not inside(root / STAGING, txn_dir):
        raise UnsafePathError(f"{txn_dir}: a link out of the store's staging folder; {todo}")
    for rel in check_paths(root, [r for paths in plan.values() for r in paths], str(path), todo):
        if not inside(txn_dir, txn_dir / rel):
            raise UnsafePathError(f"{path}: {rel!r} is staged outside the store; {todo}")
    return plan


def apply_plan(root: Path, txn_dir: Path) -> Manifest:
    """Carry out a committed plan; safe to run again after a kill at any point. Every path
    is checked before anything is done (``read_plan``)."""
    plan = read_plan(root, txn_dir)
    for rel in plan["add"]:
        src, dst = txn_dir / rel, root / rel
        if src.exists():
            dst.parent.mkdir(parents=True, exist_ok=True)
            os.replace(src, dst)
        elif not dst.exists():
            raise StoreError(f"{txn_dir / PLAN}: {rel} is neither staged nor in place; the "
                             f"store lost a file (was the folder edited by hand?). "
                             f"{repair_hint(root)}")
    old = read_manifest(root)
    gone = set(plan["remove"]) | set(plan["set_aside"])
    manifest = Manifest(tuple(sorted((set(old.files) - gone) | set(plan["add"]))))
    write_manifest(root, manifest)
    for rel in plan["remove"]:
        (root / rel).unlink(missing_ok=True)
    for rel in plan["set_aside"]:
        move_aside(root, rel)
    shutil.rmtree(txn_dir)
    return manifest


def move_aside(root: Path, rel: str) -> str:
    """Move ``root/rel`` to ``root/_set_aside/rel`` (if it is still there); return the latter."""
    dst = f"{SET_ASIDE}/{rel}"
    if (root / SET_ASIDE).is_symlink() or not inside(root / SET_ASIDE, root / dst):
        raise UnsafePathError(f"{root / SET_ASIDE}: leads out of the store; remove it (it is "
                              "no store's) and run again")
    if os.path.lexists(root / rel):
        (root / dst).parent.mkdir(parents=True, exist_ok=True)
        os.replace(root / rel, root / dst)
    return dst


def store_entries(root: Path) -> list[str]:
    """Every file (or link) under the store's table and ``_inputs`` folders, relative to
    ``root``; links to folders are not followed."""
    found = []
    for folder in (*TABLES, INPUTS):
        for dirpath, dirnames, filenames in os.walk(root / folder):
            base = Path(dirpath)
            links = [d for d in dirnames if (base / d).is_symlink()]
            found += [(base / n).relative_to(root).as_posix() for n in [*filenames, *links]]
    return sorted(found)


def unlisted(root: Path, manifest: Manifest) -> list[str]:
    live = set(manifest.files)
    return [rel for rel in store_entries(root) if rel not in live]


def recover(root: Path) -> Manifest:
    """Finish committed plans and drop uncommitted ones; refuse a store holding files its
    manifest does not list (they are a repair's to handle, never deleted here).

    Call only while holding the write lock.
    """
    staging = root / STAGING
    if os.path.lexists(staging) and (staging.is_symlink() or not staging.is_dir()):
        raise UnsafePathError(f"{staging}: not the store's own staging folder; "
                              f"{repair_hint(root)}")
    for txn_dir in sorted(staging.iterdir()) if staging.is_dir() else ():
        if txn_dir.is_symlink() or not txn_dir.is_dir() or (txn_dir / PLAN).exists():
            apply_plan(root, txn_dir)
        else:
            shutil.rmtree(txn_dir)
    manifest = read_manifest(root)
    extra = unlisted(root, manifest)
    if extra:
        shown = ", ".join(extra[:3]) + (f" and {len(extra) - 3:,} more" if len(extra) > 3 else "")
        raise UnlistedFilesError(
            f"{root}: {len(extra):,} file(s) in the store are not listed in its manifest "
            f"({shown}): the manifest may be damaged, or files were copied in. No file of "
            f"the store was changed or deleted. {repair_hint(root)}: files of the store are "
            f"listed again, others set aside in {root / SET_ASIDE}.")
    _remove_empty_folders(root)
    return manifest


def _remove_empty_folders(root: Path) -> None:
    for folder in (*TABLES, INPUTS):
        for dirpath, _dirs, _files in sorted(os.walk(root / folder), reverse=True):
            with suppress(OSError):
                if Path(dirpath) != root / folder and not os.listdir(dirpath):
                    os.rmdir(dirpath)


def create(root: Path) -> None:
    """Make ``root`` an empty store; it must not exist or be an empty folder."""
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise StoreError(f"{root}: exists and is not a store (no {MANIFEST}); give a new or "
                         "empty folder for --store")
    try:
        root.mkdir(parents=True, exist_ok=True)
        write_manifest(root, Manifest())
    except OSError as err:
        raise StoreWriteError(root, err, done="no store was created") from err


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
    try:  # not through a link: the lock file is truncated below
        fd = os.open(root / LOCK, os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_NOFOLLOW, 0o644)
    except OSError as err:
        if err.errno != errno.ELOOP:
            raise
        raise UnsafePathError(f"{root / LOCK}: a link, not the store's lock file; remove it "
                              "and run again") from None
    with os.fdopen(fd, "a+") as f:
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
