"""`casualties`: one French sentence in, one toll out (kind, best, low, high, qualifier, group).

The sentences are written for these tests. The table runs on fr_core_news_md (parse available); the part of it that
adjacency alone handles runs on spacy.blank("fr") too.
"""
import json
from pathlib import Path

import pytest
import spacy

import pipeline.casualties  # noqa: F401  (registers the factory)
from pipeline.casualties import TABLE_FILES, load_tables, reconcile_tolls
from pipeline.french_numbers import ParsedNumber
from pipeline.resources import data_path

CIV, SEC, ATT, UNK = "civilians", "security_forces", "attackers", "unknown"


@pytest.fixture(scope="module")
def nlp_md():
    nlp = spacy.load("fr_core_news_md")
    nlp.add_pipe("casualties")
    return nlp


@pytest.fixture(scope="module")
def nlp_blank():
    nlp = spacy.blank("fr")
    nlp.add_pipe("casualties")
    return nlp


def first_of_kind(doc, kind):
    spans = [s for s in doc.spans["casualties"] if s._.casualty_kind == kind]
    assert spans, f"no {kind} toll in {doc.text!r}: {[(s.text, s._.casualty_kind) for s in doc.spans['casualties']]}"
    return spans[0]


def toll(span):
    return (span._.casualty_count, span._.casualty_low, span._.casualty_high, span._.casualty_qualifier,
            span._.casualty_group)


