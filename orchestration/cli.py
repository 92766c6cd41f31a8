"""``juesuan load PATH... --warehouse FILE``: run the Dagster assets in process (命令行).

Scans the given PDFs or folders, loads each accepted document into its partition, builds the
warehouse with dbt and runs the reconciliation checks, then prints a short summary. Runs are
recorded in a Dagster instance next to the warehouse, so ``juesuan ui`` (``dagster dev`` with
the same ``DAGSTER_HOME``) shows them.

The command is a small supervisor: it holds the data folder (one load at a time), ends what a
killed load left running, and runs the load itself in a worker process of its own process
group, so that SIGTERM or Ctrl-C stops the worker and its dbt within seconds, and a supervisor
killed outright takes the worker with it (see :mod:`orchestration.guard`).

Exit codes (documented in the README): 0 loaded, no finding at the ``--fail-on`` level; 1 a
document or the warehouse build failed; 2 bad arguments (a missing path, an option where a
path was meant); 3 loaded, and the warehouse holds failed findings at the ``--fail-on`` level
(default: error); 4 no PDF in the paths given (nothing loaded, the warehouse untouched); 5
another load holds the data folder, or another process holds the warehouse file; 6 a folder
that cannot be written (read-only, full disk, no permission); 130 interrupted (SIGTERM /
SIGINT).
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING

from orchestration import guard

if TYPE_CHECKING:
    from orchestration.run import LoadSummary

DAGSTER_YAML = """\
# Written by `juesuan`. One writer of the warehouse file at a time.
concurrency:
  pools:
    default_limit: 1
# Runs launched from the UI that die keep their pool slot unless run monitoring frees it.
run_monitoring:
  enabled: true
  free_slots_after_run_end_seconds: 10
telemetry:
  enabled: false
"""

WORKER = "_load-worker"
# How long a stopped worker (and its dbt) gets to finish cleanly before it is killed.
STOP_GRACE_SECONDS = 10.0


class ExitCode(IntEnum):
    OK = 0
    FAILED = 1
    USAGE = 2
    FINDINGS = 3
    NOTHING_TO_LOAD = 4
    BUSY = 5
    ENVIRONMENT = 6
    INTERRUPTED = 130


_OPTIONS = ("--warehouse", "--data-dir", "--verbose", "--fail-on", "--json", "--help", "-h", "--")
# --fail-on: the severities whose failed findings make a load exit FINDINGS.
FAIL_ON = {"error": ("error",), "warning": ("error", "warning"), "never": ()}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        dashed = [a for a in sys.argv[1:] if a.startswith("-") and a.split("=")[0] not in _OPTIONS]
        hint = ""
        if dashed and ("unrecognized arguments" in message or "paths" in message):
            hint = f" (a path that starts with '-' goes after '--': juesuan load -- {dashed[0]})"
        self.exit(ExitCode.USAGE, f"{self.prog}: {message}{hint}\n")


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(prog="juesuan", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    load = commands.add_parser("load", help="load disclosure PDFs into a DuckDB warehouse")
    worker = commands.add_parser(WORKER, help=argparse.SUPPRESS)
    for command in (load, worker):
        command.add_argument("paths", nargs="+", type=Path, help="PDF files or folders of PDFs")
        command.add_argument("--warehouse", required=True, type=Path, help="DuckDB file to build")
        command.add_argument(
            "--data-dir",
            type=Path,
            help="raw Parquet layer and registry (default: the warehouse's folder)",
        )
        command.add_argument(
            "--verbose",
            action="store_true",
            help="show the Dagster and dbt logs instead of writing them to a log file",
        )
        command.add_argument(
            "--fail-on",
            choices=tuple(FAIL_ON),
            default="error",
            help="exit 3 when the warehouse holds failed findings of this severity or worse "
            "(default: error; never: findings do not change the exit code)",
        )
        command.add_argument(
            "--json",
            action="store_true",
            help="print the summary as one JSON object on stdout (progress goes to stderr)",
        )
    ui = commands.add_parser("ui", help="the Dagster UI (dagster dev) over a warehouse's runs")
    ui.add_argument("--warehouse", type=Path, default=Path("data/juesuan.duckdb"))
    ui.add_argument("--data-dir", type=Path)
    args, extra = parser.parse_known_args(argv)
    if args.command == "ui":
        return ui_command(args.warehouse, args.data_dir, extra)
    if extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    options = LoadOptions(verbose=args.verbose, fail_on=args.fail_on, as_json=args.json)
    if args.command == WORKER:
        return load_command(args.paths, args.warehouse, args.data_dir, options)
    return supervise(args.paths, args.warehouse, args.data_dir, options)


@dataclass(frozen=True)
class LoadOptions:
    """How a load reports: the logs on the terminal, the findings that fail it, JSON."""

    verbose: bool = False
    fail_on: str = "error"
    as_json: bool = False

    def worker_arguments(self) -> list[str]:
        flags = ["--fail-on", self.fail_on]
        return flags + ["--verbose"] * self.verbose + ["--json"] * self.as_json


def _say(line: str, options: LoadOptions) -> None:
    """A line for the user: on stdout, except under --json, whose stdout is the JSON alone."""
    print(line, file=sys.stderr if options.as_json else sys.stdout, flush=True)


def _version() -> str:
    """The installed distribution's version (the wheel's, or the checkout's editable install)."""
    from importlib import metadata

    try:
        return metadata.version("juesuan")
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown (not installed)"


