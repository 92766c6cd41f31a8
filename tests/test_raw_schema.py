"""The raw layer's Parquet schema (from the record dataclasses) and the columns dbt reads
(``dbt_project/macros/raw_layer.sql``) must name the same columns with the same types."""

from __future__ import annotations

import re
from pathlib import Path

import pyarrow as pa
import pytest

from ingestion.write import QUARANTINE_SCHEMA, SCHEMAS

MACRO = Path(__file__).resolve().parents[1] / "dbt_project" / "macros" / "raw_layer.sql"


def _sql_type(arrow: pa.DataType) -> str:
    if pa.types.is_decimal(arrow):
        return f"decimal({arrow.precision},{arrow.scale})"
    if pa.types.is_list(arrow):
        return "varchar[]"
    known = {
        pa.int32(): "integer",
        pa.bool_(): "boolean",
        pa.string(): "varchar",
        pa.float64(): "double",
    }
    return known.get(arrow, "timestamp" if pa.types.is_timestamp(arrow) else str(arrow))


def _macro_columns() -> dict[str, list[tuple[str, str]]]:
    text = MACRO.read_text(encoding="utf-8")
    blocks = re.findall(r"'(\w+)': \[\n(.*?)\n\s*\],", text, flags=re.S)
    return {name: re.findall(r"\('(\w+)', '([^']+)'\)", body) for name, body in blocks}


@pytest.mark.parametrize("record", [*SCHEMAS, "quarantine"])
def test_dbt_reads_every_column_the_ingestion_writes(record):
    schema = QUARANTINE_SCHEMA if record == "quarantine" else SCHEMAS[record]
    written = [(field.name, _sql_type(field.type)) for field in schema]
    assert _macro_columns()[record] == written