# text, kind, (best, low, high, qualifier, group)
TOLLS = [
    # killed: participle after the counted noun
    ("Trois soldats ont été tués lors de l'embuscade près de Ménaka.", "killed", (3, 3, 3, "exact", SEC)),
    ("Au moins 12 civils ont été tués dans le bombardement du marché.", "killed", (12, 12, None, "at_least", CIV)),
    ("Deux gendarmes ont péri dans l'explosion.", "killed", (2, 2, 2, "exact", SEC)),
    ("Quatre passagers ont perdu la vie quand le car a sauté sur une mine.", "killed", (4, 4, 4, "exact", CIV)),
    ("Cinq élèves sont décédés des suites de leurs blessures.", "killed", (5, 5, 5, "exact", CIV)),
    ("Huit militaires ont trouvé la mort dans l'embuscade.", "killed", (8, 8, 8, "exact", SEC)),
    ("Un casque bleu a été tué par un engin explosif.", "killed", (1, 1, 1, "exact", SEC)),
    ("Quatre casques bleus ont été tués dans le nord du pays.", "killed", (4, 4, 4, "exact", SEC)),
    ("Trois membres des forces de sécurité ont été tués.", "killed", (3, 3, 3, "exact", SEC)),
    ("Deux kamikazes sont morts dans l'explosion de leur véhicule.", "killed", (2, 2, 2, "exact", ATT)),
    ("Quatre volontaires pour la défense de la patrie ont été tués.", "killed", (4, 4, 4, "exact", SEC)),
    ("Deux douaniers ont été tués à un poste frontière.", "killed", (2, 2, 2, "exact", SEC)),
    ("Onze fidèles ont été tués dans l'attaque de l'église.", "killed", (11, 11, 11, "exact", CIV)),
    ("Sept orpailleurs ont été tués sur un site aurifère.", "killed", (7, 7, 7, "exact", CIV)),
    ("Mali : 21 soldats tués dans une attaque contre un camp.", "killed", (21, 21, 21, "exact", SEC)),
    ("Quatre soldats tués et six blessés dans une embuscade.", "killed", (4, 4, 4, "exact", SEC)),
    ("Une quinzaine de soldats ont été tués dans le nord.", "killed", (15, 13, 17, "approx", SEC)),
    ("Une dizaine de rebelles ont été tués dans les combats.", "killed", (10, 8, 12, "approx", ATT)),
    ("Plus de 30 insurgés ont été tués lors de l'offensive.", "killed", (30, 30, None, "at_least", ATT)),
    ("Des dizaines de personnes ont été tuées dans le village.", "killed", (20, 20, 99, "approx", UNK)),
    ("Plusieurs soldats ont été tués dans l'attaque du poste.", "killed", (3, 2, 9, "approx", SEC)),
    ("Quelques habitants ont été tués par des tirs.", "killed", (3, 2, 9, "approx", CIV)),
    ("De nombreux civils ont été tués lors des affrontements.", "killed", (10, 10, None, "at_least", CIV)),
    ("Entre 10 et 15 villageois ont péri dans l'incendie.", "killed", (10, 10, 15, "range", CIV)),
    ("Dix à quinze soldats auraient été tués.", "killed", (10, 10, 15, "range", SEC)),
    ("Au moins une personne a été tuée.", "killed", (1, 1, None, "at_least", UNK)),
    ("Près d'une centaine de civils ont été tués.", "killed", (100, 80, 120, "approx", CIV)),
    ("Trois terroristes présumés ont été neutralisés.", "killed", (3, 3, 3, "exact", ATT)),
    ("Deux assaillants ont été neutralisés par la garde.", "killed", (2, 2, 2, "exact", ATT)),
    ("Quinze jihadistes ont été abattus par l'aviation.", "killed", (15, 15, 15, "exact", ATT)),
    # killed: verb or noun before the count
    ("Un raid aérien a tué neuf villageois dimanche.", "killed", (9, 9, 9, "exact", CIV)),
    ("Les assaillants ont ouvert le feu, tuant deux fidèles.", "killed", (2, 2, 2, "exact", CIV)),
    ("L'explosion a coûté la vie à 14 policiers.", "killed", (14, 14, 14, "exact", SEC)),
    ("Une embuscade a coûté la vie à treize soldats.", "killed", (13, 13, 13, "exact", SEC)),
    ("La frappe a tué vingt-trois personnes.", "killed", (23, 23, 23, "exact", UNK)),
    ("L'explosion a tué quatre-vingt-dix-sept personnes.", "killed", (97, 97, 97, "exact", UNK)),
    ("Les bandits armés ont tué cinq éleveurs.", "killed", (5, 5, 5, "exact", CIV)),
    ("L'armée a neutralisé une vingtaine de terroristes.", "killed", (20, 16, 24, "approx", ATT)),
    ("La police a abattu deux assaillants.", "killed", (2, 2, 2, "exact", ATT)),
    ("L'armée annonce la mort de 9 soldats.", "killed", (9, 9, 9, "exact", SEC)),
    ("Les corps sans vie de cinq bergers ont été retrouvés.", "killed", (5, 5, 5, "exact", CIV)),
    ("La frappe avait tué au moins 12 civils et blessé cinq policiers.", "killed", (12, 12, None, "at_least", CIV)),
    ("Les jihadistes ont exécuté six otages.", "killed", (6, 6, 6, "exact", UNK)),
    # killed: the noun counts by itself
    ("L'attaque a fait 12 morts selon un bilan officiel.", "killed", (12, 12, 12, "exact", UNK)),
    ("Le bilan s'élève à 25 morts.", "killed", (25, 25, 25, "exact", UNK)),
    ("Le bilan est de 12 tués.", "killed", (12, 12, 12, "exact", UNK)),
    ("Un bilan de 19 morts a été annoncé.", "killed", (19, 19, 19, "exact", UNK)),
    ("Une attaque fait au moins 13 morts dans l'est.", "killed", (13, 13, None, "at_least", UNK)),
    ("Une frappe a fait près de 40 morts.", "killed", (40, None, None, "approx", UNK)),
    ("L'attaque a fait environ 60 morts.", "killed", (60, None, None, "approx", UNK)),
    ("L'attentat a fait jusqu'à 30 morts selon des témoins.", "killed", (30, None, 30, "at_most", UNK)),
    ("Les combats ont fait une centaine de morts.", "killed", (100, 80, 120, "approx", UNK)),
    ("Le bilan provisoire est de 12 morts au moins.", "killed", (12, 12, None, "at_least", UNK)),
    ("Une vingtaine de victimes ont été recensées.", "killed", (20, 16, 24, "approx", UNK)),
    ("L'attaque a fait 18 victimes parmi les civils.", "killed", (18, 18, 18, "exact", CIV)),
    ("Le bombardement a fait 30 morts civils.", "killed", (30, 30, 30, "exact", CIV)),
    ("Les secours ont retrouvé sept corps sans vie dans la brousse.", "killed", (7, 7, 7, "exact", UNK)),
    ("Six cadavres ont été découverts près du puits.", "killed", (6, 6, 6, "exact", UNK)),
    ("L'attentat a fait 16 tués et 40 blessés.", "killed", (16, 16, 16, "exact", UNK)),
    ("Le bilan est d'au moins sept morts.", "killed", (7, 7, None, "at_least", UNK)),
    ("La collision a fait 2 500 morts selon les archives.", "killed", (2500, 2500, 2500, "exact", UNK)),
    # breakdowns: one span, count = total
    ("Trois soldats et deux civils ont été tués.", "killed", (5, 5, 5, "exact", UNK)),
    ("12 soldats et 5 assaillants ont été tués lors des combats.", "killed", (17, 17, 17, "exact", UNK)),
    ("Le bilan est de 12 morts dont trois enfants.", "killed", (12, 12, 12, "exact", UNK)),
    ("Au moins 20 personnes, dont quatre femmes, ont été tuées.", "killed", (20, 20, None, "at_least", UNK)),
    ("Sept personnes ont été tuées, dont deux policiers.", "killed", (7, 7, 7, "exact", UNK)),
    # injured
    ("Cinq policiers ont été blessés lors de la manifestation.", "injured", (5, 5, 5, "exact", SEC)),
    ("L'explosion a fait 20 blessés.", "injured", (20, 20, 20, "exact", UNK)),
    ("Une trentaine de personnes ont été blessées.", "injured", (30, 25, 35, "approx", UNK)),
    ("Deux soldats ont été grièvement touchés.", "injured", (2, 2, 2, "exact", SEC)),
    ("Onze passagers ont été hospitalisés.", "injured", (11, 11, 11, "exact", CIV)),
    ("La grenade a explosé, blessant quatre enfants.", "injured", (4, 4, 4, "exact", CIV)),
    ("Le tireur a blessé six fidèles avant de fuir.", "injured", (6, 6, 6, "exact", CIV)),
    ("Plusieurs blessés ont été évacués vers Gao.", "injured", (3, 2, 9, "approx", UNK)),
    ("L'attaque a fait trois morts et sept blessés.", "injured", (7, 7, 7, "exact", UNK)),
    ("Un civil a été tué et quatre autres blessés.", "injured", (4, 4, 4, "exact", CIV)),
    ("Trois enfants ont été tués et cinq autres blessés par l'obus.", "injured", (5, 5, 5, "exact", CIV)),
    ("Trois soldats légèrement blessés ont été soignés sur place.", "injured", (3, 3, 3, "exact", SEC)),
    ("Au moins 45 personnes ont été blessées dans l'explosion.", "injured", (45, 45, None, "at_least", UNK)),
    ("Des centaines de manifestants ont été blessés.", "injured", (200, 200, 999, "approx", CIV)),
    ("L'explosion a tué trois personnes et en a blessé douze autres.", "injured", (12, 12, 12, "exact", UNK)),
    ("Quatre soldats tués et six blessés dans une embuscade.", "injured", (6, 6, 6, "exact", UNK)),
    ("L'attentat a fait 16 tués et 40 blessés.", "injured", (40, 40, 40, "exact", UNK)),
    ("Le bilan fait état d'une dizaine de blessés.", "injured", (10, 8, 12, "approx", UNK)),
    # abducted
    ("Une vingtaine de villageois ont été enlevés par des hommes armés.", "abducted", (20, 16, 24, "approx", CIV)),
    ("Des hommes armés ont enlevé 30 élèves dans leur école.", "abducted", (30, 30, 30, "exact", CIV)),
    ("Trois humanitaires ont été kidnappés près de la frontière.", "abducted", (3, 3, 3, "exact", CIV)),
    ("Cinq ouvriers ont été pris en otage sur le chantier.", "abducted", (5, 5, 5, "exact", CIV)),
    ("Les ravisseurs détiennent toujours 12 otages.", "abducted", (12, 12, 12, "exact", UNK)),
    ("Plus de 70 passagers ont été enlevés sur la route.", "abducted", (70, 70, None, "at_least", CIV)),
    ("L'enlèvement de 14 écoliers a bouleversé le pays.", "abducted", (14, 14, 14, "exact", CIV)),
    ("Deux journalistes ont été enlevés à Gao.", "abducted", (2, 2, 2, "exact", CIV)),
    ("Deux gardes forestiers ont été enlevés dans le parc.", "abducted", (2, 2, 2, "exact", SEC)),
    ("Les rebelles retiennent une dizaine d'otages.", "abducted", (10, 8, 12, "approx", UNK)),
    ("Plus d'une centaine de personnes ont été enlevées.", "abducted", (100, 100, None, "at_least", UNK)),
    # missing, kept apart
    ("Sept pêcheurs sont portés disparus après le naufrage.", "missing", (7, 7, 7, "exact", CIV)),
    ("L'attaque a fait quatre morts et dix disparus.", "missing", (10, 10, 10, "exact", UNK)),
    ("Une quinzaine de soldats sont toujours portés disparus.", "missing", (15, 13, 17, "approx", SEC)),
    # explicit zeros
    ("Deux roquettes sont tombées près de la base sans faire de victimes.", "killed", (0, 0, 0, "exact", UNK)),
    ("Deux roquettes sont tombées près de la base sans faire de victimes.", "injured", (0, 0, 0, "exact", UNK)),
    ("L'engin a explosé sans faire de blessés.", "injured", (0, 0, 0, "exact", UNK)),
    ("Aucune victime n'a été signalée après l'explosion.", "killed", (0, 0, 0, "exact", UNK)),
    ("Aucune victime n'a été signalée après l'explosion.", "injured", (0, 0, 0, "exact", UNK)),
    ("Il n'y a pas eu de blessé.", "injured", (0, 0, 0, "exact", UNK)),
    ("Pas de blessé parmi les soldats.", "injured", (0, 0, 0, "exact", UNK)),
    ("Le drone a explosé sans toutefois faire de dommages ou de blessés.", "injured", (0, 0, 0, "exact", UNK)),
    ("Le drone a explosé sans toutefois faire de dommages ou de blessés.", "killed", (0, 0, 0, "exact", UNK)),
    ("L'attaque n'a fait aucun mort.", "killed", (0, 0, 0, "exact", UNK)),
    ("Aucun blessé n'est à déplorer.", "injured", (0, 0, 0, "exact", UNK)),
    ("L'obus est tombé dans un champ sans faire de blessés ni de dégâts.", "injured", (0, 0, 0, "exact", UNK)),
    ("Le tir n'a pas fait de victime.", "killed", (0, 0, 0, "exact", UNK)),
    ("L'incendie n'a causé aucune perte humaine.", "killed", (0, 0, 0, "exact", UNK)),
    ("Aucun mort ni blessé n'a été signalé.", "killed", (0, 0, 0, "exact", UNK)),
    ("Aucun mort ni blessé n'a été signalé.", "injured", (0, 0, 0, "exact", UNK)),
    # cumulative tolls (flag tested below) still carry their figures
    ("Depuis le début de la guerre, plus de 40 000 morts ont été recensés.", "killed",
     (40000, 40000, None, "at_least", UNK)),
    ("Depuis 2015, les violences ont fait des milliers de morts.", "killed", (2000, 2000, 9999, "approx", UNK)),
]

