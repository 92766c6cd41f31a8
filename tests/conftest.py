"""Test set-up: every test process points juesuan at its own temporary warehouse.

The paths are exported before any orchestration module is imported: the code location reads
them when its definitions are loaded (``orchestration.definitions.defs()``), and the loads the
tests start as subprocesses inherit them. The dbt manifest is produced if missing or stale.
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
