"""Benchmark: what one Dagster event costs to store (运行记录), with Dagster's stock SQLite event
log and with the one a load uses, which keeps its databases open (orchestration/instance.py).

Each event is an asset materialization, the commonest event of a load (every dbt model), so it
is written to its run's database and mirrored in the index, as in a load. Each storage writes
into a fresh Dagster home of its own.

    uv run python bench/event_log.py [--events 1000]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))


def _store(events: int, kept_open: bool) -> float:
    """Seconds per event over ``events`` events of one run (and the storage's closing)."""
    import dagster as dg
    from test_instance import materialization, run_id_of

    from orchestration.instance import load_instance

    with tempfile.TemporaryDirectory() as home:
        Path(home, "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
        os.environ["DAGSTER_HOME"] = home
        instance = load_instance() if kept_open else dg.DagsterInstance.get()
        started = time.perf_counter()
        with instance:
            for n in range(events):
                instance.event_log_storage.store_event(materialization(run_id_of(1), f"k{n % 40}"))
        return (time.perf_counter() - started) / events


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1000)
    args = parser.parse_args()
    stock = _store(args.events, kept_open=False)
    kept = _store(args.events, kept_open=True)
    print(f"{args.events} materializations of one run, each mirrored in the index:")
    print(f"  Dagster's SqliteEventLogStorage    {stock * 1000:6.2f} ms/event")
    print(f"  juesuan's, databases kept open     {kept * 1000:6.2f} ms/event ({stock / kept:.1f}×)")


if __name__ == "__main__":
    main()
