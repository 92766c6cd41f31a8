"""A disclosure PDF to typed records (抽取): the one entry point the orchestration calls.

Tables, the narrative's figures and the 项目支出绩效自评表 are all read from the same
once-extracted pages.

Each table the document prints is recognised by meaning; the tables this version parses
cell by cell (收入支出决算总表, 收入决算表, 支出决算表, 一般公共预算财政拨款支出决算表) become
amount cells, the others are recorded as located. A table whose structure cannot be bound
with confidence is recorded as ``insufficient_data`` with the reason, and yields no cells.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, replace
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from ingestion.catalogue import BUDGET, TABLE_KINDS
from ingestion.identify import DocumentIdentity, identify_opened, review_identity
from ingestion.locate import LocatedTable, centre_merged_cells, locate_tables
from ingestion.narrative import department_mentions, parse_narrative
from ingestion.pdf import OpenedDocument, TextReader, open_disclosure
from ingestion.performance import parse_performance_forms
from ingestion.records import (
    AmountCell,
    DisclosureTable,
    DocumentRecord,
    ExtractedDocument,
    TableCode,
)
from ingestion.tables.balance import parse_balance_table
from ingestion.tables.common import UnreadableTable
from ingestion.tables.economic import parse_economic_table
from ingestion.tables.statistics import parse_statistics_table
from ingestion.tables.subject import parse_subject_table
from ingestion.tables.three_public import parse_three_public_table

Parser = Callable[[LocatedTable, str], list[AmountCell]]

PARSERS: dict[TableCode, Parser] = {
    TableCode.T01: parse_balance_table,
    TableCode.T02: parse_subject_table,
    TableCode.T03: parse_subject_table,
    TableCode.T04: parse_balance_table,
    TableCode.T05: parse_subject_table,
    TableCode.T06: parse_economic_table,
    TableCode.T07: parse_subject_table,
    TableCode.T08: parse_subject_table,
    TableCode.T09: parse_three_public_table,
    TableCode.T10: parse_statistics_table,
    TableCode.B01: parse_balance_table,
    TableCode.B02: parse_subject_table,
    TableCode.B03: parse_subject_table,
    TableCode.B04: parse_balance_table,
    TableCode.B05: parse_subject_table,
    TableCode.B06: parse_subject_table,
    TableCode.B07: parse_subject_table,
    TableCode.B08: parse_subject_table,
    TableCode.B09: parse_subject_table,
    TableCode.B10: parse_subject_table,
    TableCode.B11: parse_three_public_table,
    TableCode.B12: parse_subject_table,
}

# Tables each layout must print (DOC-COMPLETE); Shanghai and central layouts have no 公开10表.
LAYOUT_TABLES: dict[str, tuple[TableCode, ...]] = {
    "shanxi": tuple(kind.code for kind in TABLE_KINDS),
    "shanghai": tuple(kind.code for kind in TABLE_KINDS if kind.code != TableCode.T10),
    "unknown": tuple(kind.code for kind in TABLE_KINDS if kind.code != TableCode.T10),
    # The core tables every budget layout in hand prints (Jiangsu's twelve, Shanghai's nine):
    # 收支, 收入, 支出, 财政拨款收支总表, 一般公共预算支出 and 基本支出, 三公.
    "budget": (
        TableCode.B01,
        TableCode.B02,
        TableCode.B03,
        TableCode.B04,
        TableCode.B07,
        TableCode.B08,
        TableCode.B11,
    ),
}
BUDGET_LAYOUT = "budget"


def extract_document(path: Path, text_reader: TextReader = "auto") -> ExtractedDocument:
    """Read ``path`` once and return every record the raw layer keeps for it.

    Each page is read by the reader it needs (:mod:`ingestion.pdf`); ``text_reader=
    "pdfplumber"`` reads them all with pdfplumber, which gives the same records, slower.
    A budget (预算) is extracted like a 决算, with its own tables (B01…B13), under
    ``document_kind`` 预算. Raises
    :class:`ingestion.errors.DisclosureRejected` for a file that is not a disclosure of one
    department and year; the caller quarantines it.
    """
    with open_disclosure(path, text_reader) as opened:
        return _extract_opened(opened, identify_opened(opened, accept_budgets=True), path)


def extract_for_review(path: Path, text_reader: TextReader = "auto") -> ExtractedDocument:
    """Every record of a document whose department or year stay unknown (待核查), for review.

    The same records :func:`extract_document` gives, under what identification did find
    (:func:`ingestion.identify.review_identity`: an unknown department is empty, an unknown
    year 0). They are kept apart from the raw layer: they belong to no department's marts.
    """
    with open_disclosure(path, text_reader) as opened:
        return _extract_opened(opened, review_identity(opened), path)


def _extract_opened(
    opened: OpenedDocument, identity: DocumentIdentity, path: Path
) -> ExtractedDocument:
    located = _first_of_each_kind(locate_tables(opened.pages, identity.document_kind))
    layout = BUDGET_LAYOUT if identity.document_kind == BUDGET else detect_layout(located)
    tables, cells = [], []
    for table in located:
        record, table_cells = _extract_table(table, opened.document_id)
        tables.append(record)
        cells.extend(table_cells)
    # The figures the narrative states, then where the text names the department (for
    # DOC-IDENTITY): both are claims about the document, kept in one record type. The
    # narrative's vocabulary and the 绩效自评表 are a 决算's: a budget's 情况说明 states plans
    # (预算数, 绩效目标), which read as a 决算's figures would be wrong numbers, so a budget
    # keeps only where it names the department.
    mentions = department_mentions(opened.pages, opened.document_id)
    if identity.document_kind == BUDGET:
        claims, forms, indicators = mentions, [], []
    else:
        claims = parse_narrative(opened.pages, opened.document_id) + mentions
        forms, indicators = parse_performance_forms(opened.pages, opened.document_id)
    found = tuple(table.table_code for table in tables)
    missing = tuple(code.value for code in LAYOUT_TABLES[layout] if code.value not in found)
    document = _document_record(identity, path, layout, found, missing)
    return ExtractedDocument(
        document=document,
        tables=tables,
        cells=cells,
        claims=claims,
        forms=forms,
        indicators=indicators,
    )


def detect_layout(tables: list[LocatedTable]) -> str:
    """Shanxi prints 公开NN表 labels and ten tables; Shanghai puts 三公 before 基金 and 国资."""
    codes = [table.kind.code for table in tables]
    if any(table.label_printed for table in tables) or TableCode.T10 in codes:
        return "shanxi"
    if TableCode.T09 in codes and TableCode.T07 in codes:
        if codes.index(TableCode.T09) < codes.index(TableCode.T07):
            return "shanghai"
    return "unknown"


def _first_of_each_kind(tables: list[LocatedTable]) -> list[LocatedTable]:
    """One table per kind: a title printed again later (an annex, a reprint) is not a table."""
    seen: set[TableCode] = set()
    kept = []
    for table in tables:
        if table.kind.code not in seen and (table.parts or table.declared_empty):
            seen.add(table.kind.code)
            kept.append(table)
    return kept


def _extract_table(
    table: LocatedTable, document_id: str
) -> tuple[DisclosureTable, list[AmountCell]]:
    parser = PARSERS.get(table.kind.code)
    status, reason, cells = "located", None, []
    # Checked in budgets, whose producers leave rows out of the ruling; a 决算's tables have
    # not been seen to, and their rules check what the grids hold.
    if parser is not None and table.stray_rows and table.kind.document_kind == BUDGET:
        status = "insufficient_data"
        reason = f"a row is printed outside the table's grid: {table.stray_rows[0]!r}"
    elif parser is not None:
        try:
            cells = parser(_as_parsed(table), document_id)
            status = "extracted"
        except UnreadableTable as exc:
            status, reason = "insufficient_data", str(exc)
    record = DisclosureTable(
        document_id=document_id,
        table_code=table.kind.code.value,
        label_printed=table.label_printed,
        title_printed=table.title_printed,
        first_page=table.first_page,
        last_page=table.last_page,
        unit_printed=table.unit_printed,
        unit_to_wan_yuan=table.unit_to_wan_yuan or Decimal(0),
        declared_empty=table.declared_empty,
        status=status,
        reason=reason,
        department_printed=table.department_printed,
        year_printed=table.year_printed,
    )
    return record, cells


def _as_parsed(table: LocatedTable) -> LocatedTable:
    """A budget's subject-coded grids with merged cells centred (:func:`centre_merged_cells`):
    Jiangsu draws their header and body on different sub-columns. Balance tables are read
    as printed: a total there spans two lists (当年支出小计) and belongs to the first; and a
    决算's parsers read merged cells where pdfplumber puts them, in their first column."""
    if table.kind.document_kind != BUDGET or PARSERS.get(table.kind.code) is not (
        parse_subject_table
    ):
        return table
    return replace(table, parts=[centre_merged_cells(part) for part in table.parts])


def _document_record(
    identity: DocumentIdentity,
    path: Path,
    layout: str,
    found: tuple[str, ...],
    missing: tuple[str, ...],
) -> DocumentRecord:
    return DocumentRecord(
        **asdict(identity),
        file_name=path.name,
        layout=layout,
        tables_found=found,
        tables_missing=missing,
        extracted_at=datetime.now(UTC).replace(tzinfo=None),
    )
