"""Tables keyed by 支出功能分类 subject code (科目表): 收入决算表, 支出决算表,
一般公共预算财政拨款支出决算表.

Each body row is bound to its subject code (or the 合计 line) and each amount to its
column's header; a row or column that cannot be bound makes the table insufficient_data
rather than letting a code digit or a 栏次 number drift into an amount.
"""

from __future__ import annotations

import re

from ingestion.amounts import parse_amount
from ingestion.locate import LocatedTable
from ingestion.records import AmountCell, TableCode
from ingestion.tables.common import (
    PageRow,
    UnreadableTable,
    bind_columns,
    column_labels,
    column_numbers,
    is_column_number_row,
    page_rows,
)
from ingestion.text import normalise

SUBJECT_CODE = re.compile(r"^\d{3}(\d{2}){0,2}$")
_CODE_AND_NAME = re.compile(r"^(\d{3}(?:\d{2}){0,2})(\D.*)$")
TOTAL_LABELS = ("合计", "总计")

# Column key -> header words, most specific first (a label is taken by the first match).
COLUMN_ALIASES: dict[TableCode, dict[str, tuple[str, ...]]] = {
    TableCode.T02: {
        "fiscal_appropriation": ("财政拨款收入", "财政拨款"),
        "superior_subsidy": ("上级补助收入",),
        "business": ("事业收入",),
        "operating": ("经营收入",),
        "subsidiary_remit": ("附属单位上缴收入", "附属单位上缴"),
        "other": ("其他收入",),
        "total": ("本年收入合计", "合计"),
    },
    TableCode.T03: {
        "basic": ("基本支出",),
        "project": ("项目支出",),
        "remit_to_superior": ("上缴上级支出",),
        "operating": ("经营支出",),
        "subsidiary_subsidy": ("对附属单位补助支出", "附属单位补助"),
        "total": ("本年支出合计", "合计"),
    },
    TableCode.T05: {
        "basic": ("基本支出",),
        "project": ("项目支出",),
        "total": ("小计", "合计"),
    },
}
_CODE_HEADER = ("科目代码", "科目编码", "功能分类")
_NAME_HEADER = ("科目名称",)


def parse_subject_table(table: LocatedTable, document_id: str) -> list[AmountCell]:
    """Amount cells of one subject-coded table, or :class:`UnreadableTable`."""
    code = table.kind.code
    aliases = COLUMN_ALIASES[code]
    rows = page_rows(table.parts)
    if not rows:
        raise UnreadableTable("no ruled grid under the title")
    width = max(len(row.cells) for row in rows)
    first_body = next((i for i, row in enumerate(rows) if _row_key(row.cells) is not None), None)
    header = [
        row.cells
        for row in rows[: first_body if first_body is not None else len(rows)]
        if not is_column_number_row(row.cells)
    ]
    labels = column_labels(header, width)
    code_column = _find_column(labels, _CODE_HEADER)
    name_column = _find_column(labels, _NAME_HEADER)
    if code_column is None:
        raise UnreadableTable("no 科目代码 column in the header")
    amount_columns = [i for i in range(width) if i not in (code_column, name_column) and labels[i]]
    bound = bind_columns(labels, amount_columns, aliases)
    if "total" not in bound:
        raise UnreadableTable("no total column in the header")
    numbers = next(
        (column_numbers(row.cells) for row in rows if is_column_number_row(row.cells)), None
    )
    unit = table.unit_to_wan_yuan
    if unit is None:
        raise UnreadableTable("no unit line (单位：万元 / 元) printed with the table")
    if first_body is None:
        return []  # a header with no lines: an empty table, recorded as such by the caller
    cells: list[AmountCell] = []
    for row_index, row in enumerate(_body(rows[first_body:], width)):
        key = _row_key(row.cells)
        if key is None:
            raise UnreadableTable(f"row {row.cells!r} on page {row.page} is not a subject line")
        subject_code, name = _split_code_and_name(row.cells, code_column, name_column)
        for column_key, column in bound.items():
            parsed = parse_amount(row.cells[column], unit)
            cells.append(
                AmountCell(
                    document_id=document_id,
                    table_code=code.value,
                    page=row.page,
                    row_index=row_index,
                    row_kind="total" if subject_code is None else "subject",
                    subject_code=subject_code,
                    row_label=name,
                    line_number=None,
                    side=None,
                    column_key=column_key,
                    column_label=labels[column],
                    column_number=numbers[column] if numbers and column < len(numbers) else None,
                    printed_text=parsed.printed,
                    amount=parsed.value,
                    amount_state=parsed.state.value,
                )
            )
    return cells


def _body(rows: list[PageRow], width: int) -> list[PageRow]:
    """Body rows, without a header repeated on a continuation page and padded to width."""
    body = []
    for row in rows:
        if _row_key(row.cells) is None and (
            is_column_number_row(row.cells) or _looks_like_header(row.cells)
        ):
            continue
        body.append(PageRow(row.page, row.cells + [None] * (width - len(row.cells))))
    return body


def _looks_like_header(cells: list[str | None]) -> bool:
    text = "".join(normalise(cell) for cell in cells)
    return any(word in text for word in (*_CODE_HEADER, *_NAME_HEADER, "项目"))


def _row_key(cells: list[str | None]) -> str | None:
    first = next((normalise(cell) for cell in cells if normalise(cell)), "")
    if first in TOTAL_LABELS:
        return first
    match = _CODE_AND_NAME.match(first)
    if SUBJECT_CODE.match(first) or match:
        return first
    return None


def _split_code_and_name(
    cells: list[str | None], code_column: int, name_column: int | None
) -> tuple[str | None, str]:
    code_text = normalise(cells[code_column])
    name_text = normalise(cells[name_column]) if name_column is not None else ""
    if code_text in TOTAL_LABELS:
        return None, code_text
    if SUBJECT_CODE.match(code_text):
        return code_text, name_text
    if match := _CODE_AND_NAME.match(code_text):
        return match.group(1), match.group(2)
    raise UnreadableTable(f"code cell {cells[code_column]!r} is not a subject code")


def _find_column(labels: list[str], words: tuple[str, ...]) -> int | None:
    return next((i for i, label in enumerate(labels) if any(w in label for w in words)), None)
