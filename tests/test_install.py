"""``pip install juesuan`` gives a working ``juesuan`` command (wheel and editable installs).

The wheel is built the way a release would be (sdist, then the wheel from the sdist, so both
must carry the dbt project and the samples) and installed into a fresh venv with the locked
versions of its dependencies (exported from uv.lock, so the install is fast and served from
uv's cache); the editable install then replaces the wheel in the same venv. Every command then
runs from a temporary directory with a PATH that does not contain the venv and none of the test
session's JUESUAN_* / DAGSTER_* / DBT_* variables, so that the installed package cannot reach
the checkout and dbt has to be found beside the venv's interpreter. The editable install runs
the same load from the checkout's code."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import duckdb
import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "samples" / "pdf" / "yangquan-commerce-2023.pdf"
VERSION = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"][
    "version"
]
# Marts a one-document load must fill (the full list is the load summary's business).
MARTS = ("dim_document", "fact_expenditure", "fact_income", "fact_reconciliation_finding")

# What the installed code reports about itself, printed as JSON by the venv's interpreter.
PROBE = """
import json, os, orchestration
from orchestration.dbt import project
print(json.dumps({
    "orchestration": orchestration.__file__,
    "project_dir": str(project.dbt_project.project_dir),
    "target_path": str(project.dbt_project.target_path),
    "installed_copy": project.is_installed_copy(project.DBT_PROJECT_DIR),
}))
"""


def _uv() -> list[str]:
    """The uv that runs this session (``uv run`` exports it), else one on PATH."""
    if os.environ.get("UV"):
        return [os.environ["UV"]]
    if shutil.which("uv"):
        return [shutil.which("uv")]
    return ["python3", "-m", "uv"]  # how the Makefile installs and calls it


def _run(command: list[object], **kwargs: object) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(c) for c in command], capture_output=True, text=True, check=False, **kwargs
    )
    assert result.returncode == 0, (
        f"{' '.join(map(str, command))} exited {result.returncode}\n"
        f"stdout:\n{result.stdout[-4000:]}\nstderr:\n{result.stderr[-4000:]}"
    )
    return result


def _outside_env(**extra: str) -> dict[str, str]:
    """The environment of a user's shell: no venv on PATH, none of this session's settings."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("JUESUAN_", "DAGSTER_", "DBT_", "UV_", "PYTHON"))
        and key not in ("VIRTUAL_ENV", "UV")
    }
    env["PATH"] = os.pathsep.join(["/usr/bin", "/bin"])
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The wheel, and the locked dependency versions as pip constraints."""
    out = tmp_path_factory.mktemp("dist")
    # Without --wheel uv builds the sdist and then the wheel from it (no build/ in the tree).
    _run([*_uv(), "build", "--quiet", "--out-dir", out, REPO])
    wheels = list(out.glob("juesuan-*.whl"))
    assert len(wheels) == 1, wheels
    constraints = out / "constraints.txt"
    exported = _run(
        [*_uv(), "export", "--frozen", "--no-hashes", "--no-dev", "--no-emit-project"],
        cwd=REPO,
    )
    constraints.write_text(exported.stdout, encoding="utf-8")
    return {"wheel": wheels[0], "constraints": constraints}


@pytest.fixture(scope="module")
def venv(build: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the locked dependencies; each test installs juesuan into it, the
    wheel or the checkout (the second install replaces the first), so the dependencies are
    installed, and their bytecode compiled by the first load, once."""
    venv = tmp_path_factory.mktemp("install") / "venv"
    # pip is not needed in it: uv installs into the venv through its interpreter.
    _run([sys.executable, "-m", "venv", "--without-pip", venv])
    _install(venv, build["constraints"], "-r", build["constraints"])
    return venv


def _install(venv: Path, constraints: Path, *requirement: object) -> None:
    python = venv / "bin" / "python"
    _run([*_uv(), "pip", "install", "--quiet", "--python", python, "-c", constraints, *requirement])