# sentences whose link needs the parse: the trigger is beyond the adjacency window
PARSE_ONLY = [
    ("Trois soldats maliens en patrouille dans le secteur de Boni ont été tués.", "killed", (3, 3, 3, "exact", SEC)),
    ("Cinq civils qui rentraient du marché hebdomadaire de Djibo ont été tués.", "killed", (5, 5, 5, "exact", CIV)),
]


@pytest.mark.parametrize("text, kind, expected", TOLLS + PARSE_ONLY)
def test_toll_with_parse(nlp_md, text, kind, expected):
    assert toll(first_of_kind(nlp_md(text), kind)) == expected


@pytest.mark.parametrize("text, kind, expected", TOLLS)
def test_toll_without_parse(nlp_blank, text, kind, expected):
    assert toll(first_of_kind(nlp_blank(text), kind)) == expected


NOT_CASUALTIES = [
    "Le suspect, âgé de 19 ans, a été arrêté.",
    "La 3e brigade a été déployée à 40 km de la frontière.",
    "L'attaque du 7 octobre a marqué le pays.",
    "2 500 militaires américains sont stationnés dans le pays.",
    "Le groupe a été créé en 2014 dans le nord.",
    "Les tirs ont repris à 19h00.",
    "La résolution 2334 a été adoptée l'an passé.",
    "Les 12 membres du conseil ont voté le texte.",
    "Plus de 900 soldats déployés dans la région.",
    "Les États-Unis déploient environ 2.500 soldats dans le pays.",
    "Deux drones ont été abattus par la défense aérienne.",
    "Trois mille personnes ont manifesté dans la capitale.",
    "Une centaine de soldats sont arrivés en renfort.",
    "Le convoi comptait 40 véhicules.",
    "Il a été condamné à 20 ans de prison.",
    "Cinq suspects ont été arrêtés après l'attaque.",
    "Aucun groupe n'a revendiqué l'attaque pour le moment.",
]


