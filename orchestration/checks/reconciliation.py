"""Reconciliation rules as Dagster asset checks (勾稽检查), one check per catalogue rule.

The checks run the Great Expectations suite generated from the catalogue over the
warehouse's comparison rows after every warehouse build. The verdict is the comparisons' own
``outcome`` column, decided once in dbt: a rule's check fails (with the catalogue's severity)
exactly where the findings mart lists a ``fail`` of it; it never blocks or drops the document.
"""

from __future__ import annotations

from collections.abc import Iterator

import dagster as dg
from dagster_duckdb import DuckDBResource

from expectations.catalogue import Rule, implemented_rules
from expectations.suite import COMPARISONS_SQL, RuleOutcome, validate_comparisons
from orchestration.dbt.assets import WAREHOUSE_POOL
from orchestration.publish.warehouse import open_warehouse

FINDINGS_ASSET = dg.AssetKey(["marts", "fact_reconciliation_finding"])
_SEVERITY = {"error": dg.AssetCheckSeverity.ERROR, "warning": dg.AssetCheckSeverity.WARN}


def check_name(rule: Rule) -> str:
    """Check names must be identifiers: HIER stays HIER, X-T01-T03 becomes X_T01_T03."""
    return rule.rule_id.replace("-", "_")


def _specs() -> list[dg.AssetCheckSpec]:
    return [
        dg.AssetCheckSpec(
            name=check_name(rule),
            asset=FINDINGS_ASSET,
            description=f"{rule.rule_id} ({rule.family}, {rule.severity}): "
            f"{rule.description_en} / {rule.description_zh}",
        )
        for rule in implemented_rules()
    ]


@dg.multi_asset_check(specs=_specs(), pool=WAREHOUSE_POOL, name="reconciliation_rules")
def reconciliation_rules(warehouse: DuckDBResource) -> Iterator[dg.AssetCheckResult]:
    # Not warehouse.get_connection(): read-only, under a fixed catalog name (a warehouse file
    # called intermediate.duckdb would make intermediate.… ambiguous), closed even on error.
    with open_warehouse(warehouse.database) as connection:
        comparisons = connection.sql(COMPARISONS_SQL).df()
    for outcome in validate_comparisons(comparisons):
        yield _result(outcome)


def _result(outcome: RuleOutcome) -> dg.AssetCheckResult:
    rule = outcome.rule
    top = "\n".join(
        f"| {row['tables']} | {row['row_key']} {row['row_label']} | {row['column_key']} "
        f"| {row['expected']} | {row['actual']} | {row['difference']} | {row['tolerance']} |"
        for row in outcome.failing_rows
    )
    metadata: dict[str, dg.RawMetadataValue] = {
        "outcome": outcome.outcome,
        "compared": outcome.compared,
        "info_tails": outcome.tails,
        "failures": outcome.failures,
        "insufficient_data": outcome.insufficient,
        "rule": f"{rule.description_zh} / {rule.description_en}",
    }
    if top:
        metadata["top_failures"] = dg.MetadataValue.md(
            "| tables | row | column | expected | actual | difference | tolerance |\n"
            "|---|---|---|---|---|---|---|\n" + top
        )
    return dg.AssetCheckResult(
        check_name=check_name(rule),
        asset_key=FINDINGS_ASSET,
        passed=outcome.outcome != "fail",
        severity=_SEVERITY.get(rule.severity, dg.AssetCheckSeverity.WARN),
        metadata=metadata,
    )
