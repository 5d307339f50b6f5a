"""`incident_assembly`: turn the cues, dates, counts and entities that the other components left on the Doc
into incidents, as a conflict coder would: one per event (ACLED's unit: one day, one place, one pair of
actors, one kind), each with its date, place, actors, tolls, weapons, mention type and evidence.

Steps, each a plain function: sentence facts → event mentions (sentences with a strong cue and signs of
armed violence) → mention type (new / background / aggregate) → merge mentions of one event (lead, details,
recap) → type it (data/rules/event_typing.tsv) → plain dicts on `Doc._.incidents`, which
`pipeline/records.py` turns into records. Reads other components' extensions defensively, so that it runs
(with less to work on) in a pipeline that lacks one of them."""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cached_property, lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.doc_context import span_text, text_of
from models import ACLED_SUB_EVENT_TYPES
from pipeline.event_lexicon import FLYING_CUES, SPECIFIC_CUES, SUPPORT_CUES
from pipeline.resources import data_path, read_tsv, word_alternation

WORD_LISTS = {"pluperfect_aux", "locative", "relative_place", "media_nouns", "agent", "border", "origin", "coordinators",
              "situating", "clause_joiners", "negations", "claim_fragments", "suspect_fragments", "target_words",
              "action_nouns"}


def load_word_lists(path: Path) -> dict[str, frozenset[str] | tuple[str, ...]]:
    """The small word lists of data/lexicons/fr_assembly_words.tsv: frozensets of words, and tuples for the
    lists of word fragments (looked for inside the words before a cue)."""
    lists: dict[str, list[str]] = {name: [] for name in WORD_LISTS}
    for number, (name, word) in enumerate(read_tsv(path, columns=2), start=1):
        if name not in lists:
            raise ValueError(f"{path}: row {number}: unknown list {name!r}; expected one of {', '.join(sorted(WORD_LISTS))}")
        lists[name].append(word)
    return {name: tuple(words) if name.endswith("_fragments") else frozenset(words) for name, words in lists.items()}


# read once at import: the rules below take them as module constants
WORDS = load_word_lists(data_path("lexicons", "fr_assembly_words.tsv"))

if not Doc.has_extension("incidents"):
    Doc.set_extension("incidents", default=None)

FLYING_WEAPONS = {"drone", "missile", "rocket"}
PLUPERFECT_AUX = WORDS["pluperfect_aux"]
RECENT_DAYS = 4
LEAD_SENTENCES = 2
PLACE_LABELS = ("BASE", "PLACE", "ADMIN1", "COUNTRY")
LOCATIVE_WORDS = WORDS["locative"]
ACTOR_LABELS = ("GROUP", "FORCE")


def ext(span, name, default=None):
    """An extension value, or `default` when the component that registers it is not in the pipeline."""
    try:
        value = getattr(span._, name)
    except AttributeError:
        return default
    return default if value is None else value


# ---------------------------------------------------------------- data


@dataclass(frozen=True)
class TypingRule:
    sub_event_type: str
    any_cue: frozenset[str]
    none_cue: frozenset[str]
    condition: str


@dataclass(frozen=True)
class AssemblyData:
    reporting_prefixes: tuple[str, ...]
    aggregate_pattern: re.Pattern
    reference_pattern: re.Pattern
    target_patterns: tuple[re.Pattern, tuple[str, ...]]  # one pattern, group tN → the N-th class
    source_nouns: frozenset[str]
    geographic_nouns: frozenset[str]
    off_topic_pattern: re.Pattern
    typing_rules: tuple[TypingRule, ...]
    armies: dict[str, str]
    another_pattern: re.Pattern


CONDITIONS = {"-", "flying_weapon", "grounded", "defused", "civilian_target", "security_target", "state_perpetrator",
              "non_state_perpetrator", "killed", "protest"}


ASSEMBLY_FILES = (("lexicons", "fr_reporting_words.tsv"), ("lexicons", "fr_aggregate_markers.tsv"),
                  ("lexicons", "fr_reference_markers.tsv"), ("lexicons", "fr_target_words.tsv"),
                  ("lexicons", "fr_source_nouns.tsv"), ("lexicons", "fr_geographic_nouns.tsv"),
                  ("lexicons", "fr_off_topic_markers.tsv"), ("lexicons", "fr_another_event_markers.tsv"),
                  ("rules", "event_typing.tsv"), ("gazetteers", "actors.jsonl"))


@lru_cache(maxsize=4)
def load_assembly_data(folder: Path | None = None) -> AssemblyData:
    """The data files of `ASSEMBLY_FILES`, from the project's data/ or, all together, from one folder."""
    lexicons = (folder or data_path("lexicons"))
    rules = (folder or data_path("rules"))
    gazetteers = (folder or data_path("gazetteers"))
    reporting = tuple(row[0].lower() for row in read_tsv(lexicons / "fr_reporting_words.tsv", columns=1))
    aggregate = word_alternation((row[0] for row in read_tsv(lexicons / "fr_aggregate_markers.tsv", columns=1)), re.IGNORECASE)
    reference = word_alternation((row[0] for row in read_tsv(lexicons / "fr_reference_markers.tsv", columns=1)), re.IGNORECASE)
    target_rows = read_tsv(lexicons / "fr_target_words.tsv", columns=2)
    targets = (re.compile("|".join(rf"(?P<t{n}>(?<!\w)(?:{form})(?!\w))" for n, (form, _) in enumerate(target_rows)), re.IGNORECASE),
               tuple(kind for _, kind in target_rows))
    typing_rules = []
    path = rules / "event_typing.tsv"
    for number, (sub_event, any_cue, none_cue, condition) in enumerate(read_tsv(path, columns=4), start=1):
        if sub_event not in ACLED_SUB_EVENT_TYPES:
            raise ValueError(f"{path}: rule {number}: {sub_event!r} is not an ACLED sub-event type")
        if condition not in CONDITIONS:
            raise ValueError(f"{path}: rule {number}: unknown condition {condition!r}; expected one of {', '.join(sorted(CONDITIONS))}")
        split = lambda cell: frozenset() if cell == "-" else frozenset(cell.split(","))
        typing_rules.append(TypingRule(sub_event, split(any_cue), split(none_cue), condition))
    source_nouns = frozenset(row[0].lower() for row in read_tsv(lexicons / "fr_source_nouns.tsv", columns=1))
    geographic = frozenset(row[0].lower() for row in read_tsv(lexicons / "fr_geographic_nouns.tsv", columns=1))
    off_topic = word_alternation((row[0] for row in read_tsv(lexicons / "fr_off_topic_markers.tsv", columns=1)), re.IGNORECASE)
    another = word_alternation((row[0] for row in read_tsv(lexicons / "fr_another_event_markers.tsv", columns=1)), re.IGNORECASE)
    return AssemblyData(reporting, aggregate, reference, targets, source_nouns, geographic, off_topic, tuple(typing_rules),
                        load_armies(gazetteers), another)


def load_armies(folder: Path) -> dict[str, str]:
    """Country → canonical name of its army (the first state-force row of branch army in actors.jsonl), for
    "frappes russes" or "lancés par la Russie"."""
    from pipeline.resources import read_jsonl

    path = folder / "actors.jsonl"
    armies: dict[str, str] = {}
    if not path.exists():
        return armies
    for row in read_jsonl(path):
        if row.get("kind") == "state force" and row.get("branch") == "army":
            for country in row.get("countries", []):
                armies.setdefault(country, row["name"])
    return armies


# ---------------------------------------------------------------- sentence facts


@dataclass
class SentenceFacts:
    index: int
    span: Span
    cues: list[Span] = field(default_factory=list)
    dates: list[Span] = field(default_factory=list)
    casualties: list[Span] = field(default_factory=list)
    quantities: list[Span] = field(default_factory=list)
    entities: list[Span] = field(default_factory=list)

    @cached_property
    def text(self) -> str:
        return span_text(self.span)

    @property
    def cue_names(self) -> set[str]:
        return {ext(c, "cue") for c in self.cues}