@pytest.mark.parametrize("text", NOT_CASUALTIES)
def test_number_that_is_not_a_casualty_yields_nothing(nlp_md, nlp_blank, text):
    assert list(nlp_md(text).spans["casualties"]) == []
    assert list(nlp_blank(text).spans["casualties"]) == []


QUANTITIES = [
    ("Deux drones ont été lancés contre la base.", ("drone", 2, 2, 2, "exact", False)),
    ("Six roquettes se sont abattues sur la ville.", ("rocket", 6, 6, 6, "exact", False)),
    ("L'armée a intercepté trois missiles balistiques.", ("missile", 3, 3, 3, "exact", False)),
    ("Une vingtaine de véhicules ont été incendiés.", ("vehicle", 20, 16, 24, "approx", False)),
    ("Douze obus de mortier sont tombés sur le camp.", ("shell", 12, 12, 12, "exact", False)),
    ("Le groupe a mené plus de 175 attaques cet hiver.", ("attack", 175, 175, None, "at_least", True)),
    ("Une série de frappes a visé la ville.", ("strike", 3, 2, None, "at_least", True)),
    ("Des dizaines de raids ont été menés cette année.", ("raid", 20, 20, 99, "approx", True)),
    ("Une centaine de tirs de roquettes ont été recensés.", ("attack", 100, 80, 120, "approx", True)),
]


