"""``events``: a place's event timeline, from a store or a folder of articles."""

from __future__ import annotations

import argparse
import sys


def _history(args: argparse.Namespace):  # -> list[history.EventLine]
    from mapapp.timeline import history

    if args.store:
        from mapapp.store.reader import Store

        store = Store.open(args.store)
        if (note := store.events_note()) is not None:
            print(f"note: {note}", file=sys.stderr)
        return history.store_history(store, args.place)
    from mapapp.corpus.reader import display_title, raise_if_empty, read_folder
    from mapapp.gazetteer.index import Gazetteer
    from mapapp.geoparse.pipeline import Geoparser
    from mapapp.timeline.windows import build_timeline

    result = read_folder(args.corpus)
    raise_if_empty(result, args.corpus)
    parser = Geoparser(Gazetteer.load())
    tl = build_timeline(list(parser.parse_many(result.articles)), display_title)
    return history.timeline_history(tl, args.place)


def _events(args: argparse.Namespace) -> int:
    from mapapp.store.errors import StoreError

    try:
        lines = _history(args)
    except (StoreError, OSError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    if not lines:
        print(f"no events reported at place {args.place}")
        return 0
    print("date\tkind\tside\tclaim\tarticle\twords")
    for line in lines:
        print(line)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("events", help="print what the articles report at a place, in order")
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--store", help="a store folder (python -m mapapp ingest)")
    source.add_argument("--corpus", help="a folder of article files (geoparsed now)")
    p.add_argument("--place", required=True, help="the place id (GeoNames id, as in the URL)")
    p.set_defaults(func=_events)
