"""Several processes on one machine: each loads the pipeline once (pool initializer) and processes whole
partitions of articles; outcomes come back in input order with a bounded number of partitions in flight, so
memory stays flat. Whole articles travel, not Docs: spaCy's own `n_process` ships Docs through msgpack, which
cannot carry the dates our extensions hold."""
from __future__ import annotations

import multiprocessing
from collections import deque
from pathlib import Path
from typing import Iterable, Iterator

from models import Article, RejectRecord
from pipeline.engines.partitions import PARTITION_SIZE, partitions
from pipeline.process import Outcome

IN_FLIGHT_PER_PROCESS = 2
_STATE: dict = {}


def _start_worker(config_path: str | None, triage: bool, language_check: bool, batch_size: int) -> None:
    from pipeline.nlp import load_pipeline
    from pipeline.triage import load_triage

    _STATE.update(nlp=load_pipeline(Path(config_path) if config_path else None),
                  triage=load_triage() if triage else None, language_check=language_check, batch_size=batch_size)


def _process_partition(items: list[Article | RejectRecord]) -> list[Outcome]:
    from pipeline.process import process_articles

    return list(process_articles(_STATE["nlp"], items, triage=_STATE["triage"],
                                 language_check=_STATE["language_check"], batch_size=_STATE["batch_size"]))


class ProcessEngine:
    """A pool of processes that each hold the pipeline; reusable for several runs."""

    def __init__(self, processes: int, *, config_path: Path | None = None, triage: bool = True,
                 language_check: bool = True, batch_size: int = 32) -> None:
        self.processes = processes
        self.initargs = (str(config_path) if config_path else None, triage, language_check, batch_size)
        self.pool = None

    def __enter__(self) -> "ProcessEngine":
        self.pool = multiprocessing.get_context("fork").Pool(self.processes, initializer=_start_worker, initargs=self.initargs)
        return self

    def run(self, items: Iterable[Article | RejectRecord]) -> Iterator[Outcome]:
        pending: deque = deque()
        for chunk in partitions(items, PARTITION_SIZE):
            pending.append(self.pool.apply_async(_process_partition, (chunk,)))
            while len(pending) >= self.processes * IN_FLIGHT_PER_PROCESS:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()

    def __exit__(self, *exc) -> None:
        self.pool.terminate()
        self.pool.join()


def process_with_processes(items: Iterable[Article | RejectRecord], *, processes: int, config_path: Path | None,
                           triage: bool, language_check: bool = True, batch_size: int = 32) -> Iterator[Outcome]:
    with ProcessEngine(processes, config_path=config_path, triage=triage, language_check=language_check,
                       batch_size=batch_size) as engine:
        yield from engine.run(items)
