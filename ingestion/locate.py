"""Which table is on which pages (表格定位): titles, labels, units, continuations.

A table starts at a text line that *is* one of its titles (after normalisation, with any
公开NN表 / 表N label removed) and owns the ruled grids below that line until the next title.
A grid at the top of a later page with no title above it continues the open table, whether
or not it repeats the header; the caller's parser decides which of its rows are header rows.
A title printed last on its page owns the first grid of the next page when that grid has the
table's header words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ingestion.amounts import unit_factor
from ingestion.catalogue import TABLE_KINDS, TableKind
from ingestion.pdf import Box, PageContent, Rows, RuledTable
from ingestion.text import normalise

_LABEL = re.compile(r"(公开\d{1,2}表|表\d{1,2})")
_QUOTES = re.compile("[\"'“”‘’「」『』]")
_UNIT = re.compile(r"(?:金额)?单位[:：]\s*(万元|元)")
_NO_DATA = "本表无数据"
_DEPARTMENT = re.compile(r"(?:部门|单位)名称[:：](?P<name>.+?)(?:20\d{2}年度|(?:金额)?单位[:：]|$)")
_YEAR = re.compile(r"(?P<year>20\d{2})年度")
# How far (points) a grid line may sit from the table's column edge and still be that edge:
# producers draw the same edge a fraction of a point apart (LibreOffice overhangs by 0.4).
_EDGE_TOLERANCE = 2.0
_TITLES = sorted(
    ((title, kind) for kind in TABLE_KINDS for title in kind.titles),
    key=lambda pair: -len(pair[0]),
)


@dataclass
class GridPart:
    """The rows of one ruled grid of a table, on one page."""

    page: int
    rows: Rows
    boxes: list[list[Box | None]]


@dataclass
class LocatedTable:
    kind: TableKind
    title_printed: str
    first_page: int
    label_printed: str | None = None
    unit_printed: str | None = None
    unit_to_wan_yuan: Decimal | None = None
    department_printed: str | None = None
    year_printed: int | None = None
    declared_empty: bool = False
    closed: bool = False  # a note below the grid ended the table
    parts: list[GridPart] = field(default_factory=list)

    @property
    def last_page(self) -> int:
        return max([self.first_page, *(part.page for part in self.parts)])


def title_kind(line: str) -> TableKind | None:
    """The table kind a text line names, if the line is a table title (not a TOC entry)."""
    text = _QUOTES.sub("", _LABEL.sub("", normalise(line)))
    for title, kind in _TITLES:
        if text == title:
            return kind
    # "阳泉市商务局2023年度收入决算表": a title prefixed by department and year.
    for title, kind in _TITLES:
        if text.endswith(title) and re.search(r"\d{4}年度?$", text[: -len(title)]):
            return kind
    return None


def locate_tables(pages: list[PageContent]) -> list[LocatedTable]:
    """Every table title in the document with the grids and notes that belong to it."""
    located: list[LocatedTable] = []
    current: LocatedTable | None = None
    for page in pages:
        titles = [(line, kind) for line in page.lines if (kind := title_kind(line.text))]
        grids = list(page.tables)
        # Grids above the first title on this page continue the table left open before.
        first_title_top = titles[0][0].top if titles else float("inf")
        if current is not None and _continues_on(current, page):
            for grid in [g for g in grids if g.top < first_title_top]:
                part = _continuation(current, page.number, grid)
                if part is not None:
                    current.parts.append(part)
            _read_notes(current, page, 0.0, first_title_top)
        for index, (line, kind) in enumerate(titles):
            next_top = titles[index + 1][0].top if index + 1 < len(titles) else float("inf")
            current = LocatedTable(kind=kind, title_printed=line.text, first_page=page.number)
            located.append(current)
            for grid in grids:
                if line.top < grid.top < next_top:
                    current.parts.append(GridPart(page.number, grid.rows, grid.boxes))
            _read_header_lines(current, page, line.top, next_top)
            _read_notes(current, page, line.top, next_top)
    for table in located:
        _align_parts(table)
    return located


def _continues_on(table: LocatedTable, page: PageContent) -> bool:
    """A table continues only onto the very next page, and only if its last page did not
    close it with a note (注：/说明：) printed below its grid, nor declare it empty without
    a grid (a title with 本表无数据 and nothing under it is a whole table)."""
    if table.closed or page.number != table.last_page + 1:
        return False
    return bool(table.parts) or not table.declared_empty


def _continuation(table: LocatedTable, page: int, grid: RuledTable) -> GridPart | None:
    """``grid`` as the next part of ``table``, or None when it is not part of it.

    A title printed last on its page has no grid yet: the next page's first grid is its own
    only if it has the header words of the table's kind (anything else is not this table).
    A later grid continues the table when it has the table's columns: the same number, or
    fewer or more where one grid's column edges are a subset of the other's — a page holding
    only merged rows (人员经费合计 | 770.13 | 公用经费合计 | 59.63 under a 12-column header, or
    a section heading spanning the table) draws no line between the columns those rows merge.
    :func:`_align_parts` later puts every part on the widest part's columns.
    """
    if not table.parts:
        text = "".join(normalise(cell) for row in grid.rows for cell in row)
        if all(word in text for word in table.kind.header_keywords):
            return GridPart(page, grid.rows, grid.boxes)
        return None
    part = GridPart(page, grid.rows, grid.boxes)
    widest = max(table.parts, key=lambda p: _width(p.rows))
    if _width(grid.rows) == _width(widest.rows):
        return part
    edges, table_edges = _column_edges(part), _column_edges(widest)
    if edges is None or table_edges is None:
        return None
    narrow, wide = sorted((edges, table_edges), key=len)
    if _same_edge(narrow[0], wide[0]) and _same_edge(narrow[-1], wide[-1]):
        if all(_edge_index(wide, x) is not None for x in narrow):
            return part
    return None


def _align_parts(table: LocatedTable) -> None:
    """Put every part of ``table`` on the columns of its widest part (see _continuation):
    a cell spanning several columns keeps its text in the first, None in the others, as
    pdfplumber reads a merged cell inside a full grid. Parts of one width stay untouched."""
    if len({_width(part.rows) for part in table.parts}) <= 1:
        return
    widest = max(table.parts, key=lambda p: _width(p.rows))
    edges = _column_edges(widest)
    assert edges is not None  # _continuation accepted the parts on these edges
    table.parts = [
        part if _width(part.rows) == _width(widest.rows) else _on_columns(part, edges)
        for part in table.parts
    ]


def _on_columns(part: GridPart, edges: list[float]) -> GridPart:
    """The part's cells placed on the columns ``edges`` delimit, by their boxes."""
    width = len(edges) - 1
    rows: Rows = []
    boxes: list[list[Box | None]] = []
    for texts, cells in zip(part.rows, part.boxes, strict=True):
        row: list[str | None] = [None] * width
        row_boxes: list[Box | None] = [None] * width
        for text, box in zip(texts, cells, strict=True):
            if box is None:
                continue  # a position a merged cell of this grid spans
            column = _edge_index(edges, box[0])
            assert column is not None and column < width  # checked by _continuation
            row[column], row_boxes[column] = text, box
        rows.append(row)
        boxes.append(row_boxes)
    return GridPart(part.page, rows, boxes)