FACT_KINDS = ("cues", "dates", "casualties", "quantities", "entities")


def facts_between(facts: SentenceFacts, start: int, end: int, *kinds: str) -> SentenceFacts:
    """The sentence's facts with the spans of `kinds` cut down to those that start in tokens [start, end)."""
    return replace(facts, **{name: [s for s in getattr(facts, name) if start <= s.start < end] for name in kinds})


def sentence_facts(doc: Doc, entities: list[Span] | None = None) -> list[SentenceFacts]:
    sentences = list(doc.sents) if doc.has_annotation("SENT_START") or doc.has_annotation("DEP") else [doc[:]]
    facts = [SentenceFacts(i, s) for i, s in enumerate(sentences)]
    starts = [s.start_char for s in sentences]

    def place(spans, attribute):
        for span in spans:
            index = bisect.bisect_right(starts, span.start_char) - 1
            if index >= 0:
                getattr(facts[index], attribute).append(span)

    place(doc.spans.get("event_cues", []), "cues")
    place(doc.spans.get("dates", []), "dates")
    place(doc.spans.get("casualties", []), "casualties")
    place(doc.spans.get("quantities", []), "quantities")
    place(entity_spans(doc) if entities is None else entities, "entities")
    return facts


def entity_spans(doc: Doc) -> list[Span]:
    """Our linked entities; where no component gave one, the statistical model's LOC entities (unlinked)."""
    ours = list(doc.spans.get("conflict_entities", []))
    taken = {(s.start, s.end) for s in ours}
    covered = set()
    for s in ours:
        covered.update(range(s.start, s.end))
    for ent in doc.ents:
        if ent.label_ == "LOC" and ent.text[:1].isupper() and not covered.intersection(range(ent.start, ent.end)) \
                and (ent.start, ent.end) not in taken and ent.start > ent.sent.start \
                and doc[ent.start - 1].lower_ in LOCATIVE_WORDS and len(ent) <= 4:
            ours.append(Span(doc, ent.start, ent.end, label="PLACE"))
    return sorted(ours, key=lambda s: s.start)


# ---------------------------------------------------------------- mentions


@dataclass
class Mention:
    facts: SentenceFacts
    cues: set[str]
    date: dict | None
    date_span: Span | None
    statement_date: bool
    part_of_day: str | None
    kind: str  # new | background | aggregate
    places: list[Span]
    actors: list[Span]
    continuation: bool = False
    another: bool = False  # "Samedi également, ...": opens the report of another event


def told_in_future(sentence: Span) -> bool:
    """ "L'accord verra la fin des combats", "l'armée lancera une offensive": the main verb in the future tells
    what is to come, not what happened."""
    root = sentence.root  # one ROOT per parsed sentence: found in C, not by a walk over its tokens
    return root.dep_ == "ROOT" and "Fut" in root.morph.get("Tense")


def is_event_sentence(facts: SentenceFacts) -> bool:
    strong = [c for c in facts.cues if ext(c, "cue_strong", False)]
    names = facts.cue_names
    if told_in_future(facts.span):
        return False
    if not strong:
        # "un drone s'est écrasé sur un immeuble", "un drone a endommagé des maisons": a flying weapon that hit;
        # "des hommes armés ont tué neuf villageois": armed men and a toll
        return bool(names & FLYING_CUES) and "impact" in names or "armed_actor" in names and any(
            ext(c, "casualty_kind") in ("killed", "injured") and ext(c, "casualty_count") for c in facts.casualties
            if not ext(c, "casualty_aggregate", False))

    if names & SPECIFIC_CUES:
        return True
    has_support = bool(names & SUPPORT_CUES) or bool(facts.casualties) or any(e.label_ in ("GROUP", "FORCE", "BASE") for e in facts.entities)
    return has_support


def hangs_on_reporting(span: Span, data: AssemblyData) -> bool:
    """'ont indiqué mercredi' dates a statement: the date's head verb is a reporting verb."""
    if not span.doc.has_annotation("DEP"):
        return False
    head = span.root.head
    for _ in range(3):
        if head.pos_ in ("VERB", "AUX"):
            break
        if head.head is head:
            break
        head = head.head
    word = head.text.lower()
    return any(word.startswith(prefix) for prefix in data.reporting_prefixes if " " not in prefix)


def is_after_publication(span: Span) -> bool:
    """A date after the article's own cannot be a reported event's ("une semaine après" read forward)."""
    publication = span.doc._.publication_date
    return publication is not None and ext(span, "event_date") > publication


def pick_date(facts: SentenceFacts, data: AssemblyData) -> tuple[dict | None, Span | None, bool, str | None, bool]:
    """The event date of a sentence: (date dict, its span, is-a-statement-date, part of day, has-a-'since'-date)."""
    part_of_day = None
    candidates = []
    since = False
    for span in facts.dates:
        kind = ext(span, "date_kind", "point")
        if kind == "time_of_day":
            part_of_day = part_of_day or ext(span, "day_part")
            continue
        if kind == "since":
            since = True
            continue
        if ext(span, "event_date") is None or is_after_publication(span):
            continue
        candidates.append((hangs_on_reporting(span, data), span))
    if not candidates:
        return None, None, False, part_of_day, since
    anchors = [c.start for c in facts.cues if ext(c, "cue_strong", False)] + [c.start for c in facts.casualties]

    def distance(span: Span) -> int:
        return min((abs(span.start - a) for a in anchors), default=0)

    candidates.sort(key=lambda c: (c[0], distance(c[1]), c[1].start))
    statement, span = candidates[0]
    value = {"start": ext(span, "event_date"), "end": ext(span, "date_end") or ext(span, "event_date"),
             "precision": ext(span, "date_precision", "day"), "part_of_day": ext(span, "day_part") or part_of_day,
             "text": span.text}
    if part_of_day == "night" and ext(span, "day_part") in (None, "morning") and value["precision"] == "day" \
            and value["start"] == value["end"]:
        # "a indiqué mardi (matin) avoir abattu dans la nuit": the night that ends on that day
        value["start"] = value["start"] - timedelta(days=1)
    return value, span, statement, value["part_of_day"], since


def is_pluperfect(sentence: Span) -> bool:
    """"avait tué": an auxiliary in the imperfect (any such word when there is no tagger)."""
    tagged = sentence.doc.has_annotation("POS")
    return any(t.lower_ in PLUPERFECT_AUX and (t.pos_ == "AUX" or not tagged) for t in sentence)


FRONTED_WORDS = 3


def referential_ranges(facts: SentenceFacts, data: AssemblyData) -> list[tuple[int, int]]:
    """Character ranges of the sentence that name another event as context, from a reference marker ("sans
    lien avec", "en représailles à", "une semaine après"). A fronted marker ("Au lendemain de l'attentat de X, une
    frappe a ...") ends at its comma; one that follows the main clause ("Cette attaque intervient une semaine
    après le massacre de X, perpétré par Y, qui a fait 120 morts") runs to the end of the sentence: what follows
    it, relative clauses and tolls included, tells the other event."""
    text, offset = facts.text, facts.span.start_char
    ranges = []
    for match in data.reference_pattern.finditer(text):
        before = text[:match.start()].strip()
        fronted = not before or before.endswith(",") and len(before.split()) <= FRONTED_WORDS
        end = text.find(",", match.end()) if fronted else -1
        ranges.append((offset + match.start(), offset + (end if end != -1 else len(text))))
    return ranges


def context_facts(facts: SentenceFacts, ranges: list[tuple[int, int]], inside: bool) -> SentenceFacts:
    """The sentence's facts told of the event it refers to (inside its context ranges), or all the others: that
    event's date, tolls and places are not the reported event's."""
    return replace(facts, **{name: [s for s in getattr(facts, name) if outside(s, ranges) != inside] for name in FACT_KINDS})


