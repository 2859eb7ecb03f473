"""Write a file so that a reader never sees half of it.

Caches, exports, the store's manifest, downloaded snapshots and the geoparser's output
are all written the same way: into a new file beside the target, renamed over it only
when complete. A crash, a full disk or an exception leaves the old file (or none) and
no temporary file behind.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


def _create_beside(path: Path) -> tuple[int, Path]:
    """A new, empty, hidden file beside ``path``, as ``open(..., "xb")`` would make it.

    ``O_EXCL`` never follows a link left at the name, so a link planted in the folder
    cannot lead the write elsewhere; mode 0o666 lets the umask decide the permissions,
    as for any other file the user writes (``tempfile`` would make it private).
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    while True:
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike[str], *, fsync: bool = False) -> Iterator[BinaryIO]:
    """A binary file to write ``path``'s new content into; it replaces ``path`` on success.

    ``fsync=True`` flushes the content to disk before the rename, so that after a power
    cut the name holds either the old or the whole new content (the store's manifest).
    The folder must exist. On any exception the new file is removed and ``path`` is
    left as it was.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     target = Path(folder) / "out.txt"
    ...     with atomic_write(target) as f:
    ...         _ = f.write(b"whole")
    ...     print(target.read_bytes(), os.listdir(folder))
    b'whole' ['out.txt']
    """
    path = Path(path)
    fd, tmp = _create_beside(path)
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
            if fsync:
                f.flush()
                os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
