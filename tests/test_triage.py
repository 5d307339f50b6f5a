"""Triage: articles without event cues are not parsed; in the others only the passages that can hold an
incident are, with offsets that still point into the original text."""
import re

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


@pytest.mark.parametrize("text, kept", [
    # a strong cue that needs a support, and nothing in its sentence supports it
    ("Trois jeunes ont été interpellés jeudi matin après le cambriolage d'une pharmacie de quartier.", False),
    ("La camionnette qui le précédait s'était arrêtée au feu rouge, sans qu'il le remarque.", False),
    ("Le joueur a ouvert le score d'une frappe puissante.\nL'équipe locale a ensuite dominé.", True),  # "frappe" is its own support
    # specific cues stand alone
    ("Une embuscade a été tendue mardi sur la route de Boni.", True),
    ("Un attentat à la voiture piégée a visé un marché dimanche.", True),
    ("Des émeutiers ont pillé des commerces, puis des émeutes ont éclaté dans la nuit.", True),
    ("Les policiers ont abattu le forcené dans la soirée.", True),  # "abattre" without anything that flies kills
    # supports: a casualty word, a support cue, a named group, base or force (a force noun with a country)
    ("Une explosion a fait deux morts dans un entrepôt.", True),
    ("Une attaque a visé le convoi ; le FLA l'a revendiquée.", True),
    ("Trois membres présumés de l'État islamique ont été arrêtés mardi à Mossoul.", True),
    ("Une attaque contre la base aérienne de Tessalit a été repoussée.", True),
    ("Des soldats maliens ont arrêté douze suspects près de Gao.", True),
    ("Des policiers ont arrêté douze suspects près de la gare.", False),
    # an unsupported strong cue, and an event sentence the assembly reads without any strong cue
    ("La camionnette s'était arrêtée. Un drone s'est écrasé sur un immeuble d'habitation à l'aube.", True),
    ("Le suspect a été interpellé. Des hommes armés ont tué neuf villageois dans la nuit.", True),
])
def test_a_strong_cue_needs_what_makes_it_an_event_in_its_sentence(text, kept):
    assert (load_triage().select(clean_article(text)) is not None) is kept


@pytest.mark.parametrize("text, kept", [
    ("Le buteur a trompé le gardien d'une frappe croisée juste avant la mi-temps ; le score en restait là.", False),
    ("Le film raconte la bataille de Verdun et ses bombardements ; le réalisateur signe un scénario ambitieux.", False),
    # the same words of sport, and the armed forces of a country: the assembly reads it, so the triage keeps it
    ("Avant la finale, des soldats maliens ont essuyé une attaque près du stade ; le match a été reporté.", True),
])
def test_sport_or_film_that_borrows_the_words_of_war_is_triaged_out(text, kept):
    assert (load_triage().select(clean_article(text)) is not None) is kept


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


PASSAGES = [
    "Nouvelles de la région du Sahel.",                                                     # lead
    "Les habitants de Kiri préparent la saison des semailles.",                             # lead
    "Un ancien rapport évoquait des blessés lors d'une fête dans la province.",             # a toll before any event
    "Des hommes armés ont attaqué mardi soir un poste militaire près de Djibo.",            # strong cue
    "Les assaillants ont revendiqué l'opération dans un message diffusé le lendemain.",     # weak cues, no name
    "Le bilan fait état de six soldats tués et de neuf blessés.",                           # toll after the event
    "Deux autres corps sans vie ont été retrouvés mercredi.",                               # a casualty term, no cue
    "Des jihadistes seraient à l'origine de l'opération, selon une source à Ouahigouya.",   # weak cue, names a town
]
FILLER = ("Le marché hebdomadaire de la ville a rouvert après deux semaines de fermeture. "
          "La saison des pluies devrait commencer en juin dans la région, selon la météo nationale. ") * 3


def test_passages_follow_what_can_make_or_extend_an_event_mention():
    text = "\n".join(PASSAGES) + "\n" + FILLER
    kept = load_triage().select(clean_article(text)).text.split("\n")
    assert kept == [PASSAGES[0], PASSAGES[1], PASSAGES[3], PASSAGES[5], PASSAGES[6], PASSAGES[7]]


def test_a_short_article_is_parsed_whole():
    text = "\n".join(PASSAGES[3:5])
    assert load_triage().select(clean_article(text)).text == text


@pytest.mark.parametrize("form", [
    r"(a|ont) frappé", r"tirs? (d'|d’|de )(obus|roquettes?)", r"frappes? a[ée]riennes?", r"[(]x(y|z)[)]",
    r"\(a|b\)", r"[^)(]+(c|d)", r"(?:e|f)(g|h)", r"(?P<n>i)(j|k)(?P=n)", r"(l|m)\1",
])
def test_forms_without_captures_match_the_same_text(form):
    from pipeline.event_lexicon import without_captures

    plain = re.compile(without_captures(form))
    assert plain.groups == (re.compile(form).groups if re.search(r"\\[1-9]|\(\?P=", form) else 0)
    texts = ["a frappé", "ont frappé", "tirs d'obus", "tir de roquettes", "frappe aérienne", "(xy)", "(xz)", "(a|b)",
             "aac", "efg", "eh", "iji", "iki", "ll", "lm", "mm"]
    for text in texts:
        expected = re.compile(form).search(text)
        found = plain.search(text)
        assert (found and found.span()) == (expected and expected.span()), text


def test_the_lexicon_scanners_find_the_cues_the_grouped_pattern_names():
    lexicon = load_triage().lexicon
    text = " ".join(PASSAGES).lower()
    grouped = [(m.span(), lexicon.entry_of(m).cue) for m in lexicon.pattern.finditer(text)]
    assert [m.span() for m in lexicon.any_pattern.finditer(text)] == [span for span, _ in grouped]
    assert ("attack" in {cue for _, cue in grouped}) and lexicon.strong_pattern.search(text)
