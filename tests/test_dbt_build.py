"""What the dbt step does around dbt: the version it is told, the parse state it keeps, the
warehouse plugin that opens the file."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import duckdb
import pytest
from rulekit import DBT_PROJECT, PARSE_STATE, parse_state

from orchestration.dbt import warehouse_plugin
from orchestration.dbt.assets import keep_parse_state
from orchestration.dbt.project import dbt_project
from orchestration.resources import JuesuanDbtCli, dbt_executable


def test_the_dbt_version_is_the_one_the_executable_prints():
    resource = JuesuanDbtCli(project_dir=dbt_project, dbt_executable=dbt_executable())
    printed = subprocess.run(
        [dbt_executable(), "--version"], capture_output=True, text=True, check=True
    ).stdout
    core = re.search(r"(\d+\.\d+\.\d+)", printed)
    assert core is not None
    assert str(resource._cli_version) == core.group(1)


def test_another_dbt_is_asked_its_version(tmp_path):
    other = tmp_path / "dbt"
    other.write_text("#!/bin/sh\necho 'Core:\n  - installed: 9.8.7'\n")
    other.chmod(0o755)
    resource = JuesuanDbtCli(project_dir=dbt_project, dbt_executable=str(other))
    assert str(resource._cli_version) == "9.8.7"


def test_a_builds_parse_state_is_kept_for_the_next_build(tmp_path):
    build, project = tmp_path / "build", tmp_path / "target"
    build.mkdir()
    project.mkdir()
    (project / "partial_parse.msgpack").write_bytes(b"parsed for another warehouse")
    keep_parse_state(build, project)  # the build left none: the old one stays
    assert (project / "partial_parse.msgpack").read_bytes() == b"parsed for another warehouse"
    (build / "partial_parse.msgpack").write_bytes(b"parsed for this warehouse")
    keep_parse_state(build, project)
    assert (project / "partial_parse.msgpack").read_bytes() == b"parsed for this warehouse"
    assert sorted(p.name for p in project.iterdir()) == ["partial_parse.msgpack"]


def test_the_plugin_attaches_the_warehouse_and_names_the_raw_folder(tmp_path, monkeypatch):
    warehouse, raw = tmp_path / "it's here" / "w.duckdb", tmp_path / "raw"
    warehouse.parent.mkdir()
    monkeypatch.setenv("JUESUAN_WAREHOUSE", str(warehouse))
    monkeypatch.setenv("JUESUAN_RAW_DIR", str(raw))
    plugin = warehouse_plugin.Plugin("warehouse_plugin", {})
    connection = duckdb.connect(":memory:")
    plugin.configure_connection(connection)
    plugin.configure_connection(connection)  # dbt may open the database again: no second attach
    cursor = connection.cursor()
    plugin.configure_cursor(cursor)
    cursor.execute("create table juesuan.main.t as select 1 as x")
    assert cursor.execute("select getvariable('juesuan_raw_dir')").fetchone() == (str(raw),)
    connection.close()
    with duckdb.connect(str(warehouse), read_only=True) as written:
        assert written.execute("select x from main.t").fetchall() == [(1,)]


@pytest.mark.parametrize("missing", ["JUESUAN_WAREHOUSE", "JUESUAN_RAW_DIR"])
def test_the_plugin_refuses_to_guess_a_path(tmp_path, monkeypatch, missing):
    monkeypatch.setenv("JUESUAN_WAREHOUSE", str(tmp_path / "w.duckdb"))
    monkeypatch.setenv("JUESUAN_RAW_DIR", str(tmp_path / "raw"))
    monkeypatch.delenv(missing)
    plugin = warehouse_plugin.Plugin("warehouse_plugin", {})
    connection = duckdb.connect(":memory:")
    with pytest.raises(RuntimeError, match=missing):
        plugin.configure_connection(connection)
        plugin.configure_cursor(connection.cursor())


def test_another_warehouse_reuses_the_parse(tmp_path):
    """The profile names no path, so dbt keeps its parse for a new warehouse and raw folder
    (a full parse costs seconds on every first build otherwise)."""
    target = tmp_path / "target"
    target.mkdir()
    shutil.copy(parse_state(), target / PARSE_STATE)
    env = {
        **os.environ,
        "JUESUAN_WAREHOUSE": str(tmp_path / "elsewhere" / "other.duckdb"),
        "JUESUAN_RAW_DIR": str(tmp_path / "other-raw"),
        "DBT_LOG_PATH": str(tmp_path / "logs"),
    }
    result = subprocess.run(
        [sys.executable, "-m", "dbt.cli.main", "--log-level", "debug", "parse",
         "--project-dir", str(DBT_PROJECT), "--profiles-dir", str(DBT_PROJECT),
         "--target-path", str(target)],
        env=env, capture_output=True, text=True, check=False, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-4000:]
    assert "Unable to do partial parsing" not in result.stdout
    assert "Partial parsing enabled, no changes found" in result.stdout
