"""Engines run the per-article stages (`pipeline.process`) somewhere: in this process (`local`, with spaCy's
multiprocessing for --processes) or on a Dask cluster (`dask_engine`). The stages do not know which."""
