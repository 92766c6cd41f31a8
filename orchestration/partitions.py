"""Partitions: one per disclosure document, fiscal year × department (年度 × 部门)."""

from __future__ import annotations

import dagster as dg

from ingestion.inbox import FIRST_FISCAL_YEAR, LAST_FISCAL_YEAR

department_partitions = dg.DynamicPartitionsDefinition(name="department")

document_partitions = dg.MultiPartitionsDefinition(
    {
        "fiscal_year": dg.StaticPartitionsDefinition(
            [str(year) for year in range(FIRST_FISCAL_YEAR, LAST_FISCAL_YEAR + 1)]
        ),
        "department": department_partitions,
    }
)


def document_partition_key(fiscal_year: int, department_key: str) -> dg.MultiPartitionKey:
    return dg.MultiPartitionKey({"fiscal_year": str(fiscal_year), "department": department_key})