@pytest.mark.parametrize("text, expected", QUANTITIES)
def test_quantity(nlp_blank, text, expected):
    doc = nlp_blank(text)
    span = doc.spans["quantities"][0]
    x = span._
    assert (x.quantity_what, x.quantity_value, x.quantity_low, x.quantity_high, x.quantity_qualifier,
            x.quantity_is_event_count) == expected


def test_a_single_drone_is_an_article_not_a_count(nlp_blank):
    assert list(nlp_blank("Un drone a été abattu.").spans["quantities"]) == []


@pytest.mark.parametrize("text, aggregate", [
    ("Depuis le début de la guerre, plus de 40 000 morts ont été recensés.", True),
    ("Depuis 2015, les violences ont fait des milliers de morts.", True),
    ("Au total, 300 soldats ont été tués dans la région.", True),
    ("Le bilan total s'élève à 1 200 morts.", True),
    ("Au cours des derniers mois, 85 civils ont été tués.", True),
    ("En tout, depuis janvier, 54 policiers ont été tués.", True),
    ("Trois soldats ont été tués mardi près de Gao.", False),
    ("L'attaque a fait 12 morts. Depuis le début de l'année, la région vit dans la peur.", False),
])
def test_cumulative_toll_is_marked_aggregate(nlp_blank, text, aggregate):
    assert first_of_kind(nlp_blank(text), "killed")._.casualty_aggregate is aggregate


