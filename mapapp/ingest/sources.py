"""Reading the files of an ingest, and not reading those the store holds unchanged.

A re-run over a folder the store already holds should cost the stat of each
file, not its reading and parsing: :func:`read_sources` turns a file whose
record in the store (``mapapp.store.inputs``) still matches into a
:class:`Source` with no articles, naming the ids it gave, and hashes a file
whose size or mtime changed before deciding to parse it. Everything else is
read with the corpus reader, one file at a time, as the app reads a folder.
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mapapp.corpus import reader
from mapapp.corpus.folders import article_entries
from mapapp.corpus.reader import ArticleFormatError
from mapapp.model import Article
from mapapp.store import inputs
from mapapp.store.inputs import InputRecord

if TYPE_CHECKING:
    from mapapp.store.write import StoreWriter


@dataclass(frozen=True)
class Source:
    """Articles read from one file or upload, the reader's errors, and progress so far.

    A file the store holds unchanged is not read: ``unread`` names the articles it
    gave (they count as skipped) and ``articles`` is empty.
    """

    name: str
    articles: Sequence[Article]
    errors: Sequence[ArticleFormatError] = ()
    done: float = 1.0  # share of all input read once this source is in (for the ETA)
    record: InputRecord | None = None  # the file as read: recorded once its articles are stored
    unread: tuple[str, ...] = ()


@dataclass(frozen=True)
class InputFile:
    """A file to ingest, as given (errors and .txt articles name it so) and resolved (the
    key of its record in the store)."""

    path: Path
    resolved: str


def input_files(sources: Iterable[str | Path]) -> list[InputFile]:
    """Files as given; folders replaced by their article files (sorted, hidden ones skipped)."""
    files: list[InputFile] = []
    for given in map(Path, sources):
        resolved = os.path.realpath(given)
        if not given.is_dir():
            files.append(InputFile(given, resolved))
            continue
        files += [InputFile(e.path, os.path.join(resolved, *e.parts))
                  for e in article_entries(given, reader.SUFFIXES) if e.is_file]
    return files


def source_files(sources: Iterable[str | Path]) -> list[Path]:
    """Files as given; folders replaced by their article files (sorted, hidden ones skipped)."""
    return [f.path for f in input_files(sources)]


def _stat(path: Path) -> os.stat_result | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st if stat.S_ISREG(st.st_mode) else None


def _sha(path: Path) -> str | None:
    try:
        return inputs.file_sha(path)
    except OSError:
        return None  # the reader reports it


def _read_file(file: InputFile, st: os.stat_result | None, writer: StoreWriter | None,
               now_ns: int, done: float) -> Source:
    """One file's Source: unread if the store holds it unchanged (see ``store_inputs``)."""
    name, sha = str(file.path), None
    if writer is not None and st is not None:
        old = writer.inputs.get(file.resolved)
        if old is not None and old.held_by(writer.hashes):
            if old.same_stat(st):
                return Source(name, (), done=done, unread=old.ids)
            sha = _sha(file.path)
            if sha == old.sha256:  # touched, not changed: a new stat to record, if any
                new = old.restat(st, now_ns)
                return Source(name, (), done=done, unread=old.ids,
                              record=new if new != old else None)
        sha = sha or _sha(file.path)
    record = None
    if sha is not None and st is not None:
        record = InputRecord(file.resolved, st.st_size, inputs.trusted_mtime(st, now_ns),
                             sha)
    result = reader.read_paths([file.path])
    return Source(name, result.articles, result.errors, done, record)


def read_sources(files: Sequence[InputFile], writer: StoreWriter | None = None
                 ) -> Iterator[Source]:
    """Read ``files`` one at a time with the corpus reader (every format it takes); with the
    store's ``writer``, a file the store holds unchanged is not opened."""
    now_ns = time.time_ns()  # before the stats: a later change shows as a newer mtime
    stats = [_stat(f.path) for f in files]
    total, read = max(sum(st.st_size for st in stats if st), 1), 0
    for file, st in zip(files, stats, strict=True):
        read += st.st_size if st else 0
        yield _read_file(file, st, writer, now_ns, read / total)
