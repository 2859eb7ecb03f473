"""Reading articles: the seeds against the gold texts, the fixtures, every bad input.

The good fixtures are under tests/data/corpus/ (see tests/data/README.md);
every bad file is written to a temporary folder by the test that needs it, so
the expected message sits next to the bytes that cause it.
"""

from __future__ import annotations

import doctest
import json
import pickle
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mapapp.corpus import reader
from mapapp.corpus.reader import (
    ArticleFormatError,
    ReadLimits,
    ReadResult,
    display_title,
    folder_fingerprint,
    guess_lang,
    parse_seed,
    problems_summary,
    raise_if_empty,
    read_file,
    read_folder,
    read_paths,
    read_upload,
)
from mapapp.model import Article, PartialDate, Span
from mapapp.paths import seed_dir
from mapapp.text.sentences import noise_spans

DATA = Path(__file__).parents[1] / "data" / "corpus"
SEED_IDS = [
    "000_971d12543a6491e8",
    "001_1010306ca34bd51d",
    "002_19c6265daab4d627",
    "003_adfbdb33baf7334b",
    "004_9c128b1442f25881",
]
HEADER = '" date YYYY-MM" or " date YYYY-MM-DD"'
EXAMPLE = '{"id": "a1", "date": "2023-03", "text": "…"}'


def _messages(result: ReadResult) -> list[str]:
    return [str(error) for error in result.errors]


def _write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _article(id: str, date: str, text: str, source: str, **fields: str) -> Article:
    return Article(id, PartialDate.parse(date), text, source=source, noise=noise_spans(text),
                   **fields)  # fmt: skip


# ------------------------------------------------------------------ the seeds


def test_seed_dir_holds_the_five_seeds() -> None:
    assert sorted(p.stem for p in seed_dir().glob("*.txt")) == SEED_IDS


@pytest.mark.shared
def test_seed_texts_equal_the_gold_texts(shared_dir: Path) -> None:
    lines = (shared_dir / "gold" / "seeds_gold.jsonl").read_text(encoding="utf-8").splitlines()
    gold = [json.loads(line) for line in lines if line.strip()]
    result = read_folder(seed_dir())
    assert result.errors == ()
    got = [(a.id, a.date.iso, a.lang, a.text) for a in result.articles]
    assert got == [(g["id"], g["date"], g["lang"], g["text"]) for g in gold]


def test_seeds_as_articles() -> None:
    result = read_folder(seed_dir())
    assert result.errors == ()
    assert [a.id for a in result.articles] == SEED_IDS
    assert [a.date.iso for a in result.articles] == [
        "2023-01", "2022-12", "2023-03", "2023-05", "2023-03",
    ]  # fmt: skip
    title = "Hoe Rusland en Oekraïne vechten om een stad met weinig strategische waarde"
    assert [a.title for a in result.articles] == ["", "", title, "", ""]
    for article in result.articles:
        raw = (seed_dir() / f"{article.id}.txt").read_text(encoding="utf-8")
        assert article.text == raw[len(" date 2023-01 ") :]
        assert article.noise == noise_spans(article.text)
        assert article.lang == "nl"
        assert article.source == f"{article.id}.txt"  # never the server's path (issue 15)


def test_a_files_source_is_its_name_in_the_folder_never_a_server_path(tmp_path: Path) -> None:
    _write(tmp_path, "seeds/a.txt", " date 2023-01 Kyiv staat.")
    _write(tmp_path, "seeds/sub/b.jsonl", '{"id": "b", "date": "2023-01", "text": "Kyiv."}')
    _write(tmp_path, "seeds/sub/c.txt", " date 2023-01")
    by_folder, by_paths = read_folder(tmp_path / "seeds"), read_paths([tmp_path / "seeds"])
    assert [a.source for a in by_folder.articles] == ["a.txt", "sub/b.jsonl"]
    assert by_paths.articles == by_folder.articles
    assert [a.source for a in read_paths([tmp_path / "seeds/sub/b.jsonl"]).articles] == [
        "b.jsonl"]
    # Errors name the file as given to read_paths (a command's user), relative in read_folder
    # (the app's visitors).
    assert _messages(by_paths)[0].startswith(f"{tmp_path}/seeds/sub/c.txt line 1: ")
    assert _messages(by_folder)[0].startswith("sub/c.txt line 1: ")


