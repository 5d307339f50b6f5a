"""CSV dumps; `--columns text=body,published=date` maps our field names to the file's headers."""
from __future__ import annotations

import csv
import io
import sys
from pathlib import Path
from typing import Iterator

from models import Article, RejectReason, RejectRecord
from pipeline.readers.base import TRUNCATION_ERRORS, ReadOptions, article_from_fields, open_binary

csv.field_size_limit(sys.maxsize)


def read_csv(path: Path, options: ReadOptions) -> Iterator[Article | RejectRecord]:
    input_file = str(path)
    delimiter = "\t" if ".tsv" in path.suffixes else ","
    record_number = 0
    try:
        with open_binary(path) as binary:
            text = io.TextIOWrapper(binary, encoding="utf-8-sig", errors="strict", newline="")
            reader = csv.DictReader(text, delimiter=delimiter)
            rows = iter(reader)
            while True:
                try:
                    row = next(rows)
                except StopIteration:
                    return
                except csv.Error as error:
                    record_number += 1
                    yield RejectRecord(id=None, input_file=input_file, line=reader.line_num, reason=RejectReason.malformed_csv,
                                       message=f"unreadable CSV row: {error}")
                    continue
                record_number += 1
                if None in row:
                    yield RejectRecord(id=None, input_file=input_file, line=reader.line_num, reason=RejectReason.malformed_csv,
                                       message=f"row has {len(row) - 1 + len(row[None])} fields, the header has {len(reader.fieldnames or [])}")
                    continue
                yield article_from_fields(row, input_file, reader.line_num, options)
    except UnicodeDecodeError as error:
        yield RejectRecord(id=None, input_file=input_file, line=record_number + 1, reason=RejectReason.undecodable,
                           message=f"CSV is not valid UTF-8 after record {record_number}: {error.reason}; the rest of the file is skipped")
    except TRUNCATION_ERRORS as error:
        yield RejectRecord(id=None, input_file=input_file, line=record_number + 1, reason=RejectReason.truncated_input,
                           message=f"compressed input ends early after record {record_number}: {error}")
