"""Ingest article files into a store: read, skip what is stored, geoparse in parallel, write.

Geoparsing is the slow step (milliseconds an article), so it runs on a
*runner*: in this process (:class:`SerialRunner`), in a pool forked after the
gazetteer is loaded so the workers share its memory (:class:`PoolRunner`), or
on a Dask cluster (``mapapp.ingest.on_dask``). Workers return plain data (a
:class:`BatchResult` of Arrow tables); only this process writes the store, one
transaction a batch, in input order, so every runner writes the same store.

Input is read one file at a time (``mapapp.ingest.sources``; a file the store
holds unchanged is not read at all) and at most a few batches are in flight,
so memory stays flat however big the corpus (one file's articles must fit).
"""

from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.pool
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

import pyarrow as pa
from tqdm import tqdm

from mapapp.corpus import reader
from mapapp.corpus.ids import FirstSeen
from mapapp.corpus.reader import ArticleFormatError
from mapapp.gazetteer.index import Gazetteer
from mapapp.geoparse.pipeline import Geoparser
from mapapp.ingest.sources import Source, input_files, read_sources
from mapapp.model import Article, Place
from mapapp.plumbing.pool import can_fork, fork_pool
from mapapp.store import inputs as store_inputs
from mapapp.store import repair
from mapapp.store.inputs import InputRecord
from mapapp.store.reader import Store
from mapapp.store.report import IngestReport
from mapapp.store.tables import BatchTables, article_hash, batch_tables
from mapapp.store.write import StoreWriter, open_writer

BATCH_SIZE = 5000  # articles a transaction: a kill loses at most this many and those in flight
TASK_SIZE = 500  # articles a worker task (smaller batches make smaller tasks)
_KEPT = ("article {!r} is already in the store and was kept; give the new one another id "
         "(uploads do not replace stored articles unless the app runs with --allow-replace)")

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

    @property
    def window(self) -> int: ...

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
        self._pool = fork_pool(jobs)
        self.window = 2 * jobs

    def submit(self, articles: list[Article]) -> Pending:
        return _Async(self._pool.apply_async(parse_batch, (articles,)))

    def close(self) -> None:
        self._pool.close()
        self._pool.join()


def local_runner(jobs: int, geoparser: Geoparser | None = None) -> Runner:
    """A fork pool of ``jobs`` workers, or this process when jobs is 1 or fork is missing."""
    geoparser = geoparser or worker_geoparser()
    if jobs > 1 and can_fork():
        return PoolRunner(geoparser, jobs)
    return SerialRunner(geoparser)


class LazyRunner:
    """A runner made when the first batch comes: a re-run with nothing to geoparse loads no
    gazetteer (more than a second) and forks no workers. Forked while this process holds
    the store's write lock, the workers close their copies of it (``store_files``)."""

    def __init__(self, make: Callable[[], Runner]) -> None:
        self._make = make
        self._runner: Runner | None = None

    @property
    def window(self) -> int:
        return self._runner.window if self._runner else 0

    def submit(self, articles: list[Article]) -> Pending:
        if self._runner is None:
            self._runner = self._make()
        return self._runner.submit(articles)

    def close(self) -> None:
        if self._runner is not None:
            self._runner.close()


# ------------------------------------------------------------ pipeline


