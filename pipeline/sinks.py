"""Where outcomes go. `JsonlDirectorySink` writes DIR/incidents.jsonl, DIR/rejects.jsonl, DIR/articles.jsonl
(one status line per article: the journal that makes a run resumable) and DIR/manifest.json.

Each article is written as a unit: its records, its reject, then its status line, flushed. A run that is
killed leaves at most one article half-written; the next run over the same DIR drops that article's lines and
does it again, and skips every article whose status line is there."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Protocol

from pipeline.process import Outcome

INCIDENTS = "incidents.jsonl"
REJECTS = "rejects.jsonl"
ARTICLES = "articles.jsonl"
MANIFEST = "manifest.json"


class Sink(Protocol):
    def is_done(self, item) -> bool: ...
    def write(self, outcome: Outcome) -> None: ...
    def close(self) -> None: ...


def _complete_lines(path: Path) -> list[str]:
    """Lines of a JSONL file that were written whole (a killed run may leave a partial last line)."""
    if not path.exists():
        return []
    lines = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if not line.endswith("\n"):
                break
            try:
                json.loads(line)
            except json.JSONDecodeError:
                break
            lines.append(line)
    return lines


class JsonlDirectorySink:
    def __init__(self, out_dir: Path, *, overwrite: bool = False) -> None:
        self.out_dir = out_dir
        out_dir.mkdir(parents=True, exist_ok=True)
        if overwrite:
            for name in (INCIDENTS, REJECTS, ARTICLES, MANIFEST):
                (out_dir / name).unlink(missing_ok=True)
        self._done = self._recover()
        self._incidents = open(out_dir / INCIDENTS, "a", encoding="utf-8")
        self._rejects = open(out_dir / REJECTS, "a", encoding="utf-8")
        self._articles = open(out_dir / ARTICLES, "a", encoding="utf-8")

    def _recover(self) -> set[str]:
        """Keep what earlier runs finished. Articles are written one after the other, so the lines of the
        finished ones are the first N of each file (N counted from the status lines); the rest is dropped."""
        statuses = [json.loads(line) for line in _complete_lines(self.out_dir / ARTICLES)]
        self._rewrite(ARTICLES, [json.dumps(s, ensure_ascii=False) + "\n" for s in statuses])
        finished_records = sum(status["records"] for status in statuses)
        finished_rejects = sum(1 for status in statuses if status["status"] == "rejected")
        self._rewrite(INCIDENTS, _complete_lines(self.out_dir / INCIDENTS)[:finished_records])
        self._rewrite(REJECTS, _complete_lines(self.out_dir / REJECTS)[:finished_rejects])
        return {status["key"] for status in statuses}

    def _rewrite(self, name: str, lines: list[str]) -> None:
        path = self.out_dir / name
        if not path.exists():
            return
        tmp = path.with_suffix(".tmp")
        with open(tmp, "w", encoding="utf-8") as handle:
            handle.writelines(lines)
        os.replace(tmp, path)

    def is_done(self, item) -> bool:
        """Finished by an earlier run into this folder (same input file and line)."""
        return f"{item.input_file}:{item.line}" in self._done

    def write(self, outcome: Outcome) -> None:
        key = outcome.key
        for record in outcome.records:
            self._incidents.write(record.model_dump_json() + "\n")
        if outcome.reject is not None:
            self._rejects.write(outcome.reject.model_dump_json() + "\n")
        self._incidents.flush()
        self._rejects.flush()
        status = {"key": key, "article_id": outcome.article_id, "input_file": outcome.input_file, "line": outcome.line,
                  "status": outcome.status.value if hasattr(outcome.status, "value") else outcome.status,
                  "reason": outcome.reason or (outcome.reject.reason if outcome.reject else None),
                  "records": len(outcome.records)}
        self._articles.write(json.dumps(status, ensure_ascii=False) + "\n")
        self._articles.flush()
        self._done.add(key)

    def statuses(self) -> list[dict]:
        return [json.loads(line) for line in _complete_lines(self.out_dir / ARTICLES)]

    def close(self) -> None:
        for handle in (self._incidents, self._rejects, self._articles):
            handle.close()
