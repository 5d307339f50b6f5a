"""The Dask engine: the same stages on a Dask cluster. Inputs are read here and cut into partitions; each
worker loads the pipeline once (a worker plugin), processes whole partitions and sends outcomes back; they are
written in input order, so the outputs are exactly those of a local run. A bounded number of partitions is in
flight at a time, so memory stays flat whatever the size of the dump.

Point it at an existing cluster with `--scheduler tcp://HOST:8786` (workers need this project installed in
their environment); without an address it starts a `LocalCluster` with `--workers` processes."""
from __future__ import annotations

from collections import deque
from pathlib import Path
from typing import Iterable, Iterator

from distributed.diagnostics.plugin import WorkerPlugin

from models import Article, RejectRecord
from pipeline.engines.partitions import PARTITION_SIZE, partitions
from pipeline.process import Outcome

IN_FLIGHT_PER_WORKER = 2
_PIPELINES: dict[str, object] = {}


def worker_pipeline(config_path: str | None):
    """The pipeline of this worker process, loaded on first use (the plugin loads it at worker start)."""
    key = config_path or ""
    if key not in _PIPELINES:
        from pipeline.nlp import load_pipeline

        _PIPELINES[key] = load_pipeline(Path(config_path) if config_path else None)
    return _PIPELINES[key]


class PipelinePlugin(WorkerPlugin):
    """Loads the pipeline once per worker, when the worker joins."""

    name = "incidents-pipeline"
    idempotent = True

    def __init__(self, config_path: str | None) -> None:
        self.config_path = config_path

    def setup(self, worker=None) -> None:
        worker_pipeline(self.config_path)

    def teardown(self, worker=None) -> None:
        _PIPELINES.clear()


def process_partition(items: list[Article | RejectRecord], config_path: str | None, triage: bool,
                      language_check: bool, batch_size: int) -> list[Outcome]:
    from pipeline.process import process_articles
    from pipeline.triage import load_triage

    nlp = worker_pipeline(config_path)
    return list(process_articles(nlp, items, triage=load_triage() if triage else None,
                                 language_check=language_check, batch_size=batch_size))


def process_with_dask(items: Iterable[Article | RejectRecord], options, *, triage: bool) -> Iterator[Outcome]:
    from distributed import Client, LocalCluster

    config_path = str(options.config_path) if options.config_path else None
    if options.scheduler:
        cluster, client = None, Client(options.scheduler)
        workers = max(len(client.scheduler_info().get("workers", {})), 1)
    else:
        cluster = LocalCluster(n_workers=options.workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=40)
        client, workers = Client(cluster), options.workers
    try:
        client.register_plugin(PipelinePlugin(config_path))
        pending: deque = deque()
        limit = workers * IN_FLIGHT_PER_WORKER
        for chunk in partitions(items, PARTITION_SIZE):
            pending.append(client.submit(process_partition, chunk, config_path, triage, options.language_check,
                                         options.batch_size, pure=False))
            while len(pending) >= limit:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