def outside(span: Span, ranges: list[tuple[int, int]]) -> bool:
    return not any(start <= span.start_char < end for start, end in ranges)


def told_outside(facts: SentenceFacts, ranges: list[tuple[int, int]]) -> bool:
    """Some strong cue of the sentence lies outside its context clauses: the sentence reports an event of its own."""
    return any(ext(c, "cue_strong", False) and outside(c, ranges) for c in facts.cues)


def only_recalled(facts: SentenceFacts, data: AssemblyData) -> bool:
    """Every strong cue of the sentence comes right after a reference to context ("sans lien avec l'attentat")."""
    strong = [c for c in facts.cues if ext(c, "cue_strong", False)]
    doc = facts.span.doc
    return bool(strong) and all(
        data.reference_pattern.search(doc[max(facts.span.start, c.start - 6):c.start].text) for c in strong)


def told_in_plural(facts: SentenceFacts) -> bool:
    """Every strong event cue of the sentence is a plural noun ("les attaques", "des frappes")."""
    strong = [c for c in facts.cues if ext(c, "cue_strong", False)]
    return bool(strong) and all(c.root.pos_ == "NOUN" and "Plur" in c.root.morph.get("Number") for c in strong)


def mention_kind(facts: SentenceFacts, date_value: dict | None, since: bool, publication: date, data: AssemblyData) -> str:
    text = facts.text
    recent_day = date_value is not None and date_value["precision"] == "day" and date_value["end"] is not None \
        and (publication - date_value["end"]).days <= RECENT_DAYS
    if any(ext(q, "quantity_is_event_count", False) for q in facts.quantities) \
            or any(ext(c, "casualty_aggregate", False) for c in facts.casualties):
        return "aggregate"
    if (since or data.aggregate_pattern.search(text)) and not recent_day:
        return "aggregate"  # "depuis janvier", "à plusieurs reprises"; but "a repris dimanche la ville, tenue depuis 2020" is one event
    if date_value is not None and date_value["start"] is not None and date_value["end"] is not None \
            and (date_value["end"] - date_value["start"]).days >= 3 and told_in_plural(facts):
        return "aggregate"  # "100 personnes tuées dans les attaques de la semaine dernière": many events, one toll
    if date_value is not None and date_value["end"] is not None:
        if (publication - date_value["end"]).days > RECENT_DAYS:
            return "background"
    elif is_pluperfect(facts.span):
        return "background"  # "avait tué", with no date of its own: recalled
    if only_recalled(facts, data):
        return "background"
    return "new"


RELATIVE_PLACE_WORDS = WORDS["relative_place"]


MEDIA_NOUNS = WORDS["media_nouns"]
AGENT_WORDS = WORDS["agent"]
BORDER_WORDS = WORDS["border"]
ORIGIN_WORDS = WORDS["origin"]


# what follows a dateline's place: "BAMAKO, 3 fév (AMAP) –", "KIEV (Reuters) -", "(Moscou)", "GAZA — "
DATELINE_TAIL = re.compile(r"\s*(?:\)|\([A-Za-zÀ-ÿ./ -]{2,20}\)\s*[-–—:]|,\s*\d{1,2}(?:er)?\s+[a-zéû]+\.?(?:\s+\d{4})?\s*"
                           r"(?:\([^)]{2,20}\))?\s*[-–—:]|\s*[-–—]\s)")


def is_dateline(span: Span) -> bool:
    """The place of the newsroom at the head of a wire story, not of the event."""
    sentence = span.sent
    offset = span.start - sentence.start
    if offset > 1 or offset == 1 and span.doc[span.start - 1].text != "(":
        return False
    return DATELINE_TAIL.match(text_of(span.doc), span.end_char) is not None


def is_place_of_event(span: Span, source_nouns: frozenset[str] = frozenset(), geographic_nouns: frozenset[str] = frozenset()) -> bool:
    """A demonym describes people (unless it qualifies land: "le désert jordanien"), a capital used for its
    government is an actor, a place that qualifies a speaker ("un responsable à Bagdad") says where the speaker
    is, a place things came from ("tirés depuis le nord de l'Irak") is not where they hit."""
    if span.label_ not in PLACE_LABELS or ext(span, "is_government_metonym", False) or is_dateline(span):
        return False
    head = span.root.head
    if ext(span, "is_demonym", False):
        return head is not span.root and head.lower_ in geographic_nouns
    sentence_start = span.sent.start
    before = {t.lower_ for t in span.doc[max(sentence_start, span.start - 4):span.start]}
    if before & ORIGIN_WORDS:
        return False
    if span.label_ == "COUNTRY" and {t.lower_ for t in span.doc[max(0, span.start - 6):span.start]} & BORDER_WORDS:
        return False  # "près de la frontière avec la Mauritanie": the neighbour, not where it happened
    if span.start > sentence_start and span.doc[span.start - 1].lower_ in AGENT_WORDS and span.label_ in ("PLACE", "COUNTRY"):
        return False  # "selon Kiev", "une attaque conduite par Kyiv": the government that speaks or acts
    if head is not span.root and head.lower_ in source_nouns and span.root.dep_ in ("nmod", "obl:mod", "obl", "appos"):
        return False
    if span.start - 2 >= sentence_start and span.doc[span.start - 1].lower_ in ("à", "de", "d'", "d’") \
            and span.doc[span.start - 2].lower_ in source_nouns:
        return False  # "a affirmé le gouvernement à Niamey", whatever the parse attached "à Niamey" to
    if span.label_ == "PLACE" and any(t.lower_ in MEDIA_NOUNS for t in span.doc[max(sentence_start, span.start - 4):span.start]):
        return False  # "la chaîne d'information arabophone Al-Alam": a medium's name
    if ext(span, "place_kind") != "region" and span.root.dep_ == "nsubj" and span.label_ == "PLACE" \
            and head.pos_ in ("VERB", "AUX") and not ext(span, "entity_id", "").startswith("base"):
        return False  # "Kiev a lancé", "Moscou accuse": a town as the subject of a verb is its government
    return True


COORDINATORS = WORDS["coordinators"]
SITUATING_WORDS = WORDS["situating"]


def separate_towns(places: list[Span]) -> list[Span]:
    """Towns named apart in one sentence ("à Hussan ... et à Dahriya"; "Zaporijjia, où ..., et Dnipro"): joined by
    "et", not one situating the other ("près de", "à 40 km de", "le quartier de Nkwen, à Bamenda", "Srinagar, la
    principale ville du Cachemire") nor the two ends of a road ("entre Gao et Ansongo", "reliant Gao à Ansongo")."""
    towns, seen = [], set()
    for span in places:
        if span.label_ not in ("PLACE", "BASE") or ext(span, "place_kind") == "region":
            continue
        before = {t.lower_ for t in span.doc[max(span.sent.start, span.start - 3):span.start]}
        if before & RELATIVE_PLACE_WORDS:
            continue
        if {t.lower_ for t in span.doc[max(span.sent.start, span.start - 6):span.start]} & SITUATING_WORDS:
            continue  # "le camp de Balata, situé entre Naplouse et Jénine": towns that situate, not places
        key = place_key(span)
        if key not in seen:
            seen.add(key)
            towns.append(span)
    if len(towns) < 2:
        return towns
    doc = towns[0].doc
    if {t.lower_ for t in doc[max(towns[0].sent.start, towns[0].start - 2):towns[0].start]} & {"entre", "reliant", "reliait", "relie"}:
        return towns[:1]
    kept = [towns[0]]
    for town in towns[1:]:
        between = {t.lower_ for t in doc[kept[-1].end:town.start]}
        if between & COORDINATORS:
            kept.append(town)
    return kept


CLAUSE_JOINERS = WORDS["clause_joiners"]
WEAPON_CUES = {"drone", "shelling", "air_strike", "aircraft"}


