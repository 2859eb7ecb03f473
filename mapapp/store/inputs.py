"""What a store remembers of the files it was ingested from, so a re-run need not read them.

Re-ingesting a folder of 20,000 unchanged files used to read and parse every
file only to find each article stored already (17 % of the first run). The
store therefore keeps, per input file, what the file was when its articles
were committed (:class:`InputRecord`): its resolved path, size and mtime, a
hash of its bytes, the ids of the articles it gave and a digest of their
stored hashes. A re-run (``mapapp.ingest.pipeline``) then

- skips a file whose size and mtime are the recorded ones without opening it,
  as long as the store still holds its articles with the recorded hashes (an
  upload or another file may have replaced one since);
- hashes a file whose size or mtime changed: the same bytes only update the
  record, nothing is parsed;
- parses the rest as before (article hashes still skip unchanged articles).

An mtime within :data:`RACY_NS` of the moment the file was looked at is not
trusted (recorded as None, "stat unknown"): a file can change again within
the file system's clock tick, keeping size and mtime (git's "racily clean"
entries); the next run hashes it again. A file of a store written before
these records existed has none: it is read once more (its articles skipped
by their hashes, as then), then recorded.

The records live in ``_inputs/part-<txn>.json`` files that the manifest
lists, staged and committed with the batch whose articles they describe
(``store_files.Transaction``), so a kill never leaves a record of a file
whose articles were not stored. Later files override earlier ones by path;
:meth:`mapapp.store.write.StoreWriter.compact` merges them into one. The
``_`` keeps Parquet tools out, and the manifest itself stays small.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

RACY_NS = 2_000_000_000  # an mtime this close to the stat may hide a change (FAT ticks are 2 s)


@dataclass(frozen=True)
class InputRecord:
    """One input file as it was when the articles it gave were stored."""

    path: str  # resolved, absolute
    size: int
    mtime_ns: int | None  # None: not trusted (racy, or recorded by an older version)
    sha256: str  # of the file's bytes, hex, first 32 digits
    ids: tuple[str, ...] = ()  # the articles it gave, in file order
    digest: str = ""  # articles_digest of their hashes as stored

    def same_stat(self, st: os.stat_result) -> bool:
        """Size and mtime as recorded (an untrusted mtime never matches)."""
        return (self.mtime_ns is not None and self.size == st.st_size
                and self.mtime_ns == st.st_mtime_ns)

    def held_by(self, stored: Mapping[str, str]) -> bool:
        """The store (article id → hash) still holds exactly what this file gave."""
        return bool(self.digest) and articles_digest(map(stored.get, self.ids)) == self.digest

    def restat(self, st: os.stat_result, now_ns: int) -> InputRecord:
        """This record with the file's new size and mtime (its bytes are the same)."""
        return replace(self, size=st.st_size, mtime_ns=trusted_mtime(st, now_ns))


def trusted_mtime(st: os.stat_result, now_ns: int) -> int | None:
    """The mtime to record for a file looked at at ``now_ns``: None when too recent."""
    return st.st_mtime_ns if st.st_mtime_ns < now_ns - RACY_NS else None


def file_sha(path: str | Path) -> str:
    """The hash of a file's bytes, read in chunks (a big JSON Lines file never sits whole)."""
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()[:32]


def articles_digest(hashes: Iterable[str | None]) -> str:
    """One digest of some articles' hashes, in order; "" if one is missing (not stored)."""
    sha = hashlib.sha256()
    for h in hashes:
        if h is None:
            return ""
        sha.update(h.encode("ascii"))
    return sha.hexdigest()[:32]


# ------------------------------------------------------------------ files


def to_json(records: Iterable[InputRecord]) -> bytes:
    """A records file: ``{"inputs": [{path, size, mtime_ns, sha256, ids, digest}, …]}``."""
    rows = [{"path": r.path, "size": r.size, "mtime_ns": r.mtime_ns, "sha256": r.sha256,
             "ids": list(r.ids), "digest": r.digest}
            for r in sorted(records, key=lambda r: r.path)]
    return json.dumps({"inputs": rows}, ensure_ascii=False, separators=(",", ":")).encode()


def read_records(root: Path, files: Iterable[str]) -> dict[str, InputRecord]:
    """The records of ``files`` (relative to ``root``, in commit order), later ones winning.

    A file that cannot be read is left out: its inputs are then read again, as for a store
    written before records existed (records only save work, the tables hold the data).
    """
    records: dict[str, InputRecord] = {}
    for rel in files:
        try:
            rows = json.loads((root / rel).read_text(encoding="utf-8"))["inputs"]
            found = [InputRecord(r["path"], r["size"], r["mtime_ns"], r["sha256"],
                                 tuple(r["ids"]), r["digest"]) for r in rows]
        except (OSError, ValueError, KeyError, TypeError):
            continue
        records.update((r.path, r) for r in found)
    return records