# ------------------------------------------------------------------ good fixtures

J1_TEXT = (
    "Russische troepen rukken op bij Bachmoet.\n\nVolledig scherm Een tank bij Bachmoet "
    "© ANP / EPA\n\nDe stad is zwaar beschadigd."
)


def test_jsonl_fixture() -> None:
    result = read_file(DATA / "articles.jsonl")
    assert result == ReadResult(
        articles=(
            _article("j1", "2023-03-16", J1_TEXT, "Voorbeeldkrant", title="Bachmoet onder vuur",
                     url="https://example.org/j1", lang="nl"),
            _article("j2", "2023-04", "Ukrainian forces held the line near Kramatorsk on Tuesday "
                     "and the town was quiet, officials said.", "articles.jsonl", lang="en"),
            _article("j3", "2022-12", "Kreminna ligt aan een belangrijke snelweg.",
                     "articles.jsonl", lang="nl"),
        )
    )  # fmt: skip
    assert result.articles[0].date.precision == "day"
    caption = "Volledig scherm Een tank bij Bachmoet © ANP / EPA"
    start = J1_TEXT.index(caption)
    assert result.articles[0].noise == (Span(start, start + len(caption)),)


def test_csv_fixture() -> None:
    text = (
        "Russische troepen rukken op bij Bachmoet.\n\nDe stad is zwaar beschadigd, zei een "
        'woordvoerder: "We houden stand."'
    )
    assert read_file(DATA / "articles.csv") == ReadResult(
        articles=(
            _article("c1", "2023-03-16", text, "articles.csv", title="Bachmoet onder vuur",
                     lang="nl"),
            _article("c2", "2022-12", "Kreminna ligt aan een belangrijke snelweg.",
                     "articles.csv"),
        )
    )  # fmt: skip


def test_csv_with_semicolons() -> None:
    result = read_file(DATA / "semicolon.csv")
    assert [(a.id, a.date.iso, a.text) for a in result.articles] == [
        ("s1", "2023-05", "Soledar is gevallen, meldt het Russische leger.")
    ]
    assert result.errors == ()


def test_folder_recursive_sorted_hidden_skipped_duplicates_reported(tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    shutil.copytree(DATA / "folder", folder)
    _write(folder, ".verborgen.txt", " date 2023-01 Verborgen.")
    _write(folder, ".git/x.txt", " date 2023-01 In een verborgen map.")
    _write(folder, "sub/.hidden.jsonl", "kapot")
    result = read_folder(folder)
    assert [(a.id, a.source) for a in result.articles] == [
        ("a", "a.txt"),
        ("b", "sub/b.txt"),
        ("c", "sub/c.jsonl"),
    ]
    assert result.articles[1].date == PartialDate(2023, 2, 24)
    assert _messages(result) == [
        "sub/c.jsonl line 1: duplicate id 'a', already read from a.txt; "
        "rename one (a .txt file's id is its name)."
    ]


def test_folder_order_is_by_relative_path(tmp_path: Path) -> None:
    for name in ["z.txt", "a/b.txt", "a/a.txt", "A.txt", "m/n/o.txt"]:
        _write(tmp_path, name, " date 2023-01 Tekst.")
    assert [a.id for a in read_folder(tmp_path).articles] == ["A", "a", "b", "o", "z"]


def test_folder_not_recursive(tmp_path: Path) -> None:
    shutil.copytree(DATA / "folder", tmp_path / "f")
    assert [a.id for a in read_folder(tmp_path / "f", recursive=False).articles] == ["a"]


def test_read_paths_mixes_files_and_folders() -> None:
    result = read_paths([DATA / "semicolon.csv", DATA / "folder"])
    assert [a.id for a in result.articles] == ["s1", "a", "b", "c"]
    assert len(result.errors) == 1


def test_read_upload_matches_read_file() -> None:
    path = DATA / "articles.jsonl"
    assert read_upload("articles.jsonl", path.read_bytes()) == read_file(path)


# ------------------------------------------------------------------ bad .txt files

FIX = "Fix the header or remove the file."
REAL_DATE = f"expected {HEADER} at the start, with a real month and day. {FIX}"
TXT_ERRORS = [
    (b"hello world", 1, f"expected {HEADER} at the start, got 'hello wor…'. {FIX}"),
    (b"\n date 2023-01 X", 1, f"expected {HEADER} at the start, got an empty first line. {FIX}"),
    (b"", None, f"the file is empty; expected {HEADER} at the start. {FIX}"),
    (b" \n\n", None, f"the file is empty; expected {HEADER} at the start. {FIX}"),
    (b" date 2023-13 Tekst.", 1, f"in the header: impossible month 13 in '2023-13'; {REAL_DATE}"),
    (b" date 2023-02-30 X", 1, f"in the header: impossible day 30 in '2023-02-30'; {REAL_DATE}"),
    (b" date 0000-01 Tekst.", 1, f"in the header: year 0 is out of range; {REAL_DATE}"),
    (b" date Tekst zonder datum.", 1, "in the header: expected a date as YYYY-MM or YYYY-MM-DD, "
     f"got 'Tekst'; {REAL_DATE}"),
    (b" date 2023-01 ", 1, "no article text after the date header; add the text or remove the "
     "file."),
    (" date 2023-01 Regel een.\nCafé in Kyiv.".encode("latin-1"), 2, "not valid UTF-8 at byte "
     "offset 28 (byte 0xe9); save the file as UTF-8."),
    (b" date 2023-01 \x00\x01\x02PK", 1, "NUL byte at byte offset 14: this looks like a binary "
     "file, not text. Export the articles as UTF-8 text (.txt, .jsonl or .csv) or remove the "
     "file."),
    (" date 2023-01 Kyiv".encode("utf-16"), None, "the file is UTF-16; save it as UTF-8."),
]  # fmt: skip


@pytest.mark.parametrize(("data", "line", "message"), TXT_ERRORS)
def test_bad_txt(tmp_path: Path, data: bytes, line: int | None, message: str) -> None:
    path = _write(tmp_path, "x.txt", data)
    assert read_file(path) == ReadResult(errors=(ArticleFormatError(path, line, message),))


def test_error_message_names_file_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "x.txt", b"hello world")
    assert _messages(read_file(path)) == [
        f"{path} line 1: expected {HEADER} at the start, got 'hello wor…'. {FIX}"
    ]