def _column_edges(part: GridPart) -> list[float] | None:
    """Left edge of every column of a grid, then its right edge (None: a column has no box)."""
    lefts = []
    for column in range(_width(part.rows)):
        xs = [row[column][0] for row in part.boxes if column < len(row) and row[column]]
        if not xs:
            return None
        lefts.append(min(xs))
    right = max(box[2] for row in part.boxes for box in row if box is not None)
    return [*lefts, right]


def _same_edge(a: float, b: float) -> bool:
    return abs(a - b) <= _EDGE_TOLERANCE


def _edge_index(edges: list[float], x: float) -> int | None:
    return next((i for i, edge in enumerate(edges) if _same_edge(edge, x)), None)


def _width(rows: Rows) -> int:
    return max((len(row) for row in rows), default=0)


def _read_header_lines(table: LocatedTable, page: PageContent, top: float, bottom: float) -> None:
    """Label (公开NN表) and unit line printed around the title, before the grid."""
    grid_tops = [g.top for g in page.tables if top < g.top < bottom]
    grid_top = min(grid_tops) if grid_tops else bottom
    for line in page.lines:
        # The label is sometimes printed just above the title, so look a little higher.
        if not (top - 40 <= line.top < grid_top):
            continue
        if table.label_printed is None and (label := re.search(r"公开\s*\d{1,2}\s*表", line.text)):
            table.label_printed = label.group(0)
        text = normalise(line.text)
        if table.department_printed is None and (name := _DEPARTMENT.search(text)):
            table.department_printed = name.group("name")
        if table.year_printed is None and (year := _YEAR.search(text)):
            table.year_printed = int(year.group("year"))
        if table.unit_printed is None and (unit := _UNIT.search(line.text)):
            table.unit_printed = unit.group(0)
            table.unit_to_wan_yuan = unit_factor(unit.group(1))


def _read_notes(table: LocatedTable, page: PageContent, top: float, bottom: float) -> None:
    grid_bottoms = [g.bottom for g in page.tables if top <= g.top < bottom]
    below = max(grid_bottoms, default=top)
    for line in page.lines:
        if not top <= line.top < bottom:
            continue
        text = normalise(line.text)
        if _NO_DATA in text:
            table.declared_empty = True
        if line.top > below and text.startswith(("注:", "说明:", "注：", "说明：")):
            table.closed = True
