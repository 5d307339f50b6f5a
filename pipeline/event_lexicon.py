"""The event-cue lexicon (data/lexicons/fr_event_triggers.tsv) compiled into one regex, shared by the
triage and the `event_triggers` component so that triage never drops what the components would use."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.resources import data_path, read_tsv

CUES = {"air_strike", "strike", "drone", "aircraft", "shelling", "ied", "explosion", "suicide", "grenade", "clash",
        "attack", "killing", "casualty", "armed_actor", "firearm", "abduction", "arrest", "interception",
        "takeover", "retake", "looting", "riot", "sexual", "impact", "claim", "protest"}
# a strong cue of these classes makes an event mention alone ("une embuscade", "a été enlevé"); the others
# ("une attaque", "une explosion", "arrêté") need a support in their sentence: a cue of SUPPORT_CUES, a toll, or a
# named armed group, force or base. Shared by incident_assembly (which decides) and the triage (which must keep
# every article that can pass).
SPECIFIC_CUES = frozenset({"air_strike", "shelling", "ied", "suicide", "grenade", "clash", "abduction", "takeover",
                           "retake", "riot", "sexual", "killing"})
SUPPORT_CUES = frozenset({"casualty", "armed_actor", "firearm", "drone", "aircraft", "impact", "claim", "strike"})
# with an "impact" cue, an event sentence without any strong cue ("un drone s'est écrasé sur un immeuble")
FLYING_CUES = frozenset({"drone", "aircraft"})
WEAPONS = {"drone", "rocket", "missile", "airstrike", "artillery", "ied", "suicide_bomb", "car_bomb", "firearms",
           "knife", "other"}


@dataclass(frozen=True)
class TriggerEntry:
    cue: str
    strong: bool
    weapon: str | None


@dataclass(frozen=True)
class TriggerLexicon:
    entries: tuple[TriggerEntry, ...]
    pattern: re.Pattern          # one named group per entry: e0, e1, ...
    strong_pattern: re.Pattern   # strong entries only, for the triage
    any_pattern: re.Pattern      # every entry, no groups: the fast scanner (groups slow a scan several times)

    def entry_of(self, match: re.Match) -> TriggerEntry:
        return self.entries[int(match.lastgroup[1:])]


@lru_cache(maxsize=4)
def load_trigger_lexicon(path: Path | None = None) -> TriggerLexicon:
    path = path or data_path("lexicons", "fr_event_triggers.tsv")
    entries: list[TriggerEntry] = []
    forms: list[str] = []
    for number, (form, cue, strength, weapon) in enumerate(read_tsv(path, columns=4), start=1):
        where = f"{path}: entry {number} ({form!r})"
        if cue not in CUES:
            raise ValueError(f"{where}: unknown cue {cue!r}; expected one of {', '.join(sorted(CUES))}")
        if strength not in ("strong", "weak"):
            raise ValueError(f"{where}: strength must be strong or weak, not {strength!r}")
        if weapon != "-" and weapon not in WEAPONS:
            raise ValueError(f"{where}: unknown weapon {weapon!r}; expected - or one of {', '.join(sorted(WEAPONS))}")
        try:
            re.compile(form)
        except re.error as error:
            raise ValueError(f"{where}: invalid regex ({error})") from None
        entries.append(TriggerEntry(cue, strength == "strong", None if weapon == "-" else weapon))
        forms.append(form)
    # longer forms first, so "frappes aériennes" wins over "frappes"; one word-boundary test in front of the
    # whole alternation lets the engine skip mid-word positions at once (matched on lower-cased text)
    order = sorted(range(len(forms)), key=lambda i: -len(forms[i]))
    plain = [without_captures(form) for form in forms]
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(f"(?P<e{i}>{plain[i]})" for i in order) + r")(?!\w)")
    strong = re.compile(r"(?<![\w-])(?:" + "|".join(f"(?:{plain[i]})" for i in order if entries[i].strong) + r")(?!\w)")
    scanner = re.compile(r"(?<![\w-])(?:" + "|".join(f"(?:{plain[i]})" for i in order) + r")(?!\w)")
    return TriggerLexicon(tuple(entries), pattern, strong, scanner)


BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P=")


def without_captures(form: str) -> str:
    """The form with its groups made non-capturing: it matches the same text, and a scan that records no groups
    runs about twice as fast. A form that refers back to a group keeps them."""
    if BACKREFERENCE.search(form):
        return form
    out, position, in_class = [], 0, False
    while position < len(form):
        char = form[position]
        if char == "\\":
            out.append(form[position:position + 2])
            position += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            out.append(char)
            position += 1
            for opening in ("^", "]"):  # "[^]...]" and "[]...]": the first "]" is a member
                if form.startswith(opening, position):
                    out.append(opening)
                    position += 1
            continue
        elif char == "(" and not form.startswith("(?", position):
            char = "(?:"
        out.append(char)
        position += 1
    return "".join(out)


def lowered(text: str) -> str:
    """Lower-cased text for the cue patterns, of the same length so that offsets hold (else the text itself,
    which then only matches its lower-case words)."""
    low = text.lower()
    return low if len(low) == len(text) else text
