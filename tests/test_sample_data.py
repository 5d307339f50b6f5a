"""The sample articles and gold fixtures are well formed: a spec is only useful if it is itself right.

Checks every file of data/samples and tests/fixtures: JSON parses, ids are unique, gold fields stay within
the vocabularies of shared/corpus/GOLD_FORMAT.md, sub-event types belong to their ACLED event type, ISO codes
exist, dates are ordered and agree with the weekdays the text names, every quoted phrase is in the text,
and no ten-word run of the third-party corpus is repeated.
"""
from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from collections import Counter
from datetime import date
from pathlib import Path

import pycountry
import pytest

from models.records import ACLED_SUB_EVENT_TYPES

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"
FIXTURES = ROOT / "tests" / "fixtures"
SHARED = ROOT.parent / "shared"

GOLD_FILES = [SAMPLES / "articles-gold.jsonl", FIXTURES / "articles_gold.jsonl"]
PLAIN_FILES = [SAMPLES / "articles.jsonl", FIXTURES / "same_attack.jsonl"]
OWN_FILES = ["data/samples/articles.jsonl", "data/samples/articles-gold.jsonl", "data/samples/bad-lines.jsonl",
             "data/samples/README.md", "tests/fixtures/articles_gold.jsonl", "tests/fixtures/same_attack.jsonl",
             "tests/fixtures/README.md", "scripts/make_sample_gold.py", "tests/test_sample_data.py"]

ARTICLE_KEYS = {"id", "url", "outlet", "published", "published_evidence", "title", "text", "incidents",
                "annotator_notes"}
PLAIN_KEYS = {"id", "title", "text", "published", "url", "outlet"}
INCIDENT_KEYS = {"primary", "aggregate", "event_type", "sub_event_type", "date_start", "date_end",
                 "date_precision", "part_of_day", "date_text", "country_iso2", "admin1_iso", "admin1_name",
                 "place", "place_kind", "killed", "injured", "casualty_qualifier", "casualty_text", "perpetrator",
                 "perpetrator_status", "target", "weapons", "notes"}
OPTIONAL_INCIDENT_KEYS = {"quantities"}
PRECISIONS = {"day", "week", "month", "season", "year", "unknown"}
PARTS_OF_DAY = {"morning", "afternoon", "evening", "night", None}
PLACE_KINDS = {"town", "military base", "camp", "border post", "region", "other", None}
QUALIFIERS = {"exact", "at_least", "approx", "none_stated"}
QUANTITY_QUALIFIERS = {"exact", "at_least", "at_most", "approx", "range"}
STATUSES = {"stated", "claimed", "suspected", "unclaimed"}
WEAPONS = {"drone", "rocket", "missile", "airstrike", "artillery", "ied", "suicide_bomb", "car_bomb", "firearms",
           "knife", "other"}
CODED_SUB_EVENTS = ["Armed clash", "Non-state actor overtakes territory", "Government regains territory",
                    "Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
                    "Suicide bomb", "Grenade", "Attack", "Abduction/forced disappearance", "Arrests",
                    "Disrupted weapons use", "Looting/property destruction", "Violent demonstration"]
WEEKDAYS_FR = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def fold(s: str) -> str:
    """Lower case without accents, apostrophes unified: quoted phrases are searched loosely."""
    s = unicodedata.normalize("NFKD", s.replace("’", "'")).encode("ascii", "ignore").decode()
    return " ".join(s.lower().split())


def gold_incidents():
    for path in GOLD_FILES:
        for art in read(path):
            for i, inc in enumerate(art["incidents"]):
                yield pytest.param(art, inc, id=f"{art['id']}#{i}")


INCIDENTS = list(gold_incidents())


@pytest.mark.parametrize("path", GOLD_FILES + PLAIN_FILES, ids=lambda p: p.name)
def test_file_parses_with_unique_ids(path):
    rows = read(path)
    assert rows
    ids = Counter(r["id"] for r in rows)
    assert [i for i, n in ids.items() if n > 1] == []


def test_ids_unique_across_gold_files():
    ids = Counter(a["id"] for p in GOLD_FILES for a in read(p))
    assert [i for i, n in ids.items() if n > 1] == []


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_gold_articles_have_exactly_the_format_fields(path):
    for art in read(path):
        assert set(art) == ARTICLE_KEYS, art["id"]
        date.fromisoformat(art["published"])
        assert isinstance(art["text"], str) and art["text"].strip()


@pytest.mark.parametrize("path", PLAIN_FILES, ids=lambda p: p.name)
def test_plain_articles_have_the_input_fields(path):
    for art in read(path):
        assert set(art) == PLAIN_KEYS, art["id"]
        date.fromisoformat(art["published"])