def split_interception(mention: Mention, told_before: set[str] = frozenset()) -> list[Mention]:
    """ "Le premier a été abattu ..., tandis que le second a percuté un immeuble, blessant trois personnes": what
    was shot down and what hit are two events (ACLED: Disrupted weapons use, then the strike). The sentence is cut
    at the word that joins the two clauses; the weapon named anywhere in it (else in the mention before: "Deux
    drones ont visé Soumy. Le premier a été abattu ...") goes with both."""
    facts = mention.facts
    stopped = [c for c in facts.cues if ext(c, "cue") == "interception"]
    hits = [c for c in facts.cues if ext(c, "cue") in ("impact", "explosion") and not denied_impact(c)] + \
        [c for c in facts.casualties if ext(c, "casualty_count") and not ext(c, "casualty_aggregate", False)]
    if not stopped or not hits:
        return [mention]
    last_stop, first_hit = max(c.end for c in stopped), min(c.start for c in hits)
    if last_stop > first_hit:
        return [mention]
    doc = facts.span.doc
    joins = [t.i for t in doc[last_stop:first_hit] if t.lower_ in CLAUSE_JOINERS]
    if not joins:
        return [mention]
    cut = joins[0]
    weapons = {ext(c, "cue") for c in facts.cues if ext(c, "cue") in WEAPON_CUES} or set(told_before)
    pieces = []
    for start, end in ((facts.span.start, cut), (cut, facts.span.end)):
        part = facts_between(facts, start, end, "cues", "casualties")
        names = {ext(c, "cue") for c in part.cues if not denied_impact(c)} | weapons
        pieces.append(replace(mention, facts=part, cues=names))
    return pieces


def split_by_town(mention: Mention) -> list[Mention]:
    """One mention per town when a sentence names several towns apart (ACLED: one event per location); each
    toll goes to the town it follows (or, before the first town, to that one)."""
    towns = separate_towns(mention.places)
    if len(towns) < 2:
        return [mention]
    areas = [p for p in mention.places if p.label_ in ("ADMIN1", "COUNTRY")]
    doc = mention.facts.span.doc
    # each piece starts at the word that joins it to the one before ("... à Kirkouk, tandis que des bombes ont tué
    # 21 personnes à Bagdad"), so that the clause's toll and cues go with its own town
    bounds = [mention.facts.span.start]
    for previous, town in zip(towns, towns[1:]):
        joins = [t.i for t in doc[previous.end:town.start] if t.lower_ in COORDINATORS]
        bounds.append(joins[-1] if joins else town.start)
    bounds.append(mention.facts.span.end)
    pieces = []
    for index, town in enumerate(towns):
        start, end = bounds[index], bounds[index + 1]
        own_cues = facts_between(mention.facts, start, end, "cues").cues
        cues = {ext(c, "cue") for c in own_cues} & mention.cues if any(ext(c, "cue_strong", False) for c in own_cues) else mention.cues
        pieces.append(replace(mention, facts=facts_between(mention.facts, start, end, "casualties"), cues=cues or mention.cues,
                              places=[town] + areas, another=False))
    return pieces


def is_toll_sentence(facts: SentenceFacts) -> bool:
    """A sentence that only gives figures ("Une trentaine de blessés ont été admis à l'hôpital"): it adds to the
    event told just before, never makes one of its own."""
    return any(not ext(c, "casualty_aggregate", False) for c in facts.casualties)


CONTEXT_COUNTRY_DISTANCE = 12


def near_an_event_word(span: Span, facts: SentenceFacts) -> bool:
    """A country named far from every cue of its sentence is context ("sur fond de tensions nourries par le
    conflit à Gaza"), not where the event happened."""
    anchors = [c for c in facts.cues if ext(c, "cue_strong", False)] + list(facts.casualties)
    if not anchors:
        return True
    return min(min(abs(span.start - a.end), abs(a.start - span.end)) for a in anchors) <= CONTEXT_COUNTRY_DISTANCE


def places_of(facts: SentenceFacts, data: AssemblyData, context: list[tuple[int, int]] | None = None) -> list[Span]:
    context = referential_ranges(facts, data) if context is None else context
    return [e for e in facts.entities if is_place_of_event(e, data.source_nouns, data.geographic_nouns) and outside(e, context)
            and (e.label_ != "COUNTRY" or near_an_event_word(e, facts))]


ANOTHER_EVENT_WORDS = 2


def opens_another_event(facts: SentenceFacts, data: AssemblyData) -> bool:
    """ "Samedi également, ...", "Par ailleurs, ...", "Dans une autre attaque, ...": a marker among the first
    words of the sentence ("Les assaillants ont aussi incendié ..." is the same raid)."""
    words = facts.text.split()
    found = data.another_pattern.search(" ".join(words[:ANOTHER_EVENT_WORDS + 5]))
    return found is not None and found.start() < len(" ".join(words[:ANOTHER_EVENT_WORDS]))


NEGATIONS = WORDS["negations"]


def denied_impact(cue: Span) -> bool:
    """ "sans faire de dégâts", "ni d'éventuels dégâts ou blessés": an impact the sentence denies is no sign of a hit."""
    if ext(cue, "cue") not in ("impact", "casualty"):
        return False
    return any(t.lower_ in NEGATIONS for t in cue.doc[max(cue.sent.start, cue.start - 5):cue.start])


def build_mentions(doc: Doc, facts_list: list[SentenceFacts], data: AssemblyData) -> list[Mention]:
    publication = doc._.publication_date
    mentions = []
    for facts in facts_list:
        if not is_event_sentence(facts):
            if is_toll_sentence(facts) and mentions:
                date_value, date_span, statement, part_of_day, since = pick_date(facts, data)
                if "bilan" in facts.text.lower():
                    statement = True  # "le bilan est passé dimanche à neuf morts": the day of the count, not of the event
                kind = mention_kind(facts, None if statement else date_value, since, publication, data)
                if kind != "aggregate":
                    places = places_of(facts, data)
                    mentions.append(Mention(facts, {"casualty"}, date_value, date_span, statement, part_of_day, kind, places,
                                            [e for e in facts.entities if e.label_ in ACTOR_LABELS], continuation=True))
            continue
        context = referential_ranges(facts, data)
        referred = referred_mention(facts, context, publication, data) if context else None
        own_event = told_outside(facts, context)
        if referred is not None:
            mentions.append(referred)
            if not own_event:
                continue
        told = context_facts(facts, context, inside=False) if own_event else facts
        date_value, date_span, statement, part_of_day, since = pick_date(told, data)
        kind = mention_kind(told, None if statement else date_value, since, publication, data)
        places = places_of(facts, data, context)
        actors = [e for e in told.entities if e.label_ in ACTOR_LABELS]
        cues = {ext(c, "cue") for c in facts.cues if outside(c, context) and not denied_impact(c)} or facts.cue_names
        mention = Mention(told, cues, date_value, date_span, statement, part_of_day, kind, places, actors,
                          another=opens_another_event(facts, data))
        if kind == "aggregate":
            mentions.append(mention)
        else:
            told_before = mentions[-1].cues & WEAPON_CUES if mentions else set()
            mentions.extend(piece for part in split_interception(mention, told_before) for piece in split_by_town(part))
    return mentions


def referred_date(span: Span) -> dict | None:
    """"une semaine après le massacre de X": the massacre is a week before the day counted from, not after."""
    start, end, anchor = ext(span, "event_date"), ext(span, "date_end"), ext(span, "date_anchor")
    if start is None or ext(span, "date_kind") != "anaphoric" or anchor is None or start <= anchor:
        return None
    end = end or start
    return {"start": anchor - (end - anchor), "end": anchor - (start - anchor), "precision": ext(span, "date_precision", "day"),
            "part_of_day": None, "text": span.text}


