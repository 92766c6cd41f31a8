"""The yearly load (年度加载计划): scan the inbox when the year's disclosures are due.

Departments publish their 部门决算 in the summer after the accounts are approved; by September
the year's PDFs are out. The schedule scans the inbox folders then (cron in
``JUESUAN_LOAD_CRON``, default 03:00 on 1 September, Asia/Shanghai); the sensors load what the
scan found new, rebuild the warehouse and write the reports. Any other year is a backfill of
the ``fiscal_year`` partitions from the UI.
"""

from __future__ import annotations

import dagster as dg

from orchestration.jobs import scan_inbox_job

DEFAULT_CRON = "0 3 1 9 *"

LOAD_CRON_VAR = "JUESUAN_LOAD_CRON"


def yearly_scan(cron: str | None = None) -> dg.ScheduleDefinition:
    """The yearly scan at ``cron`` (default :data:`DEFAULT_CRON`), built with the definitions."""
    return dg.ScheduleDefinition(
        name="yearly_scan",
        job=scan_inbox_job,
        cron_schedule=cron or DEFAULT_CRON,
        execution_timezone="Asia/Shanghai",
        description="Scan the inbox folders when the year's disclosures are due; the sensors load.",
    )
