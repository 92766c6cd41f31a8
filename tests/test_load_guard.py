"""Killed loads, two loads at once and unwritable folders never cost a good load.

Each test runs the real ``juesuan load`` command (supervisor, worker, Dagster, dbt) on the
bundled samples in a folder of its own:

- a second load of a folder another load holds is refused at once (exit 5);
- SIGTERM while dbt builds stops the load, dbt included, within seconds (exit 130);
- a file-size limit hit while the warehouse is written is one line (exit 6) and leaves no
  half-written warehouse;
- a missing path, a path that starts with '-', a file in the way of a folder: one line (exit 2
  or 6), nothing loaded.

SIGKILL of a load at each stage is in test_load_killed_reading.py and
test_load_killed_checking.py; the commands and comparisons they share are in loadkit.py.
"""

from __future__ import annotations

import os
import resource
import signal
import time
from pathlib import Path

import duckdb
import pytest
from loadkit import (
    LOADED,
    SAMPLES,
    dbt_building,
    finish,
    juesuan,
    load,
    mart_digest,
    wait_for,
)

from orchestration.cli import ExitCode
from orchestration.guard import exclusive_load, load_processes


def test_a_second_load_of_a_held_folder_is_refused(tmp_path):
    with exclusive_load(tmp_path):
        code, _, err = finish(load(tmp_path), timeout=120)
    assert code == ExitCode.BUSY
    assert f"another load is running on {tmp_path.resolve()} (pid {os.getpid()}" in err
    assert not (tmp_path / "w.duckdb").exists()
    assert not (tmp_path / "inbox-registry.json").exists()  # the holder's registry untouched


@pytest.mark.slow
def test_sigterm_while_dbt_builds_stops_the_load_and_dbt(tmp_path):
    process = load(tmp_path)
    wait_for(lambda: dbt_building(tmp_path))
    stopped = time.monotonic()
    process.send_signal(signal.SIGTERM)
    code, _, err = finish(process, timeout=60)
    # the supervisor gives the worker 10 s before it kills the process group
    assert time.monotonic() - stopped < 15
    assert code == ExitCode.INTERRUPTED
    assert "interrupted" in err
    assert load_processes(tmp_path) == []


def _small_files() -> None:
    # Writes past the limit fail with EFBIG (as a full disk fails them) instead of killing.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (4_000_000, 4_000_000))


@pytest.mark.slow
def test_a_write_that_cannot_be_made_is_one_line_and_leaves_no_warehouse(tmp_path):
    code, out, err = finish(load(tmp_path, preexec_fn=_small_files))
    assert code == ExitCode.ENVIRONMENT, out + err
    # one line, naming the file of this load that could not grow (dbt's error, or the load's)
    (line,) = err.strip().splitlines()
    assert line.startswith(f"juesuan: cannot write {tmp_path.resolve()}"), line
    assert line.endswith(": File too large"), line
    assert not (tmp_path / "w.duckdb").exists()


def test_bad_paths_are_one_line(tmp_path):
    code, _, err = finish(juesuan("load", str(tmp_path / "missing"), "--warehouse", "w.duckdb"))
    assert (code, err.strip()) == (
        ExitCode.USAGE, f"juesuan: no such file or folder: {tmp_path / 'missing'}",
    )  # fmt: skip
    code, _, err = finish(juesuan("load", "-x.pdf", "--warehouse", str(tmp_path / "w.duckdb")))
    assert code == ExitCode.USAGE
    assert "a path that starts with '-' goes after '--': juesuan load -- -x.pdf" in err
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    code, _, err = finish(load(blocker / "sub"))
    assert (code, err.strip()) == (
        ExitCode.ENVIRONMENT, f"juesuan: cannot write {blocker}: a file is in the way of a folder",
    )  # fmt: skip


def test_an_empty_folder_is_nothing_to_load(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out, _ = finish(juesuan("load", str(empty), "--warehouse", str(tmp_path / "w.duckdb")))
    assert (code, out.strip()) == (
        ExitCode.NOTHING_TO_LOAD, f"juesuan: nothing to load: no PDF in {empty}",
    )  # fmt: skip
    assert not (tmp_path / "w.duckdb").exists()


@pytest.mark.slow
def test_a_path_that_starts_with_a_dash_loads_after_double_dash(tmp_path):
    dashed = tmp_path / "inbox"
    dashed.mkdir()
    (dashed / "-2023.pdf").write_bytes((SAMPLES / "yangquan-commerce-2023.pdf").read_bytes())
    env_process = juesuan(
        "load", "--warehouse", str(tmp_path / "w.duckdb"), "--", "-2023.pdf", cwd=dashed
    )
    code, out, err = finish(env_process)
    assert code == LOADED, out + err
    assert "loaded       2023 阳泉市商务局 (-2023.pdf)" in out


def test_broken_and_hostile_files_cost_no_good_document(tmp_path, clean_load):
    from badkit import bad_corpus

    expected = bad_corpus(tmp_path / "bad")
    # the 2 GiB bomb passes this limit, the samples stay far below it
    process = juesuan(
        "load", str(SAMPLES), str(tmp_path / "bad"), "--warehouse", str(tmp_path / "w.duckdb"),
        extra_env={"JUESUAN_FILE_MEMORY_MIB": "1024"},
    )  # fmt: skip
    code, out, err = finish(process)
    assert code == LOADED, out + err
    warehouse = tmp_path / "w.duckdb"
    connection = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = connection.execute(
            "select file_name, status, split_part(status_reason, ':', 1), duplicate_of "
            "from marts.dim_document"
        ).fetchall()
    finally:
        connection.close()
    got = {name: (status, reason or None) for name, status, reason, _ in rows}
    # every file seen has exactly one row: the three samples loaded, each bad file as expected
    assert len(rows) == len(got) == len(expected) + 3
    assert got.pop("yangquan-commerce-2022.pdf") == ("loaded", None)
    assert got.pop("yangquan-commerce-2023.pdf") == ("loaded", None)
    assert got.pop("yangquan-commerce-2023-budget.pdf") == ("loaded", None)
    assert got == expected
    duplicate = next(r for r in rows if r[0] == "copy-of-2022.pdf")
    original = next(r for r in rows if r[0] == "yangquan-commerce-2022.pdf")
    assert duplicate[3] is not None and duplicate[3] == _document_id(warehouse, original[0])
    assert "damaged-2023.pdf: quarantined — corrupt" in out
    # the samples' marts are those of a clean load of the samples alone
    assert mart_digest(warehouse, "阳泉市商务局") == mart_digest(clean_load(), "阳泉市商务局")


def _document_id(warehouse: Path, file_name: str) -> str:
    connection = duckdb.connect(str(warehouse), read_only=True)
    try:
        return connection.execute(
            "select document_id from marts.dim_document where file_name = ? and status = 'loaded'",
            [file_name],
        ).fetchall()[0][0]
    finally:
        connection.close()