def test_bad_txt_error_attributes(tmp_path: Path) -> None:
    path = _write(tmp_path, "x.txt", b" date 2023-13 Tekst.")
    (error,) = read_file(path).errors
    assert (error.path, error.line) == (str(path), 1)
    assert error.message.startswith("in the header: impossible month 13")


@pytest.mark.parametrize(
    ("raw", "text", "date"),
    [
        (" date 2023-01 Tekst.", "Tekst.", "2023-01"),
        ("date 2023-01 Tekst.", "Tekst.", "2023-01"),
        (" date 2023-03-16 Tekst.", "Tekst.", "2023-03-16"),
        ("\ufeff date 2023-01 Tekst.", "Tekst.", "2023-01"),
        (" date 2023-01\nTekst op regel twee.", "Tekst op regel twee.", "2023-01"),
        (" date 2023-01  Twee spaties.\r\n", " Twee spaties.\r\n", "2023-01"),
    ],
)
def test_tolerated_seed_headers(tmp_path: Path, raw: str, text: str, date: str) -> None:
    (article,) = read_file(_write(tmp_path, "a.txt", raw)).articles
    assert (article.text, article.date.iso) == (text, date)


def test_title_needs_a_short_line_and_a_blank_line(tmp_path: Path) -> None:
    cases = {
        "kop.txt": " date 2023-01 Bachmoet valt\n\nDe stad is gevallen.",
        "zin.txt": " date 2023-01 Bachmoet valt.\n\nDe stad is gevallen.",
        "geen.txt": " date 2023-01 Bachmoet valt\nDe stad is gevallen.",
        "alleen.txt": " date 2023-01 Bachmoet valt\n\n",
        "leeg.txt": " date 2023-01  \n\nDe stad is gevallen.",
    }
    for name, raw in cases.items():
        _write(tmp_path, name, raw)
    titles = {a.id: a.title for a in read_folder(tmp_path).articles}
    assert titles == {"alleen": "", "geen": "", "kop": "Bachmoet valt", "leeg": "", "zin": ""}


