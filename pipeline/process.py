"""The per-article stages between the reader and the sinks: clean → language check → triage → nlp → records.

Every article read leaves as exactly one `Outcome`: records written (`with_incidents`), `no_incident`
(with a reason such as `triaged_out`), or `rejected` with a written reason. Engines (local, dask) call
`process_articles` and never see the stages.
"""
from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from spacy.language import Language

import pipeline.doc_context  # noqa: F401  (registers Doc._.publication_date)
from models import Article, ArticleStatus, IncidentRecord, RejectReason, RejectRecord
from pipeline.clean import CleanText, clean_article
from pipeline.language_check import guess_language
from pipeline.records import doc_to_records
from pipeline.triage import Triage

log = logging.getLogger(__name__)
# at most batch_size × this many articles (decided ones included) wait for one parse batch: memory stays flat when
# long runs of triaged-out articles follow an article to parse
MAX_WAITING_PER_DOC = 8


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
    """An article on its way: its outcome when it was decided before the NLP (reject, triaged out), else the
    cleaned text to parse."""

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
                     language_check: bool = True, batch_size: int = 32, first_batch_size: int | None = None) -> Iterator[Outcome]:
    """Outcomes in input order, one per item.

    A batch is `batch_size` Docs to parse: articles decided before the NLP (rejects, triaged out) take no place
    in it, so the statistical models always see full batches (small ones cost more per token), and a decided
    article that no parse waits in front of leaves at once. With `first_batch_size`, batches start at that size
    and double up to `batch_size`, so that the first records of a run come out early."""
    error_log = _ErrorLog()
    install_error_handler(nlp, error_log)
    size = min(first_batch_size or batch_size, batch_size)
    waiting: list[_Pending] = []  # in input order; the first one is to be parsed
    to_parse = 0
    for item in items:
        state = _prepared(item, triage, language_check)
        if state.decided is not None and not waiting:
            yield state.decided
            continue
        waiting.append(state)
        if state.decided is None:
            to_parse += 1
        if to_parse >= size or len(waiting) >= batch_size * MAX_WAITING_PER_DOC:
            yield from _parse_batch(nlp, waiting, error_log)
            waiting, to_parse, size = [], 0, min(size * 2, batch_size)
    if waiting:
        yield from _parse_batch(nlp, waiting, error_log)


def _prepared(item: Article | RejectRecord, triage: Triage | None, language_check: bool) -> _Pending:
    if isinstance(item, RejectRecord):
        return _Pending(decided=rejected(item))
    clean, decided = prepare(item, triage, language_check)
    return _Pending(article=item, clean=clean if decided is None else None, decided=decided)


def _parse_batch(nlp: Language, waiting: list[_Pending], error_log: _ErrorLog) -> Iterator[Outcome]:
    """Parse the Docs of `waiting` in one nlp.pipe batch; yield every outcome in order. A Doc that a component
    dropped (spaCy's error handler leaves it out of the stream) gives a processing_error reject."""
    def docs() -> Iterator[tuple]:
        for index, state in enumerate(waiting):
            if state.decided is None:
                doc = nlp.make_doc(state.clean.text)
                doc._.publication_date = state.article.published
                doc._.article_id = state.article.id
                yield doc, index

    parsed = {index: doc for doc, index in nlp.pipe(docs(), as_tuples=True, batch_size=len(waiting))}
    for index, state in enumerate(waiting):
        if state.decided is not None:
            yield state.decided
            continue
        failure = error_log.errors.pop(str(state.article.id), None)
        if index not in parsed:
            failure = failure or "a pipeline component failed on this article"
        if failure is not None:
            yield reject_article(state.article, RejectReason.processing_error, failure)
            continue
        yield outcome_of(parsed.pop(index), state.article, state.clean)


def outcome_of(doc, article: Article, clean: CleanText) -> Outcome:
    try:
        records = doc_to_records(doc, article, clean)
    except Exception as error:  # a record that breaks the contract is a bug; the article is kept as a reject
        log.exception("records of %s", article.id)
        return reject_article(article, RejectReason.processing_error, f"records: {type(error).__name__}: {error}")
    status = ArticleStatus.with_incidents if records else ArticleStatus.no_incident
    return described(Outcome(status, article.id, article.input_file, article.line, records=records), article)
