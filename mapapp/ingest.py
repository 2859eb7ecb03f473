"""Ingest article files into a store: read, skip what is stored, geoparse in parallel, write.

Geoparsing is the slow step (milliseconds an article), so it runs on a
*runner*: in this process (:class:`SerialRunner`), in a pool forked after the
gazetteer is loaded so the workers share its memory (:class:`PoolRunner`), or
on a Dask cluster (``mapapp.ingest_dask``). Workers return plain data (a
:class:`BatchResult` of Arrow tables); only this process writes the store, one
transaction a batch, in input order, so every runner writes the same store.

Input is read one file at a time and at most a few batches are in flight, so
memory stays flat however big the corpus (one file's articles must fit).
"""

from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.pool
import sys
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import pyarrow as pa
from tqdm import tqdm

from mapapp import corpus
from mapapp.corpus import ArticleFormatError
from mapapp.gazetteer import Gazetteer
from mapapp.geoparse import Geoparser
from mapapp.model import Article
from mapapp.store import IngestReport
from mapapp.store_tables import BatchTables, article_hash, batch_tables
from mapapp.store_write import StoreWriter, open_writer

BATCH_SIZE = 5000  # articles a transaction: a kill loses at most this many and those in flight
TASK_SIZE = 500  # articles a worker task (smaller batches make smaller tasks)

# ------------------------------------------------------------ worker side

_GEOPARSER: Geoparser | None = None
_LOADS = 0  # gazetteer loads in this process (the Dask test checks: one per worker)
_LOCK = threading.Lock()


def use_geoparser(geoparser: Geoparser) -> None:
    """Make ``geoparser`` this process's (and its forked children's) worker geoparser."""
    global _GEOPARSER
    _GEOPARSER = geoparser


def worker_geoparser() -> Geoparser:
    """This process's geoparser, loading the gazetteer on first use (once per process)."""
    global _GEOPARSER, _LOADS
    with _LOCK:
        if _GEOPARSER is None:
            _GEOPARSER = Geoparser(Gazetteer.load(quiet=True))
            _LOADS += 1
            gc.freeze()  # the gazetteer lives as long as the process: keep the GC off it
        return _GEOPARSER


def gazetteer_loads() -> int:
    return _LOADS


@dataclass(frozen=True)
class BatchResult:
    """A geoparsed batch as tables, and the articles the geoparser failed on (id, reason)."""

    tables: BatchTables
    failures: tuple[tuple[str, str, str], ...] = ()  # (source, article id, error)


def parse_batch(articles: Sequence[Article]) -> BatchResult:
    """Geoparse a batch with this process's geoparser (the task every runner runs)."""
    gp = worker_geoparser()
    parsed, failures = [], []
    for article in articles:
        try:
            parsed.append(gp.parse(article))
        except Exception as err:
            failures.append((article.source, article.id, f"{type(err).__name__}: {err}"))
    return BatchResult(batch_tables(parsed), tuple(failures))


# ------------------------------------------------------------ runners


class Pending(Protocol):
    def result(self) -> BatchResult: ...


class Runner(Protocol):
    """Where batches are geoparsed; ``window`` batches may be in flight at once."""

    window: int

    def submit(self, articles: list[Article]) -> Pending: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class _Done:
    value: BatchResult

    def result(self) -> BatchResult:
        return self.value


class SerialRunner:
    """Geoparse in this process with a given geoparser (uploads, tests, one core)."""

    window = 0

    def __init__(self, geoparser: Geoparser) -> None:
        self.geoparser = geoparser

    def submit(self, articles: list[Article]) -> Pending:
        use_geoparser(self.geoparser)
        return _Done(parse_batch(articles))

    def close(self) -> None:
        pass


class _Async:
    def __init__(self, result: multiprocessing.pool.AsyncResult) -> None:
        self._result = result

    def result(self) -> BatchResult:
        return self._result.get()


class PoolRunner:
    """Worker processes forked after the gazetteer is loaded: they share its memory."""

    def __init__(self, geoparser: Geoparser, jobs: int) -> None:
        use_geoparser(geoparser)  # inherited through fork, never loaded again
        # Without this the workers' garbage collector walks (and so copies) every page of
        # the gazetteer: parsing ran 2.5 times slower and each worker grew by its size.
        gc.freeze()
        self._pool = multiprocessing.get_context("fork").Pool(jobs)
        self.window = 2 * jobs

    def submit(self, articles: list[Article]) -> Pending:
        return _Async(self._pool.apply_async(parse_batch, (articles,)))

    def close(self) -> None:
        self._pool.close()
        self._pool.join()


def local_runner(jobs: int, geoparser: Geoparser | None = None) -> Runner:
    """A fork pool of ``jobs`` workers, or this process when jobs is 1 or fork is missing."""
    geoparser = geoparser or worker_geoparser()
    if jobs > 1 and "fork" in multiprocessing.get_all_start_methods():
        return PoolRunner(geoparser, jobs)
    return SerialRunner(geoparser)


# ------------------------------------------------------------ reading


@dataclass(frozen=True)
class Source:
    """Articles read from one file or upload, the reader's errors, and progress so far."""

    name: str
    articles: Sequence[Article]
    errors: Sequence[ArticleFormatError] = ()
    done: float = 1.0  # share of all input read once this source is in (for the ETA)


