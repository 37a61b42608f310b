# Everyday commands. `make run` and `make test` set up everything they need on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.8
export DAGSTER_HOME := $(CURDIR)/.dagster
# one "materialization planned" event per asset for a run's bulletin partitions, and their
# materializations written in batches (pipelines/lib/settings.py)
export DAGSTER_EMIT_PARTITION_SUBSET_IN_PLANNED_EVENTS := 1
export DAGSTER_EVENT_BATCH_SIZE := 1000
DAGSTER_PORT ?= 3000
# the dbt manifest the code location loads its dbt models from, parsed when a dbt file is newer
# (loading the code location only reads it)
MANIFEST := dbt_project/target/manifest.json
DBT_FILES := dbt_project/dbt_project.yml dbt_project/profiles.yml \
  $(shell find dbt_project/models dbt_project/macros dbt_project/tests dbt_project/analyses -type f 2>/dev/null)
WAREHOUSE := $(or $(BULLETINS_WAREHOUSE),data/warehouse/warehouse.duckdb)

.PHONY: setup readers browser report-deps run report check test ui sql docs docs-serve eval eval-real agreement bench lint clean export

## setup: the virtual environment .venv from the locked dependencies (uv.lock), DAGSTER_HOME, and
##        antiword for Word 97-2003 files
setup: $(BIN)/.installed $(DAGSTER_HOME)/dagster.yaml $(MANIFEST) readers

## readers: Debian's antiword, which reads Word 97-2003 (.doc) bulletins (apt; a few seconds, 1 MB).
##          Without it (no root), .doc files are rejected with that reason and the rest runs.
readers:
	@command -v antiword >/dev/null 2>&1 || { \
	  echo "installing antiword with apt-get (reads .doc bulletins)"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq antiword >/dev/null) \
	    || echo "could not install antiword: .doc bulletins will be rejected with that reason" >&2; }

$(BIN)/.installed: uv.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	# --compile-bytecode: every run starts several Python processes (Dagster, dbt); without
	# compiled modules each one compiles Dagster, dbt and GX from source (about 5 s) when the
	# environment forbids writing .pyc files (PYTHONDONTWRITEBYTECODE)
	UV_PROJECT_ENVIRONMENT=$(VENV) $(BIN)/uv sync --frozen --quiet --compile-bytecode
	touch $@

$(MANIFEST): $(BIN)/.installed $(DBT_FILES)
	$(BIN)/python -m pipelines prepare

$(DAGSTER_HOME)/dagster.yaml: pipelines/lib/settings.py | $(BIN)/.installed
	$(BIN)/python -c "from pathlib import Path; from pipelines.lib.settings import write_dagster_home; write_dagster_home(Path('$(DAGSTER_HOME)'))"
	touch $@

## report-deps: ECharts for the report's charts, from the npm registry at the version of
##              package-lock.json (npm ci: about 2 s, 1 MB copied into the site). Without npm the
##              report is written without charts, and the rest runs.
ECHARTS := node_modules/echarts/dist/echarts.min.js
report-deps: $(ECHARTS)
$(ECHARTS): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm is not installed: the report will have no charts (install Node.js and npm)" >&2; fi

## run: every asset and check on the bulletins in $BULLETINS_RAW_DIR (default data/raw);
##      nothing to do when nothing changed since the last publish (FORCE=1 runs anyway, parsing,
##      rebuilding and checking everything); a run checks the rows of the bulletins it changed,
##      FULL_CHECKS=1 every row. Exit status: 0 published, 3 published with bulletins held back,
##      1 nothing published (make reports the last two as "Error 3" / "Error 1")
run: setup report-deps
	$(BIN)/python -m pipelines run $(if $(FORCE),--force) $(if $(FULL_CHECKS),--full-checks)

## report: the report of the published warehouse (quarter at a glance, a review page per bulletin,
##         a search over every figure) written beside it and served on http://127.0.0.1:$REPORT_PORT
##         (default 8000); `make run` writes it too, as the asset report/site
REPORT_PORT ?= 8000
report: setup report-deps
	$(BIN)/python -m pipelines report --serve --port $(REPORT_PORT)

## browser: Debian's Chromium and a Chinese font, for the UI test (apt; run as root, as CI does)
browser:
	@if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi wqy; then \
	  echo "installing chromium and fonts-wqy-microhei with apt-get"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null; \
	fi

