"""Where the project's data files are: `data/` of a source checkout, or the installed `incidents_data` package."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def data_dir() -> Path:
    checkout = Path(__file__).resolve().parent.parent / "data"
    if checkout.is_dir():
        return checkout
    from importlib.resources import files

    return Path(str(files("incidents_data")))


def data_path(*parts: str) -> Path:
    """Path of a data file, e.g. `data_path("lexicons", "fr_weekdays.tsv")`."""
    return data_dir().joinpath(*parts)


def read_tsv(path: Path, columns: int | None = None) -> list[list[str]]:
    """Rows of a TSV lexicon; `#` lines and blank lines are comments. A row with the wrong number of columns
    raises an error that names the file and the line."""
    rows: list[list[str]] = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cells = line.split("\t")
            if columns is not None and len(cells) != columns:
                raise ValueError(f"{path}:{number}: expected {columns} tab-separated columns, found {len(cells)}")
            rows.append(cells)
    return rows


def read_jsonl(path: Path) -> list[dict]:
    """Rows of a JSONL data file; a bad line raises an error that names the file and the line."""
    import json

    rows: list[dict] = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as error:
                raise ValueError(f"{path}:{number}: invalid JSON ({error.msg})") from None
    return rows


def word_alternation(forms, flags: int = 0) -> re.Pattern:
    """One regex for a list of forms (regex fragments), each matched as whole words. The word-boundary tests
    stand once around the whole alternation: the same matches as one test per form, several times faster."""
    return re.compile(r"(?<!\w)(?:" + "|".join(f"(?:{form})" for form in forms) + r")(?!\w)", flags)
