"""The juesuan code location (代码位置): every asset, check, job and resource, once."""

from __future__ import annotations

import dagster as dg

from orchestration.checks.reconciliation import reconciliation_rules
from orchestration.dbt.assets import juesuan_dbt_models
from orchestration.ingestion.assets import disclosure_inbox, raw_disclosure
from orchestration.jobs import (
    build_warehouse_job,
    load_document_job,
    report_document_job,
    scan_inbox_job,
)
from orchestration.publish.assets import published_marts
from orchestration.reports.assets import findings_report
from orchestration.resources import build_resources
from orchestration.schedules import yearly_scan
from orchestration.sensors import inbox_sensor, registry_sensor, reports_sensor, warehouse_sensor

defs = dg.Definitions(
    assets=[disclosure_inbox, raw_disclosure, juesuan_dbt_models, published_marts, findings_report],
    asset_checks=[reconciliation_rules],
    jobs=[scan_inbox_job, load_document_job, build_warehouse_job, report_document_job],
    schedules=[yearly_scan],
    sensors=[inbox_sensor, registry_sensor, warehouse_sensor, reports_sensor],
    resources=build_resources(),
)