def referred_mention(facts: SentenceFacts, context: list[tuple[int, int]], publication: date,
                     data: AssemblyData) -> Mention | None:
    """The event a sentence refers to as context ("une semaine après le massacre de Pont-Sondé"), as a mention
    of its own: dated back from the reference, new only when that puts it on a recent day, else background."""
    inner = context_facts(facts, context, inside=True)
    if not is_event_sentence(inner):
        return None
    shifted = [value for value in map(referred_date, inner.dates) if value]
    if shifted:
        date_value, date_span = shifted[0], None
    else:
        date_value, date_span, _statement, _part, _since = pick_date(inner, data)
    recent = date_value is not None and date_value["precision"] == "day" and (publication - date_value["end"]).days <= RECENT_DAYS
    kind = "new" if recent and not is_pluperfect(inner.span) else "background"
    places = [e for e in inner.entities if is_place_of_event(e, data.source_nouns, data.geographic_nouns)
              and (e.label_ != "COUNTRY" or near_an_event_word(e, inner))]
    return Mention(inner, inner.cue_names, date_value, date_span, False, None, kind, places,
                   [e for e in inner.entities if e.label_ in ACTOR_LABELS])


# ---------------------------------------------------------------- merging


@dataclass
class Incident:
    mentions: list[Mention]
    kind: str

    @property
    def cues(self) -> set[str]:
        return set().union(*(m.cues for m in self.mentions))

    def own_date(self) -> tuple[dict | None, Span | None]:
        dated = [m for m in self.mentions if m.date and not m.statement_date] or [m for m in self.mentions if m.date]
        if not dated:
            return None, None
        precision_rank = {"day": 0, "week": 1, "month": 2, "season": 3, "year": 4, "unknown": 5}
        best = min(dated, key=lambda m: (precision_rank.get(m.date["precision"], 5), m.facts.index))
        return best.date, best.date_span

    def event_date(self) -> dict | None:
        """The date the event is told with, ignoring dates of statements ("ont indiqué mercredi")."""
        dated = [m for m in self.mentions if m.date and not m.statement_date]
        return self.own_date()[0] if dated else None

    def places(self) -> list[Span]:
        return [p for m in self.mentions for p in m.places]


def place_key(span: Span) -> str:
    return ext(span, "entity_id") or span.text.lower()


def specific_place(places: list[Span]) -> Span | None:
    for label in PLACE_LABELS:
        found = [p for p in places if p.label_ == label]
        if found:
            return found[0]
    return None


def places_compatible(a: list[Span], b: list[Span]) -> bool:
    pa, pb = specific_place(a), specific_place(b)
    if pa is None or pb is None:
        return True
    if place_key(pa) == place_key(pb):
        return True
    if ext(pa, "place_kind") == "region" or ext(pb, "place_kind") == "region":
        return ext(pa, "country_iso2") in (None, ext(pb, "country_iso2")) or ext(pb, "country_iso2") is None
    if pa.label_ in ("PLACE", "BASE") and pb.label_ in ("PLACE", "BASE"):
        return False
    # one is a region or a country: compatible when it contains the other
    region, local = (pa, pb) if PLACE_LABELS.index(pa.label_) > PLACE_LABELS.index(pb.label_) else (pb, pa)
    if region.label_ == "ADMIN1":
        return ext(local, "admin1_iso") in (None, ext(region, "admin1_iso"))
    return ext(local, "country_iso2") in (None, ext(region, "country_iso2"))


def same_specific_place(a: list[Span], b: list[Span]) -> bool:
    pa, pb = specific_place(a), specific_place(b)
    return pa is not None and pb is not None and place_key(pa) == place_key(pb)


def only_country_level(a: list[Span], b: list[Span]) -> bool:
    """One side names no more than a country: often context ("sur fond de conflit à Gaza")."""
    pa, pb = specific_place(a), specific_place(b)
    return pa is None or pb is None or pa.label_ == "COUNTRY" or pb.label_ == "COUNTRY"


# cue classes that may describe one event (ACLED: a battle and the shelling between the same actors, at one
# place on one day, are one event)
FAMILIES = [{"air_strike", "drone", "aircraft", "strike", "interception", "explosion", "shelling"},
            {"ied", "explosion", "suicide"}, {"abduction"}, {"arrest"}, {"clash", "attack", "killing", "shelling", "air_strike", "strike"},
            {"takeover", "retake", "clash"}, {"riot", "looting"}, {"looting", "attack", "killing"}]
GENERIC = {"attack", "strike", "explosion", "casualty", "impact", "claim", "armed_actor", "firearm", "killing"}


IMPACT_CUES = {"impact", "explosion", "air_strike", "shelling", "strike", "ied", "suicide", "casualty", "killing"}


def only_intercepted(cues: set[str]) -> bool:
    """Weapons stopped in the air with nothing said to hit: ACLED's Disrupted weapons use, an event of its own."""
    return "interception" in cues and not cues & IMPACT_CUES


def kinds_compatible(a: set[str], b: set[str]) -> bool:
    if only_intercepted(a) != only_intercepted(b):
        return False
    sa, sb = a - GENERIC, b - GENERIC
    if not sa or not sb:
        return True
    return any(sa <= family or sb <= family or (sa & family and sb & family) for family in FAMILIES)


CONTEXT_CUES = {"casualty", "impact", "claim", "armed_actor", "firearm"}  # say nothing of the kind of event


def same_family(a: set[str], b: set[str]) -> bool:
    """Both name a kind of one family ("combats" and "attaqué les positions"), not merely compatible ones."""
    sa, sb = a - CONTEXT_CUES, b - CONTEXT_CUES
    return any(sa & family and sb & family for family in FAMILIES)


def dates_compatible(a: dict | None, b: dict | None) -> bool:
    if a is None or b is None:
        return True
    return a["start"] <= b["end"] and b["start"] <= a["end"]


def merge_mentions(mentions: list[Mention]) -> list[Incident]:
    incidents: list[Incident] = []
    last: Incident | None = None  # the incident the previous mention went to
    for mention in mentions:
        if mention.kind == "aggregate":
            incidents.append(Incident([mention], "aggregate"))
            last = incidents[-1]
            continue
        target = None
        if mention.continuation and last is not None and not mention.places:
            # "Au moins 70 autres ont été blessés": the figures of the event told in the sentence before
            if last.kind == mention.kind and dates_compatible(last.event_date(), None if mention.statement_date else mention.date):
                last.mentions.append(mention)
            continue
        for incident in reversed(incidents):
            if incident.kind != mention.kind:
                if mention.continuation:
                    break  # figures belong to the event told just before, whatever it is
                continue
            own_date = incident.event_date()
            mention_date = None if mention.statement_date else mention.date
            same_day = own_date is not None and mention_date is not None and own_date["precision"] == "day" \
                and (own_date["start"], own_date["end"]) == (mention_date["start"], mention_date["end"])
            if mention.another and not same_specific_place(incident.places(), mention.places):
                continue
            if dates_compatible(own_date, mention_date) and kinds_compatible(incident.cues, mention.cues) \
                    and (places_compatible(incident.places(), mention.places)
                         or same_day and only_country_level(incident.places(), mention.places)):
                if specific_place(mention.places) is not None or same_family(incident.cues, mention.cues):
                    target = incident
                    break
                # a placeless mention goes to the latest compatible incident, unless an earlier one is of its kind
                # ("quatre combattants tués dans les combats" after "des bombes ont tué 21 personnes à Bagdad")
                target = target or incident
        if target is None:
            if not mention.continuation:
                incidents.append(Incident([mention], mention.kind))
                last = incidents[-1]
        else:
            target.mentions.append(mention)
            last = target
    return incidents


# ---------------------------------------------------------------- fields


SIDES = ("civilians", "security_forces", "attackers")


