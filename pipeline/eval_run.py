"""Predictions for gold articles, in memory: the same stages as `extract`, without the sinks."""
from __future__ import annotations

import json
from pathlib import Path

from models import Article
from pipeline.nlp import load_pipeline
from pipeline.process import process_articles
from pipeline.triage import load_triage


def predict_gold(gold_articles: list[dict], *, config_path: Path | None = None, triage: bool = True, nlp=None) -> dict[str, list[dict]]:
    nlp = nlp or load_pipeline(config_path)
    articles = [Article(id=str(a["id"]), text=a["text"], published=a["published"], title=a.get("title") or None,
                        url=a.get("url") or None, outlet=a.get("outlet") or None, input_file="gold", line=n)
                for n, a in enumerate(gold_articles, start=1)]
    records: dict[str, list[dict]] = {}
    for outcome in process_articles(nlp, articles, triage=load_triage() if triage else None):
        records.setdefault(str(outcome.article_id), []).extend(json.loads(r.model_dump_json()) for r in outcome.records)
    return records
