"""``geoparse`` and ``gazetteer`` subcommands.

``geoparse IN.jsonl OUT.jsonl`` is the benchmark contract of DESIGN.md: one
JSON document a line in, the same documents with ``toponyms`` out. IN may
also be a folder or a ``.txt`` / ``.csv`` file, read as ``ingest`` reads them
(folders: their .jsonl, .txt and .csv files; .txt and .csv through the corpus
reader). A bad line (not UTF-8, not JSON, nested too deep, a lone surrogate
escape, no ``text`` string, a ``lang`` that is no string) is named on stderr
with its file, line, what is wrong and what to do, and skipped; every good
document is written. OUT appears only when complete (a temporary file beside
it is renamed over it), and is never one of the inputs.

Exit status: 0 when every document was written, 1 when some lines were
skipped (as ``ingest`` does for rejected records), 2 when nothing could be
done (the input is missing, OUT is an input or cannot be written).
"""

from __future__ import annotations

import argparse
import codecs
import gc
import json
import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, NamedTuple

from mapapp.cli import villages
from mapapp.corpus import reader
from mapapp.corpus.formats import lone_surrogate
from mapapp.corpus.reader import guess_lang
from mapapp.gazetteer.index import Gazetteer
from mapapp.geoparse.events import reader as events
from mapapp.model import Article
from mapapp.paths import cache_dir, data_dir
from mapapp.plumbing import json_fast, spool
from mapapp.plumbing.files import atomic_write
from mapapp.plumbing.pool import can_fork, fork_pool

_PARSER = None  # the worker processes' geoparser, inherited through fork
_SPOOL = ""  # the folder the workers write their output into (plumbing.spool)
# Documents a worker takes at a time: few, so at the end neither worker waits long for the
# other (200 left one idle for up to 0.4 s); a chunk still costs far more than its passing.
CHUNK = 50
TOLD = 100  # bad lines named per file; the rest are counted
_EXAMPLE = '{"id": "a1", "text": "…"}'
_FIX = f"each line must be one JSON object such as {_EXAMPLE}"
# (file as given, line or None for the whole file, what to parse): a JSON line's bytes, a
# document the corpus reader made, or why the line is already known to be bad.
Item = tuple[str, int | None, "bytes | dict | str | _Lines"]
# (file, line, the output line, or None and why it was skipped)
Done = tuple[str, int | None, bytes | None, str]


class _Lines(NamedTuple):
    """A run of a JSON Lines file's lines, by place: the worker reads them itself, so their
    bytes never pass through the pool's pipe (the item's line is the first one's number)."""

    offset: int
    length: int


class _Bad(ValueError):
    """A line that cannot be geoparsed: the message says what is wrong and what to do."""


class _Unusable(ValueError):
    """Nothing can be done: a missing input, an output that is an input or cannot be written."""


def _json_document(raw: bytes, line: int | None) -> tuple[dict, bool]:
    """The JSON object of one line, checked as far as geoparsing needs, and whether orjson
    read it (then orjson may write it: ``json_fast``)."""
    if line == 1:
        raw = raw.removeprefix(codecs.BOM_UTF8)  # a byte-order mark some editors write
    if b"\0" in raw:
        raise _Bad("NUL bytes: this is UTF-16 or a binary file, not UTF-8 text; save the file "
                   "as UTF-8")
    doc = json_fast.loads_fast(raw)
    if doc is not None:
        return _checked(doc), True
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise _Bad(f"not valid UTF-8 (byte 0x{raw[err.start]:02x} at byte {err.start + 1} of "
                   "the line); save the file as UTF-8") from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as err:
        raise _Bad(f"not valid JSON ({err.msg}, column {err.colno}); {_FIX}") from None
    except RecursionError:
        raise _Bad(f"JSON nested too deeply to read; {_FIX}") from None
    except ValueError as err:  # a number of more than 4,300 digits
        raise _Bad(f"not usable JSON ({str(err).split(';')[0]}); write such a value as a "
                   "string, or remove it") from None
    return _checked(doc), False


def _checked(doc: object) -> dict:
    """``doc`` when it is an object with what geoparsing needs, else why not."""
    if not isinstance(doc, dict):
        raise _Bad(f"expected a JSON object, got {type(doc).__name__}; {_FIX}")
    if not isinstance(doc.get("text"), str):
        raise _Bad(f"no 'text' string; {_FIX}")
    if not isinstance(doc.get("lang"), str | None):
        raise _Bad(f"field 'lang' must be a language code such as \"nl\" or \"en\" (or left "
                   f"out), got {type(doc['lang']).__name__}; fix it")
    return doc


