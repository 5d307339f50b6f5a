"""Cleaning before NLP: strip HTML, drop dump boilerplate (rules in data/rules/boilerplate.tsv), collapse a
body that the dump repeats, and keep an offset map so that every evidence span points into the ORIGINAL text."""
from __future__ import annotations

import bisect
import html
import re
from array import array
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.resources import data_path, read_tsv

TAG = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->|<[^>\n]{1,400}>", re.IGNORECASE | re.DOTALL)
BLOCK_TAG = re.compile(r"^<\s*/?\s*(p|br|div|li|h[1-6]|tr|section|article|blockquote)\b", re.IGNORECASE)
ENTITY = re.compile(r"&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
SPACES = re.compile(r"[ \t\u00a0\u202f]+")
MIN_REPEATED_PARAGRAPH = 40
TEASER_MAX_CHARS = 140


@dataclass(frozen=True)
class BoilerplateRules:
    whole_lines: re.Pattern
    lines_with_next: re.Pattern
    inline: re.Pattern | None


@lru_cache(maxsize=4)
def load_boilerplate_rules(path: Path | None = None) -> BoilerplateRules:
    path = path or data_path("rules", "boilerplate.tsv")
    groups: dict[str, list[str]] = {"line": [], "line+next": [], "inline": []}
    for number, (scope, pattern) in enumerate(read_tsv(path, columns=2), start=1):
        if scope not in groups:
            raise ValueError(f"{path}: rule {number}: unknown scope {scope!r}; expected one of {', '.join(groups)}")
        try:
            re.compile(pattern)
        except re.error as error:
            raise ValueError(f"{path}: rule {number}: invalid regex ({error})") from None
        groups[scope].append(pattern)

    def full(patterns: list[str]) -> re.Pattern:
        return re.compile("(?:" + "|".join(f"(?:{p})" for p in patterns) + r")\Z" if patterns else r"(?!x)x", re.IGNORECASE)

    inline = re.compile("|".join(f"(?:{p})" for p in groups["inline"]), re.IGNORECASE) if groups["inline"] else None
    return BoilerplateRules(full(groups["line"]), full(groups["line+next"]), inline)


class CleanText:
    """`text` is what the NLP sees; its character i came from original[starts[i]:ends[i]] (one character, or
    a whole entity such as `&#39;`).

    The map is kept as pieces, not one entry per character: most articles are triaged out and never need an
    offset, so the cleaner only notes where each piece of text came from. A piece (at, origin, width) covers
    the text from `at` to the next piece; with width None its characters map one to one from `origin`, else
    each of them stands for original[origin:origin + width] (a decoded entity, a separator)."""

    __slots__ = ("text", "original_length", "_at", "_pieces")

    def __init__(self, text: str, pieces: list[tuple[int, int, int | None]], original_length: int) -> None:
        self.text = text
        self.original_length = original_length
        self._pieces = pieces
        self._at = [piece[0] for piece in pieces]

    def start_of(self, index: int) -> int:
        at, origin, width = self._pieces[bisect.bisect_right(self._at, index) - 1]
        return origin + index - at if width is None else origin

    def end_of(self, index: int) -> int:
        at, origin, width = self._pieces[bisect.bisect_right(self._at, index) - 1]
        return origin + index - at + 1 if width is None else origin + width

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) of the clean span [start, end)."""
        if end <= start:
            position = self.start_of(start) if start < len(self.text) else self.original_length
            return position, position
        return self.start_of(start), self.end_of(end - 1)

    @property
    def starts(self) -> array:
        return array("l", (self.start_of(i) for i in range(len(self.text))))

    @property
    def ends(self) -> array:
        return array("l", (self.end_of(i) for i in range(len(self.text))))

    def pieces_of(self, ranges: list[tuple[int, int]], separator: str) -> "CleanText":
        """The text of `ranges` (in order, not overlapping) joined by `separator`, with the map kept; a
        separator stands for what lies between the two ranges in the original."""
        builder = _Builder()
        for begin, end in ranges:
            if builder.length:
                origin = self.end_of(begin - 1) if begin else 0
                builder.add(separator, origin, source_length=self.start_of(begin) - origin)
            first = bisect.bisect_right(self._at, begin) - 1
            for number in range(first, len(self._pieces)):
                at, origin, width = self._pieces[number]
                if at >= end:
                    break
                piece_end = self._pieces[number + 1][0] if number + 1 < len(self._pieces) else len(self.text)
                piece_begin = max(at, begin)
                text = self.text[piece_begin:min(piece_end, end)]
                if width is None:
                    builder.add(text, origin + piece_begin - at)
                else:
                    builder.add(text, origin, source_length=width)
        return builder.build(self.original_length)

    @classmethod
    def from_arrays(cls, text: str, starts, ends, original_length: int) -> "CleanText":
        """The same map given one entry per character (runs that map one to one become one piece)."""
        pieces: list[tuple[int, int, int | None]] = []
        for index, (start, end) in enumerate(zip(starts, ends)):
            if pieces:
                at, origin, width = pieces[-1]
                if width is None and end == start + 1 and start == origin + index - at:
                    continue
                if width is not None and start == origin and end == origin + width:
                    continue
            pieces.append((index, start, None) if end == start + 1 else (index, start, end - start))
        return cls(text, pieces, original_length)


class _Builder:
    """Appends pieces of text with the original range they came from."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pieces: list[tuple[int, int, int | None]] = []
        self.length = 0

    def add(self, text: str, origin: int, source_length: int | None = None) -> None:
        """Each character stands for the one at the same distance from `origin`; with `source_length`, all of
        them stand for original[origin:origin + source_length] (a decoded entity, a separator)."""
        if not text:
            return
        self.parts.append(text)
        self.pieces.append((self.length, origin, source_length))
        self.length += len(text)

    def build(self, original_length: int) -> CleanText:
        return CleanText("".join(self.parts), self.pieces, original_length)


