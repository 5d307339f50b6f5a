"""Our rule components carry their data through to_disk/from_disk: a saved pipeline needs no data/."""
from datetime import date

import spacy

import pipeline.event_triggers  # noqa: F401
import pipeline.incident_assembly  # noqa: F401
import pipeline.paragraph_sentences  # noqa: F401


def test_event_triggers_and_assembly_round_trip_through_disk(tmp_path):
    nlp = spacy.blank("fr")
    nlp.add_pipe("paragraph_sentences")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("event_triggers")
    nlp.add_pipe("incident_assembly")
    nlp.to_disk(tmp_path / "saved")
    assert (tmp_path / "saved" / "event_triggers" / "fr_event_triggers.tsv").exists()
    assert (tmp_path / "saved" / "incident_assembly" / "event_typing.tsv").exists()
    loaded = spacy.load(tmp_path / "saved")
    text = "Mardi, une embuscade a coûté la vie à six soldats près de la frontière."
    results = []
    for model in (nlp, loaded):
        doc = model.make_doc(text)
        doc._.publication_date = date(2024, 3, 13)
        doc = model(doc)
        results.append([(c.text, c._.cue) for c in doc.spans["event_cues"]])
        assert [i["sub_event_type"] for i in doc._.incidents] == ["Armed clash"]
    assert results[0] == results[1]
