"""Run the juesuan jobs in process and summarise them (进程内运行与摘要).

Used by ``juesuan load`` and by the tests: the same assets, checks and resources as the
code location, on a persistent Dagster instance.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import dagster as dg

from expectations.catalogue import implemented_rules
from ingestion.inbox import read_registry
from orchestration.checks.reconciliation import check_name
from orchestration.definitions import defs
from orchestration.partitions import document_partition_key
from orchestration.publish.warehouse import open_warehouse
from orchestration.settings import current_paths


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

    @property
    def ok(self) -> bool:
        return self.warehouse_built and not self.failed

    def render(self, seconds: float) -> str:
        lines = [f"documents: {len(self.accepted)} loaded, {len(self.quarantined)} quarantined"]
        lines += [f"  loaded       {name}" for name in self.accepted]
        lines += [f"  quarantined  {name}" for name in self.quarantined]
        lines += [f"  FAILED       {name}" for name in self.failed]
        lines.append("marts:" if self.warehouse_built else "marts: NOT BUILT (see the run log)")
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
        lines.append(f"done in {seconds:.1f} s")
        return "\n".join(lines)


def load_in_process(paths: list[Path]) -> LoadSummary:
    """Scan ``paths``, load every accepted document, build the warehouse, run the checks."""
    settings = current_paths()
    instance = dg.DagsterInstance.get()
    summary = LoadSummary()

    scan = defs.resolve_job_def("scan_inbox").execute_in_process(
        instance=instance,
        run_config={"ops": {"disclosure_inbox": {"config": {"paths": [str(p) for p in paths]}}}},
    )
    assert scan.success
    registry = read_registry(settings.registry)
    summary.quarantined = [f"{q.file_name}: {q.reason} — {q.message}" for q in registry.quarantined]

    load_job = defs.resolve_job_def("load_document")
    for entry in registry.accepted:
        label = f"{entry.fiscal_year} {entry.department_name} ({entry.file_name})"
        result = load_job.execute_in_process(
            instance=instance,
            partition_key=document_partition_key(entry.fiscal_year, entry.department_key),
            raise_on_error=False,
        )
        (summary.accepted if result.success else summary.failed).append(label)

    build = defs.resolve_job_def("build_warehouse").execute_in_process(
        instance=instance, raise_on_error=False
    )
    summary.warehouse_built = build.success
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
        for entry in registry.accepted:
            result = report_job.execute_in_process(
                instance=instance,
                partition_key=document_partition_key(entry.fiscal_year, entry.department_key),
                raise_on_error=False,
            )
            if not result.success:
                summary.failed.append(f"report of {entry.fiscal_year} {entry.department_name}")
        summary.reports = settings.data_dir / "reports" / "index.html"
    if settings.warehouse.exists():
        summary.mart_rows, summary.findings = _warehouse_counts(settings.warehouse)
    return summary


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
