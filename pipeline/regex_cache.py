"""A disk cache for the compiled form of the huge regexes that loading the French model compiles.

spaCy's French tokenizer joins every hyphenated or elided word that stays one token into one case-insensitive
alternation of about 1.45 MB (`spacy.lang.fr.tokenizer_exceptions.TOKEN_MATCH`); Python's `re` parses and
compiles it in about 2 s, on every start, before the first article can be read. What `re` builds (the program
that `re._compiler` hands to `_sre.compile`) depends only on the pattern, the flags and the Python build, so it
is kept under the user cache directory, keyed by all three, and turned back into a Pattern in a few
milliseconds. Anything unexpected (another Python, a damaged or missing file, `re` internals that moved) falls
back to a plain compile: the cache can save time, never change a match.

The cache directory is $INCIDENTS_CACHE_DIR, else $XDG_CACHE_HOME/incidents, else ~/.cache/incidents."""
from __future__ import annotations

import hashlib
import logging
import marshal
import os
import re
import sys
import tempfile
from array import array
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

log = logging.getLogger(__name__)

# only patterns this long are worth a file (the French TOKEN_MATCH is ~1.45 M characters; the others are < 20 k)
MIN_PATTERN_CHARS = 100_000
FORMAT = 1
_plain_compile = re.compile  # the real one, also while `cached_large_compiles` stands in for it
_loaded: dict[str, re.Pattern] = {}


def cache_dir() -> Path:
    explicit = os.environ.get("INCIDENTS_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "incidents"


def cache_key(pattern: str, flags: int) -> str:
    """Pattern, flags and everything of the Python build that the compiled program depends on."""
    import _sre

    digest = hashlib.sha256()
    digest.update(f"{FORMAT}|{sys.implementation.cache_tag}|{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}|{flags}|".encode())
    digest.update(pattern.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _program(pattern: str, flags: int) -> tuple:
    """What `re._compiler.compile` passes to `_sre.compile`, computed the same way."""
    from re import _compiler, _parser

    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup)


def _build(pattern: str, program: tuple) -> re.Pattern:
    import _sre

    flags, code, groups, groupindex, indexgroup = program
    return _sre.compile(pattern, flags, code, groups, groupindex, indexgroup)


def _read(path: Path, pattern: str) -> re.Pattern | None:
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    try:
        checksum, payload = blob[:32], blob[32:]
        if hashlib.sha256(payload).digest() != checksum:
            raise ValueError("checksum mismatch")
        flags, code_bytes, groups, groupindex, indexgroup = marshal.loads(payload)
        code = array("I")
        code.frombytes(code_bytes)
        return _build(pattern, (flags, code.tolist(), groups, groupindex, indexgroup))
    except Exception as error:  # a damaged or foreign file: compile afresh and replace it
        log.debug("regex cache %s unusable (%s); compiling", path, error)
        return None


def _write(path: Path, program: tuple) -> None:
    flags, code, groups, groupindex, indexgroup = program
    payload = marshal.dumps((flags, array("I", code).tobytes(), groups, groupindex, indexgroup))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=path.name, suffix=".tmp", delete=False) as handle:
            handle.write(hashlib.sha256(payload).digest() + payload)
        os.replace(handle.name, path)
    except OSError as error:  # a read-only home: no cache, same result
        log.debug("regex cache not written to %s: %s", path, error)


def compile_cached(pattern: str, flags: int = 0, directory: Path | None = None) -> re.Pattern:
    """`re.compile(pattern, flags)`, from the cache when an earlier run compiled the same pattern."""
    flags = int(flags)
    if not isinstance(pattern, str) or flags & re.DEBUG:
        return _plain_compile(pattern, flags)
    key = cache_key(pattern, flags)
    if key in _loaded:
        return _loaded[key]
    path = (directory or cache_dir()) / f"re-{key}.bin"
    compiled = _read(path, pattern)
    if compiled is None:
        try:
            program = _program(pattern, flags)
            compiled = _build(pattern, program)
        except Exception as error:  # re internals not as expected: the plain way
            log.debug("regex cache unavailable (%s)", error)
            return _plain_compile(pattern, flags)
        _write(path, program)
    _loaded[key] = compiled
    return compiled


@contextmanager
def cached_large_compiles(directory: Path | None = None) -> Iterator[None]:
    """While inside, `re.compile` of a pattern of MIN_PATTERN_CHARS or more goes through the cache (spaCy
    compiles its tokenizer patterns with a plain `re.compile` at import and load time)."""
    previous = re.compile

    def compile(pattern, flags=0):
        if isinstance(pattern, str) and len(pattern) >= MIN_PATTERN_CHARS:
            return compile_cached(pattern, flags, directory)
        return previous(pattern, flags)

    re.compile = compile
    try:
        yield
    finally:
        re.compile = previous
