"""`event_triggers`: mark the words that say an event happened and how (data/lexicons/fr_event_triggers.tsv):
"frappe de drone", "embuscade", "a explosé", "ont été enlevés", "abattu", ... Each cue span carries its cue
class, whether it is enough alone to make an event mention, and the weapon it implies."""
from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.event_lexicon import TriggerLexicon, load_trigger_lexicon, lowered
from pipeline.resources import data_path

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

    def initialize(self, get_examples=None, *, nlp=None, lexicon_path: str | None = None) -> None:
        if lexicon_path:
            self.lexicon_path = Path(lexicon_path)
        self._lexicon = load_trigger_lexicon(self.lexicon_path)

    def __call__(self, doc: Doc) -> Doc:
        lexicon = self.lexicon
        spans = []
        low = lowered(doc.text)
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
            spans.append(span)
        doc.spans[SPANS_KEY] = spans
        return doc

    def to_disk(self, path, exclude=tuple()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        source = self.lexicon_path or data_path("lexicons", "fr_event_triggers.tsv")
        (path / "fr_event_triggers.tsv").write_text(Path(source).read_text(encoding="utf-8"), encoding="utf-8")

    def from_disk(self, path, exclude=tuple()) -> "EventTriggers":
        self.lexicon_path = Path(path) / "fr_event_triggers.tsv"
        self._lexicon = load_trigger_lexicon(self.lexicon_path)
        return self


@Language.factory("event_triggers", assigns=["doc.spans", "span._.cue", "span._.cue_strong", "span._.cue_weapon"],
                  default_config={"lexicon_path": None})
def make_event_triggers(nlp: Language, name: str, lexicon_path: str | None) -> EventTriggers:
    return EventTriggers(nlp, name, lexicon_path=lexicon_path)
