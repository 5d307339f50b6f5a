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

import bisect
import re
from array import array
from functools import lru_cache
from pathlib import Path

from pipeline.clean import CleanText
from pipeline.event_lexicon import TriggerLexicon, load_trigger_lexicon, lowered

SENTENCE_END = re.compile(r"(?<=[.!?…»])\s+(?=[«A-ZÀÂÉÈÊÎÔÛÇ0-9\"“])|\n+")
LEAD_SENTENCES = 2
FOLLOWING_SENTENCES = 0
MIN_CHARS_TO_SELECT = 600


class Triage:
    def __init__(self, lexicon: TriggerLexicon, select_passages: bool = True) -> None:
        self.lexicon = lexicon
        self.select_passages = select_passages

    def cue_starts(self, text: str) -> tuple[bool, list[int]]:
        """One scan of the text: (is there a strong cue, where every cue starts)."""
        low = lowered(text)
        if self.lexicon.strong_pattern.search(low) is None:
            return False, []
        return True, [match.start() for match in self.lexicon.any_pattern.finditer(low)]

    def may_hold_incident(self, text: str) -> bool:
        return self.cue_starts(text)[0]

    def select(self, clean: CleanText) -> CleanText | None:
        """None when the article cannot hold an incident, else the passages worth parsing."""
        strong, starts = self.cue_starts(clean.text)
        if not strong:
            return None
        return self.passages(clean, starts)

    def passages(self, clean: CleanText, cue_starts: list[int] | None = None) -> CleanText:
        """The sentences worth parsing, joined by line breaks, with offsets into the original text."""
        text = clean.text
        if not self.select_passages or len(text) < MIN_CHARS_TO_SELECT:
            return clean
        if cue_starts is None:
            cue_starts = self.cue_starts(text)[1]
        bounds, start = [], 0
        for match in SENTENCE_END.finditer(text):
            if match.start() > start:
                bounds.append((start, match.start()))
            start = match.end()
        if start < len(text):
            bounds.append((start, len(text)))
        keep = set(range(min(LEAD_SENTENCES, len(bounds))))
        sentence_starts = [begin for begin, _ in bounds]
        for position in cue_starts:
            index = bisect.bisect_right(sentence_starts, position) - 1
            if index >= 0:
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
    return Triage(load_trigger_lexicon(path), select_passages)
