"""Checking a store and repairing it from its own files (``python -m mapapp store check|repair``).

A store is many files and one manifest that says which are live. Either can be
damaged by hand, by a disk, by a copy: a manifest emptied or missing a month,
a Parquet file truncated, a plan edited to point outside the store. A writer
refuses to work on such a store rather than guess (``store_files``), and
nothing here deletes what the store cannot do without:

* :func:`check` reads every file and lists what is wrong (read-only);
* :func:`repair` sets aside staged plans that name files outside the store,
  lists again the store's files the manifest forgot (anything else under its
  folders goes to ``_set_aside/``), keeps the newest copy of an article stored
  twice, then repairs damaged files as ``ingest`` does;
* :func:`repair_damaged` (run by every ``ingest`` and upload first) geoparses a
  month with a damaged file again from the store's own articles, in one
  transaction, and moves the damaged file to ``_set_aside/``; the articles of
  a damaged articles file come back when their files are ingested again
  (:func:`lost_articles` names those files from the store's input records).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from mapapp.corpus.reader import ArticleFormatError
from mapapp.model import Article, Place, PlaceKind
from mapapp.store import files as sf
from mapapp.store.errors import StoreError, check_path, damage_of
from mapapp.store.reader import events_note
from mapapp.store.report import IngestReport
from mapapp.store.tables import BatchTables, articles_of, places_table
from mapapp.store.write import StoreWriter, first_per_place, open_writer, read_files

# geoparse articles: their tables, and (source, article id, why) of those that failed
Reparse = Callable[[Sequence[Article]], tuple[BatchTables, Sequence[tuple[str, str, str]]]]
PlaceOf = Callable[[str], Place | None]
_SHOWN = 20  # problems of one kind listed before "… and N more"


@dataclass(frozen=True)
class CheckReport:
    """What ``store check`` found: counts of the readable files, problems, and notes."""

    files: int
    articles: int
    mentions: int
    problems: tuple[str, ...]
    notes: tuple[str, ...] = ()

    def summary(self, root: Path) -> str:
        head = (f"{root}: {self.articles:,} articles, {self.mentions:,} mentions in "
                f"{self.files:,} files")
        lines = [f"{head}: " + (f"{len(self.problems):,} problem(s):" if self.problems
                                else "no problems")]
        lines += [f"  {p}" for p in self.problems] + [f"  note: {n}" for n in self.notes]
        if self.problems:
            lines.append(f"`python -m mapapp store repair {root}` repairs them (nothing is "
                         f"deleted: what it takes out goes to {root / sf.SET_ASIDE}).")
        return "\n".join(lines)


def _looks_like_a_store(root: Path) -> None:
    if not (root / sf.MANIFEST).exists() and not any((root / t).is_dir() for t in sf.TABLES):
        sf.read_manifest(root)  # raises "not a store"


def _staged(root: Path) -> list[Path]:
    staging = root / sf.STAGING
    return sorted(staging.iterdir()) if staging.is_dir() and not staging.is_symlink() else []


def _plan_notes(root: Path) -> tuple[list[str], list[str]]:
    problems, notes = [], []
    for txn in _staged(root):
        rel = txn.relative_to(root).as_posix()
        if not (txn / sf.PLAN).exists() and txn.is_dir() and not txn.is_symlink():
            notes.append(f"{rel}: a batch interrupted before its commit; the next ingest drops it")
            continue
        try:
            sf.read_plan(root, txn)
            notes.append(f"{rel}: a committed batch not yet in place; the next ingest finishes it")
        except StoreError as err:
            problems.append(str(err))
    return problems, notes


def _limit(lines: list[str]) -> list[str]:
    return lines[:_SHOWN] + ([f"… and {len(lines) - _SHOWN:,} more"] if len(lines) > _SHOWN
                             else [])


def _ids_by_file(root: Path, table: str, files: Sequence[str]) -> dict[str, list[str]]:
    """Article id → the files of ``table`` holding it, oldest file first."""
    where: dict[str, list[str]] = {}
    for rel in sorted(files):
        ids = pc.unique(read_files(root, [rel], table, ["article_id"]).column("article_id"))
        for aid in ids.to_pylist():
            where.setdefault(aid, []).append(rel)
    return where


def _is_layout(root: Path, rel: str) -> bool:
    try:
        check_path(root, rel, rel, "")
    except StoreError:
        return False
    return True


def check(root: str | Path) -> CheckReport:
    """Read every file of the store and say what is wrong with it (changes nothing)."""
    root = Path(root)
    _looks_like_a_store(root)
    problems, notes = _plan_notes(root)
    try:
        listed: tuple[str, ...] = sf.read_manifest(root).files
    except StoreError as err:
        problems.append(str(err))
        listed = ()
    forgotten = [rel for rel in sf.store_entries(root) if rel not in set(listed)]
    problems += _limit([f"{rel}: in the store but not listed in its manifest"
                        for rel in forgotten])
    counts = {"articles": 0, "mentions": 0}
    healthy = []
    for rel in listed:
        why = damage_of(root, rel, full=True)
        if why:
            problems.append(f"{rel}: damaged ({why})")
            continue
        healthy.append(rel)
        table = rel.split("/", 1)[0]
        if table in counts:
            counts[table] += pq.read_metadata(root / rel).num_rows
    relisted = [f for f in forgotten if _is_layout(root, f) and not damage_of(root, f)]
    twice = {aid: files for aid, files in _ids_by_file(  # as a repair would list them
        root, "articles", [f for f in healthy + relisted if f.startswith("articles/")]).items()
        if len(files) > 1}
    problems += _limit([f"article {aid!r} is stored {len(files)} times ({', '.join(files)})"
                        for aid, files in twice.items()])
    mentions = [rel for rel in healthy if rel.startswith("mentions/")]
    if old := [rel for rel in mentions if sf.schema_version(root / rel) < sf.SCHEMA_VERSION]:
        notes.append(events_note(root, len(old), len(mentions)))
    return CheckReport(len(healthy), counts["articles"], counts["mentions"], tuple(problems),
                       tuple(notes))


# ------------------------------------------------------------------ repair


def _set_aside_bad_plans(root: Path) -> list[str]:
    notes = []
    for txn in _staged(root):
        if not (txn / sf.PLAN).exists() and txn.is_dir() and not txn.is_symlink():
            continue  # never committed: the next writer drops it
        try:
            sf.read_plan(root, txn)
        except StoreError as err:
            dst = root / sf.SET_ASIDE / sf.STAGING / txn.name
            dst.parent.mkdir(parents=True, exist_ok=True)
            os.replace(txn, dst)
            notes.append(f"{err}\n    → set aside as {dst.relative_to(root)}")
    return notes


def _rebuild_manifest(root: Path) -> list[str]:
    """List every file of the store's layout on disk (and keep listing listed files that are
    missing, for ``repair_damaged``); set aside what is no file of a store."""
    notes = []
    try:
        listed = set(sf.read_manifest(root).files)
    except StoreError as err:
        notes.append(f"{err}\n    → rebuilt from the store's files")
        listed = set()
    good = set()
    for rel in sf.store_entries(root):
        if _is_layout(root, rel):
            good.add(rel)
        else:
            notes.append(f"{rel}: no file of a store; set aside as {sf.move_aside(root, rel)}")
    found = sorted(good - listed)
    if found:
        more = f" and {len(found) - 3:,} more" if len(found) > 3 else ""
        notes.append(f"{len(found):,} file(s) of the store its manifest did not list were "
                     f"listed again: {', '.join(found[:3])}{more}")
    missing = {rel for rel in listed if not os.path.lexists(root / rel)}
    if found or notes or not (root / sf.MANIFEST).exists():
        sf.write_manifest(root, sf.Manifest(tuple(sorted(good | missing))))
    return notes


def _dedupe(root: Path) -> list[str]:
    """Keep only the newest copy (by transaction, in the file name) of an article stored in
    several files: rewrite the older files without it, in one transaction per table."""
    notes = []
    for table in ("articles", "mentions"):
        files = [f for f in sf.read_manifest(root).of(table) if not damage_of(root, f)]
        stale: dict[str, list[str]] = {}
        for aid, where in _ids_by_file(root, table, files).items():
            for rel in where[:-1]:
                stale.setdefault(rel, []).append(aid)
        if not stale:
            continue
        txn = sf.Transaction(root)
        for k, (rel, ids) in enumerate(sorted(stale.items())):
            rows = read_files(root, [rel], table)
            keep = rows.filter(pc.invert(pc.is_in(rows.column("article_id"),
                                                  pa.array(ids, pa.string()))))
            txn.remove(rel)
            if keep.num_rows:
                txn.write(txn.part_name(table, sf.month_of_path(rel), f"-d{k}"), keep)
        txn.commit()
        n = len({aid for ids in stale.values() for aid in ids})
        notes.append(f"{n:,} article(s) had {table} in more than one file: the newest copy "
                     f"kept, {len(stale):,} older file(s) rewritten without them")
    return notes


def repair(root: str | Path, reparse: Reparse, place_of: PlaceOf) -> list[str]:
    """Repair the store (see the module docstring); return what was done, for a person."""
    root = Path(root)
    _looks_like_a_store(root)
    with sf.write_lock(root):
        notes = _set_aside_bad_plans(root)
        notes += _rebuild_manifest(root)
        sf.recover(root)  # finish committed plans
        notes += _dedupe(root)
    with open_writer(root, create=False) as writer:
        notes += repair_damaged(writer, reparse, place_of)
        lost = lost_articles(writer)
    for path, ids in sorted(lost.items()):
        notes.append(f"{len(ids):,} article(s) of {path} are not in the store; restore them: "
                     f"python -m mapapp ingest {path} --store {root}")
    return notes


# ------------------------------------------------------------ damaged files


def _aside(writer: StoreWriter, rels: Sequence[str]) -> list[str]:
    return [f"{rel}: damaged ({writer.damaged[rel]}); set aside as {sf.SET_ASIDE}/{rel}"
            for rel in rels]


def _redo_month(writer: StoreWriter, month: str, reparse: Reparse) -> list[str]:
    stored = writer.read_healthy(writer.manifest.of("articles", month), "articles", None)
    bad = sorted(r for r in writer.damaged if sf.month_of_path(r) == month)
    tables, failures = reparse(articles_of(stored))
    notes = _aside(writer, bad)
    writer.replace_month(month, tables)
    if stored.num_rows:
        notes.append(f"the {stored.num_rows:,} stored article(s) of {month} were geoparsed "
                     "again from the store")
    if any(r.startswith("articles/") for r in bad):
        notes.append(f"the articles of {month} in the damaged file are read again from their "
                     "files, when those are given to ingest")
    notes += [f"article {aid!r} of {month}: the geoparser failed ({why}); it is no longer in "
              "the store: ingest its file again" for _src, aid, why in failures]
    return notes


def _redo_places(writer: StoreWriter, place_of: PlaceOf) -> list[str]:
    """The places table again: the readable rows, and the places mentions name that they
    lack, looked up in the gazetteer (or taken from the mentions if it lacks them)."""
    bad = sorted(r for r in writer.damaged if r.startswith("places/"))
    kept = first_per_place(writer.read_healthy(writer.manifest.of("places"), "places", None))
    used = writer.read_healthy(writer.manifest.of("mentions"), "mentions",
                               ["place_id", "place_name", "place_kind", "lat", "lon"])
    have = set(kept.column("place_id").to_pylist())
    lacking: dict[str, Place] = {}
    for pid, name, kind, lat, lon in zip(*(used.column(i).to_pylist() for i in range(5)),
                                         strict=True):
        if pid not in have and pid not in lacking:
            lacking[pid] = place_of(pid) or Place(pid, name, PlaceKind(kind), lat, lon)
    txn = sf.Transaction(writer.root)
    for rel in writer.manifest.of("places"):
        (txn.put_aside if rel in writer.damaged else txn.remove)(rel)
    table = pa.concat_tables([kept, places_table(lacking.values())]).sort_by("place_id")
    if table.num_rows:
        txn.write(txn.part_name("places", None), table)
    notes = _aside(writer, bad)
    writer.manifest = txn.commit()
    writer.place_ids = set(table.column("place_id").to_pylist())
    for rel in bad:
        del writer.damaged[rel]
    return [*notes, f"{len(lacking):,} place(s) named by stored mentions were looked up again"]


def repair_damaged(writer: StoreWriter, reparse: Reparse, place_of: PlaceOf) -> list[str]:
    """Repair every damaged file the writer found (see the module docstring); return what
    was done, for a person."""
    notes: list[str] = []
    for month in sorted({m for r in writer.damaged if (m := sf.month_of_path(r))}):
        notes += _redo_month(writer, month, reparse)
    if any(r.startswith("places/") for r in writer.damaged):
        notes += _redo_places(writer, place_of)
    records = sorted(r for r in writer.damaged if r.startswith(sf.INPUTS + "/"))
    if records:
        txn = sf.Transaction(writer.root)
        for rel in records:
            txn.put_aside(rel)
        notes += [f"{n} (the input files it recorded are read again)"
                  for n in _aside(writer, records)]
        writer.manifest = txn.commit()
        for rel in records:
            del writer.damaged[rel]
    return notes


def lost_articles(writer: StoreWriter) -> dict[str, set[str]]:
    """Input file → the ids of articles it gave that the store no longer holds (lost with a
    damaged file), from the store's records of its input files."""
    return {r.path: lost for r in writer.inputs.values()
            if (lost := {i for i in r.ids if i not in writer.hashes})}


def repair_first(writer: StoreWriter, reparse: Reparse, place_of: PlaceOf
                 ) -> tuple[IngestReport, dict[str, set[str]]]:
    """For an ingest: repair damaged files first; return what was done, and the articles
    lost with a damaged file (by input file) that the ingest may read again."""
    notes = repair_damaged(writer, reparse, place_of) if writer.damaged else []
    return IngestReport(repairs=tuple(notes)), lost_articles(writer)


def restored(writer: StoreWriter, lost: dict[str, set[str]]) -> IngestReport:
    """Which articles lost with a damaged file the ingest read again, and which it did not
    (an error on their file, with the command that restores them)."""
    still = {path: {i for i in ids if i not in writer.hashes} for path, ids in lost.items()}
    back = sum(map(len, lost.values())) - sum(map(len, still.values()))
    notes = (f"{back:,} article(s) lost with a damaged file were read again from their files",
             ) if back else ()
    errors = tuple(ArticleFormatError(path, None, (
        f"{len(ids):,} of its article(s) were lost with a damaged store file; ingest them "
        f"again: python -m mapapp ingest {path} --store {writer.root}"))
        for path, ids in sorted(still.items()) if ids)
    return IngestReport(errors=errors, repairs=notes)