def source_files(sources: Iterable[str | Path]) -> list[Path]:
    """Files as given; folders replaced by their article files (sorted, hidden ones skipped)."""
    files: list[Path] = []
    for given in map(Path, sources):
        if not given.is_dir():
            files.append(given)
            continue
        found = [p for p in given.rglob("*") if p.suffix.lower() in corpus.SUFFIXES
                 and not any(part.startswith(".") for part in p.relative_to(given).parts)
                 and p.is_file()]
        files.extend(sorted(found, key=lambda p: p.relative_to(given).parts))
    return files


def read_sources(files: Sequence[Path]) -> Iterator[Source]:
    """Read ``files`` one at a time with the corpus reader (every format it takes)."""
    sizes = [f.stat().st_size if f.is_file() else 0 for f in files]
    total, read = max(sum(sizes), 1), 0
    for path, size in zip(files, sizes, strict=True):
        result = corpus.read_paths([path])
        read += size
        yield Source(str(path), result.articles, result.errors, read / total)


# ------------------------------------------------------------ pipeline


@dataclass
class _Run:
    """The running tally of one ingest."""

    writer: StoreWriter
    runner: Runner
    bar: tqdm
    batch_size: int
    report: IngestReport = field(default_factory=IngestReport)
    seen: dict[str, str] = field(default_factory=dict)  # article id → where first read
    todo: list[Article] = field(default_factory=list)
    pending: deque[Pending] = field(default_factory=deque)
    parsed: list[BatchTables] = field(default_factory=list)  # results not yet written

    @property
    def task_size(self) -> int:
        return min(self.batch_size, TASK_SIZE)

    def take(self, source: Source) -> None:
        errors, skipped = list(source.errors), 0
        for article in source.articles:
            if article.id in self.seen:
                errors.append(ArticleFormatError(source.name, None, (
                    f"duplicate id {article.id!r}, already read from {self.seen[article.id]}; "
                    "give every article its own id (this one was skipped)")))
                continue
            self.seen[article.id] = source.name
            if self.writer.hashes.get(article.id) == article_hash(article):
                skipped += 1
                continue
            self.todo.append(article)
            if len(self.todo) >= self.task_size:
                self.submit()
        self.report += IngestReport(skipped=skipped, errors=tuple(errors))
        self.bar.update(skipped)

    def submit(self) -> None:
        if self.todo:
            self.pending.append(self.runner.submit(self.todo))
            self.todo = []
        while len(self.pending) > self.runner.window:
            self.collect(self.pending.popleft().result())

    def collect(self, result: BatchResult) -> None:
        failed = tuple(ArticleFormatError(src, None, f"article {aid!r}: the geoparser failed "
                                          f"({why}); please report it") for src, aid, why in
                       result.failures)
        self.report += IngestReport(errors=failed)
        self.parsed.append(result.tables)
        self.bar.update(len(result.tables) + len(failed))
        if sum(map(len, self.parsed)) >= self.batch_size:
            self.write()

    def write(self) -> None:
        """Commit the parsed results as one transaction."""
        batch = BatchTables(*(pa.concat_tables([getattr(t, name) for t in self.parsed])
                              for name in ("articles", "mentions", "places")))
        self.parsed = []
        replaced = self.writer.commit(batch) if len(batch) else 0
        self.report += IngestReport(added=len(batch) - replaced, replaced=replaced,
                                    mentions=batch.mentions.num_rows)

    def finish(self) -> None:
        self.submit()
        while self.pending:
            self.collect(self.pending.popleft().result())
        if self.parsed:
            self.write()


def ingest_articles(store: str | Path, sources: Iterable[Source], runner: Runner, *,
                    batch_size: int = BATCH_SIZE, progress: bool = True) -> IngestReport:
    """Store the articles of ``sources``: new ones added, changed ones replaced (their old
    mentions removed), unchanged ones skipped. Creates the store if needed."""
    bar = tqdm(total=0, unit=" articles", file=sys.stderr, disable=not progress,
               mininterval=0.5, smoothing=0.05)
    seen = 0
    try:
        with open_writer(Path(store)) as writer:
            run = _Run(writer, runner, bar, batch_size)
            for source in sources:
                run.take(source)
                seen += len(source.articles)
                bar.total = max(round(seen / max(source.done, 1e-9)), bar.n)
                bar.refresh()
            run.finish()
            if run.report.replaced:
                writer.drop_unused_places()
            writer.compact()
    finally:
        bar.close()
    return run.report


def ingest(sources: Iterable[str | Path], store: str | Path, runner: Runner, *,
           batch_size: int = BATCH_SIZE, progress: bool = True) -> IngestReport:
    """Ingest article files and folders (``python -m mapapp ingest``)."""
    files = source_files(sources)
    return ingest_articles(store, read_sources(files), runner, batch_size=batch_size,
                           progress=progress)


def ingest_upload(store: str | Path, name: str, data: bytes, geoparser: Geoparser
                  ) -> IngestReport:
    """Read an uploaded file (any corpus format) and store its articles; the report's
    errors include the reader's."""
    result = corpus.read_upload(name, data)
    source = Source(name, result.articles, result.errors)
    return ingest_articles(store, [source], SerialRunner(geoparser), progress=False)
