"""A cheap first pass before the statistical parse, in two steps.

1. Articles: one with no sentence that `incident_assembly` could read as an event mention cannot yield an
   incident, so it goes to `no_incident` (reason `triaged_out`) without being parsed. Such a sentence has a
   strong event cue (data/lexicons/fr_event_triggers.tsv) that is specific ("embuscade", "enlevés"), or one
   that is not ("attaque", "explosion", "interpellé") with a support in the same sentence: a support cue, a
   casualty word, or the name of an armed group, a force or a base (the gazetteers of `conflict_entities`).
   The check is a superset of the assembly's: names are matched as the gazetteer folds them, and a force
   noun counts when any country or demonym is in the sentence. "Trois jeunes interpellés après le cambriolage
   d'une pharmacie" or "la camionnette s'était arrêtée" have a strong cue and nothing that supports it. Nor can
   an article that `incident_assembly` reads as sport, film or market news borrowing the words of war (its
   off-topic markers, and no group, force or base named in what would be parsed).
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
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.clean import CleanText
from pipeline.event_lexicon import FLYING_CUES, SPECIFIC_CUES, SUPPORT_CUES, TriggerLexicon, load_trigger_lexicon, lowered, without_captures
from pipeline.gazetteer_index import FoldRules, default_fold_rules, loosen_piece, strip_accents
from pipeline.incident_assembly import OFF_TOPIC_MIN_MARKERS, load_assembly_data
from pipeline.resources import data_path, read_jsonl, read_tsv

SENTENCE_END = re.compile(r"(?<=[.!?…»])\s+(?=[«A-ZÀÂÉÈÊÎÔÛÇ0-9\"“])|\n+")
LEAD_SENTENCES = 2
MIN_CHARS_TO_SELECT = 600
CAPITAL = re.compile(r"(?<!\w)[A-ZÀ-ÖØ-Þ]")


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, cut at sentence punctuation before a capital and at line breaks."""
    bounds, start = [], 0
    for match in SENTENCE_END.finditer(text):
        if match.start() > start:
            bounds.append((start, match.start()))
        start = match.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds or [(0, len(text))]


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


WORD = re.compile(r"[^\W_]+")
CONVERTED_TO_KILLING = "abatt"  # "ont abattu quatorze passagers": event_triggers reads it as a killing


def loose_pieces(text: str, rules: FoldRules) -> list[str]:
    """The text's words folded as gazetteer names are (conflict_entities' `loose_key`), word by word so that
    only short words enter the folding caches."""
    pieces = []
    for word in WORD.findall(text.lower()):
        for piece in WORD.findall(strip_accents(word)):
            if piece not in rules.articles:
                pieces.append(loosen_piece(piece, rules))
    return pieces


@dataclass(frozen=True)
class SupportNames:
    """Names that make an armed group, force or base entity, as folded keys (pieces joined by spaces)."""

    names: frozenset[str]       # actor and base names and aliases, the base heads ("base aerienne")
    acronyms: frozenset[str]    # matched case-sensitively, as conflict_entities does
    force_nouns: frozenset[str]
    countries: frozenset[str]   # country names and demonyms: with a force noun they make a FORCE
    max_pieces: int

    def named_in(self, text: str, rules: FoldRules) -> bool:
        if any(word in self.acronyms for word in WORD.findall(text)):
            return True
        pieces = loose_pieces(text, rules)
        force_noun = country = False
        for start in range(len(pieces)):
            force_noun = force_noun or pieces[start] in self.force_nouns
            for end in range(start + 1, min(start + self.max_pieces, len(pieces)) + 1):
                key = " ".join(pieces[start:end])
                if key in self.names:
                    return True
                country = country or key in self.countries
        return force_noun and country


def load_support_names(rules: FoldRules | None = None) -> SupportNames:
    rules = rules or default_fold_rules()

    def key(form: str) -> str:
        return " ".join(loose_pieces(form, rules))

    names, acronyms = set(), set()
    for row in read_jsonl(data_path("gazetteers", "actors.jsonl")):
        acronyms.update(row.get("acronyms", []))
        names.update(key(form) for form in [row["name"]] + row.get("aliases", []) if form not in row.get("acronyms", []))
    for row in read_jsonl(data_path("gazetteers", "bases.jsonl")):
        names.update(key(form) for form in [row["name"]] + row.get("aliases", []))
    for phrase, label, _ in read_tsv(data_path("lexicons", "fr_entity_heads.tsv"), columns=3):
        if label == "BASE":
            names.add(key(phrase.rsplit(" ", 1)[0] if phrase.endswith(" de") else phrase))
    countries = set()
    for row in read_jsonl(data_path("gazetteers", "countries.jsonl")):
        countries.update(key(form) for form in row["names_fr"] + [row["name_en"]] + row["demonyms"])
    force_nouns = {key(noun) for noun, _ in read_tsv(data_path("lexicons", "fr_entity_force_nouns.tsv"), columns=2)}
    names.discard("")
    countries.discard("")
    return SupportNames(frozenset(names), frozenset(acronyms), frozenset(force_nouns), frozenset(countries),
                        max(key.count(" ") + 1 for key in names | countries))


