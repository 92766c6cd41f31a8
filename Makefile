# The two commands of the README: `make demo` and `make test`. Each installs what it needs.
UV_VERSION := 0.13.9
WAREHOUSE ?= data/juesuan.duckdb
UV := python3 -m uv

.PHONY: setup demo test lint ui bench samples

setup:
	@python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet "uv==$(UV_VERSION)"
	$(UV) sync --frozen --quiet

demo: setup
	$(UV) run juesuan load samples/pdf --warehouse $(WAREHOUSE)

test: setup
	$(UV) run ruff check .
	$(UV) run pytest

ui: setup
	DAGSTER_HOME=$(CURDIR)/data/dagster_home JUESUAN_WAREHOUSE=$(WAREHOUSE) $(UV) run dagster dev

bench: setup
	$(UV) run python bench/extraction.py

samples: setup
	$(UV) run python -m samples.render
