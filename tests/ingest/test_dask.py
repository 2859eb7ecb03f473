"""Ingest on Dask writes exactly the store one process writes, loading the gazetteer once
per worker. Two worker processes on a LocalCluster, a few dozen articles: fits CI's 2 cores."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_support import assert_same_store, write_corpus

from mapapp.ingest.pipeline import SerialRunner, ingest

distributed = pytest.importorskip("distributed")

from mapapp.ingest.on_dask import DaskRunner  # noqa: E402 (only with distributed installed)


@pytest.fixture(scope="module")
def runner():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None)
    runner = DaskRunner(distributed.Client(cluster), own_cluster=cluster)
    yield runner
    runner.close()


def test_dask_writes_the_same_store_as_one_process(runner, gazetteer, geoparser, tmp_path):
    folder = tmp_path / "corpus"
    write_corpus(folder, gazetteer, 40, seed=5, per_file=10)
    (folder / "bad.jsonl").write_text("{}\n")
    on_dask = ingest([folder], tmp_path / "dask", runner, batch_size=6, progress=False)
    alone = ingest([folder], tmp_path / "one", SerialRunner(geoparser), progress=False)
    assert on_dask == alone
    assert (on_dask.added, len(on_dask.errors)) == (40, 1)
    assert_same_store(tmp_path / "dask", tmp_path / "one")
    assert list(runner.loads().values()) == [1, 1]  # 7 tasks, one gazetteer load per worker


def test_dask_rerun_skips_everything(runner, gazetteer, tmp_path: Path):
    folder = tmp_path / "corpus"
    write_corpus(folder, gazetteer, 12, seed=6)
    ingest([folder], tmp_path / "s", runner, batch_size=5, progress=False)
    again = ingest([folder], tmp_path / "s", runner, batch_size=5, progress=False)
    assert (again.added, again.skipped) == (0, 12)