def test_txt_over_the_size_limit(tmp_path: Path) -> None:
    path = _write(tmp_path, "groot.txt", b" date 2023-01 " + b"x" * 200)
    assert _messages(read_file(path, limits=ReadLimits(article_bytes=100))) == [
        f"{path}: is larger than the 100 bytes limit for one .txt article; split it into several "
        ".txt files (each with its own ' date ' line) or into a .jsonl file with one article "
        "per line."
    ]
    assert ReadLimits().article_bytes == 50 * 1024 * 1024


# ------------------------------------------------------------------ bad .jsonl lines

BAD_JSONL = "\n".join(
    [
        '{"id": "a", "date": "2023-01", "text": "Goed."}',
        '{"id": "b", "date": "2023-01", "text": "Kapot',
        "[1, 2]",
        '{"date": "2023-01", "text": "x"}',
        '{"id": 17, "date": "2023-01", "text": "x"}',
        '{"id": "c", "date": 2023, "text": "x"}',
        '{"id": "d", "date": "2023-01", "text": "  "}',
        '{"id": "a", "date": "2023-01", "text": "Nog eens a."}',
        '{"id": "e", "date": "2023-13", "text": "x"}',
        '{"id": "f", "date": "2023-01", "text": "Café"}',
        '{"id": "g", "date": "2023-01", "text": "Ook goed.", "title": 5}',
        '{"id": "", "date": "2023-01", "text": "x"}',
        "",
        '{"id": "h", "date": "2023-01-05", "text": "Laatste goed."}',
    ]
)


def test_bad_jsonl_lines_are_all_reported_and_good_ones_kept(tmp_path: Path) -> None:
    data = BAD_JSONL.encode("utf-8").replace("Café".encode(), "Café".encode("latin-1"))
    path = _write(tmp_path, "x.jsonl", data)
    result = read_file(path)
    assert [(a.id, a.text) for a in result.articles] == [("a", "Goed."), ("h", "Laatste goed.")]
    offset = data.index(b"Caf\xe9") + 3
    assert _messages(result) == [
        f"{path} line 2: not valid JSON (Invalid control character, column 46); each line must "
        f"be one object such as {EXAMPLE}.",
        f"{path} line 3: expected a JSON object such as {EXAMPLE}, got a list.",
        f"{path} line 4: missing required field(s) 'id'; every record needs id, date and text, "
        f"e.g. {EXAMPLE}.",
        f"{path} line 5: field 'id' must be a string, got a number: 17.",
        f"{path} line 6: field 'date' must be a string, got a number: 2023.",
        f"{path} line 7: empty 'text' for id 'd'; add the article text.",
        f"{path} line 8: duplicate id 'a' (first on line 1); give every article its own id.",
        f"{path} line 9: field 'date': impossible month 13 in '2023-13'; write it as YYYY-MM or "
        "YYYY-MM-DD.",
        f"{path} line 10: not valid UTF-8 at byte offset {offset} (byte 0xe9); save the file as "
        "UTF-8.",
        f"{path} line 11: field 'title' must be a string, got a number: 5.",
        f"{path} line 12: empty 'id'; give every article a unique id.",
    ]


def test_jsonl_with_byte_order_mark_and_crlf(tmp_path: Path) -> None:
    data = '\ufeff{"id": "a", "date": "2023-01", "text": "Kyiv."}\r\n'.encode()
    assert [a.text for a in read_file(_write(tmp_path, "a.jsonl", data)).articles] == ["Kyiv."]


def test_jsonl_record_over_the_size_limit(tmp_path: Path) -> None:
    big = json.dumps({"id": "a", "date": "2023-01", "text": "x" * 300})
    ok = json.dumps({"id": "b", "date": "2023-01", "text": "klein"})
    path = _write(tmp_path, "x.jsonl", f"{big}\n{ok}\n")
    result = read_file(path, limits=ReadLimits(record_bytes=100))
    assert [a.id for a in result.articles] == ["b"]
    assert _messages(result) == [
        f"{path} line 1: this record is {len(big) + 1} bytes, over the 100 bytes limit for one "
        "record; split the article into several records or shorten it."
    ]


def test_jsonl_stops_after_too_many_bad_lines(tmp_path: Path) -> None:
    path = _write(tmp_path, "x.jsonl", "kapot\n" * 1200)
    errors = read_file(path).errors
    assert len(errors) == 1001
    assert errors[-1] == ArticleFormatError(
        path, None, "stopped after 1000 bad records; is this really a .jsonl file?"
    )


