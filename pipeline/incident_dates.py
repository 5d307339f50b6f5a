"""incident_dates: find French news time expressions and resolve them against the publication date.

News dates are relative ("mardi soir", "la veille", "fin janvier"), so every expression is resolved against
`Doc._.publication_date` with the coders' rules (shared/corpus/GOLD_FORMAT.md): a bare weekday is the most recent
such day on or before publication, years are the most recent past ones, "fin/début/mi-" cover days 21-31/1-10/11-20,
a season covers its months (winter = Dec-Feb), a night "de samedi à dimanche" spans both days.

How it works: one regex scan of the text (assembled from the `data/lexicons/fr_dates_*.tsv` word lists) finds small atoms
(a weekday, a date, a part of day, "il y a trois jours", "depuis", ...). Atoms separated only by spaces, commas or one
glue word ("de", "à", "du", ...) form one expression, which `interpret_atoms` resolves. Expressions the rules find but
cannot resolve (an abbreviated month "3 janv.", an impossible date) go to dateparser, never whole texts.

Decisions the gold does not settle (documented here, tested in tests/test_incident_dates.py):
- "dans la nuit de lundi" is the night that starts on Monday (Mon..Tue), unless Tuesday is after publication and the
  verb is not future (then Sun..Mon). "dans la nuit" with no day anywhere before it in the article is
  publication-1..publication; after a resolved day it is a time of day (kind "time_of_day") the caller attaches.
- "mardi dernier" is strictly before publication (published on a Tuesday, it is a week ago); bare "mardi" may be the
  publication day itself. "mardi prochain" is strictly after publication; a bare weekday under a future verb is the next
  such day on or after publication.
- "la semaine dernière" is the seven days before publication (as the coders coded "durant la semaine dernière").
- Anaphora ("la veille", "deux jours plus tard") count from the start of the previous day-precise point date.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import srsly
from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.tokens import Doc, Span

from pipeline.doc_context import require_publication_date, text_of
from pipeline.resources import data_path, read_tsv

# Lexicon tables: name -> (file name under data/lexicons/, number of columns).
LEXICON_FILES: dict[str, tuple[str, int]] = {
    "weekdays": ("fr_dates_weekdays.tsv", 2),
    "months": ("fr_dates_months.tsv", 2),
    "numbers": ("fr_dates_numbers.tsv", 2),
    "units": ("fr_dates_units.tsv", 3),
    "seasons": ("fr_dates_seasons.tsv", 3),
    "hour_parts": ("fr_dates_hour_parts.tsv", 3),
    "day_parts": ("fr_dates_day_parts.tsv", 4),
    "phrases": ("fr_dates_phrases.tsv", 4),
    "markers": ("fr_dates_markers.tsv", 3),
}

PRECISIONS = ("day", "week", "month", "season", "year", "unknown")
KINDS = ("point", "since", "time_of_day", "anaphoric")

for _name, _default in (
    ("event_date", None),
    ("date_end", None),
    ("date_precision", None),
    ("day_part", None),
    ("date_kind", None),
    ("date_future", False),
    ("date_warnings", ()),
    ("date_source", None),
    ("date_anchor", None),
):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=_default)


@dataclass(frozen=True)
class ResolvedDate:
    """One resolved time expression; `start`/`end` are None for a bare time of day or an undated "since"."""

    start: date | None
    end: date | None
    precision: str
    part_of_day: str | None
    kind: str
    warnings: tuple[str, ...] = ()
    future: bool = False
    source: str = "rules"
    anchor: date | None = field(default=None, compare=False)  # the date an anaphoric expression counts from ("un jour après" that day)


@dataclass
class Atom:
    """One matched piece of an expression: its family, char offsets and the regex groups that matched."""

    kind: str
    start: int
    end: int
    groups: dict = field(default_factory=dict)


# Atom families: which ones carry a day and which a longer period (an expression holds at most one anchor, except
# weekday + date and two weekdays or dates joined by "à"/"au").
_DAY = {"deictic", "anaphoric", "rel", "ago", "date", "weekday", "night_before", "loose"}
_PERIOD = {"period", "recent", "since_phrase", "since_n", "monthpos", "season", "month", "year"}
_UNRESOLVED = object()


# ---------------------------------------------------------------------------------------------------------------
# Calendar helpers


def resolve_weekday(weekday_index: int, reference_date: date, future: bool = False, strict: bool = False) -> date:
    """The most recent day with this weekday on or before `reference_date` (after it when `future`); `strict`
    excludes the reference day itself ("mardi dernier", "mardi prochain")."""
    if future:
        delta = (weekday_index - reference_date.weekday()) % 7
        if strict and delta == 0:
            delta = 7
        return reference_date + timedelta(days=delta)
    delta = (reference_date.weekday() - weekday_index) % 7
    if strict and delta == 0:
        delta = 7
    return reference_date - timedelta(days=delta)


def add_months(day: date, months: int) -> date:
    """`day` moved by whole months, clamped to the end of the target month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def month_range(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def resolve_month_year(month: int, reference_date: date, future: bool = False, strict: bool = False) -> int:
    """Year of the most recent `month` that has begun by `reference_date` (the next one that has not ended when
    `future`); `strict` excludes the publication month ("en mars dernier" published in March is last year's)."""
    if future:
        later = month > reference_date.month or (month == reference_date.month and not strict)
        return reference_date.year if later else reference_date.year + 1
    earlier = month < reference_date.month or (month == reference_date.month and not strict)
    return reference_date.year if earlier else reference_date.year - 1


def resolve_day_month(day: int, month: int, reference_date: date, future: bool = False) -> date:
    """The date day/month in the most recent past year (on or before the reference), or the next one when `future`.
    Raises ValueError for a day that no nearby year has (31 April)."""
    candidates = []
    for year in (reference_date.year - 1, reference_date.year, reference_date.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if future:
        later = [c for c in candidates if c >= reference_date]
        if later:
            return min(later)
    else:
        earlier = [c for c in candidates if c <= reference_date]
        if earlier:
            return max(earlier)
    if not candidates:
        raise ValueError(f"no date {day}/{month}")
    return max(candidates)


def resolve_season(first_month: int, last_month: int, reference_date: date, mode: str, future: bool = False,
                   year: int | None = None) -> tuple[date, date]:
    """A season as (first day, last day). mode "this": the season containing the reference, else the most recent
    (next when `future`); "last": the most recent one that ended before the reference; "next": the next one.
    A written year names the year the season ends in (winter 2014 = Dec 2013..Feb 2014)."""

    def bounds(start_year: int) -> tuple[date, date]:
        end_year = start_year + 1 if first_month > last_month else start_year
        return month_range(start_year, first_month)[0], month_range(end_year, last_month)[1]

    if year is not None:
        return bounds(year - 1 if first_month > last_month else year)
    options = [bounds(y) for y in range(reference_date.year - 2, reference_date.year + 2)]
    if mode == "last":
        return max(o for o in options if o[1] < reference_date)
    if mode == "next" or future:
        later = [o for o in options if o[0] > reference_date or (mode != "next" and o[1] >= reference_date)]
        return min(later)
    return max(o for o in options if o[0] <= reference_date)


# ---------------------------------------------------------------------------------------------------------------
# Lexicon and grammar


def _compact(text: str) -> str:
    """Lookup key that ignores case, spaces, hyphens and the kind of apostrophe ("week-end" = "weekend")."""
    return re.sub(r"[\s'’\-‑–]+", "", text.lower())


def _phrase_pieces(phrase: str) -> list[str]:
    """A phrase as regex pieces, one per character, so that phrases can share a prefix tree."""
    pieces = []
    for char in phrase.lower():
        if char in "'’":
            pieces.append(r"['’]\s*")
        elif char == " ":
            pieces.append(r"\s+")
        elif char in "-‑":
            pieces.append(r"[-‑\s]?")
        else:
            pieces.append(re.escape(char))
    return pieces


def _alternation(phrases: Iterable[str]) -> str:
    """One regex for many phrases, as a prefix tree: Python's re tries alternatives one by one, so a flat list of
    hundreds of phrases at every word start is what made the first version slow. Longer phrases win over their
    prefixes because a branch that continues is tried before the one that ends."""
    trie: dict = {}
    for phrase in set(phrases):
        node = trie
        for piece in _phrase_pieces(phrase):
            node = node.setdefault(piece, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [piece + emit(child) for piece, child in sorted(node.items()) if piece]
        if not branches:
            return ""
        optional = "" in node
        if len(branches) == 1 and not optional:
            return branches[0]
        return "(?:" + "|".join(branches) + ")" + ("?" if optional else "")

    return "(?:" + emit(trie) + ")"


def load_tables(directory: Path | None = None) -> dict[str, list[list[str]]]:
    """Read every fr_dates_* lexicon from `directory` (default data/lexicons/); errors name file and line."""
    tables = {}
    for name, (file_name, columns) in LEXICON_FILES.items():
        path = Path(directory) / file_name if directory is not None else data_path("lexicons", file_name)
        tables[name] = read_tsv(path, columns=columns)
    return tables


class Grammar:
    """The compiled regex and lookup dictionaries built from the lexicon tables."""

    def __init__(self, tables: dict[str, list[list[str]]]):
        self.tables = tables
        self.weekdays = {_compact(w): int(i) for w, i in tables["weekdays"]}
        self.weekday_names = {int(i): w for w, i in tables["weekdays"]}
        self.months = {_compact(w): int(m) for w, m in tables["months"]}
        self.numbers = {_compact(w): int(v) for w, v in tables["numbers"]}
        self.units = {_compact(w): (u, int(s)) for w, u, s in tables["units"]}
        self.seasons = {_compact(w): (int(a), int(b)) for w, a, b in tables["seasons"]}
        self.hour_parts = [(int(a), int(b), p) for a, b, p in tables["hour_parts"]]
        self.day_parts = {_compact(p): (part, role, overnight == "1") for p, part, role, overnight in tables["day_parts"]}
        self.phrases = {_compact(p): (code, value, None if part == "-" else part) for p, code, value, part in
                        tables["phrases"]}
        roles: dict[str, dict[str, str]] = {}
        for phrase, role, value in tables["markers"]:
            roles.setdefault(role, {})[_compact(phrase)] = value
        self.roles = roles
        raw_roles: dict[str, list[str]] = {}
        for phrase, role, _value in tables["markers"]:
            raw_roles.setdefault(role, []).append(phrase)

        def alt(role: str) -> str:
            return _alternation(raw_roles[role])

        year = r"(?:19|20)\d\d"
        number = "(?:" + _alternation(w for w, _ in tables["numbers"]) + "|" + alt("few") + r"|\d{1,3})"
        units = _alternation(w for w, _, _ in tables["units"])
        months = _alternation(w for w, _ in tables["months"])
        weekdays = _alternation(w for w, _ in tables["weekdays"])
        seasons = _alternation(w for w, _, _ in tables["seasons"])
        last_or_next = "(?:" + alt("last") + "|" + alt("next") + ")"
        hours = r"\d{1,2}\s*(?:h|heures?)(?:\s*\d{2})?"
        families = [
            rf"(?P<ph>{_alternation(p for p, *_ in tables['phrases'])})",
            rf"(?P<hskip>de\s+{hours}\s*(?:à|a|-)\s*{hours})",
            rf"(?P<ago>{alt('ago')})\s+(?:(?P<ago_q>{alt('approx')})\s*)?(?P<ago_n>{number})\s+(?P<ago_u>{units})",
            rf"(?P<sn>{alt('since')})\s+(?:(?P<sn_q>{alt('approx')})\s*)?(?P<sn_n>{number})\s+(?P<sn_u>{units})",
            rf"(?P<rel_n>{number})\s+(?P<rel_u>{units})\s+(?P<rel_d>{alt('after')}|{alt('before')})",
            rf"(?P<nd_d>\d{{1,2}})[/.](?P<nd_m>\d{{1,2}})[/.](?P<nd_y>{year}|\d\d)",
            rf"(?P<iso_y>{year})-(?P<iso_m>\d\d)-(?P<iso_d>\d\d)",
            rf"(?P<dt_d>1er|premier|\d{{1,2}})(?:\s*(?:au|-|–|et)\s*(?P<dt_d2>1er|\d{{1,2}}))?\s+(?P<dt_m>{months})"
            rf"(?:\s+(?P<dt_y>{year}))?(?:\s+(?P<dt_l>{last_or_next}))?",
            rf"(?P<loose>\d{{1,2}}(?:er)?\s+[^\W\d_]{{3,5}}\.(?:\s*{year})?)",
            rf"(?P<mp>{alt('month_position')})(?:\s*-\s*|\s+)(?:(?:de|d['’])\s*)?(?P<mp_m>{months}|{year})"
            rf"(?:\s+(?P<mp_y>{year}))?",
            rf"(?P<se_pre>{alt('season_prefix')})\s*(?P<se>{seasons})(?:\s+(?P<se_y>{year}))?(?:\s+(?P<se_l>{last_or_next}))?",
            rf"(?:(?P<mo_pre>{alt('month_trigger')})\s+)?(?P<mo>{months})(?:\s+(?P<mo_y>{year}))?"
            rf"(?:\s+(?P<mo_l>{last_or_next}))?",
            rf"(?:(?P<yr_pre>{alt('year_trigger')})\s+)?(?P<yr>{year})",
            rf"(?:(?P<wd_this>{alt('this')})\s+)?(?P<wd>{weekdays})(?:\s+(?P<wd_l>{last_or_next}))?",
            rf"(?P<tm_pre>{alt('time_prefix')})\s+(?P<tm_h>\d{{1,2}})\s*(?:h|heures?)\s*(?P<tm_m>\d{{2}})?"
            rf"(?:\s*(?P<tm_s>{alt('time_suffix')}))?(?!\s+(?:de|d['’])\s*{alt('not_after_hours')})",
            rf"(?P<pt>{_alternation(p for p, *_ in tables['day_parts'])})",
            rf"(?P<si>{alt('since')})",
        ]
        self.regex = re.compile(r"(?<!\w)(?:" + "|".join(families) + r")(?!\w)", re.IGNORECASE)
        self.glue = set(roles["glue"])
        # Speed: Python's re pays for IGNORECASE and for named groups at every position. The scan runs an unnamed,
        # case-sensitive copy over the lowercased text (3x faster); the named pattern then re-reads only the hits.
        pattern = r"(?<!\w)(?:" + "|".join(families) + r")(?!\w)"
        self.named_lower = re.compile(pattern)
        self.scanner = re.compile(re.sub(r"\(\?P<\w+>", "(?:", pattern))

    # -- finding ---------------------------------------------------------------------------------------------

    def atoms(self, text: str) -> list[Atom]:
        """The atoms of a text, in order (see Grammar.__init__ for the two-pattern scan)."""
        lowered = text.lower()
        if len(lowered) != len(text):  # a character whose lower case is longer ("İ"): offsets would shift
            return self.atoms_reference(text)
        found = []
        for hit in self.scanner.finditer(lowered):
            match = self.named_lower.match(lowered, hit.start())
            groups = {k: v for k, v in match.groupdict().items() if v is not None}
            found.append(Atom(self._family(groups), match.start(), match.end(), groups))
        return found

    def atoms_reference(self, text: str) -> list[Atom]:
        """The same atoms from the plain named, case-insensitive pattern (slower; the reference for tests)."""
        found = []
        for match in self.regex.finditer(text):
            groups = {k: v for k, v in match.groupdict().items() if v is not None}
            found.append(Atom(self._family(groups), match.start(), match.end(), groups))
        return found

    def _family(self, groups: dict) -> str:
        if "ph" in groups:
            code = self.phrases[_compact(groups["ph"])][0]
            return {"skip": "skip", "deictic": "deictic", "anaphoric": "anaphoric", "night_before": "night_before",
                    "recent": "recent"}.get(code, "since_phrase" if code.startswith("since") else "period")
        for key, family in (("hskip", "skip"), ("ago", "ago"), ("sn", "since_n"), ("rel_n", "rel"), ("nd_d", "date"),
                            ("iso_y", "date"), ("dt_d", "date"), ("loose", "loose"), ("mp", "monthpos"),
                            ("se", "season"), ("mo", "month"), ("yr", "year"), ("wd", "weekday"), ("tm_h", "time"),
                            ("pt", "part"), ("si", "since")):
            if key in groups:
                return family
        raise AssertionError(groups)

    def _glued(self, gap: str) -> str | None:
        """The glue word between two atoms ("" for none), or None when the gap separates two expressions."""
        if "\n" in gap or len(gap) > 12:
            return None
        word = gap.strip(" \t,()").lower().replace("’", "'")
        if not word:
            return ""
        return word if _compact(word) in self.glue else None

    def expressions(self, text: str) -> list[list[Atom]]:
        """Atoms grouped into expressions (see the module docstring)."""
        groups: list[list[Atom]] = []
        for atom in self.atoms(text):
            if groups:
                current = groups[-1]
                glue = self._glued(text[current[-1].end:atom.start])
                if glue is not None and self._can_join(current, atom, glue):
                    current.append(atom)
                    continue
            groups.append([atom])
        return groups

    @staticmethod
    def _can_join(group: list[Atom], atom: Atom, glue: str) -> bool:
        if atom.kind in ("skip", "since") or any(a.kind == "skip" for a in group):
            return False
        if atom.kind in ("part", "time"):
            return True
        anchors = [a.kind for a in group if a.kind in _DAY or a.kind in _PERIOD]
        if not anchors:
            return True
        ranged = glue in ("à", "au", "a")
        if atom.kind == "weekday":
            return anchors == ["deictic"] or (anchors == ["weekday"] and ranged)
        if atom.kind == "date":
            return anchors in (["weekday"], ["deictic"]) or (anchors in (["date"], ["weekday", "date"]) and ranged)
        return False

    # -- resolving -------------------------------------------------------------------------------------------

    def hour_part(self, hour: int) -> str | None:
        for low, high, part in self.hour_parts:
            if low <= hour < high:
                return part
        return None

    def _count(self, word: str) -> tuple[int, int]:
        key = _compact(word)
        if key.isdigit():
            return int(key), int(key)
        if key in self.numbers:
            return self.numbers[key], self.numbers[key]
        low, high = self.roles["few"][key].split("-")
        return int(low), int(high)

    def _weekday_check(self, weekday_atom: Atom | None, day: date, pub: date) -> tuple[str, ...]:
        if weekday_atom is None:
            return ()
        named = self.weekdays[_compact(weekday_atom.groups["wd"])]
        if named == day.weekday():
            return ()
        message = (f"weekday '{weekday_atom.groups['wd']}' contradicts {day.isoformat()} "
                   f"(a {self.weekday_names[day.weekday()]})")
        for year in sorted(range(pub.year - 6, pub.year + 2), key=lambda y: abs(y - day.year)):
            try:
                other = day.replace(year=year)
            except ValueError:
                continue
            if other.weekday() == named and other != day:
                message += f"; it fits {other.isoformat()}: is the publication date right?"
                break
        return (message,)

    def _date_atom(self, atom: Atom, pub: date, future: bool) -> tuple[date, date]:
        g = atom.groups
        if "nd_d" in g:
            year = int(g["nd_y"])
            year = year + 2000 if year < 100 else year
            day = date(year, int(g["nd_m"]), int(g["nd_d"]))
            return day, day
        if "iso_y" in g:
            day = date(int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"]))
            return day, day
        month = self.months[_compact(g["dt_m"])]
        first = 1 if g["dt_d"].lower() in ("1er", "premier") else int(g["dt_d"])
        last = None
        if "dt_d2" in g:
            last = 1 if g["dt_d2"].lower() == "1er" else int(g["dt_d2"])
        if "dt_y" in g:
            end = date(int(g["dt_y"]), month, last or first)
        else:
            end = resolve_day_month(last or first, month, pub, future)
        if last is None:
            return end, end
        start_month = add_months(end.replace(day=1), -1) if last < first else end.replace(day=1)
        return start_month.replace(day=first), end

    def _ago(self, atom: Atom, pub: date) -> tuple[date, date, str]:
        g = atom.groups
        low, high = self._count(g["ago_n"])
        unit, slack = self.units[_compact(g["ago_u"])]

        def back(count: int) -> date:
            return {"day": lambda: pub - timedelta(days=count), "week": lambda: pub - timedelta(days=7 * count),
                    "month": lambda: add_months(pub, -count), "year": lambda: add_months(pub, -12 * count)}[unit]()

        if low != high:
            return back(high), back(low), "week" if unit == "day" else unit
        center = back(low)
        approx = self.roles["approx"].get(_compact(g.get("ago_q", "")), None)
        margin = max(slack, 1) if approx else slack
        start, end = {None: (center - timedelta(days=margin), center + timedelta(days=margin)),
                      "less": (center, center + timedelta(days=2 * margin)),
                      "more": (center - timedelta(days=2 * margin), center),
                      "about": (center - timedelta(days=2 * margin), center + timedelta(days=2 * margin))}[approx]
        end = min(end, pub)
        precision = unit if start == end or unit != "day" else "week"
        return start, end, precision

    def interpret(self, atoms: list[Atom], pub: date, previous: date | None = None, future: bool = False):
        """Resolve one expression: a ResolvedDate, None when it is not a date, or _UNRESOLVED for dateparser."""
        kinds = [a.kind for a in atoms]
        if "skip" in kinds:
            return None
        since = "since" in kinds
        anchors = [a for a in atoms if a.kind in _DAY or a.kind in _PERIOD]
        parts = [self.day_parts[_compact(a.groups["pt"])] for a in atoms if a.kind == "part"]
        times = [a for a in atoms if a.kind == "time"]
        says_next = any(_compact(a.groups.get(k, "")) in self.roles["next"] for a in atoms for k in ("wd_l", "mo_l", "se_l", "dt_l"))
        says_last = any(_compact(a.groups.get(k, "")) in self.roles["last"] for a in atoms for k in ("wd_l", "mo_l", "se_l", "dt_l"))
        future = future or says_next
        hour = None
        if times:
            g = times[0].groups
            hour = int(g["tm_h"])
            if hour > 24 or int(g.get("tm_m") or 0) > 59:
                return None
            if hour < 12:
                hour += int(self.roles["time_suffix"].get(_compact(g.get("tm_s", "")), 0) or 0)
        part = parts[0][0] if parts else None
        phrase_part = None
        overnight = any(p[2] for p in parts)
        if part is None and hour is not None:
            part = self.hour_part(hour % 24)

        if not anchors:
            if since or not (times or any(p[1] == "free" for p in parts)):
                return None
            if part == "night" and overnight and previous is None:
                return ResolvedDate(pub - timedelta(days=1), pub, "day", "night", "point", future=future)
            return ResolvedDate(None, None, "unknown", part, "time_of_day", future=future)

        kind = "point"
        anchor_date = None
        warnings: tuple[str, ...] = ()
        weekday_atoms = [a for a in anchors if a.kind == "weekday"]
        first_weekday = weekday_atoms[0] if weekday_atoms else None
        anchor = next((a for a in anchors if a.kind != "weekday"), None)
        precision = "day"

        if anchor is None:
            indexes = [self.weekdays[_compact(a.groups["wd"])] for a in weekday_atoms]
            if len(indexes) == 2:
                end = resolve_weekday(indexes[1], pub, future=future)
                start = end - timedelta(days=(indexes[1] - indexes[0]) % 7 or 7)
            else:
                start = end = resolve_weekday(indexes[0], pub, future=future, strict=says_last or says_next)
        elif anchor.kind == "loose":
            abbreviation = _compact(anchor.groups["loose"].split()[-1].rstrip("."))
            if abbreviation in self.units or abbreviation in self.numbers:
                return None  # "âgé de 7 ans." at the end of a sentence is an age, not "7 janv."
            return _UNRESOLVED
        elif anchor.kind == "date":
            try:
                dates = [self._date_atom(a, pub, future) for a in anchors if a.kind == "date"]
            except ValueError:
                return _UNRESOLVED
            start, end = dates[0][0], dates[-1][1]
            warnings = self._weekday_check(first_weekday, start, pub)
        elif anchor.kind == "deictic":
            _code, value, phrase_part = self.phrases[_compact(anchor.groups["ph"])]
            start = end = pub + timedelta(days=int(value))
            future = future or int(value) > 0
            warnings = self._weekday_check(first_weekday, start, pub)
            if warnings and int(value) <= 0 and abs(int(value)) <= 1:
                # "« Aujourd'hui (dimanche) »" quoted in Monday's paper: the speaker's today is the named weekday
                named = self.weekdays[_compact(first_weekday.groups["wd"])]
                back = (pub.weekday() - named) % 7
                if back <= 2:
                    start = end = pub - timedelta(days=back)
                    warnings = ()
        elif anchor.kind == "night_before":
            start, end = pub - timedelta(days=1), pub
            phrase_part = "night"
            if hour is not None and hour < 5:
                start = pub
            elif hour is not None and hour >= 18:
                end = start
        elif anchor.kind in ("anaphoric", "rel"):
            kind = "anaphoric"
            base = anchor_date = previous or pub
            if anchor.kind == "anaphoric":
                _code, value, phrase_part = self.phrases[_compact(anchor.groups["ph"])]
                start = end = base + timedelta(days=int(value))
            else:
                g = anchor.groups
                sign = int(self.roles["after"].get(_compact(g["rel_d"]), self.roles["before"].get(_compact(g["rel_d"]), 1)))
                low, high = self._count(g["rel_n"])
                unit, _slack = self.units[_compact(g["rel_u"])]
                step = {"day": lambda n: timedelta(days=n), "week": lambda n: timedelta(days=7 * n)}
                if unit in step:
                    near, far = base + sign * step[unit](low), base + sign * step[unit](high)
                else:
                    months = 1 if unit == "month" else 12
                    near, far = add_months(base, sign * low * months), add_months(base, sign * high * months)
                start, end = min(near, far), max(near, far)
                precision = unit if unit != "day" or low != high else "day"
                if unit == "day" and low != high:
                    precision = "week"
        elif anchor.kind == "ago":
            start, end, precision = self._ago(anchor, pub)
        elif anchor.kind == "since_n":
            g = anchor.groups
            _low, high = self._count(g["sn_n"])
            unit, _slack = self.units[_compact(g["sn_u"])]
            days = {"day": 1, "week": 7}.get(unit)
            start = pub - timedelta(days=days * high) if days else add_months(pub, -high * (1 if unit == "month" else 12))
            return ResolvedDate(start, pub, unit, part, "since", future=False)
        elif anchor.kind == "recent":
            value = self.phrases[_compact(anchor.groups["ph"])][1]
            days, recent_precision = value.split(":")
            return ResolvedDate(pub - timedelta(days=int(days)), pub, recent_precision, None, "since")
        elif anchor.kind == "since_phrase":
            code = self.phrases[_compact(anchor.groups["ph"])][0]
            if code == "since_year_start":
                return ResolvedDate(date(pub.year, 1, 1), pub, "month", None, "since")
            if code == "since_month_start":
                return ResolvedDate(pub.replace(day=1), pub, "month", None, "since")
            return ResolvedDate(None, pub, "unknown", None, "since")
        elif anchor.kind == "period":
            start, end, precision = self._period(self.phrases[_compact(anchor.groups["ph"])][0], pub, future)
        elif anchor.kind == "month":
            g = anchor.groups
            if not (g.get("mo_pre") or g.get("mo_y") or g.get("mo_l") or since):
                return None
            month = self.months[_compact(g["mo"])]
            year = int(g["mo_y"]) if "mo_y" in g else resolve_month_year(month, pub, future, strict=says_last or says_next)
            start, end = month_range(year, month)
            precision = "month"
        elif anchor.kind == "monthpos":
            g = anchor.groups
            days, months_of_year = self.roles["month_position"][_compact(g["mp"])].split("|")
            target = g["mp_m"]
            if target.isdigit():
                first, last = (int(x) for x in months_of_year.split("-"))
                start, end = month_range(int(target), first)[0], month_range(int(target), last)[1]
                precision = "year" if (first, last) == (1, 12) else "season"
            else:
                month = self.months[_compact(target)]
                year = int(g["mp_y"]) if "mp_y" in g else resolve_month_year(month, pub, future)
                first, last = (int(x) for x in days.split("-"))
                month_start, month_end = month_range(year, month)
                start, end = month_start.replace(day=first), month_end.replace(day=min(last, month_end.day))
                precision = "month"
        elif anchor.kind == "season":
            g = anchor.groups
            first, last = self.seasons[_compact(g["se"])]
            mode = "last" if says_last else "next" if says_next else "this"
            start, end = resolve_season(first, last, pub, mode, future, int(g["se_y"]) if "se_y" in g else None)
            precision = "season"
        elif anchor.kind == "year":
            g = anchor.groups
            if not (g.get("yr_pre") or since):
                return None
            year = int(g["yr"])
            start, end, precision = date(year, 1, 1), date(year, 12, 31), "year"
        else:  # pragma: no cover - every family is handled above
            raise AssertionError(anchor.kind)

        part = part or phrase_part
        if precision == "day" and start == end and part == "night" and overnight and kind == "point":
            if start + timedelta(days=1) <= pub or future:
                end = start + timedelta(days=1)
            else:
                start = start - timedelta(days=1)
        written_range = len(weekday_atoms) == 2 or (anchor is not None and anchor.kind == "date" and start != end)
        if written_range and (end - start).days == 1 and part in ("evening", "night"):
            part = "night"  # "dans la soirée de dimanche à lundi" is a night
        if since:
            if part is not None and precision == "day":
                return ResolvedDate(start, pub, precision, part, "point", warnings, future)
            return ResolvedDate(start, pub, precision, None, "since", warnings, False)
        after_publication = start is not None and start > pub
        if after_publication and not future:
            warnings += (f"resolves to {start.isoformat()}, after publication, with no sign of the future",)
        return ResolvedDate(start, end, precision, part, kind, warnings, future, anchor=anchor_date)

    @staticmethod
    def _period(code: str, pub: date, future: bool) -> tuple[date, date, str]:
        if code == "week_last":
            return pub - timedelta(days=7), pub - timedelta(days=1), "week"
        if code == "week_this":
            monday = pub - timedelta(days=pub.weekday())
            return (pub, monday + timedelta(days=6), "week") if future else (monday, pub, "week")
        if code == "weekend_last":
            sunday = resolve_weekday(6, pub, strict=True)
            return sunday - timedelta(days=1), sunday, "week"
        if code == "weekend_this":
            if pub.weekday() == 5:
                return pub, pub + timedelta(days=1), "week"
            if future:
                saturday = resolve_weekday(5, pub, future=True)
                return saturday, saturday + timedelta(days=1), "week"
            sunday = resolve_weekday(6, pub)
            return sunday - timedelta(days=1), sunday, "week"
        if code == "month_last":
            start, end = month_range(*(lambda d: (d.year, d.month))(add_months(pub.replace(day=1), -1)))
            return start, end, "month"
        if code == "month_this":
            start, end = month_range(pub.year, pub.month)
            return (pub, end, "month") if future else (start, pub, "month")
        if code == "year_last":
            return date(pub.year - 1, 1, 1), date(pub.year - 1, 12, 31), "year"
        if code == "year_this":
            return (pub, date(pub.year, 12, 31), "year") if future else (date(pub.year, 1, 1), pub, "year")
        raise ValueError(f"incident_dates: unknown phrase code {code!r} in fr_dates_phrases.tsv")


@lru_cache(maxsize=1)
def default_grammar() -> Grammar:
    return Grammar(load_tables())


# ---------------------------------------------------------------------------------------------------------------
# dateparser fallback


@lru_cache(maxsize=4096)
def parse_with_dateparser(text: str, publication_date: date, future: bool = False) -> date | None:
    """dateparser on ONE candidate expression with news settings (French, relative to publication, past first)."""
    import dateparser

    settings = {
        "RELATIVE_BASE": datetime.combine(publication_date, time(12, 0)),
        "PREFER_DATES_FROM": "future" if future else "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    parsed = dateparser.parse(text, languages=["fr"], settings=settings)
    return parsed.date() if parsed else None


def _fallback(text: str, publication_date: date, future: bool) -> ResolvedDate | None:
    day = parse_with_dateparser(text, publication_date, future)
    if day is None:
        return None
    return ResolvedDate(day, day, "day", None, "point", future=future or day > publication_date, source="dateparser")


# ---------------------------------------------------------------------------------------------------------------
# Plain function


def resolve_time_expression(text: str, publication_date: date, previous_date: date | None = None,
                            future: bool = False, grammar: Grammar | None = None) -> ResolvedDate | None:
    """The first time expression in `text` resolved against `publication_date` (None when there is none)."""
    grammar = grammar or default_grammar()
    for atoms in grammar.expressions(text):
        resolved = grammar.interpret(atoms, publication_date, previous_date, future)
        if resolved is _UNRESOLVED:
            resolved = _fallback(text[atoms[0].start:atoms[-1].end], publication_date, future)
        if resolved is not None:
            return resolved
    return None


# ---------------------------------------------------------------------------------------------------------------
# Component


def _governed_by_future(span: Span) -> bool:
    """True when the verb that governs the span is in the future tense ("aura lieu", "va se rendre")."""
    token = span.root
    for _ in range(3):
        if token.pos_ in ("VERB", "AUX") or token.head is token:
            break
        token = token.head
    if "Fut" in token.morph.get("Tense"):
        return True
    for child in token.children:
        if child.dep_.startswith("aux"):
            if "Fut" in child.morph.get("Tense"):
                return True
            if child.lemma_ == "aller" and "Pres" in child.morph.get("Tense") and "Inf" in token.morph.get("VerbForm"):
                return True
    return False


_FUTURE_SENSITIVE = {"weekday", "date", "month", "monthpos", "season", "period"}


class IncidentDates(Pipe):
    """Writes `doc.spans[spans_key]`: the time expressions of a Doc, each resolved on `Span._.event_date` & co."""

    def __init__(self, nlp: Language, name: str = "incident_dates", *, spans_key: str = "dates",
                 use_dateparser: bool = True, detect_future: bool = True):
        self.nlp = nlp
        self.name = name
        self.spans_key = spans_key
        self.use_dateparser = use_dateparser
        self.detect_future = detect_future
        self._tables: dict[str, list[list[str]]] | None = None
        self._grammar: Grammar | None = None

    @property
    def grammar(self) -> Grammar:
        if self._grammar is None:
            if self._tables is None:
                self._grammar = default_grammar()
                self._tables = self._grammar.tables
            else:
                self._grammar = Grammar(self._tables)
        return self._grammar

    def initialize(self, get_examples=None, *, nlp=None, data_dir=None):
        """(Re)load the fr_dates_* lexicons, from the folder `data_dir` (str or Path) when given. No annotations here:
        spaCy validates initialize() settings from the signature, and string annotations would not resolve."""
        self._tables = load_tables(Path(data_dir) if data_dir is not None else None)
        self._grammar = Grammar(self._tables)

    def __call__(self, doc: Doc) -> Doc:
        error_handler = self.get_error_handler()
        try:
            found = self.match(doc)
            self.set_annotations(doc, found)
            return doc
        except Exception as error:
            error_handler(self.name, self, [doc], error)
            return doc

    def match(self, doc: Doc) -> list[tuple[Span, ResolvedDate]]:
        publication_date = require_publication_date(doc, self.name)
        grammar = self.grammar
        parsed = self.detect_future and doc.has_annotation("MORPH") and doc.has_annotation("DEP")
        previous: date | None = None
        found = []
        for atoms in grammar.expressions(text_of(doc)):
            span = doc.char_span(atoms[0].start, atoms[-1].end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            future = bool(parsed and any(a.kind in _FUTURE_SENSITIVE for a in atoms) and _governed_by_future(span))
            resolved = grammar.interpret(atoms, publication_date, previous, future)
            if resolved is _UNRESOLVED:
                resolved = _fallback(span.text, publication_date, future) if self.use_dateparser else None
            if resolved is None:
                continue
            found.append((span, resolved))
            if resolved.kind in ("point", "anaphoric") and resolved.precision == "day" and resolved.start:
                previous = resolved.start
        return found

    def set_annotations(self, doc: Doc, found: list[tuple[Span, ResolvedDate]]) -> None:
        spans = []
        for span, resolved in found:
            span._.event_date = resolved.start
            span._.date_end = resolved.end
            span._.date_precision = resolved.precision
            span._.day_part = resolved.part_of_day
            span._.date_kind = resolved.kind
            span._.date_future = resolved.future
            span._.date_warnings = resolved.warnings
            span._.date_source = resolved.source
            span._.date_anchor = resolved.anchor
            spans.append(span)
        doc.spans[self.spans_key] = spans

    # -- serialization: the lexicon tables travel with the pipeline ---------------------------------------------

    def _state(self) -> dict:
        self.grammar  # noqa: B018 - loads the packaged tables when initialize() was not called
        return {"tables": self._tables, "cfg": {"spans_key": self.spans_key, "use_dateparser": self.use_dateparser,
                                                "detect_future": self.detect_future}}

    def _load_state(self, state: dict) -> None:
        self._tables = {name: [list(row) for row in rows] for name, rows in state["tables"].items()}
        missing = set(LEXICON_FILES) - set(self._tables)
        if missing:
            raise ValueError(f"{self.name}: saved lexicons lack tables {sorted(missing)}; expected {sorted(LEXICON_FILES)}")
        for key, value in state.get("cfg", {}).items():
            setattr(self, key, value)
        self._grammar = Grammar(self._tables)

    def to_bytes(self, *, exclude=tuple()) -> bytes:
        return srsly.msgpack_dumps(self._state())

    def from_bytes(self, bytes_data: bytes, *, exclude=tuple()) -> "IncidentDates":
        self._load_state(srsly.msgpack_loads(bytes_data))
        return self

    def to_disk(self, path, *, exclude=tuple()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "lexicons.json", self._state())

    def from_disk(self, path, *, exclude=tuple()) -> "IncidentDates":
        self._load_state(srsly.read_json(Path(path) / "lexicons.json"))
        return self


@Language.factory(
    "incident_dates",
    assigns=["doc.spans", "span._.event_date", "span._.date_end", "span._.date_precision", "span._.day_part",
             "span._.date_kind", "span._.date_future", "span._.date_warnings", "span._.date_source", "span._.date_anchor"],
    default_config={"spans_key": "dates", "use_dateparser": True, "detect_future": True},
)
def make_incident_dates(nlp: Language, name: str, spans_key: str, use_dateparser: bool,
                        detect_future: bool) -> IncidentDates:
    return IncidentDates(nlp, name, spans_key=spans_key, use_dateparser=use_dateparser, detect_future=detect_future)
