# The two commands of the README: `make demo` and `make test`. Each installs what it needs,
# the `distributed` extra too (the Celery and Kubernetes executors the tests load).
UV_VERSION := 0.13.9
WAREHOUSE ?= data/juesuan.duckdb
DOCS ?= data/dbt-docs
UV := python3 -m uv
# --fail-on never: the samples' error findings are the demo's point, not a failed demo.
LOAD_DEMO = $(UV) run juesuan load samples/pdf --warehouse $(WAREHOUSE) --fail-on never

.PHONY: setup demo test test-quick lint ui bench samples docs

# Bytecode is compiled once here: where PYTHONDONTWRITEBYTECODE is set, Python never caches it,
# and every process of a load (the CLI, its worker, dbt, the readers) would compile Dagster,
# dbt and Great Expectations from source again: seconds per process.
setup:
	@python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet "uv==$(UV_VERSION)"
	$(UV) sync --frozen --all-extras --quiet --compile-bytecode
	$(UV) run python -m compileall -q ingestion orchestration expectations reporting samples >/dev/null

demo: setup
	$(LOAD_DEMO)

test: setup
	$(UV) run ruff check .
	$(UV) run pytest

# The suite without the tests marked slow (whole loads, dbt builds, wheel installs): a few
# minutes instead of nine, for the edit-test loop. `make test` remains the full suite.
test-quick: setup
	$(UV) run ruff check .
	$(UV) run pytest -m "not slow"

# The dbt docs site (index.html, and static_index.html that opens without a server), built
# against the demo warehouse so the catalog has the real column types. dbt writes into $(DOCS)
# rather than dbt_project/target, whose manifest the Dagster code location reads.
docs: setup $(WAREHOUSE)
	JUESUAN_WAREHOUSE=$(abspath $(WAREHOUSE)) JUESUAN_RAW_DIR=$(abspath $(dir $(WAREHOUSE)))/raw \
	DBT_LOG_PATH=$(abspath $(dir $(WAREHOUSE)))/logs \
	$(UV) run dbt docs generate --static --project-dir dbt_project --profiles-dir dbt_project \
		--target-path $(abspath $(DOCS))
	@echo "dbt docs: $(DOCS)/static_index.html (or: $(UV) run dbt docs serve --project-dir dbt_project --profiles-dir dbt_project --target-path $(abspath $(DOCS)))"

# Loaded only when missing, for the targets that read the demo warehouse; `make demo` reloads.
$(WAREHOUSE): | setup
	$(LOAD_DEMO)

# The Dagster UI over the demo warehouse's runs (its Dagster home is made when missing).
ui: setup
	$(UV) run juesuan ui --warehouse $(WAREHOUSE)

bench: setup
	$(UV) run python bench/extraction.py

samples: setup
	$(UV) run python -m samples.render
