"""The Dagster instance a ``juesuan load`` runs its jobs in: the Dagster home's own, with an event
log (运行记录) that keeps its SQLite databases open.

Dagster's ``SqliteEventLogStorage`` makes a new engine for every event it stores and disposes of
it afterwards. Closing the last connection to a database in WAL mode checkpoints it, so every
event costs an open, a commit, a checkpoint with its fsyncs and the removal of the WAL file, once
for the run's database and again for the index. A load of the samples stores about 1,200 events
(each dbt model is a materialization, each dbt test a check evaluation, all of them mirrored in
the index): seconds of every load went to opening and closing SQLite.

Here each database is opened once per process and kept, with ``synchronous=NORMAL``: in WAL mode
a commit is then durable against a killed process (the case a load must survive) and the WAL is
synced at checkpoints, not at every commit. The files, their schema and the Dagster home's
layout are Dagster's own, so ``juesuan ui`` and ``dagster dev`` read the same history with the
stock storage.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import dagster as dg
import sqlalchemy as db
from dagster._core.instance.ref import InstanceRef
from dagster._core.storage.event_log import SqliteEventLogStorage
from dagster._core.storage.event_log.sqlite.sqlite_event_log import INDEX_SHARD_NAME
from dagster._core.storage.sqlite import SQLITE_BUSY_TIMEOUT_SECONDS, create_db_conn_string
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import StaticPool

# The index, the run being executed and a few just finished: a load runs one job after another,
# and a yearly load has thousands of runs, whose databases must not all stay open.
OPEN_DATABASES = 4
WAL_PAGES = 64


class KeptOpenSqliteEventLogStorage(SqliteEventLogStorage):
    """Dagster's run-sharded SQLite event log, each database opened once and kept open."""

    def __init__(self, base_dir: str, inst_data: Any = None) -> None:
        self._engines: OrderedDict[str, Engine] = OrderedDict()
        self._engines_pid = os.getpid()
        self._inherited: list[Engine] = []  # a forked child's: never used, never closed
        super().__init__(base_dir, inst_data)

    @classmethod
    def from_config_value(  # the parent's names its own class
        cls, inst_data: Any, config_value: Any
    ) -> KeptOpenSqliteEventLogStorage:
        return cls(inst_data=inst_data, **config_value)

    @contextmanager
    def _connect(self, shard: str) -> Iterator[Connection]:
        with self._db_lock:
            engine = self._engine(shard)
            with engine.connect() as connection:
                before = _changes(connection)
                with connection.begin():
                    yield connection
                wrote = _changes(connection) != before
        if wrote and shard != INDEX_SHARD_NAME:
            # A database kept open is checkpointed rarely, so the file the UI's watcher of a
            # run's events listens on (<run_id>.db) would seldom change: say it has. (Only
            # after a write: the watcher reads through here when told.)
            _touch(self.path_for_shard(shard))

    def _engine(self, shard: str) -> Engine:
        if self._engines_pid != os.getpid():
            # A forked child must neither use nor close the parent's SQLite handles: they are
            # set aside, and the child opens its own.
            self._inherited += self._engines.values()
            self._engines = OrderedDict()
            self._engines_pid = os.getpid()
        engine = self._engines.get(shard)
        if engine is not None:
            self._engines.move_to_end(shard)
            return engine
        engine = db.create_engine(
            create_db_conn_string(self._base_dir, shard),
            poolclass=StaticPool,  # one connection, used under the storage's lock
            connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS, "check_same_thread": False},
        )
        db.event.listen(engine, "connect", _durable_in_wal)
        if shard not in self._initialized_dbs:
            self._initdb(engine)
            self._initialized_dbs.add(shard)
        self._engines[shard] = engine
        while len(self._engines) > OPEN_DATABASES:
            oldest = next(shard for shard in self._engines if shard != INDEX_SHARD_NAME)
            self._engines.pop(oldest).dispose()
        return engine

    def _close_all(self) -> None:
        with self._db_lock:
            while self._engines:
                self._engines.popitem()[1].dispose()

    def wipe(self) -> None:
        self._close_all()  # the run databases are deleted: no handle may outlive them
        super().wipe()

    def dispose(self) -> None:
        self._close_all()
        super().dispose()


def _changes(connection: Connection) -> int:
    return connection.connection.driver_connection.total_changes


def _durable_in_wal(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA synchronous=NORMAL")
    # A connection that stays open checkpoints only when the WAL reaches this many pages
    # (SQLite's default is 1,000: a 4 MB WAL beside every open database). Closing after each
    # event kept it to one transaction; this keeps it small (a full disk is met no sooner).
    cursor.execute(f"PRAGMA wal_autocheckpoint={WAL_PAGES}")
    cursor.close()


def _touch(path: str) -> None:
    try:
        os.utime(path)
    except OSError:
        pass  # wiped meanwhile: nobody watches it any more


def load_instance() -> dg.DagsterInstance:
    """The instance ``dg.DagsterInstance.get()`` gives (the ``DAGSTER_HOME`` folder and its
    dagster.yaml), with the kept-open event log over the home's own event databases."""
    home = os.environ.get("DAGSTER_HOME")
    if not home:
        return dg.DagsterInstance.get()  # Dagster's own error for a missing home
    overrides = {
        "event_log_storage": {
            "module": __name__,
            "class": KeptOpenSqliteEventLogStorage.__name__,
            "config": {"base_dir": str(Path(home, "history", "runs"))},
        }
    }
    return dg.DagsterInstance.from_ref(InstanceRef.from_dir(home, overrides=overrides))
