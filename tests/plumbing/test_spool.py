"""Workers' output handed over by spool files (mapapp/plumbing/spool.py)."""

from __future__ import annotations

import multiprocessing

import pytest

from mapapp.plumbing import spool
from mapapp.plumbing.pool import can_fork


def _spooled(args: tuple[str, bytes]) -> spool.Piece:
    return spool.append(*args)


@pytest.mark.parametrize("kernel", [True, False])
def test_pieces_from_forked_workers_are_copied_in_the_given_order(tmp_path, kernel):
    if not can_fork():
        pytest.skip("the spool serves forked workers only")
    out = tmp_path / "out.jsonl"
    parts = [f"line {i}\n".encode() * (i + 1) for i in range(40)]
    with spool.folder_beside(out) as folder:
        with multiprocessing.get_context("fork").Pool(2) as pool:
            pieces = pool.map(_spooled, [(folder, p) for p in parts], chunksize=1)
        assert 1 <= len({p.path for p in pieces}) <= 2  # one file per worker that took any
        with open(out, "wb") as f:
            f.write(b"head\n")  # buffered before the copies: must come first
            copier = spool.Copier(f)
            copier._kernel = kernel  # the copy through memory, as on another file system
            for piece in pieces:
                copier.copy(piece)
            copier.close()
    assert out.read_bytes() == b"head\n" + b"".join(parts)
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]  # the folder is gone


def test_a_piece_past_the_end_of_its_file_is_an_error(tmp_path):
    with spool.folder_beside(tmp_path / "out") as folder:
        piece = spool.append(folder, b"abc")
        with open(tmp_path / "out", "wb") as f, pytest.raises(OSError, match="shorter"):
            spool.Copier(f).copy(piece._replace(length=10))
