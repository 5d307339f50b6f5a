"""The contract of the project: pydantic records and their enums. Imports nothing from `pipeline`."""
from models.records import (
    ACLED_SUB_EVENT_TYPES,
    Actor,
    ActorKind,
    ActorStatus,
    CasualtyCount,
    CountQualifier,
    DatePrecision,
    EventDate,
    EventType,
    EvidenceSpan,
    IncidentRecord,
    Location,
    MentionType,
    PartOfDay,
    PlaceKind,
    Quantity,
    SourceInfo,
    SubEventType,
    Weapon,
)
from models.article import Article, RejectRecord, RejectReason, ArticleStatus

__all__ = [
    "ACLED_SUB_EVENT_TYPES", "Actor", "ActorKind", "ActorStatus", "Article", "ArticleStatus", "CasualtyCount",
    "CountQualifier", "DatePrecision", "EventDate", "EventType", "EvidenceSpan", "IncidentRecord", "Location",
    "MentionType", "PartOfDay", "PlaceKind", "Quantity", "RejectReason", "RejectRecord", "SourceInfo",
    "SubEventType", "Weapon",
]
