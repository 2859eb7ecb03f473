"""Reading article files of every supported format into Articles, with errors a user can act on.

Users bring their own articles: a folder of seed-style ``.txt`` files, a JSON
Lines export, a spreadsheet saved as CSV, an upload in the app. One bad file
or one bad line must not cost them the rest, and the message must say which
file, which line and what to change. So every reader collects good articles
and :class:`ArticleFormatError` s side by side in a :class:`ReadResult`
instead of stopping at the first problem.

The seed format is a first line `` date YYYY-MM <text…>``; the text is kept
byte for byte after that header, because every offset later stages compute
(and the gold annotations) index into exactly that string. JSON Lines and CSV
carry ``id``, ``date`` and ``text`` and optional ``title``, ``source``,
``url``, ``lang``; they are read as a stream, so only one record has to fit
in memory.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO, Protocol

from mapapp.model import Article, PartialDate
from mapapp.sentences import is_noise, noise_spans, split_sentences

SUFFIXES = (".txt", ".jsonl", ".csv")
_MB = 1024 * 1024
_REQUIRED = ("id", "date", "text")
_OPTIONAL = ("title", "source", "url", "lang")
_EXAMPLE = '{"id": "a1", "date": "2023-03", "text": "…"}'
_HEADER_HINT = 'expected " date YYYY-MM" or " date YYYY-MM-DD" at the start'
_FIX_HEADER = "Fix the header or remove the file."
# Beyond this many bad lines a file is not the format its name says; say so once and stop.
_MAX_ERRORS_PER_FILE = 1000
# " date 2023-01 " (leading space optional, a BOM tolerated); one space or line break ends it.
_SEED_HEADER = re.compile(r"\ufeff? ?date[ \t]+(\S+)(?:[ \t]|\r?\n|\Z)")
# A short first line, then a blank line: the headline (seed 002).
_TITLE = re.compile(r"[ \t]*([^\n]{1,150}?)[ \t\r]*\n[ \t\r]*\n")
# Frequent words of one language that are rare in the others, word -> language.
_STOPWORDS = {
    word: lang
    for lang, words in {
        "nl": "het een van dat op te zijn niet met voor ook wordt werd maar bij naar",
        "en": "the and of to that for on with was are were has have by from",
        "de": "der das und ist nicht mit den von zu ein eine sich auf dem",
        "fr": "le la les et des est une que pour dans du pas au sur qui",
    }.items()
    for word in words.split()
}
_LANGS = sorted(set(_STOPWORDS.values()))


class ArticleFormatError(ValueError):
    """A file or record that cannot be read as an article: where, and what to do about it.

    ``str(error)`` reads ``seeds/x.txt line 1: expected …``; ``line`` is None
    when the fault is the file as a whole.
    """

    def __init__(self, path: str | os.PathLike[str], line: int | None, message: str) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
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


@dataclass(frozen=True)
class ReadResult:
    """The articles that could be read, and a report on everything that could not."""

    articles: tuple[Article, ...] = ()
    errors: tuple[ArticleFormatError, ...] = ()


_LIMITS = ReadLimits()
# A format reader yields (line, what that line gave) and returns the articles with their
# line, and the errors.
_Row = tuple[int, Article | ArticleFormatError | None]
_Records = list[tuple[Article, int]]
_FileRead = tuple[_Records, list[ArticleFormatError]]


class _CsvReader(Protocol):
    line_num: int

    def __next__(self) -> list[str]: ...


def _excerpt(value: str, width: int = 9) -> str:
    return repr(value if len(value) <= width else value[:width] + "…")


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


def _decode(data: bytes, path: str, line: int | None = None, base: int = 0) -> str:
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


def _parse_date(value: str, path: str, line: int | None, where: str, advice: str) -> PartialDate:
    try:
        date = PartialDate.parse(value)
        date.first_day  # noqa: B018 (also rejects years datetime cannot hold, like 0000)
    except ValueError as error:
        raise ArticleFormatError(path, line, f"{where}{error}; {advice}") from None
    return date


def _human(size: int) -> str:
    return f"{size / _MB:g} MB" if size >= _MB else f"{size:,} bytes"


def guess_lang(text: str) -> str:
    """'nl', 'en', 'de' or 'fr' by counting common function words; '' when unsure.

    >>> guess_lang("De stad is niet gevallen, maar het front beweegt wel.")
    'nl'
    """
    # Split on whitespace, not a word regex: it runs on every article and is ten times faster.
    counts = Counter(map(_STOPWORDS.get, text[:1500].lower().split()))
    ranked = sorted(((counts[lang], lang) for lang in _LANGS), reverse=True)
    (first, best), (second, _) = ranked[0], ranked[1]
    return best if first >= 2 and first >= 2 * second else ""


def _title(text: str) -> str:
    """The headline: a short first line without final punctuation, then a blank line."""
    match = _TITLE.match(text)
    if not match or not text[match.end() :].strip():
        return ""
    title = match.group(1).strip()
    if not title or title[-1] in ".,;:" or noise_spans(title):
        return ""
    return title


def _finish(article: Article) -> Article:
    """Fill in what every reader derives the same way: the language if not given, the noise."""
    return replace(
        article, lang=article.lang or guess_lang(article.text), noise=noise_spans(article.text)
    )


def parse_seed(raw: str, id: str, source: str) -> Article:
    """One article from the text of a seed-format file (`` date YYYY-MM <text…>``).

    ``source`` names the file in errors and becomes ``Article.source``.

    >>> parse_seed(" date 2023-03 Bachmoet houdt stand.", "a1", "a1.txt").text
    'Bachmoet houdt stand.'
    """
    if not raw.strip():
        raise ArticleFormatError(source, None, f"the file is empty; {_HEADER_HINT}. {_FIX_HEADER}")
    match = _SEED_HEADER.match(raw)
    if match is None:
        first = raw.lstrip("\ufeff").split("\n", 1)[0]
        got = _excerpt(first) if first.strip() else "an empty first line"
        raise ArticleFormatError(source, 1, f"{_HEADER_HINT}, got {got}. {_FIX_HEADER}")
    advice = f"{_HEADER_HINT}, with a real month and day. {_FIX_HEADER}"
    date = _parse_date(match.group(1), source, 1, "in the header: ", advice)
    text = raw[match.end() :]
    if not text.strip():
        raise ArticleFormatError(
            source, 1, "no article text after the date header; add the text or remove the file."
        )
    return _finish(Article(id=id, date=date, text=text, title=_title(text), source=source))


def _read_txt(stream: BinaryIO, path: str, limits: ReadLimits) -> _FileRead:
    data = stream.read(limits.article_bytes + 1)
    if len(data) > limits.article_bytes:
        raise ArticleFormatError(
            path,
            None,
            f"is larger than the {_human(limits.article_bytes)} limit for one .txt article; "
            "split it into several .txt files (each with its own ' date ' line) or into a "
            ".jsonl file with one article per line.",
        )
    article = parse_seed(_decode(data, path), Path(path).stem, path)
    return [(article, 1)], []


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
    return value


def _from_fields(fields: Mapping[str, object], path: str, line: int) -> Article:
    """An Article from a JSON object or CSV row; ``Article.source`` defaults to the file name."""
    missing = ", ".join(repr(key) for key in _REQUIRED if key not in fields)
    if missing:
        message = f"missing required field(s) {missing}; every record needs id, date and text"
        raise ArticleFormatError(path, line, f"{message}, e.g. {_EXAMPLE}.")
    id, date, text, title, source, url, lang = (
        _field(fields, key, path, line) for key in _REQUIRED + _OPTIONAL
    )
    if not id.strip():
        raise ArticleFormatError(path, line, "empty 'id'; give every article a unique id.")
    if not text.strip():
        raise ArticleFormatError(path, line, f"empty 'text' for id {id!r}; add the article text.")
    when = _parse_date(date, path, line, "field 'date': ", "write it as YYYY-MM or YYYY-MM-DD.")
    source = source or Path(path).name
    return _finish(Article(id, when, text, title, source, url, lang))


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
        f"this record is {size}, over the {_human(limit)} limit for one record{hint}; "
        "split the article into several records or shorten it.",
    )


def _jsonl_article(raw: bytes, offset: int, path: str, line: int) -> Article | None:
    text = _decode(raw, path, line, offset)
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
    return _from_fields(value, path, line)


def _jsonl_rows(stream: BinaryIO, path: str, limits: ReadLimits) -> Iterator[_Row]:
    for line, (offset, size, raw) in enumerate(_record_lines(stream, limits.record_bytes), 1):
        if raw is None:
            yield line, _too_big(path, line, _human(size), limits.record_bytes)
            continue
        try:
            yield line, _jsonl_article(raw, offset, path, line)
        except ArticleFormatError as error:
            yield line, error


def _collect(rows: Iterable[_Row], path: str, empty: str) -> _FileRead:
    """Keep a file's articles; report its errors, its repeated ids (keeping the first), and
    the message ``empty`` when it holds no record at all."""
    records: _Records = []
    errors: list[ArticleFormatError] = []
    first_line: dict[str, int] = {}
    for line, item in rows:
        if isinstance(item, Article) and item.id in first_line:
            message = f"duplicate id {item.id!r} (first on line {first_line[item.id]})"
            item = ArticleFormatError(path, line, f"{message}; give every article its own id.")
        if isinstance(item, ArticleFormatError):
            errors.append(item)
        elif item is not None:
            first_line[item.id] = line
            records.append((item, line))
        if len(errors) >= _MAX_ERRORS_PER_FILE:
            message = f"stopped after {len(errors)} bad records; is this really a"
            errors.append(ArticleFormatError(path, None, f"{message} {Path(path).suffix} file?"))
            break
    if not records and not errors:
        errors.append(ArticleFormatError(path, None, empty))
    return records, errors


def _read_jsonl(stream: BinaryIO, path: str, limits: ReadLimits) -> _FileRead:
    empty = f"the file is empty; expected one JSON object per line, such as {_EXAMPLE}."
    return _collect(_jsonl_rows(stream, path, limits), path, empty)


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


def _csv_rows(reader: _CsvReader, header: list[str], path: str, limit: int) -> Iterator[_Row]:
    columns = {name: i for i, name in reversed(list(enumerate(header)))}  # first of a name wins
    while True:
        line = reader.line_num + 1  # where the next record starts
        try:
            row = next(reader)
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
            yield line, _from_fields({key: row[i] for key, i in columns.items()}, path, line)
        except StopIteration:
            return
        except csv.Error as error:  # mostly a field over the limit: an unclosed quote
            message = f"not valid CSV ({error}); is a double quote left unclosed?"
            yield line, ArticleFormatError(path, line, message)
        except ArticleFormatError as error:
            yield line, error


def _read_csv(stream: BinaryIO, path: str, limits: ReadLimits) -> _FileRead:
    _check_utf8(stream, path)
    lines = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    first = lines.readline()
    delimiter = max(",;\t", key=first.count)  # ";" is what a Dutch Excel writes
    # csv's field limit is process-wide; raise it (never lower it) so a long article fits.
    csv.field_size_limit(max(csv.field_size_limit(), limits.record_bytes))
    reader = csv.reader(itertools.chain([first], lines), delimiter=delimiter)
    header = [name.strip().lower() for name in next(reader, [])]
    if not any(header):
        message = "the file is empty; expected a header line naming the columns id, date, text."
        raise ArticleFormatError(path, 1, message)
    missing = ", ".join(repr(name) for name in _REQUIRED if name not in header)
    if missing:
        message = f"missing required column(s) {missing}; the header must name id, date and text"
        raise ArticleFormatError(path, 1, f"{message} (any order), got {header!r:.100}.")
    empty = "there is a header but no records below it; add one article per line."
    return _collect(_csv_rows(reader, header, path, limits.record_bytes), path, empty)


_READERS: dict[str, Callable[[BinaryIO, str, ReadLimits], _FileRead]] = {
    ".txt": _read_txt,
    ".jsonl": _read_jsonl,
    ".csv": _read_csv,
}


def _format_reader(path: str) -> Callable[[BinaryIO, str, ReadLimits], _FileRead]:
    """The reader for the format that the extension of ``path`` names."""
    suffix = Path(path).suffix.lower()
    if suffix not in _READERS:
        message = f"unsupported file type {suffix or '(none)'!r}; expected .txt (seed format),"
        raise ArticleFormatError(path, None, f"{message} .jsonl or .csv. Convert or remove it.")
    return _READERS[suffix]


def _read_one(path: Path, limits: ReadLimits) -> _FileRead:
    name = str(path)
    try:
        with path.open("rb") as stream:
            return _format_reader(name)(stream, name, limits)
    except ArticleFormatError as error:
        return [], [error]
    except FileNotFoundError:
        return [], [ArticleFormatError(name, None, "no such file; check the path.")]
    except IsADirectoryError:
        return [], [ArticleFormatError(name, None, "is a folder; read it with read_folder.")]
    except OSError as error:
        return [], [ArticleFormatError(name, None, f"cannot read the file ({error.strerror}).")]


def _merge(reads: Iterable[tuple[str, _Records, list[ArticleFormatError]]]) -> ReadResult:
    """Join files' results; an id already read from an earlier file is an error on the later."""
    articles: list[Article] = []
    errors: list[ArticleFormatError] = []
    first_source: dict[str, str] = {}
    for path, records, file_errors in reads:
        errors.extend(file_errors)
        for article, line in records:
            if article.id in first_source:
                message = f"duplicate id {article.id!r}, already read from"
                hint = "rename one (a .txt file's id is its name)"
                where = first_source[article.id]
                errors.append(ArticleFormatError(path, line, f"{message} {where}; {hint}."))
            else:
                first_source[article.id] = path
                articles.append(article)
    return ReadResult(tuple(articles), tuple(errors))


