"""Where a juesuan deployment keeps its files (路径设置), and how its jobs run.

``JUESUAN_WAREHOUSE`` names the DuckDB warehouse file (default ``data/juesuan.duckdb``);
``JUESUAN_DATA_DIR`` the folder for the raw Parquet layer, the inbox registry and the
quarantine list (default: the warehouse's folder); ``JUESUAN_INBOX`` the folders the inbox
scans (``os.pathsep``-separated, default ``samples/pdf``); ``JUESUAN_EXECUTOR`` the executor
of the jobs (see :mod:`orchestration.executors`). ``JUESUAN_RAW_URL`` puts the raw layer on
S3-compatible storage instead of ``<data>/raw`` (``s3://bucket/prefix``), at the endpoint
``JUESUAN_S3_ENDPOINT`` (unset: AWS, or ``AWS_ENDPOINT_URL_S3``); credentials are the standard
``AWS_*`` variables. Everything else (warehouse, registry, cache, reports) stays on local disk.

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

from ingestion.rawstore import RawDir, S3Raw

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
RAW_URL_VAR = "JUESUAN_RAW_URL"
S3_ENDPOINT_VAR = "JUESUAN_S3_ENDPOINT"
# botocore's own variable for the S3 endpoint: s3fs in dbt's DuckDB reads it (profiles.yml).
AWS_S3_ENDPOINT_VAR = "AWS_ENDPOINT_URL_S3"
DEFAULT_WAREHOUSE = "data/juesuan.duckdb"


@dataclass(frozen=True, slots=True)
class Paths:
    warehouse: Path
    data_dir: Path
    inbox: tuple[Path, ...]
    raw_url: str | None = None  # s3://bucket/prefix; None: the raw layer is <data>/raw
    s3_endpoint: str | None = None

    @classmethod
    def of(
        cls,
        warehouse: str | os.PathLike[str],
        data_dir: str | os.PathLike[str] | None = None,
        inbox: list[Path] | tuple[Path, ...] | None = None,
        raw_url: str | None = None,
        s3_endpoint: str | None = None,
    ) -> Paths:
        """The paths of a deployment, resolved, with the defaults for what is not given."""
        resolved = Path(warehouse).resolve()
        data = Path(data_dir).resolve() if data_dir else resolved.parent
        folders = tuple(Path(p).resolve() for p in inbox) if inbox else (SAMPLE_INBOX,)
        if raw_url:
            raw_url = S3Raw(raw_url).url  # refused here, when the settings are read, if not s3://
        return cls(
            warehouse=resolved,
            data_dir=data,
            inbox=folders,
            raw_url=raw_url or None,
            s3_endpoint=s3_endpoint or None,
        )

    @property
    def raw_dir(self) -> Path:
        """The local raw folder, ``<data>/raw`` (unused when ``raw_url`` is set: see ``raw``)."""
        return self.data_dir / "raw"

    @property
    def raw(self) -> RawDir:
        """The raw layer: the S3 prefix of ``raw_url``, else the local folder ``raw_dir``."""
        return S3Raw(self.raw_url, self.s3_endpoint) if self.raw_url else self.raw_dir

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
        environ.get(WAREHOUSE_VAR) or DEFAULT_WAREHOUSE,
        environ.get(DATA_DIR_VAR) or None,
        inbox,
        raw_url=environ.get(RAW_URL_VAR) or None,
        s3_endpoint=environ.get(S3_ENDPOINT_VAR) or None,
    )


def current_paths() -> Paths:
    """The paths of this process's environment, read now."""
    return paths_from(os.environ)


def dbt_environment(paths: Paths) -> dict[str, str]:
    """The variables dbt's ``env_var`` reads (profiles.yml, the raw-layer macro and sources).

    ``JUESUAN_RAW_DIR`` is the raw layer's folder or ``s3://`` URL; an ``s3://`` one selects
    the profile's ``s3`` output, which registers s3fs with DuckDB. That s3fs finds its endpoint
    in ``AWS_ENDPOINT_URL_S3`` (set here from ``s3_endpoint``) and its credentials in the
    ``AWS_*`` variables dbt inherits.
    """
    variables = {
        WAREHOUSE_VAR: str(paths.warehouse),
        DATA_DIR_VAR: str(paths.data_dir),
        RAW_DIR_VAR: paths.raw_url or str(paths.raw_dir),
        INBOX_VAR: os.pathsep.join(str(p) for p in paths.inbox),
    }
    if paths.raw_url:
        variables[RAW_URL_VAR] = paths.raw_url
    if paths.raw_url and paths.s3_endpoint:
        variables[S3_ENDPOINT_VAR] = paths.s3_endpoint
        variables[AWS_S3_ENDPOINT_VAR] = paths.s3_endpoint
    return variables


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
