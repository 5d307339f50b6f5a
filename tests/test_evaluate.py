"""`incidents score`/`eval` must give the reference scorer's numbers on the same predictions."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.evaluate import actors_agree, names_similar, score_articles

FIXTURES = Path(__file__).parent / "fixtures"
REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "tools" / "score.py"


def read(path):
    return [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]


def our_summary(gold_path, pred_path):
    by_article = {}
    for record in read(pred_path):
        by_article.setdefault(record["article_id"], []).append(record)
    return score_articles(read(gold_path), by_article).summary()


@pytest.mark.skipif(not REFERENCE.exists(), reason="shared/tools/score.py is not beside the project")
def test_scores_equal_the_reference_scorer_on_a_fixture():
    gold, pred = FIXTURES / "eval_gold.jsonl", FIXTURES / "eval_pred.jsonl"
    reference = json.loads(subprocess.run([sys.executable, str(REFERENCE), str(gold), str(pred)],
                                          capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1])
    assert our_summary(gold, pred) == reference


def test_fixture_exercises_matches_misses_and_spurious_records():
    summary = our_summary(FIXTURES / "eval_gold.jsonl", FIXTURES / "eval_pred.jsonl")
    assert 0 < summary["detection"]["precision"] < 1
    assert 0 < summary["detection"]["recall"] < 1
    assert 0 < summary["mention_accuracy"] <= 1


@pytest.mark.parametrize("a, b, same", [
    ("Kirkouk", "Kirkuk", True), ("Jénine", "Jenin camp", True), ("Odessa", "Odesa", True),
    ("Aïn al-Assad", "Ain al-Asad", True), ("Bagdad", "Mossoul", False), (None, "Gao", False),
])
def test_place_names_agree_across_spellings(a, b, same):
    assert names_similar(a, b) is same


@pytest.mark.parametrize("gold, predicted, same", [
    ("Islamic State", "Etat islamique", True), ("JNIM", "GSIM", True), ("Israel Defense Forces", "Tsahal", True),
    ("Russian armed forces", "Ukrainian armed forces", False), ("Military Forces of Mali", "Malian army", True),
    (None, None, True), ("Hamas", None, False),
])
def test_actor_names_agree_by_alias_and_state_force_country(gold, predicted, same):
    assert actors_agree(gold, predicted) is same
