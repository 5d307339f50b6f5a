"""The per-Doc helpers that every component shares."""
import spacy

from pipeline.doc_context import TEXT_KEY, text_of


def test_text_of_is_the_docs_text_joined_once():
    doc = spacy.blank("fr")("Deux drones ont visé mardi la base d'Aïn al-Assad.\nAucune victime.")
    assert TEXT_KEY not in doc.user_data
    assert text_of(doc) == doc.text
    assert doc.user_data[TEXT_KEY] is text_of(doc)  # the second call reads the kept string
