"""Findings reports (勾稽问题报告), one per document partition, with its reconciliation check.

After every warehouse build, each document's findings become an HTML page with the offending
printed cells boxed on the page images, and the partition's ``document_reconciliation`` check
says whether the disclosure has errors, with counts by severity and the top findings.

The check shares the asset's partitions (``partitions_def`` on its spec, a preview feature of
Dagster 1.13): each evaluation is stored with its partition key, so the UI shows the check per
document instead of one history that mixes every document.
"""

import warnings
from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from ingestion.text import path_segment
from ingestion.write import read_outcomes
from orchestration.checks.reconciliation import FINDINGS_ASSET
from orchestration.dbt.assets import WAREHOUSE_POOL
from orchestration.partitions import document_partitions
from orchestration.publish.warehouse import open_warehouse
from orchestration.resources import JuesuanPaths
from reporting.findings import write_document_report, write_reports_index

REPORT_ASSET = dg.AssetKey(["reports", "findings_report"])

with warnings.catch_warnings():
    # Known and wanted: the preview warning would be printed by every process that loads us.
    warnings.simplefilter("ignore", dg.PreviewWarning)
    DOCUMENT_CHECK = dg.AssetCheckSpec(
        "document_reconciliation",
        asset=REPORT_ASSET,
        description="The disclosure has no error finding (勾稽关系无错误); counts by "
        "severity and the top findings in the metadata.",
        partitions_def=document_partitions,
    )


@dg.asset(
    key=REPORT_ASSET,
    group_name="reports",
    partitions_def=document_partitions,
    deps=[FINDINGS_ASSET],
    pool=WAREHOUSE_POOL,
    kinds={"html"},
    check_specs=[DOCUMENT_CHECK],
)
def findings_report(
    context: dg.AssetExecutionContext, paths: JuesuanPaths, warehouse: DuckDBResource
):
    """One document's findings as an HTML page, errors shown boxed on the PDF page."""
    key = context.partition_key
    assert isinstance(key, dg.MultiPartitionKey)
    year = int(key.keys_by_dimension["fiscal_year"])
    department = key.keys_by_dimension["department"]
    outcomes = read_outcomes(paths.raw, year, department)
    entry = next((o for o in outcomes if o.status == "loaded"), None)
    if entry is None:
        raise dg.Failure(f"no document of {department} {year} is loaded")
    reports = Path(paths.data_dir) / "reports"
    # The department comes from the document's own text: it names one folder, never a path.
    out_dir = reports / str(year) / path_segment(department)
    # Read-only, under a fixed catalog name (marts.duckdb would make marts.… ambiguous), and
    # closed even when the report fails, so the load's summary can still open the file.
    with open_warehouse(warehouse.database) as connection:
        summary = write_document_report(connection, entry.document_id, Path(entry.path), out_dir)
    write_reports_index(
        {f"{p.parent.parent.name} {p.parent.name}": p for p in reports.glob("*/*/index.html")},
        reports,
    )
    top = "\n".join(
        f"| {f['severity']} | {f['rule_id']} | {f['tables']} | {f['row_key']} | "
        f"{f['column_key']} | {f['expected']} | {f['actual']} | {f['source_pages']} |"
        for f in summary.top
    )
    metadata = {
        "report": dg.MetadataValue.path(str(summary.path)),
        "errors": summary.counts.get("error", 0),
        "warnings": summary.counts.get("warning", 0),
        "info": summary.counts.get("info", 0),
        "top_findings": dg.MetadataValue.md(
            "| severity | rule | tables | row | column | expected | actual | pages |\n"
            "|---|---|---|---|---|---|---|---|\n" + top
        ),
    }
    yield dg.MaterializeResult(metadata=metadata)
    yield dg.AssetCheckResult(
        check_name="document_reconciliation",
        passed=summary.counts.get("error", 0) == 0,
        severity=dg.AssetCheckSeverity.ERROR,
        metadata={**metadata, "partition": str(key)},
        description=f"{department} {year}: {summary.counts.get('error', 0)} error finding(s)",
    )