def test_samples_text_and_gold_agree():
    plain = {a["id"]: a for a in read(SAMPLES / "articles.jsonl")}
    gold = {a["id"]: a for a in read(SAMPLES / "articles-gold.jsonl")}
    assert plain.keys() == gold.keys()
    for aid, a in plain.items():
        for key in PLAIN_KEYS:
            assert a[key] == gold[aid][key], (aid, key)


@pytest.mark.parametrize("path, low, high, at_least", [
    (SAMPLES / "articles.jsonl", 150, 400, 14),
    (FIXTURES / "articles_gold.jsonl", 40, 120, 44),
], ids=["samples", "fixtures"])
def test_article_lengths(path, low, high, at_least):
    rows = read(path)
    assert len(rows) >= at_least
    for art in rows:
        assert low <= len(art["text"].split()) <= high, art["id"]


@pytest.mark.parametrize("art, inc", INCIDENTS)
def test_incident_fields_in_vocabulary(art, inc):
    keys = set(inc)
    assert INCIDENT_KEYS <= keys <= INCIDENT_KEYS | OPTIONAL_INCIDENT_KEYS
    assert isinstance(inc["primary"], bool) and isinstance(inc["aggregate"], bool)
    assert ACLED_SUB_EVENT_TYPES[inc["sub_event_type"]] == inc["event_type"]
    assert inc["date_precision"] in PRECISIONS
    assert inc["part_of_day"] in PARTS_OF_DAY
    assert inc["place_kind"] in PLACE_KINDS
    assert inc["casualty_qualifier"] in QUALIFIERS
    assert inc["perpetrator_status"] in STATUSES
    assert set(inc["weapons"]) <= WEAPONS
    for q in inc.get("quantities", []):
        assert set(q) == {"what", "value", "qualifier"} and isinstance(q["value"], int)
        assert q["qualifier"] in QUANTITY_QUALIFIERS


@pytest.mark.parametrize("art, inc", INCIDENTS)
def test_iso_codes_exist(art, inc):
    assert pycountry.countries.get(alpha_2=inc["country_iso2"]) is not None
    if inc["admin1_iso"] is not None:
        sub = pycountry.subdivisions.get(code=inc["admin1_iso"])
        assert sub is not None and sub.country_code == inc["country_iso2"]
        assert sub.parent_code is None, "admin1 must be a first-level division"
        assert inc["admin1_name"]


@pytest.mark.parametrize("art, inc", INCIDENTS)
def test_dates_ordered_and_not_after_publication(art, inc):
    published = date.fromisoformat(art["published"])
    if inc["date_start"] is None:
        assert inc["date_end"] is None and inc["date_precision"] == "unknown"
        assert not inc["primary"] or inc["aggregate"]
        return
    start, end = date.fromisoformat(inc["date_start"]), date.fromisoformat(inc["date_end"])
    assert start <= end <= published
    if inc["date_precision"] == "day":
        assert (end - start).days <= 1, "a day is one date, or two for a night"


@pytest.mark.parametrize("art, inc", INCIDENTS)
def test_weekday_in_date_text_matches_the_date(art, inc):
    """'mardi soir' must be a Tuesday; 'la nuit de samedi à dimanche' a Saturday start and a Sunday end."""
    if inc["date_precision"] != "day":
        return
    named = [d for d in WEEKDAYS_FR if d in fold(inc["date_text"]).split()]
    if not named:
        return
    days = {WEEKDAYS_FR[date.fromisoformat(inc[k]).weekday()] for k in ("date_start", "date_end")}
    assert set(named) <= days, (named, inc["date_start"], inc["date_end"])


@pytest.mark.parametrize("art, inc", INCIDENTS)
def test_quoted_words_are_in_the_text(art, inc):
    text = fold(art["text"])
    for field in ("date_text", "casualty_text"):
        for piece in inc[field].split("..."):
            piece = fold(piece.strip(" .,"))
            assert piece in text, (field, piece)
    if inc["place"]:
        for word in fold(inc["place"]).replace("-", " ").split():
            assert len(word) < 4 or word in text.replace("-", " "), word


@pytest.mark.parametrize("art, inc", INCIDENTS)
def test_casualties_and_actor_are_consistent(art, inc):
    for k in ("killed", "injured"):
        assert inc[k] is None or (isinstance(inc[k], int) and inc[k] >= 0)
    silent = inc["killed"] is None and inc["injured"] is None
    assert (inc["casualty_qualifier"] == "none_stated") == silent or inc["aggregate"]
    if inc["perpetrator"] is None:
        assert inc["perpetrator_status"] == "unclaimed", "an unnamed attacker is unclaimed"
    if inc["perpetrator_status"] in ("claimed", "suspected"):
        assert inc["perpetrator"]
    if inc["primary"] and not inc["aggregate"]:
        assert inc["date_precision"] == "day" and inc["country_iso2"]