def _probe(venv: Path, cwd: Path, data_dir: Path) -> dict[str, object]:
    result = _run(
        [venv / "bin" / "python", "-c", PROBE],
        cwd=cwd,
        env=_outside_env(JUESUAN_DATA_DIR=str(data_dir)),
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def _load_and_check(venv: Path, work: Path) -> Path:
    """``juesuan --version`` and a one-document load, from ``work``; returns the warehouse."""
    version = _run([venv / "bin" / "juesuan", "--version"], cwd=work, env=_outside_env())
    assert version.stdout.strip() == f"juesuan {VERSION}"

    pdf = work / "in" / SAMPLE.name
    pdf.parent.mkdir()
    shutil.copy(SAMPLE, pdf)
    warehouse = work / "out" / "w.duckdb"
    loaded = _run(
        # --fail-on never: the sample's PERF-RATE errors would exit 3 (tests/test_exit_codes.py)
        [venv / "bin" / "juesuan", "load", pdf, "--warehouse", warehouse, "--fail-on", "never"],
        cwd=work,
        env=_outside_env(),
        timeout=900,
    )
    assert "documents: 1 loaded, 0 quarantined" in loaded.stdout, loaded.stdout

    with duckdb.connect(str(warehouse), read_only=True) as con:
        for mart in MARTS:
            (rows,) = con.execute(f"select count(*) from marts.{mart}").fetchone()
            assert rows > 0, f"marts.{mart} is empty"
        (department,) = con.execute("select department_name from marts.dim_document").fetchone()
    assert department == "阳泉市商务局"
    return warehouse


def _tree(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def test_the_wheel_carries_no_sample_tools(build: dict[str, Path]) -> None:
    # The one-off tools that made the samples run from a checkout (scripts/samples/); one needs
    # openpyxl, which the package does not depend on, so none of them may ship.
    with zipfile.ZipFile(build["wheel"]) as wheel:
        names = wheel.namelist()
    tools = {p.name for p in (REPO / "scripts" / "samples").glob("*.py")}
    assert tools, "no tools found in scripts/samples/"
    assert not [n for n in names if n.startswith("scripts/") or Path(n).name in tools]
    samples_code = {n for n in names if n.startswith("samples/") and n.endswith(".py")}
    assert samples_code == {"samples/__init__.py", "samples/render.py"}, samples_code


def test_the_wheel_installs_a_working_juesuan(
    build: dict[str, Path], venv: Path, tmp_path: Path
) -> None:
    _install(venv, build["constraints"], build["wheel"])
    work = tmp_path / "work"
    work.mkdir()

    # The installed package is the venv's copy, with its dbt project beside it, and it keeps
    # dbt's target folder in the data folder rather than in site-packages.
    seen = _probe(venv, work, tmp_path / "probe-data")
    assert Path(seen["orchestration"]).is_relative_to(venv), seen
    project_dir = Path(seen["project_dir"])
    assert project_dir.is_relative_to(venv) and project_dir.name == "dbt_project", seen
    assert seen["installed_copy"] is True
    assert Path(seen["target_path"]).is_relative_to(tmp_path / "probe-data"), seen
    shipped = _tree(project_dir)
    assert {"dbt_project.yml", "profiles.yml", "seeds/reconciliation_rules.csv"} <= shipped
    assert not {"target", "logs", "dbt_packages", "scripts"} & shipped

    warehouse = _load_and_check(venv, work)

    # The first run produced the manifest in the data folder (the warehouse's folder), and dbt
    # wrote nothing into the installed project.
    assert list((warehouse.parent / "dbt").glob("target-*/manifest.json"))
    assert _tree(project_dir) == shipped
    assert not (work / "data").exists() and not (work / "dbt_project").exists()


def test_an_editable_install_runs_the_checkout(
    build: dict[str, Path], venv: Path, tmp_path: Path
) -> None:
    _install(venv, build["constraints"], "-e", REPO)
    work = tmp_path / "work"
    work.mkdir()

    seen = _probe(venv, work, tmp_path / "probe-data")
    assert Path(seen["orchestration"]).is_relative_to(REPO), seen
    assert Path(seen["project_dir"]) == REPO / "dbt_project", seen
    assert seen["installed_copy"] is False
    assert seen["target_path"] == "target", seen  # a checkout keeps dbt_project/target

    _load_and_check(venv, work)
