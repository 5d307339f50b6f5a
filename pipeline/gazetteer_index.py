"""Name folding and the compact town index (build, load, look up): plain functions, no spaCy.

A name is matched through its *loose key*: accent-free lowercase word pieces, the Arabic article dropped and a few
transliteration differences folded (rules in `data/lexicons/fr_entity_fold_rules.tsv`), so "Aïn al-Assad",
"Ayn al-Asad" and "Ain al-Asad" share one key and "Mossoul" meets "Mosul". The town index maps key tuples to rows
of `data/gazetteers/places.tsv.gz`, whose keys are precomputed at build time, so loading is one pass over the file
(no tokenizer, no PhraseMatcher: see shared/notes/gazetteer-sources.md for why).
"""
from __future__ import annotations

import gzip
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .resources import data_path, read_tsv

PLACE_COLUMNS = ("geonames_id", "name", "country_iso2", "admin1_iso", "lat", "lon", "population", "keys")
_PIECE = re.compile(r"[^\W_]+")
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "ʻ": "'", "ʿ": "'", "ʾ": "'", "‘": "'"})


@dataclass(frozen=True)
class FoldRules:
    """Loose-folding rules read from the lexicon: articles dropped, substring replacements, letter de-doubling."""

    articles: frozenset
    replacements: tuple
    dedouble: bool


def load_fold_rules(path: Path | None = None) -> FoldRules:
    path = path or data_path("lexicons", "fr_entity_fold_rules.tsv")
    articles, replacements, dedouble = set(), [], False
    for row in read_tsv(path):
        kind = row[0].strip()
        if kind == "article":
            articles.add(row[1].strip())
        elif kind == "replace":
            replacements.append((row[1], row[2] if len(row) > 2 else ""))
        elif kind == "dedouble":
            dedouble = True
        else:
            raise ValueError(f"{path}: unknown rule kind {kind!r}; expected article, replace or dedouble")
    return FoldRules(frozenset(articles), tuple(replacements), dedouble)


_DEFAULT_RULES: list[FoldRules] = []


def default_fold_rules() -> FoldRules:
    if not _DEFAULT_RULES:
        _DEFAULT_RULES.append(load_fold_rules())
    return _DEFAULT_RULES[0]


@lru_cache(maxsize=200_000)
def strip_accents(text: str) -> str:
    """Lowercase, accent-free text ("Tillabéri" -> "tillaberi", "Åland" -> "aland")."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES).lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char)).replace("œ", "oe").replace("æ", "ae")


def fold_pieces(text: str) -> tuple[str, ...]:
    """Accent-free lowercase word pieces: "d'Al-Anbar" -> ("d", "al", "anbar")."""
    return tuple(_PIECE.findall(strip_accents(text)))


_DOUBLED = re.compile(r"(.)\1+")
_LOOSE_CACHE: dict[tuple[int, str], str] = {}


def loosen_piece(piece: str, rules: FoldRules) -> str:
    """One piece with the transliteration replacements and de-doubling applied ("assad" -> "asad")."""
    cached = _LOOSE_CACHE.get((id(rules), piece))
    if cached is not None:
        return cached
    loose = piece
    for old, new in rules.replacements:
        if old in loose:
            loose = loose.replace(old, new)
    if rules.dedouble:
        loose = _DOUBLED.sub(r"\1", loose)
    if len(_LOOSE_CACHE) < 500_000:
        _LOOSE_CACHE[(id(rules), piece)] = loose
    return loose


def loose_key(text: str, rules: FoldRules | None = None) -> tuple[str, ...]:
    """The matching key of a name: folded pieces, articles dropped (unless last), transliteration folded."""
    rules = rules or default_fold_rules()
    pieces = fold_pieces(text)
    kept = [piece for number, piece in enumerate(pieces) if piece not in rules.articles or number == len(pieces) - 1]
    return tuple(loosen_piece(piece, rules) for piece in kept)


@dataclass(frozen=True)
class PlaceRow:
    geonames_id: int
    name: str
    country_iso2: str
    admin1_iso: str
    lat: float
    lon: float
    population: int


class PlaceIndex:
    """Town rows and a dict from loose keys (pieces joined by spaces) to candidate rows.

    Rows stay raw text until looked up (parsed once, then cached) so that loading stays well under a second.
    A candidate is coded as `2 * row + is_alternate`.
    """

    def __init__(self, raw_rows: list[str], keys: dict[str, str], prefixes: set[str]):
        self.raw_rows = raw_rows
        self.keys = keys  # loose key -> space-separated candidate codes, parsed on look-up
        self.prefixes = prefixes
        self.max_pieces = max((prefix.count(" ") + 2 for prefix in prefixes), default=1)
        self._parsed: dict[int, PlaceRow] = {}

    def __len__(self) -> int:
        return len(self.raw_rows)

    def row(self, number: int) -> PlaceRow:
        parsed = self._parsed.get(number)
        if parsed is None:
            cells = self.raw_rows[number].split("\t")
            parsed = PlaceRow(int(cells[0]), cells[1], cells[2], cells[3], float(cells[4]), float(cells[5]),
                              int(cells[6]))
            self._parsed[number] = parsed
        return parsed

    def rows(self):
        return (self.row(number) for number in range(len(self.raw_rows)))

    def lookup(self, key: tuple[str, ...] | str) -> list[tuple[PlaceRow, bool]]:
        """Candidate rows for a loose key, as (row, is_main_name), most populous first."""
        joined = key if isinstance(key, str) else " ".join(key)
        codes = self.keys.get(joined)
        if not codes:
            return []
        hits = [(self.row(code >> 1), not code & 1) for code in map(int, codes.split(" "))]
        return sorted(hits, key=lambda hit: (-hit[0].population, not hit[1]))


def place_keys(names: list[str], rules: FoldRules) -> list[str]:
    """Distinct loose keys of a place's names, main name first, each as space-joined pieces."""
    seen: list[str] = []
    for name in names:
        key = " ".join(loose_key(name, rules))
        if key and key not in seen:
            seen.append(key)
    return seen


