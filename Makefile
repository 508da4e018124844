# The quick start is `make demo` and `make test`; both create .venv on first use.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench models eval messages clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found (Python 3.11+ is required)"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,train]'
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/analyzer report samples/fr/politique-budget-agence.txt

# Two workers (one per core), each test file on one worker so its fixtures load once.
test: $(STAMP)
	$(BIN)/python -m pytest -q -n 2 --dist loadfile

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py --lang fr
	$(BIN)/python benchmarks/throughput.py --lang en
	$(BIN)/python benchmarks/memory.py --lang fr
	$(BIN)/python benchmarks/incremental.py --lang fr
	$(BIN)/python benchmarks/incremental.py --lang en

models: $(STAMP)
	$(BIN)/python -m analyzer.tooling.train --lang fr
	$(BIN)/python -m analyzer.tooling.train --lang en

eval: $(STAMP)
	$(BIN)/analyzer eval samples/fr
	$(BIN)/analyzer eval samples/en

# Message catalogues: extract the template, merge it into each analyzer/locale/<lang>/.po
# (then translate the new or fuzzy entries; tests/test_i18n.py fails on a missing one).
messages: $(STAMP)
	$(BIN)/pybabel extract -F analyzer/locale/babel.cfg --no-default-keywords -k tr \
		-k _ -k plural:1,2 -k N_ -k verbatim --no-location --sort-output --omit-header \
		-o analyzer/locale/analyzer.pot .
	$(BIN)/pybabel update -i analyzer/locale/analyzer.pot -d analyzer/locale -D analyzer \
		--ignore-obsolete --width 100

clean:
	rm -rf $(VENV) build *.egg-info
