"""Records to Parquet, one set per document partition (原始层写入).

Layout: ``<raw>/<record>/fiscal_year=<YYYY>/department=<key>/part-0.parquet`` for each record
type. A write replaces the partition's files atomically, so re-loading a department's year
is idempotent and never leaves a half-written partition behind.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ingestion.inbox import QuarantinedFile
from ingestion.records import AmountCell, DisclosureTable, DocumentRecord, ExtractedDocument

MONEY = pa.decimal128(20, 6)

SCHEMAS: dict[str, pa.Schema] = {
    "document": pa.schema(
        [
            ("document_id", pa.string()),
            ("file_name", pa.string()),
            ("department_name", pa.string()),
            ("department_key", pa.string()),
            ("fiscal_year", pa.int32()),
            ("page_count", pa.int32()),
            ("producer", pa.string()),
            ("layout", pa.string()),
            ("tables_found", pa.list_(pa.string())),
            ("tables_missing", pa.list_(pa.string())),
            ("extracted_at", pa.timestamp("us")),
        ]
    ),
    "disclosure_table": pa.schema(
        [
            ("document_id", pa.string()),
            ("table_code", pa.string()),
            ("label_printed", pa.string()),
            ("title_printed", pa.string()),
            ("first_page", pa.int32()),
            ("last_page", pa.int32()),
            ("unit_printed", pa.string()),
            ("unit_to_wan_yuan", MONEY),
            ("declared_empty", pa.bool_()),
            ("status", pa.string()),
            ("reason", pa.string()),
        ]
    ),
    "amount_cell": pa.schema(
        [
            ("document_id", pa.string()),
            ("table_code", pa.string()),
            ("page", pa.int32()),
            ("row_index", pa.int32()),
            ("row_kind", pa.string()),
            ("subject_code", pa.string()),
            ("row_label", pa.string()),
            ("line_number", pa.int32()),
            ("side", pa.string()),
            ("column_key", pa.string()),
            ("column_label", pa.string()),
            ("column_number", pa.int32()),
            ("printed_text", pa.string()),
            ("amount", MONEY),
            ("amount_state", pa.string()),
            ("code_kind", pa.string()),
            ("measure_unit", pa.string()),
        ]
    ),
}


QUARANTINE_SCHEMA = pa.schema(
    [
        ("path", pa.string()),
        ("file_name", pa.string()),
        ("document_id", pa.string()),
        ("reason", pa.string()),
        ("message", pa.string()),
        ("detected_at", pa.timestamp("us")),
    ]
)


def partition_dir(raw_dir: Path, record: str, fiscal_year: int, department_key: str) -> Path:
    safe = department_key.replace("/", "／").replace("\\", "＼")
    return raw_dir / record / f"fiscal_year={fiscal_year}" / f"department={safe}"


def write_document(extracted: ExtractedDocument, raw_dir: Path) -> dict[str, Path]:
    """Write the document's records to its partition, replacing what was there."""
    doc = extracted.document
    rows: dict[str, list[DocumentRecord] | list[DisclosureTable] | list[AmountCell]] = {
        "document": [doc],
        "disclosure_table": extracted.tables,
        "amount_cell": extracted.cells,
    }
    written = {}
    for record, items in rows.items():
        target = partition_dir(raw_dir, record, doc.fiscal_year, doc.department_key)
        written[record] = _replace_partition(target, _table(SCHEMAS[record], items))
    return written


def remove_partition(raw_dir: Path, fiscal_year: int, department_key: str) -> None:
    """Drop a partition's raw files (a document withdrawn or quarantined on reload)."""
    for record in SCHEMAS:
        shutil.rmtree(partition_dir(raw_dir, record, fiscal_year, department_key), True)


def write_quarantine(quarantined: list[QuarantinedFile], raw_dir: Path) -> Path:
    """Replace the quarantine list (隔离清单) the warehouse reports next to loaded documents."""
    target = raw_dir / "quarantine" / "inbox.parquet"
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.with_suffix(".staging")
    pq.write_table(_table(QUARANTINE_SCHEMA, quarantined), staging)
    os.replace(staging, target)
    return target


def _table(schema: pa.Schema, items: list) -> pa.Table:
    columns = {name: [getattr(item, name) for item in items] for name in schema.names}
    for name, values in columns.items():
        columns[name] = [list(v) if isinstance(v, tuple) else v for v in values]
    return pa.Table.from_pydict(columns, schema=schema)


def _replace_partition(target: Path, table: pa.Table) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.with_name(target.name + ".staging")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    pq.write_table(table, staging / "part-0.parquet")
    previous = target.with_name(target.name + ".previous")
    shutil.rmtree(previous, ignore_errors=True)
    if target.exists():
        os.replace(target, previous)
    os.replace(staging, target)
    shutil.rmtree(previous, ignore_errors=True)
    return target / "part-0.parquet"
