"""`casualties`: who was killed, injured, abducted or went missing, how many, and how sure the article is.

Writes `doc.spans["casualties"]` (one span per toll: the count, the counted noun and the trigger word) and
`doc.spans["quantities"]` (counts of means and of events: "deux drones", "plus de 175 attaques").

How a count is tied to its meaning, cheapest first:
1. ONE regex over `doc.text` finds counts ("au moins 12", "une dizaine de") and explicit zeros ("sans faire de
   blessés"); a PhraseMatcher (LOWER) finds the lexicon words. Docs without a count or a zero stop there.
2. The noun right after the count says what is counted: a casualty noun counts by itself ("12 morts"), a victim group
   ("soldats") needs a trigger, a means or event noun ("drones", "attaques") makes a quantity.
3. The trigger of a group count is, in this order: a "before" word just before the count ("tuant trois civils"), the
   dependency parse when there is one ("Trois soldats ... ont été tués": nummod -> nsubj:pass -> trigger), or an
   "after" word within `max_token_distance` tokens in the same clause.

Breakdowns (documented choice): counts joined by "et" or "," that share one trigger ("12 soldats et 5 assaillants ont
été tués") make ONE span whose count is their sum, with `casualty_breakdown` = ((group, count), ...) summing to it.
Counts after "dont"/"parmi lesquels" ("12 morts dont trois enfants") are a part of the count before: they go to its
breakdown and make no span of their own. So the killed total of a sentence is the sum of its killed spans.

Explicit zeros give count 0, qualifier "exact". "victimes" denies killed and injured. A denied injury with no killed
count in its sentence also gives killed 0 (`casualty_implied` = True): news that says "sans faire de blessés" does not
leave deaths unsaid (config `zero_injured_implies_killed`).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import srsly
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.pipeline import Pipe
from spacy.tokens import Doc, Span

from .doc_context import text_of
from .french_numbers import NumberLexicon, ParsedNumber, normalise, parsed_from_match, qualify_after
from .resources import data_path, read_tsv

KINDS = ("killed", "injured", "abducted", "missing")
GROUPS = ("civilians", "security_forces", "attackers", "unknown")
ROLES = ("noun", "after", "before", "zero")
LINK_ROLES = ("breakdown", "among", "coordination")
SENTENCE_PUNCT = {".", ";", ":", "!", "?", "…"}
DE_WORDS = {"de", "d'", "d’"}
# the counted noun is the subject or object of the trigger verb, or the trigger modifies it ("trois soldats tués")
PARSE_ARGUMENT_DEPS = {"nsubj", "nsubj:pass", "obj", "iobj"}
PARSE_MODIFIER_DEPS = {"acl", "amod", "acl:relcl"}
PARSE_COMPLEMENT_DEPS = {"xcomp"}
# a cheap first look for a named victim ("X a été tué", "X est mort") in a text with no figure
NAMED_VICTIM = re.compile(r"\b(?:a|avait)\s+été\s+(?:tué|tuée|blessé|blessée|abattu|abattue|assassiné|assassinée|exécuté|exécutée)\b"
                          r"|\best\s+(?:mort|morte|décédé|décédée)\b")

_SPAN_EXTENSIONS = {
    "casualty_kind": None, "casualty_count": None, "casualty_low": None, "casualty_high": None,
    "casualty_qualifier": None, "casualty_group": None, "casualty_breakdown": (), "casualty_aggregate": False,
    "casualty_trigger": None, "casualty_head": None, "casualty_implied": False,
    "quantity_what": None, "quantity_value": None, "quantity_low": None, "quantity_high": None,
    "quantity_qualifier": None, "quantity_is_event_count": False,
}
# spaCy keys a Span's extension values by its character offsets only, but one phrase can carry two tolls
# ("sans faire de victimes": killed 0 and injured 0). So values live in `doc.user_data` under
# (store, start_char, end_char, label) and the extensions are getters; the span label is the kind (or "QUANTITY").
_STORE = "casualties.v1"


def _getter(name: str, default):
    def get(span: Span):
        return span.doc.user_data.get((_STORE, span.start_char, span.end_char, span.label_), {}).get(name, default)

    return get


def _set_fields(span: Span, **fields) -> Span:
    span.doc.user_data.setdefault((_STORE, span.start_char, span.end_char, span.label_), {}).update(fields)
    return span


for _name, _default in _SPAN_EXTENSIONS.items():
    if not Span.has_extension(_name):
        Span.set_extension(_name, getter=_getter(_name, _default))

TABLE_FILES = {
    "terms": "fr_casualty_terms.tsv",
    "groups": "fr_victim_groups.tsv",
    "modifiers": "fr_victim_modifiers.tsv",
    "breaks": "fr_casualty_clause_breaks.tsv",
    "links": "fr_casualty_links.tsv",
    "zero_cues": "fr_casualty_zero_cues.tsv",
    "aggregate_cues": "fr_casualty_aggregate_cues.tsv",
    "unreported_cues": "fr_casualty_unreported_cues.tsv",
    "quantities": "fr_quantity_nouns.tsv",
}


def load_tables(directory: Path | None = None) -> dict:
    """Every lexicon the component needs, as plain JSON-able data; errors name the file and the row."""
    directory = Path(directory) if directory else data_path("lexicons")
    path = lambda key: directory / TABLE_FILES[key]  # noqa: E731
    terms = []
    for form, kinds, roles, lemma, *rest in read_tsv(path("terms")):
        kinds_list, roles_list = kinds.split(","), roles.split(",")
        required = rest[0] if rest else ""
        if not set(kinds_list) <= set(KINDS) or not set(roles_list) <= set(ROLES) or (required and required not in GROUPS):
            raise ValueError(f"{path('terms')}: {form!r}: kinds must be in {KINDS}, roles in {ROLES}, "
                             f"requires_group in {GROUPS}; found {kinds!r}, {roles!r}, {required!r}")
        terms.append([normalise(form), kinds_list, roles_list, lemma, required])
    groups = []
    for form, group, lemma in read_tsv(path("groups"), columns=3):
        if group not in GROUPS:
            raise ValueError(f"{path('groups')}: {form!r}: unknown group {group!r}; expected one of {GROUPS}")
        groups.append([normalise(form), group, lemma])
    links = {}
    for form, role in read_tsv(path("links"), columns=2):
        if role not in LINK_ROLES:
            raise ValueError(f"{path('links')}: {form!r}: unknown role {role!r}; expected one of {LINK_ROLES}")
        links[normalise(form)] = role
    quantities = []
    for form, what, is_event in read_tsv(path("quantities"), columns=3):
        if is_event not in ("true", "false"):
            raise ValueError(f"{path('quantities')}: {form!r}: is_event_count must be true or false, not {is_event!r}")
        quantities.append([normalise(form), what, is_event == "true"])
    return {
        "numbers": NumberLexicon.from_dir(directory).to_dict(),
        "terms": terms,
        "groups": groups,
        "modifiers": {normalise(f): r for f, r in read_tsv(path("modifiers"), columns=2)},
        "breaks": [normalise(row[0]) for row in read_tsv(path("breaks"), columns=1)],
        "links": links,
        "zero_cues": [row[0] for row in read_tsv(path("zero_cues"), columns=1)],
        "aggregate_cues": [row[0] for row in read_tsv(path("aggregate_cues"), columns=1)],
        "unreported_cues": [row[0] for row in read_tsv(path("unreported_cues"), columns=1)],
        "quantities": quantities,
    }


def reconcile_tolls(counts: Iterable) -> tuple[int | None, int | None, int | None]:
    """One incident's tolls in report order (first report ... update) -> (value, low, high), UCDP style.

    Each toll is a ParsedNumber, a casualty Span, or a (value, low, high, qualifier) tuple. Tolls grow as bodies are
    found, so the latest one is the best estimate; but a vaguer latest toll ("une dizaine") yields to an earlier exact
    one that lies inside its spread. low/high span every report (a missing low or high counts as the value)."""
    tolls = [_as_toll(count) for count in counts]
    tolls = [toll for toll in tolls if toll[0] is not None]
    if not tolls:
        return None, None, None
    value, low, high, qualifier = tolls[-1]
    if qualifier in ("approx", "range"):
        for earlier in reversed(tolls[:-1]):
            inside = (low is None or earlier[0] >= low) and (high is None or earlier[0] <= high)
            if earlier[3] == "exact" and inside:
                value = earlier[0]
                break
    lows = [t[1] if t[1] is not None else t[0] for t in tolls]
    highs = [t[2] if t[2] is not None else t[0] for t in tolls]
    open_top = any(t[2] is None and t[3] == "at_least" for t in tolls[-1:])
    return value, min(lows + [value]), None if open_top else max(highs + [value])


def _as_toll(count) -> tuple:
    if isinstance(count, ParsedNumber):
        return count.value, count.low, count.high, count.qualifier
    if isinstance(count, Span):
        return count._.casualty_count, count._.casualty_low, count._.casualty_high, count._.casualty_qualifier
    value, low, high, qualifier = count
    return value, low, high, qualifier


@dataclass
class _Count:
    start: int  # tokens
    end: int
    number: ParsedNumber
    head: tuple | None = None  # (label, start, end, entry)
    consumed: bool = False
    last: int = 0  # last token of the count's words (noun or breakdown)


class CasualtyCounter(Pipe):
    def __init__(self, nlp: Language, name: str = "casualties", *, max_token_distance: int = 6,
                 zero_injured_implies_killed: bool = True, spans_key: str = "casualties",
                 quantities_key: str = "quantities"):
        self.nlp = nlp
        self.vocab = nlp.vocab
        self.name = name
        self.max_token_distance = max_token_distance
        self.zero_injured_implies_killed = zero_injured_implies_killed
        self.spans_key = spans_key
        self.quantities_key = quantities_key
        self.tables: dict | None = None
        self._ready = False

    # ---- data -------------------------------------------------------------------------------------------------
    def initialize(self, get_examples=None, *, nlp=None, data_dir=None):
        """(Re)load the lexicons from `data_dir` (default: the packaged `data/lexicons/`). The arguments carry no
        annotations: spaCy builds a pydantic model from this signature, where postponed annotations don't resolve."""
        self.tables = load_tables(Path(data_dir) if data_dir else None)
        self._build()

    def _ensure_ready(self):
        if not self._ready:
            if self.tables is None:
                self.tables = load_tables()
            self._build()

    def _build(self):
        t = self.tables
        self.numbers = NumberLexicon.from_dict(t["numbers"])
        self.number_re = self.numbers.compiled()
        self.number_re_lower = self.numbers.compiled(ignore_case=False)
        self.terms: dict[str, dict] = {}
        for form, kinds, roles, lemma, required in t["terms"]:
            entry = self.terms.setdefault(form, {})
            for role in roles:
                entry[role] = (tuple(kinds), lemma, required)
        self.groups = {form: (group, lemma) for form, group, lemma in t["groups"]}
        self.quantity_nouns = {form: (what, is_event) for form, what, is_event in t["quantities"]}
        self.modifiers = dict(t["modifiers"])
        self.links = dict(t["links"])
        self.breaks = set(t["breaks"])
        zero_nouns = [form for form, entry in self.terms.items() if "zero" in entry]
        noun_alt = "|".join(re.escape(f).replace("'", "['’]").replace(r"\ ", r"\s+")
                            for f in sorted(zero_nouns, key=len, reverse=True))
        cues = "|".join(f"(?:{cue})" for cue in t["zero_cues"])
        gap = r"(?:(?:[ \t,]+|(?<=['’]))[^\W\d][\w-]*['’]?){0,4}?"
        zero = rf"\b(?<![\w'’])(?:{cues})(?P<gap>{gap})(?:[ \t,]+|(?<=['’]))(?P<noun>{noun_alt})(?!\w)"
        self.zero_re = re.compile(zero, re.IGNORECASE)
        self.zero_re_lower = re.compile(zero)
        self.aggregate_re = re.compile("|".join(f"(?:{cue})" for cue in t["aggregate_cues"]), re.IGNORECASE)
        self.unreported_re = re.compile("|".join(f"(?:{cue})" for cue in t.get("unreported_cues", [])) or r"(?!)", re.IGNORECASE)
        self.matcher = PhraseMatcher(self.vocab, attr="LOWER")
        for label, forms in (("TERM", self.terms), ("GROUP", self.groups), ("QUANTITY", self.quantity_nouns),
                             ("MOD", self.modifiers), ("BREAK", self.breaks), ("LINK", self.links)):
            variants = set()
            for form in forms:
                variants.update({form, form.replace("'", "’")})
            self.matcher.add(label, [self._pattern_doc(v) for v in sorted(variants)])
        self._ready = True

    def _pattern_doc(self, form: str) -> Doc:
        """The tokens of a lexicon form as running text has them: a final elided "d'" splits off only before a word."""
        if form.endswith(("'", "’")):
            doc = self.nlp.make_doc(form + "x")
            if doc[-1].text == "x":
                return doc[:-1].as_doc()
        return self.nlp.make_doc(form)

    def to_disk(self, path, *, exclude=tuple()):
        self._ensure_ready()
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "tables.json", self.tables)
        srsly.write_json(path / "cfg.json", {"max_token_distance": self.max_token_distance,
                                             "zero_injured_implies_killed": self.zero_injured_implies_killed,
                                             "spans_key": self.spans_key, "quantities_key": self.quantities_key})

    def from_disk(self, path, *, exclude=tuple()):
        path = Path(path)
        self.tables = srsly.read_json(path / "tables.json")
        for key, value in srsly.read_json(path / "cfg.json").items():
            setattr(self, key, value)
        self._build()
        return self

    # ---- run --------------------------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        error_handler = self.get_error_handler()
        try:
            self._ensure_ready()
            casualties, quantities = self._find(doc)
            doc.spans[self.spans_key] = casualties
            doc.spans[self.quantities_key] = quantities
            return doc
        except Exception as error:  # noqa: BLE001 - spaCy's per-doc error handler decides
            error_handler(self.name, self, [doc], error)
            return doc

    def pipe(self, stream, *, batch_size=128):
        for doc in stream:
            yield self(doc)

    def _find(self, doc: Doc) -> tuple[list[Span], list[Span]]:
        text = text_of(doc)
        lowered = text.lower()
        if len(lowered) == len(text):  # same offsets: match the faster case-sensitive patterns
            zeros = list(self.zero_re_lower.finditer(lowered))
            raw_counts = list(self.number_re_lower.finditer(lowered))
        else:
            zeros = list(self.zero_re.finditer(text))
            raw_counts = list(self.number_re.finditer(text))
        if not zeros and not raw_counts and not (self._has_dep and NAMED_VICTIM.search(text)):
            return [], []
        self._index(doc, text)
        casualties: list[Span] = []
        quantities: list[Span] = []
        counts = self._counts(doc, raw_counts)
        # counts of victims: a trigger beyond one of them belongs to it ("55 ans" or "2014" do not count)
        self._count_starts = {c.start for c in counts if c.head is not None and c.head[0] != "QUANTITY"}
        for index, count in enumerate(counts):
            if count.consumed or count.head is None:
                continue
            label = count.head[0]
            if label == "QUANTITY":
                span = self._quantity(doc, count)
                if span is not None:
                    quantities.append(span)
            elif label == "TERM":
                casualties.append(self._self_count(doc, count, counts, index))
            elif label == "GROUP":
                span = self._group_count(doc, count, counts, index, casualties)
                if span is not None:
                    casualties.append(span)
        for match in zeros:
            if not self._unreported(text, match.start()):
                casualties.extend(self._zero(doc, match))
        casualties.extend(self._named_victims(doc, casualties))
        if self.zero_injured_implies_killed:
            casualties.extend(self._implied_killed(doc, casualties))
        for span in casualties:
            _set_fields(span, casualty_aggregate=self._is_aggregate(doc, span))
        casualties.sort(key=lambda s: (s.start, s.end))
        self._by_start = self._term_end = self._trigger_token = None  # per-doc state: don't keep the doc's data
        return casualties, quantities

    def _named_victims(self, doc: Doc, found: list[Span]) -> list[Span]:
        """ "Younes Tayeh, 21 ans, a été tué": one person, named, is a count of one."""
        if not self._has_dep:
            return []
        taken = {i for span in found for i in range(span.start, span.end)}
        result = []
        for index, item in self._trigger_token.items():
            trigger = doc[index]
            entry = item[3].get("after")
            if entry is None or index in taken or index != item[1]:
                continue
            for child in trigger.children:
                named = child.pos_ == "PROPN" or any(g.pos_ == "PROPN" and g.dep_ in ("appos", "flat:name", "nmod")
                                                      for g in child.children)  # "le journaliste Omar Haddad"
                if child.dep_ in ("nsubj", "nsubj:pass") and named and "Plur" not in child.morph.get("Number") \
                        and child.i not in taken and child.i < index:
                    start, end = child.left_edge.i, item[2]
                    number = ParsedNumber(1, 1, 1, "exact")
                    trigger_chars = (doc[item[1]].idx, doc[item[2] - 1].idx + len(doc[item[2] - 1]))
                    result.append(self._casualty_span(doc, start, end, entry[0][0], number, "unknown", (), trigger_chars, child.lower_))
                    taken.update(range(start, end))
                    break
        return result

    def _unreported(self, text: str, start: int) -> bool:
        """ "n'a mentionné ni le lieu ni d'éventuels blessés": the zero follows a source that did not say."""
        sentence_start = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
        return self.unreported_re.search(text, sentence_start, start) is not None

    def _index(self, doc: Doc, text: str):
        """Lexicon matches by start and end token; the longest match at a start comes first."""
        self._by_start: dict[int, list] = {}
        self._term_end: dict[int, tuple] = {}
        self._trigger_token: dict[int, tuple] = {}
        strings = self.vocab.strings
        for match_id, start, end in self.matcher(doc):
            label = strings[match_id]
            key = normalise(doc[start:end].text)
            table = {"TERM": self.terms, "GROUP": self.groups, "QUANTITY": self.quantity_nouns, "MOD": self.modifiers,
                     "BREAK": self.breaks, "LINK": self.links}[label]
            entry = table[key] if isinstance(table, dict) else key
            item = (label, start, end, entry)
            self._by_start.setdefault(start, []).append(item)
            if label == "TERM":
                previous = self._term_end.get(end)
                if previous is None or previous[1] > start:
                    self._term_end[end] = item
                if "after" in entry or "before" in entry:
                    for i in range(start, end):
                        self._trigger_token.setdefault(i, item)
        for items in self._by_start.values():
            items.sort(key=lambda item: item[1] - item[2])
        self._text = text
        self._sentence_ends = [m.end() for m in re.finditer(r"[.!?;…]+(?=\s|$)|\n", self._text)]
        # a parser labels every token (ROOT included) and a tagger tags every token: the first token tells,
        # without the full pass `Doc.has_annotation` makes
        self._has_dep = len(doc) > 0 and doc[0].dep != 0
        self._has_pos = len(doc) > 0 and doc[0].pos != 0

    def _item(self, start: int, *labels: str):
        for item in self._by_start.get(start, ()):
            if item[0] in labels:
                return item
        return None

    def _counts(self, doc: Doc, matches) -> list[_Count]:
        counts = []
        for match in matches:
            number = parsed_from_match(match, self.numbers)
            span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if number is None or span is None or len(span) == 0:
                continue
            count = _Count(span.start, span.end, number)
            count.head = self._head_after(doc, span.end)
            count.last = count.head[2] if count.head else span.end
            counts.append(count)
        return counts

    def _head_after(self, doc: Doc, k: int):
        """What the count counts: the lexicon noun right after it, past "de" and one modifier."""
        if k < len(doc) and doc[k].lower_ in DE_WORDS:
            k += 1
        for _ in range(2):
            item = self._item(k, "GROUP", "QUANTITY") or self._noun_term(k)
            if item is not None:
                if item[0] == "GROUP" and self._item(k, "MOD") is not None:  # "jeunes soldats": "soldats" is the head
                    following = self._item(item[2], "GROUP")
                    if following is not None:
                        item = following
                return item
            if self._item(k, "MOD") is None:
                return None
            k += 1
        return None

    def _noun_term(self, k: int):
        item = self._item(k, "TERM")
        return item if item is not None and "noun" in item[3] else None

    # ---- quantities -------------------------------------------------------------------------------------------
    def _quantity(self, doc: Doc, count: _Count) -> Span | None:
        number = count.number
        if number.value == 1 and number.qualifier == "exact":  # "une attaque", "un drone": an article, not a count
            return None
        _, _, end, (what, is_event) = count.head
        return _set_fields(Span(doc, count.start, end, label="QUANTITY"), quantity_what=what,
                           quantity_value=number.value, quantity_low=number.low, quantity_high=number.high,
                           quantity_qualifier=number.qualifier, quantity_is_event_count=bool(is_event))

    # ---- casualties -------------------------------------------------------------------------------------------
    def _self_count(self, doc: Doc, count: _Count, counts: list[_Count], index: int) -> Span:
        """ "12 morts", "trois blessés graves", "cinq otages": the noun is its own trigger."""
        _, start, end, entry = count.head
        kinds, lemma, _ = entry["noun"]
        trigger = (doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))
        before = self._trigger_before(doc, count.start)
        if before is not None and before[3]["before"][0] != kinds:  # "ont exécuté six otages": killed, not held
            kinds = before[3]["before"][0]
            trigger = (doc[before[1]].idx, doc[before[2] - 1].idx + len(doc[before[2] - 1]))
        group = "unknown"
        after = self._item(end, "GROUP")
        if after is not None:  # "12 morts civils"
            group, end = after[3][0], after[2]
        else:
            link = self._item(end, "LINK")
            if link is not None and link[3] == "among":
                member = self._item(link[2], "GROUP")
                if member is not None:
                    group, end = member[3][0], member[2]
        breakdown, count.last = self._breakdown(doc, end, counts, index)
        number = self._suffix_qualifier(doc, count.last, count.number)
        span_start = before[1] if before is not None and trigger[0] == doc[before[1]].idx else count.start
        return self._casualty_span(doc, span_start, count.last, kinds[0], number, group, tuple(breakdown), trigger,
                                   lemma)

    def _breakdown(self, doc: Doc, k: int, counts: list[_Count], index: int) -> tuple[list, int]:
        """ "dont trois enfants et deux femmes" at token k: later counts that are a part of counts[index].
        Returns the parts and the token after the last one (k when there is none)."""
        end = k
        if k < len(doc) and doc[k].text == ",":
            k += 1
        link = self._item(k, "LINK")
        if link is None or link[3] != "breakdown":
            return [], end
        k = link[2]
        parts = []
        for later in counts[index + 1:]:
            if later.start != k or later.head is None or later.head[0] not in ("GROUP", "TERM"):
                break
            group = later.head[3][0] if later.head[0] == "GROUP" else "unknown"
            parts.append((group, later.number.value))
            later.consumed = True
            end = k = later.last
            link = self._item(k, "LINK")
            if link is not None and link[3] == "coordination":
                k = link[2]
            else:
                break
        return parts, end

    def _group_count(self, doc: Doc, count: _Count, counts: list[_Count], index: int, found: list[Span]):
        """ "trois soldats ont été tués", "tuant deux civils", "12 soldats et 5 assaillants ont été tués"."""
        chain, joins = [count], []
        for later in counts[index + 1:]:
            link = self._item(chain[-1].last, "LINK")
            if link is None or link[3] != "coordination" or later.start != link[2] or later.head is None \
                    or later.head[0] != "GROUP":
                break
            chain.append(later)
            joins.append(doc[link[1]].text)
        while joins and joins[-1] == ",":  # "A, B et C" is a list; "sur les 50 passagers, une fillette" is not
            joins.pop()
            chain.pop()
        last_index = counts.index(chain[-1])
        breakdown, chain[-1].last = self._breakdown(doc, chain[-1].last, counts, last_index)
        trigger = self._trigger_before(doc, chain[0].start) or self._trigger_after(doc, chain[-1].last) \
            or self._trigger_in_parse(doc, chain)
        if trigger is None:
            return None
        _, t_start, t_end, entry = trigger
        role = "before" if t_end <= chain[0].start else "after"
        if role == "after" and not breakdown:  # "25 personnes tuées, dont 22 civils"
            breakdown, t_end = self._breakdown(doc, t_end, counts, last_index)
        kinds, lemma, required = entry.get(role) or entry.get("after") or entry.get("before")
        members = []
        previous_group = found[-1]._.casualty_group if found and self._same_sentence(doc, found[-1].start_char,
                                                                                      doc[count.start].idx) else None
        for member in chain:
            group, head_lemma = member.head[3]
            if head_lemma == "autre" and previous_group:
                group = previous_group
            members.append((group, member.number, head_lemma))
        groups = {group for group, _, _ in members}
        group = groups.pop() if len(groups) == 1 else "unknown"
        if required and group != required:
            return None
        for member in chain[1:]:
            member.consumed = True
        number = _sum_numbers([m[1] for m in members])
        if len(members) > 1:
            breakdown = [(g, n.value) for g, n, _ in members] + breakdown
        start = min(chain[0].start, t_start)
        end = max(chain[-1].last, t_end)
        number = self._suffix_qualifier(doc, end, number)
        trigger_chars = (doc[t_start].idx, doc[t_end - 1].idx + len(doc[t_end - 1]))
        head = members[0][2] if len(members) == 1 else "+".join(m[2] for m in members)
        return self._casualty_span(doc, start, end, kinds[0], number, group, tuple(breakdown), trigger_chars, head)

    def _trigger_before(self, doc: Doc, start: int):
        k = start
        for _ in range(3):
            item = self._term_end.get(k)
            if item is not None and "before" in item[3] and "\n" not in doc[item[1]:k].text:
                return item
            if k - 1 < 0 or self.modifiers.get(doc[k - 1].lower_) != "adv":
                return None
            k -= 1
        return None

    def _trigger_in_parse(self, doc: Doc, chain: list[_Count]):
        if not self._has_dep:
            return None
        for member in chain:
            noun = doc[member.head[1]]
            subject = noun.head if noun.dep_ == "conj" else noun
            candidates = [(subject.head, False)] if subject.dep_ in PARSE_ARGUMENT_DEPS else []
            if candidates:  # "dix personnes ont été retrouvées décapitées": the participle completing the verb
                candidates.extend((child, False) for child in subject.head.children if child.dep_ in PARSE_COMPLEMENT_DEPS)
            candidates.extend((child, True) for child in noun.children if child.dep_ in PARSE_MODIFIER_DEPS)
            for token, is_modifier in candidates:
                item = self._trigger_token.get(token.i)
                if item is None or token.i in range(member.start, member.last) \
                        or not self._same_sentence(doc, token.idx, noun.idx):
                    continue
                if is_modifier and any(member.last <= other < token.i for other in self._count_starts):
                    continue  # a count in between has the participle to itself
                return item
        return None

    def _trigger_after(self, doc: Doc, k: int):
        has_pos = self._has_pos
        for _ in range(self.max_token_distance):
            if k >= len(doc):
                return None
            token = doc[k]
            item = self._item(k, "TERM")
            if item is not None and "after" in item[3]:
                if "before" in item[3] and item[2] in self._count_starts:
                    return None  # "neuf villageois et blessé 10 autres": the verb governs the next count
                return item
            if token.text in SENTENCE_PUNCT or "\n" in token.text or self._item(k, "BREAK") is not None \
                    or k in self._count_starts:
                return None
            if has_pos and token.pos_ == "VERB" and not token.dep_.startswith(("aux", "cop")):
                return None  # another verb: "2 500 soldats sont stationnés ..."
            k += 1
        return None

    def _suffix_qualifier(self, doc: Doc, end: int, number: ParsedNumber) -> ParsedNumber:
        """ "12 morts au moins"."""
        tail = " ".join(token.lower_ for token in doc[end:end + 3])
        for phrase, qualifier in self.numbers.qualifiers_after.items():
            if tail == phrase or tail.startswith(phrase + " "):
                return qualify_after(number, qualifier)
        return number

    def _casualty_span(self, doc, start, end, kind, number: ParsedNumber, group, breakdown, trigger, head,
                       implied: bool = False) -> Span:
        return _set_fields(Span(doc, start, end, label=kind), casualty_kind=kind, casualty_count=number.value,
                           casualty_low=number.low, casualty_high=number.high, casualty_qualifier=number.qualifier,
                           casualty_group=group, casualty_breakdown=breakdown, casualty_trigger=trigger,
                           casualty_head=head, casualty_implied=implied)

    # ---- zeros and context ------------------------------------------------------------------------------------
    def _zero(self, doc: Doc, match: re.Match) -> list[Span]:
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None:
            return []
        kinds, lemma, _ = self.terms[normalise(match.group("noun"))]["zero"]
        zero = ParsedNumber(0, 0, 0, "exact")
        trigger = (match.start("noun"), match.end("noun"))
        spans = []
        for kind in kinds:
            spans.append(self._casualty_span(doc, span.start, span.end, kind, zero, "unknown", (),
                                             trigger, lemma))
        return spans

    def _implied_killed(self, doc: Doc, casualties: list[Span]) -> list[Span]:
        implied = []
        for span in casualties:
            if span._.casualty_kind != "injured" or span._.casualty_count != 0:
                continue
            if any(other._.casualty_kind == "killed" and self._same_sentence(doc, other.start_char, span.start_char)
                   for other in casualties + implied):
                continue
            implied.append(self._casualty_span(doc, span.start, span.end, "killed", ParsedNumber(0, 0, 0, "exact"),
                                               "unknown", (), span._.casualty_trigger, span._.casualty_head,
                                               implied=True))
        return implied

    def _sentence_bounds(self, char: int) -> tuple[int, int]:
        i = bisect.bisect_right(self._sentence_ends, char)
        start = self._sentence_ends[i - 1] if i > 0 else 0
        end = self._sentence_ends[i] if i < len(self._sentence_ends) else 10 ** 9
        return start, end

    def _same_sentence(self, doc: Doc, a: int, b: int) -> bool:
        return self._sentence_bounds(a) == self._sentence_bounds(b)

    def _is_aggregate(self, doc: Doc, span: Span) -> bool:
        start, end = self._sentence_bounds(span.start_char)
        return self.aggregate_re.search(self._text, start, min(end, len(self._text))) is not None


