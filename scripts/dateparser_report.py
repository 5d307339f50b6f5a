"""Compare dateparser alone with the incident_dates component on the spec table of tests/test_incident_dates.py.

dateparser gets each time expression as written (never the whole sentence), with the news settings the component uses
for its fallback (French, RELATIVE_BASE = publication date, PREFER_DATES_FROM past). It succeeds on a row when its date
falls inside the expected start..end (or when it finds nothing where nothing is expected); it cannot give ranges,
parts of day or kinds, so this is the loosest fair test. The component succeeds when every field of the row matches
(kind, start, end, precision, part of day), and we also print its loose score on dateparser's terms.

Usage: .venv/bin/python scripts/dateparser_report.py [--misses]
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def load_spec():
    spec = importlib.util.spec_from_file_location("spec_incident_dates", ROOT / "tests" / "test_incident_dates.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def loose_ok(day, case) -> bool:
    """A single date inside the expected range; where there is no start to give (a bare time of day, "depuis le
    début de la guerre"), giving no date is right."""
    if case.start is None:
        return day is None
    return day is not None and case.start <= day <= case.end


def main() -> None:
    import spacy

    from pipeline.incident_dates import parse_with_dateparser

    spec = load_spec()
    nlp = spacy.blank("fr")
    nlp.add_pipe("incident_dates")
    rows = []
    for case in spec.DATE_CASES:
        parsed = parse_with_dateparser(case.expression, case.published)
        doc = spec.run(nlp, case.text, case.published)
        try:
            span = spec.span_for(doc, case.expression)
            fields = (span._.date_kind, span._.event_date, span._.date_end, span._.date_precision, span._.day_part)
            component_day = span._.event_date
        except AssertionError:
            fields, component_day = None, None
        expected = (case.kind, case.start, case.end, case.precision, case.part)
        rows.append((case, parsed, loose_ok(parsed, case), fields == expected, loose_ok(component_day, case)))
    negatives = [(text, parse_with_dateparser(text, spec.WED)) for text in spec.NOT_DATES]
    negative_docs = [spec.run(nlp, text, spec.WED) for text in spec.NOT_DATES]

    total = len(rows)
    dateparser_hits = sum(r[2] for r in rows)
    component_exact = sum(r[3] for r in rows)
    component_loose = sum(r[4] for r in rows)
    print(f"time expressions: {total} ({len(spec.SENTENCE_CASES)} inside sentences)")
    print(f"dateparser alone, date inside the expected range: {dateparser_hits}/{total} = {dateparser_hits / total:.1%}")
    print(f"incident_dates, same loose test:                  {component_loose}/{total} = {component_loose / total:.1%}")
    print(f"incident_dates, every field exact:                {component_exact}/{total} = {component_exact / total:.1%}")
    quiet_dp = sum(day is None for _text, day in negatives)
    quiet_component = sum(len(doc.spans["dates"]) == 0 for doc in negative_docs)
    print(f"not-a-date sentences left alone: dateparser {quiet_dp}/{len(negatives)}, "
          f"incident_dates {quiet_component}/{len(negatives)}")
    if "--misses" not in sys.argv:
        return
    print("\ndateparser misses:")
    for case, parsed, ok, _exact, _loose in rows:
        if not ok:
            print(f"  {case.published} {case.expression!r}: got {parsed}, expected {case.start}..{case.end} ({case.kind})")


if __name__ == "__main__":
    main()