def test_binary_jsonl(tmp_path: Path) -> None:
    path = _write(tmp_path, "x.jsonl", b"\x00\x01\n")
    assert [e.message[:33] for e in read_file(path).errors] == ["NUL byte at byte offset 0: this l"]


# ------------------------------------------------------------------ bad .csv files

BAD_CSV = (
    "id,date,text\n"
    "a,2023-01,Goed.\n"
    "b,2023-01\n"
    "c,2023-13,x\n"
    'd,2023-01,""\n'
    '"e",2023-01,"Twee\nregels"\n'
    "a,2023-01,dubbel\n"
    "\n"
    "f,2023-01,Laatste.\n"
)


def test_bad_csv_rows_are_all_reported_and_good_ones_kept(tmp_path: Path) -> None:
    path = _write(tmp_path, "x.csv", BAD_CSV)
    result = read_file(path)
    assert [(a.id, a.text) for a in result.articles] == [
        ("a", "Goed."), ("e", "Twee\nregels"), ("f", "Laatste."),
    ]  # fmt: skip
    assert _messages(result) == [
        f"{path} line 3: has 2 fields but the header has 3; put fields holding the separator or "
        "a line break in quotes.",
        f"{path} line 4: field 'date': impossible month 13 in '2023-13'; write it as YYYY-MM or "
        "YYYY-MM-DD.",
        f"{path} line 5: empty 'text' for id 'd'; add the article text.",
        f"{path} line 8: duplicate id 'a' (first on line 2); give every article its own id.",
    ]


CSV_FILE_ERRORS = [
    (b"id,datum,tekst\na,2023-01,x\n", "line 1: missing required column(s) 'date', 'text'; the "
     "header must name id, date and text (any order), got ['id', 'datum', 'tekst']."),
    (b"", "line 1: the file is empty; expected a header line naming the columns id, date, text."),
    (b"id,date,text\na,2023-01,ok\nb,2023-01,Caf\xe9\n", "line 3: not valid UTF-8 at byte offset "
     "39 (byte 0xe9); save the file as UTF-8."),
    (b"id,date,text\na,2023-01,\x00\n", "line 2: NUL byte at byte offset 23: this looks like a "
     "binary file, not text. Export the articles as UTF-8 text (.txt, .jsonl or .csv) or remove "
     "the file."),
    (b"id,date,text\na,2023-01,ok\xc3", "line 2: not valid UTF-8 at byte offset 25 (byte 0xc3); "
     "save the file as UTF-8."),
]  # fmt: skip


@pytest.mark.parametrize(("data", "message"), CSV_FILE_ERRORS)
def test_bad_csv_files(tmp_path: Path, data: bytes, message: str) -> None:
    path = _write(tmp_path, "x.csv", data)
    line, text = message.split(": ", 1)
    assert read_file(path) == ReadResult(
        errors=(ArticleFormatError(path, int(line.removeprefix("line ")), text),)
    )
    assert _messages(read_file(path)) == [f"{path} {message}"]


def test_empty_jsonl_and_header_only_csv(tmp_path: Path) -> None:
    jsonl = _write(tmp_path, "a.jsonl", "\n  \n")
    csv = _write(tmp_path, "a.csv", "id,date,text\n\n")
    assert read_paths([jsonl, csv]).errors == (
        ArticleFormatError(jsonl, None, "the file is empty; expected one JSON object per line, "
                           f"such as {EXAMPLE}."),
        ArticleFormatError(csv, None, "there is a header but no records below it; add one "
                           "article per line."),
    )  # fmt: skip


def test_csv_byte_order_mark_and_header_case(tmp_path: Path) -> None:
    data = "\ufeffID, Date ,Text\r\nx,2023-01,Kyiv.\r\n".encode()
    assert [a.id for a in read_file(_write(tmp_path, "b.csv", data)).articles] == ["x"]


def test_csv_record_over_the_size_limit(tmp_path: Path) -> None:
    path = _write(tmp_path, "x.csv", "id,date,text\na,2023-01," + "x" * 200 + "\nb,2023-01,ok\n")
    result = read_file(path, limits=ReadLimits(record_bytes=100))
    assert [a.id for a in result.articles] == ["b"]
    assert _messages(result) == [
        f"{path} line 2: this record is 208 characters, over the 100 bytes limit for one record "
        "(is a double quote left unclosed?); split the article into several records or shorten it."
    ]


