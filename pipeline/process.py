"""The per-article stages between the reader and the sinks: clean → language check → triage → nlp → records.

Every article read leaves as exactly one `Outcome`: records written (`with_incidents`), `no_incident`
(with a reason such as `triaged_out`), or `rejected` with a written reason. Engines (local, dask) call
`process_articles` and never see the stages.
"""
from __future__ import annotations

import hashlib
import logging
from collections import deque
from dataclasses import dataclass, field
from datetime import date
from typing import Iterable, Iterator

from spacy.language import Language

import pipeline.doc_context  # noqa: F401  (registers Doc._.publication_date)
from models import Article, ArticleStatus, IncidentRecord, RejectReason, RejectRecord
from pipeline.clean import CleanText, clean_article
from pipeline.language_check import guess_language
from pipeline.records import doc_to_records
from pipeline.triage import Triage

log = logging.getLogger(__name__)
PLACEHOLDER_DATE = date(1970, 1, 1)


@dataclass
class Outcome:
    status: ArticleStatus
    article_id: str | None
    input_file: str
    line: int
    records: list[IncidentRecord] = field(default_factory=list)
    reject: RejectRecord | None = None
    reason: str | None = None
    content_hash: str | None = None
    published: str | None = None
    url: str | None = None
    outlet: str | None = None

    @property
    def key(self) -> str:
        return f"{self.input_file}:{self.line}"


def content_hash(text: str) -> str:
    """Identity of an article's content: the same text from another file or line is the same article."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def item_identity(item: Article | RejectRecord) -> str:
    """What a dataset keys an input item by: the content hash of an article, the place of a reject."""
    if isinstance(item, Article):
        return content_hash(item.text)
    return f"reject:{item.input_file}:{item.line}"


def rejected(reject: RejectRecord) -> Outcome:
    return Outcome(ArticleStatus.rejected, reject.id, reject.input_file, reject.line, reject=reject,
                   content_hash=item_identity(reject))


def described(outcome: Outcome, article: Article) -> Outcome:
    outcome.content_hash = content_hash(article.text)
    outcome.published = article.published.isoformat()
    outcome.url, outcome.outlet = article.url, article.outlet
    return outcome


def reject_article(article: Article, reason: RejectReason, message: str) -> Outcome:
    reject = RejectRecord(id=article.id, input_file=article.input_file, line=article.line, reason=reason, message=message)
    return described(Outcome(ArticleStatus.rejected, article.id, article.input_file, article.line, reject=reject), article)


@dataclass
class _Pending:
    """What travels with a Doc through nlp.pipe: the article, its cleaned text, or an outcome decided
    before the NLP (then the Doc is empty and only keeps the order)."""

    serial: int
    article: Article | None = None
    clean: CleanText | None = None
    decided: Outcome | None = None


class _ErrorLog:
    """spaCy error handler that remembers which article a component failed on, instead of stopping the run."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def __call__(self, proc_name, proc, docs, error) -> None:
        for doc in docs:
            self.errors[str(doc._.article_id)] = f"{proc_name}: {type(error).__name__}: {error}"
        log.warning("component %s failed on %d article(s): %s", proc_name, len(docs), error)


def install_error_handler(nlp: Language, handler) -> None:
    """Our components report a failing article through `handler` instead of stopping the batch. (spaCy's
    `nlp.set_error_handler` breaks on the trained parser in 3.8, so the pipes are set one by one.)"""
    nlp.default_error_handler = handler
    for _, proc in nlp.pipeline:
        try:
            proc.set_error_handler(handler)
        except AttributeError:
            pass


def prepare(article: Article, triage: Triage | None, language_check: bool) -> tuple[CleanText | None, Outcome | None]:
    clean = clean_article(article.text)
    if not clean.text.strip():
        return None, reject_article(article, RejectReason.empty_text, "text is empty once boilerplate and markup are removed")
    if language_check:
        guess = guess_language(clean.text)
        if not guess.is_french:
            return None, reject_article(article, RejectReason.not_french,
                                        f"text looks {guess.language!r}, not French (function-word counts {guess.scores})")
    if triage is not None:
        selected = triage.select(clean)
        if selected is None:
            return None, described(Outcome(ArticleStatus.no_incident, article.id, article.input_file, article.line, reason="triaged_out"), article)
        clean = selected
    return clean, None


def process_articles(nlp: Language, items: Iterable[Article | RejectRecord], *, triage: Triage | None = None,
                     language_check: bool = True, batch_size: int = 32, n_process: int = 1) -> Iterator[Outcome]:
    """Outcomes in input order, one per item."""
    error_log = _ErrorLog()
    install_error_handler(nlp, error_log)
    pending: deque[_Pending] = deque()

    def feed() -> Iterator[tuple]:
        for serial, item in enumerate(items):
            if isinstance(item, RejectRecord):
                state = _Pending(serial, decided=rejected(item))
                doc = nlp.make_doc("")
                doc._.publication_date = PLACEHOLDER_DATE  # an empty Doc that only keeps the order
            else:
                clean, decided = prepare(item, triage, language_check)
                state = _Pending(serial, article=item, clean=clean, decided=decided)
                doc = nlp.make_doc(clean.text if decided is None else "")
                doc._.publication_date = item.published
                doc._.article_id = item.id
            pending.append(state)
            yield doc, state.serial

    def vanished(state: _Pending) -> Outcome:
        message = error_log.errors.get(str(state.article.id), "a pipeline component failed on this article")
        return reject_article(state.article, RejectReason.processing_error, message)

    for doc, serial in nlp.pipe(feed(), as_tuples=True, batch_size=batch_size, n_process=n_process):
        while pending and pending[0].serial < serial:
            yield vanished(pending.popleft())
        state = pending.popleft()
        if state.decided is not None:
            yield state.decided
            continue
        failure = error_log.errors.pop(str(state.article.id), None)
        if failure is not None:
            yield reject_article(state.article, RejectReason.processing_error, failure)
            continue
        yield outcome_of(doc, state.article, state.clean)
    while pending:
        yield vanished(pending.popleft())


def outcome_of(doc, article: Article, clean: CleanText) -> Outcome:
    try:
        records = doc_to_records(doc, article, clean)
    except Exception as error:  # a record that breaks the contract is a bug; the article is kept as a reject
        log.exception("records of %s", article.id)
        return reject_article(article, RejectReason.processing_error, f"records: {type(error).__name__}: {error}")
    status = ArticleStatus.with_incidents if records else ArticleStatus.no_incident
    return described(Outcome(status, article.id, article.input_file, article.line, records=records), article)
