"""``geoparse`` and ``gazetteer`` subcommands.

``geoparse IN.jsonl OUT.jsonl`` is the benchmark contract of DESIGN.md: one
JSON document a line in, the same documents with ``toponyms`` out. A bad
input line is reported with its number and skipped; the good ones are kept.
"""

from __future__ import annotations

import argparse
import gc
import json
import multiprocessing
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from mapapp.corpus import guess_lang
from mapapp.gazetteer import Gazetteer, cache_dir, data_dir

_PARSER = None  # the worker processes' geoparser, inherited through fork
CHUNK = 200  # documents a worker takes at a time


def _parse_lines(chunk: list[tuple[int, str]]) -> list[tuple[int, str | None, str]]:
    """Geoparse numbered JSON lines; bad lines come back with an error message."""
    out: list[tuple[int, str | None, str]] = []
    for line_no, line in chunk:
        try:
            doc = json.loads(line)
            text = doc["text"]
            if not isinstance(text, str):
                raise TypeError("text is not a string")
        except (json.JSONDecodeError, KeyError, TypeError) as err:
            out.append((line_no, None, f"expected a JSON object with a 'text' string ({err})"))
            continue
        lang = doc.get("lang") or guess_lang(text) or "nl"  # Dutch is the seeds' language
        doc["toponyms"] = _PARSER.toponyms(text, lang)  # type: ignore[union-attr]
        out.append((line_no, json.dumps(doc, ensure_ascii=False), ""))
    return out


def _chunks(path: str) -> Iterator[list[tuple[int, str]]]:
    chunk: list[tuple[int, str]] = []
    with open(path, encoding="utf-8") as src:
        for line_no, line in enumerate(src, 1):
            if line.strip():
                chunk.append((line_no, line))
                if len(chunk) == CHUNK:
                    yield chunk
                    chunk = []
    if chunk:
        yield chunk


def _geoparse(args: argparse.Namespace) -> int:
    """Geoparse a JSON Lines file, in parallel over the machine's cores when it is big.

    Workers are forked after the gazetteer is loaded, so they share its
    memory and nobody loads it twice; results are written in input order.
    """
    global _PARSER
    from mapapp.geoparse import Geoparser

    _PARSER = Geoparser(Gazetteer.load())
    jobs = args.jobs or os.cpu_count() or 1
    big = os.path.getsize(args.input) > 2_000_000
    bad = 0
    with open(args.output, "w", encoding="utf-8") as out:
        if jobs > 1 and big and "fork" in multiprocessing.get_all_start_methods():
            # Frozen objects are never scanned by the collector, so the workers do not
            # touch (and copy) the gazetteer's pages they share with this process.
            gc.freeze()
            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                results = pool.imap(_parse_lines, _chunks(args.input))
                bad = _write(results, args.input, out)
        else:
            bad = _write(map(_parse_lines, _chunks(args.input)), args.input, out)
    return 1 if bad else 0


def _write(results: Iterable[list[tuple[int, str | None, str]]], name: str, out: TextIO) -> int:
    bad = 0
    for chunk in results:
        for line_no, doc, error in chunk:
            if doc is None:
                bad += 1
                print(f"{name} line {line_no}: skipped, {error}", file=sys.stderr)
            else:
                out.write(doc + "\n")
    return bad


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
    p.add_argument("--jobs", type=int, default=0,
                   help="worker processes for big inputs (default: one per core)")
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
