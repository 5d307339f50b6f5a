"""A cheap first pass before the statistical parse, in two steps.

1. Articles: one with none of the strong event cues that the incident stages need
   (data/lexicons/fr_event_triggers.tsv) cannot yield an incident, so it goes to `no_incident` (reason
   `triaged_out`) without being parsed.
2. Passages: in an article that passes, only the sentences that can hold an incident or its context are
   parsed: the lead (where the date and place of the main event are), every sentence with an event cue
   (strong or weak: "tués", "blessés", "bilan" too) and the sentence after each of them (figures, places and
   claims often follow). The rest (background paragraphs, quotes, reactions) is left out of the parse; the
   offset map keeps every evidence span pointing into the original text."""
from __future__ import annotations

import re
from array import array
from functools import lru_cache
from pathlib import Path

from pipeline.clean import CleanText
from pipeline.event_lexicon import load_trigger_lexicon, lowered

SENTENCE_END = re.compile(r"(?<=[.!?…»])\s+(?=[«A-ZÀÂÉÈÊÎÔÛÇ0-9\"“])|\n+")
LEAD_SENTENCES = 2
FOLLOWING_SENTENCES = 0
MIN_CHARS_TO_SELECT = 600


class Triage:
    def __init__(self, strong: re.Pattern, any_cue: re.Pattern, select_passages: bool = True) -> None:
        self.strong = strong
        self.any_cue = any_cue
        self.select_passages = select_passages

    def may_hold_incident(self, text: str) -> bool:
        return self.strong.search(lowered(text)) is not None

    def passages(self, clean: CleanText) -> CleanText:
        """The sentences worth parsing, joined by line breaks, with offsets into the original text."""
        text = clean.text
        low = lowered(text)
        if not self.select_passages or len(text) < MIN_CHARS_TO_SELECT:
            return clean
        bounds, start = [], 0
        for match in SENTENCE_END.finditer(text):
            if match.start() > start:
                bounds.append((start, match.start()))
            start = match.end()
        if start < len(text):
            bounds.append((start, len(text)))
        keep = set(range(min(LEAD_SENTENCES, len(bounds))))
        for index, (begin, end) in enumerate(bounds):
            if self.any_cue.search(low, begin, end):
                keep.update(range(index, min(index + 1 + FOLLOWING_SENTENCES, len(bounds))))
        if len(keep) == len(bounds):
            return clean
        parts, starts, ends = [], array("l"), array("l")
        for index in sorted(keep):
            begin, end = bounds[index]
            if parts:
                parts.append("\n")
                starts.append(clean.ends[begin - 1] if begin else 0)
                ends.append(clean.starts[begin])
            parts.append(text[begin:end])
            starts.extend(clean.starts[begin:end])
            ends.extend(clean.ends[begin:end])
        return CleanText("".join(parts), starts, ends, clean.original_length)


@lru_cache(maxsize=4)
def load_triage(path: Path | None = None, select_passages: bool = True) -> Triage:
    lexicon = load_trigger_lexicon(path)
    return Triage(lexicon.strong_pattern, lexicon.pattern, select_passages)
