"""The run: read → (skip what an earlier run finished) → process → sinks, with the accounting that proves
nothing was lost: every article read is with_incidents, no_incident or rejected, and the manifest says so."""
from __future__ import annotations

import hashlib
import json
import platform
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, Iterator

import spacy
import spacy.util

from models import Article, RejectRecord
from pipeline import __version__
from pipeline.nlp import config_hash, load_pipeline, read_config
from pipeline.process import Outcome, process_articles
from pipeline.readers import ReadOptions, expand_inputs, iter_articles
from pipeline.sinks import MANIFEST, JsonlDirectorySink
from pipeline.triage import load_triage


class AccountingError(RuntimeError):
    """The counts do not add up: an article was lost or counted twice. Never expected; never silenced."""


@dataclass
class RunOptions:
    read: ReadOptions = field(default_factory=ReadOptions)
    config_path: Path | None = None
    triage: bool = True
    language_check: bool = True
    batch_size: int = 32
    processes: int = 1
    engine: str = "local"
    workers: int = 2
    scheduler: str | None = None


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def skip_done(items: Iterable[Article | RejectRecord], sinks: list, skipped: Counter) -> Iterator[Article | RejectRecord]:
    """Items that every sink already holds (an earlier, perhaps interrupted, run) are not processed again."""
    for item in items:
        if all(sink.is_done(item) for sink in sinks):
            skipped["already_done"] += 1
            continue
        yield item


def summarise(statuses: list[dict], records_by_type: Counter, records_by_mention: Counter) -> dict:
    by_status = Counter(status["status"] for status in statuses)
    counts = {
        "read": len(statuses),
        "with_incidents": by_status.get("with_incidents", 0),
        "no_incident": by_status.get("no_incident", 0),
        "rejected": by_status.get("rejected", 0),
        "triaged_out": sum(1 for s in statuses if s.get("reason") == "triaged_out"),
        "records": sum(s["records"] for s in statuses),
        "rejects_by_reason": dict(sorted(Counter(s["reason"] for s in statuses if s["status"] == "rejected").items())),
        "records_by_event_type": dict(sorted(records_by_type.items())),
        "records_by_mention": dict(sorted(records_by_mention.items())),
    }
    if counts["read"] != counts["with_incidents"] + counts["no_incident"] + counts["rejected"]:
        raise AccountingError(f"read {counts['read']} != with_incidents + no_incident + rejected ({counts})")
    return counts


def run_extraction(inputs: list[Path], out_dir: Path, options: RunOptions, *, overwrite: bool = False,
                   on_outcome: Callable[[Outcome], None] | None = None, extra_sinks: Iterable = ()) -> dict:
    """Extract every article of `inputs` into `out_dir`; returns the manifest (also written to disk)."""
    started = datetime.now(timezone.utc)
    files = expand_inputs(inputs)
    config = read_config(options.config_path)
    sink = JsonlDirectorySink(out_dir, overwrite=overwrite)
    sinks = [sink, *extra_sinks]
    skipped: Counter = Counter()
    items = skip_done(iter_articles(files, options.read), sinks, skipped)
    triage = load_triage() if options.triage else None
    if options.engine == "dask":
        from pipeline.engines.dask_engine import process_with_dask

        outcomes = process_with_dask(items, options, triage=options.triage)
    elif options.processes > 1:
        from pipeline.engines.processes import process_with_processes

        outcomes = process_with_processes(items, processes=options.processes, config_path=options.config_path,
                                          triage=options.triage, language_check=options.language_check,
                                          batch_size=options.batch_size)
    else:
        nlp = load_pipeline(options.config_path)
        outcomes = process_articles(nlp, items, triage=triage, language_check=options.language_check,
                                    batch_size=options.batch_size, first_batch_size=1)  # first records early
    try:
        for outcome in outcomes:
            for target in sinks:
                target.write(outcome)
            if on_outcome is not None:
                on_outcome(outcome)
    finally:
        for target in sinks:
            target.close()
    records_by_type, records_by_mention = Counter(), Counter()
    with open(out_dir / "incidents.jsonl", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            records_by_mention[record["mention"]] += 1
            if record["mention"] == "new":
                records_by_type[record["event_type"]] += 1
    counts = summarise(sink.statuses(), records_by_type, records_by_mention)
    counts["skipped_already_done"] = skipped["already_done"]
    for target in extra_sinks:
        for key, value in getattr(target, "counts", {}).items():
            counts[f"dataset_{key}"] = value
    manifest = {
        "tool": "incidents",
        "version": __version__,
        "inputs": [{"path": str(path), "sha256": sha256_of(path), "bytes": path.stat().st_size} for path in files],
        "counts": counts,
        "pipeline": {
            "spacy": spacy.__version__,
            "model": f"{config['pipeline']['base_model']}-{spacy.util.get_package_version(config['pipeline']['base_model'])}",
            "components": list(config["pipeline"]["components"]),
            "config_hash": config_hash(config),
            "engine": options.engine,
            "processes": options.processes,
            "triage": options.triage,
            "max_chars": options.read.max_chars,
            "python": platform.python_version(),
        },
        "started": started.isoformat(timespec="seconds"),
        "finished": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
    (out_dir / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return manifest
