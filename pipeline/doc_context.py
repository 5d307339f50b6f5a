"""Doc extensions that describe the article a Doc came from; set by the run before `nlp(doc)`.

Components read `Doc._.publication_date` as the anchor for relative dates and `Doc._.article_id` in their
error messages. Values are plain (str, date) so that Docs cross process boundaries.
"""
from __future__ import annotations

from spacy.tokens import Doc

if not Doc.has_extension("publication_date"):
    Doc.set_extension("publication_date", default=None)
if not Doc.has_extension("article_id"):
    Doc.set_extension("article_id", default=None)


def require_publication_date(doc: Doc, component: str):
    """The publication date, or an error that names the component and the article."""
    if doc._.publication_date is None:
        raise ValueError(
            f"{component}: Doc._.publication_date is None for article {doc._.article_id!r}; set it before nlp(doc)"
        )
    return doc._.publication_date


TEXT_KEY = "incidents.text"


def text_of(doc: Doc) -> str:
    """`doc.text`, built once per Doc: spaCy joins the tokens anew on every call, which several components each
    doing it cost a tenth of a triaged run. The text of a Doc never changes, so the first join is kept."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def span_text(span) -> str:
    """`span.text` cut from the Doc's text built once (spaCy joins the span's tokens anew on every call)."""
    return text_of(span.doc)[span.start_char:span.end_char]