def sides_told_apart(totals: list[tuple]) -> dict[str, int]:
    """The largest toll of each side (civilians, security forces, attackers) when the sentences give the sides in
    separate figures and no sentence already adds them up; {} otherwise."""
    sides: dict[str, int] = {}
    for value, _low, _high, _qualifier, group in totals:
        groups = {ext(s, "casualty_group") for s in group if not is_indefinite(s)}
        if len(groups) != 1 or not groups <= set(SIDES) or ext(group[0], "casualty_breakdown"):
            if value is not None and len(groups - {None}) > 1:
                return {}  # a sentence that tells several sides together gives the total itself
            continue
        [side] = groups
        sides[side] = max(sides.get(side, 0), value or 0)
    return sides if len(sides) >= 2 else {}


INDEFINITE_SPREAD = 2.5


def is_indefinite(span: Span) -> bool:
    """ "plusieurs blessés", "de nombreux morts", "des dizaines de victimes": a toll with no best figure (coders
    leave it null); its spread is kept as low/high. "une dizaine" (8-12), "au moins 14" and "plus d'une
    centaine" are figures."""
    if ext(span, "casualty_qualifier") not in ("approx", "at_least"):
        return False
    low, high = ext(span, "casualty_low"), ext(span, "casualty_high")
    if high is None:
        return open_quantities().search(span.text) is not None
    return bool(low) and high >= INDEFINITE_SPREAD * low


@lru_cache(maxsize=1)
def open_quantities() -> re.Pattern:
    """The vague quantities with no upper bound in fr_approx_numbers.tsv ("de nombreux")."""
    rows = read_tsv(data_path("lexicons", "fr_approx_numbers.tsv"), columns=5)
    return word_alternation((re.escape(phrase) for phrase, _value, _low, high, _q in rows if not high), re.IGNORECASE)


def casualty_total(spans: list[Span], kind: str, secondary: list[Span] = ()) -> tuple[dict, list[Span]] | None:
    """Tolls of one kind across the incident's sentences: the best is the largest sentence total of the
    sentences that tell the event (tolls are revised upwards as bodies are found), figures of the sentences
    that only add to it counting when those give none; low/high the spread of every figure given."""
    told = casualty_total(spans, kind) if secondary else None
    if told is not None and told[0]["value"] is None:
        added = casualty_total(list(secondary), kind)
        if added is not None and added[0]["value"] is not None:
            told = None  # "de nombreux civils tués" then "ils ont tué jusqu'à cinquante personnes": the figure
    if told is not None:
        extra = casualty_total(list(spans) + list(secondary), kind)
        told[0]["low"], told[0]["high"] = extra[0]["low"], extra[0]["high"]
        return told[0], extra[1]
    if secondary:
        return casualty_total(list(secondary), kind)
    per_sentence: dict[int, list[Span]] = {}
    for span in spans:
        if ext(span, "casualty_kind") == kind and not ext(span, "casualty_aggregate", False):
            per_sentence.setdefault(span.sent.start if span.doc.has_annotation("SENT_START") else 0, []).append(span)
    if not per_sentence:
        return None
    totals = []
    for group in per_sentence.values():
        definite = [s for s in group if not is_indefinite(s)]
        value = sum(ext(s, "casualty_count", 0) for s in definite) if definite else None
        low = sum(ext(s, "casualty_low", ext(s, "casualty_count", 0)) or 0 for s in group)
        highs = [ext(s, "casualty_high") for s in group]
        high = None if any(h is None and ext(s, "casualty_qualifier") == "at_least" for h, s in zip(highs, group)) \
            else sum(h if h is not None else ext(s, "casualty_count", 0) for h, s in zip(highs, group))
        qualifier = ext(group[0], "casualty_qualifier", "exact") if len(definite) == len(group) else \
            "at_least" if definite else "approx"
        totals.append((value, low, high, qualifier, group))
    best = max(totals, key=lambda t: -1 if t[0] is None else t[0])
    breakdown = Counter()
    for span in best[4]:
        breakdown[ext(span, "casualty_group", "unknown")] += ext(span, "casualty_count", 0)
    sides = sides_told_apart(totals)
    if sides and sum(sides.values()) > (best[0] or 0):
        # "six soldats ont trouvé la mort" ... "dix-sept assaillants" tués: every side counts (ACLED), told apart
        best = (sum(sides.values()),) + best[1:]
        breakdown = Counter(sides)
    open_top = any(t[2] is None for t in totals)
    count = {"value": best[0], "low": min(t[1] for t in totals), "high": None if open_top else max(t[2] for t in totals),
             "qualifier": best[3] if best[3] in ("exact", "at_least", "at_most", "approx", "range") else "exact",
             "text": best[4][0].text, "breakdown": dict(breakdown)}
    return count, [s for t in totals for s in t[4]]


def target_class(incident: Incident, data: AssemblyData) -> str | None:
    scores = Counter()
    for mention in incident.mentions:
        for span in mention.facts.casualties:
            group = ext(span, "casualty_group")
            if group in ("civilians", "security_forces"):
                scores[group] += 2
        pattern, kinds = data.target_patterns
        for match in pattern.finditer(mention.facts.text):
            scores[kinds[int(match.lastgroup[1:])]] += 1
        for place in mention.places:
            if place.label_ == "BASE":
                scores["security_forces"] += 2
    if not scores:
        return None
    kind, value = scores.most_common(1)[0]
    if kind == "infrastructure" or value == 0:
        return None
    if scores["civilians"] == scores["security_forces"]:
        return None
    return kind


@dataclass
class Roles:
    perpetrator: dict | None = None
    perpetrator_span: Span | None = None
    status: str = "unclaimed"
    target: Span | None = None


CLAIM_WORDS = WORDS["claim_fragments"]
SUSPECT_WORDS = WORDS["suspect_fragments"]
TARGET_WORDS = WORDS["target_words"]
DEFENDER_CUES = {"interception"}
ACTION_NOUNS = WORDS["action_nouns"]


def head_verb(token):
    """The verb a token hangs on (itself when it is one)."""
    for _ in range(4):
        if token.pos_ in ("VERB", "AUX") or token.head is token:
            return token
        token = token.head
    return token


def actor_of_span(span: Span, data: "AssemblyData") -> dict | None:
    """The canonical actor a span stands for: a GROUP/FORCE as linked, a country (name, demonym or capital
    used as a government) as its armed forces."""
    if span.label_ in ACTOR_LABELS:
        return {"name": ext(span, "actor_name") or span.text, "kind": ext(span, "actor_kind"),
                "country_iso2": ext(span, "country_iso2"), "text": span.text}
    country = ext(span, "country_iso2")
    army = data.armies.get(country) if country else None
    if army is None:
        return None
    return {"name": army, "kind": "state force", "country_iso2": country, "text": span.text}


def role_of(span: Span, sentence: Span, casualty_ranges: list[tuple[int, int]], cues_here: set[str]) -> tuple[str, str | None]:
    """('perpetrator', status) | ('target', None) | ('none', None) for one actor-like span in its sentence."""
    doc = span.doc
    before = doc[max(sentence.start, span.start - 5):span.start].text.lower()
    before_words = before.replace("'", " ").replace("’", " ").split()
    root = span.root
    verb = head_verb(root.head if root.head is not root else root)
    inside_toll = any(start <= span.start_char and span.end_char <= end for start, end in casualty_ranges)
    if inside_toll or root.dep_ in ("nsubj:pass",) and verb.text.lower().startswith(("tué", "bless", "enlev", "kidnapp", "visé", "attaqu", "ciblé", "touché", "pris")):
        return "target", None
    if before_words and before_words[-1] in TARGET_WORDS or (len(before_words) > 1 and before_words[-2] in TARGET_WORDS and before_words[-1] in ("la", "le", "les", "l", "des", "du")):
        return "target", None
    if any(word in before for word in CLAIM_WORDS):
        return "perpetrator", "claimed"
    if any(word in before for word in SUSPECT_WORDS):
        return "perpetrator", "suspected"
    if span.label_ == "COUNTRY" and ext(span, "is_demonym", False):
        if root.dep_ == "amod" and root.head.lower_ in ACTION_NOUNS:
            return "perpetrator", "stated"
        return "none", None
    if root.dep_ == "obl:agent" or (before_words[-2:-1] == ["par"] or before_words[-1:] == ["par"]):
        return ("none", None) if cues_here & DEFENDER_CUES and verb.lower_.startswith(("abatt", "intercept", "détrui", "neutralis")) else ("perpetrator", "stated")
    if root.dep_.startswith("nsubj"):
        if cues_here & DEFENDER_CUES and verb.lower_.startswith(("abatt", "intercept", "détrui", "neutralis", "repouss")):
            return "none", None
        return "perpetrator", "stated"
    if root.dep_.startswith("obj"):
        return "target", None
    if span.label_ == "GROUP":
        return "perpetrator", "weak"
    return "none", None


