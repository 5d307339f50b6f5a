"""`paragraph_sentences`: a line break ends a sentence, and a sentence only starts after one or after a final
stop (. ! ? …).

News dumps put a title or a caption on its own line with no final stop; without this the parser glues it to
the next sentence, and the facts of two sentences (a title's place, the lead's date) get mixed. And
fr_core_news_md cuts sentences at the hyphens of "attentat-suicide" or "Tehrik-e-Taliban", which splits
names and events in pieces, or before a parenthesis. Runs before the parser, which keeps the boundaries it
is given and still decides among the allowed ones ("M. Dupont")."""
from __future__ import annotations

import numpy
from spacy.attrs import ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

FINAL_STOPS = set(".!?…")


@Language.component("paragraph_sentences", assigns=["token.is_sent_start"])
def paragraph_sentences(doc: Doc) -> Doc:
    """Sentence starts as an array (1 start, -1 not a start, 0 the parser decides), set in one call."""
    if len(doc) < 2:
        return doc
    strings = doc.vocab.strings
    orths = doc.to_array([ORTH]).tolist()
    starts = numpy.full(len(doc), -1, dtype="int32")
    starts[0] = 1
    for index, orth in enumerate(orths[:-1]):
        text = strings[orth]
        if "\n" in text:
            starts[index + 1] = 1
        elif FINAL_STOPS.intersection(text):
            starts[index + 1] = 0
    doc.from_array([SENT_START], starts.astype("int64").view("uint64").reshape(-1, 1))
    return doc
