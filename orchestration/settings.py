"""Where a juesuan deployment keeps its files (路径设置), from the environment.

``JUESUAN_WAREHOUSE`` names the DuckDB warehouse file (default ``data/juesuan.duckdb``);
``JUESUAN_DATA_DIR`` the folder for the raw Parquet layer, the inbox registry and the
quarantine list (default: the warehouse's folder); ``JUESUAN_INBOX`` the folders the inbox
scans (``os.pathsep``-separated, default ``samples/pdf``). dbt reads the same variables,
so they are exported once here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

# The folder that holds the juesuan packages: the repository checkout (also behind an editable
# install), or site-packages for an installed wheel. The wheel ships the dbt project and the
# samples beside the code packages, as in the checkout (see [tool.setuptools] in
# pyproject.toml), so one relative layout serves both. It is resolved from this file rather
# than with importlib.resources because dbt_project/ is a namespace package (a dbt project, no
# __init__.py): `python -m` (the load's worker) puts the current directory first on sys.path,
# and a user's own dbt_project/ folder there would become a portion of it.
REPO_ROOT = Path(__file__).resolve().parents[1]
DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"
SAMPLES_DIR = REPO_ROOT / "samples"
SAMPLE_INBOX = SAMPLES_DIR / "pdf"


@dataclass(frozen=True, slots=True)
class Paths:
    warehouse: Path
    data_dir: Path
    inbox: tuple[Path, ...]

    @property
    def raw_dir(self) -> Path:
        return self.data_dir / "raw"

    @property
    def registry(self) -> Path:
        return self.data_dir / "inbox-registry.json"

    @property
    def cache_dir(self) -> Path:
        return self.data_dir / "cache" / "extractions"


def current_paths() -> Paths:
    warehouse = Path(os.environ.get("JUESUAN_WAREHOUSE", "data/juesuan.duckdb")).resolve()
    data_dir = Path(os.environ.get("JUESUAN_DATA_DIR", str(warehouse.parent))).resolve()
    inbox_env = os.environ.get("JUESUAN_INBOX")
    inbox = (
        tuple(Path(p).resolve() for p in inbox_env.split(os.pathsep) if p)
        if inbox_env
        else (SAMPLE_INBOX,)
    )
    return Paths(warehouse=warehouse, data_dir=data_dir, inbox=inbox)


def export_paths(paths: Paths) -> None:
    """Put the paths where dbt (a subprocess reading ``env_var``) will find them."""
    os.environ["JUESUAN_WAREHOUSE"] = str(paths.warehouse)
    os.environ["JUESUAN_DATA_DIR"] = str(paths.data_dir)
    os.environ["JUESUAN_RAW_DIR"] = str(paths.raw_dir)
    os.environ["JUESUAN_INBOX"] = os.pathsep.join(str(p) for p in paths.inbox)