def prepare_environment(warehouse: Path, data_dir: Path | None, inbox: list[Path]) -> Path:
    """Export the deployment's paths and a Dagster home before any Dagster module loads."""
    warehouse = warehouse.resolve()
    data = (data_dir or warehouse.parent).resolve()
    data.mkdir(parents=True, exist_ok=True)
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    os.environ["JUESUAN_WAREHOUSE"] = str(warehouse)
    os.environ["JUESUAN_DATA_DIR"] = str(data)
    os.environ["JUESUAN_INBOX"] = os.pathsep.join(str(p.resolve()) for p in inbox)
    home = Path(os.environ.get("DAGSTER_HOME") or data / "dagster_home").resolve()
    home.mkdir(parents=True, exist_ok=True)
    if not (home / "dagster.yaml").exists():
        (home / "dagster.yaml").write_text(DAGSTER_YAML, encoding="utf-8")
    os.environ["DAGSTER_HOME"] = str(home)
    # dbt is run by name: find the one installed beside this interpreter even when the
    # environment is not activated (`.venv/bin/juesuan load …`).
    bin_dir = str(Path(sys.executable).parent)
    if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")
    return home


def _writable(folder: Path) -> None:
    """Raise the OSError a write into ``folder`` would raise (read-only, full, no permission)."""
    with tempfile.NamedTemporaryFile(dir=folder, prefix=".juesuan-probe-") as probe:
        probe.write(b"0")
        probe.flush()
        os.fsync(probe.fileno())


def _say_environment_error(exc: OSError) -> int:
    where, why = exc.filename, exc.strerror or str(exc)
    if isinstance(exc, FileExistsError | NotADirectoryError) and exc.filename:
        path = Path(exc.filename)
        where = str(next((p for p in (path, *path.parents) if p.is_file()), path))
        why = "a file is in the way of a folder"
    print(f"juesuan: {guard.cannot_write(why, where)}", file=sys.stderr)
    return ExitCode.ENVIRONMENT


