"""The conflict-events dataset: one SQLite file (WAL) that many runs fill.

Tables: `articles` (one row per article or reject, keyed by content hash: the same article from another dump
is not added twice), `mentions` (every record of every article, with its evidence), `events` (the `new`
mentions of all articles, merged into one event per real-world event) and `event_sources` (which mentions,
from which articles, make each event). Each article is committed atomically with its mentions; events are
rebuilt for the countries a run touched, from the mentions alone, so the same articles in any order, or a
run killed and resumed, give the same events."""
from __future__ import annotations

import json
import sqlite3
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

from pipeline.event_merge import build_events
from pipeline.process import Outcome, item_identity

SCHEMA_VERSION = 1
MIGRATIONS: dict[int, list[str]] = {
    1: [
        """CREATE TABLE articles (
            content_hash TEXT PRIMARY KEY,
            article_id TEXT, input_file TEXT, line INTEGER,
            url TEXT, outlet TEXT, published TEXT,
            status TEXT NOT NULL, reason TEXT, message TEXT,
            records INTEGER NOT NULL DEFAULT 0, processed_at TEXT NOT NULL)""",
        """CREATE TABLE mentions (
            record_id TEXT PRIMARY KEY,
            content_hash TEXT NOT NULL REFERENCES articles(content_hash),
            article_id TEXT NOT NULL, mention TEXT NOT NULL,
            event_type TEXT NOT NULL, sub_event_type TEXT NOT NULL,
            date_start TEXT, date_end TEXT, country_iso2 TEXT, admin1_iso TEXT, place TEXT,
            killed INTEGER, injured INTEGER, published TEXT,
            record TEXT NOT NULL)""",
        "CREATE INDEX mentions_country_date ON mentions(country_iso2, date_start)",
        """CREATE TABLE events (
            event_id TEXT PRIMARY KEY,
            country_iso2 TEXT, date_start TEXT, date_end TEXT,
            event_type TEXT NOT NULL, sub_event_type TEXT NOT NULL,
            sources INTEGER NOT NULL, event TEXT NOT NULL, updated_at TEXT NOT NULL)""",
        "CREATE INDEX events_country_date ON events(country_iso2, date_start)",
        """CREATE TABLE event_sources (
            event_id TEXT NOT NULL REFERENCES events(event_id),
            record_id TEXT NOT NULL REFERENCES mentions(record_id),
            content_hash TEXT NOT NULL,
            PRIMARY KEY (event_id, record_id))""",
    ],
}


def connect(path: Path) -> sqlite3.Connection:
    """Open (creating or migrating) a dataset."""
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path, isolation_level=None, timeout=60)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    connection.execute("PRAGMA foreign_keys=ON")
    connection.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    row = connection.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
    version = int(row[0]) if row else 0
    if version > SCHEMA_VERSION:
        raise RuntimeError(f"{path}: dataset schema version {version} is newer than this tool's ({SCHEMA_VERSION}); upgrade incidents")
    for target in range(version + 1, SCHEMA_VERSION + 1):
        connection.execute("BEGIN IMMEDIATE")
        for statement in MIGRATIONS[target]:
            connection.execute(statement)
        connection.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(target),))
        connection.execute("COMMIT")
    return connection


class DatasetSink:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.connection = connect(path)
        self.touched_countries: set[str | None] = set()
        self.counts: Counter = Counter()

    def is_done(self, item) -> bool:
        return self.connection.execute("SELECT 1 FROM articles WHERE content_hash=?", (item_identity(item),)).fetchone() is not None

    def write(self, outcome: Outcome) -> None:
        identity = outcome.content_hash or f"reject:{outcome.input_file}:{outcome.line}"
        db = self.connection
        db.execute("BEGIN IMMEDIATE")
        try:
            if db.execute("SELECT 1 FROM articles WHERE content_hash=?", (identity,)).fetchone():
                db.execute("ROLLBACK")
                self.counts["already_in_dataset"] += 1
                return
            reject = outcome.reject
            db.execute("INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", (
                identity, outcome.article_id, outcome.input_file, outcome.line, outcome.url, outcome.outlet,
                outcome.published, outcome.status.value if hasattr(outcome.status, "value") else outcome.status,
                outcome.reason or (reject.reason if reject else None), reject.message if reject else None,
                len(outcome.records), datetime.now(timezone.utc).isoformat(timespec="seconds")))
            for record in outcome.records:
                data = json.loads(record.model_dump_json())
                db.execute("INSERT OR REPLACE INTO mentions VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", (
                    record.id, identity, record.article_id, data["mention"], data["event_type"], data["sub_event_type"],
                    data["date"]["start"], data["date"]["end"], data["location"]["country_iso2"], data["location"]["admin1_iso"],
                    data["location"]["place"], data["killed"]["value"], data["injured"]["value"], outcome.published,
                    json.dumps(data, ensure_ascii=False)))
                if data["mention"] == "new":
                    self.touched_countries.add(data["location"]["country_iso2"])
            db.execute("COMMIT")
            self.counts["added"] += 1
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def close(self) -> None:
        rebuild_events(self.connection, self.touched_countries)
        self.connection.close()


def rebuild_events(db: sqlite3.Connection, countries: set[str | None] | None = None) -> int:
    """Recompute the events of these countries (all when None) from their `new` mentions, in one transaction."""
    if countries is None:
        countries = {row[0] for row in db.execute("SELECT DISTINCT country_iso2 FROM mentions WHERE mention='new'")}
    built = 0
    db.execute("BEGIN IMMEDIATE")
    try:
        for country in sorted(countries, key=lambda c: c or ""):
            condition, params = ("country_iso2 IS NULL", ()) if country is None else ("country_iso2 = ?", (country,))
            mentions = [json.loads(row[0]) | {"_published": row[1], "_content_hash": row[2]} for row in db.execute(
                f"SELECT record, published, content_hash FROM mentions WHERE mention='new' AND {condition}", params)]
            old = [row[0] for row in db.execute(f"SELECT event_id FROM events WHERE {condition}", params)]
            for event_id in old:
                db.execute("DELETE FROM event_sources WHERE event_id=?", (event_id,))
            db.execute(f"DELETE FROM events WHERE {condition}", params)
            now = datetime.now(timezone.utc).isoformat(timespec="seconds")
            for event in build_events(mentions):
                db.execute("INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?)", (
                    event["event_id"], event["location"]["country_iso2"], event["date"]["start"], event["date"]["end"],
                    event["event_type"], event["sub_event_type"], len(event["sources"]),
                    json.dumps(event, ensure_ascii=False), now))
                for source in event["sources"]:
                    db.execute("INSERT INTO event_sources VALUES (?,?,?)", (event["event_id"], source["record_id"], source["content_hash"]))
                built += 1
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    return built
