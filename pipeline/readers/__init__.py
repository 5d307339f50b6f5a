"""Readers: one module per input kind behind one interface, `iter_articles(paths, options)`.

Each yields `Article`s and `RejectRecord`s in input order and never holds a whole dump in memory.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable, Iterator

from models import Article, RejectRecord
from pipeline.readers.base import COMPRESSION_SUFFIXES, InputError, ReadOptions
from pipeline.readers.csv_reader import read_csv
from pipeline.readers.jsonl import read_json_document, read_jsonl
from pipeline.readers.text_files import read_text_file

Reader = Callable[[Path, ReadOptions], Iterator[Article | RejectRecord]]
READERS: dict[str, Reader] = {
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".json": read_json_document,
    ".csv": read_csv,
    ".tsv": read_csv,
    ".txt": read_text_file,
}

__all__ = ["InputError", "ReadOptions", "iter_articles", "expand_inputs", "reader_for"]


def kind_suffix(path: Path) -> str:
    """The suffix that names the content, under any compression suffix: `a.jsonl.gz` → `.jsonl`."""
    suffixes = [s.lower() for s in path.suffixes]
    while suffixes and suffixes[-1] in COMPRESSION_SUFFIXES:
        suffixes.pop()
    return suffixes[-1] if suffixes else ""


def reader_for(path: Path) -> Reader | None:
    return READERS.get(kind_suffix(path))


def expand_inputs(paths: Iterable[Path]) -> list[Path]:
    """Files to read, in a stable order: folders are walked (sorted) for files of a known kind."""
    files: list[Path] = []
    for path in paths:
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and reader_for(p) and not p.name.startswith("."))
            if not found:
                raise InputError(f"{path}: folder holds no readable input (.jsonl, .json, .csv, .tsv, .txt, compressed or not)")
            files.extend(found)
        else:
            if reader_for(path) is None:
                raise InputError(f"{path}: unknown input kind {''.join(path.suffixes)!r}; expected .jsonl, .json, .csv, .tsv or .txt (optionally .gz/.bz2/.xz/.zst)")
            try:
                with open(path, "rb"):
                    pass
            except OSError as error:
                raise InputError(f"{path}: cannot be read ({error.strerror})") from None
            files.append(path)
    return files


def iter_articles(paths: Iterable[Path], options: ReadOptions) -> Iterator[Article | RejectRecord]:
    for path in expand_inputs(paths):
        yield from reader_for(path)(path, options)
