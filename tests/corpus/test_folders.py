"""mapapp.corpus.folders: which files of a folder are articles, for every reader of folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from mapapp.corpus.folders import article_entries
from mapapp.corpus.reader import SUFFIXES, folder_fingerprint, read_paths
from mapapp.ingest.sources import input_files


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    for name in ("b.txt", "A.JSONL", "sub/c.csv", "sub/deeper/d.txt", ".hidden.txt",
                 ".git/e.txt", "notes.md", "sub/~draft.txt.swp"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(" date 2023-03 Bachmoet.", encoding="utf-8")
    return root


def parts(entries) -> list[str]:
    return ["/".join(e.parts) for e in entries]


def test_articles_are_listed_sorted_by_their_parts_hidden_ones_skipped(folder):
    assert parts(article_entries(folder, SUFFIXES)) == [
        "A.JSONL", "b.txt", "sub/c.csv", "sub/deeper/d.txt"]
    assert parts(article_entries(folder, SUFFIXES, recursive=False)) == ["A.JSONL", "b.txt"]


def test_a_link_to_a_folder_is_not_followed_and_a_broken_link_is_no_file(folder, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.txt").write_text(" date 2023-03 Soledar.", encoding="utf-8")
    (folder / "linked").symlink_to(outside, target_is_directory=True)
    (folder / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (folder / "alias.txt").symlink_to(folder / "b.txt")
    entries = {"/".join(e.parts): e.is_file for e in article_entries(folder, SUFFIXES)}
    assert "linked/x.txt" not in entries
    assert entries["gone.txt"] is False and entries["alias.txt"] is True


def test_reading_and_ingesting_agree_on_a_folder_and_a_broken_link_is_reported(folder, tmp_path):
    (folder / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    result = read_paths([folder])
    assert (str(folder / "gone.txt"), "no such file; check the path.") in [
        (e.path, e.message) for e in result.errors]
    ingested = [f.path.relative_to(folder).as_posix() for f in input_files([folder])]
    assert ingested == ["A.JSONL", "b.txt", "sub/c.csv", "sub/deeper/d.txt"]  # gone.txt skipped


def test_the_fingerprint_changes_with_an_article_file_only(folder):
    before = folder_fingerprint(folder)
    (folder / "notes.md").write_text("changed")
    (folder / ".hidden.txt").write_text("changed")
    assert folder_fingerprint(folder) == before
    (folder / "sub" / "new.txt").write_text(" date 2023-04 Soledar.", encoding="utf-8")
    assert folder_fingerprint(folder) != before
