"""French conflict-event extraction: spaCy components, readers, the run and the CLI."""
__version__ = "0.1.0"
