"""The per-article stages: outcomes in input order, parse batches made only of the articles to parse, small
first batches when asked, memory bounded behind a batch, and a failing component that rejects one article."""
from datetime import date

import pytest
import spacy
from spacy.language import Language

from models import Article, ArticleStatus, RejectReason
from pipeline.process import MAX_WAITING_PER_DOC, process_articles
from pipeline.triage import load_triage

CONFLICT = "Des hommes armés ont attaqué mardi un poste militaire près de Djibo, tuant six soldats."
QUIET = "Le conseil municipal a voté mardi le budget de la médiathèque et la rénovation du stade."
BROKEN = "Une embuscade a visé un convoi militaire mardi : ce texte fait échouer le composant de test."
SEEN: list[str] = []


@Language.component("test_seen")
def seen(doc):
    if "échouer" in doc.text:
        raise ValueError("test failure")
    SEEN.append(doc.text)
    return doc


def article(number: int, text: str) -> Article:
    return Article(id=f"a{number}", text=text, published=date(2024, 3, 5), input_file="test", line=number)


@pytest.fixture()
def nlp():
    SEEN.clear()
    pipeline = spacy.blank("xx")
    pipeline.add_pipe("test_seen")
    calls: list[int] = []
    plain_pipe = pipeline.pipe

    def counting_pipe(docs, **kwargs):
        if kwargs.get("as_tuples"):  # the outer call (spaCy calls `pipe` again inside it)
            docs = list(docs)
            calls.append(len(docs))
        return plain_pipe(docs, **kwargs)

    pipeline.pipe = counting_pipe
    pipeline.calls = calls
    return pipeline


def test_outcomes_keep_the_input_order_and_triaged_out_articles_are_not_parsed(nlp):
    texts = [QUIET, CONFLICT, QUIET, QUIET, CONFLICT, QUIET]
    outcomes = list(process_articles(nlp, [article(n, t) for n, t in enumerate(texts)], triage=load_triage(),
                                     language_check=False, batch_size=2))
    assert [o.article_id for o in outcomes] == [f"a{n}" for n in range(len(texts))]
    assert [o.reason for o in outcomes] == ["triaged_out" if t == QUIET else None for t in texts]
    assert SEEN == [CONFLICT, CONFLICT]


def test_a_batch_is_made_of_docs_to_parse_only(nlp):
    texts = [QUIET, CONFLICT, QUIET] * 10
    list(process_articles(nlp, [article(n, t) for n, t in enumerate(texts)], triage=load_triage(),
                          language_check=False, batch_size=4))
    assert nlp.calls == [4, 4, 2]


def test_first_batches_start_small_and_double(nlp):
    items = [article(n, CONFLICT) for n in range(12)]
    list(process_articles(nlp, items, language_check=False, batch_size=4, first_batch_size=1))
    assert nlp.calls == [1, 2, 4, 4, 1]


def test_decided_articles_behind_a_doc_to_parse_do_not_pile_up(nlp):
    consumed = []

    def items():
        yield article(0, CONFLICT)
        for n in range(1, 5000):
            consumed.append(n)
            yield article(n, QUIET)

    outcomes = process_articles(nlp, items(), triage=load_triage(), language_check=False, batch_size=4)
    first = next(outcomes)
    assert first.article_id == "a0" and len(consumed) <= 4 * MAX_WAITING_PER_DOC
    assert sum(1 for _ in outcomes) == 4999


def test_a_failing_component_rejects_that_article_only(nlp):
    texts = [CONFLICT, BROKEN, QUIET, CONFLICT]
    outcomes = list(process_articles(nlp, [article(n, t) for n, t in enumerate(texts)], triage=load_triage(),
                                     language_check=False, batch_size=8))
    assert [o.status for o in outcomes] == [ArticleStatus.no_incident, ArticleStatus.rejected,
                                            ArticleStatus.no_incident, ArticleStatus.no_incident]
    assert outcomes[1].reject.reason == RejectReason.processing_error
    assert "test failure" in outcomes[1].reject.message
    assert SEEN == [CONFLICT, CONFLICT]
