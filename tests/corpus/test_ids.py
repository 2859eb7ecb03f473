"""mapapp.corpus.ids: the first article with an id is kept wherever the repeat comes from."""

from __future__ import annotations

from mapapp.corpus.ids import FirstSeen
from mapapp.corpus.reader import read_paths


def test_first_names_where_an_id_was_seen_first_and_keeps_it():
    seen: FirstSeen[str] = FirstSeen({"old": "shown"})
    assert seen.first("a", "one.txt") is None
    assert seen.first("a", "two.txt") == "one.txt"
    assert seen.first("old", "three.txt") == "shown"
    assert seen == {"old": "shown", "a": "one.txt"}


def test_repeats_in_a_file_and_across_files_name_the_first(tmp_path):
    (tmp_path / "a.jsonl").write_text(
        '{"id": "x", "date": "2023-03", "text": "Bachmoet."}\n'
        '{"id": "x", "date": "2023-04", "text": "Soledar."}\n', encoding="utf-8")
    (tmp_path / "x.txt").write_text(" date 2023-05 Bachmoet.", encoding="utf-8")
    result = read_paths([tmp_path])
    assert [a.text for a in result.articles] == ["Bachmoet."]
    assert [e.message for e in result.errors] == [
        "duplicate id 'x' (first on line 1); give every article its own id.",
        f"duplicate id 'x', already read from {tmp_path / 'a.jsonl'}; rename one (a .txt "
        "file's id is its name)."]
