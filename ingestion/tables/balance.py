"""Two-sided balance tables (收支总表): 收入支出决算总表 and 财政拨款收入支出决算总表.

The grid prints income lines on the left and expenditure lines on the right, each side with
its own 项目 / 行次 / amount columns (财政拨款收入支出决算总表 has four amount columns on the
expenditure side: 合计 and one per fund). Each printed line becomes one amount cell per
amount column, bound to its side, label and 行次.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from ingestion.amounts import parse_amount
from ingestion.locate import LocatedTable
from ingestion.records import AmountCell, AmountState, TableCode
from ingestion.tables.common import (
    PageRow,
    UnreadableTable,
    bind_columns,
    column_labels,
    column_numbers,
    is_column_number_row,
    page_rows,
    spanned_labels,
)
from ingestion.text import compact, normalise

_LINE_NUMBER = re.compile(r"^\d{1,3}$")
_LABEL_HEADERS = ("项目", "项目名称")
_LINE_NUMBER_HEADER = ("行次",)
# The group cell over the expenditure side: 支出, or a budget's 本年支出 / 财政拨款支出.
_EXPENDITURE_GROUPS = ("支出", "本年支出", "财政拨款支出")
_AMOUNT = ("金额", "决算数", "预算数")
# How a balance line's label opens (一、财政拨款收入, 1、…): not a header word.
_LINE_START = tuple("一二三四五六七八九十123456789")
_LINE_OPENING = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|\d{1,2}[.、．])")
# What names a side's list of lines (Jiangsu: 项目名称 | 功能科目名称 | 项目名称).
_BLOCK_LABELS = ("项目", "项目名称", "科目名称")
_BY_USE = "支出用途"
_GROUP_WORDS = re.compile("收入|支出用途|支出|功能分类")

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
    header_end = _header_end(rows, header_end)
    labels = column_labels([row.cells for row in rows[group_row + 1 : header_end + 1]], width)
    numbers = None
    body_start = header_end + 1
    if body_start < len(rows) and is_column_number_row(rows[body_start].cells):
        numbers = column_numbers(rows[body_start].cells)
        body_start += 1
    aliases = SIDE_ALIASES[table.kind.code]
    optional = OPTIONAL_COLUMNS.get(table.kind.code, frozenset())
    # A side printing several lists: which list a column is in shows on the merged group
    # cells above it (功能分类 / 支出用途), which Jiangsu starts on other sub-columns than the
    # columns they name, so they are read by the cells' extent, not by their first column.
    for list_labels in (_labels_by_extent(table, header_end, width), labels):
        blocks = _blocks(list_labels, expenditure_start, width) if list_labels else []
        if len(blocks) > 2:
            if table.unit_to_wan_yuan is None:
                raise UnreadableTable("no unit line (单位：万元 / 元) printed with the table")
            return _block_cells(table, rows[body_start:], blocks, list_labels, width, document_id)
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


def _labels_by_extent(table: LocatedTable, header_end: int, width: int) -> list[str] | None:
    """Each column's header over its merged cells' extent, where the header is all in the
    first grid and that grid has the table's width."""
    if header_end >= len(table.parts[0].rows):
        return None
    labels = spanned_labels(table.parts[0], header_end + 1)
    return labels if len(labels) == width else None


@dataclass(frozen=True, slots=True)
class _Block:
    """One (项目名称, 金额) pair of columns and the side it lists."""

    side: str
    label: int
    amount: int


def _blocks(labels: list[str], expenditure_start: int, width: int) -> list[_Block]:
    """The label / amount column pairs of each side, where a side prints several lists side by
    side: Jiangsu's 收支预算总表 lists its expenditure by 功能分类 and again by 支出用途
    (basic, project, reserve), each with its own 金额 column. One pair per side otherwise."""
    found: list[_Block] = []
    for side, columns in (
        ("income", range(expenditure_start)),
        ("expenditure", range(expenditure_start, width)),
    ):
        starts = [c for c in columns if labels[c].endswith(_BLOCK_LABELS)]
        for index, start in enumerate(starts):
            end = starts[index + 1] if index + 1 < len(starts) else columns.stop
            named = [c for c in range(start + 1, end) if labels[c]]
            amounts = [c for c in named if any(w in labels[c] for w in _AMOUNT)]
            others = [c for c in named if c not in amounts]
            if len(amounts) != 1 or any(_GROUP_WORDS.sub("", labels[c]) for c in others):
                return []  # not one list of (项目, 金额): the two-sided reading decides
            name = side
            if side == "expenditure" and _BY_USE in labels[start]:
                name = "expenditure_by_use"
            found.append(_Block(name, start, amounts[0]))
    if len({block.side for block in found}) != len(found):
        return []  # two lists of one side that no header tells apart
    return found


