"""The dbt project as Dagster sees it (dbt 项目).

Kept in its own small module because ``@dbt_assets`` reads the manifest at import time:
``ensure_manifest()`` (called by the CLI and the tests) or ``dagster dev`` (through
``prepare_if_dev``) produces it first.

The project is ``dbt_project/`` beside the code packages: the checkout's folder, or the copy
a wheel installs into site-packages. dbt writes its artifacts (manifest, compiled SQL, partial
parse state, ``dbt.log``) into a target folder: the project's own ``target/`` in a checkout, as
developers expect; for an installed copy, a folder of the data folder (see ``target_path``).
"""

from __future__ import annotations

import hashlib
import os
from importlib import metadata
from pathlib import Path

from dagster_dbt import DbtProject

from orchestration.settings import (
    DBT_PROJECT_DIR,
    Paths,
    current_paths,
    exported,
)

# The files whose change makes the manifest stale.
PROJECT_FOLDERS = ("models", "seeds", "macros", "tests")
PROJECT_FILES = ("dbt_project.yml", "profiles.yml")


def is_installed_copy(project_dir: Path) -> bool:
    """True when ``project_dir`` is the copy a wheel installed (its files are in the RECORD of
    an installed juesuan distribution), false for a checkout, with or without an editable
    install. Only a RECORD counts: the checkout's own ``juesuan.egg-info`` (found on sys.path
    when the current directory is the checkout) lists the project's files too."""
    marker = (project_dir / "dbt_project.yml").resolve()
    for distribution in metadata.distributions(name="juesuan"):
        record = distribution.read_text("RECORD") or ""
        for line in record.splitlines():
            name = line.split(",", 1)[0]
            if name.endswith("/dbt_project.yml"):
                if Path(str(distribution.locate_file(name))).resolve() == marker:
                    return True
    return False


def target_path(project_dir: Path, data_dir: Path | None = None) -> Path:
    """Where dbt writes its target folder (and, through Dagster, its logs).

    A checkout keeps ``target/`` inside the project. An installed copy does not: site-packages
    may be read-only, and files written there outlive ``pip uninstall``. Its target folder is
    then in the data folder, which a load has checked it can write, named after the project's
    location so that two installations sharing a data folder never read each other's manifest.
    An explicit ``DBT_TARGET_PATH`` wins, as it does for dbt and dagster-dbt.

    The manifest's place is fixed when ``@dbt_assets`` reads it, at import, before any
    definitions are built: without ``data_dir``, an installed copy reads the data folder from
    the environment (``JUESUAN_DATA_DIR``, else the warehouse's folder). A checkout reads none.
    """
    explicit = os.environ.get("DBT_TARGET_PATH")
    if explicit:
        return Path(explicit)
    if not is_installed_copy(project_dir) and os.access(project_dir, os.W_OK):
        return Path("target")
    digest = hashlib.sha256(str(project_dir.resolve()).encode()).hexdigest()[:12]
    if data_dir is None:
        data_dir = current_paths().data_dir
    return data_dir / "dbt" / f"target-{digest}"


if not (DBT_PROJECT_DIR / "dbt_project.yml").is_file():
    raise RuntimeError(
        f"the dbt project is missing from {DBT_PROJECT_DIR}: this juesuan was installed from a "
        "build without its package data (rebuild the wheel from the repository)"
    )

_target = target_path(DBT_PROJECT_DIR)
if _target.is_absolute():
    # dagster-dbt gives every dbt invocation its own folder under $DBT_TARGET_PATH (relative to
    # the project when unset), and copies the partial-parse state from there: point it at the
    # same folder as the manifest, outside the installed project.
    os.environ["DBT_TARGET_PATH"] = str(_target)

dbt_project = DbtProject(
    project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR, target_path=_target
)
if os.environ.get("DAGSTER_IS_DEV_CLI"):  # `dagster dev`: parse with the deployment's paths
    with exported(current_paths()):
        dbt_project.prepare_if_dev()


def ensure_manifest(paths: Paths | None = None) -> None:
    """Parse the dbt project when its manifest is missing or older than any project file, with
    ``paths`` (default: the environment's) in dbt's environment while it parses."""
    manifest = dbt_project.manifest_path
    sources = [
        path
        for folder in PROJECT_FOLDERS
        for path in (DBT_PROJECT_DIR / folder).rglob("*")
        if path.is_file()
    ] + [DBT_PROJECT_DIR / name for name in PROJECT_FILES]
    if manifest.exists():
        built = manifest.stat().st_mtime
        if all(path.stat().st_mtime <= built for path in sources):
            return
    with exported(paths or current_paths()):
        dbt_project.preparer.prepare(dbt_project)