def _sum_numbers(numbers: list[ParsedNumber]) -> ParsedNumber:
    if len(numbers) == 1:
        return numbers[0]
    value = sum(n.value for n in numbers)
    low = sum(n.low for n in numbers) if all(n.low is not None for n in numbers) else None
    high = sum(n.high for n in numbers) if all(n.high is not None for n in numbers) else None
    qualifiers = {n.qualifier for n in numbers}
    if qualifiers == {"exact"}:
        qualifier = "exact"
    elif qualifiers <= {"exact", "at_least"}:
        qualifier = "at_least"
    elif qualifiers <= {"exact", "at_most"}:
        qualifier = "at_most"
    elif qualifiers <= {"exact", "range"}:
        qualifier = "range"
    else:
        qualifier = "approx"
    return ParsedNumber(value, low, high, qualifier)


@Language.factory(
    "casualties",
    assigns=["doc.spans", "span._.casualty_count", "span._.casualty_kind", "span._.quantity_what"],
    default_config={"max_token_distance": 6, "zero_injured_implies_killed": True, "spans_key": "casualties",
                    "quantities_key": "quantities"},
)
def make_casualties(nlp: Language, name: str, max_token_distance: int, zero_injured_implies_killed: bool,
                    spans_key: str, quantities_key: str) -> CasualtyCounter:
    return CasualtyCounter(nlp, name, max_token_distance=max_token_distance,
                           zero_injured_implies_killed=zero_injured_implies_killed, spans_key=spans_key,
                           quantities_key=quantities_key)
