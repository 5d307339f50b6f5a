"""The events dataset: idempotent, resumable after kill -9, order-independent, one event from many articles,
and exports that ACLED, pandas and GeoJSON readers accept."""
import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.dataset import connect
from pipeline.exports import ACLED_COLUMNS, select_events, write_acled_csv, write_geojson
from pipeline.readers import ReadOptions
from pipeline.run import RunOptions, run_extraction

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples" / "articles.jsonl"
SAME_ATTACK = ROOT / "tests" / "fixtures" / "same_attack.jsonl"


def snapshot(db_path: Path) -> dict:
    """Everything a user can see in a dataset, without the processing timestamps."""
    db = sqlite3.connect(db_path)
    return {
        "articles": sorted(db.execute("SELECT content_hash, article_id, status, reason, records FROM articles").fetchall()),
        "mentions": sorted(db.execute("SELECT record_id, content_hash, record FROM mentions").fetchall()),
        "events": sorted(db.execute("SELECT event_id, event FROM events").fetchall()),
        "event_sources": sorted(db.execute("SELECT event_id, record_id FROM event_sources").fetchall()),
    }


def extract(inputs, out_dir: Path, db: Path) -> dict:
    from pipeline.dataset import DatasetSink

    return run_extraction(list(inputs), out_dir, RunOptions(read=ReadOptions()), extra_sinks=[DatasetSink(db)])


def test_running_the_same_input_twice_changes_nothing(tmp_path):
    db = tmp_path / "events.sqlite"
    extract([SAMPLES], tmp_path / "out", db)
    first = snapshot(db)
    manifest = extract([SAMPLES], tmp_path / "out", db)
    assert snapshot(db) == first
    assert manifest["counts"]["skipped_already_done"] == len(first["articles"])


def test_the_same_article_in_another_dump_is_not_added_twice(tmp_path):
    db = tmp_path / "events.sqlite"
    extract([SAMPLES], tmp_path / "a", db)
    first = snapshot(db)
    copy = tmp_path / "copy.jsonl"
    copy.write_text(SAMPLES.read_text(encoding="utf-8"), encoding="utf-8")
    manifest = extract([copy], tmp_path / "b", db)
    assert snapshot(db) == first
    assert manifest["counts"]["dataset_already_in_dataset"] == len(first["articles"])


def test_articles_in_any_order_give_the_same_events(tmp_path):
    lines = SAMPLES.read_text(encoding="utf-8").splitlines() + SAME_ATTACK.read_text(encoding="utf-8").splitlines()
    forward, backward = tmp_path / "forward.jsonl", tmp_path / "backward.jsonl"
    forward.write_text("\n".join(lines) + "\n", encoding="utf-8")
    backward.write_text("\n".join(reversed(lines)) + "\n", encoding="utf-8")
    extract([forward], tmp_path / "f", tmp_path / "f.sqlite")
    extract([backward], tmp_path / "b", tmp_path / "b.sqlite")
    assert snapshot(tmp_path / "f.sqlite")["events"] == snapshot(tmp_path / "b.sqlite")["events"]


def test_three_reports_of_one_attack_make_one_event_and_another_attack_stays_apart(tmp_path):
    db = tmp_path / "events.sqlite"
    extract([SAME_ATTACK], tmp_path / "out", db)
    events = list(select_events(connect(db)))
    by_sources = sorted(events, key=lambda e: -len(e["sources"]))
    assert len({s["article_id"] for s in by_sources[0]["sources"]}) == 3
    others = [e for e in events if e is not by_sources[0]]
    assert others and all(len({s["article_id"] for s in e["sources"]}) == 1 for e in others)
    assert by_sources[0]["location"]["place"] != others[0]["location"]["place"]


def big_dump(path: Path, copies: int) -> Path:
    """A few hundred distinct articles: the samples again and again, each copy with its own dateline."""
    articles = [json.loads(line) for line in SAMPLES.read_text(encoding="utf-8").splitlines() if line.strip()]
    with open(path, "w", encoding="utf-8") as handle:
        for n in range(copies):
            for article in articles:
                copy = dict(article, id=f"{article['id']}-{n}", text=article["text"] + f"\n(Dépêche n° {n})")
                handle.write(json.dumps(copy, ensure_ascii=False) + "\n")
    return path


def test_a_run_killed_part_way_and_resumed_equals_an_uninterrupted_run(tmp_path):
    copies = 25
    dump = big_dump(tmp_path / "dump.jsonl", copies=copies)
    command = [sys.executable, "-m", "pipeline.cli", "extract", str(dump), "--quiet"]
    subprocess.run(command + ["--out", str(tmp_path / "full"), "--db", str(tmp_path / "full.sqlite")], check=True, cwd=ROOT)

    killed_db = tmp_path / "killed.sqlite"
    process = subprocess.Popen(command + ["--out", str(tmp_path / "killed"), "--db", str(killed_db)], cwd=ROOT)
    deadline = time.time() + 120
    done = 0
    while time.time() < deadline and process.poll() is None:
        time.sleep(0.05)
        if killed_db.exists():
            try:
                done = sqlite3.connect(killed_db).execute("SELECT COUNT(*) FROM articles").fetchone()[0]
            except sqlite3.OperationalError:
                continue
            if done >= 10:  # early: a fast machine must not finish the run before it is killed
                break
    assert process.poll() is None, "the run finished before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert 0 < done < copies * 14

    subprocess.run(command + ["--out", str(tmp_path / "killed"), "--db", str(killed_db)], check=True, cwd=ROOT)
    assert snapshot(killed_db) == snapshot(tmp_path / "full.sqlite")
    full_lines = sorted((tmp_path / "full" / "incidents.jsonl").read_text(encoding="utf-8").splitlines())
    resumed_lines = sorted((tmp_path / "killed" / "incidents.jsonl").read_text(encoding="utf-8").splitlines())
    assert resumed_lines == full_lines


def test_acled_csv_reads_back_with_acled_columns(tmp_path):
    db = tmp_path / "events.sqlite"
    extract([SAMPLES], tmp_path / "out", db)
    buffer = io.StringIO()
    count = write_acled_csv(select_events(connect(db)), buffer)
    rows = list(csv.DictReader(io.StringIO(buffer.getvalue())))
    assert count == len(rows) > 0
    assert list(rows[0].keys()) == ACLED_COLUMNS
    assert all(row["event_date"] and row["event_type"] and row["sub_event_type"] for row in rows)
    pandas = pytest.importorskip("pandas")
    frame = pandas.read_csv(io.StringIO(buffer.getvalue()))
    assert list(frame.columns) == ACLED_COLUMNS


def test_geojson_is_a_feature_collection_of_lon_lat_points(tmp_path):
    db = tmp_path / "events.sqlite"
    extract([SAMPLES], tmp_path / "out", db)
    buffer = io.StringIO()
    write_geojson(select_events(connect(db)), buffer)
    collection = json.loads(buffer.getvalue())
    assert collection["type"] == "FeatureCollection" and collection["features"]
    events = {e["event_id"]: e for e in select_events(connect(db))}
    located = [f for f in collection["features"] if f["geometry"] is not None]
    assert located, "no sample event has coordinates"
    for feature in collection["features"]:
        assert feature["type"] == "Feature" and isinstance(feature["properties"], dict)
    for feature in located:
        lon, lat = feature["geometry"]["coordinates"]
        assert feature["geometry"]["type"] == "Point"
        location = events[feature["id"]]["location"]
        assert (lon, lat) == (location["lon"], location["lat"])
