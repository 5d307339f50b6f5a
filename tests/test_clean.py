"""Cleaning: boilerplate out, repeated body collapsed, HTML stripped, offsets into the original text."""
import pytest

from pipeline.clean import clean_article

BODY = ("Des hommes armés ont attaqué un convoi de ravitaillement près de la frontière, tuant quatre gardes selon un élu local.\n"
        "L'attaque n'a pas été revendiquée mais la zone est le théâtre de violences répétées depuis plusieurs mois.")


@pytest.mark.parametrize("boilerplate", [
    "©(Photo de Jeanne MARTIN/AFP)",
    "Lire aussi : Au nord, la saison des pluies retarde les opérations",
    "Commentaires",
    "Avec AFP",
    "Partager sur Facebook",
    "Abonnez-vous à notre newsletter pour ne rien manquer",
])
def test_boilerplate_lines_are_removed(boilerplate):
    clean = clean_article(boilerplate + "\n" + BODY + "\n" + boilerplate)
    assert boilerplate not in clean.text
    assert "convoi de ravitaillement" in clean.text


def test_lire_aussi_alone_takes_its_teaser_title_with_it():
    clean = clean_article(BODY + "\nLire aussi\nLa saison des pluies retarde les opérations\n")
    assert "saison des pluies" not in clean.text


def test_a_repeated_body_is_collapsed_to_one_copy():
    clean = clean_article(BODY + "\nAvec AFP\n" + BODY + "\nCommentaires")
    assert clean.text.count("convoi de ravitaillement") == 1


def test_offsets_point_into_the_original_text():
    original = "©(Photo de Jeanne MARTIN/AFP)\n" + BODY + "\n" + BODY
    clean = clean_article(original)
    start = clean.text.index("quatre gardes")
    o_start, o_end = clean.to_original(start, start + len("quatre gardes"))
    assert original[o_start:o_end] == "quatre gardes"


def test_html_is_stripped_and_entities_decoded_with_offsets_kept():
    original = "<p>Un drone a frappé l&#39;entrepôt <b>mardi</b>.</p><p>Lire aussi : autre chose</p>"
    clean = clean_article(original)
    assert clean.text == "Un drone a frappé l'entrepôt mardi."
    start = clean.text.index("mardi")
    o_start, o_end = clean.to_original(start, start + 5)
    assert original[o_start:o_end] == "mardi"
    apostrophe = clean.text.index("'")
    assert original[slice(*clean.to_original(apostrophe, apostrophe + 1))] == "&#39;"