def _surrogate(where: str, text: str, at: int) -> _Bad:
    return _Bad(f"{where} holds {text[at]!r}: half of a UTF-16 surrogate pair (a \\uD800-"
                "\\uDFFF escape without its partner), which is no character and cannot be "
                "written; fix or remove that escape")


def _geoparsed(doc: dict, fast: bool) -> bytes:
    """``doc`` with its toponyms, as the output line (by orjson when ``fast``)."""
    text = doc["text"]
    if (at := lone_surrogate(text)) >= 0:
        raise _surrogate(f"field 'text' at character {at + 1}", text, at)
    lang = doc.get("lang") or guess_lang(text) or "nl"  # Dutch is the seeds' language
    try:
        date = doc.get("date")  # the article's, for event dates ("in januari")
        doc["toponyms"] = _PARSER.toponyms(  # type: ignore[union-attr]
            text, lang, date=date if isinstance(date, str) else None)
    except Exception as err:  # one document's fault must not cost the others
        raise _Bad(f"the geoparser failed on this document ({type(err).__name__}: {err}); "
                   "please report it with the line") from None
    if fast and (written := json_fast.dumps_fast(doc)) is not None:
        return written
    try:
        out = json.dumps(doc, ensure_ascii=False, check_circular=False)  # read from JSON: no cycle
        return (out + "\n").encode("utf-8")
    except RecursionError:
        raise _Bad(f"JSON nested too deeply to write; {_FIX}") from None
    except UnicodeEncodeError as err:
        raise _surrogate("a field other than 'text'", out, err.start) from None


def _read_lines(name: str, first: int, lines: _Lines) -> Iterator[Item]:
    """The non-blank lines of a run (see ``_Lines``), each with its number."""
    try:
        with open(name, "rb") as src:
            data = os.pread(src.fileno(), lines.length, lines.offset)
    except OSError as err:
        yield name, None, f"cannot read the file ({err.strerror}); check it and run again"
        return
    for line_no, raw in enumerate(data.split(b"\n"), first):
        if raw.strip():
            yield name, line_no, raw


def _parse_chunk(chunk: list[Item]) -> list[Done]:
    """Geoparse a chunk of documents (in a worker); each bad one comes back with its reason."""
    done: list[Done] = []
    for name, line, payload in chunk:
        if isinstance(payload, _Lines):
            done.extend(_parse_chunk(list(_read_lines(name, line or 1, payload))))
            continue
        try:
            if isinstance(payload, str):
                raise _Bad(payload)
            doc, fast = ((payload, True) if isinstance(payload, dict)
                         else _json_document(payload, line))
            done.append((name, line, _geoparsed(doc, fast), ""))
        except _Bad as bad:
            done.append((name, line, None, str(bad)))
    return done


def _parse_chunk_spooled(chunk: list[Item]) -> tuple[spool.Piece, list[Done]]:
    """``_parse_chunk`` in a worker: the good documents go to its spool file, not back
    through the pipe (see ``plumbing.spool``); the bad ones come back with their reasons."""
    done = _parse_chunk(chunk)
    piece = spool.append(_SPOOL, b"".join([doc for _, _, doc, _ in done if doc is not None]))
    return piece, [item for item in done if item[2] is None]


def _article_document(article: Article) -> dict:
    doc = {"id": article.id, "date": article.date.iso, "text": article.text}
    doc.update((key, value) for key in ("title", "source", "url", "lang")
               if (value := getattr(article, key)))
    return doc


