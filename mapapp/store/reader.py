"""A corpus too big to geoparse at every app start, kept as partitioned GeoParquet.

``python -m mapapp ingest`` geoparses once and writes three tables under one
folder (layout and columns: ``store_tables``; crash safety: ``store_files``)::

    STORE/_manifest.json                      the live files (written atomically)
    STORE/articles/month=2023-03/part-….parquet
    STORE/mentions/month=2023-03/part-….parquet   GeoParquet, WKB points
    STORE/places/part-….parquet                   GeoParquet, WKB points
    STORE/_inputs/part-….json                     the input files as last read (``store_inputs``)
    STORE/_set_aside/…                            what a repair took out (``store_repair``)

Any Parquet tool reads it (``geopandas.read_parquet("STORE/mentions")``,
DuckDB's ``read_parquet('STORE/mentions/*/*.parquet', hive_partitioning=1)``,
QGIS). :class:`Store` is the app's read side: every read touches only the
month partitions a window overlaps and pushes the date filter down to the
Parquet row groups, so a slider move costs the same on a store of ten
articles as on one of a hundred thousand. ``build_timeline(store.parsed_between(a, b))``
gives exactly the Timeline the geoparser's output would have given, and
``store_timeline.timeline_between`` the same tables faster.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds

from mapapp.model import ParsedArticle, PartialDate
from mapapp.periods import PeriodAxis, period_axis
from mapapp.store import files as sf
from mapapp.store.tables import MENTIONS, PLACES, parsed_of
from mapapp.store.write import first_per_place, read_files

DayLike = dt.date | str | PartialDate
T = TypeVar("T")
StoreError = sf.StoreError
_MENTION_COLUMNS = [c for c in MENTIONS.names if c != "geometry"]
_PLACE_COLUMNS = [c for c in PLACES.names if c != "geometry"]


@dataclass(frozen=True)
class WindowTables:
    """The Arrow tables of a window (columns: ``store_tables``), articles by date then id."""

    articles: pa.Table
    mentions: pa.Table
    places: pa.Table


def as_day(value: DayLike, *, last: bool = False) -> dt.date:
    """A window bound: a date, or YYYY-MM / YYYY-MM-DD (a month means its first or last day)."""
    if isinstance(value, dt.date):
        return value
    date = value if isinstance(value, PartialDate) else PartialDate.parse(str(value))
    return date.last_day if last else date.first_day


def _months_between(first: dt.date, last: dt.date) -> set[str]:
    n = (last.year - first.year) * 12 + last.month - first.month + 1
    return {f"{first.year + (first.month - 1 + i) // 12:04d}-{(first.month - 1 + i) % 12 + 1:02d}"
            for i in range(max(n, 0))}


def _overlaps(first: dt.date, last: dt.date) -> pc.Expression:
    return (ds.field("first_day") <= pa.scalar(last, pa.date32())) & (
        ds.field("last_day") >= pa.scalar(first, pa.date32()))



def events_note(root: Path, old: int, every: int) -> str:
    """The note on a store with ``old`` of its ``every`` mention files from before events
    (schema 1), for ``Store.events_note``, ``store check`` and the ``events`` command."""
    return (f"{root}: {old} of {every} mention files were written before the store kept "
            "events (store schema 1), so their mentions show none; to read them, ingest "
            "the articles again into a new store (an ingest into this one skips unchanged "
            "articles): `python -m mapapp ingest SOURCES --store NEW_STORE`")

class Store:
    """The read side of a store folder (see the module docstring); cheap to open."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.manifest = sf.read_manifest(self.root)
        self._id_months: dict[str, str] | None = None

    @classmethod
    def open(cls, path: str | Path, *, create: bool = False) -> Store:
        """Open the store at ``path``; with ``create``, make an empty one if there is none."""
        root = Path(path)
        if create and not (root / sf.MANIFEST).exists():
            sf.create(root)
        return cls(root)

    def refresh(self) -> None:
        """Re-read the manifest (after another process wrote to the store)."""
        self.manifest = sf.read_manifest(self.root)
        self._id_months = None

    def _fresh(self, read: Callable[[], T]) -> T:
        """``read()``, once more on the current files if a writer replaced the ones we knew
        (every public read sees one snapshot of the store). A file that cannot be read is a
        ``DamagedFileError`` naming it (``store_write.read_files``)."""
        try:
            return read()
        except FileNotFoundError:
            self.refresh()
        try:
            return read()
        except FileNotFoundError as err:  # listed in the current manifest, yet not there
            gone = [f for f in self.manifest.files if not (self.root / f).exists()]
            raise (sf.DamagedFileError(self.root, gone[0], "missing") if gone else err) from None

    def _read(self, table: str, files: list[str], columns: Sequence[str] | None,
              filter: pc.Expression | None) -> pa.Table:
        cols = list(columns) if columns is not None else None
        return read_files(self.root, files, table, cols, filter)

    def _places(self, columns: Sequence[str] | None, filter: pc.Expression | None) -> pa.Table:
        """Rows of the places table, one per place (stores written before the writer kept
        places unique within a batch hold repeats)."""
        cols = None if columns is None else list(dict.fromkeys(["place_id", *columns]))
        t = first_per_place(self._read("places", self.manifest.of("places"), cols, filter))
        return t if columns is None else t.select(list(columns))

    def _window(self, table: str, first_day: DayLike, last_day: DayLike,
                columns: Sequence[str] | None, extra: pc.Expression | None = None) -> pa.Table:
        first, last = as_day(first_day), as_day(last_day, last=True)
        months = _months_between(first, last)
        files = [f for f in self.manifest.of(table) if sf.month_of_path(f) in months]
        filter = _overlaps(first, last) if extra is None else _overlaps(first, last) & extra
        return self._read(table, files, columns, filter)

    # ----------------------------------------------------------------- reads

    def months(self) -> list[str]:
        """The months (YYYY-MM) that hold at least one article, sorted."""
        return self.manifest.months("articles")

    def axis(self) -> PeriodAxis:
        """The slider's axis over every stored article, as ``periods.period_axis`` makes it."""
        dates = self._fresh(lambda: self._read("articles", self.manifest.of("articles"),
                                                ["date"], None))
        unique = pc.unique(dates.column("date")).to_pylist()
        return period_axis(PartialDate.parse(d) for d in unique)

    def __len__(self) -> int:
        files = self.manifest.of("articles")
        return ds.dataset([str(self.root / f) for f in files]).count_rows() if files else 0

    def mentions_between(self, first_day: DayLike, last_day: DayLike,
                         columns: Sequence[str] | None = None,
                         place_ids: Iterable[str] | None = None) -> pd.DataFrame:
        """Mentions of the articles whose date overlaps [first_day, last_day].

        Only that window's month partitions are opened, and the date (and
        ``place_ids``) filter is pushed down to the row groups. Columns: see
        ``store_tables``; ``columns`` picks some (the WKB ``geometry`` is
        left out unless asked for).
        """
        extra = None
        if place_ids is not None:
            extra = ds.field("place_id").isin(pa.array(list(place_ids), pa.string()))
        cols = columns or _MENTION_COLUMNS
        return self._fresh(lambda: self._window("mentions", first_day, last_day, cols, extra)
                           ).to_pandas()

    def articles_between(self, first_day: DayLike, last_day: DayLike,
                         columns: Sequence[str] | None = None) -> pd.DataFrame:
        """Articles whose date overlaps [first_day, last_day], by date then id."""
        return self._fresh(lambda: self._window("articles", first_day, last_day, columns)
                           ).to_pandas()

    def _months_of(self, ids: Iterable[str]) -> set[str]:
        if self._id_months is None:
            self._id_months = {}
            for rel in self.manifest.of("articles"):
                t = self._read("articles", [rel], ["article_id"], None)
                self._id_months.update(dict.fromkeys(t.column("article_id").to_pylist(),
                                                     sf.month_of_path(rel) or ""))
        return {self._id_months[i] for i in ids if i in self._id_months}

    def articles(self, ids: Iterable[str], columns: Sequence[str] | None = None) -> pd.DataFrame:
        """The stored articles with these ids (unknown ids are left out)."""
        ids = list(ids)
        filter = ds.field("article_id").isin(pa.array(ids, pa.string()))

        def read() -> pa.Table:
            months = self._months_of(ids)
            files = [f for f in self.manifest.of("articles") if sf.month_of_path(f) in months]
            return self._read("articles", files, columns, filter)

        return self._fresh(read).to_pandas()

    def places(self, ids: Iterable[str] | None = None,
               columns: Sequence[str] | None = None) -> pd.DataFrame:
        """The places table (all stored places, or those with these ids)."""
        filter = None
        if ids is not None:
            filter = ds.field("place_id").isin(pa.array(list(ids), pa.string()))
        cols = columns or _PLACE_COLUMNS
        return self._fresh(lambda: self._places(cols, filter)).to_pandas()

    def window_tables(self, first_day: DayLike, last_day: DayLike) -> WindowTables:
        """Every column of the window's articles and mentions, and the places they name."""

        def read() -> WindowTables:
            articles = self._window("articles", first_day, last_day, None)
            mentions = self._window("mentions", first_day, last_day, None)
            ids = pc.unique(mentions.column("place_id"))
            places = self._places(None, ds.field("place_id").isin(ids))
            return WindowTables(articles, mentions, places)

        return self._fresh(read)

    def article_tables(self, ids: Iterable[str]) -> WindowTables:
        """Every column of these articles and their mentions, and the places they name.

        Opens only the months that hold the articles (the app's panel shows a
        page of them, newest first, however long its window). Unknown ids are
        left out.
        """
        ids = list(ids)
        keep = ds.field("article_id").isin(pa.array(ids, pa.string()))

        def read() -> WindowTables:
            months = self._months_of(ids)
            articles, mentions = (
                self._read(table, [f for f in self.manifest.of(table)
                                   if sf.month_of_path(f) in months], None, keep)
                for table in ("articles", "mentions"))
            places = self._places(None, ds.field("place_id").isin(
                pc.unique(mentions.column("place_id"))))
            return WindowTables(articles, mentions, places)

        return self._fresh(read)

    def parsed_between(self, first_day: DayLike, last_day: DayLike) -> list[ParsedArticle]:
        """The window's articles as the geoparser gave them (equal ParsedArticles), by date, id.

        ``build_timeline`` of these is the app's Timeline exactly; for big windows
        ``store_timeline.timeline_between`` builds the same without a Python object
        per mention.
        """
        t = self.window_tables(first_day, last_day)
        return parsed_of(t.articles, t.mentions, t.places)

    def files_before_events(self) -> list[str]:
        """The mention files written before the store kept events (``files.SCHEMA_VERSION``
        1): they read back with no event on any mention."""
        return [f for f in self.manifest.of("mentions")
                if sf.schema_version(self.root / f) < sf.SCHEMA_VERSION]

    def events_note(self) -> str | None:
        """What to tell a user whose store holds mentions written before events, else None.

        Such a store is read as it is (its mentions carry no event); an ingest skips the
        unchanged articles, so only ingesting again into a new store reads their events.
        """
        old, every = self.files_before_events(), self.manifest.of("mentions")
        return events_note(self.root, len(old), len(every)) if old else None

    def table(self, name: str) -> pa.Table:
        """A whole table (``articles``, ``mentions`` or ``places``), for tools and tests."""
        return self._fresh(lambda: self._read(name, self.manifest.of(name), None, None))

    # ---------------------------------------------------------------- writes


