# Solidarity Atlas: every recipe has a one-line comment; `make help` lists them.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8050
ATLAS_DB ?= data/atlas.duckdb
SAMPLE_DIR ?= data/sample
export PORT ATLAS_DB

.PHONY: help run test lint typecheck pytest system-deps lock warehouse clean docs messages bench plotly-bundle

help: ## list the recipes
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(BIN)/python: # the virtual environment (Debian ships venv separately, so install it if missing)
	$(PYTHON) -m venv $(VENV) || { apt-get update -qq && apt-get install -y -qq python3-venv && $(PYTHON) -m venv $(VENV); }

$(VENV)/.installed: $(BIN)/python pyproject.toml requirements.lock ## install the app with pinned versions
	$(BIN)/pip install -q --disable-pip-version-check -c requirements.lock -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed ## add the test and lint tools
	$(BIN)/pip install -q --disable-pip-version-check -c requirements.lock -e '.[dev]'
	touch $@

warehouse: $(VENV)/.installed ## build the sample warehouse at $(ATLAS_DB) if there is none
	@if [ ! -f "$(ATLAS_DB)" ]; then \
		$(BIN)/atlas sample --out "$(SAMPLE_DIR)" && $(BIN)/atlas load --db "$(ATLAS_DB)" "$(SAMPLE_DIR)"; \
	fi

run: warehouse ## serve the dashboard on http://127.0.0.1:$(PORT) (a first run creates a local admin)
	@$(BIN)/atlas users bootstrap --db "$(ATLAS_DB)"
	@echo "Serving on http://127.0.0.1:$(PORT)"
	$(BIN)/gunicorn --bind 127.0.0.1:$(PORT) --workers 2 --threads 4 --access-logfile - dashboard.wsgi:server

system-deps: ## Debian packages the browser, IATI and LibreOffice tests need (installed only when missing)
	@missing=""; \
	for p in chromium chromium-driver libxml2-utils libreoffice-calc-nogui poppler-utils; do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "installing$$missing"; apt-get update -qq && apt-get install -y -qq $$missing; fi

lint: $(VENV)/.installed-dev ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.installed-dev ## mypy over the packages
	$(BIN)/mypy

bench: $(VENV)/.installed-dev ## time every page's callbacks served vs raw DuckDB (BENCH_SIZES, BENCH_RUNS, BENCH_OUT, BENCH_DIR)
	BENCH_SIZES="$(BENCH_SIZES)" BENCH_RUNS="$(BENCH_RUNS)" BENCH_OUT="$(BENCH_OUT)" BENCH_DIR="$(BENCH_DIR)" \
		$(BIN)/python -m bench.harness

pytest: $(VENV)/.installed-dev system-deps ## the whole test suite, browser tests included
	$(BIN)/pytest

test: lint typecheck pytest ## everything CI runs

lock: $(BIN)/python ## re-pin every dependency after changing pyproject.toml
	$(BIN)/pip install -q -e '.[dev]'
	{ echo '# Exact versions of every package, direct and transitive; regenerate with `make lock`.'; \
	  $(BIN)/pip freeze --exclude-editable; } > requirements.lock

clean: ## remove the environment and built data
	rm -rf $(VENV) data

docs: $(VENV)/.installed ## regenerate docs/data-contract.md from the data contract
	$(BIN)/python -m etl.docs > docs/data-contract.md

plotly-bundle: ## rebuild assets/vendor/plotly/plotly-atlas.min.js, the dashboard's partial plotly.js (needs npm; the built file is committed)
	cd tools/plotly-bundle && npm ci --ignore-scripts --no-audit --no-fund && npm run build

messages: $(VENV)/.installed-dev ## extract translatable strings and update the fr/nl catalogues
	$(BIN)/pybabel extract -F babel.cfg -k _ -k N_ --no-location --sort-output --omit-header -o atlas/locale/messages.pot .
	$(BIN)/pybabel update -i atlas/locale/messages.pot -d atlas/locale --no-wrap --ignore-obsolete
