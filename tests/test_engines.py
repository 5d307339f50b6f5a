"""The Dask engine on a 2-worker LocalCluster writes exactly what the local engine writes."""
import json
from pathlib import Path

import pytest

from pipeline.readers import ReadOptions
from pipeline.run import RunOptions, run_extraction

ROOT = Path(__file__).resolve().parents[1]
INPUTS = [ROOT / "data" / "samples" / "articles.jsonl", ROOT / "data" / "samples" / "bad-lines.jsonl"]


def without_run_details(manifest: dict) -> dict:
    manifest = json.loads(json.dumps(manifest))
    for key in ("started", "finished"):
        manifest.pop(key)
    manifest["pipeline"].pop("engine")
    return manifest


def test_dask_local_cluster_gives_the_local_outputs(tmp_path):
    pytest.importorskip("distributed")
    local = run_extraction(INPUTS, tmp_path / "local", RunOptions(read=ReadOptions()))
    dask = run_extraction(INPUTS, tmp_path / "dask", RunOptions(read=ReadOptions(), engine="dask", workers=2))
    for name in ("incidents.jsonl", "rejects.jsonl", "articles.jsonl"):
        assert (tmp_path / "dask" / name).read_text(encoding="utf-8") == (tmp_path / "local" / name).read_text(encoding="utf-8"), name
    assert without_run_details(dask) == without_run_details(local)
    assert local["counts"]["records"] > 0
