"""Articles uploaded in the app: read, checked, geoparsed, and a note per file on what happened.

A user drops a few files on the page and wants to see them on the map at
once, or to be told precisely why a file (or a line of it) was refused. On a
store the good articles are written into it (``ingest.ingest_upload``: new
ones added, changed ones replaced); on a folder of articles nothing may be
written into the user's folder, so the good articles are geoparsed and kept
in the session, which merges them into what it shows. An upload only adds:
an article whose id is stored already is kept as stored and the note says so,
unless the operator started the app with ``--allow-replace``. Either way each file
gets a :class:`FileNote`: what was added and every error with its file, line
and what to do. The app only renders the notes (escaped: names and
messages come from the user).

Anyone who can open the page can upload, so what one upload may cost is
bounded (:class:`UploadLimits`): a file that would take an upload past its
size is refused whole (a 100 MB upload once held 2.1 GB and geoparsed for
minutes), and an article past its size is refused by file and line (one
article is geoparsed as a whole). A big collection goes through
``python -m mapapp ingest`` instead, which has neither bound. Geoparsing stops
between articles once the visitor is gone (``stop``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from mapapp.corpus import reader
from mapapp.corpus.ids import FirstSeen
from mapapp.corpus.reader import ArticleFormatError, ReadLimits, human_size
from mapapp.ingest import pipeline
from mapapp.model import Article, ParsedArticle
from mapapp.store.errors import (
    DamagedFileError,
    StoreWriteError,
    UnlistedFilesError,
    UnsafePathError,
)
from mapapp.store.reader import StoreError
from mapapp.store.tables import article_hash

Upload = tuple[str, bytes]  # (file name, content)
_MB = 1024 * 1024
_INGEST = "add big collections with `python -m mapapp ingest`"


@dataclass(frozen=True)
class UploadLimits:
    """What one upload may hold: its files together, and one article of them.

    The app takes ``upload_bytes`` from Streamlit's ``server.maxUploadSize``
    (the project's ``.streamlit/config.toml`` sets 10 MB), so one setting
    bounds both what the browser sends and what the app reads.
    """

    upload_bytes: int = 10 * _MB
    article_bytes: int = 1 * _MB

    @property
    def read(self) -> ReadLimits:
        return ReadLimits(article_bytes=self.article_bytes, record_bytes=self.article_bytes)


def _never() -> bool:
    return False
_EMPTY = ("no articles in the file; a .txt file starts with \" date YYYY-MM\", a .jsonl file "
          "holds one JSON object a line and a .csv file a header row, each with id, date and "
          "text.")


class Parser(Protocol):
    def parse(self, article: Article) -> ParsedArticle: ...


class LazyParser:
    """Makes the geoparser (loads the gazetteer) only when an article needs it: a refused
    file is answered at once, and an app that only reads a store stays small."""

    def __init__(self, make: Callable[[], Parser]) -> None:
        self._make = make
        self._parser: Parser | None = None

    def parse(self, article: Article) -> ParsedArticle:
        if self._parser is None:
            self._parser = self._make()
        return self._parser.parse(article)


@dataclass(frozen=True)
class FileNote:
    """What became of one uploaded file; ``errors`` read ``name line N: what to do``."""

    name: str
    added: int = 0
    replaced: int = 0
    skipped: int = 0
    errors: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors

    def headline(self) -> str:
        """One line for a person: the file and its counts."""
        done = [f"{self.added} article{'s' * (self.added != 1)} added"]
        done += [f"{self.replaced} replaced"] if self.replaced else []
        done += [f"{self.skipped} already there"] if self.skipped else []
        refused = f"; {len(self.errors)} problem{'s' * (len(self.errors) != 1)}"
        return f"{self.name}: {', '.join(done)}{refused if self.errors else ''}"


def _note(name: str, errors: Sequence[ArticleFormatError | str], **counts: int) -> FileNote:
    return FileNote(name, errors=tuple(map(str, errors)), **counts)


def _parse(articles: Sequence[Article], geoparser: Parser, name: str, stop: Callable[[], bool]
           ) -> tuple[list[ParsedArticle], list[ArticleFormatError]]:
    parsed, errors = [], []
    for article in articles:
        if stop():
            break  # the visitor left: nobody waits for the rest
        try:
            parsed.append(geoparser.parse(article))
        except Exception as err:  # one article's bug must not cost the others (as in ingest)
            errors.append(ArticleFormatError(name, None, f"article {article.id!r}: the "
                                             f"geoparser failed ({type(err).__name__}: {err}); "
                                             "please report it"))
    return parsed, errors


def _within(files: Sequence[Upload], limits: UploadLimits) -> list[tuple[Upload, str]]:
    """Each file and why it is refused ("" if it is read): a file that would take the
    upload past ``limits.upload_bytes`` (those before it are read, and smaller ones after)."""
    out, total, most = [], 0, human_size(limits.upload_bytes)
    for name, data in files:
        if total + len(data) > limits.upload_bytes:
            size, alone = human_size(len(data)), len(data) <= limits.upload_bytes
            what = "upload it again on its own" if alone else f"split it into files of {most}"
            out.append(((name, data), (
                f"{name}: not read; it is {size} and one upload may hold {most} in all: "
                f"{what}, or {_INGEST}.")))
        else:
            total += len(data)
            out.append(((name, data), ""))
    return out


def parse_uploads(files: Sequence[Upload], geoparser: Parser, known_ids: Collection[str],
                  limits: UploadLimits = UploadLimits(), stop: Callable[[], bool] = _never
                  ) -> tuple[tuple[ParsedArticle, ...], tuple[FileNote, ...]]:
    """Read and geoparse uploads for the session; an id already shown (or uploaded twice)
    is refused, because the first article with an id is the one the map keeps."""
    seen: FirstSeen[str] = FirstSeen(dict.fromkeys(known_ids, "shown"))
    kept, notes = [], []
    for (name, data), refused in _within(files, limits):
        if refused:
            notes.append(_note(name, [refused]))
            continue
        result = reader.read_upload(name, data, limits=limits.read)
        errors: list[ArticleFormatError] = list(result.errors)
        fresh = []
        for a in result.articles:
            if seen.first(a.id, name) is None:
                fresh.append(a)
            else:
                errors.append(ArticleFormatError(name, None, (
                    f"duplicate id {a.id!r}: an article with this id is already shown; give "
                    "it another id (a .txt file's id is its name).")))
        if not result.articles and not result.errors:
            errors.append(ArticleFormatError(name, None, _EMPTY))
        parsed, failed = _parse(fresh, geoparser, name, stop)
        kept += parsed
        notes.append(_note(name, errors + failed, added=len(parsed)))
    return tuple(kept), tuple(notes)


def _not_stored(name: str, err: StoreError) -> str:
    """Why an upload was not stored, for a visitor: no server paths where avoidable."""
    if isinstance(err, StoreWriteError):
        return (f"{name}: not stored: the store cannot be written ({err.reason}); nothing of "
                "this file was kept. Tell whoever runs this app.")
    if isinstance(err, DamagedFileError):
        return f"{name}: not stored. {err.visitor()}"
    if isinstance(err, UnsafePathError | UnlistedFilesError):
        return (f"{name}: not stored: the store needs a repair, and nothing of this file was "
                "kept. Whoever runs this app can run `python -m mapapp store check STORE`.")
    return f"{name}: not stored ({err}); try again."


def store_uploads(store: str | Path, files: Sequence[Upload], geoparser: Parser,
                  limits: UploadLimits = UploadLimits(), stop: Callable[[], bool] = _never, *,
                  allow_replace: bool = False) -> tuple[FileNote, ...]:
    """Write uploads into a store, one transaction per file; a busy, damaged or unwritable
    store is a note too. A stored article is replaced only with ``allow_replace``."""
    notes = []
    for (name, data), refused in _within(files, limits):
        if refused or stop():
            notes.append(_note(name, [refused or f"{name}: not stored; the page was closed."]))
            continue
        try:
            report = pipeline.ingest_upload(store, name, data, geoparser,  # type: ignore[arg-type]
                                          limits=limits.read, replace=allow_replace)
        except StoreError as err:
            notes.append(_note(name, [_not_stored(name, err)]))
            continue
        errors: list[ArticleFormatError | str] = list(report.errors)
        if not (report.added or report.replaced or report.skipped or report.errors):
            errors.append(ArticleFormatError(name, None, _EMPTY))
        notes.append(_note(name, errors, added=report.added, replaced=report.replaced,
                           skipped=report.skipped))
    return tuple(notes)


def uploads_key(parsed: Sequence[ParsedArticle]) -> str:
    """A digest of uploaded articles' content: the cache key of the corpus they join."""
    digest = hashlib.sha1()
    for item in parsed:
        digest.update(article_hash(item.article).encode())
    return digest.hexdigest() if parsed else ""
