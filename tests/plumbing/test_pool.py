"""mapapp.plumbing.pool: workers forked from this process see what it had loaded."""

from __future__ import annotations

import gc
import os

import pytest

from mapapp.plumbing import pool

LOADED: dict[str, str] = {}  # stands for the gazetteer: filled after import, before the fork


def _look(key: str) -> tuple[int, str]:
    return os.getpid(), LOADED[key]


def _threshold(_: object) -> int:
    return gc.get_threshold()[0]


@pytest.mark.skipif(not pool.can_fork(), reason="this platform does not fork")
def test_workers_are_forked_after_the_load_and_the_collector_is_frozen():
    LOADED["bakhmut"] = "713174"
    gc.unfreeze()
    try:
        with pool.fork_pool(2) as workers:
            assert gc.get_freeze_count() > 0  # else the workers copy the shared pages
            got = workers.map(_look, ["bakhmut"] * 4)
    finally:
        gc.unfreeze()
        LOADED.clear()
    assert {value for _, value in got} == {"713174"}
    assert os.getpid() not in {pid for pid, _ in got}


@pytest.mark.skipif(not pool.can_fork(), reason="this platform does not fork")
def test_workers_collect_rarely_and_the_parent_as_before():
    before = gc.get_threshold()
    try:
        with pool.fork_pool(2) as workers:
            got = set(workers.map(_threshold, range(4)))
    finally:
        gc.unfreeze()
    assert got == {pool.WORKER_GC_THRESHOLD}
    assert gc.get_threshold() == before
