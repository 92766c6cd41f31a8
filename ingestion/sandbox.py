"""Read one file in a child process with a wall-time and a memory limit (隔离读取).

A yearly load brings hundreds of files from many sites; one of them can be hostile (a 3 MB
PDF whose single Flate stream inflates to 3 GiB) or merely pathological (a 2,000-page scan
with a text layer). Identifying and extracting each file in a child process of its own means
such a file costs at most its limits: past the wall time the child is killed and the file is
``too_slow``; past the memory limit its allocations fail and it is ``too_much_memory``; a
reader that crashes outright makes the file ``corrupt``. The other files load.

Children come from a fork server that has already imported the readers (pdfplumber,
pypdfium2), so a child starts in milliseconds and never inherits the state of a parent that
runs threads (Dagster, dbt's log readers).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import resource
import signal
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, TypeVar

from ingestion.errors import DisclosureRejected, RejectionReason

T = TypeVar("T")

# Defaults a real 300-page disclosure fits in many times over: such a document extracts in
# well under a minute and under 500 MiB (bench/extraction.py). JUESUAN_FILE_SECONDS and
# JUESUAN_FILE_MEMORY_MIB override them, read when the limits are made, not at import.
DEFAULT_SECONDS = 600.0
DEFAULT_MEMORY_MIB = 3072


def _default_seconds() -> float:
    return float(os.environ.get("JUESUAN_FILE_SECONDS") or DEFAULT_SECONDS)


def _default_memory_mib() -> int:
    return int(os.environ.get("JUESUAN_FILE_MEMORY_MIB") or DEFAULT_MEMORY_MIB)


_PRELOAD = ["ingestion.extract", "ingestion.identify"]


def workers() -> int:
    """How many files are read at once, each in a child of its own: JUESUAN_WORKERS, else
    every core (read when asked, so a setting made after import counts)."""
    return max(1, int(os.environ.get("JUESUAN_WORKERS") or os.cpu_count() or 1))


@dataclass(frozen=True, slots=True)
class Limits:
    """What one file may cost: wall-clock seconds and memory (MiB) beyond the reader's own."""

    seconds: float = field(default_factory=_default_seconds)
    memory_mib: int = field(default_factory=_default_memory_mib)


_context: Any = None


def _fork_server() -> Any:
    global _context
    if _context is None:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(_PRELOAD)
        _context = context
    return _context


def run_limited(function: Callable[..., T], *args: object, limits: Limits | None = None) -> T:
    """``function(*args)`` in a child process within ``limits``; its result, or the
    :class:`DisclosureRejected` it raised, or one saying which limit it passed."""
    limits = limits or Limits()
    context = _fork_server()
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_child, args=(sender, function, args, limits.memory_mib), daemon=True
    )
    with _main_without_missing_file():
        child.start()
    sender.close()
    try:
        message = _receive(receiver, child, limits.seconds)
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join()
    return _outcome(message, child.exitcode, limits)


@contextlib.contextmanager
def _main_without_missing_file() -> Iterator[None]:
    """A child re-imports the parent's __main__ from its file; a main read from stdin or a
    notebook has no file to import, so hide the name it cannot find."""
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    if main is None or path is None or Path(path).is_file():
        yield
        return
    del main.__file__
    try:
        yield
    finally:
        main.__file__ = path


def _receive(receiver: Connection, child: Any, seconds: float) -> tuple | None:
    deadline = time.monotonic() + seconds
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return ("too_slow",)
        if receiver.poll(min(remaining, 0.5)):
            try:
                return receiver.recv()
            except EOFError:
                return None  # the child died without a word
        if not child.is_alive() and not receiver.poll(0):
            return None


def _outcome(message: tuple | None, exitcode: int | None, limits: Limits) -> Any:
    if message is None:
        if exitcode == -signal.SIGKILL:
            # Killed from outside while it grew: the kernel's OOM killer.
            raise DisclosureRejected(
                RejectionReason.TOO_MUCH_MEMORY,
                f"the reader was killed (out of memory) reading the file; limit "
                f"{limits.memory_mib} MiB",
            )
        if exitcode == -signal.SIGABRT:
            # A C reader (pdfium) aborts when an allocation fails under the memory limit.
            raise DisclosureRejected(
                RejectionReason.TOO_MUCH_MEMORY,
                f"the reader aborted, as it does when memory runs out; limit "
                f"{limits.memory_mib} MiB (JUESUAN_FILE_MEMORY_MIB)",
            )
        raise DisclosureRejected(
            RejectionReason.CORRUPT, f"the reader crashed on the file (exit {exitcode})"
        )
    kind = message[0]
    if kind == "ok":
        return message[1]
    if kind == "rejected":
        _, reason, text, document_kind = message
        raise DisclosureRejected(RejectionReason(reason), text, document_kind)
    if kind == "too_slow":
        raise DisclosureRejected(
            RejectionReason.TOO_SLOW,
            f"reading it took more than {limits.seconds:g} s (JUESUAN_FILE_SECONDS)",
        )
    if kind == "memory":
        raise DisclosureRejected(
            RejectionReason.TOO_MUCH_MEMORY,
            f"reading it needed more than {limits.memory_mib} MiB (JUESUAN_FILE_MEMORY_MIB)",
        )
    raise DisclosureRejected(RejectionReason.CORRUPT, f"the reader failed: {message[1]}")


def _out_of_memory(exc: BaseException) -> bool:
    """A reader that caught a failed allocation and raised its own error (pdfminer's "Unable
    to allocate output buffer") failed for memory all the same."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, MemoryError) or "allocate" in str(seen).lower():
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _virtual_size() -> int:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _child(sender: Connection, function: Callable, args: tuple, memory_mib: int) -> None:
    try:
        # The limit counts address space: what the child already maps, plus the budget.
        budget = _virtual_size() + memory_mib * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (budget, resource.RLIM_INFINITY))
    except (OSError, ValueError):
        pass  # not Linux: only the wall time is enforced
    try:
        try:
            result = function(*args)
        except MemoryError:
            message: tuple = ("memory",)
        except DisclosureRejected as exc:
            if exc.reason == RejectionReason.CORRUPT and _out_of_memory(exc):
                # a reader that failed to allocate, refused as unparseable by its caller
                message = ("memory",)
            else:
                message = ("rejected", exc.reason.value, exc.message, exc.document_kind)
        except Exception as exc:  # a reader's bug or a file it cannot parse
            if _out_of_memory(exc):
                message = ("memory",)
            else:
                message = ("error", f"{type(exc).__name__}: {exc}"[:500])
        else:
            message = ("ok", result)
        try:
            sender.send(message)
        except MemoryError:
            sender.send(("memory",))
    finally:
        sender.close()
