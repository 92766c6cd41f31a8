"""Records to Parquet, one set per document partition (原始层写入).

Layout: ``<raw>/<record>/fiscal_year=<YYYY>/department=<key>/part-0.parquet`` for each record
type. A write replaces the partition's files atomically, so re-loading a department's year
is idempotent and never leaves a half-written partition behind. The raw layer is a local folder
(a :class:`~pathlib.Path`) or a prefix on S3-compatible storage (:class:`~ingestion.rawstore.S3Raw`,
where each file is one object replaced by one upload).
"""

from __future__ import annotations

import dataclasses
import os
import shutil
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from types import UnionType
from typing import Union, get_args, get_origin, get_type_hints

import pyarrow as pa
import pyarrow.parquet as pq

from ingestion.inbox import QuarantinedFile, partition_department
from ingestion.rawstore import RawDir, S3Raw
from ingestion.records import (
    AmountCell,
    DisclosureTable,
    DocumentRecord,
    ExtractedDocument,
    FileOutcome,
    NarrativeClaim,
    PerformanceForm,
    PerformanceIndicator,
)
from ingestion.text import path_segment
from ingestion.version import EXTRACTOR_VERSION

MONEY = pa.decimal128(20, 6)
REVIEW_MARKER = "EXTRACTOR_VERSION"


def schema_for(record_type: type) -> pa.Schema:
    """The Parquet schema of a record dataclass, from its type hints (one definition)."""
    hints = get_type_hints(record_type)
    return pa.schema(
        [(f.name, _arrow_type(hints[f.name])) for f in dataclasses.fields(record_type)]
    )


def _arrow_type(hint: object) -> pa.DataType:
    args = [a for a in get_args(hint) if a is not type(None)]
    base = args[0] if get_origin(hint) in (UnionType, Union) and len(args) == 1 else hint
    if get_origin(base) is tuple:
        return pa.list_(pa.string())
    types = {
        str: pa.string(),
        int: pa.int32(),
        bool: pa.bool_(),
        Decimal: MONEY,
        float: pa.float64(),  # page coordinates only; money is never float
        datetime: pa.timestamp("us"),
    }
    if base not in types:
        raise TypeError(f"no Parquet type for {hint!r}")
    return types[base]


RECORDS: dict[str, tuple[type, str]] = {
    # record name: (dataclass, attribute of ExtractedDocument)
    "document": (DocumentRecord, "document"),
    "disclosure_table": (DisclosureTable, "tables"),
    "amount_cell": (AmountCell, "cells"),
    "narrative_claim": (NarrativeClaim, "claims"),
    "performance_form": (PerformanceForm, "forms"),
    "performance_indicator": (PerformanceIndicator, "indicators"),
}
# Beside a document's records, each partition keeps what became of every file that disclosed
# it (loaded, superseded, quarantined): one row per file for dim_document.
OUTCOME_RECORD = "file_outcome"
PARTITION_RECORDS: tuple[str, ...] = (*RECORDS, OUTCOME_RECORD)
# Outside the partitions, the one quarantine list of the latest inbox scan.
QUARANTINE_RECORD = "quarantine"
# Every record type of the raw layer, by the folder its files go in (the dbt source's name).
# The dbt files that declare the raw columns are generated from these: ingestion.dbt_schema.
RECORD_TYPES: dict[str, type] = {
    **{name: cls for name, (cls, _) in RECORDS.items()},
    OUTCOME_RECORD: FileOutcome,
    QUARANTINE_RECORD: QuarantinedFile,
}
SCHEMAS: dict[str, pa.Schema] = {name: schema_for(RECORD_TYPES[name]) for name in PARTITION_RECORDS}
QUARANTINE_SCHEMA = schema_for(QuarantinedFile)


PART_FILE = "part-0.parquet"
QUARANTINE_FILE = f"{QUARANTINE_RECORD}/inbox.parquet"


def partition_key(record: str, fiscal_year: int, department_key: str) -> str:
    """A record's partition folder, relative to the raw layer, ``/``-separated."""
    department = path_segment(department_key)
    return f"{record}/fiscal_year={fiscal_year}/department={department}"


def partition_dir(raw_dir: Path, record: str, fiscal_year: int, department_key: str) -> Path:
    return raw_dir / partition_key(record, fiscal_year, department_key)


