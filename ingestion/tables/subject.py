"""Tables keyed by 支出功能分类 subject code (科目表): 收入决算表, 支出决算表,
一般公共预算财政拨款支出决算表, 政府性基金 and 国有资本经营 tables.

The code is printed in one column ("2011301") or in three (类 "201" / 款 "13" / 项 "01").

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
from ingestion.text import compact, normalise

SUBJECT_CODE = re.compile(r"^\d{3}(\d{2}){0,2}$")
_CODE_AND_NAME = re.compile(r"^(\d{3}(?:\d{2}){0,2})(\D.*)$")
TOTAL_LABELS = ("合计", "总计")
_HEADER_WORD = re.compile(r"^[\u4e00-\u9fff()（）]+$")

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
    TableCode.T07: {
        "opening_balance": ("年初结转和结余", "年初"),
        "closing_balance": ("年末结转和结余", "年末"),
        "basic": ("基本支出",),
        "project": ("项目支出",),
        "total": ("小计", "合计"),
        "income": ("本年收入",),
    },
}
# Shanxi prints 国有资本经营 expenditure only; Shanghai the whole income-expenditure table.
COLUMN_ALIASES[TableCode.T08] = COLUMN_ALIASES[TableCode.T07]
_CODE_HEADER = ("科目代码", "科目编码", "功能分类")
_CODE_PARTS = ("类", "款", "项")
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
    code_columns = _code_columns(labels)
    name_column = _find_column(labels, _NAME_HEADER)
    if not code_columns:
        raise UnreadableTable("no 科目代码 column in the header")
    if first_body is not None:
        keep = {*code_columns, name_column}
        header, rows[first_body] = _split_header_words(header, rows[first_body], width, keep)
        labels = column_labels(header, width)
    amount_columns = [
        i for i in range(width) if i not in (*code_columns, name_column) and labels[i]
    ]
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
        subject_code, name = _split_code_and_name(row.cells, code_columns, name_column)
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
                    code_kind=None if subject_code is None else "functional",
                    **row.box(column),
                )
            )
    return cells


def _body(rows: list[PageRow], width: int) -> list[PageRow]:
    """Body rows, without a header repeated on a continuation page and padded to width."""
    body = []
    for row in rows:
        if not any(normalise(cell) for cell in row.cells):
            continue  # an empty ruled line, as empty tables print
        if _row_key(row.cells) is None and (
            is_column_number_row(row.cells) or _looks_like_header(row.cells)
        ):
            continue
        body.append(PageRow(row.page, row.cells + [None] * (width - len(row.cells)), row.boxes))
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
    cells: list[str | None], code_columns: list[int], name_column: int | None
) -> tuple[str | None, str]:
    code_text = "".join(normalise(cells[c]) for c in code_columns)
    name_text = compact(cells[name_column]) if name_column is not None else ""
    if code_text in TOTAL_LABELS:
        return None, code_text
    if len(code_columns) == 3 and not _three_part_code(cells, code_columns):
        raise UnreadableTable(
            f"类/款/项 cells {[cells[c] for c in code_columns]!r} do not form a code"
        )
    if SUBJECT_CODE.match(code_text):
        return code_text, name_text
    if match := _CODE_AND_NAME.match(code_text):
        return match.group(1), compact(cells[code_columns[0]])[len(match.group(1)) :]
    raise UnreadableTable(f"code cell {code_text!r} is not a subject code")


def _three_part_code(cells: list[str | None], code_columns: list[int]) -> bool:
    """类 has three digits; 款 and 项 two each, printed left to right without gaps."""
    parts = [normalise(cells[c]) for c in code_columns]
    lengths = [3, 2, 2]
    filled = [bool(p) for p in parts]
    if filled not in ([True, False, False], [True, True, False], [True, True, True]):
        return False
    return all(len(p) == n and p.isdigit() for p, n in zip(parts, lengths, strict=True) if p)


def _code_columns(labels: list[str]) -> list[int]:
    """The one code column, or the three 类/款/项 columns under a 科目编码 header."""
    coded = [i for i, label in enumerate(labels) if any(w in label for w in _CODE_HEADER)]
    parts = [
        i
        for i, label in enumerate(labels)
        if label.endswith(_CODE_PARTS)
        and len(label) <= 8
        and not any(w in label for w in _NAME_HEADER)
    ]
    if len(parts) == 3 and parts == list(range(parts[0], parts[0] + 3)):
        return parts
    return coded[:1]


def _split_header_words(
    header: list[list[str | None]], first: PageRow, width: int, keep: set[int | None]
) -> tuple[list[list[str | None]], PageRow]:
    """Some producers print the last header line in the 合计 row (合计 | … | 基本支出 | 项目支出):
    move such words into the header and leave their cells blank."""
    words: list[str | None] = [None] * width
    cells = list(first.cells) + [None] * (width - len(first.cells))
    for column, cell in enumerate(cells):
        text = normalise(cell)
        if column not in keep and text and _HEADER_WORD.match(text):
            words[column], cells[column] = text, ""
    if not any(words):
        return header, first
    return [*header, words], PageRow(first.page, cells, first.boxes)


def _find_column(labels: list[str], words: tuple[str, ...]) -> int | None:
    return next((i for i, label in enumerate(labels) if any(w in label for w in words)), None)
