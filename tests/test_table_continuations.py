"""How a table continues over pages, on hand-made pages (regressions the variant corpus found).

``test_variants_metamorphic`` breaks every table of the sample at other rows and found three
ways a continuation was lost or misread; these tests pin each mechanism down on the smallest
pages that show it:

- a continuation page holding only merged rows (人员经费合计 | 770.13 | 公用经费合计 | 59.63
  under a 12-column header) has fewer grid columns than the table, and was dropped;
- a title printed last on its page (the grid on the next page) left the table without grid,
  so it was reported missing;
- a header repeated on the continuation page after a page that held only the header was read
  as more header (every column's label twice) or, in a 收支总表, as a 收入 / 支出 line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ingestion.locate import GridPart, locate_tables
from ingestion.pdf import Box, RuledTable, TextLine
from ingestion.records import TableCode
from ingestion.tables.common import page_rows, repeated_header_rows

EDGES = [40.0, 80.0, 180.0, 230.0, 270.0, 370.0, 420.0]  # a six-column grid


@dataclass
class FakePage:
    """What locate_tables reads of a page: its number, text lines and ruled grids."""

    number: int
    lines: list[TextLine] = field(default_factory=list)
    tables: list[RuledTable] = field(default_factory=list)


def grid(top: float, rows: list[list[tuple[str, int]]]) -> RuledTable:
    """A ruled grid on EDGES: each cell is (text, columns it spans); pdfplumber reads a
    merged cell once, with None in the positions it spans, and only sees the grid's own
    column edges (a row spanning columns draws no line between them)."""
    edges = sorted({EDGES[0], EDGES[-1]} | _edges_used(rows))
    texts, boxes = [], []
    for r, row in enumerate(rows):
        y0, y1 = top + 20 * r, top + 20 * (r + 1)
        out_text: list[str | None] = []
        out_box: list[Box | None] = []
        column = 0
        for text, span in row:
            x0, x1 = EDGES[column], EDGES[column + span]
            covered = [e for e in edges if x0 <= e < x1]
            out_text += [text] + [None] * (len(covered) - 1)
            out_box += [(x0, y0, x1, y1)] + [None] * (len(covered) - 1)
            column += span
        texts.append(out_text)
        boxes.append(out_box)
    return RuledTable(top=top, bottom=top + 20 * len(rows), rows=texts, boxes=boxes)


def _edges_used(rows: list[list[tuple[str, int]]]) -> set[float]:
    used = set()
    for row in rows:
        column = 0
        for _, span in row:
            used.add(EDGES[column])
            column += span
    return used


def title_page(number: int, *grids: RuledTable) -> FakePage:
    lines = [
        TextLine("一般公共预算财政拨款基本支出决算明细表", 40.0),
        TextLine("部门名称：阳泉市商务局 2023年度 金额单位：万元", 60.0),
    ]
    return FakePage(number, lines, list(grids))


HEADER = [
    [("人员经费", 3), ("公用经费", 3)],
    [("科目代码", 1), ("科目名称", 1), ("决算数", 1)] * 2,
]
BODY = [
    [
        ("301", 1),
        ("工资福利支出", 1),
        ("435.64", 1),
        ("302", 1),
        ("商品和服务支出", 1),
        ("59.15", 1),
    ]
]
TOTALS = [[("人员经费合计", 2), ("770.13", 1), ("公用经费合计", 2), ("59.63", 1)]]


def test_a_page_of_merged_rows_continues_the_table_on_its_columns():
    pages = [title_page(1, grid(80, HEADER + BODY)), FakePage(2, tables=[grid(40, TOTALS)])]
    (table,) = locate_tables(pages)
    assert [part.page for part in table.parts] == [1, 2]
    assert table.parts[1].rows == [["人员经费合计", None, "770.13", "公用经费合计", None, "59.63"]]
    boxes = table.parts[1].boxes[0]
    assert boxes[1] is None and boxes[2] == (EDGES[2], 40, EDGES[3], 60)


def test_a_first_page_of_merged_rows_is_put_on_the_wider_continuations_columns():
    pages = [
        title_page(1, grid(80, [[("人员经费", 3), ("公用经费", 3)]])),
        FakePage(2, tables=[grid(40, HEADER[1:] + BODY)]),
    ]
    (table,) = locate_tables(pages)
    assert [part.page for part in table.parts] == [1, 2]
    assert table.parts[0].rows == [["人员经费", None, None, "公用经费", None, None]]
    assert table.parts[1].rows[0] == ["科目代码", "科目名称", "决算数"] * 2


def test_a_grid_on_other_columns_is_not_a_continuation():
    other = RuledTable(
        top=40,
        bottom=60,
        rows=[["a", "b"]],
        boxes=[[(40.0, 40, 150.0, 60), (150.0, 40, 420.0, 60)]],  # 150 is no edge of the table
    )
    pages = [title_page(1, grid(80, HEADER + BODY)), FakePage(2, tables=[other])]
    (table,) = locate_tables(pages)
    assert [part.page for part in table.parts] == [1]


def test_a_title_printed_last_on_its_page_owns_the_next_pages_grid():
    pages = [title_page(1), FakePage(2, tables=[grid(40, HEADER + BODY + TOTALS)])]
    (table,) = locate_tables(pages)
    assert table.kind.code == TableCode.T06
    assert (table.first_page, table.last_page) == (1, 2)
    assert table.unit_printed == "金额单位：万元"
    assert table.department_printed == "阳泉市商务局"


def test_a_title_alone_does_not_take_a_grid_without_its_header_words():
    pages = [title_page(1), FakePage(2, tables=[grid(40, BODY)])]  # no 人员经费 / 公用经费
    (table,) = locate_tables(pages)
    assert table.parts == []


def test_a_title_declared_empty_does_not_continue():
    page = title_page(1)
    page.lines.append(TextLine("说明：本表无数据", 80.0))
    pages = [page, FakePage(2, tables=[grid(40, HEADER + BODY)])]
    (table,) = locate_tables(pages)
    assert table.declared_empty and table.parts == []


def _part(page: int, rows: list[list[str | None]]) -> GridPart:
    boxes: list[list[Box | None]] = [[(0.0, 0.0, 1.0, 1.0)] * len(row) for row in rows]
    return GridPart(page, rows, boxes)


def test_a_repeated_header_is_read_once():
    header = [["收入", None, "支出", None], ["项目", "金额", "项目", "金额"]]
    first = _part(1, header)  # the header alone at the foot of the page
    second = _part(2, [["收 入", None, "支出", None], *header[1:], ["一、拨款", "1.00", "", ""]])
    assert repeated_header_rows(first, second) == 2  # whitespace aside
    assert [row.cells for row in page_rows([first, second])] == [
        *header,
        ["一、拨款", "1.00", "", ""],
    ]


def test_a_continuation_without_a_header_keeps_every_row():
    first = _part(1, [["项目", "金额"], ["一、拨款", "1.00"]])
    second = _part(2, [["二、补助", "2.00"]])
    assert repeated_header_rows(first, second) == 0
    assert len(page_rows([first, second])) == 3
