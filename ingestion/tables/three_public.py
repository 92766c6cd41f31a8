"""财政拨款“三公”经费支出决算表 (three public expenses): budget and actual per item.

Shanxi groups the columns by 预算数 / 决算数 first and item second; Shanghai by item first
and 预算数 / 决算数 last. Either way a column's label joins its header cells top to bottom,
with a merged group cell carried across the columns it spans; keys name the measure and item
(``budget_reception``, ``actual_vehicle_total``, …). A budget's 三公 table (预算) has budget
columns only, and may add 会议费, 培训费 (Jiangsu) or 机关运行经费 (Shanghai).
"""

from __future__ import annotations

import re

from ingestion.amounts import parse_amount
from ingestion.catalogue import BUDGET
from ingestion.locate import LocatedTable
from ingestion.records import AmountCell, AmountState
from ingestion.tables.common import (
    PageRow,
    UnreadableTable,
    is_column_number_row,
    page_rows,
    spanned_labels,
)
from ingestion.text import normalise

# Item words, most specific first: 小计 before 购置 because its label names the whole group.
_ITEMS = (
    ("vehicle_total", ("小计",)),
    ("overseas", ("因公出国",)),
    ("vehicle_purchase", ("购置费",)),
    # 机关运行经费 before 运行费: a budget prints it beside the 三公 (Shanghai)
    ("running_cost", ("机关运行经费",)),
    ("vehicle_operation", ("运行维护费", "运行费")),
    ("reception", ("接待",)),
    ("meeting", ("会议费",)),
    ("training", ("培训费",)),
    ("total", ("合计",)),
)
_MEASURES = (("budget", "预算"), ("actual", "决算"))
_NUMBERS_ROW = re.compile(r"^\d{1,2}$")


def parse_three_public_table(table: LocatedTable, document_id: str) -> list[AmountCell]:
    """Amount cells of the 三公 table (none when it is empty), or :class:`UnreadableTable`."""
    rows = page_rows(table.parts)
    if not rows:
        raise UnreadableTable("no ruled grid under the title")
    unit = table.unit_to_wan_yuan
    if unit is None:
        raise UnreadableTable("no unit line (单位：万元 / 元) printed with the table")
    width = max(len(row.cells) for row in rows)
    header_end = _header_end(rows)
    if header_end > len(table.parts[0].rows):
        raise UnreadableTable("the 三公 header runs onto a second page")
    numbered = header_end > 0 and (
        _is_numbering(rows[header_end - 1].cells)
        or is_column_number_row(rows[header_end - 1].cells)
    )
    labels = spanned_labels(table.parts[0], header_end - 1 if numbered else header_end)
    # A budget's table holds its plan only, whether or not a header says 预算数 (Jiangsu's not).
    default = "budget" if table.kind.document_kind == BUDGET else None
    keys = [_key(label, default) for label in labels]
    if len(set(keys)) != width or None in keys:
        raise UnreadableTable(f"三公 columns not bound: {dict(zip(labels, keys, strict=True))}")
    cells: list[AmountCell] = []
    for row_index, row in enumerate(rows[header_end:]):
        padded = _pad(row.cells, width)
        if is_column_number_row(padded) or _is_numbering(padded):
            continue
        parsed = [parse_amount(cell, unit) for cell in padded]
        if all(p.state == AmountState.BLANK for p in parsed):
            continue  # an empty table's blank line
        for column, amount in enumerate(parsed):
            cells.append(
                AmountCell(
                    document_id=document_id,
                    table_code=table.kind.code.value,
                    page=row.page,
                    row_index=row_index,
                    row_kind="line",
                    subject_code=None,
                    row_label="三公经费",
                    line_number=None,
                    side=None,
                    column_key=keys[column],
                    column_label=labels[column],
                    column_number=column + 1,
                    printed_text=amount.printed,
                    amount=amount.value,
                    amount_state=amount.state.value,
                    **row.box(column),
                )
            )
    return cells


def _header_end(rows: list[PageRow]) -> int:
    """Header rows end after the 1…12 numbering row, or at the first row of amounts."""
    for index, row in enumerate(rows):
        if _is_numbering(row.cells) or is_column_number_row(row.cells):
            return index + 1
        texts = [normalise(c) for c in row.cells if c is not None]
        if texts and all(parse_amount(t).state != AmountState.UNREADABLE for t in texts):
            return index
    return len(rows)


def _is_numbering(cells: list[str | None]) -> bool:
    texts = [normalise(c) for c in cells]
    return all(_NUMBERS_ROW.match(t) for t in texts) and [int(t) for t in texts] == list(
        range(1, len(texts) + 1)
    )


def _key(label: str, default_measure: str | None = None) -> str | None:
    measure = next((key for key, word in _MEASURES if word in label), default_measure)
    item = next((key for key, words in _ITEMS if any(w in label for w in words)), None)
    if measure is None or item is None:
        return None
    return f"{measure}_{item}"


def _pad(cells: list[str | None], width: int) -> list[str | None]:
    return cells + [None] * (width - len(cells))