def strip_html(text: str) -> CleanText:
    """Tags out (block tags become line breaks), entities decoded; a no-op copy when the text has none."""
    builder = _Builder()
    if "<" not in text and "&" not in text:
        builder.add(text, 0)
        return builder.build(len(text))
    position = 0
    for match in TAG.finditer(text):
        _add_unescaped(builder, text, position, match.start())
        if BLOCK_TAG.match(match.group(0)):
            builder.add("\n", match.start(), source_length=0)
        position = match.end()
    _add_unescaped(builder, text, position, len(text))
    return builder.build(len(text))


def _add_unescaped(builder: _Builder, text: str, start: int, end: int) -> None:
    position = start
    for match in ENTITY.finditer(text, start, end):
        builder.add(text[position:match.start()], position)
        decoded = html.unescape(match.group(0))
        if decoded == match.group(0):
            builder.add(decoded, match.start())
        else:
            builder.add(decoded, match.start(), source_length=len(match.group(0)))
        position = match.end()
    builder.add(text[position:end], position)


def paragraph_key(line: str) -> str:
    return SPACES.sub(" ", line).strip().lower()


def clean_article(text: str, rules: BoilerplateRules | None = None) -> CleanText:
    """The text the NLP sees, and where each of its characters came from."""
    rules = rules or load_boilerplate_rules()
    stage = strip_html(text)
    source = stage.text
    builder = _Builder()
    seen_paragraphs: set[str] = set()
    skip_next_teaser = False
    line_start = 0
    for line in source.split("\n"):
        line_end = line_start + len(line)
        stripped = line.strip()
        keep = True
        if not stripped:
            keep = False
        elif skip_next_teaser and len(stripped) <= TEASER_MAX_CHARS and not stripped.endswith((".", "»", '"')):
            keep = False
        elif rules.whole_lines.match(stripped):
            keep = False
        elif rules.lines_with_next.match(stripped):
            keep = False
            skip_next_teaser = True
            line_start = line_end + 1
            continue
        skip_next_teaser = False
        if keep:
            key = paragraph_key(stripped)
            if len(key) >= MIN_REPEATED_PARAGRAPH:
                if key in seen_paragraphs:
                    keep = False
                else:
                    seen_paragraphs.add(key)
        if keep:
            if builder.parts:
                builder.add("\n", line_start - 1 if line_start else 0, source_length=1 if line_start else 0)
            _add_line(builder, line, line_start, stage, rules)
        line_start = line_end + 1
    clean = builder.build(len(source))
    if stage.text is text or stage.text == text:
        return CleanText(clean.text, clean._pieces, len(text))
    # compose with the HTML stage so that offsets point into the original text (the rare articles with markup)
    starts = [stage.start_of(i) if i < len(source) else len(text) for i in clean.starts]
    ends = [stage.end_of(i - 1) if i > 0 else 0 for i in clean.ends]
    return CleanText.from_arrays(clean.text, starts, ends, len(text))


def _add_line(builder: _Builder, line: str, line_start: int, stage: CleanText, rules: BoilerplateRules) -> None:
    pieces: list[tuple[int, int]] = []
    position = 0
    if rules.inline is not None:
        for match in rules.inline.finditer(line):
            pieces.append((position, match.start()))
            position = match.end()
    pieces.append((position, len(line)))
    for start, end in pieces:
        if end > start:
            builder.add(line[start:end], line_start + start)
