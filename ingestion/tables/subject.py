"""Tables keyed by 支出功能分类 subject code (科目表): 收入决算表, 支出决算表,
一般公共预算财政拨款支出决算表, 政府性基金 and 国有资本经营 tables.

The code is printed in one column ("2011301") or in three (类 "201" / 款 "13" / 项 "01").

Each body row is bound to its subject code (or the 合计 line) and each amount to its
column's header; a row or column that cannot be bound makes the table insufficient_data
rather than letting a code digit or a 栏次 number drift into an amount.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ingestion.amounts import ParsedAmount, parse_amount
from ingestion.catalogue import BUDGET
from ingestion.locate import NO_DATA_TEXTS, LocatedTable
from ingestion.records import AmountCell, AmountState, TableCode
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
# A budget's income by subject (Shanghai: 合计 | 财政拨款收入 | 事业收入 | 事业单位经营收入 |
# 其他收入), the T02 keys where the meaning is the same.
# The national template splits 财政拨款收入 by budget (一般公共预算 | 政府性基金预算 | 国有资本经营
# 预算) and adds 财政专户管理资金, 上级补助 and 附属单位上缴 columns.
COLUMN_ALIASES[TableCode.B02] = {
    "fiscal_general_public_budget": ("一般公共预算",),
    "fiscal_government_fund": ("政府性基金",),
    "fiscal_state_capital": ("国有资本经营",),
    "special_account": ("财政专户管理资金", "财政专户"),
    "superior_subsidy": ("上级补助收入", "上级补助"),
    "subsidiary_remit": ("附属单位上缴收入", "附属单位上缴"),
    "fiscal_appropriation": ("财政拨款收入", "财政拨款"),
    "business": ("事业收入",),
    "operating": ("事业单位经营收入", "经营收入"),
    "other": ("其他收入",),
    "total": ("合计", "金额"),
}
# A budget's expenditure by subject: 合计 | 基本支出 | 项目支出 (Shanghai), or one 金额 column
# (Jiangsu's 功能科目 tables); Jiangsu's 支出预算总表 adds its two budget-only columns.
_BUDGET_EXPENDITURE: dict[str, tuple[str, ...]] = {
    "basic": ("基本支出",),
    "project": ("项目支出",),
    "reserve": ("单位预留机动经费", "预留机动"),
    "carry_forward": ("结转下年资金", "结转下年"),
    "total": ("小计", "合计", "金额"),
}
for _code in (TableCode.B03, TableCode.B05, TableCode.B07, TableCode.B09, TableCode.B10):
    COLUMN_ALIASES[_code] = _BUDGET_EXPENDITURE
# A budget's basic expenditure by 经济分类: one 金额 column (Jiangsu) or 合计 | 人员经费 |
# 公用经费 (Shanghai); its 机关运行经费 table one 机关运行经费支出 column.
_BUDGET_BASIC: dict[str, tuple[str, ...]] = {
    "personnel": ("人员经费",),
    "public": ("公用经费",),
    "total": ("合计", "金额"),
}
COLUMN_ALIASES[TableCode.B06] = _BUDGET_BASIC
COLUMN_ALIASES[TableCode.B08] = _BUDGET_BASIC
COLUMN_ALIASES[TableCode.B12] = {"total": ("机关运行经费支出", "合计", "金额")}
# What each table's codes classify (AmountCell.code_kind): 功能分类 unless listed.
ECONOMIC_TABLES = frozenset({TableCode.B06, TableCode.B08, TableCode.B12})
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
    if not code_columns and name_column is None:
        return _total_only(table, rows, width, aliases, document_id)
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
    cells = _subject_cells(
        table,
        rows[first_body:],
        width,
        code_columns,
        name_column,
        bound,
        labels,
        numbers,
        unit,
        document_id,
    )
    if table.kind.document_kind == BUDGET:
        _check_classes_add_up(cells, unit)
    return cells


def _subject_cells(
    table: LocatedTable,
    rows: list[PageRow],
    width: int,
    code_columns: list[int],
    name_column: int | None,
    bound: dict[str, int],
    labels: list[str],
    numbers: list[int | None] | None,
    unit: Decimal,
    document_id: str,
) -> list[AmountCell]:
    cells: list[AmountCell] = []
    label_columns = [*code_columns, *([name_column] if name_column is not None else [])]
    for row_index, row in enumerate(_body(rows, width, label_columns)):
        key = _row_key(row.cells)
        if key is None:
            raise UnreadableTable(f"row {row.cells!r} on page {row.page} is not a subject line")
        subject_code, name = _split_code_and_name(row.cells, code_columns, name_column)
        for column_key, column in bound.items():
            number = numbers[column] if numbers and column < len(numbers) else None
            parsed = parse_amount(row.cells[column], unit)
            cells.append(
                _cell(
                    document_id,
                    table,
                    row,
                    row_index,
                    subject_code,
                    name,
                    column_key,
                    labels[column],
                    number,
                    parsed,
                    column,
                )
            )
    return cells


def _check_classes_add_up(cells: list[AmountCell], unit: Decimal) -> None:
    """A budget's 类 rows must add up to its 合计, and each row with 款 / 项 rows under it to
    theirs, column by column, or some of its rows were not read: Jiangsu prints 合计 first,
    and draws a continuation page's first row outside the ruling, where no grid holds it.

    Within the rounding of the printed figures they add up: each is rounded to its printed
    decimals, so n rows and their parent may differ by half a printed unit each
    (:func:`_rounding`). Such a tail, and any contradiction beyond what a lost row explains,
    is the reconciliation rules' to report (B-HIER), on what was printed.
    """
    for key in {c.column_key for c in cells}:
        column = [c for c in cells if c.column_key == key]
        if any(c.amount_state not in (AmountState.VALUE, AmountState.BLANK) for c in column):
            continue
        for parent in column:
            children = [c for c in column if _parent(c.subject_code) == parent.subject_code]
            if not children:
                continue
            added = sum((c.amount for c in children if c.amount is not None), Decimal(0))
            if abs(added - (parent.amount or Decimal(0))) > _rounding([parent, *children], unit):
                raise UnreadableTable(
                    f"the rows under {parent.subject_code or parent.row_label} add up to {added}"
                    f" under {key}, not to its {parent.amount}: a row or a page of the table"
                    " was not read"
                )


def _rounding(cells: list[AmountCell], unit: Decimal) -> Decimal:
    """Half a unit of the finest printed decimal, once per figure, in 万元: what rounding each
    printed figure can take from a sum (the rules' 0.005·(n+1) for amounts printed in 万元 to
    two decimals)."""
    decimals = max((_decimals(c.printed_text) for c in cells), default=0)
    return Decimal(5).scaleb(-decimals - 1) * len(cells) * unit


def _decimals(printed: str) -> int:
    """How many decimals a printed amount shows ("1,029.15" → 2, "503,724" → 0)."""
    _, dot, tail = printed.strip().partition(".")
    return len(tail) if dot else 0


def _parent(code: str | None) -> str | None:
    """The code of the row a subject row adds up into; None (the 合计) for a 类."""
    if code is None:
        return "-"  # the 合计 row adds into nothing
    return code[:-2] if len(code) > 3 else None


def _cell(
    document_id: str,
    table: LocatedTable,
    row: PageRow,
    row_index: int,
    subject_code: str | None,
    name: str,
    column_key: str,
    column_label: str,
    column_number: int | None,
    parsed: ParsedAmount,
    column: int,
) -> AmountCell:
    return AmountCell(
        document_id=document_id,
        table_code=table.kind.code.value,
        page=row.page,
        row_index=row_index,
        row_kind="total" if subject_code is None else "subject",
        subject_code=subject_code,
        row_label=name,
        line_number=None,
        side=None,
        column_key=column_key,
        column_label=column_label,
        column_number=column_number,
        printed_text=parsed.printed,
        amount=parsed.value,
        amount_state=parsed.state.value,
        code_kind=None if subject_code is None else _code_kind(table.kind.code),
        **row.box(column),
    )


def _code_kind(code: TableCode) -> str:
    return "economic" if code in ECONOMIC_TABLES else "functional"


def _total_only(
    table: LocatedTable,
    rows: list[PageRow],
    width: int,
    aliases: dict[str, tuple[str, ...]],
    document_id: str,
) -> list[AmountCell]:
    """A table printed without subject rows, only its total line under the column headers
    (Jiangsu's 支出预算总表: 合计 | 基本支出 | 项目支出 | 单位预留机动经费 | 结转下年资金).

    The header is every row above the first row of amounts; exactly one such row must follow,
    or which line is the total is a guess."""
    first_amounts = next((i for i, row in enumerate(rows) if _all_amounts(row.cells)), None)
    if first_amounts is None or first_amounts == 0:
        raise UnreadableTable("no 科目代码 column in the header, and no total line of amounts")
    body = [row for row in rows[first_amounts:] if any(normalise(c) for c in row.cells)]
    if len(body) != 1:
        raise UnreadableTable(f"no 科目代码 column and {len(body)} lines of amounts, not one")
    labels = column_labels([row.cells for row in rows[:first_amounts]], width)
    bound = bind_columns(labels, [i for i in range(width) if labels[i]], aliases)
    unit = table.unit_to_wan_yuan
    if "total" not in bound or unit is None:
        raise UnreadableTable("no total column or no unit line printed with the table")
    row = PageRow(
        body[0].page, body[0].cells + [None] * (width - len(body[0].cells)), body[0].boxes
    )
    if any(normalise(row.cells[i]) for i in range(width) if i not in bound.values()):
        raise UnreadableTable(f"an amount under no column header on page {row.page}")
    return [
        _cell(
            document_id,
            table,
            row,
            0,
            None,
            TOTAL_LABELS[0],
            key,
            labels[column],
            None,
            parse_amount(row.cells[column], unit),
            column,
        )
        for key, column in bound.items()
    ]


def _all_amounts(cells: list[str | None]) -> bool:
    texts = [normalise(cell) for cell in cells if normalise(cell)]
    return bool(texts) and all(parse_amount(text).state == AmountState.VALUE for text in texts)


def _body(rows: list[PageRow], width: int, label_columns: list[int]) -> list[PageRow]:
    """Body rows, without a header repeated on a continuation page and padded to width.

    A row whose code and name positions are all spanned (None) from the row above is that
    row's lower half (a wrapped name drawn over two ruled rows): its cells fill the blanks of
    the row above.
    """
    body: list[PageRow] = []
    for row in rows:
        if not any(normalise(cell) for cell in row.cells):
            continue  # an empty ruled line, as empty tables print
        if "".join(normalise(cell) for cell in row.cells) in NO_DATA_TEXTS:
            continue  # 此表为空: the table says it is empty (DisclosureTable.declared_empty)
        padded = row.cells + [None] * (width - len(row.cells))
        if body and all(padded[c] is None for c in label_columns):
            body[-1] = _merged(body[-1], PageRow(row.page, padded, row.boxes))
            continue
        if _row_key(row.cells) is None and (
            is_column_number_row(row.cells) or _looks_like_header(row.cells)
        ):
            continue
        body.append(PageRow(row.page, row.cells + [None] * (width - len(row.cells)), row.boxes))
    return body


def _merged(upper: PageRow, lower: PageRow) -> PageRow:
    """The row above with the blanks its lower half fills (a cell printed in both is kept
    from the upper half only if the lower one is blank; two texts are not a merge)."""
    cells, boxes = list(upper.cells), list(upper.boxes) + [None] * len(upper.cells)
    for column, text in enumerate(lower.cells):
        if not normalise(text):
            continue
        if normalise(cells[column]):
            raise UnreadableTable(
                f"two amounts in one row's column {column + 1} on page {lower.page}"
            )
        cells[column] = text
        if column < len(lower.boxes):
            boxes[column] = lower.boxes[column]
    return PageRow(upper.page, cells, boxes[: len(cells)])


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
    if not code_text and normalise(name_text) in TOTAL_LABELS:
        return None, name_text  # the 合计 line printed (or centred) in the name column
    if len(code_columns) > 1 and not _part_code(cells, code_columns):
        raise UnreadableTable(
            f"类/款/项 cells {[cells[c] for c in code_columns]!r} do not form a code"
        )
    if SUBJECT_CODE.match(code_text):
        return code_text, name_text
    if match := _CODE_AND_NAME.match(code_text):
        return match.group(1), compact(cells[code_columns[0]])[len(match.group(1)) :]
    raise UnreadableTable(f"code cell {code_text!r} is not a subject code")


def _part_code(cells: list[str | None], code_columns: list[int]) -> bool:
    """类 has three digits; 款 and 项 two each, printed left to right without gaps."""
    parts = [normalise(cells[c]) for c in code_columns]
    lengths = [3, 2, 2][: len(parts)]
    filled = [bool(p) for p in parts]
    if not filled[0] or filled != sorted(filled, reverse=True):
        return False
    return all(len(p) == n and p.isdigit() for p, n in zip(parts, lengths, strict=True) if p)


def _code_columns(labels: list[str]) -> list[int]:
    """The one code column, or the 类/款/项 (an 经济分类 table: 类/款) columns under a
    科目编码 header."""
    coded = [i for i, label in enumerate(labels) if any(w in label for w in _CODE_HEADER)]
    parts = [
        i
        for i, label in enumerate(labels)
        if label.endswith(_CODE_PARTS)
        # a 类 column also carries the 科目编码 header above the three (Shanghai budgets)
        and (len(label) <= 8 or any(w in label for w in _CODE_HEADER))
        and not any(w in label for w in _NAME_HEADER)
    ]
    endings = [next(e for e in _CODE_PARTS if labels[i].endswith(e)) for i in parts]
    consecutive = parts == list(range(parts[0], parts[0] + len(parts))) if parts else False
    if len(parts) in (2, 3) and consecutive and endings == list(_CODE_PARTS[: len(parts)]):
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
