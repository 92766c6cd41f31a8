"""Running the real ``juesuan load`` command (supervisor, worker, Dagster, dbt) in a folder of a
test's own, and comparing what it built: the kit of the load-guard tests
(test_load_guard.py, test_load_killed_*.py)."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import duckdb

from orchestration.cli import ExitCode
from orchestration.guard import load_processes

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples" / "pdf"
# Columns that say when a row was made, not what it says.
VOLATILE = {"loaded_at", "extracted_at", "detected_at"}


def juesuan(
    *args: str, extra_env: dict[str, str] | None = None, **popen: object
) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUESUAN_", "DAGSTER_"))}
    env.update(extra_env or {})
    options: dict = {"cwd": REPO, **popen}
    return subprocess.Popen(
        [sys.executable, "-m", "orchestration.cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        **options,
    )


def load(folder: Path, *extra: str, **popen: object) -> subprocess.Popen:
    return juesuan("load", str(SAMPLES), "--warehouse", str(folder / "w.duckdb"), *extra, **popen)


def finish(process: subprocess.Popen, timeout: float = 600) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=timeout)
    return process.returncode, out, err


def mart_digest(warehouse: Path, department: str | None = None) -> dict[str, str]:
    """A digest of every mart's rows (order-free, timestamps left out); with ``department``,
    of that department's rows in every mart that has a department_id (dim_document aside:
    it lists the other files too)."""
    connection = duckdb.connect(str(warehouse), read_only=True)
    try:
        digests = {}
        tables = connection.execute(
            "select table_name from information_schema.tables where table_schema = 'marts'"
        ).fetchall()
        for (table,) in tables:
            columns = [
                name
                for (name,) in connection.execute(
                    "select column_name from information_schema.columns "
                    "where table_schema = 'marts' and table_name = ? order by ordinal_position",
                    [table],
                ).fetchall()
                if name not in VOLATILE
            ]
            where, params = "", []
            if department is not None:
                if "department_id" not in columns or table == "dim_document":
                    continue
                where, params = " where department_id = ?", [department]
            rows = connection.execute(
                f"select {', '.join(columns)} from marts.{table}{where}", params
            ).fetchall()
            lines = sorted(repr(row) for row in rows)
            digests[table] = hashlib.sha256("\n".join(lines).encode()).hexdigest()
        return digests
    finally:
        connection.close()


def wait_for(condition: Callable[[], bool], timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the load never reached the stage")
        time.sleep(0.1)


def dbt_building(folder: Path) -> bool:
    return any(is_dbt_build(pid) for pid, _, _ in load_processes(folder))


def is_dbt_build(pid: int) -> bool:
    """Whether process ``pid`` is a ``dbt build`` (False once it has gone)."""
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    return any(part.endswith(b"dbt") for part in command) and b"build" in command


def _log_says(folder: Path, text: str) -> bool:
    return any(text in log.read_text(errors="replace") for log in (folder / "logs").glob("*.log"))


STAGES = {
    "extraction": lambda folder: extracting(folder),
    "dbt": lambda folder: dbt_building(folder),
    "checks": lambda folder: _log_says(folder, 'Started execution of step "reconciliation_rules"'),
    "reports": lambda folder: _log_says(folder, 'Started execution of step "reports__findings'),
}


# A finished load of the samples: the 2023 sample raises 4 PERF-RATE error findings
# (tests/test_load_samples.py), so it exits FINDINGS under the default --fail-on error.
LOADED = ExitCode.FINDINGS


def extracting(folder: Path) -> bool:
    # the first document is read and kept; the other may still be in its reader
    return any((folder / "cache" / "extractions").glob("*.pickle"))


def killed_outright_then_finished(
    folder: Path, clean_marts: Callable[[], dict[str, str]], stage: str
) -> None:
    """SIGKILL a load of the samples once it reaches ``stage``; the next load must finish with
    the marts of a clean load and leave no process behind."""
    process = load(folder)
    wait_for(lambda: STAGES[stage](folder))
    process.send_signal(signal.SIGKILL)
    finish(process, timeout=60)
    code, out, err = finish(load(folder))
    assert code == LOADED, out + err
    assert mart_digest(folder / "w.duckdb") == clean_marts()
    assert load_processes(folder) == []