@pytest.mark.parametrize("text, breakdown", [
    ("Trois soldats et deux civils ont été tués.", (("security_forces", 3), ("civilians", 2))),
    ("Trois soldats, deux civils et un policier ont été tués.",
     (("security_forces", 3), ("civilians", 2), ("security_forces", 1))),
    ("Le bilan est de 12 morts dont trois enfants.", (("civilians", 3),)),
    ("Au moins 20 personnes, dont quatre femmes et deux enfants, ont été tuées.", (("civilians", 4), ("civilians", 2))),
    ("Sept personnes ont été tuées, dont deux policiers.", (("security_forces", 2),)),
    ("Trois soldats ont été tués mardi.", ()),
])
def test_breakdown(nlp_md, text, breakdown):
    doc = nlp_md(text)
    spans = [s for s in doc.spans["casualties"] if s._.casualty_kind == "killed"]
    assert len(spans) == 1  # parts of a toll make no span of their own: the killed total is the sum of spans
    assert spans[0]._.casualty_breakdown == breakdown


def test_span_covers_count_noun_and_trigger(nlp_md):
    doc = nlp_md("Hier, au moins 12 soldats ont été tués près de Gao.")
    span = first_of_kind(doc, "killed")
    assert span.text == "au moins 12 soldats ont été tués"
    start, end = span._.casualty_trigger
    assert doc.text[start:end] == "tués"
    assert span._.casualty_head == "soldat"


def test_zero_span_covers_the_phrase(nlp_blank):
    doc = nlp_blank("L'engin a explosé sans faire de blessés ni de dégâts.")
    span = first_of_kind(doc, "injured")
    assert span.text == "sans faire de blessés"
    assert doc.text[slice(*span._.casualty_trigger)] == "blessés"


def test_denied_injury_implies_no_death_only_when_no_death_is_counted(nlp_blank):
    alone = nlp_blank("Le drone a explosé sans faire de blessés.")
    assert [(s._.casualty_kind, s._.casualty_implied) for s in alone.spans["casualties"]] == \
        [("injured", False), ("killed", True)]
    with_deaths = nlp_blank("L'explosion a tué deux soldats, sans faire de blessés.")
    assert sorted((s._.casualty_kind, s._.casualty_count) for s in with_deaths.spans["casualties"]) == \
        [("injured", 0), ("killed", 2)]


def test_implied_zero_can_be_switched_off():
    nlp = spacy.blank("fr")
    nlp.add_pipe("casualties", config={"zero_injured_implies_killed": False})
    doc = nlp("Le drone a explosé sans faire de blessés.")
    kinds = [s._.casualty_kind for s in doc.spans["casualties"]]
    assert kinds == ["injured"]


# the constructions of a short wire story: a repelled drone attack, a background strike, a troop level, a season's tally
OWN_STORY = (
    "Trois drones ont visé mardi soir une base de la coalition près de Kirkouk, sans toutefois faire de dégâts "
    "ou de blessés, selon deux sources sécuritaires.\n"
    "Washington maintient environ 2.500 soldats dans le pays et près de 800 chez son voisin.\n"
    "Depuis l'automne, des groupes armés ont revendiqué plus de 120 tirs de roquettes et frappes de drones "
    "contre les forces américaines.\n"
    "En mars, une frappe de drone avait tué deux soldats américains dans le désert."
)


@pytest.mark.parametrize("nlp_name", ["nlp_md", "nlp_blank"])
def test_story_constructions(request, nlp_name):
    doc = request.getfixturevalue(nlp_name)(OWN_STORY)
    tolls = sorted((s._.casualty_kind, s._.casualty_count, s.text) for s in doc.spans["casualties"])
    assert tolls == [
        ("injured", 0, "sans toutefois faire de dégâts ou de blessés"),
        ("killed", 0, "sans toutefois faire de dégâts ou de blessés"),
        ("killed", 2, "tué deux soldats"),
    ]
    quantities = [(s._.quantity_what, s._.quantity_value, s._.quantity_qualifier, s._.quantity_is_event_count)
                  for s in doc.spans["quantities"]]
    assert quantities == [("drone", 3, "exact", False), ("attack", 120, "at_least", True)]


