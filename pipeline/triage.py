"""A cheap first pass before the statistical parse, in two steps.

1. Articles: one with none of the strong event cues that the incident stages need
   (data/lexicons/fr_event_triggers.tsv) cannot yield an incident, so it goes to `no_incident` (reason
   `triaged_out`) without being parsed.
2. Passages: in an article that passes, only the sentences that can hold an incident or its context are
   parsed, following what `incident_assembly` reads:
   - the lead (the first LEAD_SENTENCES sentences), where the date and place of the main event are told;
   - every sentence with a strong cue: only such a sentence makes an event mention;
   - after the first of them, every sentence with a casualty word (the casualty cues of the cue lexicon, or a
     word of data/lexicons/fr_casualty_terms.tsv): a toll sentence adds its figures to the event told before;
   - a sentence with a weak cue (an armed actor, a claim, damage...) that names something (a capitalised word
     past its first): it can tell in which country or town the events are, which the assembly counts over
     the whole article.
   The rest (background paragraphs, quotes, reactions, weak cues that name nothing) is left out of the parse;
   the offset map keeps every evidence span pointing into the original text."""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from pathlib import Path

from pipeline.clean import CleanText
from pipeline.event_lexicon import TriggerLexicon, load_trigger_lexicon, lowered, without_captures
from pipeline.resources import data_path, read_tsv

SENTENCE_END = re.compile(r"(?<=[.!?…»])\s+(?=[«A-ZÀÂÉÈÊÎÔÛÇ0-9\"“])|\n+")
LEAD_SENTENCES = 2
MIN_CHARS_TO_SELECT = 600
CAPITAL = re.compile(r"(?<!\w)[A-ZÀ-ÖØ-Þ]")


def names_something(text: str, begin: int, end: int) -> bool:
    """A capitalised word past the sentence's first: a place, a country, a group or a person may be named."""
    return any(match.start() != begin for match in CAPITAL.finditer(text, begin, end))


def casualty_word_pattern(lexicon: TriggerLexicon, lexicon_path: Path | None = None,
                          terms_path: Path | None = None) -> re.Pattern:
    """The casualty cues of the cue lexicon and the casualty terms, as one scanner over lower-cased text
    (apostrophes either way, any spacing: a scan that finds at least what the casualties component does)."""
    lexicon_path = lexicon_path or data_path("lexicons", "fr_event_triggers.tsv")
    terms_path = terms_path or data_path("lexicons", "fr_casualty_terms.tsv")
    cues = [without_captures(row[0]) for row in read_tsv(lexicon_path, columns=4) if row[1] == "casualty"]
    terms = {" ".join(row[0].lower().replace("’", "'").split()) for row in read_tsv(terms_path)}
    escaped = [re.escape(term).replace("'", "['’]").replace(r"\ ", r"\s+") for term in sorted(terms, key=len, reverse=True)]
    return re.compile(r"(?<![\w-])(?:" + "|".join([f"(?:{cue})" for cue in cues] + escaped) + r")(?!\w)")


class Triage:
    def __init__(self, lexicon: TriggerLexicon, casualty_words: re.Pattern, select_passages: bool = True) -> None:
        self.lexicon = lexicon
        self.casualty_words = casualty_words
        self.select_passages = select_passages

    def may_hold_incident(self, text: str) -> bool:
        return self.lexicon.strong_pattern.search(lowered(text)) is not None

    def select(self, clean: CleanText) -> CleanText | None:
        """None when the article cannot hold an incident, else the passages worth parsing."""
        low = lowered(clean.text)
        first = self.lexicon.strong_pattern.search(low)
        if first is None:
            return None
        return self.passages(clean, low, first.start())

    def passages(self, clean: CleanText, low: str | None = None, first_strong: int = 0) -> CleanText:
        """The sentences worth parsing, joined by line breaks, with offsets into the original text."""
        text = clean.text
        if not self.select_passages or len(text) < MIN_CHARS_TO_SELECT:
            return clean
        low = lowered(text) if low is None else low
        bounds, start = [], 0
        for match in SENTENCE_END.finditer(text):
            if match.start() > start:
                bounds.append((start, match.start()))
            start = match.end()
        if start < len(text):
            bounds.append((start, len(text)))
        sentence_starts = [begin for begin, _ in bounds]
        keep = set(range(min(LEAD_SENTENCES, len(bounds))))
        # a toll counts from the first event sentence on, its own included
        cues = [match.start() for match in self.lexicon.strong_pattern.finditer(low, first_strong)]
        if cues:
            first_event = sentence_starts[max(bisect.bisect_right(sentence_starts, cues[0]) - 1, 0)]
            cues += [match.start() for match in self.casualty_words.finditer(low, first_event)]
        for position in cues:
            index = bisect.bisect_right(sentence_starts, position) - 1
            if index >= 0:
                keep.add(index)
        for match in self.lexicon.any_pattern.finditer(low):
            index = bisect.bisect_right(sentence_starts, match.start()) - 1
            if index >= 0 and index not in keep and names_something(text, *bounds[index]):
                keep.add(index)
        if len(keep) == len(bounds):
            return clean
        return clean.pieces_of([bounds[index] for index in sorted(keep)], separator="\n")


@lru_cache(maxsize=4)
def load_triage(path: Path | None = None, select_passages: bool = True) -> Triage:
    lexicon = load_trigger_lexicon(path)
    return Triage(lexicon, casualty_word_pattern(lexicon, path), select_passages)
