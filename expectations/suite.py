"""Great Expectations suites generated from the rule catalogue (规则校验套件).

Input: the warehouse's comparison rows (one per rule × document × compared cell), each with the
verdict dbt decided once, ``outcome`` (pass / fail / insufficient_data, from the rounding-aware
tolerance). For every implemented rule the suite holds one expectation: no row of that rule has
the outcome ``fail``. The suite reports that verdict and recomputes no tolerance arithmetic, so
the asset checks, the findings mart and the comparisons cannot disagree. A rule with no pass or
fail row is ``insufficient_data``, never a failure.

GX has no DuckDB engine (and on DuckDB through SQLAlchemy it fails silently), so rows are
validated as a pandas DataFrame; ``great_expectations`` is imported only when a suite runs
because importing it costs seconds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from expectations.catalogue import Rule, implemented_rules

if TYPE_CHECKING:
    import pandas as pd

COMPARISON_COLUMNS = (
    "rule_id",
    "document_id",
    "tables",
    "row_key",
    "row_label",
    "column_key",
    "expected",
    "actual",
    "difference",
    "abs_difference",
    "tolerance",
    "input_state",
    "outcome",
)


# The comparison rows as the suite reads them: numbers as doubles (GX compares numbers; the
# exact decimals stay in the warehouse), and only the columns the suite and its report use.
COMPARISONS_SQL = f"""
select {
    ", ".join(
        f"cast({c} as double) as {c}"
        if c in ("expected", "actual", "difference", "abs_difference", "tolerance")
        else c
        for c in COMPARISON_COLUMNS
    )
}
from intermediate.int_reconciliation_comparisons
"""


@dataclass
class RuleOutcome:
    """The outcome of one rule over the loaded documents."""

    rule: Rule
    outcome: str  # pass | fail | insufficient_data
    compared: int
    tails: int  # differences inside tolerance: info findings
    failures: int
    insufficient: int
    gx_success: bool | None  # None when GX had no row to validate
    failing_rows: list[dict[str, Any]] = field(default_factory=list)


def import_validation_library() -> None:
    """Import Great Expectations (several seconds of imports) ahead of its first use: a load
    calls it while documents are read, so the checks after the build do not wait for it."""
    import great_expectations  # noqa: F401
    from great_expectations.expectations.row_conditions import Column  # noqa: F401


def validate_comparisons(comparisons: pd.DataFrame) -> list[RuleOutcome]:
    """Run the catalogue's suite over ``comparisons`` and return one outcome per rule."""
    import great_expectations as gx
    from great_expectations.expectations.row_conditions import Column

    missing = set(COMPARISON_COLUMNS) - set(comparisons.columns)
    if missing:
        raise ValueError(f"comparison rows lack columns {sorted(missing)}")
    # A passing row satisfies the expectation whatever else it holds: leaving those rows out
    # changes no expectation's result and keeps a corpus of thousands of documents fast.
    frame = comparisons[comparisons["outcome"] != "pass"].copy()
    rules = implemented_rules()

    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    batch = (
        context.data_sources.add_pandas("juesuan")
        .add_dataframe_asset("reconciliation_comparisons")
        .add_batch_definition_whole_dataframe("all_documents")
    )
    suite = context.suites.add(gx.ExpectationSuite(name="reconciliation_rules"))
    for rule in rules:
        suite.add_expectation(
            gx.expectations.ExpectColumnValuesToNotBeInSet(
                column="outcome",
                value_set=["fail"],
                row_condition=Column("rule_id") == rule.rule_id,
                result_format="COMPLETE",
                meta={"rule_id": rule.rule_id, "severity": rule.severity},
            )
        )
    definition = context.validation_definitions.add(
        gx.ValidationDefinition(name="reconciliation", data=batch, suite=suite)
    )
    result = definition.run(batch_parameters={"dataframe": frame})
    by_rule = {r.expectation_config.meta["rule_id"]: r for r in result.results}
    return [_outcome(rule, comparisons, by_rule.get(rule.rule_id)) for rule in rules]


def _outcome(rule: Rule, comparisons: pd.DataFrame, result: Any) -> RuleOutcome:
    rows = comparisons[comparisons["rule_id"] == rule.rule_id]
    compared = rows[rows["outcome"] != "insufficient_data"]
    beyond = rows[rows["outcome"] == "fail"]
    tails = rows[(rows["outcome"] == "pass") & (rows["abs_difference"] > 0)]
    if result is not None and result.exception_info.get("raised_exception"):
        # GX reports a crashed expectation as a plain failure; surface the real error.
        raise RuntimeError(f"GX could not evaluate {rule.rule_id}: {result.exception_info}")
    gx_success = bool(result.success) if result is not None and len(compared) else None
    if (gx_success is False) != bool(len(beyond)):
        # Both read the one outcome column: a disagreement means GX did not see the rows.
        raise RuntimeError(
            f"{rule.rule_id}: GX says success={gx_success} but {len(beyond)} rows fail"
        )
    if len(beyond):
        outcome = "fail"
    elif len(compared):
        outcome = "pass"
    else:
        outcome = "insufficient_data"  # nothing could be compared: unreadable or absent inputs
    return RuleOutcome(
        rule=rule,
        outcome=outcome,
        compared=len(compared),
        tails=len(tails),
        failures=len(beyond),
        insufficient=len(rows) - len(compared),
        gx_success=gx_success,
        failing_rows=beyond.sort_values("abs_difference", ascending=False)
        .head(20)
        .to_dict("records"),
    )