SEED = Path("/work/shared/corpus/seed.jsonl")


@pytest.mark.skipif(not SEED.exists(), reason="evaluation corpus not present")
def test_seed_article(nlp_md):
    doc = nlp_md(json.loads(SEED.read_text(encoding="utf-8").splitlines()[0])["text"])
    tolls = {(s._.casualty_kind, s._.casualty_count) for s in doc.spans["casualties"]}
    assert tolls == {("killed", 0), ("injured", 0), ("killed", 3)}
    assert all(s._.casualty_count != 2500 for s in doc.spans["casualties"])
    quantities = {(s._.quantity_what, s._.quantity_value, s._.quantity_is_event_count) for s in doc.spans["quantities"]}
    assert quantities == {("drone", 2, False), ("attack", 175, True)}


# ---- reconcile_tolls --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("tolls, expected", [
    ([(12, 12, 12, "exact")], (12, 12, 12)),
    ([(12, 12, 12, "exact"), (15, 15, 15, "exact")], (15, 12, 15)),  # the update wins, the spread keeps both
    ([(12, 12, 12, "exact"), (10, 8, 12, "approx")], (12, 8, 12)),  # a vaguer update yields to the exact figure
    ([(10, 8, 12, "approx"), (11, 11, 11, "exact")], (11, 8, 12)),
    ([(12, 12, 12, "exact"), (15, 15, None, "at_least")], (15, 12, None)),
    ([ParsedNumber(3, 3, 3, "exact"), ParsedNumber(5, 5, 5, "exact")], (5, 3, 5)),
    ([], (None, None, None)),
])
def test_reconcile_tolls(tolls, expected):
    assert reconcile_tolls(tolls) == expected


def test_reconcile_tolls_reads_spans(nlp_blank):
    doc = nlp_blank("Un premier bilan faisait état de 8 morts. Le bilan s'est alourdi à 11 morts.")
    assert reconcile_tolls(doc.spans["casualties"]) == (11, 8, 11)


# ---- data and serialisation -------------------------------------------------------------------------------------
def test_round_trip_to_disk_and_back(tmp_path, nlp_blank):
    text = "Au moins 12 soldats ont été tués et deux drones abattus, sans faire de victimes civiles."
    nlp_blank.to_disk(tmp_path / "pipeline")
    again = spacy.load(tmp_path / "pipeline")
    doc_before, doc_after = nlp_blank(text), again(text)
    before = [(s.text, s._.casualty_kind, s._.casualty_count) for s in doc_before.spans["casualties"]]
    after = [(s.text, s._.casualty_kind, s._.casualty_count) for s in doc_after.spans["casualties"]]
    assert before == after and before
    assert (tmp_path / "pipeline" / "casualties" / "tables.json").exists()


def test_initialize_reads_another_folder(tmp_path):
    folder = tmp_path / "lexicons"
    folder.mkdir()
    for name in list(TABLE_FILES.values()) + ["fr_number_words.tsv", "fr_approx_numbers.tsv", "fr_qualifiers.tsv"]:
        (folder / name).write_text(data_path("lexicons", name).read_text(encoding="utf-8"), encoding="utf-8")
    with open(folder / TABLE_FILES["groups"], "a", encoding="utf-8") as handle:
        handle.write("bûcherons\tcivilians\tbûcheron\n")
    nlp = spacy.blank("fr")
    nlp.add_pipe("casualties")
    nlp.initialize()
    doc = nlp("Trois bûcherons ont été tués.")
    assert list(doc.spans["casualties"]) == []
    nlp.get_pipe("casualties").initialize(data_dir=folder)
    doc = nlp("Trois bûcherons ont été tués.")
    assert toll(doc.spans["casualties"][0]) == (3, 3, 3, "exact", CIV)