# ------------------------------------------------------------------ files and folders


def test_unknown_extension_missing_file_and_folder(tmp_path: Path) -> None:
    docx = _write(tmp_path, "x.docx", b"PK")
    result = read_paths([docx, tmp_path / "weg.txt"])
    assert _messages(result) == [
        f"{docx}: unsupported file type '.docx'; expected .txt (seed format), .jsonl or .csv. "
        "Convert or remove it.",
        f"{tmp_path / 'weg.txt'}: no such file; check the path.",
    ]
    assert _messages(read_file(tmp_path)) == [f"{tmp_path}: is a folder; read it with read_folder."]
    assert _messages(read_folder(docx)) == [f"{docx}: is not a folder; check the path."]


def test_folder_reports_every_bad_file_and_keeps_every_good_one(tmp_path: Path) -> None:
    _write(tmp_path, "1.txt", " date 2023-01 Goed.")
    _write(tmp_path, "2.txt", "slecht")
    _write(tmp_path, "3.jsonl", '{"id": "x", "date": "2023-01", "text": "Goed."}\nslecht\n')
    _write(tmp_path, "4.csv", "id,text\n")
    _write(tmp_path, "5.txt", " date 2023-13 Slecht.")
    _write(tmp_path, "6.TXT", " date 2023-02 Ook goed.")
    result = read_folder(tmp_path)
    assert [a.id for a in result.articles] == ["1", "x", "6"]
    assert [(Path(e.path).name, e.line) for e in result.errors] == [
        ("2.txt", 1), ("3.jsonl", 2), ("4.csv", 1), ("5.txt", 1),
    ]  # fmt: skip


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, "x.txt", " date 2023-01 Kyiv.")

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    assert _messages(read_file(path)) == [f"{path}: cannot read the file (Permission denied)."]


def test_raise_if_empty(tmp_path: Path) -> None:
    with pytest.raises(ArticleFormatError) as caught:
        raise_if_empty(read_folder(tmp_path), tmp_path)
    assert str(caught.value) == (
        f"{tmp_path}: no article could be read (no .txt, .jsonl or .csv files found)."
    )
    _write(tmp_path, "x.txt", "slecht")
    with pytest.raises(ArticleFormatError, match=r"\(1 problem\(s\), the first: .*x.txt line 1"):
        raise_if_empty(read_folder(tmp_path), tmp_path)
    raise_if_empty(read_folder(DATA / "folder"), DATA / "folder")  # articles: no error


def test_error_str_and_pickle() -> None:
    error = ArticleFormatError("seeds/x.txt", 1, "expected …")
    assert str(error) == "seeds/x.txt line 1: expected …"
    assert str(ArticleFormatError(Path("a.csv"), None, "leeg.")) == "a.csv: leeg."
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.path, copy.line, copy.message) == ("seeds/x.txt", 1, "expected …")
    assert copy == error and hash(copy) == hash(error)
    assert error != ArticleFormatError("seeds/x.txt", 2, "expected …")
    assert isinstance(copy, ValueError)


# ------------------------------------------------------------------ display titles


def test_display_title() -> None:
    date = PartialDate(2023, 1)
    assert display_title(Article("a", date, "Tekst.", title="Kop")) == "Kop"
    text = "ANP\nBachmoet valt. Daarna Kyiv."
    assert display_title(Article("a", date, text, noise=noise_spans(text))) == "Bachmoet valt."
    long = (
        "De strijd om de Oost-Oekraïense stad Bakhmut lijkt na ruim een half jaar het einde te "
        "naderen."
    )
    title = display_title(Article("a", date, long))
    assert title == "De strijd om de Oost-Oekraïense stad Bakhmut lijkt na ruim een half jaar het…"
    assert len(title) <= 81
    assert display_title(Article("leeg", date, "© AFP")) == "leeg"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("De stad is niet gevallen, maar het front beweegt wel.", "nl"),
        ("The town has not fallen and the front is moving, officials said.", "en"),
        ("Die Stadt ist nicht gefallen, sagte der Sprecher auf dem Platz.", "de"),
        ("La ville est tombée et les soldats sont partis pour le front.", "fr"),
        ("Bachmoet. Kyiv. Kramatorsk.", ""),
        ("", ""),
    ],
)
def test_guess_lang(text: str, lang: str) -> None:
    assert guess_lang(text) == lang


