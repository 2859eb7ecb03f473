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
in memory. Their readers, the error class and :class:`ReadLimits` live in
:mod:`mapapp.corpus.formats`; this module is the public face and re-exports them.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path, PureWindowsPath
from typing import BinaryIO

from mapapp.corpus.folders import article_entries
from mapapp.corpus.formats import (  # ArticleFormatError and ReadLimits are public API here too
    ArticleFormatError,
    FileRead,
    ReadLimits,
    Records,
    decode,
    human_size,
    lone_surrogate,
    parse_date,
    read_csv,
    read_jsonl,
)
from mapapp.corpus.ids import FirstSeen
from mapapp.model import Article
from mapapp.text.lang_cyr import guess_cyrillic
from mapapp.text.name_keys import is_cyrillic
from mapapp.text.sentences import is_noise, noise_spans, split_sentences

SUFFIXES = (".txt", ".jsonl", ".csv")
_HEADER_HINT = 'expected " date YYYY-MM" or " date YYYY-MM-DD" at the start'
_FIX_HEADER = "Fix the header or remove the file."
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


@dataclass(frozen=True)
class ReadResult:
    """The articles that could be read, and a report on everything that could not."""

    articles: tuple[Article, ...] = ()
    errors: tuple[ArticleFormatError, ...] = ()


_LIMITS = ReadLimits()


def _excerpt(value: str, width: int = 9) -> str:
    return repr(value if len(value) <= width else value[:width] + "…")


def guess_lang(text: str) -> str:
    """'nl', 'en', 'de' or 'fr' by counting common function words, a Cyrillic language by
    its letters (``lang_cyr``); '' when unsure.

    >>> guess_lang("De stad is niet gevallen, maar het front beweegt wel.")
    'nl'
    """
    if is_cyrillic(text[:200]) and (cyr := guess_cyrillic(text)):
        return cyr
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


def parse_seed(raw: str, id: str, source: str, *, path: str = "") -> Article:
    """One article from the text of a seed-format file (`` date YYYY-MM <text…>``).

    ``source`` becomes ``Article.source``; ``path`` names the file in errors (default:
    ``source``).

    >>> parse_seed(" date 2023-03 Bachmoet houdt stand.", "a1", "a1.txt").text
    'Bachmoet houdt stand.'
    """
    path = path or source
    if not raw.strip():
        raise ArticleFormatError(path, None, f"the file is empty; {_HEADER_HINT}. {_FIX_HEADER}")
    match = _SEED_HEADER.match(raw)
    if match is None:
        first = raw.lstrip("\ufeff").split("\n", 1)[0]
        got = _excerpt(first) if first.strip() else "an empty first line"
        raise ArticleFormatError(path, 1, f"{_HEADER_HINT}, got {got}. {_FIX_HEADER}")
    advice = f"{_HEADER_HINT}, with a real month and day. {_FIX_HEADER}"
    date = parse_date(match.group(1), path, 1, "in the header: ", advice)
    text = raw[match.end() :]
    if not text.strip():
        raise ArticleFormatError(
            path, 1, "no article text after the date header; add the text or remove the file."
        )
    return _finish(Article(id=id, date=date, text=text, title=_title(text), source=source))


def _read_txt(stream: BinaryIO, path: str, limits: ReadLimits, source: str) -> FileRead:
    data = stream.read(limits.article_bytes + 1)
    if len(data) > limits.article_bytes:
        raise ArticleFormatError(
            path,
            None,
            f"is larger than the {human_size(limits.article_bytes)} limit for one .txt article; "
            "split it into several .txt files (each with its own ' date ' line) or into a "
            ".jsonl file with one article per line.",
        )
    article = parse_seed(decode(data, path), Path(path).stem, source, path=path)
    return [(article, 1)], []


def _finished(read: FileRead) -> FileRead:
    """A JSON Lines or CSV read with every article finished like a seed one."""
    records, errors = read
    return [(_finish(article), line) for article, line in records], errors


