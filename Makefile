# statusgen: `make site` builds the example site into site/, `make test` runs every test.
# Both create .venv and install statusgen into it on first use.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# The example site is built "as of" its fixed build date, 2026-11-23T12:00:00Z, so it shows
# what the docs describe (one open incident, one upcoming maintenance). Override with
# `make site SOURCE_DATE_EPOCH=$$(date +%s)` to build with the real clock.
SOURCE_DATE_EPOCH ?= 1795435200
export SOURCE_DATE_EPOCH
# Silence Material's banner about its successor; it is noise in every build log.
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test lint check bench clean constraints

$(BIN)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test]"
	touch $@

# Re-resolve every dependency to its newest release in a fresh virtualenv and pin the result.
constraints:
	rm -rf .venv-constraints
	$(PYTHON) -m venv .venv-constraints
	.venv-constraints/bin/python -m pip install --quiet -e ".[test]"
	{ sed -n '1,3p' constraints.txt; .venv-constraints/bin/python -m pip freeze --exclude-editable; } > constraints.new
	mv constraints.new constraints.txt
	rm -rf .venv-constraints

site: $(BIN)/.installed
	PATH="$(CURDIR)/$(BIN):$$PATH" scripts/site-check

serve: $(BIN)/.installed
	$(BIN)/mkdocs serve

check: $(BIN)/.installed
	$(BIN)/statusgen check

test: lint
	scripts/test-deps
	$(BIN)/python -m pytest

lint: $(BIN)/.installed
	$(BIN)/ruff check statusgen tests benchmarks
	$(BIN)/ruff format --check statusgen tests benchmarks
	$(BIN)/mypy statusgen
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml
	$(BIN)/zizmor --offline --no-progress .github/workflows/

bench: $(BIN)/.installed
	$(BIN)/python -m benchmarks
	$(BIN)/python -m benchmarks.hostile

clean:
	rm -rf site $(VENV) .pytest_cache
