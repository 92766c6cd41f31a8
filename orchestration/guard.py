"""One load at a time per data folder, and nothing left behind by a load that died (加载守护).

A yearly load runs for hours on machines that get restarted. Three things must hold whatever
happened to the load before:

- **One writer.** ``exclusive_load`` takes an advisory lock on the data folder; a second load of
  the same folder is refused at once with the holder's pid (:class:`LoadBusy`), never mixing two
  loads' inbox registries.
- **No orphans.** Every process a load starts (dbt above all) inherits ``JUESUAN_LOAD_ID`` and
  ``JUESUAN_LOAD_PID``. A load killed with SIGKILL cannot stop its children, so the next load
  ends every process whose owner is gone (:func:`reap_orphans`) before it opens the warehouse.
- **No stale pool slots.** A run killed mid-step keeps its slot of the ``warehouse`` pool, and
  every later step would wait forever. Runs are tagged with the pid of the load that runs them;
  :func:`release_dead_runs` marks the runs of dead loads failed and frees their slots.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import signal
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

LOCK_NAME = ".juesuan-load.lock"
LOAD_ID = "JUESUAN_LOAD_ID"
LOAD_PID = "JUESUAN_LOAD_PID"
LOAD_DIR = "JUESUAN_LOAD_DIR"
# Dagster run tags that say which load process runs a run.
PID_TAG = "juesuan/load_pid"
LOAD_TAG = "juesuan/load_id"


class LoadBusy(Exception):
    """Another load holds the data folder."""

    def __init__(self, data_dir: Path, holder: str) -> None:
        super().__init__(f"another load is running on {data_dir} ({holder})")
        self.data_dir = data_dir
        self.holder = holder


@dataclass(frozen=True, slots=True)
class LoadIdentity:
    """The running load, as its children and its Dagster runs know it."""

    load_id: str
    pid: int
    data_dir: Path

    @property
    def run_tags(self) -> dict[str, str]:
        return {LOAD_TAG: self.load_id, PID_TAG: str(self.pid)}


@contextlib.contextmanager
def exclusive_load(data_dir: Path) -> Iterator[LoadIdentity]:
    """Hold the data folder for one load; raise :class:`LoadBusy` when another holds it.

    The lock is the kernel's (``flock``): it goes with the process, so a load killed by any
    signal never leaves the folder locked.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    handle = (data_dir / LOCK_NAME).open("a+", encoding="utf-8")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            raise LoadBusy(data_dir, handle.read().strip() or "pid unknown") from None
        identity = LoadIdentity(uuid.uuid4().hex, os.getpid(), data_dir.resolve())
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {identity.pid}, load {identity.load_id}, since {time.ctime()}\n")
        handle.flush()
        os.environ[LOAD_ID] = identity.load_id
        os.environ[LOAD_PID] = str(identity.pid)
        os.environ[LOAD_DIR] = str(identity.data_dir)
        yield identity
    finally:
        handle.close()  # releases the lock


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _environment(pid: int) -> dict[str, str]:
    try:
        raw = Path(f"/proc/{pid}/environ").read_bytes()
    except OSError:
        return {}
    pairs = (item.split(b"=", 1) for item in raw.split(b"\0") if b"=" in item)
    return {k.decode(errors="replace"): v.decode(errors="replace") for k, v in pairs}


def load_processes(data_dir: Path) -> list[tuple[int, str, int]]:
    """(pid, load id, owner pid) of every process a load of ``data_dir`` started."""
    found = []
    proc = Path("/proc")
    if not proc.is_dir():
        return found
    me = os.getpid()
    for entry in proc.iterdir():
        if not entry.name.isdigit() or int(entry.name) == me:
            continue
        env = _environment(int(entry.name))
        if env.get(LOAD_DIR) != str(data_dir.resolve()) or LOAD_ID not in env:
            continue
        with contextlib.suppress(ValueError):
            found.append((int(entry.name), env[LOAD_ID], int(env.get(LOAD_PID, "0"))))
    return found


def reap_orphans(data_dir: Path, *, keep_load: str | None = None, grace: float = 5.0) -> list[int]:
    """End the processes left by loads of ``data_dir`` that are gone (or by every load other
    than ``keep_load``, when called by the load holding the folder); return their pids."""
    targets = [
        pid
        for pid, load_id, owner in load_processes(data_dir)
        if load_id != keep_load and (keep_load is not None or not pid_alive(owner))
    ]
    return _terminate(targets, grace)


