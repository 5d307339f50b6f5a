import pytest


@pytest.fixture(scope="session")
def nlp_full():
    """The whole pipeline, loaded once for the session (it takes a few seconds)."""
    from pipeline.nlp import load_pipeline

    return load_pipeline()
