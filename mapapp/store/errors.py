"""The store's errors, and the checks that keep a store from reaching outside itself.

A store's own files (its manifest, a staged plan) are data that someone may
have edited or damaged, and a writer acts on them: moves, overwrites and
deletes the files they name. So every path read from them must name a file of
the store's layout and resolve, links followed, inside the store
(:func:`check_path`); otherwise nothing is done and the error says what to do.
Each error names the file and the next step, as the CLI prints it as is
(exit 2) and the app shows it (``visitor`` forms leave server paths out).
"""

from __future__ import annotations

import errno
import json
import os
import re
from collections.abc import Iterable
from pathlib import Path

# The only files a store holds (relative to its folder): anything else named in a plan or the
# manifest ("../x", "/etc/x", "articles/../../x") is refused.
_LAYOUT = re.compile(r"(?:(?:articles|mentions)/month=\d{4}-\d{2}|places)/part-[\w.-]+\.parquet"
                     r"|_inputs/part-[\w.-]+\.json", re.ASCII)


class StoreError(RuntimeError):
    """A store folder that cannot be used as one; the message says which and what to do."""


class UnsafePathError(StoreError):
    """A plan or manifest names a path outside the store (or no file of a store)."""


class UnlistedFilesError(StoreError):
    """Files in the store that its manifest does not list: a writer will not delete them."""


class StoreWriteError(StoreError):
    """Writing the store failed (a full disk, a read-only folder …); ``reason`` says why in
    words fit for an app's visitor, without paths."""

    def __init__(self, root: Path, err: OSError,
                 done: str = "nothing of the batch being written was kept") -> None:
        self.reason = _WHY.get(err.errno or 0, err.strerror or type(err).__name__)
        where = f" ({err.filename})" if err.filename else ""
        super().__init__(f"{root}: cannot write the store: {self.reason}{where}; {done}, and "
                         "what the store held before is intact. Free some space, or make the "
                         "folder writable, then run the same command again: it continues "
                         "where it stopped.")


_WHY = {errno.ENOSPC: "the disk is full", errno.EDQUOT: "the disk quota is used up",
        errno.EROFS: "the file system is read-only", errno.EACCES: "no permission to write",
        errno.EPERM: "no permission to write", errno.EFBIG: "a file would exceed the size "
        "limit", errno.EIO: "the disk reported an input/output error"}


def repair_hint(root: Path) -> str:
    return (f"`python -m mapapp store check {root}` shows what is wrong, `python -m mapapp "
            f"store repair {root}` repairs it")


def inside(base: Path, path: Path) -> bool:
    """Whether ``path`` resolves (symlinks followed) to a place under ``base``."""
    return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(base))


def check_paths(root: Path, rels: Iterable[object], where: str, what_to_do: str, *,
                links: bool = True) -> list[str]:
    """``rels`` if each names a file of the store's layout that resolves inside ``root``.

    ``where`` (the file that named them) and ``what_to_do`` go into the error. Without
    ``links`` the file system is not asked whether a folder became a link (for a caller
    that opens none of the files, such as the app's look for a new version every 3 s).
    """
    is_link: dict[str, bool] = {}  # path within the store → is it a link
    top = str(root)

    def resolves_inside(rel: str) -> bool:
        """No ".." can appear (the layout has none): only a link can lead out."""
        if not links:
            return True
        parts = rel.split("/")
        for i in range(1, len(parts) + 1):
            sub = "/".join(parts[:i])
            if sub not in is_link:
                is_link[sub] = os.path.islink(os.path.join(top, sub))
            if is_link[sub]:
                return inside(root, root / rel)
        return True

    out = []
    for rel in rels:
        if not (isinstance(rel, str) and _LAYOUT.fullmatch(rel) and resolves_inside(rel)):
            raise UnsafePathError(f"{where}: names {rel!r}, which is outside the store or no "
                                  f"file of a store; {what_to_do}")
        out.append(rel)
    return out


def check_path(root: Path, rel: object, where: str, what_to_do: str) -> str:
    """``rel`` if it names a file of the store's layout that resolves inside ``root``."""
    return check_paths(root, [rel], where, what_to_do)[0]




class DamagedFileError(StoreError):
    """A file the manifest lists is missing or cannot be read as its table."""

    def __init__(self, root: Path, rel: str, reason: str) -> None:
        self.rel, self.reason = rel, reason
        super().__init__(
            f"{root / rel}: damaged ({reason}). `python -m mapapp ingest SOURCE… --store "
            f"{root}` repairs it (its month is geoparsed again from the store, articles lost "
            f"with it are read again from their files), as does `python -m mapapp store "
            f"repair {root}`.")

    def visitor(self) -> str:
        """The message for an app's visitor: the file within the store, no server path."""
        return (f"The store's file {self.rel} is damaged ({self.reason}), so the store cannot "
                "be shown. Whoever runs this app can repair it with `python -m mapapp store "
                "repair STORE` (or by running `python -m mapapp ingest` into it again).")


def damage_of(root: Path, rel: str, *, full: bool = False) -> str | None:
    """Why the store's file ``rel`` is damaged (missing, unreadable, other columns), or None.

    Without ``full`` only the Parquet footer is read (a truncated file has none): cheap
    enough for every writer's start. With it every row is read (``store check``).
    """
    import pyarrow as pa  # here, not at the top: the CLI imports StoreError for every command
    import pyarrow.parquet as pq

    from mapapp.store.tables import SCHEMAS

    path = root / rel
    try:
        if path.suffix != ".parquet":  # records only save work: a writer reads them itself
            if full or not path.exists():
                json.loads(path.read_text(encoding="utf-8"))["inputs"]
            return None
        with pq.ParquetFile(path) as pf:
            have = [(f.name, f.type) for f in pf.schema_arrow]
            want = [(f.name, f.type) for f in SCHEMAS[rel.split("/", 1)[0]]]
            before_events = [c for c in want if not c[0].startswith("event_")]
            if have != want and not (rel.startswith("mentions/") and have == before_events):
                # (a mention file of schema 1, before events, is whole: it reads with none)
                return "its columns are not those of the table"
            for _batch in pf.iter_batches() if full else ():
                pass
    except FileNotFoundError:
        return "missing"
    except (pa.ArrowException, OSError, ValueError, KeyError, TypeError) as err:
        return str(err).replace(str(path), rel).splitlines()[0] or type(err).__name__
    return None
