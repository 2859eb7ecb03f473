"""mapapp.plumbing.files: a file is replaced whole or not at all, and made as open() would."""

from __future__ import annotations

import os
import stat

import pytest

from mapapp.plumbing.files import atomic_write


def test_the_new_content_replaces_the_old_and_nothing_else_is_left(tmp_path):
    target = tmp_path / "out.json"
    target.write_bytes(b"old")
    with atomic_write(target) as f:
        f.write(b"new, ")
        f.write(b"whole")
        assert target.read_bytes() == b"old"  # a reader sees the old file until the end
    assert target.read_bytes() == b"new, whole"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary_one(tmp_path):
    target = tmp_path / "out.json"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError, match="disk gone"), atomic_write(target) as f:
        f.write(b"half")
        raise RuntimeError("disk gone")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_the_file_gets_the_permissions_open_gives(tmp_path):
    with atomic_write(tmp_path / "new") as f:
        f.write(b"x")
    (tmp_path / "plain").write_bytes(b"x")
    mode = stat.S_IMODE((tmp_path / "new").stat().st_mode)
    assert mode == stat.S_IMODE((tmp_path / "plain").stat().st_mode)
    assert mode & stat.S_IRGRP or os.umask(os.umask(0)) & 0o040  # not private unless asked


def test_fsync_flushes_before_the_rename(tmp_path, monkeypatch):
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: (events.append("fsync"), real_fsync(fd))[1])
    monkeypatch.setattr(os, "replace",
                        lambda a, b: (events.append("replace"), real_replace(a, b))[1])
    with atomic_write(tmp_path / "manifest", fsync=True) as f:
        f.write(b"x")
    assert events == ["fsync", "replace"]
    events.clear()
    with atomic_write(tmp_path / "cache") as f:
        f.write(b"x")
    assert events == ["replace"]


def test_a_link_where_a_temporary_file_would_go_is_never_written_through(tmp_path, monkeypatch):
    """The temporary name is created exclusively: a link planted there is skipped, not
    followed (the store's manifest is written in a folder a user can write to)."""
    victim = tmp_path / "victim.txt"
    victim.write_text("mine")
    names = iter(["aaaa", "bbbb"])
    monkeypatch.setattr("mapapp.plumbing.files.secrets.token_hex", lambda n: next(names))
    (tmp_path / ".out.aaaa.tmp").symlink_to(victim)
    with atomic_write(tmp_path / "out") as f:
        f.write(b"new")
    assert victim.read_text() == "mine" and (tmp_path / "out").read_bytes() == b"new"