def end_children(identity: LoadIdentity, grace: float = 5.0) -> list[int]:
    """End every process this load started that still runs (dbt after an interruption)."""
    targets = [
        pid for pid, load_id, _ in load_processes(identity.data_dir) if load_id == identity.load_id
    ]
    return _terminate(targets, grace)


def _terminate(pids: list[int], grace: float) -> list[int]:
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline and any(pid_alive(p) for p in pids):
        time.sleep(0.1)
        for pid in pids:
            # A zombie child of ours is reaped here; another process's is its parent's job.
            with contextlib.suppress(ChildProcessError, OSError):
                os.waitpid(pid, os.WNOHANG)
    for pid in pids:
        if pid_alive(pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
    return pids


def release_dead_runs(instance: object) -> list[str]:
    """Mark failed every unfinished run of a load whose process is gone, and free its pool
    slots; return the run ids. Runs launched from the UI carry no load pid and are left to
    Dagster's run monitoring (``free_slots_after_run_end_seconds`` in dagster.yaml)."""
    import dagster as dg

    unfinished = [
        dg.DagsterRunStatus.STARTED,
        dg.DagsterRunStatus.STARTING,
        dg.DagsterRunStatus.NOT_STARTED,
        dg.DagsterRunStatus.QUEUED,
        dg.DagsterRunStatus.CANCELING,
    ]
    released = []
    for run in instance.get_runs(filters=dg.RunsFilter(statuses=unfinished)):  # type: ignore[attr-defined]
        pid = run.tags.get(PID_TAG)
        if pid is None or not pid.isdigit() or pid_alive(int(pid)):
            continue
        instance.report_run_failed(  # type: ignore[attr-defined]
            run, f"the load process (pid {pid}) that ran it is gone"
        )
        instance.event_log_storage.free_concurrency_slots_for_run(run.run_id)  # type: ignore[attr-defined]
        released.append(run.run_id)
    return released


class Interrupted(Exception):
    """The load received SIGTERM or SIGINT."""


_stop_requested = False


def stop_requested() -> bool:
    """A SIGTERM or SIGINT arrived: the load stops before its next step."""
    return _stop_requested


@contextlib.contextmanager
def interruptible() -> Iterator[None]:
    """Turn SIGTERM and SIGINT into an interruption the running step and dbt see (as Ctrl-C),
    and remember it: Dagster ends the interrupted run as failed, and the load must not go on
    to the next one."""
    global _stop_requested
    _stop_requested = False

    def on_signal(signum: int, frame: object) -> None:
        global _stop_requested
        _stop_requested = True
        raise KeyboardInterrupt(f"signal {signal.Signals(signum).name}")

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    except KeyboardInterrupt as exc:
        raise Interrupted(str(exc) or "interrupted") from exc
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if _stop_requested:
        raise Interrupted("interrupted")


def discard_warehouse(warehouse: Path) -> None:
    """Remove a warehouse file (and its write-ahead log) a failed first build left half-written:
    a load leaves the warehouse it found, or a whole one, never a partial one."""
    for leftover in (warehouse, warehouse.with_name(warehouse.name + ".wal")):
        leftover.unlink(missing_ok=True)


# A read-only folder, a full disk, a file-size limit, a missing permission, a file in the way.
ENVIRONMENT_ERRNOS = (
    errno.EROFS,
    errno.ENOSPC,
    errno.EDQUOT,
    errno.EFBIG,
    errno.EACCES,
    errno.EPERM,
    errno.ENOTDIR,
)


def cannot_write(why: str, where: str | None = None) -> str:
    """The one line a load says when the machine is at fault: the file it could not write, or
    else the data folder it was writing under."""
    where = where or f"under {os.environ.get('JUESUAN_DATA_DIR', 'the data folder')}"
    return f"cannot write {where}: {why}"


def is_environment_error(exc: BaseException) -> bool:
    """The machine's fault, not the document's: an OSError of :data:`ENVIRONMENT_ERRNOS`."""
    return isinstance(exc, OSError) and exc.errno in ENVIRONMENT_ERRNOS
