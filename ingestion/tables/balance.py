"""Two-sided balance tables (收支总表): 收入支出决算总表 and 财政拨款收入支出决算总表.

The grid prints income lines on the left and expenditure lines on the right, each side with
its own 项目 / 行次 / amount columns (财政拨款收入支出决算总表 has four amount columns on the
expenditure side: 合计 and one per fund). Each printed line becomes one amount cell per
amount column, bound to its side, label and 行次.
"""

from __future__ import annotations

import re

from ingestion.amounts import parse_amount
from ingestion.locate import LocatedTable
from ingestion.records import AmountCell, AmountState, TableCode
from ingestion.tables.common import (
    UnreadableTable,
    bind_columns,
    column_labels,
    column_numbers,
    is_column_number_row,
    page_rows,
)
from ingestion.text import compact, normalise

_LINE_NUMBER = re.compile(r"^\d{1,3}$")
_LABEL_HEADER = "项目"
_LABEL_HEADERS = ("项目", "项目名称")
_LINE_NUMBER_HEADER = ("行次",)
# The group cell over the expenditure side: 支出, or a budget's 本年支出 / 财政拨款支出.
_EXPENDITURE_GROUPS = ("支出", "本年支出", "财政拨款支出")
_AMOUNT = ("金额", "决算数", "预算数")
# How a balance line's label opens (一、财政拨款收入, 1、…): not a header word.
_LINE_START = tuple("一二三四五六七八九十123456789")

# Amount columns of each side, most specific first.
SIDE_ALIASES: dict[TableCode, dict[str, dict[str, tuple[str, ...]]]] = {
    TableCode.T01: {
        "income": {"amount": ("金额", "决算数")},
        "expenditure": {"amount": ("金额", "决算数")},
    },
    TableCode.T04: {
        "income": {"amount": ("金额", "决算数")},
        "expenditure": {
            "general_public_budget": ("一般公共预算",),
            "government_fund": ("政府性基金",),
            "state_capital": ("国有资本经营",),
            "total": ("合计", "金额", "决算数"),
        },
    },
    TableCode.B01: {
        "income": {"amount": _AMOUNT},
        "expenditure": {
            "basic_personnel": ("人员经费",),
            "basic_public": ("公用经费",),
            "project": ("项目支出",),
            "amount": _AMOUNT,
        },
    },
    TableCode.B04: {
        "income": {"amount": _AMOUNT},
        "expenditure": {
            "general_public_budget": ("一般公共预算",),
            "government_fund": ("政府性基金",),
            "state_capital": ("国有资本经营",),
            "total": ("合计", *_AMOUNT),
        },
    },
}
# Columns a side may leave out: a budget's 财政拨款收支预算总表 prints one per fund (Shanghai)
# or only the total (Jiangsu).
OPTIONAL_COLUMNS: dict[TableCode, frozenset[str]] = {
    TableCode.B01: frozenset({"basic_personnel", "basic_public", "project"}),
    TableCode.B04: frozenset({"general_public_budget", "government_fund", "state_capital"}),
}


