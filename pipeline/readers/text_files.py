"""Plain `.txt` articles, one a file; the date comes from `--published` (the file holds only the body)."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from models import Article, RejectReason, RejectRecord
from pipeline.readers.base import TRUNCATION_ERRORS, ReadOptions, article_from_fields, open_binary


def read_text_file(path: Path, options: ReadOptions) -> Iterator[Article | RejectRecord]:
    input_file = str(path)
    try:
        with open_binary(path) as stream:
            data = stream.read()
    except TRUNCATION_ERRORS as error:
        yield RejectRecord(id=path.stem, input_file=input_file, line=1, reason=RejectReason.truncated_input,
                           message=f"compressed input ends early: {error}")
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        yield RejectRecord(id=path.stem, input_file=input_file, line=1, reason=RejectReason.undecodable,
                           message=f"file is not valid UTF-8 (byte {error.start})")
        return
    stem = path.name.split(".")[0]
    yield article_from_fields({"id": stem, "text": text}, input_file, 1, options)
