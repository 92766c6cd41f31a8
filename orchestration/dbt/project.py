"""The dbt project as Dagster sees it (dbt 项目).

Kept in its own small module because ``@dbt_assets`` reads the manifest at import time:
``ensure_manifest()`` (called by the CLI and the tests) or ``dagster dev`` (through
``prepare_if_dev``) produces it first.
"""

from __future__ import annotations

from dagster_dbt import DbtProject

from orchestration.settings import REPO_ROOT, current_paths, export_paths

DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"

export_paths(current_paths())

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)
dbt_project.prepare_if_dev()


def ensure_manifest() -> None:
    """Parse the dbt project when its manifest is missing or older than any project file."""
    manifest = dbt_project.manifest_path
    sources = [
        path
        for folder in ("models", "seeds", "macros", "tests")
        for path in (DBT_PROJECT_DIR / folder).rglob("*")
        if path.is_file()
    ] + [DBT_PROJECT_DIR / "dbt_project.yml", DBT_PROJECT_DIR / "profiles.yml"]
    if manifest.exists():
        built = manifest.stat().st_mtime
        if all(path.stat().st_mtime <= built for path in sources):
            return
    dbt_project.preparer.prepare(dbt_project)
