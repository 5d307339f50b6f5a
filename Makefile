PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench eval clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "$(PYTHON) not found; set PYTHON=/path/to/python3.11"; exit 1; }
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test,dask]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/incidents extract data/samples/articles.jsonl data/samples/bad-lines.jsonl --out out/ --db out/events.sqlite

test: $(STAMP)
	$(BIN)/python -m pytest -q

eval: $(STAMP)
	$(BIN)/incidents eval --gold ../shared/corpus/dev.jsonl

bench: $(STAMP)
	$(BIN)/python -m pipeline.bench --corpus ../shared/corpus/bench.jsonl --articles 2000

clean:
	rm -rf out/ .pytest_cache