def test_bad_group_names_the_file(tmp_path):
    for name in list(TABLE_FILES.values()) + ["fr_number_words.tsv", "fr_approx_numbers.tsv", "fr_qualifiers.tsv"]:
        (tmp_path / name).write_text(data_path("lexicons", name).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / TABLE_FILES["groups"]).write_text("soldats\tarmy\tsoldat\n", encoding="utf-8")
    with pytest.raises(ValueError, match="fr_victim_groups.tsv"):
        load_tables(tmp_path)


def test_values_survive_docbin(nlp_blank):
    """Values live in Doc.user_data, so DocBin(store_user_data=True) and multiprocessing carry them."""
    from spacy.tokens import DocBin

    doc = nlp_blank("Le drone a explosé sans faire de victimes.")
    stored = DocBin(store_user_data=True)
    stored.add(doc)
    again = list(DocBin().from_bytes(stored.to_bytes()).get_docs(nlp_blank.vocab))[0]
    assert [(s._.casualty_kind, s._.casualty_count) for s in again.spans["casualties"]] == [("killed", 0), ("injured", 0)]


@pytest.mark.parametrize("text, count", [
    ("Un Palestinien a été tué mercredi lors d'un raid à Jénine.", 1),
    ("Une Ukrainienne a été blessée par des éclats.", 1),
    ("Deux Maliens ont été tués dans l'embuscade.", 2),
])
def test_a_demonym_is_a_counted_person(nlp_casualties_for_demonyms, text, count):
    doc = nlp_casualties_for_demonyms(text)
    assert [span._.casualty_count for span in doc.spans["casualties"]] == [count]


@pytest.fixture(scope="module")
def nlp_casualties_for_demonyms():
    nlp = spacy.load("fr_core_news_md", exclude=["lemmatizer", "ner"])
    nlp.add_pipe("casualties")
    return nlp


@pytest.mark.parametrize("text, expected", [
    ("Le drone a été abattu sans faire de blessés.", [("injured", 0), ("killed", 0)]),
    # a source that did not say gives no zero
    ("Tous les drones ont été interceptés, selon l'armée, qui n'a mentionné ni dégâts ni blessés.", []),
    ("Une frappe a visé le port, sans préciser s'il y avait des victimes.", []),
])
def test_an_untold_toll_is_not_a_zero(text, expected):
    nlp = spacy.blank("fr")
    nlp.add_pipe("casualties")
    doc = nlp(text)
    assert sorted((s._.casualty_kind, s._.casualty_count) for s in doc.spans["casualties"]) == expected


@pytest.mark.parametrize("text, count", [
    ("Dix personnes ont été retrouvées décapitées dans un village du nord du Mozambique.", 10),
    ("Trois soldats ont été retrouvés morts près de Gao.", 3),
])
def test_a_toll_told_with_found(nlp_casualties_for_demonyms, text, count):
    doc = nlp_casualties_for_demonyms(text)
    assert [(span._.casualty_kind, span._.casualty_count) for span in doc.spans["casualties"]] == [("killed", count)]


@pytest.mark.parametrize("text, expected", [
    ("Mahmoud Saleh, âgé de 19 ans, a été tué d'une balle dans le dos.", [("killed", 1)]),
    ("Le journaliste Omar Haddad a été blessé par des éclats.", [("injured", 1)]),
    ("Le ministre a été reçu à Paris.", []),
])
def test_a_named_victim_is_a_count_of_one(nlp_casualties_for_demonyms, text, expected):
    doc = nlp_casualties_for_demonyms(text)
    assert [(span._.casualty_kind, span._.casualty_count) for span in doc.spans["casualties"]] == expected


@pytest.mark.parametrize("text, count", [
    ("Les assaillants ont abattu quatorze de leurs passagers.", 14),
    ("Deux de ses gardes du corps ont été tués.", 2),
])
def test_shot_dead_and_partitive_counts(nlp_casualties_for_demonyms, text, count):
    doc = nlp_casualties_for_demonyms(text)
    assert [span._.casualty_count for span in doc.spans["casualties"]] == [count]
