"""Doc → IncidentRecord: the ONE place that reads the incidents our components left on the Doc
(`Doc._.incidents`, plain dicts with character spans into the cleaned text) and builds the pydantic
records, with every evidence span mapped back into the ORIGINAL article text."""
from __future__ import annotations

from spacy.tokens import Doc

from models import (
    Actor,
    Article,
    CasualtyCount,
    EventDate,
    EvidenceSpan,
    IncidentRecord,
    Location,
    Quantity,
    SourceInfo,
)
from pipeline.clean import CleanText

if not Doc.has_extension("incidents"):
    Doc.set_extension("incidents", default=None)


def evidence_span(span: tuple[int, int], clean: CleanText, original: str) -> EvidenceSpan:
    start, end = clean.to_original(*span)
    return EvidenceSpan(start=start, end=end, text=original[start:end])


def doc_to_records(doc: Doc, article: Article, clean: CleanText) -> list[IncidentRecord]:
    incidents = doc._.incidents or []
    source = SourceInfo(url=article.url, outlet=article.outlet, published=article.published, title=article.title)
    records: list[IncidentRecord] = []
    for incident in incidents:
        evidence = {
            field: [evidence_span(tuple(span), clean, article.text) for span in spans]
            for field, spans in incident.get("evidence", {}).items()
            if spans
        }
        records.append(
            IncidentRecord(
                id=IncidentRecord.make_id(article.id, incident["key"]),
                article_id=article.id,
                mention=incident["mention"],
                event_type=incident["event_type"],
                sub_event_type=incident["sub_event_type"],
                date=EventDate(**incident.get("date", {})),
                location=Location(**incident.get("location", {})),
                killed=CasualtyCount(**incident.get("killed", {})),
                injured=CasualtyCount(**incident.get("injured", {})),
                abducted=CasualtyCount(**incident.get("abducted", {})),
                perpetrator=Actor(**incident.get("perpetrator", {})),
                target=Actor(**incident.get("target", {})),
                weapons=sorted(set(incident.get("weapons", []))),
                quantities=[Quantity(**q) for q in incident.get("quantities", [])],
                evidence=evidence,
                confidence=incident.get("confidence", 0.5),
                source=source,
                warnings=list(incident.get("warnings", [])),
            )
        )
    return records
