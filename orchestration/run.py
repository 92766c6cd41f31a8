"""Run the juesuan jobs in process and summarise them (进程内运行与摘要).

Used by ``juesuan load`` and by the tests: the same assets, checks and resources as the
code location, on a persistent Dagster instance.
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import dagster as dg

from expectations.catalogue import implemented_rules
from expectations.suite import import_validation_library
from ingestion.cache import cache_entry, cached_extract
from ingestion.catalogue import BUDGET
from ingestion.errors import DisclosureRejected
from ingestion.inbox import (
    BUDGET_PARTITION_SUFFIX,
    InboxEntry,
    partition_candidates,
    partitions,
    read_registry,
)
from ingestion.incremental import (
    BuildInputs,
    BuildRecord,
    build_inputs,
    changed_departments,
    partition_is_current,
    read_build_record,
    write_build_record,
)
from ingestion.sandbox import workers
from ingestion.text import path_segment
from ingestion.write import read_outcomes
from orchestration import guard
from orchestration.checks.reconciliation import check_name
from orchestration.dbt.assets import import_dbt_core
from orchestration.definitions import build_definitions
from orchestration.instance import load_instance
from orchestration.partitions import document_partition_key
from orchestration.publish.assets import PUBLISHED_ASSET
from orchestration.publish.warehouse import open_warehouse
from orchestration.settings import DBT_PROJECT_DIR, REPO_ROOT, Paths, current_paths


@dataclass
class LoadSummary:
    accepted: list[str] = field(default_factory=list)
    quarantined: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    warehouse_built: bool = False
    mart_rows: dict[str, int] = field(default_factory=dict)
    checks: list[tuple[str, bool, str, dict]] = field(default_factory=list)
    findings: list[tuple[str, str, str, int]] = field(default_factory=list)
    dbt_test_failures: list[str] = field(default_factory=list)
    reports: Path | None = None
    published: Path | None = None
    environment_error: str | None = None
    build_error: str | None = None  # the first error of a failed build, in one line

    @property
    def ok(self) -> bool:
        return self.warehouse_built and not self.failed

    def render(self, seconds: float) -> str:
        lines = [f"documents: {len(self.accepted)} loaded, {len(self.quarantined)} quarantined"]
        lines += [f"  loaded       {name}" for name in self.accepted]
        lines += [f"  quarantined  {name}" for name in self.quarantined]
        lines += [f"  FAILED       {name}" for name in self.failed]
        if not self.warehouse_built:
            # Nothing of an older warehouse is shown: its counts would read as this load's.
            lines.append(f"marts: NOT BUILT — {self.build_error or 'see the run log'}")
            lines.append("  the warehouse is as the last successful load left it, if any")
            lines += [f"  FAILED       {name}" for name in self.failed if name.startswith("report")]
            return "\n".join(lines)
        lines.append("marts:")
        lines += [f"  marts.{name:<30} {rows:>6} rows" for name, rows in self.mart_rows.items()]
        passed = [name for name, ok, _, _ in self.checks if ok]
        lines.append(
            f"checks: {len(passed)} of {len(self.checks)} reconciliation rules pass"
            + (
                " (the others below; all in the Dagster UI)"
                if len(passed) < len(self.checks)
                else ""
            )
        )
        for name, ok, severity, meta in self.checks:
            if ok and not meta.get("insufficient_data"):
                continue
            verdict = "pass" if ok else f"FAIL ({severity})"
            detail = ", ".join(
                f"{k}={meta[k]}"
                for k in ("compared", "info_tails", "failures", "insufficient_data")
                if k in meta
            )
            lines.append(f"  {name:<20} {verdict:<14} {detail}")
        if self.dbt_test_failures:
            lines.append("dbt tests that did not pass (warnings):")
            lines += [f"  {name}" for name in self.dbt_test_failures]
        if self.findings:
            lines.append("findings (marts.fact_reconciliation_finding):")
            lines += [
                f"  {rule:<18} {severity:<8} {outcome:<18} {count:>4}"
                for rule, severity, outcome, count in self.findings
            ]
        if self.reports is not None and self.reports.exists():
            lines.append(f"reports: {self.reports}")
        if self.published is not None:
            lines.append(f"published: {self.published}")
        lines.append(f"done in {seconds:.1f} s")
        return "\n".join(lines)

    def as_dict(self, seconds: float, exit_code: int, exit_name: str, why: str) -> dict:
        """The summary for ``--json``: what render prints, as data (keys in the README)."""
        built = self.warehouse_built
        return {
            "exit_code": exit_code,
            "exit": exit_name,
            "exit_reason": why,
            "documents": {
                "loaded": self.accepted,
                "quarantined": self.quarantined,
                "failed": self.failed,
            },
            "warehouse_built": built,
            "build_error": self.build_error,
            "marts": self.mart_rows if built else {},
            "checks": [
                {"check": name, "passed": ok, "severity": severity, **_jsonable(meta)}
                for name, ok, severity, meta in self.checks
            ],
            "findings": [
                {"rule_id": rule, "severity": severity, "outcome": outcome, "count": count}
                for rule, severity, outcome, count in (self.findings if built else [])
            ],
            "dbt_test_failures": self.dbt_test_failures,
            "reports": str(self.reports) if built and self.reports else None,
            "published": str(self.published) if self.published else None,
            "seconds": round(seconds, 1),
        }


def _jsonable(meta: dict) -> dict:
    return {
        k: v if isinstance(v, int | float | str | bool | None) else str(v) for k, v in meta.items()
    }


@contextlib.contextmanager
def extracting_ahead(
    entries: list[InboxEntry], cache_dir: Path, progress: Callable[[str], None] | None
) -> Iterator[dict[str, Future[None]]]:
    """Extract the first candidate of every partition into the cache, workers() at once and in
    the order given, while the caller loads the partitions whose document is ready: one future
    per document id, done when its extraction is in the cache.

    A refusal is the partition run's to record: here it only means nothing is kept.
    """
    meter = Progress("extract", len(entries), progress)

    def read(entry: InboxEntry) -> None:
        try:
            # a kept extraction is the partition run's to read; loading it here would be waste
            if not cache_entry(entry.document_id, cache_dir).exists():
                cached_extract(Path(entry.path), entry.document_id, cache_dir)
        except DisclosureRejected:
            pass
        finally:
            meter.step()

    pool = ThreadPoolExecutor(max_workers=workers())
    try:
        yield {entry.document_id: pool.submit(read, entry) for entry in entries}
    finally:
        # an interrupted load starts no more extractions
        pool.shutdown(wait=True, cancel_futures=True)


class Progress:
    """Documents done of a stage, with an ETA from the pace so far, one line per step."""

    def __init__(self, stage: str, total: int, say: Callable[[str], None] | None) -> None:
        self.stage, self.total, self.say = stage, total, say
        self.done = 0
        self.started = time.monotonic()
        self._lock = threading.Lock()

    def step(self) -> None:
        with self._lock:  # steps come from worker threads
            self.done += 1
            done = self.done
        if self.say is None or not self.total:
            return
        elapsed = time.monotonic() - self.started
        left = elapsed / done * (self.total - done)
        eta = f", about {left:.0f} s left" if done < self.total else f" in {elapsed:.0f} s"
        self.say(f"{self.stage}: {done}/{self.total} documents{eta}")


def load_in_process(
    paths: list[Path],
    progress: Callable[[str], None] | None = None,
    settings: Paths | None = None,
) -> LoadSummary:
    """Scan ``paths``, load every accepted document, build the warehouse, run the checks, into
    the warehouse and data folder of ``settings`` (default: the environment's)."""
    settings = settings or current_paths()
    with load_instance() as instance:  # its event databases are closed when the load ends
        return _load_on(instance, build_definitions(settings), paths, progress, settings)


def _load_on(
    instance: dg.DagsterInstance,
    defs: dg.Definitions,
    paths: list[Path],
    progress: Callable[[str], None] | None,
    settings: Paths,
) -> LoadSummary:
    summary = LoadSummary()
    # Runs of loads killed before: failed, their pool slots freed, or every step would wait.
    guard.release_dead_runs(instance)
    tags = {guard.PID_TAG: str(os.getpid())}
    had_warehouse = settings.warehouse.exists()

    scan = defs.resolve_job_def("scan_inbox").execute_in_process(
        instance=instance,
        run_config={"ops": {"disclosure_inbox": {"config": {"paths": [str(p) for p in paths]}}}},
        tags=tags,
    )
    assert scan.success
    registry = read_registry(settings.registry)
    summary.quarantined = [f"{q.file_name}: {q.reason} — {q.message}" for q in registry.quarantined]

    load_job = defs.resolve_job_def("load_document")
    loaded_partitions = []
    todo = partitions(registry)
    # What each partition last recorded: read once, for the decision below and, for a
    # partition that gets no run, for the summary.
    recorded = {
        entry.document_id: read_outcomes(
            settings.raw, entry.fiscal_year, entry.partition_department
        )
        for entry in todo
    }
    # A partition written from the same files by this extractor needs no run at all.
    current = {
        entry.document_id
        for entry in todo
        if partition_is_current(
            recorded[entry.document_id],
            partition_candidates(registry, entry.fiscal_year, entry.partition_department),
            settings.raw,
            entry.fiscal_year,
            entry.partition_department,
        )
    }
    stale = [entry for entry in todo if entry.document_id not in current]
    if progress is not None and current:
        progress(f"load: {len(current)} of {len(todo)} documents unchanged since they were read")

    # Every document is read on every core at once, each file in a child process of its own
    # (ingestion.sandbox), kept by sha256 and extractor version (ingestion.cache). Dagster
    # meanwhile runs one partition after another, each as soon as its document is in the
    # cache: the writing of one overlaps the reading of the next.
    meter = Progress("load", len(stale), progress)
    with extracting_ahead(stale, settings.cache_dir, progress) as extracted:
        if stale:
            # New records mean a build and its checks: their libraries are imported while the
            # first documents are read (in this thread, which would only wait for them).
            import_dbt_core()
            import_validation_library()
        for entry in todo:
            label = f"{entry.fiscal_year} {entry.department_name}"
            if entry.document_kind == BUDGET:
                label += " 预算"  # the budget beside the department's 决算 of that year
            if entry.document_id not in current:
                extracted[entry.document_id].result()
                result = _run_partition(load_job, entry, instance, tags, meter)
                summary.environment_error = summary.environment_error or _environment_error(result)
                if not result.success:
                    summary.failed.append(label)
                    continue
                recorded[entry.document_id] = read_outcomes(
                    settings.raw, entry.fiscal_year, entry.partition_department
                )
            for outcome in recorded[entry.document_id]:
                if outcome.status == "loaded":
                    summary.accepted.append(f"{label} ({outcome.file_name})")
                    loaded_partitions.append(entry)
                else:
                    why = outcome.message
                    if outcome.reason:
                        why = f"{outcome.reason}: {outcome.message}"
                    summary.quarantined.append(f"{outcome.file_name}: {outcome.status} — {why}")
    summary.accepted.sort()
    loaded_partitions.sort(key=lambda e: (e.fiscal_year, e.partition_department))

    record_path = settings.data_dir / BUILD_RECORD
    previous = read_build_record(record_path)
    inputs = build_inputs(settings.raw, BUILD_CODE, settings.warehouse)
    if _build_is_current(previous, inputs, settings.warehouse):
        assert previous is not None
        if progress is not None:
            progress("build: nothing changed since the last build; the warehouse stands")
        _restore_summary(summary, previous.summary)
        summary.warehouse_built = True
        summary.mart_rows, summary.findings = _warehouse_counts(settings.warehouse)
        return summary
    # Gone before the build touches anything, so a load killed from here on builds again.
    record_path.unlink(missing_ok=True)
    changed = changed_departments(previous, inputs)

    if progress is not None:
        progress("build: the warehouse (dbt build and the reconciliation checks)")
    built = time.monotonic()
    build = defs.resolve_job_def("build_warehouse").execute_in_process(
        instance=instance, raise_on_error=False, tags=tags
    )
    if progress is not None:
        verdict = "done" if build.success else "FAILED"
        progress(f"build: {verdict} in {time.monotonic() - built:.0f} s")
    _stop_if_interrupted(build)
    summary.warehouse_built = build.success
    summary.published = _published_path(build)
    summary.environment_error = summary.environment_error or _environment_error(build)
    if not build.success:
        errors = _step_errors(build)
        summary.build_error = errors[0].strip().splitlines()[0] if errors else "a step failed"
    if not build.success and not had_warehouse:
        guard.discard_warehouse(settings.warehouse)  # a first build that failed leaves none
    rule_checks = {check_name(rule) for rule in implemented_rules()}
    for evaluation in build.get_asset_check_evaluations():
        name = evaluation.asset_check_key.name
        if name in rule_checks:
            meta = {k: v.value for k, v in evaluation.metadata.items()}
            summary.checks.append(
                (name, evaluation.passed, evaluation.severity.value.lower(), meta)
            )
        elif not evaluation.passed:
            summary.dbt_test_failures.append(evaluation.asset_check_key.to_user_string())
    if build.success:
        report_job = defs.resolve_job_def("report_document")
        reports = settings.data_dir / "reports"
        # A department's 决算 and budget are compared (BUDGET-INITIAL): either one changing
        # changes the reports of both.
        touched = {d.removesuffix(BUDGET_PARTITION_SUFFIX) for d in changed or ()}
        to_report = [
            entry
            for entry in loaded_partitions
            if changed is None
            or entry.department_key in touched
            or not report_page(reports, entry.fiscal_year, entry.partition_department).exists()
        ]
        if progress is not None and len(to_report) < len(loaded_partitions):
            progress(
                f"report: {len(loaded_partitions) - len(to_report)} of "
                f"{len(loaded_partitions)} reports stand (their departments did not change)"
            )
        meter = Progress("report", len(to_report), progress)
        for entry in to_report:
            result = _run_partition(report_job, entry, instance, tags, meter)
            if not result.success:
                summary.failed.append(f"report of {entry.fiscal_year} {entry.department_name}")
        summary.reports = reports / "index.html"
    if build.success:  # a failed build's warehouse counts are an older load's
        summary.mart_rows, summary.findings = _warehouse_counts(settings.warehouse)
        if not summary.failed:
            write_build_record(
                BuildRecord(inputs, _recorded_summary(summary, settings.warehouse)), record_path
            )
    return summary


def _run_partition(
    job: dg.JobDefinition,
    entry: InboxEntry,
    instance: dg.DagsterInstance,
    tags: dict[str, str],
    meter: Progress,
) -> dg.ExecuteInProcessResult:
    """One partitioned run of ``job`` for ``entry``'s document; a stop request stops the load."""
    result = job.execute_in_process(
        instance=instance,
        partition_key=document_partition_key(entry.fiscal_year, entry.partition_department),
        raise_on_error=False,
        tags=tags,
    )
    meter.step()
    _stop_if_interrupted(result)
    return result


# Everything besides the raw layer that decides what a build makes.
BUILD_CODE = (
    DBT_PROJECT_DIR,
    REPO_ROOT / "expectations",
    REPO_ROOT / "reporting",
    REPO_ROOT / "orchestration",
)
BUILD_RECORD = "last-build.json"


def _build_is_current(previous: BuildRecord | None, inputs: BuildInputs, warehouse: Path) -> bool:
    """The last successful build read these very inputs, and what it made is still there."""
    if previous is None or previous.inputs.fingerprint != inputs.fingerprint:
        return False
    published = previous.summary.get("published")
    # the same file as the build left it: not rebuilt, restored or half-rebuilt by another run
    # since (a build from the Dagster UI writes the same file)
    return previous.summary.get("warehouse_stamp") == _stamp(warehouse) and (
        published is None or Path(published).exists()
    )


def _stamp(path: Path) -> list[int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return [stat.st_mtime_ns, stat.st_size]


def _recorded_summary(summary: LoadSummary, warehouse: Path) -> dict:
    """What a build says that the warehouse does not hold: the checks' verdicts, dbt's tests."""
    return {
        "checks": [[name, ok, severity, _jsonable(meta)] for name, ok, severity, meta in
                   summary.checks],
        "dbt_test_failures": summary.dbt_test_failures,
        "reports": str(summary.reports) if summary.reports else None,
        "published": str(summary.published) if summary.published else None,
        "warehouse_stamp": _stamp(warehouse),
    }  # fmt: skip


def _restore_summary(summary: LoadSummary, recorded: dict) -> None:
    summary.checks = [(n, ok, sev, meta) for n, ok, sev, meta in recorded.get("checks", [])]
    summary.dbt_test_failures = list(recorded.get("dbt_test_failures", []))
    summary.reports = Path(recorded["reports"]) if recorded.get("reports") else None
    summary.published = Path(recorded["published"]) if recorded.get("published") else None


def report_page(reports: Path, fiscal_year: int, department: str) -> Path:
    """Where findings_report writes the page of one document."""
    return reports / str(fiscal_year) / path_segment(department) / "index.html"


# What a step's error says when the machine, not the document, is at fault: the errno's words
# (Python's OSError, DuckDB's and SQLite's own messages use them) or the errno alone.
_ENVIRONMENT_ERRORS = re.compile(
    "|".join(re.escape(os.strerror(n)) for n in guard.ENVIRONMENT_ERRNOS)
    + r"|Errno ("
    + "|".join(str(n) for n in guard.ENVIRONMENT_ERRNOS)
    + r")\b"
)
# The file a message names: Python's OSError quotes it with ', DuckDB with ".
_QUOTED_PATH = re.compile(r"""['"](/[^'"]+)['"]""")


def _step_errors(result: dg.ExecuteInProcessResult) -> list[str]:
    errors = []
    for event in result.all_events:
        if event.is_step_failure and event.step_failure_data and event.step_failure_data.error:
            error = event.step_failure_data.error
            while error is not None:
                errors.append(f"{error.cls_name}: {error.message}")
                error = error.cause
    return errors


def _environment_error(result: dg.ExecuteInProcessResult) -> str | None:
    """The first step error that is the machine's (full disk, read-only folder), in one line."""
    for error in _step_errors(result):
        if message := environment_message(error):
            return message
    return None


def environment_message(error: str) -> str | None:
    """``cannot write <file>: <why>`` from the first line of ``error`` that says the machine is
    at fault, wherever in the error it is: dbt's failure names the DuckDB error that caused it
    lines below its own (None when no line says so)."""
    for line in error.splitlines():
        found = _ENVIRONMENT_ERRORS.search(line)
        if found is None:
            continue
        why = found.group(0)
        if found.group(1):  # "Errno 28" alone: its words
            why = os.strerror(int(found.group(1)))
        path = _QUOTED_PATH.search(line)
        return guard.cannot_write(why, path.group(1) if path else None)
    return None


def _stop_if_interrupted(result: dg.ExecuteInProcessResult) -> None:
    """A run Dagster ended because the load was told to stop: stop the load, not just the run."""
    if any("DagsterExecutionInterruptedError" in e for e in _step_errors(result)):
        raise guard.Interrupted("interrupted during a run")


def _published_path(build: dg.ExecuteInProcessResult) -> Path | None:
    """The published copy this build wrote, if it wrote one (not after a failed dbt step)."""
    for event in build.get_asset_materialization_events():
        if event.asset_key == PUBLISHED_ASSET:
            path = event.materialization.metadata.get("path")
            if isinstance(path, dg.PathMetadataValue):
                return Path(path.path)
    return None


def _warehouse_counts(
    warehouse: Path,
) -> tuple[dict[str, int], list[tuple[str, str, str, int]]]:
    # Under a fixed catalog name: a warehouse file called marts.duckdb makes marts.… ambiguous.
    with open_warehouse(warehouse) as connection:
        # Every table dbt built in the marts schema, so a new mart shows up without a code change.
        marts = [
            name
            for (name,) in connection.execute(
                "select table_name from information_schema.tables "
                "where table_catalog = current_database() and table_schema = 'marts' "
                "order by table_name"
            ).fetchall()
        ]
        rows = {
            name: connection.execute(f'select count(*) from marts."{name}"').fetchall()[0][0]
            for name in marts
        }
        # A partly failed build may not have produced the findings mart.
        findings = (
            connection.execute(
                "select rule_id, severity, outcome, count(*) "
                "from marts.fact_reconciliation_finding group by all order by 1, 2, 3"
            ).fetchall()
            if "fact_reconciliation_finding" in rows
            else []
        )
    return rows, [tuple(row) for row in findings]
