# The quick start is `make demo` and `make test`; both create .venv on first use.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench models eval clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found (Python 3.11+ is required)"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/analyzer report samples/fr/politique-budget-agence.txt

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py --lang fr
	$(BIN)/python benchmarks/throughput.py --lang en

models: $(STAMP)
	$(BIN)/python -m analyzer.train --lang fr
	$(BIN)/python -m analyzer.train --lang en

eval: $(STAMP)
	$(BIN)/analyzer eval samples/fr
	$(BIN)/analyzer eval samples/en

clean:
	rm -rf $(VENV) build *.egg-info
