"""JSON Lines dumps (our own fields or news-please's), and news-please's one-object JSON files."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from models import Article, RejectReason, RejectRecord
from pipeline.readers.base import ReadOptions, Truncated, article_from_fields, decode_line, iter_byte_lines, open_binary, truncation_reject


def read_jsonl(path: Path, options: ReadOptions) -> Iterator[Article | RejectRecord]:
    input_file = str(path)
    for item in iter_byte_lines(path):
        if isinstance(item, Truncated):
            yield truncation_reject(item, input_file)
            return
        decoded = decode_line(item, input_file)
        if isinstance(decoded, RejectRecord):
            yield decoded
            continue
        if not decoded.strip():
            continue
        yield parse_json_record(decoded, input_file, item.number, options)


def parse_json_record(line: str, input_file: str, number: int, options: ReadOptions) -> Article | RejectRecord:
    try:
        raw = json.loads(line)
    except json.JSONDecodeError as error:
        return RejectRecord(id=None, input_file=input_file, line=number, reason=RejectReason.malformed_json,
                            message=f"invalid JSON at column {error.colno}: {error.msg}")
    if not isinstance(raw, dict):
        return RejectRecord(id=None, input_file=input_file, line=number, reason=RejectReason.malformed_json,
                            message=f"a line must hold a JSON object, not a {type(raw).__name__}")
    return article_from_fields(raw, input_file, number, options)


def read_json_document(path: Path, options: ReadOptions) -> Iterator[Article | RejectRecord]:
    """A `.json` file: one news-please object (or a list of them); JSONL content is read line by line."""
    with open_binary(path) as stream:
        head = stream.read(1 << 16).lstrip()
    if not head.startswith(b"[") and head.count(b"\n{") > 0:
        yield from read_jsonl(path, options)
        return
    input_file = str(path)
    try:
        with open_binary(path) as stream:
            content = stream.read().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        yield RejectRecord(id=None, input_file=input_file, line=1, reason=RejectReason.undecodable,
                           message=f"file is not valid UTF-8 (byte {error.start})")
        return
    except (EOFError, OSError) as error:
        yield RejectRecord(id=None, input_file=input_file, line=1, reason=RejectReason.truncated_input,
                           message=f"compressed input ends early: {error}")
        return
    try:
        raw = json.loads(content)
    except json.JSONDecodeError as error:
        yield RejectRecord(id=None, input_file=input_file, line=error.lineno, reason=RejectReason.malformed_json,
                           message=f"invalid JSON at line {error.lineno} column {error.colno}: {error.msg}")
        return
    objects = raw if isinstance(raw, list) else [raw]
    for index, obj in enumerate(objects, start=1):
        if isinstance(obj, dict):
            yield article_from_fields(obj, input_file, index, options)
        else:
            yield RejectRecord(id=None, input_file=input_file, line=index, reason=RejectReason.malformed_json,
                               message=f"item {index} is a {type(obj).__name__}, not a JSON object")
