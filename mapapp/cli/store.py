"""``ingest`` and ``export`` subcommands: a corpus into a store, a store's mentions out.

    python -m mapapp ingest SOURCE… --store PATH [--jobs N | --dask local|tcp://HOST:PORT]
    python -m mapapp export --store PATH --format geojson|csv|parquet [--since D] [--until D]
                            [--place ID] -o OUT

    python -m mapapp store check|repair PATH

``ingest`` exits 0 when every file was read, 1 when some files or records were
rejected (the rest is stored; the reasons are listed at the end), 2 when the
store or the cluster cannot be used (a damaged or tampered store, a full or
read-only disk: the message says what to do). A damaged file it repairs first
and says so. ``store check`` exits 0 when the store is whole, 1 when it found
problems (listed, with the repair command), 2 when the folder is no store;
``store repair`` exits 0 when the store is whole afterwards.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from mapapp.model import PartialDate
from mapapp.store.errors import StoreError


def _runner(args: argparse.Namespace):  # -> ingest.Runner
    from mapapp.ingest.pipeline import LazyRunner, local_runner

    jobs = args.jobs or os.cpu_count() or 1
    if args.dask:
        from mapapp.ingest.on_dask import DaskRunner

        return DaskRunner.connect(args.dask, jobs)
    return LazyRunner(lambda: local_runner(jobs))  # nothing to geoparse: no gazetteer loaded


def _ingest(args: argparse.Namespace) -> int:
    from mapapp.ingest.on_dask import DaskUnavailableError
    from mapapp.ingest.pipeline import ingest
    from mapapp.store.reader import Store

    try:
        Store.open(args.store, create=True)  # a bad --store fails before the gazetteer loads
        runner = _runner(args)
    except (StoreError, DaskUnavailableError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    try:
        sizes = {"batch_size": args.batch_size} if args.batch_size else {}
        report = ingest(args.sources, args.store, runner, progress=not args.quiet, **sizes)
    except StoreError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    finally:
        runner.close()
    print(f"{args.store}: {report.counts()}")
    for note in report.repairs:
        print(f"repaired: {note}")
    if report.errors:
        print("\n".join(report.rejected()), file=sys.stderr)
    return 1 if report.errors else 0


def _store_check(args: argparse.Namespace) -> int:
    from mapapp.store.repair import check

    try:
        report = check(args.store)
    except StoreError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(report.summary(args.store))
    return 1 if report.problems else 0


def _store_repair(args: argparse.Namespace) -> int:
    from mapapp.ingest.pipeline import LazyRunner, local_runner, place_lookup, reparse
    from mapapp.store.repair import check, repair

    runner = LazyRunner(lambda: local_runner(args.jobs or os.cpu_count() or 1))
    try:
        notes = repair(args.store, reparse(runner), place_lookup(runner))
        report = check(args.store)
    except StoreError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    finally:
        runner.close()
    for note in notes:
        print(f"repaired: {note}")
    print(report.summary(args.store))
    return 1 if report.problems else 0


def _date(value: str) -> PartialDate:
    try:
        return PartialDate.parse(value)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def _format(args: argparse.Namespace) -> str | None:
    if args.format:
        return args.format
    suffix = Path(args.output).suffix.lower().lstrip(".")
    return {"geojson": "geojson", "json": "geojson", "csv": "csv",
            "parquet": "parquet", "geoparquet": "parquet"}.get(suffix)


def _export(args: argparse.Namespace) -> int:
    from mapapp.store.reader import Store
    from mapapp.timeline.export import export_store

    fmt = _format(args)
    if fmt is None:
        print(f"error: cannot tell the format from {args.output!r}; give --format geojson, "
              "csv or parquet", file=sys.stderr)
        return 2
    try:
        rows = export_store(Store.open(args.store), args.output, fmt, args.since, args.until,
                            args.place)
    except (StoreError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(f"{rows:,} mentions written to {args.output} ({fmt})")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ingest", help="geoparse article files into a store (GeoParquet)")
    p.add_argument("sources", nargs="+", help="article files or folders (.txt, .jsonl, .csv)")
    p.add_argument("--store", required=True, help="the store folder (created if missing)")
    p.add_argument("--jobs", type=int, default=0,
                   help="worker processes (default: one per core)")
    p.add_argument("--dask", metavar="ADDRESS",
                   help="geoparse on Dask: 'local' (a LocalCluster of --jobs workers) or a "
                        "scheduler address such as tcp://10.0.0.5:8786")
    p.add_argument("--batch-size", type=int, default=0,
                   help="articles a transaction (default 5000); a kill loses at most the "
                        "batch being written and the tasks in flight")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=_ingest)

    e = sub.add_parser("export", help="write a store's mentions as GeoJSON, CSV or GeoParquet")
    e.add_argument("--store", required=True, help="the store folder")
    e.add_argument("--format", choices=("geojson", "csv", "parquet"),
                   help="default: from the output's suffix")
    e.add_argument("--since", type=_date, help="first day or month (YYYY-MM[-DD])")
    e.add_argument("--until", type=_date, help="last day or month (YYYY-MM[-DD])")
    e.add_argument("--place", help="only this place id (a GeoNames id, as in the app's URL)")
    e.add_argument("-o", "--output", required=True, help="the file to write")
    e.set_defaults(func=_export)

    s = sub.add_parser("store", help="check a store, or repair it from its own files")
    actions = s.add_subparsers(dest="action", required=True, metavar="ACTION")
    c = actions.add_parser("check", help="read every file of a store and list what is wrong "
                                         "(changes nothing)")
    c.add_argument("store", type=Path, help="the store folder")
    c.set_defaults(func=_store_check)
    r = actions.add_parser("repair", help="list forgotten files again, set aside what is no "
                                          "store's, geoparse damaged months again (deletes "
                                          "nothing the store needs)")
    r.add_argument("store", type=Path, help="the store folder")
    r.add_argument("--jobs", type=int, default=0,
                   help="worker processes for a damaged month (default: one per core)")
    r.set_defaults(func=_store_repair)
