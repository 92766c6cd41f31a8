"""What the dbt step does around dbt: the version it is told, the parse state it keeps."""

from __future__ import annotations

import re
import subprocess

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