def assign_roles(incident: Incident, data: "AssemblyData") -> Roles:
    roles = Roles()
    best_rank = -1
    for mention in incident.mentions:
        sentence = mention.facts.span
        casualty_ranges = [(c.start_char, c.end_char) for c in mention.facts.casualties]
        candidates = list(mention.actors) + [e for e in mention.facts.entities if e.label_ == "COUNTRY"]
        for span in candidates:
            role, status = role_of(span, sentence, casualty_ranges, mention.cues)
            if role == "target":
                roles.target = roles.target or (span if span.label_ in ACTOR_LABELS else None)
                continue
            if role != "perpetrator":
                continue
            actor = actor_of_span(span, data)
            if actor is None:
                continue
            score = rank(status)
            if score > best_rank:
                best_rank = score
                roles.perpetrator, roles.perpetrator_span = actor, span
                roles.status = "stated" if status == "weak" else status
    return roles


def rank(status: str) -> int:
    return {"unclaimed": 0, "weak": 1, "suspected": 2, "stated": 3, "claimed": 4}.get(status, 0)


def type_incident(incident: Incident, roles: Roles, killed: int | None, weapons: set[str], data: AssemblyData,
                  target: str | None) -> str:
    cues = incident.cues
    flying = bool(weapons & FLYING_WEAPONS) or bool(cues & {"drone"})
    conditions = {
        "-": True,
        "flying_weapon": flying,
        "grounded": flying and not killed,
        "defused": bool(cues & {"ied"}) or "désamorc" in " ".join(m.facts.text.lower() for m in incident.mentions),
        "civilian_target": target == "civilians",
        "security_target": target == "security_forces",
        "state_perpetrator": roles.perpetrator is not None and roles.perpetrator.get("kind") in ("state force", "international force"),
        "non_state_perpetrator": roles.perpetrator is not None and roles.perpetrator.get("kind") not in ("state force", "international force"),
        "killed": bool(killed),
        "protest": "protest" in cues,
    }
    for rule in data.typing_rules:
        if rule.any_cue and not (cues & rule.any_cue):
            continue
        if cues & rule.none_cue:
            continue
        if conditions[rule.condition]:
            return rule.sub_event_type
    return "Attack"


def location_of(incident: Incident, lead_places: list[Span], article_country: str | None) -> tuple[dict, list[Span]]:
    place = specific_place(incident.places())
    if place is None and incident.kind == "new":
        place = specific_place(lead_places)
    location: dict = {}
    if place is None:
        if article_country and incident.kind == "new":
            location["country_iso2"] = article_country
        return location, []
    country = ext(place, "country_iso2") or article_country
    location.update({
        "country_iso2": country,
        "admin1_iso": ext(place, "admin1_iso"),
        "admin1_name": ext(place, "admin1_name"),
        "text": place.text,
    })
    if place.label_ in ("PLACE", "BASE"):
        location.update({"place": ext(place, "place_name") or strip_head(place.text), "place_kind": ext(place, "place_kind", "town" if place.label_ == "PLACE" else "military base"),
                         "lat": ext(place, "lat"), "lon": ext(place, "lon"), "geonames_id": ext(place, "geonames_id"),
                         "geo_precision": 1 if ext(place, "entity_id") else 2})
    elif place.label_ == "ADMIN1":
        location["geo_precision"] = 3
        if not location["admin1_name"]:
            location["admin1_name"] = place.text
    if location.get("admin1_iso") is None:
        admin = next((p for p in incident.places() if p.label_ == "ADMIN1" and ext(p, "country_iso2") in (None, country)), None)
        if admin is not None:
            location["admin1_iso"] = ext(admin, "admin1_iso")
            location["admin1_name"] = ext(admin, "admin1_name") or admin.text
    if location.get("admin1_iso") is None and place.label_ in ("PLACE", "BASE") and ext(place, "lat") is None:
        # a place no gazetteer knows lies, most likely, in the division of the known places told with it
        neighbour = next((p for p in incident.places() + lead_places if p is not place and ext(p, "admin1_iso")
                          and ext(p, "country_iso2") == country and p.label_ in ("PLACE", "BASE", "ADMIN1")), None)
        if neighbour is not None:
            location["admin1_iso"] = ext(neighbour, "admin1_iso")
            location["admin1_name"] = ext(neighbour, "admin1_name")
    if location.get("admin1_iso") is None and country and place.label_ in ("PLACE", "BASE"):
        # "le gouverneur de la région du Sahel", "la police de l'État de Zamfara": a region of that country named in
        # the event's sentences, whatever its role there, else the one region of that country the article names
        told = [e for m in incident.mentions for e in m.facts.entities]
        regions = {}
        for spans in (told, place.doc.spans.get("conflict_entities", [])):
            regions = {ext(s, "admin1_iso"): s for s in spans
                       if s.label_ == "ADMIN1" and ext(s, "country_iso2") == country and ext(s, "admin1_iso")}
            if regions:
                break
        if len(regions) == 1:
            [(location["admin1_iso"], region)] = regions.items()
            location["admin1_name"] = ext(region, "admin1_name") or region.text
    if location.get("country_iso2") and not re.fullmatch(r"[A-Z]{2}", location["country_iso2"]):
        location["country_iso2"] = None
    if location.get("admin1_iso") and not re.fullmatch(r"[A-Z]{2}-[A-Z0-9]{1,4}", location["admin1_iso"]):
        location["admin1_iso"] = None
    return location, [place]


HEADS = re.compile(r"^(la |le |l['’]|les )?(base( aérienne| militaire)?|camp( militaire)?|village|ville|localité|commune|poste( frontalier)?)\s+(de |d['’]|du )", re.IGNORECASE)


def strip_head(text: str) -> str:
    return HEADS.sub("", text).strip()


def article_country(entities: list[Span], data: AssemblyData) -> str | None:
    """The country the article's places of events point to; ties, or no place at all, go to the country named
    most in any role (soldiers of Niger killed "non loin de la frontière qui sépare le Niger du Burkina Faso")."""
    counts, named = Counter(), Counter()
    for span in entities:
        code = ext(span, "country_iso2")
        if code:
            named[code] += 1
        if code and is_place_of_event(span, data.source_nouns, data.geographic_nouns):
            counts[code] += 2 if span.label_ in ("PLACE", "BASE", "ADMIN1") else 1
    return max(counts or named, key=lambda code: (counts[code], named[code])) if counts or named else None


def actor_dict(span: Span | None, status: str | None) -> tuple[dict, list[Span]]:
    if span is None:
        return ({"status": status} if status else {}), []
    return {"name": ext(span, "actor_name") or span.text, "kind": ext(span, "actor_kind"), "status": status,
            "country_iso2": ext(span, "country_iso2"), "text": span.text}, [span]


def perpetrator_dict(roles: Roles) -> tuple[dict, list[Span]]:
    if roles.perpetrator is None:
        return {"status": "unclaimed"}, []
    return {**roles.perpetrator, "status": roles.status}, [roles.perpetrator_span]


