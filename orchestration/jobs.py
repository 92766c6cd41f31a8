"""Jobs (作业): scan the inbox, load one document, build (and publish) the warehouse, report one
document."""

from __future__ import annotations

import dagster as dg

from orchestration.ingestion.assets import disclosure_inbox, raw_disclosure
from orchestration.reports.assets import findings_report

scan_inbox_job = dg.define_asset_job("scan_inbox", selection=[disclosure_inbox])

# Partitioned by fiscal year × department, like the raw_disclosure assets it selects.
load_document_job = dg.define_asset_job("load_document", selection=[raw_disclosure])

# dbt's models and seeds, then the published copy for BI (skipped when the dbt step fails).
build_warehouse_job = dg.define_asset_job(
    "build_warehouse", selection=dg.AssetSelection.groups("warehouse", "publish")
)

# Partitioned like the documents: one document's findings report and its check.
report_document_job = dg.define_asset_job("report_document", selection=[findings_report])
