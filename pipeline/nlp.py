"""One function builds the whole pipeline (fr_core_news_md + our components) from a config file."""
from __future__ import annotations

import hashlib
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import spacy
from spacy.language import Language
from thinc.api import Config, use_ops

from pipeline.regex_cache import cached_large_compiles

DEFAULT_CONFIG = Path(__file__).with_name("default.cfg")
COMPONENT_MODULES = {
    "conflict_entities": "pipeline.conflict_entities",
    "casualties": "pipeline.casualties",
    "incident_dates": "pipeline.incident_dates",
    "event_triggers": "pipeline.event_triggers",
    "incident_assembly": "pipeline.incident_assembly",
    "paragraph_sentences": "pipeline.paragraph_sentences",
}


def read_config(path: Path | None = None) -> Config:
    return Config().from_disk(path or DEFAULT_CONFIG)


def config_hash(config: Config) -> str:
    return hashlib.sha256(config.to_str().encode()).hexdigest()[:16]


def register_components(names: list[str]) -> None:
    """Import the modules that register our factories (the entry points do it for installed users)."""
    import importlib

    for name in names:
        module = COMPONENT_MODULES.get(name)
        if module is None:
            raise ValueError(f"unknown component {name!r}; expected one of {', '.join(COMPONENT_MODULES)}")
        importlib.import_module(module)


@contextmanager
def model_ops(settings) -> Iterator[None]:
    """The array backend the statistical model is built with. With `use_blis = false` its matrix products go to
    numpy's BLAS (OpenBLAS, with the vector units of the CPU) instead of the BLIS that thinc bundles: the same
    model, the same weights, about 1.7 times faster here; `blas_threads` then keeps each process on that many
    cores (one, as the bare model uses: N processes must not fight over the cores)."""
    if settings.get("use_blis", True):
        yield
        return
    limit_blas_threads(int(settings.get("blas_threads", 1)))
    with use_ops("numpy", use_blis=False):
        yield


def limit_blas_threads(threads: int) -> None:
    """numpy's BLAS starts a thread per core for each large product; 0 leaves it as it is."""
    if threads > 0:
        from threadpoolctl import threadpool_limits

        threadpool_limits(limits=threads, user_api="blas")


def load_pipeline(config_path: Path | None = None, *, components: list[str] | None = None) -> Language:
    """fr_core_news_md with the components of the config (or `components`, in that order)."""
    config = read_config(config_path)
    settings = config["pipeline"]
    names = components if components is not None else list(settings["components"])
    first = list(settings.get("first_components", []))
    register_components(first + names)
    # the French tokenizer's 1.45 MB regex: ~2 s to compile, ms from the cache
    with cached_large_compiles(), model_ops(settings):
        nlp = spacy.load(settings["base_model"], exclude=list(settings.get("exclude", [])))
    component_settings = config.get("components", {})
    for name in reversed(first):
        nlp.add_pipe(name, first=True)
    for name in names:
        nlp.add_pipe(name, config=dict(component_settings.get(name, {}) or {}))
    return nlp