def _folder_files(folder: Path, recursive: bool) -> list[Path]:
    """The article files under ``folder`` in sorted order, hidden files and folders skipped."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")] if recursive else []
        found.extend(
            Path(root, name)
            for name in files
            if not name.startswith(".") and Path(name).suffix.lower() in _READERS
        )
    return sorted(found, key=lambda path: path.relative_to(folder).parts)


def read_file(path: str | os.PathLike[str], *, limits: ReadLimits = _LIMITS) -> ReadResult:
    """Read one ``.txt``, ``.jsonl`` or ``.csv`` file; bad content is reported, never raised."""
    return _merge([(str(path), *_read_one(Path(path), limits))])


def read_upload(name: str, data: bytes, *, limits: ReadLimits = _LIMITS) -> ReadResult:
    """Read an uploaded file's bytes; the extension of ``name`` picks the format."""
    try:
        read = _format_reader(name)(io.BytesIO(data), name, limits)
    except ArticleFormatError as error:
        read = [], [error]
    return _merge([(name, *read)])


def read_paths(
    paths: Iterable[str | os.PathLike[str]],
    *,
    recursive: bool = True,
    limits: ReadLimits = _LIMITS,
) -> ReadResult:
    """Read files and folders (their .txt, .jsonl and .csv files, sorted, hidden ones skipped).

    Every good article is kept and every problem reported; an id seen before
    (in an earlier file or earlier in the same file) is reported, the first kept.
    """
    files: list[Path] = []
    for given in map(Path, paths):
        files.extend(_folder_files(given, recursive) if given.is_dir() else [given])
    return _merge((str(file), *_read_one(file, limits)) for file in files)


