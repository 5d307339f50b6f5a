"""Exports of the events dataset: ACLED's public CSV layout (so that scripts written for ACLED run on it),
GeoJSON (RFC 7946 points, for GeoPandas and QGIS) and JSONL (the full event). Also `stats`."""
from __future__ import annotations

import csv
import json
import sqlite3
from collections import Counter
from datetime import date
from functools import lru_cache
from typing import IO, Iterator

from pipeline.resources import data_path, read_jsonl, read_tsv

ACLED_COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                 "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
                 "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
                 "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
                 "fatalities", "tags", "timestamp"]
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "season": 3, "year": 3, "unknown": 3}
DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
            "Violence against civilians": "Political violence", "Riots": "Political violence; Demonstrations",
            "Protests": "Demonstrations", "Strategic developments": "Strategic developments"}


@lru_cache(maxsize=1)
def reference_tables() -> tuple[dict[str, str], dict[str, str], dict[str, int], dict[str, int]]:
    """(iso2 → English name, iso2 → ACLED region, iso2 → ISO numeric, actor kind → inter code)."""
    names, numeric = {}, {}
    path = data_path("gazetteers", "countries.jsonl")
    if path.exists():
        for row in read_jsonl(path):
            names[row["iso2"]] = row.get("name_en") or row["iso2"]
            if row.get("numeric"):
                numeric[row["iso2"]] = int(row["numeric"])
    regions = {code: region for code, region in read_tsv(data_path("rules", "acled_regions.tsv"), columns=2)}
    inter = {kind: int(code) for kind, code in read_tsv(data_path("rules", "acled_inter_codes.tsv"), columns=2)}
    return names, regions, numeric, inter


def select_events(db: sqlite3.Connection, date_from: date | None = None, date_to: date | None = None,
                  country: str | None = None) -> Iterator[dict]:
    clauses, params = [], []
    if date_from:
        clauses.append("date_start >= ?")
        params.append(date_from.isoformat())
    if date_to:
        clauses.append("date_start <= ?")
        params.append(date_to.isoformat())
    if country:
        clauses.append("country_iso2 = ?")
        params.append(country.upper())
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    for (event,) in db.execute(f"SELECT event FROM events {where} ORDER BY date_start, event_id", params):
        yield json.loads(event)


def acled_row(event: dict) -> dict:
    names, regions, numeric, inter = reference_tables()
    location = event["location"]
    country = location.get("country_iso2")
    perpetrator, target = event.get("perpetrator") or {}, event.get("target") or {}
    inter1 = inter.get(perpetrator.get("kind") or "unidentified armed group", 3)
    civilian = event["event_type"] == "Violence against civilians" or target.get("kind") == "civilians"
    inter2 = 7 if civilian else inter.get(target.get("kind"), 0) if target.get("kind") else 0
    codes = sorted(c for c in (inter1, inter2) if c)
    sources = event["sources"]
    day = event["date"]["start"]
    return {
        "event_id_cnty": f"{country or 'XX'}{event['event_id'][3:]}",
        "event_date": day,
        "year": day[:4] if day else "",
        "time_precision": TIME_PRECISION.get(event["date"]["precision"], 3),
        "disorder_type": DISORDER.get(event["event_type"], ""),
        "event_type": event["event_type"],
        "sub_event_type": event["sub_event_type"],
        "actor1": perpetrator.get("name") or "Unidentified Armed Group",
        "assoc_actor_1": "",
        "inter1": inter1,
        "actor2": target.get("name") or ("Civilians" if civilian else ""),
        "assoc_actor_2": "",
        "inter2": inter2 or "",
        "interaction": int("".join(str(c) for c in codes)) if codes else "",
        "civilian_targeting": "Civilian targeting" if civilian else "",
        "iso": numeric.get(country, ""),
        "region": regions.get(country, ""),
        "country": names.get(country, country or ""),
        "admin1": location.get("admin1_name") or "",
        "admin2": "",
        "admin3": "",
        "location": location.get("place") or location.get("admin1_name") or "",
        "latitude": location.get("lat") if location.get("lat") is not None else "",
        "longitude": location.get("lon") if location.get("lon") is not None else "",
        "geo_precision": location.get("geo_precision") or "",
        "source": "; ".join(sorted({s.get("outlet") or s.get("url") or s["article_id"] for s in sources})),
        "source_scale": "",
        "notes": event.get("notes", ""),
        "fatalities": (event.get("killed") or {}).get("value") or 0,
        "tags": "; ".join(f"{k} {v}" for k, v in (("injured", (event.get("injured") or {}).get("value")),) if v is not None),
        "timestamp": "",
    }


def write_acled_csv(events: Iterator[dict], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS)
    writer.writeheader()
    count = 0
    for event in events:
        writer.writerow(acled_row(event))
        count += 1
    return count


def write_geojson(events: Iterator[dict], out: IO[str]) -> int:
    """A FeatureCollection; events without coordinates get a null geometry (RFC 7946 §3.2)."""
    out.write('{"type": "FeatureCollection", "features": [')
    count = 0
    for event in events:
        location = event["location"]
        geometry = None
        if location.get("lat") is not None and location.get("lon") is not None:
            geometry = {"type": "Point", "coordinates": [location["lon"], location["lat"]]}
        properties = {k: v for k, v in acled_row(event).items() if k not in ("latitude", "longitude")}
        feature = {"type": "Feature", "id": event["event_id"], "geometry": geometry, "properties": properties}
        out.write(("," if count else "") + "\n" + json.dumps(feature, ensure_ascii=False))
        count += 1
    out.write("\n]}\n")
    return count


def write_jsonl(events: Iterator[dict], out: IO[str]) -> int:
    count = 0
    for event in events:
        out.write(json.dumps(event, ensure_ascii=False) + "\n")
        count += 1
    return count


WRITERS = {"acled-csv": write_acled_csv, "geojson": write_geojson, "jsonl": write_jsonl}


def dataset_stats(db: sqlite3.Connection) -> dict:
    events = [json.loads(e) for (e,) in db.execute("SELECT event FROM events")]
    return {
        "articles_by_status": dict(db.execute("SELECT status, COUNT(*) FROM articles GROUP BY status ORDER BY status").fetchall()),
        "mentions_by_type": dict(db.execute("SELECT mention, COUNT(*) FROM mentions GROUP BY mention ORDER BY mention").fetchall()),
        "events": len(events),
        "events_by_month": dict(sorted(Counter((e["date"]["start"] or "unknown")[:7] for e in events).items())),
        "events_by_country": dict(Counter(e["location"].get("country_iso2") or "unknown" for e in events).most_common()),
        "events_by_type": dict(Counter(e["event_type"] for e in events).most_common()),
        "fatalities": sum((e.get("killed") or {}).get("value") or 0 for e in events),
        "events_with_several_sources": sum(1 for e in events if len(e["sources"]) > 1),
    }
