"""部门决算公开相关信息统计表 (disclosure statistics): 政府采购, 机关运行经费, 国有资产占用.

A single grid of sections, each opened by a heading row (一、政府采购情况 …) and a header row
(项目 / 行次 / 统计数). Money rows are converted to 万元; the 国有资产 rows are counts
(车辆 in 辆, equipment in 台(套)) and keep their printed value.
"""

from __future__ import annotations

import re

from ingestion.amounts import WAN_YUAN, parse_amount
from ingestion.locate import LocatedTable
from ingestion.records import AmountCell, AmountState
from ingestion.tables.common import UnreadableTable, page_rows
from ingestion.text import compact, normalise

_SECTIONS = (("政府采购", "procurement"), ("机关运行经费", "running_cost"), ("国有资产", "assets"))
_SECTION_HEADING = re.compile(r"^[一二三四五六七八九十]+、")
_LINE_NUMBER = re.compile(r"^\d{1,3}$")
_VALUE_HEADERS = ("统计数", "金额", "数量", "决算数")


def parse_statistics_table(table: LocatedTable, document_id: str) -> list[AmountCell]:
    """Amount and count cells of the 相关信息统计表, or :class:`UnreadableTable`."""
    unit = table.unit_to_wan_yuan
    if unit is None:
        raise UnreadableTable("no unit line (单位：万元 / 元) printed with the table")
    section: str | None = None
    columns: tuple[int, int | None, int] | None = None
    value_label = "统计数"
    cells: list[AmountCell] = []
    for row_index, row in enumerate(page_rows(table.parts)):
        texts = [normalise(c) for c in row.cells]
        filled = [t for t in texts if t]
        if not filled:
            continue
        if len(filled) == 1 and _SECTION_HEADING.match(filled[0]):
            section = next((key for word, key in _SECTIONS if word in filled[0]), None)
            if section is None:
                raise UnreadableTable(f"unknown section {filled[0]!r} on page {row.page}")
            continue
        if "项目" in texts:
            columns = _columns(texts, columns)
            value_label = texts[columns[2]] or value_label
            continue
        if section is None or columns is None:
            raise UnreadableTable(f"row {row.cells!r} on page {row.page} precedes any section")
        label_col, number_col, value_col = columns
        label = texts[label_col]
        counted = section == "assets"
        parsed = parse_amount(row.cells[value_col], WAN_YUAN if counted else unit)
        if not label:
            if parsed.state != AmountState.BLANK:
                raise UnreadableTable(f"a figure without a label on page {row.page}")
            continue
        number = texts[number_col] if number_col is not None else ""
        cells.append(
            AmountCell(
                document_id=document_id,
                table_code=table.kind.code.value,
                page=row.page,
                row_index=row_index,
                row_kind="line",
                subject_code=None,
                row_label=compact(row.cells[label_col]),
                line_number=int(number) if _LINE_NUMBER.match(number) else None,
                side=section,
                column_key="value",
                column_label=value_label,
                column_number=None,
                printed_text=parsed.printed,
                amount=parsed.value,
                amount_state=parsed.state.value,
                measure_unit=_count_unit(label) if counted else "万元",
                **row.box(value_col),
            )
        )
    return cells


def _columns(
    texts: list[str], previous: tuple[int, int | None, int] | None
) -> tuple[int, int | None, int]:
    """Columns of a section's header row; a section whose header leaves 行次 unlabelled keeps
    the 行次 column of the section before it."""
    label = texts.index("项目")
    number = next((i for i, t in enumerate(texts) if t == "行次"), None)
    if number is None and previous is not None:
        number = previous[1]
    value = next((i for i, t in enumerate(texts) if t in _VALUE_HEADERS), len(texts) - 1)
    return label, number, value


def _count_unit(label: str) -> str:
    return "台(套)" if "设备" in label else "辆"
