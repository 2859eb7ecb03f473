"""The JSON Lines and CSV readers, and the error, limits and decoding every reader shares.

JSON Lines and CSV carry ``id``, ``date`` and ``text`` and optional
``title``, ``source``, ``url``, ``lang``. They are read as a stream, so only
one record has to fit in memory, and each bad record becomes an
:class:`ArticleFormatError` next to the good ones instead of ending the read.

This module is the lower half of :mod:`mapapp.corpus.reader`, split off to keep both
readable: the seed ``.txt`` reader, the folder walk and the public API stay
there, and import the error class, :class:`ReadLimits` and the decoding and
date helpers from here, so the imports run one way only. The readers here
return articles with ``lang`` as given and no noise spans; :mod:`mapapp.corpus.reader`
fills those in the same way for every format.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

from mapapp.corpus.date_window import outside_window
from mapapp.corpus.ids import FirstSeen
from mapapp.model import Article, PartialDate

_MB = 1024 * 1024
_REQUIRED = ("id", "date", "text")
_OPTIONAL = ("title", "source", "url", "lang")
_EXAMPLE = '{"id": "a1", "date": "2023-03", "text": "…"}'
# Beyond this many bad lines a file is not the format its name says; say so once and stop.
_MAX_ERRORS_PER_FILE = 1000
_END = "\0"  # what the CSV reader sees after a file's last line (no text holds a NUL)


def printable(text: str) -> str:
    """``text`` with every lone surrogate written as its escape (``\\udce9``): text that UTF-8,
    Parquet and the browser accept. A file name that is no UTF-8 reaches Python as such
    surrogates, and so does a ``\\ud800`` escape in JSON.

    >>> printable("caf\\udce9.txt")
    'caf\\\\udce9.txt'
    """
    if text.isascii():
        return text
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def lone_surrogate(text: str) -> int:
    """The index of the first lone surrogate in ``text`` (no character: UTF-8 cannot hold
    it), or -1."""
    if text.isascii():
        return -1
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        return error.start
    return -1


class ArticleFormatError(ValueError):
    """A file or record that cannot be read as an article: where, and what to do about it.

    ``str(error)`` reads ``seeds/x.txt line 1: expected …``; ``line`` is None
    when the fault is the file as a whole.
    """

    def __init__(self, path: str | os.PathLike[str], line: int | None, message: str) -> None:
        # A file name that is no UTF-8, or a lone surrogate quoted in the message, would make
        # the error itself unprintable (the app's page, a UTF-8 terminal): spell them out.
        self.path = printable(str(path))
        self.line = line
        self.message = printable(message)
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path} line {self.line}"
        return f"{where}: {self.message}"

    def __eq__(self, other: object) -> bool:
        # Errors are values: two reads of the same bad file give equal ReadResults.
        if not isinstance(other, ArticleFormatError):
            return NotImplemented
        return (self.path, self.line, self.message) == (other.path, other.line, other.message)

    def __hash__(self) -> int:
        return hash((self.path, self.line, self.message))

    def __reduce__(self) -> tuple[type[ArticleFormatError], tuple[str, int | None, str]]:
        # Keeps errors picklable (Dask workers send them back to the client).
        return (type(self), (self.path, self.line, self.message))


@dataclass(frozen=True)
class ReadLimits:
    """Size limits that keep a stray huge file from exhausting memory."""

    article_bytes: int = 50 * _MB  # one .txt file is one article
    record_bytes: int = 5 * _MB  # one .jsonl line or .csv record


# A format reader yields (line, what that line gave) and returns the articles with their
# line, and the errors.
_Row = tuple[int, Article | ArticleFormatError | None]
Records = list[tuple[Article, int]]
FileRead = tuple[Records, list[ArticleFormatError]]


class _CsvReader(Protocol):
    line_num: int

    def __next__(self) -> list[str]: ...


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _nul_error(path: str, line: int | None, offset: int) -> ArticleFormatError:
    return ArticleFormatError(
        path,
        line,
        f"NUL byte at byte offset {offset}: this looks like a binary file, not text. "
        "Export the articles as UTF-8 text (.txt, .jsonl or .csv) or remove the file.",
    )


def _utf8_error(path: str, line: int | None, offset: int, byte: int) -> ArticleFormatError:
    return ArticleFormatError(
        path,
        line,
        f"not valid UTF-8 at byte offset {offset} (byte 0x{byte:02x}); save the file as UTF-8.",
    )


def decode(data: bytes, path: str, line: int | None = None, base: int = 0) -> str:
    """``data`` as text; a NUL byte or invalid UTF-8 is an error naming the byte offset."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ArticleFormatError(path, line, "the file is UTF-16; save it as UTF-8.")
    if (nul := data.find(b"\0")) >= 0:
        raise _nul_error(path, line or _line_of(data, nul), base + nul)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        bad = error.start
        raise _utf8_error(path, line or _line_of(data, bad), base + bad, data[bad]) from None


