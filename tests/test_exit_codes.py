"""Exit codes a script can rely on: clean, errors found, nothing to do, failed, busy."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from orchestration.cli import ExitCode, exit_code
from orchestration.run import LoadSummary, environment_message

REPO = Path(__file__).resolve().parents[1]
# The 2022 sample alone raises no error finding and one failed warning (TXT-PERF-PROJECT).
SAMPLE_2022 = REPO / "samples" / "pdf" / "yangquan-commerce-2022.pdf"


def juesuan(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUESUAN_", "DAGSTER_"))}
    return subprocess.run(
        [sys.executable, "-m", "orchestration.cli", *args],
        capture_output=True, text=True, env=env, cwd=REPO, timeout=900, check=False,
    )  # fmt: skip


@pytest.fixture(scope="module")
def clean_json_load(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    warehouse = tmp_path_factory.mktemp("clean") / "w.duckdb"
    result = juesuan("load", str(SAMPLE_2022), "--warehouse", str(warehouse), "--json")
    assert result.returncode == ExitCode.OK, result.stdout + result.stderr
    return warehouse, json.loads(result.stdout)  # stdout is the JSON alone


def test_a_clean_load_exits_0_and_its_json_says_what_it_did(clean_json_load):
    _, summary = clean_json_load
    assert (summary["exit_code"], summary["exit"]) == (0, "ok")
    assert summary["warehouse_built"] is True
    assert summary["documents"]["loaded"] == [
        "2022 阳泉市商务局 (yangquan-commerce-2022.pdf)"
    ]
    assert summary["marts"]["fact_expenditure"] > 0
    failed = [f for f in summary["findings"] if f["outcome"] == "fail"]
    assert failed == [
        {"rule_id": "TXT-PERF-PROJECT", "severity": "warning", "outcome": "fail", "count": 1}
    ]
    assert {c["check"] for c in summary["checks"]} >= {"PERF_RATE", "T03_ROW"}


def test_fail_on_warning_makes_the_same_warehouse_exit_3(clean_json_load):
    warehouse, _ = clean_json_load
    result = juesuan(
        "load", str(SAMPLE_2022), "--warehouse", str(warehouse), "--fail-on", "warning"
    )
    assert result.returncode == ExitCode.FINDINGS, result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1] == (
        "exit 3 (findings): 1 failed error or warning finding(s): TXT-PERF-PROJECT ×1 "
        "(--fail-on never to exit 0 on findings)"
    )


def test_a_reader_holding_the_warehouse_is_named_before_any_work(clean_json_load):
    warehouse, _ = clean_json_load
    before = warehouse.stat().st_mtime_ns
    with duckdb.connect(str(warehouse), read_only=True):
        result = juesuan("load", str(SAMPLE_2022), "--warehouse", str(warehouse))
    assert result.returncode == ExitCode.BUSY, result.stdout + result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"juesuan: the warehouse {warehouse} is open in process {os.getpid()}")
    assert str(warehouse.parent / "published" / "juesuan.duckdb") in line
    assert warehouse.stat().st_mtime_ns == before


def test_nothing_to_load_under_json_is_one_object(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = juesuan("load", str(empty), "--warehouse", str(tmp_path / "w.duckdb"), "--json")
    assert result.returncode == ExitCode.NOTHING_TO_LOAD
    assert json.loads(result.stdout) == {"exit_code": 4, "exit": "nothing_to_load"}
    assert result.stderr.strip() == f"juesuan: nothing to load: no PDF in {empty}"


# The decision itself, on summaries of every shape a load can end with.

BUILT = {"warehouse_built": True}


def _summary(**fields: object) -> LoadSummary:
    return LoadSummary(**{**BUILT, **fields})


@pytest.mark.parametrize(
    ("summary", "fail_on", "code"),
    [
        (_summary(), "error", ExitCode.OK),
        (_summary(findings=[("PERF-RATE", "error", "fail", 4)]), "error", ExitCode.FINDINGS),
        (_summary(findings=[("PERF-RATE", "error", "fail", 4)]), "never", ExitCode.OK),
        # can't tell is not a contradiction, whatever its severity
        (_summary(findings=[("X", "error", "insufficient_data", 2)]), "warning", ExitCode.OK),
        (_summary(findings=[("TXT-YOY", "warning", "fail", 1)]), "error", ExitCode.OK),
        (_summary(findings=[("TXT-YOY", "warning", "fail", 1)]), "warning", ExitCode.FINDINGS),
        (_summary(findings=[("HIER", "info", "fail", 1)]), "warning", ExitCode.OK),
        (_summary(failed=["2023 某局"]), "never", ExitCode.FAILED),
        (_summary(warehouse_built=False, build_error="dbt: boom"), "never", ExitCode.FAILED),
        (_summary(environment_error="No space left on device"), "error", ExitCode.ENVIRONMENT),
    ],
)
def test_exit_code(summary: LoadSummary, fail_on: str, code: ExitCode):
    assert exit_code(summary, fail_on)[0] is code


def test_a_failed_build_says_why_and_shows_no_older_counts():
    summary = LoadSummary(
        accepted=["2023 某局 (a.pdf)"],
        warehouse_built=False,
        build_error="DbtCliError: dbt build failed",
        mart_rows={"fact_expenditure": 12},  # never shown for a build that failed
        findings=[("PERF-RATE", "error", "fail", 4)],
    )
    text = summary.render(1.0)
    assert "marts: NOT BUILT — DbtCliError: dbt build failed" in text
    assert "rows" not in text and "checks:" not in text and "PERF-RATE" not in text
    code, why = exit_code(summary)
    assert (code, why) == (
        ExitCode.FAILED, "the warehouse was not built: DbtCliError: dbt build failed"
    )  # fmt: skip
    assert summary.as_dict(1.0, code, "failed", why)["marts"] == {}


def test_the_machine_at_fault_is_one_line_naming_the_file_wherever_the_error_says_it(
    monkeypatch,
):
    monkeypatch.setenv("JUESUAN_DATA_DIR", "/data")
    # dbt's failure carries the DuckDB error that caused it lines below its own first line
    dbt_failed = (
        "DagsterDbtCliRuntimeError: dagster_dbt.errors.DagsterDbtCliRuntimeError: The dbt CLI "
        "process with command\n\n`dbt build`\n\nfailed with exit code 1.\n\nErrors parsed "
        "from dbt logs:\n\n  Runtime Error in model fact_income\n  TransactionContext Error: "
        'Failed to commit: Could not write file "/data/w.duckdb.wal": No space left on device'
    )
    assert environment_message(dbt_failed) == (
        "cannot write /data/w.duckdb.wal: No space left on device"
    )
    assert environment_message("OSError: [Errno 27] File too large: '/data/raw/a.parquet'") == (
        "cannot write /data/raw/a.parquet: File too large"
    )
    assert environment_message("IOException: Errno 30") == (
        "cannot write under /data: Read-only file system"
    )
    assert environment_message("ValueError: a table without rows") is None
