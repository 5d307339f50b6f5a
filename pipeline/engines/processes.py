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


def process_with_processes(items: Iterable[Article | RejectRecord], *, processes: int, config_path: Path | None,
                           triage: bool, language_check: bool = True, batch_size: int = 32) -> Iterator[Outcome]:
    context = multiprocessing.get_context("fork")
    with context.Pool(processes, initializer=_start_worker,
                      initargs=(str(config_path) if config_path else None, triage, language_check, batch_size)) as pool:
        pending: deque = deque()
        for chunk in partitions(items, PARTITION_SIZE):
            pending.append(pool.apply_async(_process_partition, (chunk,)))
            while len(pending) >= processes * IN_FLIGHT_PER_PROCESS:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