def partition_file(raw: RawDir, record: str, fiscal_year: int, department_key: str) -> str:
    """Where a record's partition file is: a local path, or an ``s3://`` URL."""
    relative = f"{partition_key(record, fiscal_year, department_key)}/{PART_FILE}"
    return raw.url_of(relative) if isinstance(raw, S3Raw) else str(raw / relative)


def partition_exists(raw: RawDir, record: str, fiscal_year: int, department_key: str) -> bool:
    """The record's partition file has been written."""
    relative = f"{partition_key(record, fiscal_year, department_key)}/{PART_FILE}"
    return raw.exists(relative) if isinstance(raw, S3Raw) else (raw / relative).exists()


def write_document(extracted: ExtractedDocument, raw_dir: RawDir) -> dict[str, Path | str]:
    """Write the document's records to its partition, replacing what was there."""
    doc = extracted.document
    department = partition_department(doc.department_key, doc.document_kind)
    return _write_records(raw_dir, doc.fiscal_year, department, extracted)


def write_review(extracted: ExtractedDocument, review_dir: Path) -> Path:
    """Keep the records of a document no partition takes (待核查), for a person to review.

    Layout ``<review>/<document_id>/<record>/part-0.parquet``, the raw layer's record files
    outside the raw layer, so no mart reads them. The folder's ``EXTRACTOR_VERSION`` file is
    written last: a folder without it (a killed write) or with another version is rewritten.
    """
    folder = review_dir / extracted.document.document_id
    _write_to(lambda record, table: _replace_partition(folder / record, table), extracted)
    marker = folder / REVIEW_MARKER
    staging = marker.with_name(marker.name + ".staging")
    staging.write_text(EXTRACTOR_VERSION, encoding="utf-8")
    os.replace(staging, marker)
    return folder


def write_partition(
    raw_dir: RawDir,
    fiscal_year: int,
    department_key: str,
    extracted: ExtractedDocument | None,
    outcomes: list[FileOutcome],
) -> dict[str, Path | str]:
    """Replace a partition: the loaded document's records (none when every file failed, so no
    stale document survives a failed re-publication) and every file's outcome."""
    written = _write_records(raw_dir, fiscal_year, department_key, extracted)
    table = _table(SCHEMAS[OUTCOME_RECORD], outcomes)
    written[OUTCOME_RECORD] = _replace_in(
        raw_dir, partition_key(OUTCOME_RECORD, fiscal_year, department_key), table
    )
    return written


def _write_records(
    raw_dir: RawDir, fiscal_year: int, department_key: str, extracted: ExtractedDocument | None
) -> dict[str, Path | str]:
    """Replace each document record of the partition (with no rows when ``extracted`` is None)."""
    return _write_to(
        lambda record, table: _replace_in(
            raw_dir, partition_key(record, fiscal_year, department_key), table
        ),
        extracted,
    )


def _replace_in(raw: RawDir, folder: str, table: pa.Table) -> Path | str:
    """Replace the partition file of ``folder`` (relative to the raw layer) with ``table``."""
    if isinstance(raw, S3Raw):
        # one object, one upload: a reader sees the previous file or this one
        return raw.write_table(f"{folder}/{PART_FILE}", table)
    return _replace_partition(raw / folder, table)


def _write_to(
    replace: Callable[[str, pa.Table], Path | str], extracted: ExtractedDocument | None
) -> dict[str, Path | str]:
    written = {}
    for record, (_, attribute) in RECORDS.items():
        items = [] if extracted is None else getattr(extracted, attribute)
        items = items if isinstance(items, list) else [items]
        written[record] = replace(record, _table(SCHEMAS[record], items))
    return written


def read_outcomes(raw_dir: RawDir, fiscal_year: int, department_key: str) -> list[FileOutcome]:
    """The partition's file outcomes as last written (empty when never loaded)."""
    relative = f"{partition_key(OUTCOME_RECORD, fiscal_year, department_key)}/{PART_FILE}"
    if isinstance(raw_dir, S3Raw):
        table = raw_dir.read_table(relative)
    else:
        target = raw_dir / relative
        table = pq.read_table(target) if target.exists() else None
    return [] if table is None else [FileOutcome(**row) for row in table.to_pylist()]


def write_quarantine(quarantined: list[QuarantinedFile], raw_dir: RawDir) -> Path | str:
    """Replace the quarantine list (隔离清单) the warehouse reports next to loaded documents."""
    if isinstance(raw_dir, S3Raw):
        return raw_dir.write_table(QUARANTINE_FILE, _table(QUARANTINE_SCHEMA, quarantined))
    target = raw_dir / QUARANTINE_FILE
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
