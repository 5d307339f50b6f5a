"""A cheap "is this French?" check before NLP: count very common function words of each language
(data/lexicons/function_words.tsv) and keep the text when French leads. No model, no network, ~0.1 ms."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.resources import data_path, read_tsv

WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
SAMPLE_CHARS = 4000
MIN_WORDS = 12


@dataclass(frozen=True)
class LanguageGuess:
    language: str | None
    scores: dict[str, int]
    words: int

    @property
    def is_french(self) -> bool:
        return self.language in (None, "fr")


@lru_cache(maxsize=2)
def load_function_words(path: Path | None = None) -> dict[str, frozenset[str]]:
    path = path or data_path("lexicons", "function_words.tsv")
    by_word: dict[str, set[str]] = {}
    for language, word in read_tsv(path, columns=2):
        by_word.setdefault(word.lower(), set()).add(language)
    return {word: frozenset(languages) for word, languages in by_word.items()}


def guess_language(text: str) -> LanguageGuess:
    """The language whose function words are most frequent in the first few thousand characters; None when
    the text is too short to tell (such texts are given the benefit of the doubt)."""
    lexicon = load_function_words()
    words = [w.lower() for w in WORD.findall(text[:SAMPLE_CHARS])]
    scores: Counter[str] = Counter()
    for word in words:
        languages = lexicon.get(word)
        if languages and len(languages) == 1:
            scores[next(iter(languages))] += 1
    if len(words) < MIN_WORDS or not scores:
        return LanguageGuess(None, dict(scores), len(words))
    language, best = scores.most_common(1)[0]
    return LanguageGuess(language, dict(scores), len(words))