## test: the whole test suite
test: setup browser report-deps
	$(BIN)/python -m pytest

## ui: the Dagster UI on 127.0.0.1:$DAGSTER_PORT (default 3000), with the runs of `make run` on the
##     warehouse $BULLETINS_WAREHOUSE (each warehouse has its own run history)
ui: setup
	DAGSTER_HOME=$$($(BIN)/python -c "from pipelines.lib.settings import dagster_home, write_dagster_home; \
	  write_dagster_home(dagster_home()); print(dagster_home())") \
	  $(BIN)/dagster dev -w workspace.yaml -h 127.0.0.1 -p $(DAGSTER_PORT)

## sql: a read-only DuckDB shell on the warehouse
sql: setup
	$(BIN)/duckdb -readonly $(WAREHOUSE)

## export: the published marts as Parquet and CSV (exports/parquet, exports/csv) and an Excel
##         workbook (exports/bulletins.xlsx) beside the warehouse (OUT=folder for another)
export: setup
	$(BIN)/python -m pipelines export $(if $(OUT),--out $(OUT))

## docs: dbt docs (models, columns, lineage, catalog) generated on a copy of the warehouse
DOCS_DIR ?= $(CURDIR)/dbt_project/target/docs
docs: setup
	@test -f $(WAREHOUSE) || { echo "no warehouse at $(WAREHOUSE): run 'make run' first" >&2; exit 1; }
	@tmp=$$(mktemp -d) && cp $(WAREHOUSE) $$tmp/warehouse.duckdb && \
	  cd dbt_project && ../$(BIN)/dbt docs generate --vars "{\"warehouse_path\": \"$$tmp/warehouse.duckdb\"}" \
	    --profiles-dir . --target-path $(DOCS_DIR) --quiet; status=$$?; rm -rf $$tmp; exit $$status
	@echo "dbt docs written to $(DOCS_DIR) (browse them with: make docs-serve)"

## docs-serve: browse the dbt docs on http://127.0.0.1:8080
docs-serve: docs
	cd dbt_project && ../$(BIN)/dbt docs serve --profiles-dir . --target-path $(DOCS_DIR) --host 127.0.0.1 --port 8080 --no-browser

## eval: every fixture against its gold file (tests/gold/*.json naming a fixture), plus the seed's
##       gold; or one bulletin: make eval BULLETIN=… GOLD=…
eval: setup
ifdef BULLETIN
	$(BIN)/python -m pipelines eval --bulletin $(BULLETIN) --gold $(GOLD)
else
	$(BIN)/python -m pipelines eval
	$(BIN)/python -m pipelines eval --bulletin data/raw/zhejiang_jingxin_2020_q3_progress.txt \
	  --gold tests/gold/seed_tasks_1_10.json
endif

## eval-real: the real-page corpus (texts in $REAL_DIR, default .real_pages; gold in
##            tests/real_pages/gold) through the whole pipeline, scored per page and per class of
##            error; SPLIT=holdout scores the held-out pages (once, at the end of a piece of work)
REAL_DIR ?= .real_pages
SPLIT ?= dev
eval-real: setup
	$(BIN)/python -m pipelines eval-real --real-dir $(REAL_DIR) --split $(SPLIT)

## agreement: two independent readings of the same 40 dev pages (tests/real_pages/second_reading)
##            scored against each other as the parser is against the gold: the ceiling of each measure
agreement: setup
	$(BIN)/python -m pipelines.devtools.agreement

## bench: synthetic corpus of N bulletins (default 1000): parser speed and accuracy, run times
N ?= 1000
bench: setup
	$(BIN)/python -m pipelines bench --n $(N)

## lint: ruff (checks and formatting) on the Python code, sqlfluff (dialect duckdb, .sqlfluff) on the
##       dbt models
lint: setup
	$(BIN)/ruff check pipelines tests
	$(BIN)/ruff format --check pipelines tests
	$(BIN)/sqlfluff lint dbt_project/models

## check: the fast tier, unit and layout tests with no Dagster run (seconds); make test runs all
check: setup
	$(BIN)/python -m pytest -m "not e2e" -q

clean:
	rm -rf $(VENV) dbt_project/target dbt_project/logs node_modules
