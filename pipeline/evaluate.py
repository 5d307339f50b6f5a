"""Scoring records against gold articles (format: shared/corpus/GOLD_FORMAT.md), with the same rules as the
reference scorer so that the numbers agree: one-to-one matching of `new` records to primary, non-aggregate
gold incidents (best pairs first, a pair needs overlapping dates and one of country, admin1, place or
sub-event type), field accuracy on matched pairs, mention accuracy on every gold incident."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Callable

from pipeline.resources import data_path, read_tsv

PARTICLES = {"al", "el", "ad", "as", "ar", "ash", "an", "de", "du", "la", "le", "les", "d", "l"}
NOT_SCORED = {"Agreement", "Change to group/activity", "Headquarters or base established",
              "Non-violent transfer of territory", "Peaceful protest"}
MATCH_THRESHOLD = 3.0


def normalise_name(value) -> str:
    """ASCII, lower case, words only, without Arabic and French articles: 'Aïn al-Assad' → 'ain assad'."""
    if value is None:
        return ""
    ascii_text = unicodedata.normalize("NFKD", str(value).replace("ı", "i")).encode("ascii", "ignore").decode().lower()
    words = re.sub(r"[^a-z0-9]+", " ", ascii_text).split()
    return " ".join(word for word in words if word not in PARTICLES)


def spelling_key(word: str) -> str:
    """One key for French and English transliterations of a word (Kirkouk/Kirkuk, Jenine/Jenin)."""
    for before, after in (("ou", "u"), ("dj", "j"), ("ph", "f"), ("y", "i"), ("c", "k"), ("q", "k")):
        word = word.replace(before, after)
    word = re.sub(r"(.)\1+", r"\1", word)
    return word[:-1] if len(word) > 4 and word.endswith("e") else word


def words_agree(a: str, b: str) -> bool:
    a, b = spelling_key(a), spelling_key(b)
    if a == b:
        return True
    return min(len(a), len(b)) >= 5 and (a.startswith(b) or b.startswith(a))


def names_similar(a, b) -> bool:
    """At least half of the shorter name's words agree with a word of the other."""
    left, right = normalise_name(a).split(), normalise_name(b).split()
    if not left or not right:
        return False
    agreeing = sum(1 for word in left if any(words_agree(word, other) for other in right))
    return agreeing / min(len(left), len(right)) >= 0.5


@dataclass(frozen=True)
class ActorTables:
    alias_groups: tuple[frozenset[str], ...]
    force_words: frozenset[str]
    country_words: dict[str, frozenset[str]]


@lru_cache(maxsize=1)
def actor_tables() -> ActorTables:
    groups: dict[str, set[str]] = {}
    for group, alias in read_tsv(data_path("rules", "scoring_actor_aliases.tsv"), columns=2):
        groups.setdefault(group, set()).add(normalise_name(alias))
    force_words: frozenset[str] = frozenset()
    countries: dict[str, frozenset[str]] = {}
    for code, words in read_tsv(data_path("rules", "scoring_force_countries.tsv"), columns=2):
        if code == "FORCE":
            force_words = frozenset(words.split())
        else:
            countries[code] = frozenset(words.split())
    return ActorTables(tuple(frozenset(g) for g in groups.values()), force_words, countries)


def state_force_country(name) -> str | None:
    tables = actor_tables()
    words = set(normalise_name(name).split())
    if not words & tables.force_words and not words & {"idf", "tsahal"}:
        return None
    countries = [code for code, country_words in tables.country_words.items() if words & country_words]
    return countries[0] if len(countries) == 1 else None


def actors_agree(gold, predicted) -> bool:
    if not gold or not predicted:
        return not gold and not predicted
    gold_country, predicted_country = state_force_country(gold), state_force_country(predicted)
    if gold_country and predicted_country:
        return gold_country == predicted_country
    gold_name, predicted_name = normalise_name(gold), normalise_name(predicted)
    gold_words = gold_name.split(" ")
    for group in actor_tables().alias_groups:
        gold_in = any(alias == gold_name or (len(alias) > 3 and alias in gold_words) for alias in group)
        predicted_in = any(alias == predicted_name or (len(alias) > 3 and alias in predicted_name) for alias in group)
        if gold_in and predicted_in:
            return True
    return names_similar(gold, predicted)


def as_day(value) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10])
    except (TypeError, ValueError):
        return None


def field_of(record: dict, dotted: str):
    value = record
    for part in dotted.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def pair_score(gold: dict, record: dict) -> float:
    score = 0.0
    gold_start, record_start = as_day(gold.get("date_start")), as_day(field_of(record, "date.start"))
    gold_end = as_day(gold.get("date_end")) or gold_start
    record_end = as_day(field_of(record, "date.end")) or record_start
    if gold_start and record_start:
        if record_start <= gold_end and gold_start <= record_end:
            score += 2
        elif abs((gold_start - record_start).days) <= 2:
            score += 1
    if gold.get("country_iso2") and gold["country_iso2"] == field_of(record, "location.country_iso2"):
        score += 1
    if gold.get("admin1_iso") and gold["admin1_iso"] == field_of(record, "location.admin1_iso"):
        score += 1
    if gold.get("place") and names_similar(gold["place"], field_of(record, "location.place")):
        score += 1
    if gold.get("sub_event_type") == record.get("sub_event_type"):
        score += 1
    if gold.get("killed") is not None and gold["killed"] == field_of(record, "killed.value"):
        score += 0.5
    return score


