"""Walk a folder for the article files in it: one walk for reading, ingesting and polling.

``read_paths``, ``ingest`` and the app's poll for changed files must agree on which
files of a folder are articles (their suffixes, hidden files and folders skipped,
links to folders not followed), or a file would be read by one and missed by another.
Directory entries tell files apart without a ``stat`` per file, so a re-ingest of tens
of thousands of unchanged files costs little more than listing them.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class FolderEntry:
    """An article file under a folder: its name's parts relative to the folder, its path,
    and whether it is a file (False for a broken link or a pipe: there but unreadable)."""

    parts: tuple[str, ...]
    path: Path
    is_file: bool


def article_entries(folder: Path, suffixes: Collection[str], *, recursive: bool = True
                    ) -> list[FolderEntry]:
    """The entries under ``folder`` whose suffix (any case) is one of ``suffixes``, sorted
    by their parts; hidden files and folders skipped, links to folders not followed, an
    unreadable subfolder left out.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     for name in ("b.txt", "a.CSV", ".hidden.txt", "notes.md", "sub/c.jsonl"):
    ...         (Path(tmp) / name).parent.mkdir(exist_ok=True)
    ...         _ = (Path(tmp) / name).write_text("")
    ...     print([e.parts for e in article_entries(Path(tmp), (".txt", ".csv", ".jsonl"))])
    [('a.CSV',), ('b.txt',), ('sub', 'c.jsonl')]
    """
    found: list[FolderEntry] = []
    todo: list[tuple[Path, tuple[str, ...]]] = [(folder, ())]
    while todo:
        path, parts = todo.pop()
        try:
            with os.scandir(path) as entries:
                for e in entries:
                    if e.name.startswith("."):
                        continue
                    if e.is_dir(follow_symlinks=False):
                        if recursive:
                            todo.append((path / e.name, (*parts, e.name)))
                    elif os.path.splitext(e.name)[1].lower() in suffixes and not e.is_dir():
                        found.append(FolderEntry((*parts, e.name), path / e.name, e.is_file()))
        except OSError:  # an unreadable subfolder is left out, as a glob leaves it
            continue
    return sorted(found)
