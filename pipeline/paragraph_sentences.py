"""`paragraph_sentences`: a line break ends a sentence. News dumps put a title or a caption on its own line
with no final stop; without this the parser glues it to the next sentence, and the facts of two sentences
(a title's place, the lead's date) get mixed. Runs before the parser, which keeps these boundaries."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("paragraph_sentences", assigns=["token.is_sent_start"])
def paragraph_sentences(doc: Doc) -> Doc:
    for token in doc[:-1]:
        if "\n" in token.text_with_ws:
            doc[token.i + 1].is_sent_start = True
    return doc
