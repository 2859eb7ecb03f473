"""Geoparse on a Dask cluster: ``ingest --dask local`` or ``--dask tcp://HOST:PORT``.

Past one machine's cores, the geoparsing (the slow step) runs on
dask.distributed workers; reading the input and writing the store stay in
this process, so the store is written exactly as a single process writes it
(same batches, same order, same transactions). Each worker loads the
gazetteer once, when it joins (a worker plugin filling the per-process
geoparser of ``mapapp.ingest.pipeline``), not once per task; a task is one batch of
articles and returns a ``BatchResult`` of Arrow tables.

Workers on other machines need this package installed and the gazetteer
cache built (``python -m mapapp gazetteer build``), or they build it on
joining (about a minute).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mapapp.ingest.pipeline import Pending, gazetteer_loads, parse_batch, worker_geoparser
from mapapp.model import Article

if TYPE_CHECKING:
    from distributed import Client


class DaskUnavailableError(RuntimeError):
    """``--dask`` was asked for but dask.distributed is not installed."""


def _distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise DaskUnavailableError(
            "--dask needs dask.distributed; install it with pip install 'dask[distributed]' "
            "(or drop --dask to use this machine's cores)") from None
    return distributed


def _plugin() -> Any:
    base: Any = _distributed().WorkerPlugin

    class GeoparserPlugin(base):
        """Loads the gazetteer into the worker's process when the worker starts."""

        name = "mapapp-geoparser"
        idempotent = True

        def setup(self, worker: Any) -> None:
            worker_geoparser()

    return GeoparserPlugin()


class DaskRunner:
    """Batches geoparsed on a dask.distributed cluster (see the module docstring)."""

    def __init__(self, client: Client, *, own_cluster: Any = None) -> None:
        self.client = client
        self._cluster = own_cluster
        client.register_plugin(_plugin())
        workers = len(client.scheduler_info().get("workers", {}))
        self.window = 2 * max(workers, 1)

    @classmethod
    def connect(cls, address: str, jobs: int) -> DaskRunner:
        """``local``: a LocalCluster of ``jobs`` worker processes; else a scheduler address."""
        distributed = _distributed()
        if address == "local":
            cluster = distributed.LocalCluster(n_workers=jobs, threads_per_worker=1,
                                               processes=True, dashboard_address=None)
            return cls(distributed.Client(cluster), own_cluster=cluster)
        return cls(distributed.Client(address, timeout="30s"))

    def submit(self, articles: list[Article]) -> Pending:
        return self.client.submit(parse_batch, articles, pure=False)

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()

    def loads(self) -> dict[str, int]:
        """Gazetteer loads per worker so far (one each is the point)."""
        return self.client.run(gazetteer_loads)
