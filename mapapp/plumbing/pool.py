"""Worker processes forked from this one, sharing its loaded gazetteer.

Loading the place index takes seconds and hundreds of megabytes; workers forked after
it is loaded share its pages instead of loading it again. Both the ``ingest`` pipeline
and the ``geoparse`` command parse on such a pool.
"""

from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.pool

# Allocations between two young-generation collections in a worker (Python's default: 700).
# Parsing makes and drops many small containers, freed by their counts, not by the
# collector; at the default it ran every few hundred of them, 3 % of a worker's time.
WORKER_GC_THRESHOLD = 50_000


def can_fork() -> bool:
    """Whether this platform starts processes by forking (not on Windows)."""
    return "fork" in multiprocessing.get_all_start_methods()


def fork_pool(jobs: int) -> multiprocessing.pool.Pool:
    """A pool of ``jobs`` workers forked from this process as it is now.

    The collector is frozen first: without it the workers' garbage collector walks (and
    so copies) every page of the gazetteer they share with this process; parsing ran
    2.5 times slower and each worker grew by the gazetteer's size.
    """
    gc.freeze()
    return multiprocessing.get_context("fork").Pool(jobs, initializer=_worker_collector)


def _worker_collector() -> None:
    """A worker's collector runs rarely (see ``WORKER_GC_THRESHOLD``); the parent's is as it was."""
    gc.set_threshold(WORKER_GC_THRESHOLD, *gc.get_threshold()[1:])
