"""`parse_french_number`: French counts as news writes them -> best value, low, high, qualifier."""
import pytest

from pipeline.french_numbers import NumberLexicon, ParsedNumber, parse_french_number


@pytest.mark.parametrize("text, expected", [
    # digits and thousands separators
    ("12", (12, 12, 12, "exact")),
    ("2 500", (2500, 2500, 2500, "exact")),
    ("2\u00a0500", (2500, 2500, 2500, "exact")),
    ("2\u202f500", (2500, 2500, 2500, "exact")),
    ("2.500", (2500, 2500, 2500, "exact")),
    ("2,500", (2500, 2500, 2500, "exact")),
    ("40 000", (40000, 40000, 40000, "exact")),
    ("1 000 000", (1000000, 1000000, 1000000, "exact")),
    ("1,5 million", (1500000, 1500000, 1500000, "exact")),
    ("2,3 millions", (2300000, 2300000, 2300000, "exact")),
    # words
    ("un", (1, 1, 1, "exact")),
    ("une", (1, 1, 1, "exact")),
    ("douze", (12, 12, 12, "exact")),
    ("dix-sept", (17, 17, 17, "exact")),
    ("vingt-trois", (23, 23, 23, "exact")),
    ("vingt et un", (21, 21, 21, "exact")),
    ("soixante-et-onze", (71, 71, 71, "exact")),
    ("soixante-dix-huit", (78, 78, 78, "exact")),
    ("quatre-vingts", (80, 80, 80, "exact")),
    ("quatre-vingt-dix-sept", (97, 97, 97, "exact")),
    ("cent", (100, 100, 100, "exact")),
    ("trois cents", (300, 300, 300, "exact")),
    ("deux mille", (2000, 2000, 2000, "exact")),
    ("deux mille cinq cents", (2500, 2500, 2500, "exact")),
    ("deux cent mille", (200000, 200000, 200000, "exact")),
    ("Trois", (3, 3, 3, "exact")),
    ("zéro", (0, 0, 0, "exact")),
    # vague amounts (values in fr_approx_numbers.tsv)
    ("une dizaine", (10, 8, 12, "approx")),
    ("une quinzaine", (15, 13, 17, "approx")),
    ("une vingtaine", (20, 16, 24, "approx")),
    ("une trentaine", (30, 25, 35, "approx")),
    ("une centaine", (100, 80, 120, "approx")),
    ("un millier", (1000, 800, 1200, "approx")),
    ("des dizaines", (20, 20, 99, "approx")),
    ("plusieurs dizaines", (20, 20, 99, "approx")),
    ("des centaines", (200, 200, 999, "approx")),
    ("des milliers", (2000, 2000, 9999, "approx")),
    ("plusieurs", (3, 2, 9, "approx")),
    ("quelques", (3, 2, 9, "approx")),
    ("de nombreux", (10, 10, None, "at_least")),
    ("de nombreuses", (10, 10, None, "at_least")),
    # qualifiers
    ("au moins 12", (12, 12, None, "at_least")),
    ("au moins une", (1, 1, None, "at_least")),
    ("plus de 175", (175, 175, None, "at_least")),
    ("plus d'une centaine", (100, 100, None, "at_least")),
    ("plus d’une vingtaine", (20, 20, None, "at_least")),
    ("pas moins de trente", (30, 30, None, "at_least")),
    ("moins de 50", (50, None, 50, "at_most")),
    ("jusqu'à 30", (30, None, 30, "at_most")),
    ("jusqu’à cinquante", (50, None, 50, "at_most")),
    ("près de 900", (900, None, None, "approx")),
    ("environ 2.500", (2500, None, None, "approx")),
    ("quelque 200", (200, None, None, "approx")),
    ("12 au moins", (12, 12, None, "at_least")),
    # ranges: best is the lower bound, as ACLED codes ranges
    ("entre 10 et 15", (10, 10, 15, "range")),
    ("entre dix et quinze", (10, 10, 15, "range")),
    ("de quatre à quinze", (4, 4, 15, "range")),
    ("10 à 15", (10, 10, 15, "range")),
    ("10-15", (10, 10, 15, "range")),
    ("deux ou trois", (2, 2, 3, "range")),
])
def test_count_reads_as_best_low_high_qualifier(text, expected):
    parsed = parse_french_number(text)
    assert (parsed.value, parsed.low, parsed.high, parsed.qualifier) == expected


@pytest.mark.parametrize("text", ["soldats", "19h00", "3e", "", "mardi", "km", "vingt soldats", "15-10"])
def test_not_a_count_reads_as_none(text):
    assert parse_french_number(text) is None


def test_parsed_number_is_frozen():
    parsed = parse_french_number("douze")
    assert isinstance(parsed, ParsedNumber)
    with pytest.raises(AttributeError):
        parsed.value = 13


def test_lexicon_round_trips_through_a_dict():
    lexicon = NumberLexicon.from_dir()
    again = NumberLexicon.from_dict(lexicon.to_dict())
    assert parse_french_number("une vingtaine", again) == parse_french_number("une vingtaine", lexicon)


def test_bad_qualifier_names_the_file(tmp_path):
    from pipeline.french_numbers import APPROX_FILE, NUMBER_WORDS_FILE, QUALIFIERS_FILE
    from pipeline.resources import data_path

    for name in (NUMBER_WORDS_FILE, QUALIFIERS_FILE):
        (tmp_path / name).write_text(data_path("lexicons", name).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / APPROX_FILE).write_text("une dizaine\t10\t8\t12\tenviron\n", encoding="utf-8")
    with pytest.raises(ValueError, match=APPROX_FILE):
        NumberLexicon.from_dir(tmp_path)
