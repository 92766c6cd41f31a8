"""Test set-up: every test process points juesuan at its own temporary warehouse.

The paths are exported before any orchestration module is imported (they are read once,
at import, as in a deployment), and the dbt manifest is produced if it is missing or stale.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SAMPLES = REPO_ROOT / "samples"

_session_dir = Path(tempfile.mkdtemp(prefix="juesuan-tests-"))
os.environ["JUESUAN_WAREHOUSE"] = str(_session_dir / "warehouse.duckdb")
os.environ["JUESUAN_DATA_DIR"] = str(_session_dir / "data")
os.environ["JUESUAN_INBOX"] = str(SAMPLES / "pdf")
os.environ["DAGSTER_HOME"] = str(_session_dir / "dagster_home")
Path(os.environ["DAGSTER_HOME"]).mkdir(parents=True, exist_ok=True)

# Test modules import the Dagster definitions, and @dbt_assets reads the dbt manifest when it
# is imported: produce it before any test module is collected (a fresh clone has none).
from orchestration.dbt.project import ensure_manifest  # noqa: E402

ensure_manifest()


@pytest.fixture(scope="session")
def dbt_manifest() -> Path:
    from orchestration.dbt.project import dbt_project

    return dbt_project.manifest_path


# --- the suite on two cores ---------------------------------------------------------------
#
# pytest runs with --dist loadgroup --no-loadscope-reorder (pyproject): a group of tests stays
# on one worker, and groups are handed out in the order collected. Every test is grouped by its
# module (its module-scoped warehouses are made once), except the whole-load tests of
# test_load_guard, each a group of its own (they share nothing but the clean load below, which
# is made once per run whichever worker asks first). The groups that cost minutes go first, so
# that no worker starts one while the other has nothing left.

# Fixtures that run a whole `juesuan load` or a dbt build: a test that uses one is `slow`.
SLOW_FIXTURES = {
    "warehouse",  # the rule modules' and the variants' dbt builds
    "samples_warehouse",
    "shanghai_warehouse",
    "samples_load",
    "marts_named_load",
    "clean_json_load",
    "clean_load",
    "clean_marts",
}
# The most expensive groups first (minutes each, measured); the rest keep their order.
FIRST = [
    "test_load_guard.py::test_a_load_killed_outright_is_finished_by_the_next[extraction]",
    "test_load_guard.py::test_a_load_killed_outright_is_finished_by_the_next[dbt]",
    "test_published.py",
    "test_load_samples.py",
    "test_load_guard.py::test_a_load_killed_outright_is_finished_by_the_next[reports]",
    "test_load_guard.py::test_a_load_killed_outright_is_finished_by_the_next[checks]",
    "test_install.py",
    "test_load_guard.py::test_broken_and_hostile_files_cost_no_good_document",
    "test_load_guard.py::test_a_write_that_cannot_be_made_is_one_line_and_leaves_no_warehouse",
    "test_load_guard.py::test_a_path_that_starts_with_a_dash_loads_after_double_dash",
    "test_exit_codes.py",
    "test_load_guard.py::test_sigterm_while_dbt_builds_stops_the_load_and_dbt",
    "test_rules_core.py",
    "test_rules_intra.py",
    "test_marts_golden.py",
]
# Modules whose tests are spread one group each (they share no module-scoped state).
SPREAD = {"test_load_guard.py"}


def _group(item: pytest.Item) -> str:
    module = item.path.name
    return f"{module}::{item.name}" if module in SPREAD else module


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
        if item.get_closest_marker("xdist_group") is None:
            item.add_marker(pytest.mark.xdist_group(_group(item)))

    def rank(item: pytest.Item) -> int:
        group = _group(item)
        return FIRST.index(group) if group in FIRST else len(FIRST)

    items.sort(key=rank)  # stable: within a group and among the rest, the collected order
