"""``frontline`` and ``boundaries`` subcommands: import, download, ask a status.

Thin shells over ``frontline_store``, ``frontline_download``, ``frontline``
and ``boundaries``: parse arguments, resolve the data directory, print what
happened. Exit codes: 0 all well, 1 some files or snapshots failed (the good
ones are kept), 2 nothing could be done (``status``: also when the front line
is unknown on the date, before the first snapshot or with only a snapshot
older than ``--stale-days``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from mapapp.frontline.geostore import FileOutcome
    from mapapp.frontline.place_status import Coverage
    from mapapp.model import PartialDate


def _data_dir(args: argparse.Namespace) -> Path:
    if args.data_dir:
        return Path(args.data_dir)
    from mapapp.paths import data_dir

    return data_dir()


def _report(outcomes: list[FileOutcome] | tuple[FileOutcome, ...]) -> int:
    for o in outcomes:
        if o.ok:
            print(f"imported {o.path}: {o.summary}")
        else:
            print(f"error: {o.error}", file=sys.stderr)
        for warning in o.warnings:
            print(f"warning: {warning}", file=sys.stderr)
    if not outcomes:
        print("error: no GeoJSON files found in the paths given", file=sys.stderr)
        return 2
    return 0 if all(o.ok for o in outcomes) else (1 if any(o.ok for o in outcomes) else 2)


def _import(args: argparse.Namespace) -> int:
    from mapapp.frontline.readers import DEEPSTATE_LICENCE
    from mapapp.frontline.storage import import_paths, store_dir

    data_dir = _data_dir(args)
    report = import_paths(args.files, data_dir)
    code = _report(report.outcomes)
    if report.imported:
        print(f"{report.dates_in_store} date(s) in {store_dir(data_dir)}")
        print(f"Licence: {DEEPSTATE_LICENCE}")
    return code


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}") from None


def _when(text: str) -> PartialDate:
    """A day or a month: a month keeps its span (``place_status.coverage`` reads it)."""
    from mapapp.model import PartialDate

    try:
        return PartialDate.parse(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def _days(text: str) -> int:
    from mapapp.frontline.place_status import parse_stale_days

    try:
        return parse_stale_days(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def _download(args: argparse.Namespace) -> int:
    from mapapp.frontline.download import DownloadError, download
    from mapapp.frontline.readers import DEEPSTATE_CREDIT, DEEPSTATE_LICENCE
    from mapapp.frontline.storage import import_paths, store_dir

    if args.until < args.since:
        print("error: --until is before --since", file=sys.stderr)
        return 2
    data_dir = _data_dir(args)
    cache = store_dir(data_dir) / "cache" / "deepstatemap"
    print(f"{DEEPSTATE_CREDIT}. {DEEPSTATE_LICENCE}")
    try:
        report = download(args.since, args.until, cache, progress=print)
    except DownloadError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    for reason in report.failed:
        print(f"error: {reason}", file=sys.stderr)
    print(f"{report.fetched} snapshot(s) fetched, {report.cached} already cached in {cache}")
    if report.paths and not args.no_import:
        _report(import_paths(report.paths, data_dir).outcomes)
    return 1 if report.failed else 0


def _latlon(text: str) -> tuple[float, float]:
    try:
        lat, lon = (float(v) for v in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected LAT,LON in degrees, got {text!r}") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise argparse.ArgumentTypeError(f"{text!r} is not a latitude,longitude pair")
    return lat, lon


def _outline(args: argparse.Namespace, data_dir: Path) -> BaseGeometry | None:
    """Ukraine's outline from --outline FILE, else from the imported boundaries."""
    from mapapp.frontline.boundaries import outline_of, parse_boundary_file, ukraine_outline

    if args.outline:
        return outline_of(parse_boundary_file(args.outline)[0])
    return ukraine_outline(data_dir)


def _unknown(cover: Coverage) -> int:
    """Say that the front line is unknown on the date, why, and how to fill the gap."""
    print(cover.describe())
    since, until = cover.gap()
    older = " or accept older ones with --stale-days N" if cover.latest else ""
    print(f"note: add snapshots with 'python -m mapapp frontline download --since {since} "
          f"--until {until}'{older}", file=sys.stderr)
    return 2