def _jsonl_items(path: Path, name: str) -> Iterator[Item]:
    with path.open("rb") as src:
        if src.read(2) in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
            yield name, None, "the file is UTF-16; save it as UTF-8"
            return
        src.seek(0)
        start = end = 0
        for line_no, raw in enumerate(src, 1):  # runs of CHUNK lines, read by the worker
            end += len(raw)
            if line_no % CHUNK == 0:
                yield name, line_no - CHUNK + 1, _Lines(start, end - start)
                start = end
        if end > start:
            yield name, (line_no // CHUNK) * CHUNK + 1, _Lines(start, end - start)


def _file_items(path: Path) -> Iterator[Item]:
    """The documents of one file: JSON Lines as the contract says, .txt and .csv through the
    corpus reader (its errors named as its own)."""
    name = str(path)
    try:
        if path.suffix.lower() not in (".txt", ".csv"):
            yield from _jsonl_items(path, name)
            return
        result = reader.read_file(path)
        yield from ((error.path, error.line, error.message) for error in result.errors)
        yield from ((name, None, _article_document(article)) for article in result.articles)
    except OSError as err:
        yield name, None, f"cannot read the file ({err.strerror}); check it and run again"


def _chunks(files: Iterable[Path]) -> Iterator[list[Item]]:
    chunk: list[Item] = []
    for path in files:
        for item in _file_items(path):
            if isinstance(item[2], _Lines):  # a run of lines is a chunk of its own
                if chunk:
                    yield chunk
                    chunk = []
                yield [item]
                continue
            chunk.append(item)
            if len(chunk) == CHUNK:
                yield chunk
                chunk = []
    if chunk:
        yield chunk


def _inputs(given: Path) -> list[Path]:
    """The files to read: ``given``, or the article files of the folder ``given``."""
    if given.is_dir():
        files = [path for path, _rel in reader.article_files([given])]
        if not files:
            raise _Unusable(f"{given}: no .jsonl, .txt or .csv files in this folder.")
        return files
    if not given.is_file():
        raise _Unusable(f"{given}: no such file or folder; check the path.")
    return [given]


def _check_output(out: Path, files: list[Path]) -> None:
    if out.is_dir():
        raise _Unusable(f"{out}: is a folder; give the name of the file to write.")
    if not out.parent.is_dir():
        raise _Unusable(f"{out}: the folder {out.parent} does not exist; create it first.")
    if out.exists() and any(os.path.samefile(out, file) for file in files):
        raise _Unusable(f"{out}: is also an input; write the documents to another file (the "
                        "input is never overwritten).")


def _write(results: Iterable[list[Done] | tuple[spool.Piece, list[Done]]], out: BinaryIO) -> int:
    """Write the good documents in input order and name the bad ones; return how many.

    A result is a chunk's documents, or where a worker spooled its good ones and its bad.
    """
    bad: Counter[str] = Counter()
    copier = spool.Copier(out)
    for result in results:
        chunk: list[Done]
        if isinstance(result, tuple):
            piece, chunk = result
            copier.copy(piece)
        else:
            chunk = result
        for name, line, doc, why in chunk:
            if doc is not None:
                out.write(doc)
                continue
            bad[name] += 1
            if bad[name] <= TOLD:
                where = name if line is None else f"{name} line {line}"
                print(f"{where}: skipped, {why.rstrip('.')}.", file=sys.stderr)
    copier.close()
    for name, n in bad.items():
        if n > TOLD:
            print(f"{name}: skipped {n - TOLD} more bad lines.", file=sys.stderr)
    return sum(bad.values())


def _run(files: list[Path], jobs: int, out: BinaryIO, spool_to: Path) -> int:
    """Geoparse in parallel over the machine's cores when the input is big.

    Workers are forked after the gazetteer is loaded, so they share its
    memory and nobody loads it twice; results are written in input order. A small
    input compiles the event rules of the languages it meets only, when it meets them.
    """
    global _SPOOL
    big = sum(os.path.getsize(file) for file in files) > 2_000_000
    if jobs > 1 and big and can_fork():
        events.warm()  # every language's rules compiled once, shared by the forked workers
        with spool.folder_beside(spool_to) as _SPOOL, fork_pool(jobs) as pool:
            return _write(pool.imap(_parse_chunk_spooled, _chunks(files)), out)
    return _write(map(_parse_chunk, _chunks(files)), out)


def _replace_when_done(out: Path, files: list[Path], jobs: int) -> int:
    """Write into a temporary file beside ``out`` and rename it over ``out`` when complete."""
    with atomic_write(out) as dst:
        return _run(files, jobs, dst, out)


def _geoparse(args: argparse.Namespace) -> int:
    global _PARSER
    from mapapp.geoparse.pipeline import Geoparser

    out = Path(args.output)
    try:
        files = _inputs(Path(args.input))
        _check_output(out, files)
    except _Unusable as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    gaz = Gazetteer.load()
    gc.freeze()  # the index lives to the end: no collection need walk its million names
    _PARSER = Geoparser(gaz)
    try:
        bad = _replace_when_done(out, files, args.jobs or os.cpu_count() or 1)
    except OSError as err:
        print(f"error: {out}: cannot write it ({err.strerror}); nothing was written.",
              file=sys.stderr)
        return 2
    return 1 if bad else 0


def _build(args: argparse.Namespace) -> int:
    gaz = Gazetteer.load(rebuild=args.rebuild)
    print(f"{len(gaz):,} places, {len(gaz.index):,} names (cache: {cache_dir()})")
    return 0


def _add_geonames(args: argparse.Namespace) -> int:
    from mapapp.gazetteer.dumps import GeoNamesDumpError, install

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
    p.add_argument("input", help="JSON Lines, one document a line with 'id' and 'text' (or a "
                   ".txt or .csv file, or a folder of them)")
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
    villages.register(gsub)  # ``gazetteer offer``: the villages a corpus needs
