"""Where a juesuan deployment keeps its files (路径设置), and how its jobs run.

``JUESUAN_WAREHOUSE`` names the DuckDB warehouse file (default ``data/juesuan.duckdb``);
``JUESUAN_DATA_DIR`` the folder for the raw Parquet layer, the inbox registry and the
quarantine list (default: the warehouse's folder); ``JUESUAN_INBOX`` the folders the inbox
scans (``os.pathsep``-separated, default ``samples/pdf``); ``JUESUAN_EXECUTOR`` the executor
of the jobs (see :mod:`orchestration.executors`).

Nothing here reads the environment when it is imported: the code location reads it when its
definitions are loaded (:func:`orchestration.definitions.defs`), and a caller that knows its
paths builds :class:`Paths` itself and passes them to
:func:`orchestration.definitions.build_definitions`. dbt, a subprocess, reads the same
variables through ``env_var``: :func:`dbt_environment` gives them to it.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping
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

WAREHOUSE_VAR = "JUESUAN_WAREHOUSE"
DATA_DIR_VAR = "JUESUAN_DATA_DIR"
INBOX_VAR = "JUESUAN_INBOX"
RAW_DIR_VAR = "JUESUAN_RAW_DIR"  # read by dbt only; derived from the data folder
EXECUTOR_VAR = "JUESUAN_EXECUTOR"
DEFAULT_WAREHOUSE = "data/juesuan.duckdb"


@dataclass(frozen=True, slots=True)
class Paths:
    warehouse: Path
    data_dir: Path
    inbox: tuple[Path, ...]

    @classmethod
    def of(
        cls,
        warehouse: str | os.PathLike[str],
        data_dir: str | os.PathLike[str] | None = None,
        inbox: list[Path] | tuple[Path, ...] | None = None,
    ) -> Paths:
        """The paths of a deployment, resolved, with the defaults for what is not given."""
        resolved = Path(warehouse).resolve()
        data = Path(data_dir).resolve() if data_dir else resolved.parent
        folders = tuple(Path(p).resolve() for p in inbox) if inbox else (SAMPLE_INBOX,)
        return cls(warehouse=resolved, data_dir=data, inbox=folders)

    @property
    def raw_dir(self) -> Path:
        return self.data_dir / "raw"

    @property
    def registry(self) -> Path:
        return self.data_dir / "inbox-registry.json"

    @property
    def cache_dir(self) -> Path:
        return self.data_dir / "cache" / "extractions"


def paths_from(environ: Mapping[str, str]) -> Paths:
    """The paths the variables of ``environ`` name, with the defaults for those unset."""
    inbox = [Path(p) for p in environ.get(INBOX_VAR, "").split(os.pathsep) if p]
    return Paths.of(
        environ.get(WAREHOUSE_VAR) or DEFAULT_WAREHOUSE, environ.get(DATA_DIR_VAR) or None, inbox
    )


def current_paths() -> Paths:
    """The paths of this process's environment, read now."""
    return paths_from(os.environ)


def dbt_environment(paths: Paths) -> dict[str, str]:
    """The variables dbt's ``env_var`` reads (profiles.yml, the raw-layer macro and sources)."""
    return {
        WAREHOUSE_VAR: str(paths.warehouse),
        DATA_DIR_VAR: str(paths.data_dir),
        RAW_DIR_VAR: str(paths.raw_dir),
        INBOX_VAR: os.pathsep.join(str(p) for p in paths.inbox),
    }


@contextlib.contextmanager
def exported(paths: Paths) -> Iterator[None]:
    """Put the paths in the environment while a dbt subprocess is started, then restore it.

    dagster-dbt starts dbt with a copy of ``os.environ`` (``DbtCliResource.cli``), so this is
    how a resource's paths reach dbt. The previous values (or their absence) come back after.
    """
    values = dbt_environment(paths)
    previous = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in previous.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