def parse_date(value: str, path: str, line: int | None, where: str, advice: str) -> PartialDate:
    """``value`` as a date in the window a corpus accepts (``date_window``); else an error at
    ``line`` reading ``where``, the fault, ``advice``."""
    try:
        date = PartialDate.parse(value)
        date.first_day  # noqa: B018 (also rejects years datetime cannot hold, like 0000)
    except ValueError as error:
        raise ArticleFormatError(path, line, f"{where}{error}; {advice}") from None
    if why := outside_window(date):
        raise ArticleFormatError(path, line, f"{where}{why}.")
    return date


def human_size(size: int) -> str:
    """``size`` bytes for a message: '5 MB', '2.06 MB' or '1,234 bytes'.

    >>> human_size(5 * 2**20), human_size(2_160_000), human_size(1234)
    ('5 MB', '2.06 MB', '1,234 bytes')
    """
    return f"{round(size / _MB, 2):g} MB" if size >= _MB else f"{size:,} bytes"


def _type_name(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "true/false"}
    return "null" if value is None else names.get(type(value), "a number")


def _field(fields: Mapping[str, object], key: str, path: str, line: int) -> str:
    value = fields.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        message = f"field {key!r} must be a string, got {_type_name(value)}: {value!r:.40}."
        raise ArticleFormatError(path, line, message)
    if (at := lone_surrogate(value)) >= 0:
        raise ArticleFormatError(
            path,
            line,
            f"field {key!r} holds {value[at]!r} at character {at + 1}: half of a UTF-16 "
            "surrogate pair (a \\uD800-\\uDFFF escape without its partner), which is no "
            "character and cannot be stored; fix or remove that escape.",
        )
    return value


def _from_fields(fields: Mapping[str, object], path: str, line: int, source: str = "") -> Article:
    """An Article from a JSON object or CSV row; ``Article.source`` defaults to ``source``,
    else the file name.

    ``lang`` stays as given and ``noise`` empty: the caller finishes the article.
    """
    missing = ", ".join(repr(key) for key in _REQUIRED if key not in fields)
    if missing:
        message = f"missing required field(s) {missing}; every record needs id, date and text"
        raise ArticleFormatError(path, line, f"{message}, e.g. {_EXAMPLE}.")
    id, date, text, title, given, url, lang = (
        _field(fields, key, path, line) for key in _REQUIRED + _OPTIONAL
    )
    if not id.strip():
        raise ArticleFormatError(path, line, "empty 'id'; give every article a unique id.")
    if not text.strip():
        raise ArticleFormatError(path, line, f"empty 'text' for id {id!r}; add the article text.")
    when = parse_date(date, path, line, "field 'date': ", "write it as YYYY-MM or YYYY-MM-DD.")
    return Article(id, when, text, title, given or source or Path(path).name, url, lang)


