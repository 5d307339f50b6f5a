"""Cleaning before NLP: strip HTML, drop dump boilerplate (rules in data/rules/boilerplate.tsv), collapse a
body that the dump repeats, and keep an offset map so that every evidence span points into the ORIGINAL text."""
from __future__ import annotations

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


@dataclass(frozen=True)
class CleanText:
    """`text` is what the NLP sees; its character i came from original[starts[i]:ends[i]] (one character, or
    a whole entity such as `&#39;`)."""

    text: str
    starts: array
    ends: array
    original_length: int

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) of the clean span [start, end)."""
        if end <= start:
            position = self.starts[start] if start < len(self.text) else self.original_length
            return position, position
        return self.starts[start], self.ends[end - 1]


class _Builder:
    """Appends pieces of text with the original range of each character."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.starts = array("l")
        self.ends = array("l")

    def add(self, text: str, origin: int, source_length: int | None = None) -> None:
        """Each character stands for the one at the same distance from `origin`; with `source_length`, all of
        them stand for original[origin:origin + source_length] (a decoded entity, a separator)."""
        self.parts.append(text)
        if source_length is None:
            self.starts.extend(range(origin, origin + len(text)))
            self.ends.extend(range(origin + 1, origin + len(text) + 1))
        else:
            self.starts.extend([origin] * len(text))
            self.ends.extend([origin + source_length] * len(text))

    def build(self, original_length: int) -> CleanText:
        return CleanText("".join(self.parts), self.starts, self.ends, original_length)


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
        return CleanText(clean.text, clean.starts, clean.ends, len(text))
    # compose with the HTML stage so that offsets point into the original text
    starts = array("l", (stage.starts[i] if i < len(source) else len(text) for i in clean.starts))
    ends = array("l", (stage.ends[i - 1] if i > 0 else 0 for i in clean.ends))
    return CleanText(clean.text, starts, ends, len(text))


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