def _status(args: argparse.Namespace) -> int:
    from mapapp.frontline.geostore import InputFileError
    from mapapp.frontline.place_status import coverage
    from mapapp.frontline.snapshots import Frontline, status_at
    from mapapp.frontline.storage import has_store

    data_dir = _data_dir(args)
    try:
        outline = _outline(args, data_dir)
        if args.files:
            frontline = Frontline.from_files(args.files, outline)
        elif has_store(data_dir):
            frontline = Frontline.from_store(data_dir, outline)
        else:
            print("error: no front-line data: give FILES or import some first with "
                  "'python -m mapapp frontline import FILE…'", file=sys.stderr)
            return 2
    except InputFileError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    cover = coverage(frontline, args.date, args.stale_days)
    snapshot = cover.snapshot
    if snapshot is None:
        return _unknown(cover)
    lat, lon = args.at
    status = status_at(snapshot, lat, lon, near_km=args.near_km)
    name = args.name or f"{args.at[0]:.4f},{args.at[1]:.4f}"
    print(status.describe(name))
    if outline is None:
        print("note: no Ukraine outline imported ('boundaries import'), so the front line "
              "is approximate", file=sys.stderr)
    print(f"({snapshot.credit})")
    return 0


def _boundaries_import(args: argparse.Namespace) -> int:
    from mapapp.frontline.boundaries import import_boundaries, store_path, ukraine_outline

    data_dir = _data_dir(args)
    code = _report(import_boundaries(args.files, data_dir))
    if code < 2:
        have = "found" if ukraine_outline(data_dir) is not None else "not complete yet"
        print(f"stored in {store_path(data_dir)}; Ukraine outline {have}")
    return code


def _add_data_dir(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data-dir", help="where imported data lives (default: $MAPAPP_DATA_DIR "
                   "or the user data folder, e.g. ~/.local/share/mapapp)")


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``frontline`` (import, download, status) and ``boundaries`` groups."""
    f = sub.add_parser("frontline", help="territorial-control snapshots: import, download, "
                       "status of a place")
    fsub = f.add_subparsers(dest="frontline_command", required=True, metavar="ACTION")
    imp = fsub.add_parser("import", help="import DeepStateMap snapshots or dated GeoJSON")
    imp.add_argument("files", nargs="+", metavar="FILE", help="files or folders")
    _add_data_dir(imp)
    imp.set_defaults(func=_import)
    dl = fsub.add_parser("download", help="fetch DeepStateMap history snapshots (online)")
    dl.add_argument("--since", type=_date, required=True, help="first day, YYYY-MM-DD")
    dl.add_argument("--until", type=_date, required=True, help="last day, YYYY-MM-DD")
    dl.add_argument("--no-import", action="store_true", help="only fill the cache")
    _add_data_dir(dl)
    dl.set_defaults(func=_download)
    st = fsub.add_parser("status", help="where a point stood on a date")
    st.add_argument("files", nargs="*", metavar="FILE", help="read these instead of the store")
    st.add_argument("--date", type=_when, required=True,
                    help="YYYY-MM-DD (or YYYY-MM: the end of that month)")
    st.add_argument("--at", type=_latlon, required=True, metavar="LAT,LON")
    st.add_argument("--name", help="the place's name for the sentence")
    st.add_argument("--near-km", type=float, default=10.0, help="'near the front' within "
                    "this many km (default 10)")
    st.add_argument("--stale-days", type=_days, default=10, metavar="N",
                    help="use a snapshot at most N days older than the date (default 10; "
                    "for a month, counted from its last day, and one inside the month always "
                    "counts); older, the status is unknown")
    st.add_argument("--outline", help="boundary file whose UA-* units give Ukraine's outline "
                    "(default: the imported boundaries)")
    _add_data_dir(st)
    st.set_defaults(func=_status)

    b = sub.add_parser("boundaries", help="admin-1 boundaries and region outlines")
    bsub = b.add_subparsers(dest="boundaries_command", required=True, metavar="ACTION")
    bi = bsub.add_parser("import", help="import geoBoundaries / Natural Earth admin-1 GeoJSON")
    bi.add_argument("files", nargs="+", metavar="FILE", help="files or folders")
    _add_data_dir(bi)
    bi.set_defaults(func=_boundaries_import)