def _block_cells(
    table: LocatedTable,
    rows: list[PageRow],
    blocks: list[_Block],
    labels: list[str],
    width: int,
    document_id: str,
) -> list[AmountCell]:
    """The lines of each list: a label wrapped over the ruled sub-rows of one line is joined,
    and a total spanning the next list's label (当年支出小计) takes that list's 金额."""
    padded = [PageRow(r.page, r.cells + [None] * (width - len(r.cells)), r.boxes) for r in rows]
    taken = [_spanning_amounts(row.cells, blocks) for row in padded]
    unit = table.unit_to_wan_yuan
    cells: list[AmountCell] = []
    for block in blocks:
        for line in _lines(padded, taken, block):
            parsed = parse_amount(line.amount, unit)
            if not line.label and parsed.state == AmountState.BLANK:
                continue
            if not line.label:
                raise UnreadableTable(f"an amount without a line label on page {line.row.page}")
            side = "expenditure" if line.spans else block.side
            cells.append(
                AmountCell(
                    document_id=document_id,
                    table_code=table.kind.code.value,
                    page=line.row.page,
                    row_index=line.index,
                    row_kind="line",
                    subject_code=None,
                    row_label=line.label,
                    line_number=None,
                    side=side,
                    column_key="amount",
                    column_label=labels[block.amount],
                    column_number=None,
                    printed_text=parsed.printed,
                    amount=parsed.value,
                    amount_state=parsed.state.value,
                    **line.row.box(line.column),
                )
            )
    return cells


@dataclass
class _Line:
    index: int
    row: PageRow  # the row holding the amount (or the first row)
    column: int
    label: str
    amount: str | None
    spans: bool = False


def _spanning_amounts(cells: list[str | None], blocks: list[_Block]) -> dict[int, int]:
    """Block label column -> the column its amount is in, where the label spans the next
    block's label and the next block's 金额 cell is the line's (当年支出小计 | … | 28,849.38,
    or 结转下年资金 with its 金额 blank)."""
    moved: dict[int, int] = {}
    for block, after in itertools.pairwise(blocks):
        if block.side == "income" or after.side == "income":
            continue
        if (
            normalise(cells[block.label])
            and cells[block.amount] is None
            and cells[after.label] is None
            and cells[after.amount] is not None
        ):
            moved[block.label] = after.amount
    return moved


def _lines(rows: list[PageRow], taken: list[dict[int, int]], block: _Block) -> list[_Line]:
    lines: list[_Line] = []
    for index, row in enumerate(rows):
        if any(block.label == moved for moved in taken[index].values()):
            continue
        if any(block.amount == col for col in taken[index].values()):
            continue  # its amount belongs to the spanning label of the list before
        column = taken[index].get(block.label, block.amount)
        label, amount = row.cells[block.label], row.cells[column]
        if label is None and amount is None:
            continue  # covered by cells of other rows
        opens = label is not None and (amount is not None or _opens_line(label))
        if opens or not lines:
            lines.append(_Line(index, row, column, compact(label), amount, column != block.amount))
            continue
        last = lines[-1]
        last.label += compact(label)
        if normalise(amount):
            if normalise(last.amount):
                raise UnreadableTable(f"two amounts for the line {last.label} on page {row.page}")
            last.amount, last.row, last.column = amount, row, column
    return lines


def _opens_line(label: str) -> bool:
    """Whether a label fragment starts a line (一、…, 1.…) rather than continuing a wrapped one."""
    return bool(_LINE_OPENING.match(normalise(label)))


def _expenditure_group_column(cells: list[str | None]) -> int | None:
    return next((i for i, cell in enumerate(cells) if normalise(cell) in _EXPENDITURE_GROUPS), None)


def _header_end(rows: list[PageRow], label_row: int) -> int:
    """The last header row: the 项目 row, or a row of column names below it (empty ruled
    rows between them are skipped: Jiangsu draws its header over hairline sub-rows)."""
    end = label_row
    for index in range(label_row + 1, len(rows)):
        if not any(normalise(cell) for cell in rows[index].cells):
            continue
        if not _is_header_continuation(rows[index].cells):
            break
        end = index
    return end


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