KEYS_MARKER = "#keys"
PREFIXES_MARKER = "#prefixes"


def write_places(path: Path, places: list[dict]) -> None:
    """Write the town table in three sections: rows (PLACE_COLUMNS, `keys` "|"-joined, main name's first); then
    `#keys` and one "key<TAB>codes" line per loose key (code = 2 * row + is_alternate); then `#prefixes` and the
    proper prefixes of multi-piece keys, "|"-joined on one line. Inverting at build time keeps loading fast."""
    inverted: dict[str, list[int]] = {}
    import io

    # mtime=0 and no file name in the gzip header: the same input gives the same bytes (a reproducible build)
    with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=raw, mtime=0) as zipped, \
            io.TextIOWrapper(zipped, encoding="utf-8", newline="\n") as handle:
        handle.write("\t".join(PLACE_COLUMNS) + "\n")
        for number, place in enumerate(places):
            cells = [str(place[column]) if column != "keys" else "|".join(place["keys"]) for column in PLACE_COLUMNS]
            handle.write("\t".join(cells) + "\n")
            for rank, key in enumerate(place["keys"]):
                inverted.setdefault(key, []).append(2 * number + (rank > 0))
        handle.write(KEYS_MARKER + "\n")
        for key in sorted(inverted):
            handle.write(key + "\t" + " ".join(map(str, inverted[key])) + "\n")
        prefixes = set()
        for key in inverted:
            position = key.find(" ")
            while position != -1:
                prefixes.add(key[:position])
                position = key.find(" ", position + 1)
        handle.write(PREFIXES_MARKER + "\n" + "|".join(sorted(prefixes)) + "\n")


def load_places(path: Path | None = None) -> PlaceIndex:
    """Load places.tsv.gz into a PlaceIndex (a few tenths of a second for ~50k towns and ~150k keys)."""
    path = path or data_path("gazetteers", "places.tsv.gz")
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        text = handle.read()
    rows_part, keys_marker, rest = text.partition("\n" + KEYS_MARKER + "\n")
    keys_part, prefixes_marker, prefixes_part = rest.partition(PREFIXES_MARKER + "\n")
    if not keys_marker or not prefixes_marker:
        raise ValueError(f"{path}: missing {KEYS_MARKER} or {PREFIXES_MARKER} section; rebuild with scripts/build_gazetteers.py")
    lines = rows_part.split("\n")
    header = tuple(lines[0].split("\t"))
    if header != PLACE_COLUMNS:
        raise ValueError(f"{path}:1: expected columns {PLACE_COLUMNS}, found {header}")
    raw_rows = [line.rpartition("\t")[0] for line in lines[1:]]
    keys = dict(line.split("\t", 1) for line in keys_part.split("\n") if line)
    prefixes = set(prefixes_part.strip("\n").split("|"))
    return PlaceIndex(raw_rows, keys, prefixes)
