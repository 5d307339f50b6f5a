"""The compiled-regex cache: the French tokenizer's huge pattern rebuilt from disk answers exactly as a fresh
`re.compile` does, and a missing, damaged or foreign cache file only costs a normal compile."""
import itertools
import json
import re
from pathlib import Path

import pytest

from pipeline import regex_cache
from pipeline.regex_cache import MIN_PATTERN_CHARS, cached_large_compiles, compile_cached

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def nothing_compiled_in_this_process():
    """Each test starts from its own cache folder, without the patterns this process already holds."""
    regex_cache._loaded.clear()
    yield
    regex_cache._loaded.clear()


@pytest.fixture(scope="module")
def token_match_pattern() -> str:
    with cached_large_compiles():
        from spacy.lang.fr.tokenizer_exceptions import TOKEN_MATCH
    return TOKEN_MATCH.__self__.pattern


@pytest.fixture(scope="module")
def plain(token_match_pattern):
    return re.compile(token_match_pattern)


def many_tokens() -> list[str]:
    """Words of the project's own fixture articles, and hyphenated and elided forms built from them."""
    words = set()
    for line in (ROOT / "tests" / "fixtures" / "articles_gold.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            words.update(json.loads(line)["text"].split())
    common = sorted(w.strip(".,;:!?«»()\"") for w in words)[:1500]
    made = [f"{a}-{b}" for a, b in itertools.islice(itertools.permutations(common[:60], 2), 2000)]
    made += [f"{p}{w}" for p in ("entr'", "grand-", "anti-", "contre-", "porte-", "l'", "Saint-") for w in common[:200]]
    made += ["porte-monnaie", "Saint-Louis", "peut-être", "a-t-il", "pet-en-l'air", "saut-de-ski", "entr'abat",
             "AUJOURD'HUI", "Grand-Mère", "rendez-vous", "", "-", "'"]
    return sorted(set(common) | set(made))


def test_the_cached_token_matcher_answers_as_re_compile(tmp_path, token_match_pattern, plain):
    cold = compile_cached(token_match_pattern, directory=tmp_path)       # compiled, then written
    files = list(tmp_path.iterdir())
    assert len(files) == 1 and files[0].stat().st_size > 0
    regex_cache._loaded.clear()
    warm = compile_cached(token_match_pattern, directory=tmp_path)       # read back from the file
    assert warm is not cold
    for compiled in (cold, warm):
        assert (compiled.pattern, compiled.flags, compiled.groups, compiled.groupindex) == \
               (plain.pattern, plain.flags, plain.groups, plain.groupindex)
    tokens = many_tokens()
    assert len(tokens) > 3000
    expected = [(m.span() if m else None) for m in map(plain.match, tokens)]
    assert [(m.span() if m else None) for m in map(warm.match, tokens)] == expected
    assert any(expected) and not all(expected)


def test_a_damaged_cache_file_falls_back_to_a_compile(tmp_path, token_match_pattern, plain):
    compile_cached(token_match_pattern, directory=tmp_path)
    [path] = list(tmp_path.iterdir())
    path.write_bytes(path.read_bytes()[:1000])
    regex_cache._loaded.clear()
    rebuilt = compile_cached(token_match_pattern, directory=tmp_path)
    assert rebuilt.match("porte-monnaie") and not rebuilt.match("bonjour")
    assert rebuilt.pattern == plain.pattern and path.stat().st_size > 1000  # rewritten whole


def test_only_large_patterns_go_through_the_cache_and_re_compile_is_restored(tmp_path):
    original = re.compile
    small = "(?i)alpha|beta"
    large = "(?i)" + "|".join(f"mot{n}x" for n in range(MIN_PATTERN_CHARS // 6))
    with cached_large_compiles(tmp_path):
        assert re.compile is not original
        assert re.compile(small).match("BETA")
        assert not list(tmp_path.iterdir())
        assert re.compile(large).match("MOT42X")
    assert re.compile is original
    assert len(list(tmp_path.iterdir())) == 1