def supervise(
    paths: list[Path],
    warehouse: Path,
    data_dir: Path | None,
    options: LoadOptions = LoadOptions(),
) -> int:
    """Hold the data folder, clean up after dead loads, run the load in a worker, relay it."""
    missing = [p for p in paths if not p.exists()]
    if missing:
        print(f"juesuan: no such file or folder: {', '.join(map(str, missing))}", file=sys.stderr)
        return ExitCode.USAGE
    from ingestion.inbox import pdf_files

    if not pdf_files(paths):
        _say(f"juesuan: nothing to load: no PDF in {', '.join(map(str, paths))}", options)
        if options.as_json:
            print(json.dumps({"exit_code": 4, "exit": ExitCode.NOTHING_TO_LOAD.name.lower()}))
        return ExitCode.NOTHING_TO_LOAD
    try:
        prepare_environment(warehouse, data_dir, paths)
        data = Path(os.environ["JUESUAN_DATA_DIR"])
        _writable(data)
        _writable(Path(os.environ["JUESUAN_WAREHOUSE"]).parent)
    except OSError as exc:
        if guard.is_environment_error(exc) or isinstance(exc, FileExistsError):
            return _say_environment_error(exc)
        raise
    try:
        with guard.exclusive_load(data) as identity:
            reaped = guard.reap_orphans(data, keep_load=identity.load_id)
            if reaped:
                _say(f"ended {len(reaped)} process(es) left by an earlier load: {reaped}", options)
            held = warehouse_holder(Path(os.environ["JUESUAN_WAREHOUSE"]))
            if held:
                print(f"juesuan: {held}", file=sys.stderr)
                return ExitCode.BUSY
            return _run_worker(identity, paths, warehouse, data_dir, options)
    except guard.LoadBusy as exc:
        print(f"juesuan: {exc}; wait for it to finish, or stop it", file=sys.stderr)
        return ExitCode.BUSY
    except OSError as exc:
        if guard.is_environment_error(exc):
            return _say_environment_error(exc)
        raise


def _die_with_parent() -> None:
    """In the worker, before exec: be killed when the supervisor dies (Linux prctl)."""
    os.setsid()
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL)
    except (OSError, AttributeError):
        pass  # not Linux: the next load reaps what is left


def warehouse_holder(warehouse: Path) -> str | None:
    """Why the warehouse cannot be written now (another process has it open), or None.

    DuckDB lets one process write a file, or any number read it: a BI tool or a notebook
    holding the working warehouse would make the dbt build fail after the whole extraction.
    Asked up front by taking the write lock for a moment, as dbt will.
    """
    if not warehouse.exists():
        return None
    import duckdb

    try:
        duckdb.connect(str(warehouse)).close()
    except duckdb.IOException as exc:
        if "lock" not in str(exc).lower():
            raise
        pid = re.search(r"\(PID (\d+)\)", str(exc))
        who = f"process {pid.group(1)}" if pid else "another process"
        published = Path(os.environ["JUESUAN_DATA_DIR"]) / "published" / "juesuan.duckdb"
        return (
            f"the warehouse {warehouse} is open in {who}; close it and load again "
            f"(BI tools and notebooks can read the published copy, {published}, during loads)"
        )
    return None


def _run_worker(
    identity: guard.LoadIdentity,
    paths: list[Path],
    warehouse: Path,
    data_dir: Path | None,
    options: LoadOptions,
) -> int:
    command = [sys.executable, "-m", "orchestration.cli", WORKER, "--warehouse", str(warehouse)]
    if data_dir is not None:
        command += ["--data-dir", str(data_dir)]
    command += [*options.worker_arguments(), "--", *map(str, paths)]
    worker = subprocess.Popen(command, preexec_fn=_die_with_parent)

    stopping = {"since": None}

    def stop(signum: int, frame: object) -> None:
        if stopping["since"] is None:
            stopping["since"] = time.monotonic()
            _signal_group(worker.pid, signal.SIGTERM)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        while True:
            try:
                code = worker.wait(timeout=0.5)
                break
            except subprocess.TimeoutExpired:
                since = stopping["since"]
                if since is not None and time.monotonic() - since > STOP_GRACE_SECONDS:
                    _signal_group(worker.pid, signal.SIGKILL)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if stopping["since"] is not None:
        _signal_group(worker.pid, signal.SIGKILL)  # anything of the group still running
        guard.end_children(identity)
        print("juesuan: interrupted; the next load starts over from the raw layer", file=sys.stderr)
        return ExitCode.INTERRUPTED
    return code if code >= 0 else ExitCode.FAILED


