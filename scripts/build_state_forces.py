"""Expand data/gazetteers/state_forces.tsv into the state-force rows of data/gazetteers/actors.jsonl.

Why: ~60 countries x several branches share the same French patterns ("armée malienne", "soldats maliens",
"gendarmerie malienne"); writing them once as templates keeps the rows consistent. Hand-written actors
(rows without `"generated"`) are kept as they are, in their order, after the generated rows: a reader that keeps the first
state force per (country, branch) then gets the country's regular force ("Russian armed forces"), not a unit
written by hand (Africa Corps, Azov Brigade).

usage: python scripts/build_state_forces.py [--check]
  --check  exit 1 (and write nothing) when actors.jsonl differs from what the table gives
"""
from __future__ import annotations

import itertools
import json
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.resources import data_path, read_jsonl, read_tsv  # noqa: E402

GENERATED_FROM = "state_forces.tsv"
SOURCE = ("official force names; French news-agency usage (AFP, RFI, Le Monde); "
          "Wikipedia articles on each country's armed forces")


def fold_accents(text: str) -> str:
    """'armée malienne' -> 'armee malienne': the press and OCR'd copies drop accents."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _cells(value: str) -> list[str]:
    return [] if value in ("", "-") else [cell.strip() for cell in value.split("|") if cell.strip()]


def _expand(template: str, english: str, forms: dict[str, list[str]]) -> list[str]:
    """Every spelling of one alias template, e.g. 'soldats {mp}' with mp = burkinabè/burkinabés."""
    keys = [key for key in ("fs", "mp", "fp") if "{" + key + "}" in template]
    out = []
    for combo in itertools.product(*(forms[key] for key in keys)):
        text = template.replace("{en}", english)
        for key, value in zip(keys, combo):
            text = text.replace("{" + key + "}", value)
        out.append(text)
    return out


def spelling_variants(text: str) -> list[str]:
    """The text, its accent-free form, and both with the typographic apostrophe French news uses."""
    out: list[str] = []
    for base in (text, fold_accents(text)):
        for variant in (base, base.replace("'", "\u2019")):
            if variant not in out:
                out.append(variant)
    return out


def _add(aliases: list[str], text: str, name: str) -> None:
    seen = {alias.casefold() for alias in aliases} | {name.casefold()}
    for variant in spelling_variants(text):
        if variant.casefold() not in seen:
            aliases.append(variant)
            seen.add(variant.casefold())


def build_rows(table: Path | None = None) -> list[dict]:
    """The state-force actor rows the table describes, in table order (country, then branch order)."""
    table = table or data_path("gazetteers", GENERATED_FROM)
    templates: dict[str, tuple[str, list[str]]] = {}
    countries: list[tuple[str, str, dict[str, list[str]], list[str]]] = []
    extras: dict[tuple[str, str], dict] = {}
    ambiguous: dict[tuple[str, str], list[str]] = {}
    for number, row in enumerate(read_tsv(table, columns=6), start=1):
        kind, key, *rest = row
        if kind == "template":
            branch, name, aliases, _, _ = [key, *rest][:5]
            templates[branch] = (name, _cells(aliases))
        elif kind == "country":
            english, french, branches = rest[0], rest[1], rest[2]
            parts = french.split("|")
            if len(parts) != 3:
                raise ValueError(f"{table}: country {key}: expected 3 French forms fs|mp|fp, found {french!r}")
            forms = {k: v.split("/") for k, v in zip(("fs", "mp", "fp"), parts)}
            countries.append((key, english, forms, branches.split(",")))
        elif kind == "extra":
            branch, name, aliases, acronyms = rest[0], rest[1], rest[2], rest[3]
            extras[(key, branch)] = {"name": None if name == "-" else name, "aliases": _cells(aliases),
                                     "acronyms": _cells(acronyms)}
        elif kind == "ambiguous":
            ambiguous[(key, rest[0])] = _cells(rest[1])
        else:
            raise ValueError(f"{table}: row kind {kind!r} unknown; expected template, country, extra or ambiguous")
    known = {(iso2, branch) for iso2, _, _, branches in countries for branch in branches}
    for pair in list(extras) + list(ambiguous):
        if pair not in known:
            raise ValueError(f"{table}: extra/ambiguous row {pair} names a branch its country row does not list")

    rows = []
    for iso2, english, forms, branches in countries:
        for branch in branches:
            if branch not in templates:
                raise ValueError(f"{table}: country {iso2}: no template for branch {branch!r}")
            name_template, alias_templates = templates[branch]
            extra = extras.get((iso2, branch), {"name": None, "aliases": [], "acronyms": []})
            name = extra["name"] or name_template.replace("{en}", english)
            aliases: list[str] = []
            for template in alias_templates:
                for text in _expand(template, english, forms):
                    _add(aliases, text, name)
            for text in extra["aliases"] + extra["acronyms"]:
                _add(aliases, text, name)
            row = {"id": f"{iso2.lower()}_{branch}", "name": name, "aliases": aliases,
                   "acronyms": extra["acronyms"], "kind": "state force", "countries": [iso2],
                   "parent": None, "branch": branch, "source": SOURCE, "generated": GENERATED_FROM}
            if (iso2, branch) in ambiguous:
                row["ambiguous_aliases"] = ambiguous[(iso2, branch)]
            rows.append(row)
    return rows


def merged_rows(actors_path: Path | None = None, table: Path | None = None) -> list[dict]:
    """actors.jsonl as it should be: the generated state forces, then the hand-written rows."""
    actors_path = actors_path or data_path("gazetteers", "actors.jsonl")
    hand = [row for row in read_jsonl(actors_path) if row.get("generated") != GENERATED_FROM] if actors_path.exists() else []
    return build_rows(table) + hand


def dumps(rows: list[dict]) -> str:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def main(argv: list[str]) -> int:
    actors_path = data_path("gazetteers", "actors.jsonl")
    text = dumps(merged_rows(actors_path))
    if "--check" in argv:
        current = actors_path.read_text(encoding="utf-8") if actors_path.exists() else ""
        if current != text:
            print(f"{actors_path}: out of date with {GENERATED_FROM}; run scripts/build_state_forces.py", file=sys.stderr)
            return 1
        return 0
    actors_path.write_text(text, encoding="utf-8")
    print(f"{actors_path}: {text.count(chr(10))} rows", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