def test_fixtures_cover_every_coded_sub_event_type_three_times():
    counts = Counter(inc["sub_event_type"] for art in read(FIXTURES / "articles_gold.jsonl")
                     for inc in art["incidents"] if inc["primary"] and not inc["aggregate"])
    assert {s: counts[s] for s in CODED_SUB_EVENTS if counts[s] < 3} == {}


def test_fixtures_hold_articles_without_new_incident_and_with_several():
    rows = read(FIXTURES / "articles_gold.jsonl")
    new = [sum(i["primary"] and not i["aggregate"] for i in a["incidents"]) for a in rows]
    assert new.count(0) >= 6
    assert sum(n >= 2 for n in new) >= 2
    assert any(not i["primary"] and not i["aggregate"] for a in rows for i in a["incidents"])
    assert any(i["aggregate"] for a in rows for i in a["incidents"])
    assert {i["perpetrator_status"] for a in rows for i in a["incidents"]} == STATUSES
    assert len({date.fromisoformat(a["published"]).weekday() for a in rows}) == 7


def test_same_attack_fixture_is_one_province_two_days():
    rows = read(FIXTURES / "same_attack.jsonl")
    assert len(rows) == 4 and len({r["outlet"] for r in rows}) >= 3
    assert {r["published"] for r in rows} == {"2024-03-19", "2024-03-20"}
    assert all("Khyber Pakhtunkhwa" in r["text"] for r in rows if r["id"] != "same-dik-3")


# line number -> expected rejection reason (None: accepted). See data/samples/README.md.
BAD_LINES = {1: None, 2: "malformed_json", 3: "missing_text", 4: "empty_text", 5: "text_not_string", 6: None,
             7: "no_publication_date", 8: "bad_publication_date", 9: "not_french", 10: "not_french",
             11: "too_long", 12: "no_publication_date", 13: None}
TEST_MAX_CHARS = 3000
FRENCH_MARKERS = {"le", "les", "des", "du", "et", "une"}  # none of them is an English or Spanish word


def looks_french(text: str) -> bool:
    return bool(FRENCH_MARKERS & set(fold(text).replace("'", " ").split()))


@pytest.mark.parametrize("lineno, reason", BAD_LINES.items())
def test_bad_lines_are_bad_for_the_documented_reason(lineno, reason):
    line = (SAMPLES / "bad-lines.jsonl").read_text(encoding="utf-8").splitlines()[lineno - 1]
    if reason == "malformed_json":
        with pytest.raises(json.JSONDecodeError):
            json.loads(line)
        return
    obj = json.loads(line)
    text = obj.get("text", obj.get("maintext"))
    published = obj.get("published", obj.get("date_publish"))
    checks = {
        None: lambda: isinstance(text, str) and text.strip() and len(text) < TEST_MAX_CHARS
        and date.fromisoformat(published) and looks_french(text),
        "missing_text": lambda: "text" not in obj and "maintext" not in obj,
        "empty_text": lambda: text == "",
        "text_not_string": lambda: not isinstance(text, str),
        "no_publication_date": lambda: published in (None, "None"),
        "bad_publication_date": lambda: published == "hier",
        "not_french": lambda: not looks_french(text),
        "too_long": lambda: len(text) > TEST_MAX_CHARS,
    }
    assert checks[reason]()


def test_no_other_text_reaches_the_test_size_limit():
    for path in GOLD_FILES + PLAIN_FILES:
        assert max(len(a["text"]) for a in read(path)) < TEST_MAX_CHARS


def test_sample_gold_is_what_the_script_writes(tmp_path):
    """articles*.jsonl come from scripts/make_sample_gold.py: the committed copies must not drift."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import make_sample_gold
    finally:
        sys.path.pop(0)
    ids = [a["id"] for a in read(SAMPLES / "articles-gold.jsonl")]
    assert ids == [a["id"] for a in make_sample_gold.ARTICLES]
    assert read(SAMPLES / "articles-gold.jsonl") == [
        {k: a[k] for k in ("id", "url", "outlet", "published", "published_evidence", "title", "text", "incidents",
                           "annotator_notes")} for a in make_sample_gold.ARTICLES]


def test_no_verbatim_corpus_text_in_these_files():
    tool, corpus = SHARED / "tools" / "verbatim_check.py", SHARED / "corpus"
    if not tool.exists() or not corpus.is_dir():
        pytest.skip("shared corpus not available")
    out = subprocess.run([sys.executable, str(tool), str(ROOT), str(corpus)], capture_output=True, text=True).stdout
    assert [line for line in out.splitlines() if line.split(":")[0] in OWN_FILES] == []
