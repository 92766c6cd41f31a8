"""The reconciliation rule catalogue (勾稽规则目录), read from its one home.

The catalogue is data: ``dbt_project/seeds/reconciliation_rules.csv``. dbt loads it as a seed
for the findings mart; this module reads the same file for the Great Expectations suites and
the Dagster asset checks. No rule's text, severity or tolerance is written anywhere else.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

CATALOGUE_PATH = (
    Path(__file__).resolve().parents[1] / "dbt_project" / "seeds" / ("reconciliation_rules.csv")
)


@dataclass(frozen=True, slots=True)
class Rule:
    """One reconciliation rule (勾稽规则) as the catalogue states it."""

    rule_id: str
    family: str
    severity: str  # error | warning | info: the severity of a failure beyond tolerance
    tables: str
    tolerance_kind: str
    description_zh: str
    description_en: str
    implemented: bool
    document_kinds: tuple[str, ...] = ("决算",)  # 决算 / 预算: the documents it is evaluated on


@cache
def load_catalogue(path: Path = CATALOGUE_PATH) -> tuple[Rule, ...]:
    with path.open(encoding="utf-8", newline="") as handle:
        return tuple(
            Rule(
                rule_id=row["rule_id"],
                family=row["family"],
                severity=row["severity"],
                tables=row["tables"],
                tolerance_kind=row["tolerance_kind"],
                description_zh=row["description_zh"],
                description_en=row["description_en"],
                implemented=row["implemented"].strip().lower() == "true",
                document_kinds=tuple(row["document_kinds"].split(",")),
            )
            for row in csv.DictReader(handle)
        )


def implemented_rules() -> tuple[Rule, ...]:
    """The rules whose comparisons the warehouse computes today."""
    return tuple(rule for rule in load_catalogue() if rule.implemented)