@dataclass
class _Run:
    """The running tally of one ingest."""

    writer: StoreWriter
    runner: Runner
    bar: tqdm
    batch_size: int
    report: IngestReport = field(default_factory=IngestReport)
    replace: bool = True  # a changed article replaces the stored one (else it is refused)
    seen: FirstSeen[str] = field(default_factory=FirstSeen)  # article id → where first read
    todo: list[Article] = field(default_factory=list)
    pending: deque[Pending] = field(default_factory=deque)
    parsed: list[BatchTables] = field(default_factory=list)  # results not yet written
    queued: int = 0  # articles handed to the runner
    collected: int = 0  # results back (parsed or failed), in the order handed
    # (file, record, articles queued up to its last): committed once those are collected
    waiting: deque[tuple[str, InputRecord, int]] = field(default_factory=deque)
    failed_files: set[str] = field(default_factory=set)  # a geoparser failure: not recorded
    vanished: set[str] = field(default_factory=set)  # ids re-read files no longer give

    @property
    def task_size(self) -> int:
        return min(self.batch_size, TASK_SIZE)

    def _first(self, aid: str, name: str, errors: list[ArticleFormatError]) -> bool:
        """Whether article ``aid`` is read here first; a repeat is an error on file ``name``."""
        if (first := self.seen.first(aid, name)) is not None:
            errors.append(ArticleFormatError(name, None, (
                f"duplicate id {aid!r}, already read from {first}; "
                "give every article its own id (this one was skipped)")))
            return False
        return True

    def take(self, source: Source) -> None:
        errors = list(source.errors)
        articles = [a for a in source.articles if self._first(a.id, source.name, errors)]
        skipped = sum(self._first(aid, source.name, errors) for aid in source.unread)
        hashes = [article_hash(a) for a in articles]
        for article, h in zip(articles, hashes, strict=True):
            if self.writer.hashes.get(article.id) == h:
                skipped += 1
                continue
            if not self.replace and article.id in self.writer.hashes:
                errors.append(ArticleFormatError(source.name, None, _KEPT.format(article.id)))
                continue
            self.todo.append(article)
            self.queued += 1
            if len(self.todo) >= self.task_size:
                self.submit()
        if source.record is not None:
            self._remember(source, source.record, hashes, clean=not errors)
        self.report += IngestReport(skipped=skipped, errors=tuple(errors))
        self.bar.update(skipped)

    def _remember(self, source: Source, record: InputRecord, hashes: list[str], *,
                  clean: bool) -> None:
        """Queue a file's record for the batch that stores its last article (a file with
        errors is not recorded: the next run reads it again and reports them again)."""
        if not source.unread:
            ids = tuple(a.id for a in source.articles)
            old = self.writer.inputs.get(record.path)
            self.vanished.update(set(old.ids if old else ()).difference(ids))
            record = replace(record, ids=ids, digest=store_inputs.articles_digest(hashes))
        if clean:
            self.waiting.append((source.name, record, self.queued))

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
        self.failed_files.update(self.seen.get(aid, src) for src, aid, _ in result.failures)
        self.parsed.append(result.tables)
        self.collected += len(result.tables) + len(failed)
        self.bar.update(len(result.tables) + len(failed))
        if sum(map(len, self.parsed)) >= self.batch_size:
            self.write()

    def write(self) -> None:
        """Commit the parsed results, and the records of the files they complete, as one
        transaction."""
        batch = (BatchTables(*(pa.concat_tables([getattr(t, name) for t in self.parsed])
                               for name in ("articles", "mentions", "places")))
                 if self.parsed else batch_tables([]))
        self.parsed = []
        inputs = []
        while self.waiting and self.waiting[0][2] <= self.collected:
            name, record, _ = self.waiting.popleft()
            if name not in self.failed_files:
                inputs.append(record)
        replaced = self.writer.commit(batch, inputs) if len(batch) or inputs else 0
        self.report += IngestReport(added=len(batch) - replaced, replaced=replaced,
                                    mentions=batch.mentions.num_rows)

    def finish(self) -> None:
        self.submit()
        while self.pending:
            self.collect(self.pending.popleft().result())
        if self.parsed or self.waiting:
            self.write()
        self.report += IngestReport(vanished=len(self.vanished.difference(self.seen)))


def reparse(runner: Runner) -> repair.Reparse:
    """Geoparse some articles on ``runner`` (a damaged month, again from the store)."""

    def parse(articles: Sequence[Article]) -> tuple[BatchTables, list[tuple[str, str, str]]]:
        pending = [runner.submit(list(articles[i:i + TASK_SIZE]))
                   for i in range(0, len(articles), TASK_SIZE)]
        results = [p.result() for p in pending]
        tables = [r.tables for r in results] or [batch_tables([])]
        return (BatchTables(*(pa.concat_tables([getattr(t, name) for t in tables])
                              for name in ("articles", "mentions", "places"))),
                [f for r in results for f in r.failures])

    return parse