def read_folder(
    path: str | os.PathLike[str], *, recursive: bool = True, limits: ReadLimits = _LIMITS
) -> ReadResult:
    """Read every article file in folder ``path`` (see :func:`read_paths`)."""
    if not Path(path).is_dir():
        error = ArticleFormatError(path, None, "is not a folder; check the path.")
        return ReadResult(errors=(error,))
    return read_paths([path], recursive=recursive, limits=limits)


def raise_if_empty(result: ReadResult, path: str | os.PathLike[str]) -> None:
    """Raise when ``result`` holds no article at all, naming the first problem found."""
    if result.articles:
        return
    if result.errors:
        detail = f"{len(result.errors)} problem(s), the first: {result.errors[0]}"
    else:
        detail = "no .txt, .jsonl or .csv files found"
    raise ArticleFormatError(path, None, f"no article could be read ({detail}).")


def seed_dir() -> Path:
    """The bundled seed articles: ``seeds/`` next to the ``mapapp`` package.

    Found via the package's own location, never the working directory; it
    exists in a source checkout (and the Streamlit Cloud deployment).
    """
    return Path(__file__).resolve().parent.parent / "seeds"


def display_title(article: Article, width: int = 80) -> str:
    """The article's title, or else its first real sentence cut to about ``width`` characters."""
    if article.title:
        return article.title
    head = article.text[: width * 20]
    noise = noise_spans(head)
    for span in split_sentences(head, noise):
        if not is_noise(noise, span):
            sentence = head[span.start : span.end]
            if len(sentence) <= width:
                return sentence
            cut = sentence[:width].rsplit(" ", 1)[0] or sentence[:width]
            return cut.rstrip(" ,;:-–") + "…"
    return article.id
