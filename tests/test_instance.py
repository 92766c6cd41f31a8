"""The load's Dagster instance keeps its event databases open (orchestration/instance.py): what
it stores is read at once by Dagster's stock storage (the UI's), a watcher of a run is told of
its events, a killed load loses no committed event, and a yearly load's thousands of runs do
not all stay open."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import pytest
from dagster._core.events import DagsterEvent, DagsterEventType, StepMaterializationData
from dagster._core.events.log import EventLogEntry
from dagster._core.storage.event_log import SqliteEventLogStorage

from orchestration.instance import OPEN_DATABASES, KeptOpenSqliteEventLogStorage, load_instance


def materialization(run_id: str, key: str) -> EventLogEntry:
    event = DagsterEvent(
        event_type_value=DagsterEventType.ASSET_MATERIALIZATION.value,
        job_name="load_document",
        event_specific_data=StepMaterializationData(dg.AssetMaterialization(asset_key=key)),
    )
    return EventLogEntry(
        error_info=None, level=10, user_message="", run_id=run_id, timestamp=time.time(),
        dagster_event=event, job_name="load_document",
    )  # fmt: skip


def run_id_of(n: int) -> str:
    return f"{n:08d}-0000-0000-0000-000000000000"


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    (tmp_path / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path))
    return tmp_path


def test_the_load_instance_is_the_home_with_the_kept_open_event_log(home):
    with load_instance() as instance:
        assert isinstance(instance.event_log_storage, KeptOpenSqliteEventLogStorage)
        assert instance.event_log_storage._base_dir == str(home / "history" / "runs")
        # the rest is the home's: the stock instance's run storage and its dagster.yaml
        with dg.DagsterInstance.get() as stock:
            assert type(instance.run_storage) is type(stock.run_storage)
            assert instance.root_directory == stock.root_directory == str(home)


def test_what_it_stores_the_stock_storage_reads_while_it_is_still_open(home):
    base = str(home / "history" / "runs")
    kept = KeptOpenSqliteEventLogStorage(base)
    for i in range(5):
        kept.store_event(materialization(run_id_of(1), f"k{i}"))
    stock = SqliteEventLogStorage(base)  # the UI's, in the same home
    assert len(stock.get_records_for_run(run_id_of(1)).records) == 5
    assert stock.get_latest_materialization_events([dg.AssetKey("k4")])[dg.AssetKey("k4")]
    kept.dispose()
    assert not list((home / "history" / "runs").glob("*.db-wal"))  # checkpointed when closed


def test_a_watcher_of_the_run_is_told_of_every_event(home):
    base = str(home / "history" / "runs")
    kept = KeptOpenSqliteEventLogStorage(base)
    kept.store_event(materialization(run_id_of(2), "first"))  # the run's database exists
    stock = SqliteEventLogStorage(base)
    seen: list[str] = []
    stock.watch(run_id_of(2), None, lambda entry, _cursor: seen.append(entry.run_id))
    try:
        for i in range(3):
            kept.store_event(materialization(run_id_of(2), f"k{i}"))
        deadline = time.monotonic() + 30
        while len(seen) < 4 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        stock.dispose()
        kept.dispose()
    assert len(seen) == 4  # the first event and the three after it, once each


def test_thousands_of_runs_keep_only_a_few_databases_open(home):
    kept = KeptOpenSqliteEventLogStorage(str(home / "history" / "runs"))
    for n in range(3 * OPEN_DATABASES):
        kept.store_event(materialization(run_id_of(n), "k"))
    assert len(kept._engines) == OPEN_DATABASES
    assert "index" in kept._engines  # every asset event is mirrored there
    assert run_id_of(3 * OPEN_DATABASES - 1) in kept._engines
    # a database closed early is opened again when its run writes once more
    kept.store_event(materialization(run_id_of(0), "k"))
    assert len(kept.get_records_for_run(run_id_of(0)).records) == 2
    kept.dispose()
    assert kept._engines == {}


WRITER = """
import sys, time
sys.path[:0] = [{repo!r}, {tests!r}]
from test_instance import materialization, run_id_of
from orchestration.instance import KeptOpenSqliteEventLogStorage
kept = KeptOpenSqliteEventLogStorage({base!r})
for i in range(50):
    kept.store_event(materialization(run_id_of(3), f"k{{i}}"))
print("stored", flush=True)
time.sleep(600)
"""


def test_a_writer_killed_outright_loses_no_committed_event(home):
    base = str(home / "history" / "runs")
    tests = Path(__file__).parent
    code = WRITER.format(repo=str(tests.parent), tests=str(tests), base=base)
    writer = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env=os.environ.copy()
    )
    try:
        assert writer.stdout.readline().strip() == "stored"
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=60)
    assert list((home / "history" / "runs").glob("*.db-wal"))  # never checkpointed
    stock = SqliteEventLogStorage(base)
    assert len(stock.get_records_for_run(run_id_of(3)).records) == 50
    materialized = stock.get_latest_materialization_events([dg.AssetKey("k49")])
    assert materialized[dg.AssetKey("k49")] is not None