def place_lookup(runner: Runner) -> repair.PlaceOf:
    """The gazetteer's place by id (a damaged places table, again), loaded when first asked:
    in the form the geoparser stores (its display name and point), so a repaired table is
    the table ingest wrote."""

    def place_of(place_id: str) -> Place | None:
        gaz = (getattr(runner, "geoparser", None) or worker_geoparser()).gaz
        row = gaz.row(place_id)
        return None if row is None else gaz.display_at(row)

    return place_of


def _ingest_into(writer: StoreWriter, sources: Iterable[Source], runner: Runner,
                 batch_size: int, progress: bool, replace: bool = True) -> IngestReport:
    bar = tqdm(total=0, unit=" articles", file=sys.stderr, disable=not progress,
               mininterval=0.5, smoothing=0.05)
    seen = 0
    try:
        repaired, lost = repair.repair_first(writer, reparse(runner),
                                                   place_lookup(runner))
        run = _Run(writer, runner, bar, batch_size, repaired, replace)
        for source in sources:
            run.take(source)
            seen += len(source.articles) + len(source.unread)
            bar.total = max(round(seen / max(source.done, 1e-9)), bar.n)
            bar.refresh()
        run.finish()
        if run.report.replaced:
            writer.drop_unused_places()
        writer.compact()
    finally:
        bar.close()
    return run.report + repair.restored(writer, lost)


def ingest_articles(store: str | Path, sources: Iterable[Source], runner: Runner, *,
                    batch_size: int = BATCH_SIZE, progress: bool = True,
                    replace: bool = True) -> IngestReport:
    """Store the articles of ``sources``: new ones added, changed ones replaced (their old
    mentions removed; without ``replace`` refused, the stored one kept), unchanged ones
    skipped. Creates the store if needed."""
    with open_writer(Path(store)) as writer:
        return _ingest_into(writer, sources, runner, batch_size, progress, replace)


def add_articles(store: Store, articles: Sequence[Article], geoparser: Geoparser, *,
                 batch_size: int = BATCH_SIZE, replace: bool = True) -> IngestReport:
    """Geoparse and store articles held in memory (an upload, a test's corpus) in this
    process, then show them to ``store``: what ``ingest_articles`` does for one source."""
    report = ingest_articles(store.root, [Source("upload", articles)], SerialRunner(geoparser),
                             batch_size=batch_size, progress=False, replace=replace)
    store.refresh()
    return report


def ingest(sources: Iterable[str | Path], store: str | Path, runner: Runner, *,
           batch_size: int = BATCH_SIZE, progress: bool = True) -> IngestReport:
    """Ingest article files and folders (``python -m mapapp ingest``); a file the store
    holds unchanged (same path, size and mtime, or same bytes) is not parsed again, and
    with the same size and mtime not even opened."""
    files = input_files(sources)
    with open_writer(Path(store)) as writer:
        return _ingest_into(writer, read_sources(files, writer), runner, batch_size, progress)


def ingest_upload(store: str | Path, name: str, data: bytes, geoparser: Geoparser,
                  limits: reader.ReadLimits | None = None, *,
                  replace: bool = False) -> IngestReport:
    """Read an uploaded file (any corpus format) and add its articles; the report's errors
    include the reader's. ``limits``: what the app lets one upload hold. An upload replaces
    no stored article unless ``replace`` (the operator's ``--allow-replace``): anyone who can
    upload could overwrite the store."""
    result = reader.read_upload(name, data, limits=limits or reader.ReadLimits())
    source = Source(name, result.articles, result.errors)
    return ingest_articles(store, [source], SerialRunner(geoparser), progress=False,
                           replace=replace)