def _read_jsonl(stream: BinaryIO, path: str, limits: ReadLimits, source: str) -> FileRead:
    return _finished(read_jsonl(stream, path, limits, source))


def _read_csv(stream: BinaryIO, path: str, limits: ReadLimits, source: str) -> FileRead:
    return _finished(read_csv(stream, path, limits, source))


# A reader gets the stream, the file's name for errors, the limits, and the articles' source.
_Reader = Callable[[BinaryIO, str, ReadLimits, str], FileRead]
_READERS: dict[str, _Reader] = {
    ".txt": _read_txt,
    ".jsonl": _read_jsonl,
    ".csv": _read_csv,
}


def _format_reader(path: str) -> _Reader:
    """The reader for the format that the extension of ``path`` names."""
    suffix = Path(path).suffix.lower()
    if suffix not in _READERS:
        message = f"unsupported file type {suffix or '(none)'!r}; expected .txt (seed format),"
        raise ArticleFormatError(path, None, f"{message} .jsonl or .csv. Convert or remove it.")
    return _READERS[suffix]


def _read_one(path: Path, limits: ReadLimits, name: str = "", source: str = "") -> FileRead:
    """Read the file at ``path``; errors call it ``name`` (default: the path) and its articles'
    source is ``source`` (default: the file's name), so no server path reaches a page."""
    name, source = name or str(path), source or path.name
    if lone_surrogate(source) >= 0:
        message = "the file's name is not valid UTF-8, so no page or store can show it; rename"
        return [], [ArticleFormatError(name, None, f"{message} the file (in UTF-8).")]
    try:
        with path.open("rb") as stream:
            return _format_reader(name)(stream, name, limits, source)
    except ArticleFormatError as error:
        return [], [error]
    except FileNotFoundError:
        return [], [ArticleFormatError(name, None, "no such file; check the path.")]
    except IsADirectoryError:
        return [], [ArticleFormatError(name, None, "is a folder; read it with read_folder.")]
    except OSError as error:
        return [], [ArticleFormatError(name, None, f"cannot read the file ({error.strerror}).")]


def _merge(reads: Iterable[tuple[str, Records, list[ArticleFormatError]]]) -> ReadResult:
    """Join files' results; an id already read from an earlier file is an error on the later."""
    articles: list[Article] = []
    errors: list[ArticleFormatError] = []
    first_source: FirstSeen[str] = FirstSeen()
    for path, records, file_errors in reads:
        errors.extend(file_errors)
        for article, line in records:
            if (where := first_source.first(article.id, path)) is not None:
                message = f"duplicate id {article.id!r}, already read from"
                hint = "rename one (a .txt file's id is its name)"
                errors.append(ArticleFormatError(path, line, f"{message} {where}; {hint}."))
            else:
                articles.append(article)
    return ReadResult(tuple(articles), tuple(errors))


def _folder_files(folder: Path, recursive: bool) -> list[Path]:
    """The article files under ``folder`` in sorted order, hidden files and folders skipped;
    a broken link among them is kept, so that reading it says so."""
    return [e.path for e in article_entries(folder, _READERS, recursive=recursive)]


def article_files(
    paths: Iterable[str | os.PathLike[str]], *, recursive: bool = True
) -> list[tuple[Path, str]]:
    """Each file given, and each article file in a folder given (sorted, hidden ones
    skipped), with its name relative to what was given: a folder's file ``sub/a.txt``, a
    file given by itself its own name. That name, not the server's path, is its source.
    """
    files: list[tuple[Path, str]] = []
    for given in map(Path, paths):
        if given.is_dir():
            files.extend((file, file.relative_to(given).as_posix())
                         for file in _folder_files(given, recursive))
        else:
            files.append((given, given.name))
    return files


