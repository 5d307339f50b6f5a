"""`conflict_entities`: countries, first-level divisions, towns, bases, armed groups and forces, tagged and linked.

Every name is matched through its loose key (`gazetteer_index.loose_key`): accent-, article- and
transliteration-insensitive, so "Aïn al-Assad" = "Ayn al-Asad" and "Mossoul" = "Mosul". The curated lists
(countries, demonyms, admin1 forms, bases, actors: ~20k keys) are folded into a dict when the data loads, and the
~50k towns come precompiled in `places.tsv.gz`: no PhraseMatcher build at start-up, one dict look-up per
capitalised token. Ambiguous towns go to the country the article talks about most, else to the most populous.
The component also repairs the statistical NER (photo credits, bylines, "Lire aussi", sentence-initial participles)
and merges its spans into `doc.ents`, its own taking precedence.
"""
from __future__ import annotations

import re
import shutil
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from spacy.attrs import ORTH, SPACY
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .gazetteer_index import FoldRules, PlaceIndex, PlaceRow, fold_pieces, load_fold_rules, load_places, loose_key, loosen_piece, strip_accents
from .resources import data_dir as default_data_dir
from .resources import read_jsonl, read_tsv

LABELS = ("COUNTRY", "ADMIN1", "PLACE", "BASE", "GROUP", "FORCE")
SPANS_KEY = "conflict_entities"
SPAN_EXTENSIONS = {
    "entity_id": None, "country_iso2": None, "admin1_iso": None, "admin1_name": None, "lat": None, "lon": None,
    "geonames_id": None, "place_kind": None, "actor_name": None, "actor_kind": None, "actor_parent": None,
    "link_confidence": None, "is_demonym": False, "is_government_metonym": False,
}
for _name, _default in SPAN_EXTENSIONS.items():
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=_default)

DATA_FILES = {
    "countries": ("gazetteers", "countries.jsonl"), "admin1": ("gazetteers", "admin1.jsonl"),
    "places": ("gazetteers", "places.tsv.gz"), "bases": ("gazetteers", "bases.jsonl"),
    "actors": ("gazetteers", "actors.jsonl"), "heads": ("lexicons", "fr_entity_heads.tsv"),
    "force_nouns": ("lexicons", "fr_entity_force_nouns.tsv"), "stoplist": ("lexicons", "fr_entity_stoplist.tsv"),
    "fold_rules": ("lexicons", "fr_entity_fold_rules.tsv"), "masks": ("lexicons", "fr_entity_mask_patterns.tsv"),
    "metonym_cues": ("lexicons", "fr_entity_metonym_cues.tsv"),
}
OPTIONAL_FILES = ("bases", "actors")
# priority among entries sharing one token range (lower wins)
_PRIORITY = {"BASE": 0, "GROUP": 1, "FORCE": 1, "COUNTRY": 2, "ADMIN1": 3, "PLACE": 4, "DEMONYM": 5}
_PREPOSITIONS = {"d": "de", "du": "de", "des": "de", "de": "de"}
_FORCE_KINDS = {"state force", "international force"}
_PARTICIPLE = re.compile(r"(?:é|ée|és|ées)$")  # fallback when the tagger gives no VerbForm


@dataclass(frozen=True)
class Entry:
    """One name of a curated entity: what it is, which record it links to, and how it may be matched."""

    label: str  # COUNTRY, ADMIN1, BASE, GROUP, FORCE or DEMONYM
    entity_id: str
    requires_head: bool = False
    capitalised: bool = True  # the text must start with a capital, as the name does
    pieces: int = 1


@dataclass
class EntityData:
    """Everything the component matches against, loaded from one data folder."""

    rules: FoldRules
    names: dict[str, list[Entry]]
    first_pieces: set[str]
    max_pieces: int
    acronyms: dict[str, list[Entry]]
    places: PlaceIndex
    countries: dict[str, dict]
    capitals: dict[int, str]
    admin1: dict[str, dict]
    bases: dict[str, dict]
    actors: dict[str, dict]
    force_actors: dict[tuple[str, str], str]
    heads: dict[tuple[str, ...], tuple[str, str]]
    max_head: int
    force_nouns: dict[str, str]
    stoplist: set[str]
    mask: re.Pattern | None
    metonym_aux: set[str]
    metonym_verbs: set[str]
    metonym_before: set[str]
    sources: dict[str, Path] = field(default_factory=dict)
    prefixes: set[str] = field(default_factory=set)


