"""The settings are the code location's resources, built when its definitions are loaded.

Importing ``orchestration.definitions`` reads no setting and writes nothing; Dagster calls
``defs()`` (a ``@dg.definitions`` function) when it loads the code location, and a caller
with its own paths calls ``build_definitions``: two of them, for two warehouses, live side by
side in one process without touching ``os.environ``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import dagster as dg

from orchestration.settings import (
    DATA_DIR_VAR,
    INBOX_VAR,
    RAW_DIR_VAR,
    SAMPLE_INBOX,
    WAREHOUSE_VAR,
    Paths,
    exported,
    paths_from,
)

REPO_ROOT = Path(__file__).resolve().parents[1]


def _settings_in_environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k.startswith("JUESUAN_")}


def test_two_code_locations_in_one_process_each_use_their_own_paths(tmp_path, dbt_manifest):
    from orchestration.definitions import build_definitions

    before = _settings_in_environment()
    first = Paths.of(tmp_path / "a" / "first.duckdb")
    second = Paths.of(tmp_path / "b" / "second.duckdb", data_dir=tmp_path / "b-data")
    inboxes = {first: tmp_path / "inbox-a", second: tmp_path / "inbox-b"}
    for folder in inboxes.values():
        folder.mkdir()
    locations = {paths: build_definitions(paths) for paths in (first, second)}
    instance = dg.DagsterInstance.ephemeral()

    for paths, defs in locations.items():
        assert defs.resources["paths"].warehouse == str(paths.warehouse)
        assert defs.resources["paths"].data_dir == str(paths.data_dir)
        assert defs.resources["warehouse"].database == str(paths.warehouse)
        # Each location's run writes its own data folder, whatever the environment says.
        scan = defs.resolve_job_def("scan_inbox").execute_in_process(
            instance=instance,
            run_config={"ops": {"disclosure_inbox": {"config": {"paths": [str(inboxes[paths])]}}}},
        )
        assert scan.success
        assert paths.registry.is_file()

    assert first.data_dir == tmp_path / "a"  # the warehouse's folder by default
    assert second.data_dir == tmp_path / "b-data"
    assert not (tmp_path / "b" / "inbox-registry.json").exists()
    assert _settings_in_environment() == before


def test_the_code_location_dagster_loads_reads_the_environment_then(tmp_path, dbt_manifest):
    from orchestration.definitions import defs

    assert not isinstance(defs, dg.Definitions)  # a loader, called when Dagster loads the module
    loaded = defs()
    # conftest.py exported the session's paths before this test ran
    assert loaded.resources["paths"].warehouse == os.environ[WAREHOUSE_VAR]
    assert loaded.resources["warehouse"].database == os.environ[WAREHOUSE_VAR]


# Run in a fresh interpreter: records every JUESUAN_* variable read or written while
# orchestration.definitions is imported, then while its definitions are loaded.
_PROBE = """
import json, os, sys

class Recording(dict):
    def __init__(self, real):
        super().__init__(real)
        self.touched = set()
    def _note(self, key):
        if isinstance(key, str) and key.startswith("JUESUAN_"):
            self.touched.add(key)
    def __getitem__(self, key):
        self._note(key)
        return super().__getitem__(key)
    def get(self, key, default=None):
        self._note(key)
        return super().get(key, default)
    def __contains__(self, key):
        self._note(key)
        return super().__contains__(key)
    def __setitem__(self, key, value):
        self._note(key)
        super().__setitem__(key, value)
    def copy(self):
        return dict(self)

recording = Recording(os.environ)
os.environ = recording
import orchestration.definitions as location
on_import = sorted(recording.touched)
recording.touched.clear()
loaded = location.defs()
print(json.dumps({
    "import": on_import,
    "load": sorted(recording.touched),
    "warehouse": loaded.resources["paths"].warehouse,
}))
"""


def test_importing_the_code_location_reads_no_setting_and_writes_nothing(tmp_path, dbt_manifest):
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("JUESUAN_", "DAGSTER_", "DBT_"))
    }
    work = tmp_path / "cwd"
    work.mkdir()
    result = subprocess.run(
        [sys.executable, "-c", _PROBE],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["import"] == []
    # Loading the definitions is when the settings are read (the probe sees it), with defaults.
    assert {WAREHOUSE_VAR, DATA_DIR_VAR, INBOX_VAR} <= set(seen["load"])
    assert seen["warehouse"] == str(work / "data" / "juesuan.duckdb")
    assert list(work.iterdir()) == []  # neither import nor load made a file or folder


def test_paths_from_an_environment_with_defaults(tmp_path):
    assert paths_from({}) == Paths.of("data/juesuan.duckdb")
    assert paths_from({}).inbox == (SAMPLE_INBOX,)
    given = paths_from(
        {
            WAREHOUSE_VAR: str(tmp_path / "w.duckdb"),
            DATA_DIR_VAR: str(tmp_path / "data"),
            INBOX_VAR: os.pathsep.join([str(tmp_path / "x"), "", str(tmp_path / "y")]),
        }
    )
    folders = (tmp_path / "x", tmp_path / "y")
    assert given == Paths(tmp_path / "w.duckdb", tmp_path / "data", folders)
    assert given.raw_dir == tmp_path / "data" / "raw"


def test_exported_gives_dbt_the_paths_and_restores_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(WAREHOUSE_VAR, "/elsewhere/w.duckdb")
    monkeypatch.delenv(RAW_DIR_VAR, raising=False)
    paths = Paths.of(tmp_path / "w.duckdb", inbox=[tmp_path / "in"])
    with exported(paths):
        assert os.environ[WAREHOUSE_VAR] == str(tmp_path / "w.duckdb")
        assert os.environ[RAW_DIR_VAR] == str(tmp_path / "raw")
        assert os.environ[INBOX_VAR] == str(tmp_path / "in")
    assert os.environ[WAREHOUSE_VAR] == "/elsewhere/w.duckdb"
    assert RAW_DIR_VAR not in os.environ


def test_the_dbt_step_starts_dbt_with_its_own_locations_paths(tmp_path, dbt_manifest):
    """dbt is a subprocess reading env_var: it gets the resource's paths, not the process's."""
    from dagster_dbt import DbtCliResource
    from dagster_duckdb import DuckDBResource

    from orchestration.dbt.assets import juesuan_dbt_models
    from orchestration.dbt.project import dbt_project
    from orchestration.resources import build_resources

    seen: dict[str, str | None] = {}

    class _Invocation:
        target_path = tmp_path / "target"  # dbt wrote no parse state there

        def stream(self):  # dbt built nothing
            return iter(())

    class RecordingDbt(DbtCliResource):
        def cli(self, args, **kwargs):  # type: ignore[override]
            seen.update({k: os.environ.get(k) for k in (WAREHOUSE_VAR, RAW_DIR_VAR)})
            return _Invocation()

    paths = Paths.of(tmp_path / "own.duckdb")
    resources = build_resources(paths)
    resources["dbt"] = RecordingDbt(project_dir=dbt_project)
    assert isinstance(resources["warehouse"], DuckDBResource)
    before = _settings_in_environment()
    result = dg.materialize(
        [juesuan_dbt_models], resources=resources, instance=dg.DagsterInstance.ephemeral()
    )
    assert result.success
    assert seen == {WAREHOUSE_VAR: str(paths.warehouse), RAW_DIR_VAR: str(paths.raw_dir)}
    assert _settings_in_environment() == before
