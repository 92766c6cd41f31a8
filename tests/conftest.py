"""Test set-up: every test process points juesuan at its own temporary warehouse.

The paths are exported before any orchestration module is imported: the code location reads
them when its definitions are loaded (``orchestration.definitions.defs()``), and the loads the
tests start as subprocesses inherit them. The dbt manifest is produced if missing or stale.
"""

from __future__ import annotations

import functools
import os
import tempfile
from collections.abc import Callable
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
# pytest runs with --dist loadfile --no-loadscope-reorder (pyproject): a module stays on one
# worker (its module-scoped warehouses are made once), and modules are handed out in the order
# collected, which puts the ones that cost minutes first, so that no worker starts one while the
# other has nothing left. (xdist's --dist loadgroup would let test_load_guard.py's loads spread,
# but with pytest 9 its xdist_group marks have no effect: it sets Item._nodeid, which pytest 9
# no longer reads.)


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """``-n auto``: one worker more than there are cores. A test that runs a load spends much
    of its time waiting for the load's processes (dbt, readers, the supervisor polling), so a
    worker per core left the cores 153 % busy of 200 %; with a third worker, 164 %.
    PYTEST_XDIST_AUTO_NUM_WORKERS still decides when it is set."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None  # xdist's own hook reads it
    return len(os.sched_getaffinity(0)) + 1

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
# The most expensive modules first, longest first (seconds summed over their tests, measured
# with three workers), so that none of them starts late and leaves the others waiting at the
# end; the rest keep their order.
FIRST = [
    "test_load_killed_checking.py",  # 167 s
    "test_load_killed_reading.py",  # 148
    "test_load_guard.py",  # 146
    "test_load_samples.py",  # 139
    "test_install.py",  # 120
    "test_raw_layer_s3.py",  # 84
    "test_published.py",  # 83
    "test_page_reading.py",  # 83
    "test_exit_codes.py",  # 44
    "test_rules_core.py",  # 39
    "test_variants_metamorphic.py",  # 38
    "test_rules_intra.py",  # 32
    "test_executors.py",  # 31
    "test_marts_golden.py",  # 29
]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)

    def rank(item: pytest.Item) -> int:
        module = item.path.name
        return FIRST.index(module) if module in FIRST else len(FIRST)

    items.sort(key=rank)  # stable: within a module and among the rest, the collected order


# --- a clean load of the samples, for the load-guard tests (tests/loadkit.py) --------------------


@pytest.fixture(scope="session")
def clean_load(tmp_path_factory) -> Callable[[], Path]:
    """The warehouse of a clean load of the samples alone, made when first asked for: once per
    run, by whichever worker asks first (the load-guard modules compare with it)."""
    from loadkit import LOADED, finish, load
    from sharedkit import shared_once

    def make(folder: Path) -> None:
        code, out, err = finish(load(folder))
        assert code == LOADED, out + err

    return lambda: shared_once("clean-load", make, tmp_path_factory) / "w.duckdb"


@pytest.fixture(scope="session")
def clean_marts(clean_load) -> Callable[[], dict[str, str]]:
    from loadkit import mart_digest

    return functools.cache(lambda: mart_digest(clean_load()))