def _signal_group(pid: int, sig: signal.Signals) -> None:
    try:
        os.killpg(pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def load_command(
    paths: list[Path],
    warehouse: Path,
    data_dir: Path | None,
    options: LoadOptions = LoadOptions(),
) -> int:
    """The load itself, in the worker process: scan, load, build, check, report, summarise."""
    prepare_environment(warehouse, data_dir, paths)
    started = time.monotonic()

    from orchestration.dbt.project import ensure_manifest

    ensure_manifest()

    from orchestration.run import load_in_process

    target = Path(os.environ["JUESUAN_WAREHOUSE"])
    had_warehouse = target.exists()
    try:
        summary = _load_logged(paths, options, run=load_in_process)
    except guard.Interrupted:
        print("juesuan: interrupted", file=sys.stderr)
        return ExitCode.INTERRUPTED
    except OSError as exc:
        if not guard.is_environment_error(exc):
            raise
        if not had_warehouse:  # never a half-written first warehouse
            guard.discard_warehouse(target)
        return _say_environment_error(exc)
    code, why = exit_code(summary, options.fail_on)
    seconds = time.monotonic() - started
    if options.as_json:
        print(json.dumps(summary.as_dict(seconds, int(code), code.name.lower(), why)))
    else:
        print(summary.render(seconds))
        print(f"exit {int(code)} ({code.name.lower()}): {why}")
    if code in (ExitCode.ENVIRONMENT, ExitCode.FAILED):
        print(f"juesuan: {why}", file=sys.stderr)
    return code


def exit_code(summary: LoadSummary, fail_on: str = "error") -> tuple[ExitCode, str]:
    """The load's exit code and, in one line, what decided it."""
    if summary.environment_error:
        return ExitCode.ENVIRONMENT, summary.environment_error
    if not summary.warehouse_built:
        return (
            ExitCode.FAILED,
            f"the warehouse was not built: {summary.build_error or 'see the log'}",
        )
    if summary.failed:
        return ExitCode.FAILED, f"{len(summary.failed)} step(s) failed: {'; '.join(summary.failed)}"
    severities = FAIL_ON[fail_on]
    failing: dict[str, int] = {}
    for rule, severity, outcome, count in summary.findings:
        if outcome == "fail" and severity in severities:
            failing[rule] = failing.get(rule, 0) + count
    if failing:
        listed = ", ".join(f"{rule} ×{n}" for rule, n in sorted(failing.items()))
        level = " or ".join(severities)
        return (
            ExitCode.FINDINGS,
            f"{sum(failing.values())} failed {level} finding(s): {listed} (--fail-on never "
            "to exit 0 on findings)",
        )
    if fail_on == "never":
        return ExitCode.OK, "loaded (findings do not change the exit code: --fail-on never)"
    return ExitCode.OK, f"loaded, no failed finding at severity {fail_on} or above"


def _load_logged(
    paths: list[Path],
    options: LoadOptions,
    run: Callable[[list[Path], Callable[[str], None]], LoadSummary],
) -> LoadSummary:
    """Run the load with the Dagster and dbt logs on the terminal (verbose) or in a log file."""
    terminal = sys.__stderr__ if options.as_json else sys.__stdout__

    def progress(line: str) -> None:
        # Progress goes to the terminal even while the logs go to their file.
        print(line, file=terminal, flush=True)

    if options.verbose:
        if options.as_json:  # stdout is the JSON's alone
            with redirect_stdout(sys.stderr):
                return run(paths, progress)
        return run(paths, progress)
    stamp = time.strftime("%Y%m%dT%H%M%S")
    log = Path(os.environ["JUESUAN_DATA_DIR"]) / "logs" / f"load-{stamp}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    _say(f"loading {', '.join(map(str, paths))} (log: {log})", options)
    with log.open("w", encoding="utf-8") as sink, redirect_stdout(sink), redirect_stderr(sink):
        return run(paths, progress)


def ui_command(warehouse: Path, data_dir: Path | None, extra: list[str]) -> int:
    """``dagster dev`` over the workspace, with the warehouse's paths and Dagster home."""
    prepare_environment(warehouse, data_dir, [])
    os.environ.pop("JUESUAN_INBOX", None)  # the deployment's inbox (samples/pdf by default)
    # The code location by module, so an installed copy (no workspace.yaml) runs it too.
    dagster = Path(sys.executable).parent / "dagster"
    executable = str(dagster) if dagster.exists() else "dagster"
    command = [executable, "dev", "-m", "orchestration.definitions"]
    os.execvp(command[0], [*command, *extra])


if __name__ == "__main__":
    raise SystemExit(main())
