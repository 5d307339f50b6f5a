"""`paragraph_sentences`: a line break ends a sentence, and a sentence only starts after one or after a final
stop (. ! ? …).

News dumps put a title or a caption on its own line with no final stop; without this the parser glues it to
the next sentence, and the facts of two sentences (a title's place, the lead's date) get mixed. And
fr_core_news_md cuts sentences at the hyphens of "attentat-suicide" or "Tehrik-e-Taliban", which splits
names and events in pieces, or before a parenthesis. Runs before the parser, which keeps the boundaries it
is given and still decides among the allowed ones ("M. Dupont")."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("paragraph_sentences", assigns=["token.is_sent_start"])
def paragraph_sentences(doc: Doc) -> Doc:
    for token in doc[:-1]:
        following = doc[token.i + 1]
        if "\n" in token.text_with_ws:
            following.is_sent_start = True
        elif not (set(token.text) & FINAL_STOPS):
            following.is_sent_start = False
    return doc


FINAL_STOPS = set(".!?…")
