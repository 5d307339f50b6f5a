"""Triage: articles without event cues are not parsed; in the others only the passages that can hold an
incident are, with offsets that still point into the original text."""
import pytest

from pipeline.clean import clean_article
from pipeline.triage import load_triage

CONFLICT = ("Des hommes armés ont attaqué mardi soir un poste militaire près de Djibo, tuant six soldats.\n"
            + "Le ministre a salué le courage des troupes lors d'une cérémonie organisée dans la capitale. " * 4 + "\n"
            + "Le marché hebdomadaire de la ville a rouvert après deux semaines de fermeture. " * 4 + "\n"
            + "Le bilan s'est ensuite alourdi à neuf morts selon une source locale.\n"
            + "La saison des pluies devrait commencer en juin dans la région, selon la météo nationale. " * 3)


@pytest.mark.parametrize("text, kept", [
    ("Un accident de la route a fait trois morts et huit blessés mardi sur la nationale 7.", False),
    ("Le club a remporté le championnat après une saison disputée, devant un public conquis.", False),
    ("La Bourse de Paris a reculé mardi, les investisseurs restant prudents avant les annonces.", False),
    ("Une embuscade a coûté la vie à six soldats mardi près de Djibo.", True),
    ("Deux drones ont été abattus dans la nuit au-dessus de la région de Belgorod.", True),
    ("Des hommes armés ont enlevé une vingtaine d'élèves mardi dans le nord-ouest du Nigeria.", True),
])
def test_articles_without_event_cues_are_triaged_out(text, kept):
    assert load_triage().may_hold_incident(text) is kept


def test_only_passages_that_can_hold_an_incident_are_parsed_and_offsets_hold():
    clean = clean_article(CONFLICT)
    passages = load_triage().passages(clean)
    assert "Djibo" in passages.text and "neuf morts" in passages.text
    assert "marché hebdomadaire" not in passages.text
    assert passages.text.count("saison des pluies") < CONFLICT.count("saison des pluies")
    assert len(passages.text) < len(clean.text)
    for phrase in ("tuant six soldats", "neuf morts"):
        start = passages.text.index(phrase)
        o_start, o_end = passages.to_original(start, start + len(phrase))
        assert CONFLICT[o_start:o_end] == phrase
