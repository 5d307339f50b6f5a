"""A cheap first pass before the statistical parse: an article with none of the event cues that the
incident stages need (data/lexicons/fr_event_triggers.tsv, strong cues only) cannot yield an incident, so it
goes to `no_incident` (reason `triaged_out`) without being parsed."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from pipeline.event_lexicon import load_trigger_lexicon


class Triage:
    def __init__(self, pattern: re.Pattern) -> None:
        self.pattern = pattern

    def may_hold_incident(self, text: str) -> bool:
        return self.pattern.search(text) is not None


@lru_cache(maxsize=2)
def load_triage(path: Path | None = None) -> Triage:
    lexicon = load_trigger_lexicon(path)
    return Triage(lexicon.strong_pattern)