def parse_balance_table(table: LocatedTable, document_id: str) -> list[AmountCell]:
    """Amount cells of a 收支总表, or :class:`UnreadableTable`."""
    rows = page_rows(table.parts)
    if not rows:
        raise UnreadableTable("no ruled grid under the title")
    width = max(len(row.cells) for row in rows)
    header_end = next((i for i, row in enumerate(rows) if _is_label_row(row.cells)), None)
    groups = next(
        (
            (i, column)
            for i, row in enumerate(rows[: header_end or 0])
            if (column := _expenditure_group_column(row.cells)) is not None
        ),
        None,
    )
    if groups is None or header_end is None:
        raise UnreadableTable("no 收入 / 支出 header with 项目 columns")
    group_row, expenditure_start = groups
    # A side with several amount columns prints their names below the 项目 row (Shanghai's
    # 单位 budget: 合计 | 基本支出 (人员经费, 公用经费) | 项目支出): the header runs on to
    # the first row of amounts.
    while header_end + 1 < len(rows) and _is_header_continuation(rows[header_end + 1].cells):
        header_end += 1
    labels = column_labels([row.cells for row in rows[group_row + 1 : header_end + 1]], width)
    numbers = None
    body_start = header_end + 1
    if body_start < len(rows) and is_column_number_row(rows[body_start].cells):
        numbers = column_numbers(rows[body_start].cells)
        body_start += 1
    aliases = SIDE_ALIASES[table.kind.code]
    optional = OPTIONAL_COLUMNS.get(table.kind.code, frozenset())
    sides = {
        "income": _side_columns(labels, range(0, expenditure_start), aliases["income"], optional),
        "expenditure": _side_columns(
            labels, range(expenditure_start, width), aliases["expenditure"], optional
        ),
    }
    unit = table.unit_to_wan_yuan
    if unit is None:
        raise UnreadableTable("no unit line (单位：万元 / 元) printed with the table")
    cells: list[AmountCell] = []
    for row_index, row in enumerate(rows[body_start:]):
        padded = row.cells + [None] * (width - len(row.cells))
        if is_column_number_row(padded) or _is_label_row(padded):
            continue  # a header repeated on a continuation page
        for side, (label_col, number_col, amount_cols) in sides.items():
            label = normalise(padded[label_col])
            parsed = {key: parse_amount(padded[col], unit) for key, col in amount_cols.items()}
            if not label and all(p.state == AmountState.BLANK for p in parsed.values()):
                continue  # an unused line (行次 only)
            if not label:
                raise UnreadableTable(f"an amount without a line label on page {row.page}")
            number_text = normalise(padded[number_col]) if number_col is not None else ""
            for key, amount in parsed.items():
                cells.append(
                    AmountCell(
                        document_id=document_id,
                        table_code=table.kind.code.value,
                        page=row.page,
                        row_index=row_index,
                        row_kind="line",
                        subject_code=None,
                        row_label=compact(padded[label_col]),
                        line_number=int(number_text) if _LINE_NUMBER.match(number_text) else None,
                        side=side,
                        column_key=key,
                        column_label=labels[amount_cols[key]],
                        column_number=numbers[amount_cols[key]] if numbers else None,
                        printed_text=amount.printed,
                        amount=amount.value,
                        amount_state=amount.state.value,
                        **row.box(amount_cols[key]),
                    )
                )
    return cells


def _expenditure_group_column(cells: list[str | None]) -> int | None:
    return next((i for i, cell in enumerate(cells) if normalise(cell) in _EXPENDITURE_GROUPS), None)


def _is_header_continuation(cells: list[str | None]) -> bool:
    texts = [normalise(cell) for cell in cells if normalise(cell)]
    return (
        bool(texts)
        and not is_column_number_row(cells)
        and all(parse_amount(text).state == AmountState.UNREADABLE for text in texts)
        and not any(text.startswith(_LINE_START) for text in texts)
    )


def _is_label_row(cells: list[str | None]) -> bool:
    """The header row naming each side's 项目 (项目名称) column."""
    return any(normalise(cell) in _LABEL_HEADERS for cell in cells)


def _side_columns(
    labels: list[str],
    columns: range,
    aliases: dict[str, tuple[str, ...]],
    optional: frozenset[str] = frozenset(),
) -> tuple[int, int | None, dict[str, int]]:
    """(label column, 行次 column or None, amount column by key) of one side."""
    label = next((c for c in columns if labels[c].endswith(_LABEL_HEADERS)), None)
    number = next((c for c in columns if any(w in labels[c] for w in _LINE_NUMBER_HEADER)), None)
    if label is None:
        raise UnreadableTable(f"side columns {list(columns)} have no 项目 column")
    candidates = [c for c in columns if c not in (label, number) and labels[c]]
    amounts = bind_columns(labels, candidates, aliases)
    if missing := set(aliases) - set(amounts) - optional:
        raise UnreadableTable(f"side columns {list(columns)} lack {missing}")
    return label, number, amounts