def _record_lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, int, bytes | None]]:
    """(byte offset, size, line) per line; ``line`` is None for a line over ``limit`` bytes."""
    offset = 0
    while line := stream.readline(limit + 1):
        size = len(line)
        if size > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(_MB)) and not rest.endswith(b"\n"):
                size += len(rest)  # skip the oversize line without holding it
            size += len(rest)
            yield offset, size, None
        else:
            yield offset, size, line
        offset += size


def _too_big(path: str, line: int, size: str, limit: int, hint: str = "") -> ArticleFormatError:
    return ArticleFormatError(
        path,
        line,
        f"this record is {size}, over the {human_size(limit)} limit for one record{hint}; "
        "split the article into several records or shorten it.",
    )


def _jsonl_article(raw: bytes, offset: int, path: str, line: int, source: str) -> Article | None:
    text = decode(raw, path, line, offset)
    if line == 1:
        text = text.removeprefix("\ufeff")  # a byte-order mark some editors write
    if not text.strip():
        return None
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        problem = error.msg.removesuffix(" at")  # "Invalid control character at"
        message = f"not valid JSON ({problem}, column {error.colno}); each line must be"
        raise ArticleFormatError(path, line, f"{message} one object such as {_EXAMPLE}.") from None
    except (ValueError, RecursionError) as error:  # huge integers, absurd nesting
        raise ArticleFormatError(path, line, f"not usable JSON ({error}).") from None
    if not isinstance(value, dict):
        message = f"expected a JSON object such as {_EXAMPLE}, got {_type_name(value)}."
        raise ArticleFormatError(path, line, message)
    return _from_fields(value, path, line, source)


def _jsonl_rows(stream: BinaryIO, path: str, limits: ReadLimits, source: str) -> Iterator[_Row]:
    for line, (offset, size, raw) in enumerate(_record_lines(stream, limits.record_bytes), 1):
        if raw is None:
            yield line, _too_big(path, line, human_size(size), limits.record_bytes)
            continue
        try:
            yield line, _jsonl_article(raw, offset, path, line, source)
        except ArticleFormatError as error:
            yield line, error


def _collect(rows: Iterable[_Row], path: str, empty: str) -> FileRead:
    """Keep a file's articles; report its errors, its repeated ids (keeping the first), and
    the message ``empty`` when it holds no record at all."""
    records: Records = []
    errors: list[ArticleFormatError] = []
    first_line: FirstSeen[int] = FirstSeen()
    for line, item in rows:
        if isinstance(item, Article) and (first := first_line.first(item.id, line)) is not None:
            message = f"duplicate id {item.id!r} (first on line {first})"
            item = ArticleFormatError(path, line, f"{message}; give every article its own id.")
        if isinstance(item, ArticleFormatError):
            errors.append(item)
        elif item is not None:
            records.append((item, line))
        if len(errors) >= _MAX_ERRORS_PER_FILE:
            message = f"stopped after {len(errors)} bad records; is this really a"
            errors.append(ArticleFormatError(path, None, f"{message} {Path(path).suffix} file?"))
            break
    if not records and not errors:
        errors.append(ArticleFormatError(path, None, empty))
    return records, errors


def read_jsonl(stream: BinaryIO, path: str, limits: ReadLimits, source: str = "") -> FileRead:
    """The articles of a JSON Lines file, one object a line, and an error per bad line.

    ``path`` names the file in errors; ``source`` is the articles' default source (else
    the file's name)."""
    empty = f"the file is empty; expected one JSON object per line, such as {_EXAMPLE}."
    return _collect(_jsonl_rows(stream, path, limits, source), path, empty)


