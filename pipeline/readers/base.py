"""What every reader shares: opening (possibly compressed) files as a stream of byte lines, and turning one
raw record (a dict of fields) into an `Article` or a written `RejectRecord`."""
from __future__ import annotations

import bz2
import gzip
import io
import lzma
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import IO, Iterator

from models import Article, RejectReason, RejectRecord

COMPRESSION_MAGIC = {
    b"\x1f\x8b": "gzip",
    b"BZh": "bz2",
    b"\xfd7zXZ\x00": "xz",
    b"\x28\xb5\x2f\xfd": "zstd",
}
COMPRESSION_SUFFIXES = {".gz", ".bz2", ".xz", ".zst", ".zstd"}


class InputError(Exception):
    """An input path that cannot be read at all: the run stops with a one-line message naming it."""


@dataclass(frozen=True)
class ReadOptions:
    """How raw records become articles. `fallback_published` also dates articles that have no date."""

    fallback_published: date | None = None
    max_chars: int = 200_000
    columns: dict[str, str] = field(default_factory=dict)


def compression_of(path: Path) -> str | None:
    with open(path, "rb") as handle:
        head = handle.read(6)
    for magic, kind in COMPRESSION_MAGIC.items():
        if head.startswith(magic):
            return kind
    return None


def open_binary(path: Path) -> IO[bytes]:
    """A binary stream of the decompressed content, whatever the compression (detected by magic bytes)."""
    kind = compression_of(path)
    if kind == "gzip":
        return gzip.open(path, "rb")
    if kind == "bz2":
        return bz2.open(path, "rb")
    if kind == "xz":
        return lzma.open(path, "rb")
    if kind == "zstd":
        import zstandard

        return io.BufferedReader(zstandard.ZstdDecompressor().stream_reader(open(path, "rb"), read_across_frames=True))
    return open(path, "rb")


TRUNCATION_ERRORS: tuple[type[BaseException], ...] = (EOFError, OSError, lzma.LZMAError)
try:  # zstandard signals a cut frame with its own error type
    import zstandard as _zstd

    TRUNCATION_ERRORS = TRUNCATION_ERRORS + (_zstd.ZstdError,)
except ImportError:  # pragma: no cover
    pass


@dataclass(frozen=True)
class ByteLine:
    number: int
    data: bytes


@dataclass(frozen=True)
class Truncated:
    """The stream ended in the middle: what came before was read; this marks where and why."""

    number: int
    message: str


def iter_byte_lines(path: Path) -> Iterator[ByteLine | Truncated]:
    """Lines of the decompressed file, streamed; a truncated archive ends with a `Truncated` marker instead
    of an exception, so that what was read is kept."""
    number = 0
    try:
        with open_binary(path) as stream:
            for number, data in enumerate(stream, start=1):
                yield ByteLine(number, data)
    except TRUNCATION_ERRORS as error:
        yield Truncated(number + 1, f"compressed input ends early after line {number}: {error}")


def decode_line(line: ByteLine, input_file: str) -> str | RejectRecord:
    try:
        return line.data.decode("utf-8-sig" if line.number == 1 else "utf-8")
    except UnicodeDecodeError as error:
        return RejectRecord(id=None, input_file=input_file, line=line.number, reason=RejectReason.undecodable,
                            message=f"line is not valid UTF-8 (byte {error.start}: {line.data[error.start:error.start + 1]!r})")


def truncation_reject(marker: Truncated, input_file: str) -> RejectRecord:
    return RejectRecord(id=None, input_file=input_file, line=marker.number, reason=RejectReason.truncated_input,
                        message=marker.message)


# Field names by meaning; the first one present wins. news-please names come second.
FIELD_ALIASES = {
    "id": ("id", "article_id", "doc_id", "uuid"),
    "text": ("text", "maintext", "body", "content"),
    "published": ("published", "date_publish", "date", "published_at", "pubdate"),
    "title": ("title",),
    "url": ("url",),
    "outlet": ("outlet", "source_domain", "source"),
    "lang": ("lang", "language"),
}
MISSING_DATE_STRINGS = {"", "none", "null", "nan", "nat"}


def pick(raw: dict, meaning: str, columns: dict[str, str]):
    if meaning in columns:
        return raw.get(columns[meaning])
    for name in FIELD_ALIASES[meaning]:
        if name in raw:
            return raw[name]
    return None


def parse_published(value) -> date | None | str:
    """The publication date of a raw value: a date, None when missing, or the string itself when it is there
    but cannot be read (so the reject can quote it)."""
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    text = str(value).strip()
    if text.lower() in MISSING_DATE_STRINGS:
        return None
    candidate = text.replace("Z", "+00:00")
    for parse in (date.fromisoformat, lambda s: datetime.fromisoformat(s).date()):
        try:
            return parse(candidate)
        except ValueError:
            continue
    for fmt in ("%Y-%m-%d %H:%M:%S", "%d/%m/%Y", "%d/%m/%Y %H:%M", "%Y/%m/%d"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return text


def article_from_fields(raw: dict, input_file: str, line: int, options: ReadOptions) -> Article | RejectRecord:
    """Validate one raw record; every way it can be unusable gets its own reason code and a message."""
    columns = options.columns
    raw_id = pick(raw, "id", columns)
    url = pick(raw, "url", columns)
    article_id = str(raw_id) if raw_id not in (None, "") else (str(url) if url else f"{Path(input_file).name}:{line}")

    def reject(reason: RejectReason, message: str) -> RejectRecord:
        return RejectRecord(id=article_id, input_file=input_file, line=line, reason=reason, message=message)

    text = pick(raw, "text", columns)
    if text is None:
        names = columns.get("text") or " or ".join(FIELD_ALIASES["text"][:2])
        return reject(RejectReason.missing_text, f"no text field ({names})")
    if not isinstance(text, str):
        return reject(RejectReason.text_not_string, f"text is of type {type(text).__name__}, not a string")
    if not text.strip():
        return reject(RejectReason.empty_text, "text is empty")
    if len(text) > options.max_chars:
        return reject(RejectReason.too_long, f"text has {len(text)} characters, over the limit of {options.max_chars}")
    published = parse_published(pick(raw, "published", columns))
    if isinstance(published, str):
        if options.fallback_published is None:
            return reject(RejectReason.bad_publication_date,
                          f"publication date {published!r} is not an ISO date; give --published as a fallback")
        published = options.fallback_published
    if published is None:
        if options.fallback_published is None:
            return reject(RejectReason.no_publication_date, "no publication date; give --published as a fallback")
        published = options.fallback_published

    def optional(meaning: str) -> str | None:
        value = pick(raw, meaning, columns)
        return str(value) if value not in (None, "") else None

    return Article(id=article_id, text=text, published=published, title=optional("title"), url=optional("url"),
                   outlet=optional("outlet"), lang=optional("lang"), input_file=input_file, line=line)