def folder_fingerprint(folder: str | os.PathLike[str], *, recursive: bool = True) -> str:
    """A digest of the article files under ``folder`` (path, size, mtime): changes when they do.

    The app polls it every few seconds to pick up new and changed files, so it
    looks only at the files :func:`read_folder` reads (an editor's hidden swap
    file must not reload the page) and reads no content.
    """
    digest = hashlib.sha1()
    # (folder, name) order: the digest stays what it was when os.walk listed the files
    for root, name in sorted(os.path.split(str(file)) for file in _folder_files(
            Path(folder), recursive)):
        path = os.path.join(root, name)
        try:
            stat = os.stat(path)
        except OSError:  # removed since the walk (the next poll sees it gone), or unreadable
            continue
        entry = f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n"
        digest.update(entry.encode("utf-8", "surrogateescape"))  # a name that is no UTF-8
    return digest.hexdigest()


def read_file(path: str | os.PathLike[str], *, limits: ReadLimits = _LIMITS) -> ReadResult:
    """Read one ``.txt``, ``.jsonl`` or ``.csv`` file; bad content is reported, never raised."""
    return _merge([(str(path), *_read_one(Path(path), limits))])


def read_upload(name: str, data: bytes, *, limits: ReadLimits = _LIMITS) -> ReadResult:
    """Read an uploaded file's bytes; the extension of ``name`` picks the format."""
    try:
        read = _format_reader(name)(io.BytesIO(data), name, limits, name)
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
    Errors name the files as given (``folder/sub/a.txt``); an article's source is its
    file's name relative to that (``sub/a.txt``, see :func:`article_files`).
    """
    files = article_files(paths, recursive=recursive)
    return _merge((str(file), *_read_one(file, limits, source=rel)) for file, rel in files)


def read_folder(
    path: str | os.PathLike[str], *, recursive: bool = True, limits: ReadLimits = _LIMITS
) -> ReadResult:
    """Read every article file in folder ``path``, as :func:`read_paths` does, naming the
    files relative to the folder in errors too (the app shows them to its visitors)."""
    if not Path(path).is_dir():
        error = ArticleFormatError(path, None, "is not a folder; check the path.")
        return ReadResult(errors=(error,))
    files = article_files([path], recursive=recursive)
    return _merge((rel, *_read_one(file, limits, rel, rel)) for file, rel in files)


def raise_if_empty(result: ReadResult, path: str | os.PathLike[str]) -> None:
    """Raise when ``result`` holds no article at all, naming the first problem found."""
    if result.articles:
        return
    if result.errors:
        detail = f"{len(result.errors)} problem(s), the first: {result.errors[0]}"
    else:
        detail = "no .txt, .jsonl or .csv files found"
    raise ArticleFormatError(path, None, f"no article could be read ({detail}).")


def problems_summary(errors: Iterable[ArticleFormatError]) -> str:
    """How many files had how many problems, for the heading over the list of errors.

    A file with two bad lines is one file with two problems, and its good
    lines are read all the same, so the sentence counts both and promises
    only what is true: the articles that could be read are shown.

    >>> problems_summary([ArticleFormatError("a.jsonl", n, "bad") for n in (2, 3)])
    '1 file had 2 problems; every article that could be read is shown'
    """
    per_file = Counter(error.path for error in errors)
    files, problems = len(per_file), sum(per_file.values())
    if problems == files:
        told = "a problem" if files == 1 else "a problem each"
    else:
        told = f"{problems} problems"
    return f"{files} file{'s' * (files != 1)} had {told}; every article that could be read is shown"


def source_label(source: str, article_id: str = "") -> str:
    """How a source reads in the panel and a download: as written, but a seed file's path by
    its name.

    A source field is the user's text and is shown whole ("Reuters/AP",
    "<b>bron</b>", to be escaped by the caller). Only a path to a ``.txt``
    file named after the article (what the seed reader put there before it
    named files relative to the corpus; a store may still hold it) is cut to
    its name, so neither a panel nor a download shows a folder of the server.

    >>> source_label("/home/me/seeds/a1.txt", "a1"), source_label("Reuters/AP", "a1")
    ('a1.txt', 'Reuters/AP')
    """
    path = PureWindowsPath(source)  # splits on "/" and "\\" alike
    if re.search(r"[/\\]", source) and path.suffix.lower() == ".txt" and path.stem == article_id:
        return path.name
    return source


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