class Triage:
    def __init__(self, lexicon: TriggerLexicon, casualty_words: re.Pattern, select_passages: bool = True,
                 support_names: SupportNames | None = None, off_topic: re.Pattern | None = None) -> None:
        self.lexicon = lexicon
        self.casualty_words = casualty_words
        self.select_passages = select_passages
        self.support_names = support_names  # None: no support check, every strong cue passes
        self.off_topic = off_topic  # the assembly's off-topic markers (with support_names)
        self.rules = default_fold_rules()

    def may_hold_incident(self, text: str) -> bool:
        return self.lexicon.strong_pattern.search(lowered(text)) is not None

    def select(self, clean: CleanText) -> CleanText | None:
        """None when the article cannot hold an incident, else the passages worth parsing."""
        low = lowered(clean.text)
        first = self.lexicon.strong_pattern.search(low)
        if first is None:
            return None
        bounds = sentence_bounds(clean.text)
        if not self.has_event_sentence(clean.text, low, first.start(), bounds):
            return None
        selected = self.passages(clean, low, first.start(), bounds)
        if self.borrows_words_of_war(selected.text):
            return None
        return selected

    def borrows_words_of_war(self, text: str) -> bool:
        """The assembly's off-topic test on the very text it would read: sport, film or market news that uses the
        words of war, with no armed group, force or base named, yields nothing."""
        if self.off_topic is None or self.support_names is None:
            return False
        markers = {match.group(0).lower() for match in self.off_topic.finditer(text)}
        return len(markers) >= OFF_TOPIC_MIN_MARKERS and not self.support_names.named_in(text, self.rules)

    def has_event_sentence(self, text: str, low: str, first_strong: int = 0,
                           bounds: list[tuple[int, int]] | None = None) -> bool:
        """Some sentence can be an event mention (a superset of incident_assembly's `is_event_sentence`)."""
        if self.support_names is None:
            return True
        bounds = bounds or sentence_bounds(text)
        starts = [begin for begin, _ in bounds]
        checked = set()
        for match in self.lexicon.strong_pattern.finditer(low, first_strong):
            entry = self.lexicon.entry_of(self.lexicon.pattern.match(low, match.start()))
            if entry.cue in SPECIFIC_CUES or entry.cue == "interception" and match.group(0).startswith(CONVERTED_TO_KILLING):
                return True
            index = max(bisect.bisect_right(starts, match.start()) - 1, 0)
            if index not in checked:
                checked.add(index)
                if self.supported(text, low, *bounds[index]):
                    return True
        return self.has_event_without_strong_cue(low, bounds)

    def has_event_without_strong_cue(self, low: str, bounds: list[tuple[int, int]]) -> bool:
        """The assembly's event sentences with no strong cue: a flying weapon that hit ("un drone s'est écrasé
        sur un immeuble"), armed men and a toll ("des hommes armés ont tué neuf villageois")."""
        starts = [begin for begin, _ in bounds]
        cues: dict[int, set[str]] = {}
        for match in self.lexicon.pattern.finditer(low):
            index = max(bisect.bisect_right(starts, match.start()) - 1, 0)
            cues.setdefault(index, set()).add(self.lexicon.entry_of(match).cue)
        for index, names in cues.items():
            if names & FLYING_CUES and "impact" in names:
                return True
            if "armed_actor" in names and self.casualty_words.search(low, *bounds[index]):
                return True
        return False

    def supported(self, text: str, low: str, begin: int, end: int) -> bool:
        """A support cue, a casualty word, or a named armed group, force or base between begin and end."""
        for match in self.lexicon.pattern.finditer(low, begin, end):
            if self.lexicon.entry_of(match).cue in SUPPORT_CUES:
                return True
        if self.casualty_words.search(low, begin, end):
            return True
        return self.support_names.named_in(text[begin:end], self.rules)

    def passages(self, clean: CleanText, low: str | None = None, first_strong: int = 0,
                 bounds: list[tuple[int, int]] | None = None) -> CleanText:
        """The sentences worth parsing, joined by line breaks, with offsets into the original text."""
        text = clean.text
        if not self.select_passages or len(text) < MIN_CHARS_TO_SELECT:
            return clean
        low = lowered(text) if low is None else low
        bounds = bounds or sentence_bounds(text)
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
def load_triage(path: Path | None = None, select_passages: bool = True, check_support: bool = True) -> Triage:
    lexicon = load_trigger_lexicon(path)
    return Triage(lexicon, casualty_word_pattern(lexicon, path), select_passages,
                  load_support_names() if check_support else None, load_assembly_data().off_topic_pattern)