def char_spans(spans) -> list[tuple[int, int]]:
    seen, out = set(), []
    for span in spans:
        key = (span.start_char, span.end_char)
        if key not in seen:
            seen.add(key)
            out.append(key)
    return out


def incident_record(doc: Doc, incident: Incident, data: AssemblyData, lead_places: list[Span], country: str | None,
                    lead_date: dict | None) -> dict:
    cue_spans = [c for m in incident.mentions for c in m.facts.cues]
    weapons = {ext(c, "cue_weapon") for c in cue_spans if ext(c, "cue_weapon")}
    telling = [s for m in incident.mentions if not m.continuation or "bilan" in m.facts.text.lower() for s in m.facts.casualties]
    adding = [s for m in incident.mentions if m.continuation and "bilan" not in m.facts.text.lower() for s in m.facts.casualties]
    counts, evidence = {}, {"trigger": char_spans(c for c in cue_spans if ext(c, "cue_strong", False))}
    for kind in ("killed", "injured", "abducted"):
        total = casualty_total(telling, kind, adding)
        if total is not None:
            counts[kind], spans = total
            evidence[kind] = char_spans(spans)
    killed = counts.get("killed", {}).get("value")
    roles = assign_roles(incident, data)
    target = target_class(incident, data)
    sub_event = type_incident(incident, roles, killed, weapons, data, target)
    if sub_event == "Attack" and "abducted" in counts and not killed:
        sub_event = "Abduction/forced disappearance"
    date_value, date_span = incident.own_date()
    warnings = []
    if incident.kind == "new" and lead_date is not None and (date_value is None or incident.event_date() is None
                                                             and lead_date["end"] <= date_value["start"]):
        # no date of its own, or only the day it was told ("a indiqué lundi"): the day of the article's main event
        date_value, date_span = lead_date, None
    if date_value is None:
        publication = doc._.publication_date
        date_value = {"start": publication - timedelta(days=1) if incident.kind == "new" else None,
                      "end": publication if incident.kind == "new" else None, "precision": "unknown",
                      "part_of_day": None, "text": None}
        warnings.append("no date in the text: the day before publication to publication assumed" if incident.kind == "new" else "no date in the text")
    else:
        date_value = dict(date_value)
        if date_value.get("part_of_day") is None:
            date_value["part_of_day"] = next((m.part_of_day for m in incident.mentions if m.part_of_day), None)
        if date_value["part_of_day"] == "evening" and date_value["start"] is not None and date_value["start"] == date_value["end"] \
                and any(m.part_of_day == "night" and m.date is None for m in incident.mentions):
            # "mercredi soir ... les affrontements se sont prolongés dans la nuit": into the next day
            date_value["end"] = date_value["start"] + timedelta(days=1)
    if date_span is not None:
        evidence["date"] = char_spans([date_span])
    location, place_spans = location_of(incident, lead_places, country)
    evidence["location"] = char_spans(place_spans)
    perpetrator, perpetrator_spans = perpetrator_dict(roles)
    target_actor, target_spans = actor_dict(roles.target, None)
    evidence["perpetrator"] = char_spans(perpetrator_spans)
    evidence["target"] = char_spans(target_spans)
    quantities = []
    for mention in incident.mentions:
        for q in mention.facts.quantities:
            if ext(q, "quantity_what") and ext(q, "quantity_value") is not None:
                quantities.append({"what": ext(q, "quantity_what"), "value": ext(q, "quantity_value"),
                                   "low": ext(q, "quantity_low"), "high": ext(q, "quantity_high"),
                                   "qualifier": ext(q, "quantity_qualifier", "exact"), "text": q.text})
                evidence.setdefault("quantities", []).extend(char_spans([q]))
    unique_quantities = list({(q["what"], q["value"]): q for q in quantities}.values())
    confidence = 0.35
    confidence += 0.15 if date_span is not None else 0.0
    confidence += 0.15 if place_spans and ext(place_spans[0], "entity_id") else (0.05 if place_spans else 0.0)
    confidence += 0.1 if incident.cues & SPECIFIC_CUES else 0.0
    confidence += 0.1 if counts else 0.0
    confidence += 0.1 if roles.perpetrator is not None else 0.0
    first = incident.mentions[0].facts.span
    key = [incident.kind, sub_event, str(date_value.get("start")), location.get("place") or location.get("admin1_iso"), first.start_char]
    return {
        "key": key,
        "mention": incident.kind,
        "event_type": ACLED_SUB_EVENT_TYPES[sub_event],
        "sub_event_type": sub_event,
        "date": {k: date_value.get(k) for k in ("start", "end", "precision", "part_of_day", "text")},
        "location": location,
        **counts,
        "perpetrator": perpetrator,
        "target": target_actor,
        "weapons": sorted(weapons),
        "quantities": unique_quantities,
        "evidence": {k: v for k, v in evidence.items() if v},
        "confidence": round(min(confidence, 1.0), 2),
        "warnings": warnings,
    }


OFF_TOPIC_MIN_MARKERS = 2


def borrows_words_of_war(doc: Doc, facts: list[SentenceFacts], data: AssemblyData) -> bool:
    """Sport, film or market news that uses the words of war, with no armed actor in sight."""
    markers = {m.group(0).lower() for m in data.off_topic_pattern.finditer(text_of(doc))}
    if len(markers) < OFF_TOPIC_MIN_MARKERS:
        return False
    return not any(e.label_ in ("GROUP", "FORCE", "BASE") for f in facts for e in f.entities)


def assemble_incidents(doc: Doc, data: AssemblyData) -> list[dict]:
    if not text_of(doc).strip():
        return []
    entities = entity_spans(doc)
    facts = sentence_facts(doc, entities)
    if borrows_words_of_war(doc, facts, data):
        return []
    mentions = build_mentions(doc, facts, data)
    if not mentions:
        return []
    incidents = merge_mentions(mentions)
    lead_places = [e for f in facts[:LEAD_SENTENCES] for e in f.entities if is_place_of_event(e, data.source_nouns, data.geographic_nouns)]
    country = article_country(entities, data)
    lead_date = next((i.own_date()[0] for i in incidents if i.kind == "new" and i.own_date()[0]), None)
    return [incident_record(doc, incident, data, lead_places, country, lead_date) for incident in incidents]


class IncidentAssembly:
    def __init__(self, nlp: Language, name: str, data_folder: str | None = None) -> None:
        self.name = name
        self.data_folder = Path(data_folder) if data_folder else None
        self._data: AssemblyData | None = None

    @property
    def data(self) -> AssemblyData:
        if self._data is None:
            self._data = load_assembly_data(self.data_folder)
        return self._data

    def initialize(self, get_examples=None, *, nlp=None, data_folder: str | None = None) -> None:
        if data_folder:
            self.data_folder = Path(data_folder)
        self._data = load_assembly_data(self.data_folder)

    def __call__(self, doc: Doc) -> Doc:
        if text_of(doc).strip():
            from pipeline.doc_context import require_publication_date

            require_publication_date(doc, self.name)
        doc._.incidents = assemble_incidents(doc, self.data)
        return doc

    def to_disk(self, path, exclude=tuple()) -> None:
        """Copy the data files into one folder, so that a saved pipeline does not need data/."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        for folder, name in ASSEMBLY_FILES:
            source = (self.data_folder / name) if self.data_folder else data_path(folder, name)
            if source.exists():
                (path / name).write_bytes(source.read_bytes())

    def from_disk(self, path, exclude=tuple()) -> "IncidentAssembly":
        self.data_folder = Path(path)
        self._data = load_assembly_data(self.data_folder)
        return self


@Language.factory("incident_assembly", assigns=["doc._.incidents"], requires=["doc.spans"],
                  default_config={"data_folder": None})
def make_incident_assembly(nlp: Language, name: str, data_folder: str | None) -> IncidentAssembly:
    return IncidentAssembly(nlp, name, data_folder=data_folder)
