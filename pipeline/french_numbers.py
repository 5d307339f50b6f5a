"""Read French counts as news writes them: "2 500", "1,5 million", "quatre-vingt-dix-sept", "une dizaine",
"au moins 12", "entre 10 et 15". Plain functions over three lexicons, so the casualty component and its tests share
one reader and one regex.

Values follow UCDP's low/best/high: `value` is the best estimate, `low`/`high` the spread (None = open). Vague words
("une dizaine", "des dizaines", "plusieurs") take their figures from `fr_approx_numbers.tsv`, where the choices are
written down. A range reports its lower bound as best, as ACLED codes ranges.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .resources import data_path, read_tsv

QUALIFIERS = ("exact", "at_least", "at_most", "approx", "range")
NUMBER_WORDS_FILE = "fr_number_words.tsv"
APPROX_FILE = "fr_approx_numbers.tsv"
QUALIFIERS_FILE = "fr_qualifiers.tsv"
_APOSTROPHES = str.maketrans({"’": "'", "`": "'", "\u00a0": " ", "\u202f": " ", "\u2009": " "})


@dataclass(frozen=True)
class ParsedNumber:
    value: int
    low: int | None
    high: int | None
    qualifier: str


@dataclass
class NumberLexicon:
    """The three tables the reader needs, as plain dicts so they serialise with the component."""

    words: dict[str, int]
    approx: dict[str, tuple[int, int | None, int | None, str]]
    qualifiers_before: dict[str, str]
    qualifiers_after: dict[str, str]

    @classmethod
    def from_dir(cls, directory: Path | None = None) -> "NumberLexicon":
        directory = Path(directory) if directory else data_path("lexicons")
        words = {}
        for word, value in read_tsv(directory / NUMBER_WORDS_FILE, columns=2):
            words[normalise(word)] = int(value)
        approx = {}
        path = directory / APPROX_FILE
        for row in read_tsv(path, columns=5):
            phrase, value, low, high, qualifier = row
            if qualifier not in QUALIFIERS:
                raise ValueError(f"{path}: {phrase!r}: unknown qualifier {qualifier!r}; expected one of {QUALIFIERS}")
            approx[normalise(phrase)] = (int(value), int(low) if low else None, int(high) if high else None, qualifier)
        before, after = {}, {}
        path = directory / QUALIFIERS_FILE
        for phrase, qualifier, position in read_tsv(path, columns=3):
            if qualifier not in QUALIFIERS or position not in ("before", "after"):
                raise ValueError(f"{path}: {phrase!r}: expected a qualifier in {QUALIFIERS} and before/after")
            (before if position == "before" else after)[normalise(phrase)] = qualifier
        return cls(words, approx, before, after)

    def to_dict(self) -> dict:
        return {"words": self.words, "approx": {k: list(v) for k, v in self.approx.items()},
                "qualifiers_before": self.qualifiers_before, "qualifiers_after": self.qualifiers_after}

    @classmethod
    def from_dict(cls, data: dict) -> "NumberLexicon":
        return cls(dict(data["words"]), {k: tuple(v) for k, v in data["approx"].items()},
                   dict(data["qualifiers_before"]), dict(data["qualifiers_after"]))

    # ---- regex -------------------------------------------------------------------------------------------------
    def pattern(self) -> str:
        """Regex source (to compile with IGNORECASE) for one count: qualifier? then a range, a vague word or a number.
        Named groups: `qual`, `lo`, `hi` (range bounds), `approx`, `num`."""
        words = _alternation(self.words)
        scales = _alternation([w for w, v in self.words.items() if v >= 1000])
        word_number = rf"(?:{words})(?:(?:\s+et\s+|-et-)(?:un|une|onze)\b|(?:-|\s+)(?:{words})\b)*"
        digits = r"\d{1,3}(?:[ \u00a0\u202f\u2009.,]\d{3})+(?![,.]?\d)|\d+(?:[.,]\d+)?"
        number = rf"(?:(?:{digits})(?:\s+(?:{scales})\b)?|{word_number})"
        approx = _alternation(self.approx)
        qualifiers = _alternation(self.qualifiers_before)
        range_ = rf"(?:(?:entre|de)\s+(?P<lo>{number})\s+(?:et|à)\s+(?P<hi>{number})" \
                 rf"|(?P<lo2>{number})\s+(?:à|ou)\s+(?P<hi2>{number})|(?P<lo3>\d+)\s*[-–]\s*(?P<hi3>\d+))"
        return rf"\b(?:(?P<qual>{qualifiers})\s*)?(?:{range_}|(?P<approx>{approx})|(?P<num>{number}))(?![\w])"

    def compiled(self, ignore_case: bool = True) -> re.Pattern:
        """Case-sensitive matching over lower-cased text is three times faster; the component uses that."""
        return re.compile(self.pattern(), re.IGNORECASE if ignore_case else 0)


def normalise(text: str) -> str:
    """Lower case, straight apostrophes, plain spaces: the form lexicon keys are stored in."""
    return " ".join(text.translate(_APOSTROPHES).lower().split())


def _alternation(phrases) -> str:
    """Longest first, so "une dizaine" wins over "une"; apostrophes match both ' and ’; spaces match any space."""
    parts = []
    for phrase in sorted(phrases, key=len, reverse=True):
        escaped = re.escape(phrase).replace("'", "['’]").replace(r"\ ", r"\s+")
        parts.append(escaped)
    return "|".join(parts)


