"""Resources (资源): the deployment's paths, the warehouse connection and the dbt CLI.

Built for given :class:`~orchestration.settings.Paths` by :func:`build_resources`, which
:func:`orchestration.definitions.build_definitions` calls when the definitions are loaded.
"""

from __future__ import annotations

import shutil
import sys
from functools import cached_property
from importlib import metadata
from pathlib import Path

import dagster as dg
from dagster_dbt import DbtCliResource
from dagster_duckdb import DuckDBResource
from packaging import version

from ingestion.rawstore import RawDir
from orchestration.dbt.project import dbt_project
from orchestration.settings import Paths


class JuesuanPaths(dg.ConfigurableResource):
    """Folders and files of this deployment (see :mod:`orchestration.settings`)."""

    warehouse: str
    data_dir: str
    inbox: list[str]
    raw_url: str | None = None
    s3_endpoint: str | None = None

    # The layout under the data folder is Paths': one definition of it.
    @property
    def raw_dir(self) -> Path:
        """The local raw folder (the raw layer unless ``raw_url`` is set; see ``raw``)."""
        return self.settings().raw_dir

    @property
    def raw(self) -> RawDir:
        """The raw layer: the S3 prefix of ``raw_url``, else the local folder."""
        return self.settings().raw

    @property
    def registry(self) -> Path:
        return self.settings().registry

    @property
    def cache_dir(self) -> Path:
        """Extractions kept by sha256 and extractor version (ingestion.cache)."""
        return self.settings().cache_dir

    def settings(self) -> Paths:
        """The same paths as :class:`~orchestration.settings.Paths` (for dbt's environment)."""
        return Paths(
            warehouse=Path(self.warehouse),
            data_dir=Path(self.data_dir),
            inbox=tuple(Path(p) for p in self.inbox),
            raw_url=self.raw_url,
            s3_endpoint=self.s3_endpoint,
        )


def dbt_beside_interpreter() -> Path:
    """Where this environment's own dbt is (a venv's bin/)."""
    return Path(sys.executable).parent / "dbt"


def dbt_executable() -> str:
    """The dbt installed beside this interpreter, found without an activated environment; else
    whatever ``dbt`` is on PATH."""
    beside = dbt_beside_interpreter()
    return str(beside) if beside.exists() else (shutil.which("dbt") or "dbt")


class JuesuanDbtCli(DbtCliResource):
    """dbt's CLI, whose version is that of the dbt-core installed beside this interpreter
    when it is that dbt that runs.

    dagster-dbt asks the executable (``dbt --version``, a process of its own: seconds on every
    build) because a dbt on PATH may be another install; the dbt beside this interpreter is
    this environment's dbt-core, whose version the package metadata says.
    """

    @cached_property
    def _cli_version(self) -> version.Version:
        if Path(self.dbt_executable) == dbt_beside_interpreter():
            return version.parse(metadata.version("dbt-core"))
        return super()._cli_version


def build_resources(paths: Paths) -> dict[str, object]:
    """The resources of a code location whose files are ``paths``."""
    return {
        "paths": JuesuanPaths(
            warehouse=str(paths.warehouse),
            data_dir=str(paths.data_dir),
            inbox=[str(p) for p in paths.inbox],
            raw_url=paths.raw_url,
            s3_endpoint=paths.s3_endpoint,
        ),
        "warehouse": DuckDBResource(database=str(paths.warehouse)),
        "dbt": JuesuanDbtCli(project_dir=dbt_project, dbt_executable=dbt_executable()),
    }
