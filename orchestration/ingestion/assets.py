"""Ingestion assets (采集): the inbox scan and the raw layer, one partition per document.

``disclosure_inbox`` surveys the inbox folders, quarantines what cannot be loaded and adds a
``department`` partition for each new department. ``raw_disclosure`` extracts one document
(fiscal year × department) into Parquet; partitions are independent, so a document that
fails never touches another's files. Every file is read in a child process within the
deployment's limits (ingestion.sandbox): a hostile file costs its limits, not the load.
"""

import dataclasses
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import dagster as dg
from pydantic import Field

from ingestion.cache import cached_extract
from ingestion.errors import DisclosureRejected, RejectionReason
from ingestion.inbox import (
    InboxEntry,
    QuarantinedFile,
    keep_first_detection,
    known_identities,
    partition_candidates,
    partition_department,
    partitions,
    read_registry,
    scan_inbox,
    write_registry,
)
from ingestion.incremental import partition_is_current
from ingestion.records import ExtractedDocument, FileOutcome
from ingestion.review import keep_for_review
from ingestion.sandbox import workers
from ingestion.version import EXTRACTOR_VERSION
from ingestion.write import (
    OUTCOME_RECORD,
    PARTITION_RECORDS,
    partition_file,
    read_outcomes,
    write_partition,
    write_quarantine,
)
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
    listed in ``dim_document``. An unidentified 决算 is still read, for review: its records go
    to ``<data>/review/<document_id>/`` (never to a partition) and its reason says where.
    """
    folders = [Path(p) for p in (config.paths or paths.inbox)]
    # a file refused before keeps the time it was first refused: the quarantine list is then
    # the same bytes on a rescan, and a rerun with nothing new rebuilds nothing
    previous = read_registry(paths.registry)
    # a file seen before by this extractor with the same bytes and name is not read again
    scan = keep_first_detection(scan_inbox(folders, known=known_identities(previous)), previous)
    scan.quarantined = keep_unidentified_for_review(
        scan.quarantined, Path(paths.data_dir) / "review"
    )
    write_registry(scan, paths.registry)
    write_quarantine(scan.quarantined, paths.raw)
    departments = sorted({entry.partition_department for entry in partitions(scan)})
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


def keep_unidentified_for_review(
    quarantined: list[QuarantinedFile], review_dir: Path
) -> list[QuarantinedFile]:
    """Read every unidentified 决算 for review, on every core; its quarantine message then
    says where its records are (待核查)."""

    def kept(item: QuarantinedFile) -> QuarantinedFile:
        if item.reason != RejectionReason.UNIDENTIFIED or item.document_id is None:
            return item
        review = keep_for_review(Path(item.path), item.document_id, review_dir)
        if review is None:
            return item
        return dataclasses.replace(item, message=f"{item.message}; {review.sentence()}")

    with ThreadPoolExecutor(max_workers=workers()) as pool:
        return list(pool.map(kept, quarantined))


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
    OUTCOME_RECORD: (
        "One row per file that disclosed the department and year (文件结果): loaded, "
        "superseded by a later publication, or quarantined with its reason."
    ),
}
if set(RAW_DESCRIPTIONS) != set(PARTITION_RECORDS):
    raise RuntimeError(
        f"raw record descriptions {sorted(RAW_DESCRIPTIONS)} do not match the records "
        f"ingestion.write writes {sorted(PARTITION_RECORDS)}"
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
        for record in PARTITION_RECORDS
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
    candidates = partition_candidates(read_registry(paths.registry), fiscal_year, department)
    if not candidates:
        raise dg.Failure(
            f"no document in the inbox registry for {department} {fiscal_year}; "
            "materialize disclosure_inbox over the folder that holds it first"
        )
    raw = paths.raw
    previous = read_outcomes(raw, fiscal_year, department)
    if partition_is_current(previous, candidates, raw, fiscal_year, department):
        # The same files, read by the same extractor: the partition's records stand as written.
        context.log.info(f"{department} {fiscal_year}: unchanged since its last extraction")
        for record in PARTITION_RECORDS:
            target = partition_file(raw, record, fiscal_year, department)
            yield dg.MaterializeResult(
                asset_key=["raw", record],
                metadata={
                    "unchanged": True,
                    "extractor_version": EXTRACTOR_VERSION,
                    "path": dg.MetadataValue.path(target),
                },
            )
        return
    extracted, outcomes = extract_first(candidates, fiscal_year, department, paths.cache_dir)
    for outcome in outcomes:
        if outcome.status == "quarantined":
            context.log.warning(
                f"quarantined {outcome.file_name}: {outcome.reason}: {outcome.message}"
            )
    written = write_partition(raw, fiscal_year, department, extracted, outcomes)
    metadata = _record_metadata(extracted) if extracted is not None else {}
    metadata[OUTCOME_RECORD] = {
        "files": dg.MetadataValue.md(
            "\n".join(
                f"- `{o.file_name}`: {o.status}"
                + (f" ({o.reason}: {o.message})" if o.reason else "")
                for o in outcomes
            )
        ),
        "loaded": extracted.document.file_name if extracted is not None else "none",
    }
    # One result per record written, so no declared asset can go unreported.
    for record in PARTITION_RECORDS:
        yield dg.MaterializeResult(
            asset_key=["raw", record],
            metadata={
                **metadata.get(record, {"records": 0}),
                "path": dg.MetadataValue.path(str(written[record])),
            },
        )


def extract_first(
    candidates: list[InboxEntry], fiscal_year: int, department: str, cache_dir: Path
) -> tuple[ExtractedDocument | None, list[FileOutcome]]:
    """Extract the partition's files in policy order until one succeeds; the others are
    superseded by it, or quarantined with the reason they failed (never displacing it)."""
    extracted: ExtractedDocument | None = None
    winner: InboxEntry | None = None
    outcomes = []
    for entry in candidates:
        if extracted is not None and winner is not None:
            outcomes.append(
                _outcome(entry, "superseded", None,
                         f"superseded by {winner.file_name}, the later publication",
                         winner.document_id)
            )  # fmt: skip
            continue
        try:
            document = cached_extract(Path(entry.path), entry.document_id, cache_dir)
        except DisclosureRejected as exc:
            outcomes.append(_outcome(entry, "quarantined", exc.reason.value, exc.message))
            continue
        found = document.document
        if found.document_id != entry.document_id:
            outcomes.append(
                _outcome(entry, "quarantined", "changed", "the file changed since the inbox scan")
            )
            continue
        placed = partition_department(found.department_key, found.document_kind)
        if (found.fiscal_year, placed) != (fiscal_year, department):
            outcomes.append(
                _outcome(entry, "quarantined", "unidentified",
                         f"read in full it discloses {found.department_name} {found.fiscal_year}")
            )  # fmt: skip
            continue
        extracted, winner = document, entry
        outcomes.append(_outcome(entry, "loaded", None, None))
    return extracted, outcomes


def _outcome(
    entry: InboxEntry, status: str, reason: str | None, message: str | None,
    related: str | None = None,
) -> FileOutcome:  # fmt: skip
    return FileOutcome(
        path=entry.path,
        file_name=entry.file_name,
        document_id=entry.document_id,
        fiscal_year=entry.fiscal_year,
        department_key=entry.department_key,
        status=status,
        reason=reason,
        message=message,
        related_document_id=related,
        published_at=entry.published_at,
        decided_at=datetime.now(UTC).replace(tzinfo=None),
        extractor_version=EXTRACTOR_VERSION,
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
