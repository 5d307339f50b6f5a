"""`event_triggers`: mark the words that say an event happened and how (data/lexicons/fr_event_triggers.tsv):
"frappe de drone", "embuscade", "a explosé", "ont été enlevés", "abattu", ... Each cue span carries its cue
class, whether it is enough alone to make an event mention, and the weapon it implies."""
from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

import re
from functools import lru_cache

from pipeline.doc_context import span_text, text_of
from pipeline.event_lexicon import TriggerLexicon, load_trigger_lexicon, lowered
from pipeline.resources import data_path, read_tsv, word_alternation

SHOT_DOWN = re.compile(r"abatt", re.IGNORECASE)


@lru_cache(maxsize=4)
def load_aerial_objects(path: Path | None = None) -> re.Pattern:
    path = path or data_path("lexicons", "fr_aerial_objects.tsv")
    forms = [row[0] for row in read_tsv(path, columns=1)]
    return word_alternation(forms, re.IGNORECASE)


def destroyed_in_flight(span: Span, aerial: re.Pattern) -> bool:
    """ "ont intercepté et détruit douze drones", "quatre missiles détruits": what was destroyed is the weapon itself,
    an interception, not damage on the ground."""
    if span._.cue != "impact" or not span.text.lower().split()[-1].startswith("détrui"):
        return False
    root = span.root
    related = [child for child in root.children if child.dep_ in ("obj", "nsubj:pass", "nsubj")]
    if root.dep_ in ("amod", "acl") :
        related.append(root.head)
    return any(aerial.fullmatch(token.text) for token in related)


def shot_person(span: Span, aerial: re.Pattern) -> bool:
    """ "ont abattu quatorze passagers": "abattre" with nothing that flies in its sentence kills, it does not
    intercept."""
    return span._.cue == "interception" and SHOT_DOWN.match(span.text.split()[-1]) is not None \
        and aerial.search(span_text(span.sent)) is None

SPANS_KEY = "event_cues"
for _name, _default in (("cue", None), ("cue_strong", False), ("cue_weapon", None)):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=_default)


class EventTriggers:
    def __init__(self, nlp: Language, name: str, lexicon_path: str | None = None) -> None:
        self.name = name
        self.lexicon_path = Path(lexicon_path) if lexicon_path else None
        self._lexicon: TriggerLexicon | None = None

    @property
    def lexicon(self) -> TriggerLexicon:
        if self._lexicon is None:
            self._lexicon = load_trigger_lexicon(self.lexicon_path)
        return self._lexicon

    @property
    def aerial_objects(self) -> re.Pattern:
        folder = self.lexicon_path.parent if self.lexicon_path else None
        return load_aerial_objects(folder / "fr_aerial_objects.tsv" if folder and (folder / "fr_aerial_objects.tsv").exists() else None)

    def initialize(self, get_examples=None, *, nlp=None, lexicon_path: str | None = None) -> None:
        if lexicon_path:
            self.lexicon_path = Path(lexicon_path)
        self._lexicon = load_trigger_lexicon(self.lexicon_path)

    def __call__(self, doc: Doc) -> Doc:
        lexicon = self.lexicon
        spans = []
        low = lowered(text_of(doc))
        for found in lexicon.any_pattern.finditer(low):
            # the scanner has no groups (fast); the grouped pattern, tried only here, says which entry matched
            match = lexicon.pattern.match(low, found.start())
            span = doc.char_span(match.start(), match.end(), alignment_mode="expand") if match else None
            if span is None:
                continue
            entry = lexicon.entry_of(match)
            span._.cue = entry.cue
            span._.cue_strong = entry.strong
            span._.cue_weapon = entry.weapon
            if doc.has_annotation("SENT_START") and shot_person(span, self.aerial_objects):
                span._.cue, span._.cue_strong, span._.cue_weapon = "killing", True, "firearms"
            elif doc.has_annotation("DEP") and destroyed_in_flight(span, self.aerial_objects):
                span._.cue, span._.cue_strong = "interception", True
            spans.append(span)
        doc.spans[SPANS_KEY] = spans
        return doc

    def to_disk(self, path, exclude=tuple()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        source = self.lexicon_path or data_path("lexicons", "fr_event_triggers.tsv")
        (path / "fr_event_triggers.tsv").write_text(Path(source).read_text(encoding="utf-8"), encoding="utf-8")
        aerial = Path(source).parent / "fr_aerial_objects.tsv"
        aerial = aerial if aerial.exists() else data_path("lexicons", "fr_aerial_objects.tsv")
        (path / "fr_aerial_objects.tsv").write_text(Path(aerial).read_text(encoding="utf-8"), encoding="utf-8")

    def from_disk(self, path, exclude=tuple()) -> "EventTriggers":
        self.lexicon_path = Path(path) / "fr_event_triggers.tsv"
        self._lexicon = load_trigger_lexicon(self.lexicon_path)
        return self


@Language.factory("event_triggers", assigns=["doc.spans", "span._.cue", "span._.cue_strong", "span._.cue_weapon"],
                  default_config={"lexicon_path": None})
def make_event_triggers(nlp: Language, name: str, lexicon_path: str | None) -> EventTriggers:
    return EventTriggers(nlp, name, lexicon_path=lexicon_path)
