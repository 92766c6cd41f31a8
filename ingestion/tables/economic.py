"""基本支出决算明细表 (basic expenditure by economic class): 人员经费 and 公用经费 blocks.

The grid prints several (科目代码, 科目名称, 决算数) column triples side by side — two in
Shanghai, four in Shanxi — under 人员经费 / 公用经费 group headers, and ends with the
人员经费合计 / 公用经费合计 line whose amount stands in the last cell of each group. Each coded
row of each triple becomes one amount cell bound to its 经济分类 code and group.
"""

from __future__ import annotations

import re

from ingestion.amounts import parse_amount
from ingestion.locate import LocatedTable
from ingestion.records import AmountCell
from ingestion.tables.common import PageRow, UnreadableTable, page_rows
from ingestion.text import compact, normalise

ECONOMIC_CODE = re.compile(r"^\d{3}(\d{2})?$")
_GROUPS = {"人员经费": "personnel", "公用经费": "public"}


def parse_economic_table(table: LocatedTable, document_id: str) -> list[AmountCell]:
    """Amount cells of a 基本支出决算(明细)表, or :class:`UnreadableTable`."""
    rows = page_rows(table.parts)
    if not rows:
        raise UnreadableTable("no ruled grid under the title")
    unit = table.unit_to_wan_yuan
    if unit is None:
        raise UnreadableTable("no unit line (单位：万元 / 元) printed with the table")
    width = max(len(row.cells) for row in rows)
    header_index = next(
        (i for i, row in enumerate(rows) if any("科目名称" in normalise(c) for c in row.cells)),
        None,
    )
    if header_index is None:
        raise UnreadableTable("no 科目代码 / 科目名称 / 决算数 header")
    triples = _triples([normalise(c) for c in _pad(rows[header_index].cells, width)])
    if not triples:
        raise UnreadableTable("no (科目代码, 科目名称, 决算数) column triple in the header")
    groups = _column_groups([_pad(row.cells, width) for row in rows[:header_index]], width)
    cells: list[AmountCell] = []
    body = [_pad_row(row, width) for row in rows[header_index + 1 :]]
    for row_index, row in enumerate(body):
        if _is_repeated_header(row):
            continue
        total_cells = _group_totals(row, document_id, table, row_index)
        if total_cells:
            cells.extend(total_cells)
            continue
        for code_col, name_col, amount_col in triples:
            code = normalise(row.cells[code_col])
            name = compact(row.cells[name_col])
            parsed = parse_amount(row.cells[amount_col], unit)
            if not code and not name and parsed.state == "blank":
                continue  # a short block's empty tail
            if not ECONOMIC_CODE.match(code):
                raise UnreadableTable(f"{row.cells[code_col]!r} on page {row.page} is not a code")
            cells.append(
                _cell(
                    document_id,
                    table,
                    row,
                    row_index,
                    code,
                    name,
                    parsed,
                    amount_col,
                    groups[code_col],
                )
            )
    return cells


def _column_groups(header: list[list[str | None]], width: int) -> list[str | None]:
    """人员经费 / 公用经费 of each column, from a group header row spanning its triples.

    Layouts without that row (Shanghai) leave the group unknown: which classes count as
    人员经费 is a reconciliation rule's business, not the parser's.
    """
    for cells in header:
        texts = [normalise(c) if c is not None else None for c in cells]
        if not any(t in _GROUPS for t in texts):
            continue
        groups: list[str | None] = []
        current = None
        for text in texts:
            if text is not None:
                current = _GROUPS.get(text)
            groups.append(current)
        return groups
    return [None] * width


def _group_totals(row: PageRow, document_id: str, table: LocatedTable, row_index: int):
    """The 人员经费合计 / 公用经费合计 line: each label's amount is the next printed cell."""
    found = []
    cells = row.cells
    for column, cell in enumerate(cells):
        text = normalise(cell)
        group = next((key for word, key in _GROUPS.items() if text == word + "合计"), None)
        if group is None:
            continue
        amount_col = next((c for c in range(column + 1, len(cells)) if cells[c] is not None), None)
        if amount_col is None:
            raise UnreadableTable(f"{text} has no amount cell on page {row.page}")
        parsed = parse_amount(cells[amount_col], table.unit_to_wan_yuan)
        found.append(
            _cell(document_id, table, row, row_index, None, text, parsed, amount_col, group)
        )
    return found


def _cell(document_id, table, row, row_index, code, name, parsed, column, group) -> AmountCell:
    return AmountCell(
        document_id=document_id,
        table_code=table.kind.code.value,
        page=row.page,
        row_index=row_index,
        row_kind="total" if code is None else "subject",
        subject_code=code,
        row_label=name,
        line_number=None,
        side=group,
        column_key="amount",
        column_label="决算数",
        column_number=None,
        printed_text=parsed.printed,
        amount=parsed.value,
        amount_state=parsed.state.value,
        code_kind=None if code is None else "economic",
        **row.box(column),
    )


def _triples(labels: list[str]) -> list[tuple[int, int, int]]:
    found = []
    for column in range(len(labels) - 2):
        code, name, amount = labels[column : column + 3]
        if ("科目代码" in code or "科目编码" in code) and "科目名称" in name and amount:
            found.append((column, column + 1, column + 2))
    return found


def _is_repeated_header(row: PageRow) -> bool:
    return any("科目名称" in normalise(c) or normalise(c) in _GROUPS for c in row.cells)


def _pad(cells: list[str | None], width: int) -> list[str | None]:
    return cells + [None] * (width - len(cells))


def _pad_row(row: PageRow, width: int) -> PageRow:
    return PageRow(row.page, _pad(row.cells, width), row.boxes)