def test_doctests() -> None:
    assert doctest.testmod(reader).failed == 0


# ------------------------------------------------------------------ properties


def _only_format_errors(result: ReadResult, name: str) -> None:
    assert isinstance(result, ReadResult)
    assert all(type(e) is ArticleFormatError and e.path == name for e in result.errors)
    for article in result.articles:
        assert article.text.strip() and article.id.strip()


@given(st.binary(max_size=300))
def test_random_bytes_as_txt(data: bytes) -> None:
    _only_format_errors(read_upload("x.txt", data), "x.txt")


@given(st.binary(max_size=300).map(lambda b: b" date 2023-01 " + b))
def test_random_bytes_after_a_seed_header(data: bytes) -> None:
    _only_format_errors(read_upload("x.txt", data), "x.txt")


_JSON_LINE = st.one_of(
    st.text(max_size=80),
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=10),
        lambda inner: st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(["id", "date", "text", "title", "lang", "x"]), inner),
        max_leaves=8,
    ).map(json.dumps),
)


@given(st.lists(_JSON_LINE, max_size=8))
def test_random_lines_as_jsonl(lines: list[str]) -> None:
    result = read_upload("x.jsonl", "\n".join(lines).encode("utf-8", "surrogatepass"))
    _only_format_errors(result, "x.jsonl")


_CSV_FIELD = st.one_of(
    st.sampled_from(["id", "date", "text", "2023-01", "2023-02-30", '"', '""', ",", ";", "\n"]),
    st.text(max_size=12),
)


@given(st.lists(st.lists(_CSV_FIELD, max_size=5).map(",".join), max_size=6))
def test_random_csv(lines: list[str]) -> None:
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    _only_format_errors(read_upload("x.csv", data), "x.csv")


@given(st.text(max_size=200))
def test_parse_seed_raises_only_format_errors(raw: str) -> None:
    try:
        article = parse_seed(raw, "a", "a.txt")
    except ArticleFormatError as error:
        assert error.path == "a.txt"
    else:
        assert raw.endswith(article.text) and article.text.strip()


@given(st.text().filter(lambda t: t.strip() and "\x00" not in t))
def test_seed_text_round_trips_exactly(text: str) -> None:
    (article,) = read_upload("a.txt", f" date 2023-03 {text}".encode()).articles
    assert article.text == text
    assert article.date == PartialDate(2023, 3)


@pytest.mark.parametrize(("where", "summary"), [
    ([("a.txt", None)], "1 file had a problem"),
    ([("a.jsonl", 2), ("a.jsonl", 3)], "1 file had 2 problems"),
    ([("a.txt", None), ("b.txt", 1), ("c.csv", 4)], "3 files had a problem each"),
    ([("a.jsonl", 2), ("a.jsonl", 3), ("b.txt", 1)], "2 files had 3 problems"),
])
def test_problems_summary_counts_files_and_problems(where, summary) -> None:
    errors = [ArticleFormatError(path, line, "bad") for path, line in where]
    assert problems_summary(errors) == f"{summary}; every article that could be read is shown"


def test_a_folder_fingerprint_changes_with_the_article_files_only(tmp_path: Path) -> None:
    """The app polls it every few seconds: an editor's swap file must not reload the page."""
    (tmp_path / "a.txt").write_text(" date 2023-03 Bachmoet.", encoding="utf-8")
    first = folder_fingerprint(tmp_path)
    assert folder_fingerprint(tmp_path) == first
    (tmp_path / ".a.txt.swp").write_bytes(b"x")  # hidden
    (tmp_path / "notes.md").write_text("x", encoding="utf-8")  # not an article file
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "b.txt").write_text("x", encoding="utf-8")
    assert folder_fingerprint(tmp_path) == first
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.jsonl").write_text("{}", encoding="utf-8")  # a new article file
    second = folder_fingerprint(tmp_path)
    assert second != first
    (tmp_path / "sub" / "b.jsonl").write_text("{} ", encoding="utf-8")  # changed
    assert folder_fingerprint(tmp_path) not in (first, second)
    (tmp_path / "sub" / "b.jsonl").unlink()
    assert folder_fingerprint(tmp_path) == first