def _check_utf8(stream: BinaryIO, path: str) -> None:
    """Raise on the first NUL byte or invalid UTF-8 of ``stream``, then rewind it."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset, line = 0, 1  # of the chunk's first byte
    while chunk := stream.read(_MB):
        if (nul := chunk.find(b"\0")) >= 0:
            raise _nul_error(path, line + chunk.count(b"\n", 0, nul), offset + nul)
        held = decoder.getstate()[0]  # bytes of a character split across chunks
        try:
            decoder.decode(chunk)
        except UnicodeDecodeError as error:
            bad = error.start - len(held)
            byte = (held + chunk)[error.start]
            where = line + chunk.count(b"\n", 0, max(bad, 0))
            raise _utf8_error(path, where, offset + bad, byte) from None
        line += chunk.count(b"\n")
        offset += len(chunk)
    if held := decoder.getstate()[0]:
        raise _utf8_error(path, line, offset - len(held), held[0])  # cut off at the end
    stream.seek(0)


def _unclosed(path: str, line: int, row: list[str]) -> ArticleFormatError:
    """The quote that opened the record's last field ran to the end of the file."""
    opened = line + sum(field.count("\n") for field in row[:-1])
    return ArticleFormatError(
        path,
        opened,
        "a double quote opened on this line is never closed, so every line after it ran "
        "into one field and none of them was read; close the quote (inside a quoted field "
        'a quote is written twice: "") and read the file again.',
    )


def _csv_rows(
    reader: _CsvReader, header: list[str], path: str, limit: int, source: str
) -> Iterator[_Row]:
    columns = {name: i for i, name in reversed(list(enumerate(header)))}  # first of a name wins
    while True:
        line = reader.line_num + 1  # where the next record starts
        try:
            row = next(reader)
            if row == [_END]:
                return
            if row and row[-1].endswith(_END):  # the end of the file came inside a quote
                yield line, _unclosed(path, line, row)
                return
            if not any(field.strip() for field in row):
                continue
            if len(row) != len(header):
                message = f"has {len(row)} fields but the header has {len(header)}; put fields"
                raise ArticleFormatError(
                    path, line, f"{message} holding the separator or a line break in quotes."
                )
            if (size := sum(map(len, row))) > limit:
                hint = " (is a double quote left unclosed?)"
                raise _too_big(path, line, f"{size:,} characters", limit, hint)
            fields = {key: row[i] for key, i in columns.items()}
            yield line, _from_fields(fields, path, line, source)
        except StopIteration:
            return
        except csv.Error as error:  # mostly a field over the limit: an unclosed quote
            message = f"not valid CSV ({error}); is a double quote left unclosed?"
            yield line, ArticleFormatError(path, line, message)
        except ArticleFormatError as error:
            yield line, error


def read_csv(stream: BinaryIO, path: str, limits: ReadLimits, source: str = "") -> FileRead:
    """The articles of a CSV file with a header row (``,`` ``;`` or tab), an error per bad row.

    Raises for a fault in the file as a whole: not UTF-8, no header, a required column missing.
    ``path`` and ``source`` as for :func:`read_jsonl`.
    """
    _check_utf8(stream, path)
    lines = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    first = lines.readline()
    delimiter = max(",;\t", key=first.count)  # ";" is what a Dutch Excel writes
    # csv's field limit is process-wide; raise it (never lower it) so a long article fits.
    csv.field_size_limit(max(csv.field_size_limit(), limits.record_bytes))
    # After the last line comes a NUL (_check_utf8 let none through): read as a record of its
    # own, or, when the file ends inside a quoted field, at that field's end, which tells an
    # unclosed quote from a long last field.
    reader = csv.reader(itertools.chain([first], lines, [_END]), delimiter=delimiter)
    header = [name.strip().lower() for name in next(reader, [])]
    if not any(header):
        message = "the file is empty; expected a header line naming the columns id, date, text."
        raise ArticleFormatError(path, 1, message)
    missing = ", ".join(repr(name) for name in _REQUIRED if name not in header)
    if missing:
        message = f"missing required column(s) {missing}; the header must name id, date and text"
        raise ArticleFormatError(path, 1, f"{message} (any order), got {header!r:.100}.")
    empty = "there is a header but no records below it; add one article per line."
    rows = _csv_rows(reader, header, path, limits.record_bytes, source)
    return _collect(rows, path, empty)
