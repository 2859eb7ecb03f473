"""``geoparse`` and ``gazetteer`` subcommands.

``geoparse IN.jsonl OUT.jsonl`` is the benchmark contract of DESIGN.md: one
JSON document a line in, the same documents with ``toponyms`` out. A bad
input line is reported with its number and skipped; the good ones are kept.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from mapapp.gazetteer import Gazetteer, cache_dir, data_dir


def _geoparse(args: argparse.Namespace) -> int:
    from mapapp.geoparse import Geoparser

    gp = Geoparser(Gazetteer.load())
    bad = 0
    with open(args.input, encoding="utf-8") as src, \
            open(args.output, "w", encoding="utf-8") as out:
        for line_no, line in enumerate(src, 1):
            if not line.strip():
                continue
            try:
                doc = json.loads(line)
                text = doc["text"]
                if not isinstance(text, str):
                    raise TypeError("text is not a string")
            except (json.JSONDecodeError, KeyError, TypeError) as err:
                bad += 1
                print(f"{args.input} line {line_no}: skipped, expected a JSON object with a "
                      f"'text' string ({err})", file=sys.stderr)
                continue
            doc["toponyms"] = gp.toponyms(text, doc.get("lang") or "nl")
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")
    return 1 if bad else 0


def _build(args: argparse.Namespace) -> int:
    gaz = Gazetteer.load(rebuild=args.rebuild)
    print(f"{len(gaz):,} places, {len(gaz.index):,} names (cache: {cache_dir()})")
    return 0


def _add_geonames(args: argparse.Namespace) -> int:
    from mapapp.geonames_dump import GeoNamesDumpError, install

    try:
        path = install(args.source, Path(args.data_dir) if args.data_dir else data_dir())
    except (GeoNamesDumpError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(f"added {path}; GeoNames data, CC BY 4.0 (geonames.org). Rebuilding the gazetteer…")
    gaz = Gazetteer.load(data=path.parent.parent)
    print(f"{len(gaz):,} places, {len(gaz.index):,} names")
    return 0


def _lookup(args: argparse.Namespace) -> int:
    gaz = Gazetteer.load()
    for place in gaz.search(args.name, limit=args.limit):
        print(f"{place.id}\t{place.kind}\t{place.name}\t{place.country}\t"
              f"{place.lat:.4f},{place.lon:.4f}\tpop {place.population:,}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("geoparse", help="geoparse a JSON Lines file (the benchmark contract)")
    p.add_argument("input", help="JSON Lines, one document a line with 'id' and 'text'")
    p.add_argument("output", help="where to write the documents with 'toponyms'")
    p.set_defaults(func=_geoparse)

    g = sub.add_parser("gazetteer", help="build, extend and query the gazetteer")
    gsub = g.add_subparsers(dest="gazetteer_command", required=True, metavar="ACTION")
    b = gsub.add_parser("build", help="build (or load) the cached gazetteer")
    b.add_argument("--rebuild", action="store_true", help="rebuild even if a cache exists")
    b.set_defaults(func=_build)
    a = gsub.add_parser("add-geonames", help="add a GeoNames country dump (villages < 500)")
    a.add_argument("source", help="XX.zip or XX.txt path, a URL, or a country code like UA")
    a.add_argument("--data-dir", help="where imported data lives (default: user data folder)")
    a.set_defaults(func=_add_geonames)
    q = gsub.add_parser("lookup", help="list the places a name can mean")
    q.add_argument("name")
    q.add_argument("--limit", type=int, default=20)
    q.set_defaults(func=_lookup)
