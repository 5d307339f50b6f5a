"""One event from many articles: `new` mentions that agree on the kind of event, dates (±1 day for day
precision), place (same place, within 25 km, or same admin1 when neither names a place) and whose actors do not
contradict are one event. Clusters are the connected components of that relation over mentions sorted by id,
so the result does not depend on the order the articles came in. Tolls are reconciled UCDP-style: best = the
figure of the most recent report, low/high = the spread across reports."""
from __future__ import annotations

import hashlib
import math
from datetime import date, timedelta

from pipeline.evaluate import actors_agree, names_similar

DAY_TOLERANCE = timedelta(days=1)
MAX_DISTANCE_KM = 25.0
STATUS_RANK = {"claimed": 3, "stated": 2, "suspected": 1, "unclaimed": 0, None: 0}


def _day(value) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


def distance_km(a: dict, b: dict) -> float | None:
    if None in (a.get("lat"), a.get("lon"), b.get("lat"), b.get("lon")):
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (a["lat"], a["lon"], b["lat"], b["lon"]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def dates_meet(a: dict, b: dict) -> bool:
    a_start, a_end = _day(a["date"]["start"]), _day(a["date"]["end"]) or _day(a["date"]["start"])
    b_start, b_end = _day(b["date"]["start"]), _day(b["date"]["end"]) or _day(b["date"]["start"])
    if not a_start or not b_start:
        return False
    tolerance = DAY_TOLERANCE if "day" in (a["date"]["precision"], b["date"]["precision"]) else timedelta(0)
    return a_start <= b_end + tolerance and b_start <= a_end + tolerance


def places_meet(a: dict, b: dict) -> bool:
    """Same place by name, or within 25 km; when neither names a place, the same admin1."""
    la, lb = a["location"], b["location"]
    if la.get("country_iso2") != lb.get("country_iso2"):
        return False
    if la.get("place") and lb.get("place"):
        if names_similar(la["place"], lb["place"]):
            return True
        distance = distance_km(la, lb)
        return distance is not None and distance <= MAX_DISTANCE_KM
    if la.get("place") or lb.get("place"):
        return False
    return bool(la.get("admin1_iso")) and la.get("admin1_iso") == lb.get("admin1_iso")


def actors_meet(a: dict, b: dict) -> bool:
    pa, pb = a["perpetrator"].get("name"), b["perpetrator"].get("name")
    return not pa or not pb or actors_agree(pa, pb)


def same_event(a: dict, b: dict) -> bool:
    return (a["article_id"] != b["article_id"] and a["event_type"] == b["event_type"] and dates_meet(a, b)
            and places_meet(a, b) and actors_meet(a, b))


class _Components:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)


def cluster(mentions: list[dict]) -> list[list[dict]]:
    ordered = sorted(mentions, key=lambda m: m["id"])
    by_start = sorted(range(len(ordered)), key=lambda i: (ordered[i]["date"]["start"] or "", ordered[i]["id"]))
    components = _Components(len(ordered))
    for position, i in enumerate(by_start):
        a = ordered[i]
        a_end = _day(a["date"]["end"]) or _day(a["date"]["start"])
        for j in by_start[position + 1:]:
            b = ordered[j]
            if a_end and _day(b["date"]["start"]) and _day(b["date"]["start"]) > a_end + DAY_TOLERANCE:
                break
            if same_event(a, b):
                components.join(i, j)
    attach_placeless(ordered, components)
    groups: dict[int, list[dict]] = {}
    for i, mention in enumerate(ordered):
        groups.setdefault(components.find(i), []).append(mention)
    return [groups[root] for root in sorted(groups)]


def attach_placeless(ordered: list[dict], components: "_Components") -> None:
    """A report that names no place but the province ("un commissariat de la province") joins the one event
    with a place in that province, that day, of that kind; when two such events exist, the one of the same
    sub-event type; otherwise it stays apart. Decided from the clusters of placed reports only, so the
    result does not depend on the order of the articles."""
    placed_roots: dict[int, list[int]] = {}
    for i, mention in enumerate(ordered):
        if mention["location"].get("place"):
            placed_roots.setdefault(components.find(i), []).append(i)
    joins = []
    for i, mention in enumerate(ordered):
        location = mention["location"]
        if location.get("place") or not location.get("admin1_iso"):
            continue
        candidates = []
        for root, members in placed_roots.items():
            if any(ordered[j]["article_id"] == mention["article_id"] for j in members):
                continue
            if any(ordered[j]["event_type"] == mention["event_type"] and dates_meet(ordered[j], mention)
                   and ordered[j]["location"].get("admin1_iso") == location["admin1_iso"] and actors_meet(ordered[j], mention)
                   for j in members):
                candidates.append(root)
        if len(candidates) > 1:
            candidates = [root for root in candidates
                          if any(ordered[j]["sub_event_type"] == mention["sub_event_type"] for j in placed_roots[root])]
        if len(candidates) == 1:
            joins.append((i, candidates[0]))
    for i, root in joins:
        components.join(i, root)


def reconcile(values: list[tuple[str, int]]) -> dict:
    """[(published, value)] → UCDP-style best (latest report; the higher on a tie), low, high."""
    if not values:
        return {"value": None, "low": None, "high": None}
    latest = max(values, key=lambda pv: (pv[0] or "", pv[1]))
    numbers = [v for _, v in values]
    return {"value": latest[1], "low": min(numbers), "high": max(numbers)}


def merge_cluster(group: list[dict]) -> dict:
    def span_days(m):
        start, end = _day(m["date"]["start"]), _day(m["date"]["end"]) or _day(m["date"]["start"])
        return (end - start).days if start and end else 10**6

    dated = min(group, key=lambda m: (span_days(m), m["date"]["start"] or "", m["id"]))
    located = min(group, key=lambda m: (m["location"].get("geo_precision") or 9, m["location"].get("lat") is None, m["id"]))
    sub_events = sorted({m["sub_event_type"] for m in group}, key=lambda s: (-sum(m["sub_event_type"] == s for m in group), s))
    sub_event = sub_events[0]
    perpetrator = max(group, key=lambda m: (bool(m["perpetrator"].get("name")), STATUS_RANK.get(m["perpetrator"].get("status"), 0), m["id"]))["perpetrator"]
    tolls = {kind: reconcile([(m.get("_published") or m["source"].get("published"), m[kind]["value"])
                              for m in group if m[kind]["value"] is not None]) for kind in ("killed", "injured", "abducted")}
    weapons = sorted({w for m in group for w in m["weapons"]})
    event_type = next(m["event_type"] for m in group if m["sub_event_type"] == sub_event)
    first = min(m["id"] for m in group)
    return {
        "event_id": "EV-" + hashlib.sha1(first.encode()).hexdigest()[:12],
        "event_type": event_type,
        "sub_event_type": sub_event,
        "date": dated["date"],
        "location": located["location"],
        **tolls,
        "perpetrator": perpetrator,
        "target": next((m["target"] for m in group if m["target"].get("name")), group[0]["target"]),
        "weapons": weapons,
        "sources": [{"record_id": m["id"], "article_id": m["article_id"], "content_hash": m.get("_content_hash"),
                     "published": m.get("_published") or m["source"].get("published"), "url": m["source"].get("url"),
                     "outlet": m["source"].get("outlet")} for m in sorted(group, key=lambda m: m["id"])],
        "notes": f"{sub_event} reported by {len({m['article_id'] for m in group})} article(s)",
    }


def build_events(mentions: list[dict]) -> list[dict]:
    return [merge_cluster(group) for group in cluster([m for m in mentions if m.get("mention") == "new"])]
