"""An input article as the readers hand it on, and the written reason an article was rejected."""
from __future__ import annotations

from datetime import date as Date
from enum import Enum

from pydantic import BaseModel, ConfigDict, Field


class ArticleStatus(str, Enum):
    with_incidents = "with_incidents"
    no_incident = "no_incident"
    rejected = "rejected"


class RejectReason(str, Enum):
    malformed_json = "malformed_json"
    malformed_csv = "malformed_csv"
    missing_text = "missing_text"
    empty_text = "empty_text"
    text_not_string = "text_not_string"
    no_publication_date = "no_publication_date"
    bad_publication_date = "bad_publication_date"
    not_french = "not_french"
    too_long = "too_long"
    undecodable = "undecodable"
    truncated_input = "truncated_input"
    processing_error = "processing_error"


class Article(BaseModel):
    """One article, normalised from any input kind. `text` is the original body, untouched."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    text: str
    published: Date
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    lang: str | None = None
    input_file: str = ""
    line: int = 0


class RejectRecord(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=True)

    id: str | None
    input_file: str
    line: int
    reason: RejectReason
    message: str
    extra: dict = Field(default_factory=dict)
