"""Ingestion assets (采集): the inbox scan and the raw layer, one partition per document.

``disclosure_inbox`` surveys the inbox folders, quarantines what cannot be loaded and adds a
``department`` partition for each new department. ``raw_disclosure`` extracts one document
(fiscal year × department) into Parquet; partitions are independent, so a document that
fails never touches another's files.
"""

from pathlib import Path

import dagster as dg
from pydantic import Field

from ingestion.errors import DisclosureRejected
from ingestion.extract import extract_document
from ingestion.inbox import read_registry, scan_inbox, write_registry
from ingestion.write import write_document, write_quarantine
from orchestration.partitions import department_partitions, document_partitions
from orchestration.resources import JuesuanPaths


class InboxConfig(dg.Config):
    """Folders or PDF files to survey; empty means the deployment's inbox folders."""

    paths: list[str] = Field(default_factory=list)


@dg.asset(group_name="ingestion", kinds={"pdf"})
def disclosure_inbox(
    context: dg.AssetExecutionContext, config: InboxConfig, paths: JuesuanPaths
) -> dg.MaterializeResult:
    """The disclosures waiting to load (待加载文件), by fiscal year × department.

    Every PDF is identified from its first pages; corrupt, encrypted, scanned, foreign and
    duplicate files are quarantined with their reason and listed in ``dim_document``.
    """
    folders = [Path(p) for p in (config.paths or paths.inbox)]
    scan = scan_inbox(folders)
    write_registry(scan, paths.registry)
    write_quarantine(scan.quarantined, paths.raw_dir)
    departments = sorted({entry.department_key for entry in scan.accepted})
    new = [
        d
        for d in departments
        if not context.instance.has_dynamic_partition(department_partitions.name, d)
    ]
    if new:
        context.instance.add_dynamic_partitions(department_partitions.name, new)
    for item in scan.quarantined:
        context.log.warning(f"quarantined {item.file_name}: {item.reason}: {item.message}")
    return dg.MaterializeResult(
        metadata={
            "accepted": len(scan.accepted),
            "quarantined": len(scan.quarantined),
            "documents": dg.MetadataValue.md(
                "\n".join(
                    f"- {e.fiscal_year} {e.department_name}: `{e.file_name}`" for e in scan.accepted
                )
                or "none"
            ),
            "quarantine": dg.MetadataValue.md(
                "\n".join(f"- `{q.file_name}`: {q.reason} — {q.message}" for q in scan.quarantined)
                or "none"
            ),
        }
    )


RAW_RECORDS = {
    "document": "One row per disclosure document (文件): identity, layout, tables found.",
    "disclosure_table": "One row per recognised table (决算表): pages, unit, status.",
    "amount_cell": "One row per amount cell (金额单元格), bound to row and column, in 万元.",
}


@dg.multi_asset(
    name="raw_disclosure",
    group_name="ingestion",
    partitions_def=document_partitions,
    specs=[
        dg.AssetSpec(
            ["raw", record], description=text, deps=[disclosure_inbox], kinds={"pdf", "parquet"}
        )
        for record, text in RAW_RECORDS.items()
    ],
)
def raw_disclosure(context: dg.AssetExecutionContext, paths: JuesuanPaths):
    """One disclosure's tables as typed records with provenance (原始层), written as Parquet.

    Amounts are exact decimals in 万元; a table that cannot be bound with confidence is
    recorded as insufficient_data with its reason rather than guessed.
    """
    key = context.partition_key
    assert isinstance(key, dg.MultiPartitionKey)
    fiscal_year = int(key.keys_by_dimension["fiscal_year"])
    department = key.keys_by_dimension["department"]
    registry = read_registry(paths.registry)
    entry = next(
        (
            e
            for e in registry.accepted
            if e.fiscal_year == fiscal_year and e.department_key == department
        ),
        None,
    )
    if entry is None:
        raise dg.Failure(
            f"no document in the inbox registry for {department} {fiscal_year}; "
            "materialize disclosure_inbox over the folder that holds it first"
        )
    try:
        extracted = extract_document(Path(entry.path))
    except DisclosureRejected as exc:
        raise dg.Failure(f"{entry.file_name} was refused: {exc}") from exc
    if extracted.document.document_id != entry.document_id:
        raise dg.Failure(f"{entry.path} changed since the inbox scan; scan the inbox again")
    write_document(extracted, paths.raw_dir)
    tables = {t.table_code: t for t in extracted.tables}
    unsure = {code: t.reason for code, t in tables.items() if t.status == "insufficient_data"}
    yield dg.MaterializeResult(
        asset_key=["raw", "document"],
        metadata={
            "document_id": extracted.document.document_id,
            "file_name": extracted.document.file_name,
            "department": extracted.document.department_name,
            "layout": extracted.document.layout,
            "pages": extracted.document.page_count,
            "tables_found": ", ".join(extracted.document.tables_found),
            "tables_missing": ", ".join(extracted.document.tables_missing) or "none",
        },
    )
    yield dg.MaterializeResult(
        asset_key=["raw", "disclosure_table"],
        metadata={
            "tables": len(extracted.tables),
            "insufficient_data": dg.MetadataValue.json(unsure),
        },
    )
    yield dg.MaterializeResult(
        asset_key=["raw", "amount_cell"], metadata={"amount_cells": len(extracted.cells)}
    )
