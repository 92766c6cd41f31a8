"""The juesuan code location (代码位置): every asset, check, job and resource, once.

Nothing is read from the environment when this module is imported. Dagster (``dagster dev``,
``juesuan ui``, a run or step worker) finds :func:`defs`, a ``@dg.definitions`` function, and
calls it when it loads the code location: the settings are read from the environment then.
A caller that knows its settings (``juesuan load``, a test) calls :func:`build_definitions`
with them, and may build several, for several warehouses, in one process.
"""

from __future__ import annotations

import os

import dagster as dg

from orchestration.checks.reconciliation import reconciliation_rules
from orchestration.dbt.assets import juesuan_dbt_models
from orchestration.executors import executor_def
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
from orchestration.schedules import LOAD_CRON_VAR, yearly_scan
from orchestration.sensors import inbox_sensor, registry_sensor, reports_sensor, warehouse_sensor
from orchestration.settings import EXECUTOR_VAR, Paths, current_paths

ASSETS = [disclosure_inbox, raw_disclosure, juesuan_dbt_models, published_marts, findings_report]


def build_definitions(
    paths: Paths, executor: str | None = None, load_cron: str | None = None
) -> dg.Definitions:
    """The code location for a deployment whose files are ``paths``, its jobs run by
    ``executor`` (see :mod:`orchestration.executors`; default: Dagster's multiprocess), its
    yearly scan at ``load_cron`` (default: 03:00 on 1 September)."""
    return dg.Definitions(
        assets=ASSETS,
        asset_checks=[reconciliation_rules],
        jobs=[scan_inbox_job, load_document_job, build_warehouse_job, report_document_job],
        schedules=[yearly_scan(load_cron)],
        sensors=[inbox_sensor, registry_sensor, warehouse_sensor, reports_sensor],
        resources=build_resources(paths),
        executor=executor_def(executor),
    )


@dg.definitions
def defs() -> dg.Definitions:
    """The code location Dagster loads: the settings of the environment, read now."""
    return build_definitions(
        current_paths(), os.environ.get(EXECUTOR_VAR), os.environ.get(LOAD_CRON_VAR)
    )
