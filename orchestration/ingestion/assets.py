"""Ingestion assets (采集): the inbox scan and the raw layer, one partition per document.

``disclosure_inbox`` surveys the inbox folders, quarantines what cannot be loaded and adds a
``department`` partition for each new department. ``raw_disclosure`` extracts one document
(fiscal year × department) into Parquet; partitions are independent, so a document that
fails never touches another's files.
"""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import dagster as dg
from pydantic import Field

from ingestion.errors import DisclosureRejected
from ingestion.extract import extract_document
from ingestion.inbox import read_registry, scan_inbox, write_registry
from ingestion.records import ExtractedDocument
from ingestion.write import RECORDS, write_document, write_quarantine
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

    Every PDF is identified from the evidence of its pages (cover, table lines, headings,
    narrative; metadata and file name only confirm); corrupt, encrypted, scanned, foreign,
    unidentified, budget (预算) and duplicate files are quarantined with their reason and
    listed in ``dim_document``.
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


# The record types come from ingestion.write, which writes them; only the words live here. A
# record type added there without a description here fails at import, not in the UI.
RAW_DESCRIPTIONS = {
    "document": "One row per disclosure document (决算公开文件): identity, layout, tables found.",
    "disclosure_table": "One row per recognised table (决算表): pages, unit, status.",
    "amount_cell": "One row per amount cell (金额单元格), bound to row and column, in 万元.",
    "narrative_claim": (
        "One row per figure the narrative states (情况说明中的数字), with the table cell it "
        "restates."
    ),
    "performance_form": (
        "One row per project performance self-evaluation form (项目支出绩效自评表): budget, "
        "execution, scores."
    ),
    "performance_indicator": (
        "One row per indicator line of a self-evaluation form (绩效指标): target, actual, score."
    ),
}
if set(RAW_DESCRIPTIONS) != set(RECORDS):
    raise RuntimeError(
        f"raw record descriptions {sorted(RAW_DESCRIPTIONS)} do not match the records "
        f"ingestion.write writes {sorted(RECORDS)}"
    )


@dg.multi_asset(
    name="raw_disclosure",
    group_name="ingestion",
    partitions_def=document_partitions,
    specs=[
        dg.AssetSpec(
            ["raw", record],
            description=RAW_DESCRIPTIONS[record],
            deps=[disclosure_inbox],
            kinds={"pdf", "parquet"},
        )
        for record in RECORDS
    ],
)
def raw_disclosure(
    context: dg.AssetExecutionContext, paths: JuesuanPaths
) -> Iterator[dg.MaterializeResult]:
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
    written = write_document(extracted, paths.raw_dir)
    metadata = _record_metadata(extracted)
    # One result per record write_document wrote, so no declared asset can go unreported.
    for record in RECORDS:
        yield dg.MaterializeResult(
            asset_key=["raw", record],
            metadata={**metadata[record], "path": dg.MetadataValue.path(str(written[record]))},
        )


def _record_metadata(extracted: ExtractedDocument) -> dict[str, dict[str, Any]]:
    doc = extracted.document
    unsure_tables = {
        t.table_code: t.reason for t in extracted.tables if t.status == "insufficient_data"
    }
    unsure_forms = {
        f"{f.form_index} {f.project_name}": f.reason
        for f in extracted.forms
        if f.status == "insufficient_data"
    }
    return {
        "document": {
            "document_id": doc.document_id,
            "file_name": doc.file_name,
            "department": doc.department_name,
            "document_kind": doc.document_kind,
            "identified_from": doc.identified_from or "",
            "layout": doc.layout,
            "pages": doc.page_count,
            "tables_found": ", ".join(doc.tables_found),
            "tables_missing": ", ".join(doc.tables_missing) or "none",
        },
        "disclosure_table": {
            "tables": len(extracted.tables),
            "insufficient_data": dg.MetadataValue.json(unsure_tables),
        },
        "amount_cell": {"amount_cells": len(extracted.cells)},
        "narrative_claim": {
            "claims": len(extracted.claims),
            # A claim without a table cell is kept but no rule can compare it with the tables.
            "claims_bound_to_cell": sum(c.refers_table is not None for c in extracted.claims),
        },
        "performance_form": {
            "forms": len(extracted.forms),
            "forms_insufficient_data": len(unsure_forms),
            "insufficient_data": dg.MetadataValue.json(unsure_forms),
        },
        "performance_indicator": {"indicator_lines": len(extracted.indicators)},
    }
