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


class DaskEngine:
    """A connection to a Dask cluster whose workers hold the pipeline; reusable for several runs."""

    def __init__(self, *, workers: int = 2, scheduler: str | None = None, config_path: str | None = None,
                 triage: bool = True, language_check: bool = True, batch_size: int = 32) -> None:
        self.settings = (config_path, triage, language_check, batch_size)
        self.scheduler, self.requested_workers = scheduler, workers
        self.cluster = self.client = None

    def __enter__(self) -> "DaskEngine":
        from distributed import Client, LocalCluster

        if self.scheduler:
            self.client = Client(self.scheduler)
            self.workers = max(len(self.client.scheduler_info().get("workers", {})), 1)
        else:
            self.cluster = LocalCluster(n_workers=self.requested_workers, threads_per_worker=1, processes=True,
                                        dashboard_address=None, silence_logs=40)
            self.client, self.workers = Client(self.cluster), self.requested_workers
        self.client.register_plugin(PipelinePlugin(self.settings[0]))
        return self

    def run(self, items: Iterable[Article | RejectRecord]) -> Iterator[Outcome]:
        pending: deque = deque()
        limit = self.workers * IN_FLIGHT_PER_WORKER
        for chunk in partitions(items, PARTITION_SIZE):
            pending.append(self.client.submit(process_partition, chunk, *self.settings, pure=False))
            while len(pending) >= limit:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()

    def __exit__(self, *exc) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def process_with_dask(items: Iterable[Article | RejectRecord], options, *, triage: bool) -> Iterator[Outcome]:
    with DaskEngine(workers=options.workers, scheduler=options.scheduler,
                    config_path=str(options.config_path) if options.config_path else None, triage=triage,
                    language_check=options.language_check, batch_size=options.batch_size) as engine:
        yield from engine.run(items)
