"""Worker processes forked from this one, sharing its loaded gazetteer.

Loading the place index takes seconds and hundreds of megabytes; workers forked after
it is loaded share its pages instead of loading it again. Both the ``ingest`` pipeline
and the ``geoparse`` command parse on such a pool.
"""

from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.pool


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
    return multiprocessing.get_context("fork").Pool(jobs)