# ---- reading ---------------------------------------------------------------------------------------------------
def words_to_int(text: str, words: dict[str, int]) -> int | None:
    """ "quatre-vingt-dix-sept" -> 97, "deux mille trois cents" -> 2300; None when a word is not a number word."""
    tokens = [t for t in re.split(r"[\s-]+", normalise(text)) if t and t != "et"]
    total, current, i = 0, 0, 0
    while i < len(tokens):
        pair = f"{tokens[i]}-{tokens[i + 1]}" if i + 1 < len(tokens) else None
        if pair in words:  # "quatre-vingt(s)" is one number
            value, i = words[pair], i + 2
        elif tokens[i] in words:
            value, i = words[tokens[i]], i + 1
        else:
            return None
        if value == 100:
            current = (current or 1) * 100
        elif value >= 1000:
            total += (current or 1) * value
            current = 0
        else:
            current += value
    return total + current


def digits_to_int(text: str, words: dict[str, int]) -> int | None:
    """ "2 500", "2.500", "2,500" -> 2500; "1,5 million" -> 1500000; "12" -> 12."""
    text = normalise(text)
    parts = text.split(" ")
    scale = 1
    if parts[-1] in words and words[parts[-1]] >= 1000 and not parts[-1][0].isdigit():
        scale = words[parts[-1]]
        parts = parts[:-1]
    figure = "".join(parts)
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", figure) and (scale == 1 or "." in figure):
        return int(re.sub(r"[.,]", "", figure)) * scale
    if re.fullmatch(r"\d+(?:[.,]\d+)?", figure):
        return int(round(float(figure.replace(",", ".")) * scale))
    return None


def number_to_int(text: str, words: dict[str, int]) -> int | None:
    text = text.strip()
    if not text:
        return None
    return digits_to_int(text, words) if text[0].isdigit() else words_to_int(text, words)


def parsed_from_match(match: re.Match, lexicon: NumberLexicon) -> ParsedNumber | None:
    """The count a match of `NumberLexicon.pattern()` stands for."""
    groups = match.groupdict()
    qualifier = lexicon.qualifiers_before.get(normalise(groups["qual"])) if groups.get("qual") else None
    low_text = groups.get("lo") or groups.get("lo2") or groups.get("lo3")
    if low_text:
        low = number_to_int(low_text, lexicon.words)
        high = number_to_int(groups.get("hi") or groups.get("hi2") or groups.get("hi3"), lexicon.words)
        if low is None or high is None or high < low:
            return None
        if high == low:
            return _qualify(ParsedNumber(low, low, low, "exact"), qualifier)
        return ParsedNumber(low, low, high, "range")
    if groups.get("approx"):
        value, low, high, approx_qualifier = lexicon.approx[normalise(groups["approx"])]
        parsed = ParsedNumber(value, low, high, approx_qualifier)
        if qualifier == "at_least":  # "plus d'une centaine": the floor is the figure itself
            return ParsedNumber(value, value, None, "at_least")
        if qualifier == "at_most":
            return ParsedNumber(value, low, value, "at_most")
        return parsed
    value = number_to_int(groups["num"], lexicon.words)
    if value is None:
        return None
    return _qualify(ParsedNumber(value, value, value, "exact"), qualifier)


def _qualify(number: ParsedNumber, qualifier: str | None) -> ParsedNumber:
    value = number.value
    if qualifier == "at_least":
        return ParsedNumber(value, value, None, "at_least")
    if qualifier == "at_most":
        return ParsedNumber(value, None, value, "at_most")
    if qualifier == "approx":
        return ParsedNumber(value, None, None, "approx")
    return number


def qualify_after(number: ParsedNumber, qualifier: str) -> ParsedNumber:
    """Apply a qualifier written after the count ("12 morts au moins")."""
    return _qualify(number, qualifier) if number.qualifier == "exact" else number


@lru_cache(maxsize=1)
def default_lexicon() -> NumberLexicon:
    return NumberLexicon.from_dir()


@lru_cache(maxsize=1)
def _default_regex() -> re.Pattern:
    return default_lexicon().compiled()


def parse_french_number(text: str, lexicon: NumberLexicon | None = None) -> ParsedNumber | None:
    """The count `text` states as a whole ("au moins douze", "une vingtaine", "2 500"), or None when it is not a count."""
    regex = lexicon.compiled() if lexicon is not None else _default_regex()
    lexicon = lexicon or default_lexicon()
    match = regex.fullmatch(" ".join(text.translate(_APOSTROPHES).split()))
    if match is None:
        # a qualifier written after: "12 au moins"
        cleaned = normalise(text)
        for phrase, qualifier in lexicon.qualifiers_after.items():
            if cleaned.endswith(" " + phrase):
                inner = parse_french_number(cleaned[: -len(phrase)].strip(), lexicon)
                return qualify_after(inner, qualifier) if inner else None
        return None
    return parsed_from_match(match, lexicon)