def match_pairs(golds: list[dict], records: list[dict]) -> list[tuple[int, int]]:
    """Greedy one-to-one matching: highest score first, then gold order, then record order."""
    candidates = sorted(
        ((pair_score(g, r), gi, ri) for gi, g in enumerate(golds) for ri, r in enumerate(records)),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    taken_gold, taken_record, pairs = set(), set(), []
    for score, gi, ri in candidates:
        if score < MATCH_THRESHOLD:
            break
        if gi in taken_gold or ri in taken_record:
            continue
        taken_gold.add(gi)
        taken_record.add(ri)
        pairs.append((gi, ri))
    return pairs


def _same_date(g: dict, r: dict) -> bool:
    g_start, r_start = as_day(g.get("date_start")), as_day(field_of(r, "date.start"))
    g_end = as_day(g.get("date_end")) or g_start
    r_end = as_day(field_of(r, "date.end")) or r_start
    return g_start == r_start and g_end == r_end


FIELD_CHECKS: dict[str, Callable[[dict, dict], bool]] = {
    "event_type": lambda g, r: g.get("event_type") == r.get("event_type"),
    "sub_event_type": lambda g, r: g.get("sub_event_type") == r.get("sub_event_type"),
    "date": _same_date,
    "country": lambda g, r: g.get("country_iso2") == field_of(r, "location.country_iso2"),
    "admin1": lambda g, r: (g.get("admin1_iso") or None) == (field_of(r, "location.admin1_iso") or None),
    "place": lambda g, r: names_similar(g.get("place"), field_of(r, "location.place"))
    or (not g.get("place") and not field_of(r, "location.place")),
    "killed": lambda g, r: g.get("killed") == field_of(r, "killed.value"),
    "injured": lambda g, r: g.get("injured") == field_of(r, "injured.value"),
    "perpetrator": lambda g, r: actors_agree(g.get("perpetrator"), field_of(r, "perpetrator.name")),
    "weapons": lambda g, r: bool(set(g.get("weapons") or []) & set(r.get("weapons") or []))
    or (not g.get("weapons") and not r.get("weapons")),
}


def expected_mention(gold: dict) -> str:
    if gold.get("aggregate"):
        return "aggregate"
    return "new" if gold.get("primary") else "background"


@dataclass
class Miss:
    article_id: str
    what: str  # a field name, MISSED or SPURIOUS
    gold: dict | None
    record: dict | None


@dataclass
class Score:
    articles: int = 0
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    field_hits: dict[str, int] = field(default_factory=lambda: {name: 0 for name in FIELD_CHECKS})
    mentions_right: int = 0
    mentions_total: int = 0
    misses: list[Miss] = field(default_factory=list)

    def summary(self) -> dict:
        tp, fp, fn = self.true_positives, self.false_positives, self.false_negatives
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "articles": self.articles,
            "gold_new": tp + fn,
            "pred_new": tp + fp,
            "detection": {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)},
            "fields": {name: round(hits / tp, 3) if tp else 0.0 for name, hits in self.field_hits.items()},
            "mention_accuracy": round(self.mentions_right / self.mentions_total, 3) if self.mentions_total else 0.0,
        }


def score_articles(gold_articles: list[dict], records_by_article: dict[str, list[dict]]) -> Score:
    score = Score(articles=len(gold_articles))
    for article in gold_articles:
        article_id = str(article["id"])
        golds = [g for g in article.get("incidents", []) if g.get("sub_event_type") not in NOT_SCORED]
        gold_new = [g for g in golds if g.get("primary") and not g.get("aggregate")]
        records = [r for r in records_by_article.get(article_id, []) if r.get("sub_event_type") not in NOT_SCORED]
        records_new = [r for r in records if r.get("mention") == "new"]
        pairs = match_pairs(gold_new, records_new)
        for gi, ri in pairs:
            score.true_positives += 1
            for name, check in FIELD_CHECKS.items():
                if check(gold_new[gi], records_new[ri]):
                    score.field_hits[name] += 1
                else:
                    score.misses.append(Miss(article_id, name, gold_new[gi], records_new[ri]))
        matched_gold = {gi for gi, _ in pairs}
        matched_records = {ri for _, ri in pairs}
        for gi, gold in enumerate(gold_new):
            if gi not in matched_gold:
                score.false_negatives += 1
                score.misses.append(Miss(article_id, "MISSED", gold, None))
        for ri, record in enumerate(records_new):
            if ri not in matched_records:
                score.false_positives += 1
                score.misses.append(Miss(article_id, "SPURIOUS", None, record))
        for gi, ri in match_pairs(golds, records):
            score.mentions_total += 1
            score.mentions_right += records[ri].get("mention") == expected_mention(golds[gi])
    return score