def normalise_head(pieces: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(_PREPOSITIONS.get(piece, piece) for piece in pieces)


def key_prefixes(keys) -> set[str]:
    """Proper prefixes of multi-piece keys, so the scan stops as soon as no name can continue."""
    prefixes = set()
    for key in keys:
        position = key.find(" ")
        while position != -1:
            prefixes.add(key[:position])
            position = key.find(" ", position + 1)
    return prefixes


def _add(names: dict, key: tuple[str, ...], entry: Entry) -> None:
    if key:
        bucket = names.setdefault(" ".join(key), [])
        if entry not in bucket:
            bucket.append(entry)


def load_entity_data(folder: Path | None = None, *, actors_path: Path | None = None,
                     bases_path: Path | None = None) -> EntityData:
    """Read every file the component needs from `folder` (default: the project's data/); bases and actors may be
    missing (warning), or come from other paths (tests use a fixture until the real lists exist)."""
    folder = Path(folder) if folder else default_data_dir()
    sources = {name: folder.joinpath(*parts) for name, parts in DATA_FILES.items()}
    if actors_path:
        sources["actors"] = Path(actors_path)
    if bases_path:
        sources["bases"] = Path(bases_path)
    for name, path in sources.items():
        if not path.exists() and name not in OPTIONAL_FILES:
            raise FileNotFoundError(f"conflict_entities: data file {path} is missing; run scripts/build_gazetteers.py")
    rules = load_fold_rules(sources["fold_rules"])
    places = load_places(sources["places"])
    names: dict[str, list[Entry]] = {}
    acronyms: dict[str, list[Entry]] = {}

    def add_name(form: str, entry_label: str, entity_id: str, requires_head: bool = False) -> None:
        key = loose_key(form, rules)
        first = form.lstrip("'’ ")[:1]
        if entry_label == "BASE":
            requires_head = requires_head and first.isupper()  # "base Victory" carries its own head
        _add(names, key, Entry(entry_label, entity_id, requires_head, first.isupper(), len(key)))

    countries = {row["iso2"]: row for row in read_jsonl(sources["countries"])}
    for iso2, row in countries.items():
        for form in row["names_fr"] + [row["name_en"]]:
            add_name(form, "COUNTRY", iso2)
    for iso2, row in countries.items():  # file order decides shared forms ("congolais" -> CD)
        for form in row["demonyms"]:
            key = loose_key(form, rules)
            if not any(entry.label == "DEMONYM" for entry in names.get(" ".join(key), ())):
                _add(names, key, Entry("DEMONYM", iso2, False, False, len(key)))
    capitals = {row["capital_geonames_id"]: iso2 for iso2, row in countries.items() if row.get("capital_geonames_id")}
    admin1 = {}
    for row in read_jsonl(sources["admin1"]):
        admin1[row["iso"]] = row
        for form in row["forms"]:
            add_name(form["form"], "ADMIN1", row["iso"], form["requires_head"])
    bases = {}
    if sources["bases"].exists():
        for row in read_jsonl(sources["bases"]):
            bases[row["id"]] = row
            for form in [row["name"]] + row.get("aliases", []):
                add_name(form, "BASE", row["id"], bool(row.get("needs_head")))
    else:
        warnings.warn(f"conflict_entities: {sources['bases']} not found; no BASE names (generic heads still work)")
    actors, force_actors = {}, {}
    if sources["actors"].exists():
        for row in read_jsonl(sources["actors"]):
            if row["id"] in actors:
                continue
            actors[row["id"]] = row
            label = "FORCE" if row.get("kind") in _FORCE_KINDS else "GROUP"
            for form in [row["name"]] + row.get("aliases", []):
                if form not in row.get("acronyms", []):
                    add_name(form, label, row["id"])
            for acronym in row.get("acronyms", []):
                bucket = acronyms.setdefault(acronym, [])
                bucket.append(Entry(label, row["id"], False, True, 1))
            if row.get("kind") == "state force" and len(row.get("countries", [])) == 1 and row.get("branch"):
                force_actors.setdefault((row["countries"][0], row["branch"]), row["id"])
    else:
        warnings.warn(f"conflict_entities: {sources['actors']} not found; no GROUP/FORCE names")
    heads = {}
    for phrase, label, kind in read_tsv(sources["heads"], columns=3):
        if label not in LABELS:
            raise ValueError(f"{sources['heads']}: unknown label {label!r}; expected one of {', '.join(LABELS)}")
        heads[normalise_head(fold_pieces(phrase))] = (label, kind)
    force_nouns = {strip_accents(noun): branch for noun, branch in read_tsv(sources["force_nouns"], columns=2)}
    stoplist = {" ".join(loose_key(row[0], rules)) for row in read_tsv(sources["stoplist"])}
    masks = [row[1] for row in read_tsv(sources["masks"], columns=2)]
    cues = read_tsv(sources["metonym_cues"], columns=2)
    return EntityData(
        rules=rules, names=names, first_pieces={key.split(" ")[0] for key in names},
        max_pieces=max((key.count(" ") + 1 for key in names), default=1), acronyms=acronyms,
        places=places, countries=countries, capitals=capitals, admin1=admin1, bases=bases,
        actors=actors, force_actors=force_actors, heads=heads, max_head=max((len(key) for key in heads), default=1),
        force_nouns=force_nouns, stoplist=stoplist,
        mask=re.compile("|".join(f"(?:{pattern})" for pattern in masks), re.MULTILINE) if masks else None,
        metonym_aux={strip_accents(form) for kind, form in cues if kind == "aux"},
        metonym_verbs={strip_accents(form) for kind, form in cues if kind == "verb"},
        metonym_before={strip_accents(form) for kind, form in cues if kind == "before"},
        sources=sources, prefixes=key_prefixes(names.keys()) | places.prefixes,
    )


@dataclass
class Candidate:
    """A matched token range with everything that could link it; `resolve` turns it into one span."""

    start: int
    end: int
    pieces: int
    entries: list[Entry] = field(default_factory=list)
    towns: list[tuple[PlaceRow, bool]] = field(default_factory=list)
    head: tuple[str, str] | None = None  # (label, place_kind) of a head noun right before
    head_start: int | None = None
    chosen: dict | None = None


def token_texts(doc: Doc, cache: dict) -> tuple[list[str], str]:
    """Token texts (through ORTH ids and a cache) and the doc's text: creating Token objects, as `doc.text` and
    `for token in doc` do, would cost more than the whole matching."""
    strings = doc.vocab.strings
    texts, parts = [], []
    for orth, space in doc.to_array([ORTH, SPACY]).tolist():
        text = cache.get(orth)
        if text is None:
            text = strings[orth]
            cache[orth] = text
        texts.append(text)
        parts.append(text + " " if space else text)
    return texts, "".join(parts)


def token_pieces(texts: list[str], data: EntityData, cache: dict) -> list[tuple[str, int, bool, int]]:
    """The doc as loose pieces: (piece, token index, can a name start here, first token of a name starting here),
    articles dropped when another piece follows, as `loose_key` does for names ("Al-Anbar" starts at "Al")."""
    raw: list[tuple[str, int, bool]] = []
    for token_i, text in enumerate(texts):
        pieces = cache.get(text)
        if pieces is None:
            pieces = fold_pieces(text)
            cache[text] = pieces
        for number, piece in enumerate(pieces):
            raw.append((piece, token_i, number == 0))
    kept: list[tuple[str, int, bool, int]] = []
    articles, rules = data.rules.articles, data.rules
    pending_start = -1
    for position, (piece, token_i, first) in enumerate(raw):
        if piece in articles and position + 1 < len(raw):
            text = texts[token_i]
            attached = text[:1].isupper() or "-" in text or (token_i + 1 < len(texts) and texts[token_i + 1] == "-")
            if first and pending_start == -1 and attached:
                pending_start = token_i
            continue
        loose = cache.get(("loose", piece))
        if loose is None:
            loose = loosen_piece(piece, rules)
            cache[("loose", piece)] = loose
        if pending_start != -1 and token_i - pending_start <= 2:
            kept.append((loose, token_i, True, pending_start))
        else:
            kept.append((loose, token_i, first, token_i))
        pending_start = -1
    return kept


def find_candidates(texts: list[str], data: EntityData, seq: list[tuple[str, int, bool, int]]) -> list[Candidate]:
    """Every curated name, acronym and town key that starts a token and ends at a token end."""
    candidates: list[Candidate] = []
    max_len = max(data.max_pieces, data.places.max_pieces)
    names, town_keys, prefixes = data.names, data.places.keys, data.prefixes
    count = len(seq)
    for position in range(count):
        piece, token_i, is_start, name_start = seq[position]
        if not is_start:
            continue
        text = texts[token_i]
        if text in data.acronyms and name_start == token_i:
            candidates.append(Candidate(token_i, token_i + 1, 1, entries=list(data.acronyms[text])))
        in_names = piece in data.first_pieces
        capitalised = text[:1].isupper() or (len(text) > 3 and text[3:4].isupper())
        if not in_names and not capitalised:
            continue
        key = piece
        for length in range(1, min(max_len, count - position) + 1):
            if length > 1:
                key = key + " " + seq[position + length - 1][0]
            if key not in names and key not in town_keys and key not in prefixes:
                break
            end_i = seq[position + length - 1][1]
            if position + length < count and seq[position + length][1] == end_i:
                continue  # the name would end inside a token
            entries = names.get(key) if in_names else None
            towns = data.places.lookup(key) if capitalised and key in town_keys else None
            if entries or towns:
                candidates.append(Candidate(name_start, end_i + 1, length, entries=list(entries or []),
                                            towns=towns or []))
    return candidates


ELIDED_ARTICLES = {"l", "l'", "l’"}


SHORT_ALTERNATE = 4
REGION_WEIGHT = 2  # what a region named in the article adds to its country's weight


def find_head(texts: list[str], start: int, data: EntityData) -> tuple[tuple[str, str] | None, int | None]:
    """A head noun phrase ("province de", "base aérienne de") ending right before token `start`."""
    pieces: list[tuple[str, int]] = []
    index = start - 1
    while index >= 0 and len(pieces) < data.max_head:
        token_pieces_ = fold_pieces(texts[index])
        if not token_pieces_:
            break
        for piece in reversed(token_pieces_):
            pieces.insert(0, (_PREPOSITIONS.get(piece, piece), index))
        index -= 1
    if len(pieces) >= 2 and pieces[-1][0] in ELIDED_ARTICLES and pieces[-2][0] == "de":
        pieces.pop()  # "la région de l'Est": the elided article between the head and the name
    for size in range(min(len(pieces), data.max_head), 0, -1):
        window = tuple(piece for piece, _ in pieces[-size:])
        if window in data.heads and window[-1] == "de":
            return data.heads[window], pieces[-size][1]
    return None, None


def mask_ranges(text: str, data: EntityData) -> list[tuple[int, int]]:
    """Character ranges of photo credits, bylines and "Lire aussi" lines."""
    if data.mask is None:
        return []
    return [match.span() for match in data.mask.finditer(text)]


def _overlaps(start_char: int, end_char: int, ranges: list[tuple[int, int]]) -> bool:
    return any(start_char < end and start < end_char for start, end in ranges)


def _sentence_start(doc: Doc, index: int) -> bool:
    if index == 0:
        return True
    token = doc[index]
    if token.has_head() and token.is_sent_start:
        return True
    previous = doc[index - 1]
    return previous.is_space and "\n" in previous.text or previous.text in {".", "!", "?", "»", "\n"} or "\n" in previous.whitespace_


def _starts_capitalised(texts: list[str], candidate: Candidate, data: EntityData) -> bool:
    """The name's first real word is capitalised ("al-Qaïm" counts by "Qaïm")."""
    for text in texts[candidate.start:candidate.end]:
        if text[:1].isupper():
            return True
        pieces = fold_pieces(text)
        if not pieces or all(piece in data.rules.articles for piece in pieces):
            continue
        split = re.split(r"[-'’]", text)
        return any(part[:1].isupper() for part in split[1:]) and split[0].lower() in data.rules.articles
    return False


def _looks_like_person(doc: Doc, candidate: Candidate, stop_words: set[str] = frozenset()) -> bool:
    """A single capitalised name right after another capitalised word mid-sentence ("Bachar al-Assad"), not after
    a sentence-initial article ("Le Niger")."""
    start = candidate.start
    if start == 0 or _sentence_start(doc, start):
        return False
    previous = doc[start - 1]
    if previous.lower_ in stop_words:
        return False
    return previous.text[:1].isupper() and previous.is_alpha and previous.ent_type_ != "LOC"


class ConflictEntities:
    """Tags COUNTRY, ADMIN1, PLACE, BASE, GROUP and FORCE spans and links each to its record."""

    def __init__(self, nlp: Language, name: str, *, annotate_ents: bool = True, spans_key: str = SPANS_KEY,
                 min_population_unrelated: int = 100_000):
        self.nlp = nlp
        self.name = name
        self.annotate_ents = annotate_ents
        self.spans_key = spans_key
        self.min_population_unrelated = min_population_unrelated
        self.data: EntityData | None = None
        self.stop_words = set(nlp.Defaults.stop_words)
        self._cache: dict = {}

    # --- data -------------------------------------------------------------------------------------------------
    def initialize(self, get_examples=None, *, nlp=None, data_dir=None, actors_path=None, bases_path=None):
        """(Re)load the data, from `data_dir` (a folder shaped like data/) or the project's data/."""
        self.data = load_entity_data(Path(data_dir) if data_dir else None, actors_path=actors_path,
                                     bases_path=bases_path)
        self._cache = {}

    def _ensure_data(self) -> EntityData:
        if self.data is None:
            self.initialize()
        return self.data

    def to_disk(self, path, *, exclude=tuple()):
        data = self._ensure_data()
        path = Path(path)
        for name, parts in DATA_FILES.items():
            source = data.sources[name]
            if source.exists():
                target = path.joinpath(*parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)

    def from_disk(self, path, *, exclude=tuple()):
        self.initialize(data_dir=Path(path))
        return self

    # --- matching ---------------------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        error_handler = self.get_error_handler()
        try:
            spans, masked = self.match(doc)
            self.set_annotations(doc, spans, masked)
            return doc
        except Exception as error:  # noqa: BLE001 - spaCy's error-handler protocol
            error_handler(self.name, self, [doc], error)

    def get_error_handler(self):
        from spacy.util import raise_error

        return getattr(self, "_error_handler", raise_error)

    def set_error_handler(self, error_handler):
        self._error_handler = error_handler

    def match(self, doc: Doc) -> tuple[list[Span], list[tuple[int, int]]]:
        data = self._ensure_data()
        if len(self._cache) > 200_000:
            self._cache = {}
        texts, text = token_texts(doc, self._cache)
        masked = mask_ranges(text, data)
        seq = token_pieces(texts, data, self._cache)
        candidates = [candidate for candidate in find_candidates(texts, data, seq)
                      if not _overlaps(doc[candidate.start].idx, doc[candidate.end - 1].idx + len(doc[candidate.end - 1]), masked)]
        for candidate in candidates:
            candidate.head, candidate.head_start = find_head(texts, candidate.start, data)
        chosen = [candidate for candidate in candidates if self._choose_curated(doc, texts, candidate, data)]
        chosen += self._generic_heads(doc, texts, data, candidates, masked)
        picked = self._pick(chosen)
        weights = self._country_weights(picked)
        for candidate in picked:
            entry = candidate.chosen.get("entry")
            if entry is not None and entry.label == "ADMIN1":
                alternatives = [item for item in candidate.entries if item.label == "ADMIN1"
                                and (item.requires_head is False or candidate.head)]
                if len(alternatives) > 1:
                    candidate.chosen["entry"] = max(alternatives, key=lambda item: (
                        weights.get(data.admin1[item.entity_id]["country_iso2"], 0), item == entry))
                if len({data.admin1[item.entity_id]["country_iso2"] for item in alternatives}) > 1 \
                        and self._foreign_generic_region(candidate, weights, data):
                    candidate.chosen = {}
        picked = [candidate for candidate in picked if candidate.chosen]
        towns = [candidate for candidate in candidates if candidate.towns and candidate.chosen is None
                 and self._choose_town(doc, texts, candidate, data, weights)]
        picked = self._pick(picked + towns)
        spans = [self._to_span(doc, candidate, data) for candidate in picked]
        self._locate_unlinked(doc, spans)
        return self._forces(doc, spans, data), masked

    @staticmethod
    def _foreign_generic_region(candidate: Candidate, weights: Counter, data: EntityData) -> bool:
        """ "la région de l'Est" in an article about Niger is neither Burkina Faso's nor Cameroon's Est: a region
        name shared by several countries needs its country named elsewhere in the article (beyond its own weight)."""
        entry = candidate.chosen.get("entry")
        if entry is None or entry.label != "ADMIN1" or not entry.requires_head:
            return False
        country = data.admin1[entry.entity_id]["country_iso2"]
        others = sum(weights.values()) - REGION_WEIGHT
        return others > 0 and weights.get(country, 0) <= REGION_WEIGHT

    def _choose_curated(self, doc: Doc, texts: list[str], candidate: Candidate, data: EntityData) -> bool:
        capitalised = _starts_capitalised(texts, candidate, data)
        head_label = candidate.head[0] if candidate.head else None
        options = []
        for entry in candidate.entries:
            if entry.capitalised and not capitalised:
                continue
            if entry.requires_head and head_label != entry.label:
                continue
            if entry.label == "BASE" and entry.pieces == 1 and head_label != "BASE" and (
                    candidate.towns or _looks_like_person(doc, candidate, self.stop_words)):
                continue  # "Al-Assad" alone is the Syrian family name far more often than the Iraqi base
            options.append(entry)
        if not options:
            return False
        if head_label == "PLACE" and candidate.towns:
            return False  # "la ville de Gaza": the town, not the country
        by_head = [entry for entry in options if entry.label == head_label]
        if by_head:
            options = by_head
        elif candidate.towns and all(entry.label == "ADMIN1" for entry in options):
            same_country = {data.admin1[entry.entity_id]["country_iso2"] for entry in options}
            if any(row.country_iso2 in same_country for row, _ in candidate.towns):
                return False  # bare "Idlib": the town (with its admin1), not the governorate
        entry = min(options, key=lambda item: _PRIORITY[item.label])
        if entry.label in ("COUNTRY", "DEMONYM", "ADMIN1") and candidate.pieces == 1 and _looks_like_person(doc, candidate, self.stop_words) and entry.label != "DEMONYM":
            return False
        candidate.chosen = {"entry": entry}
        if entry.label == "ADMIN1" and head_label == "ADMIN1" and candidate.head_start is not None:
            candidate.start = candidate.head_start
        return True

    def _generic_heads(self, doc: Doc, texts: list[str], data: EntityData, candidates: list[Candidate],
                       masked: list[tuple[int, int]]) -> list[Candidate]:
        """ "le village de X", "la base aérienne de X" where X is in no list: kept unlinked, or linked to a town."""
        covered = {candidate.start for candidate in candidates if candidate.chosen}
        by_start = {}
        for candidate in candidates:
            if candidate.towns and candidate.start not in by_start:
                by_start[candidate.start] = candidate
        result = []
        index = 1
        count = len(texts)
        while index < count:
            if not texts[index][:1].isupper() or index in covered:
                index += 1
                continue
            previous = self._cache.get(texts[index - 1]) or fold_pieces(texts[index - 1])
            if not previous or _PREPOSITIONS.get(previous[-1]) != "de":
                index += 1
                continue
            token = doc[index]
            if _overlaps(token.idx, token.idx + len(token), masked):
                index += 1
                continue
            head, head_start = find_head(texts, index, data)
            if head is None or index in by_start:
                index += 1  # a known town after a head is resolved with the towns, in context
                continue
            end = index + 1
            while end < len(doc):
                if doc[end].text[:1].isupper() and not doc[end].is_punct:
                    end += 1
                elif (doc[end].text == "-" or fold_pieces(doc[end].text) and fold_pieces(doc[end].text)[0]
                      in data.rules.articles) and end + 1 < len(doc) and doc[end + 1].text[:1].isupper():
                    end += 2
                else:
                    break
            result.append(Candidate(index, end, end - index, head=head, head_start=head_start,
                                    chosen={"generic": True, "confidence": 0.3}))
            index = end
        return result

    def _country_weights(self, picked: list[Candidate]) -> Counter:
        weights: Counter = Counter()
        data = self.data
        for candidate in picked:
            entry = candidate.chosen.get("entry")
            if entry is None:
                continue
            if entry.label in ("COUNTRY", "DEMONYM"):
                weights[entry.entity_id] += 1
            elif entry.label == "ADMIN1":
                weights[data.admin1[entry.entity_id]["country_iso2"]] += REGION_WEIGHT
            elif entry.label == "BASE":
                weights[data.bases[entry.entity_id].get("country_iso2")] += 2
            elif entry.entity_id in data.actors and len(data.actors[entry.entity_id].get("countries", [])) == 1:
                weights[data.actors[entry.entity_id]["countries"][0]] += 1
        return weights

    def _choose_town(self, doc: Doc, texts: list[str], candidate: Candidate, data: EntityData,
                     weights: Counter) -> bool:
        key_text = " ".join(piece for text in texts[candidate.start:candidate.end] for piece in fold_pieces(text))
        if " ".join(loose_key(key_text, data.rules)) in data.stoplist or key_text in data.stoplist:
            return False
        first = doc[candidate.start]
        if not _starts_capitalised(texts, candidate, data) or first.is_upper and len(first) > 1 and candidate.pieces == 1 and len(first) <= 4:
            return False
        if candidate.head is not None and candidate.head[0] == "ADMIN1":
            return False
        in_context = [hit for hit in candidate.towns if weights.get(hit[0].country_iso2, 0) > 0]
        if in_context and candidate.head is None and not any(hit[1] for hit in in_context) \
                and first.ent_type_ in ("PER", "ORG", "MISC"):
            in_context = []  # "« Lourd bilan »": only another name of a small town, and the NER says it is no place
        if candidate.head is None:
            if _looks_like_person(doc, candidate, self.stop_words):
                return False
            if not in_context and first.ent_type_ in ("PER", "ORG") and not (
                    candidate.pieces >= 2 and any(hit[1] for hit in candidate.towns)) and not any(
                    hit[1] and hit[0].population >= self.min_population_unrelated for hit in candidate.towns):
                return False  # the NER's person, unless a whole multi-word town name ("Dera Ismaïl Khan") or a city's own name matched
            end = candidate.end
            if end < len(texts) and "\n" not in doc[end - 1].whitespace_ and (
                    texts[end][:1].isupper() and texts[end].isalpha()
                    or end + 1 < len(texts) and texts[end].lower() in data.rules.articles
                    and (texts[end + 1][:1].isupper() or texts[end + 1] == "-")):
                return False  # "Deir" of "Deir Kifa", "Bab" of "Bab al-Sharqi": part of a longer unknown name
            if candidate.end - candidate.start == 1 and (texts[candidate.start].lower() in self.stop_words or (
                    first.pos_ and first.pos_ not in ("PROPN", "X") and _sentence_start(doc, candidate.start))):
                return False  # "Tous", "Celle", "Que" opening a sentence
        major = candidate.towns[0]
        if major[1] and major[0].population >= 1_000_000 and major not in in_context and all(
                hit[0].population < self.min_population_unrelated for hit in in_context):
            in_context = []  # "Kyiv" is the capital, not a hamlet of the country the article is about
        if in_context:
            best = max(in_context, key=lambda hit: (weights[hit[0].country_iso2], hit[1], hit[0].population))
            confidence = 0.8 if len({hit[0].country_iso2 for hit in candidate.towns}) > 1 else 0.9
        else:
            best = candidate.towns[0]
            if candidate.head is not None and (not best[1] or weights and best[0].population < 5 * self.min_population_unrelated):
                # "le camp d'al-Fara", "le village de Kalamba", "la ville de Kaya" in an article about Nigeria: a
                # local place missing from the gazetteer, not the alternate name of a town abroad (Pharr, Texas;
                # Calamba, Philippines) nor a mid-sized town of another country (Kaya, Burkina Faso); kept unlinked
                candidate.chosen = {"generic": True, "confidence": 0.3}
                return True
            if first.ent_iob_ == "I" and doc[candidate.start - 1].text[:1].isupper():
                return False  # the tail of a longer name ("Sherko Fatih", an officer, not Istanbul's Fatih)
            # a town abroad needs a big city, more so for an alternate name ("Boni" for Bonn)
            floor = self.min_population_unrelated if best[1] else 5 * self.min_population_unrelated
            unique_place = not weights and len(candidate.towns) == 1 and best[1] and first.ent_type_ == "LOC" and first.ent_iob_ == "B"
            if best[0].population < floor and candidate.head is None and not unique_place:  # "Nouméa": one town of the name
                return False
            if not best[1] and len(key_text.replace(" ", "")) <= SHORT_ALTERNATE and 0 < candidate.start \
                    and doc[candidate.start - 1].text == "(" and candidate.end < len(doc) and doc[candidate.end].text == ")":
                return False  # "l'agence libanaise (Ani)": a short name in brackets is an acronym, not Yuncheng
            confidence = 0.6 if len(candidate.towns) > 1 else 0.8
        if candidate.head is not None:
            confidence = min(confidence, 0.75)
        candidate.chosen = {"town": best[0], "confidence": confidence if best[1] else confidence - 0.1}
        return True

    @staticmethod
    def _pick(candidates: list[Candidate]) -> list[Candidate]:
        """Longest first, then label priority; no two overlap."""
        def rank(candidate: Candidate):
            entry = candidate.chosen.get("entry")
            priority = _PRIORITY[entry.label] if entry else (4 if candidate.chosen.get("town") else 6)
            return (-(candidate.end - candidate.start), -candidate.pieces, priority, candidate.start)

        taken: set[int] = set()
        result = []
        for candidate in sorted(candidates, key=rank):
            tokens = set(range(candidate.start, candidate.end))
            if tokens & taken:
                continue
            taken |= tokens
            result.append(candidate)
        return sorted(result, key=lambda candidate: candidate.start)

    def _to_span(self, doc: Doc, candidate: Candidate, data: EntityData) -> Span:
        chosen = candidate.chosen
        entry: Entry | None = chosen.get("entry")
        start = candidate.start
        values: dict = {}
        if entry is not None:
            label = "COUNTRY" if entry.label == "DEMONYM" else entry.label
            values["entity_id"] = entry.entity_id
            values["link_confidence"] = 0.95 if candidate.head else 0.9
            if entry.label in ("COUNTRY", "DEMONYM"):
                values["country_iso2"] = entry.entity_id
                values["is_demonym"] = entry.label == "DEMONYM"
            elif entry.label == "ADMIN1":
                row = data.admin1[entry.entity_id]
                values.update(country_iso2=row["country_iso2"], admin1_iso=row["iso"], admin1_name=row["name"],
                              lat=row["lat"], lon=row["lon"], place_kind="region")
            elif entry.label == "BASE":
                row = data.bases[entry.entity_id]
                values.update(country_iso2=row.get("country_iso2"), admin1_iso=row.get("admin1_iso"),
                              admin1_name=row.get("admin1_name"), lat=row.get("lat"), lon=row.get("lon"),
                              place_kind=row.get("kind") or "military base")
            else:
                row = data.actors[entry.entity_id]
                values.update(actor_name=row["name"], actor_kind=row.get("kind"), actor_parent=row.get("parent"))
                if len(row.get("countries", [])) == 1:
                    values["country_iso2"] = row["countries"][0]
        else:
            town: PlaceRow | None = chosen.get("town")
            head_label, head_kind = candidate.head or ("PLACE", "town")
            label = "BASE" if head_label == "BASE" else "PLACE"  # an unlinked "province de X" is no ISO admin1
            values["place_kind"] = head_kind if candidate.head else "town"
            values["link_confidence"] = chosen.get("confidence", 0.3)
            if town is not None:
                admin = data.admin1.get(town.admin1_iso, {})
                values.update(entity_id=f"geonames:{town.geonames_id}", country_iso2=town.country_iso2,
                              admin1_iso=town.admin1_iso or None, admin1_name=admin.get("name"), lat=town.lat,
                              lon=town.lon, geonames_id=town.geonames_id)
                if town.geonames_id in data.capitals and self._is_metonym(doc, candidate, data):
                    values["is_government_metonym"] = True
        span = Span(doc, start, candidate.end, label=label)
        for name, value in values.items():
            setattr(span._, name, value)
        return span

    @staticmethod
    def _locate_unlinked(doc: Doc, spans: list[Span], window: int = 15) -> None:
        """ "le village de X, dans la région de Ségou": an unlinked place takes the country and admin1 of the next
        ADMIN1 (or COUNTRY) span of its sentence, at low confidence."""
        for number, span in enumerate(spans):
            if span.label_ not in ("PLACE", "BASE") or span._.country_iso2:
                continue
            for following in spans[number + 1:]:
                if following.start - span.end > window or any(
                        token.text in {".", "!", "?"} or "\n" in token.whitespace_ for token in doc[span.end:following.start]):
                    break
                if following.label_ == "ADMIN1" and following._.admin1_iso:
                    span._.country_iso2 = following._.country_iso2
                    span._.admin1_iso = following._.admin1_iso
                    span._.admin1_name = following._.admin1_name
                    break
                if following.label_ == "COUNTRY" and not following._.is_demonym:
                    span._.country_iso2 = following._.country_iso2
                    break

    def _is_metonym(self, doc: Doc, candidate: Candidate, data: EntityData) -> bool:
        """ "Washington a accusé Téhéran", "Bagdad espère", "discussions avec Washington"."""
        if candidate.start > 0 and strip_accents(doc[candidate.start - 1].text) in data.metonym_before:
            return True
        index = candidate.end
        while index < len(doc) and index < candidate.end + 4:
            word = strip_accents(doc[index].text).strip("'’")
            if word in data.metonym_verbs:
                return True
            if word not in data.metonym_aux:
                return False
            index += 1
        return False

    def _forces(self, doc: Doc, spans: list[Span], data: EntityData) -> list[Span]:
        """ "soldats américains", "l'armée du Mali": a force noun with a demonym or country is a FORCE span."""
        result = []
        for span in spans:
            if span.label_ == "COUNTRY":
                start, branch = span.start, None
                if span._.is_demonym:
                    index = span.start - 1
                else:
                    index = span.start - 1
                    while index >= 0 and strip_accents(doc[index].text).strip("'’") in {"de", "du", "d", "la", "l"}:
                        index -= 1
                    if index == span.start - 1:
                        index = -1
                while index >= 0 and strip_accents(doc[index].text) in data.force_nouns \
                        and (not result or result[-1].end <= index):
                    branch = data.force_nouns[strip_accents(doc[index].text)]
                    start = index
                    index -= 1
                if branch is not None:
                    iso2 = span._.country_iso2
                    actor_id = (data.force_actors.get((iso2, branch)) or data.force_actors.get((iso2, "all"))
                                or data.force_actors.get((iso2, "army")))
                    force = Span(doc, start, span.end, label="FORCE")
                    force._.country_iso2 = iso2
                    force._.is_demonym = span._.is_demonym
                    force._.link_confidence = 0.85 if actor_id else 0.5
                    if actor_id:
                        actor = data.actors[actor_id]
                        force._.entity_id = actor_id
                        force._.actor_name = actor["name"]
                        force._.actor_kind = actor.get("kind")
                        force._.actor_parent = actor.get("parent")
                    result.append(force)
                    continue
            result.append(span)
        return result

    def set_annotations(self, doc: Doc, spans: list[Span], masked: list[tuple[int, int]]) -> None:
        doc.spans[self.spans_key] = spans
        if not self.annotate_ents:
            return
        ours = [(span.start, span.end) for span in spans]
        kept = []
        for ent in doc.ents:
            if any(ent.start < end and start < ent.end for start, end in ours):
                continue
            if _overlaps(ent.start_char, ent.end_char, masked):
                continue
            if _sentence_start(doc, ent.start) and self._is_participle(ent[0]):
                continue
            kept.append(ent)
        doc.set_ents(filter_spans(kept + list(spans)), default="outside")

    @staticmethod
    def _is_participle(token) -> bool:
        if "Part" in token.morph.get("VerbForm"):
            return True
        return token.pos_ in ("", "VERB", "ADJ") and token.text[:1].isupper() and bool(
            _PARTICIPLE.search(token.text.lower())) and token.i + 1 < len(token.doc) and not token.nbor().text[:1].isupper()


@Language.factory(
    "conflict_entities",
    assigns=["doc.ents", "doc.spans"] + [f"span._.{name}" for name in SPAN_EXTENSIONS],
    default_config={"annotate_ents": True, "spans_key": SPANS_KEY, "min_population_unrelated": 100_000},
)
def make_conflict_entities(nlp: Language, name: str, annotate_ents: bool, spans_key: str,
                           min_population_unrelated: int) -> ConflictEntities:
    return ConflictEntities(nlp, name, annotate_ents=annotate_ents, spans_key=spans_key,
                            min_population_unrelated=min_population_unrelated)
