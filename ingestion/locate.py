"""Which table is on which pages (表格定位): titles, labels, units, continuations.

A table starts at a text line that *is* one of its titles (after normalisation, with any
公开NN表 / 表N label removed) and owns the ruled grids below that line until the next title.
A grid at the top of a later page with no title above it continues the open table, whether
or not it repeats the header; the caller's parser decides which of its rows are header rows.
A title printed last on its page owns the first grid of the next page when that grid has the
table's header words.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from ingestion.amounts import unit_factor
from ingestion.catalogue import ALL_TABLE_KINDS, BUDGET, TableKind, kinds_of
from ingestion.pdf import Box, PageContent, Rows, RuledTable, TextLine
from ingestion.text import normalise

_LABEL = re.compile(r"(公开\d{1,2}表|表\d{1,2})")
_QUOTES = re.compile("[\"'“”‘’「」『』]")
_UNIT = re.compile(r"(?:金额)?单位[:：]\s*(万元|元)")
# What an empty table prints: 本表无数据 (决算), 此表为空 (Jiangsu budgets).
NO_DATA_TEXTS = ("本表无数据", "此表为空")
_AMOUNT_TEXT = re.compile(r"\d\.\d{2}$|^\d{1,3}(,\d{3})+$")
# The name ends where the year (2023年度 in a 决算, 2023年 in a budget) or the unit begins.
_DEPARTMENT = re.compile(
    r"(?:部门|单位)名称[:：](?P<name>.+?)(?:20\d{2}年度?|(?:金额)?单位[:：]|$)"
)
_YEAR = re.compile(r"(?P<year>20\d{2})年度")
# How far (points) a grid line may sit from the table's column edge and still be that edge:
# producers draw the same edge a fraction of a point apart (LibreOffice overhangs by 0.4).
_EDGE_TOLERANCE = 2.0
# How far below a grid's top edge a unit line drawn as the grid's first band may sit.
_UNIT_BAND = 30.0
_TITLES = sorted(
    ((title, kind) for kind in ALL_TABLE_KINDS for title in kind.titles),
    key=lambda pair: -len(pair[0]),
)
# What a budget prints around a title: an ordinal (十一、) or a label's colon (公开01表：)
# before it, a qualifier after it (财政拨款基本支出预算表（经济科目）).
_BUDGET_TITLE_START = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[:：])+")
_BUDGET_TITLE_END = re.compile(r"[(（][^)）]{1,8}[)）]$")
# Before a budget title: the year and the department in either order, then 部门 / 单位
# (2017年度江苏省高级人民法院部门…, 2025年部门…); words only, so a sentence never reads as one.
_BUDGET_PREFIX = re.compile(
    r"^(?:20\d{2}年度?)?[\u4e00-\u9fff]{0,30}?(?:20\d{2}年度?)?(?:部门|单位)?$"
)
_CONTENTS = "目录"
_CODED_ROW = re.compile(r"^\d{3}(?:\d{2}){0,2}\D.*\d\.\d{1,2}$")
_WRAPPED_TAIL = 6  # characters a wrapped title's next line may hold (表, 算表, 支出预算表)
_WRAPPED_LINES = 2  # lines a title may wrap onto
_BANNER = re.compile(r"^(?:部门名称|单位名称|部门|编制部门|编制单位)[:：]")


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
    # Lines that read as a coded row with an amount (2210201 住房公积金 1,029.15) but that no
    # grid of the table holds: the ruling left them out, so its grids are not the whole table.
    stray_rows: list[str] = field(default_factory=list)
    parts: list[GridPart] = field(default_factory=list)

    @property
    def last_page(self) -> int:
        return max([self.first_page, *(part.page for part in self.parts)])


def title_kind(line: str, kinds: tuple[TableKind, ...] = ALL_TABLE_KINDS) -> TableKind | None:
    """The table kind among ``kinds`` a text line names, if the line is a table title (not a
    TOC entry with its page number or dot leaders)."""
    text = _QUOTES.sub("", _LABEL.sub("", normalise(line)))
    titles = _titles_among(kinds)
    for title, kind in titles:
        if text == title:
            return kind
    # "阳泉市商务局2023年度收入决算表": a title prefixed by department and year.
    for title, kind in titles:
        if text.endswith(title) and re.search(r"\d{4}年度?$", text[: -len(title)]):
            return kind
    return _budget_title_kind(text, titles)


@cache
def _titles_among(kinds: tuple[TableKind, ...]) -> tuple[tuple[str, TableKind], ...]:
    """The (alias, kind) pairs of ``kinds``, longest alias first: chosen once per set of kinds,
    as every line of every page asks (the page reader, the narrative, identification)."""
    return tuple((title, kind) for title, kind in _TITLES if kind in kinds)


def _budget_title_kind(text: str, titles: tuple[tuple[str, TableKind], ...]) -> TableKind | None:
    """A budget title behind its ordinal, year, department and 部门, before a qualifier:
    "一、2017年度江苏省高级人民法院部门收支预算总表",
    "公开06表：财政拨款基本支出预算表（经济科目）".
    Longest aliases first, so 财政拨款收支预算总表 is never read as 收支预算总表 after a name."""
    text = _BUDGET_TITLE_END.sub("", _BUDGET_TITLE_START.sub("", text))
    for title, kind in titles:
        if kind.document_kind != BUDGET or not text.endswith(title):
            continue
        if _BUDGET_PREFIX.match(text[: -len(title)]):
            return kind
    return None


def is_contents_page(page: PageContent) -> bool:
    """A 目录 page lists the tables' titles: none of them is a table there."""
    return any(normalise(line.text) == _CONTENTS for line in page.lines)


def locate_tables(pages: list[PageContent], document_kind: str = "决算") -> list[LocatedTable]:
    """Every table title of a ``document_kind`` (决算 / 预算) document with the grids and notes
    that belong to it."""
    kinds = kinds_of(document_kind)
    located: list[LocatedTable] = []
    current: LocatedTable | None = None
    for page in pages:
        lines = [] if is_contents_page(page) else page.lines
        if document_kind == BUDGET:
            lines = _unwrapped_titles(lines, kinds)
        titles = [(line, kind) for line in lines if (kind := title_kind(line.text, kinds))]
        grids = list(page.tables)
        # Grids above the first title on this page continue the table left open before.
        first_title_top = titles[0][0].top if titles else float("inf")
        if current is not None and _continues_on(current, page):
            for grid in [g for g in grids if g.top < first_title_top and not _holds(g, titles)]:
                part = _continuation(current, page.number, grid)
                if part is not None:
                    current.parts.append(part)
            _read_notes(current, page, 0.0, first_title_top)
            current.stray_rows += _stray_rows(page, 0.0, first_title_top)
        for index, (line, kind) in enumerate(titles):
            next_top = titles[index + 1][0].top if index + 1 < len(titles) else float("inf")
            current = LocatedTable(kind=kind, title_printed=line.text, first_page=page.number)
            located.append(current)
            for grid in grids:
                if line.top < grid.top < next_top or grid.top <= line.top < grid.bottom:
                    current.parts.append(
                        _without_banner(GridPart(page.number, grid.rows, grid.boxes))
                    )
            _read_header_lines(current, page, line.top, next_top)
            _read_notes(current, page, line.top, next_top)
            current.stray_rows += _stray_rows(page, line.top, next_top)
    for table in located:
        _align_parts(table)
    return located


def _unwrapped_titles(lines: list[TextLine], kinds: tuple[TableKind, ...]) -> list[TextLine]:
    """The lines with a title wrapped onto short next lines joined back ("…培训费" / "支出预算表",
    or "…支出预" / "“ ”" / "算表" where the quotes fall on a line of their own), at the first
    line's place; budgets wrap their longest titles so."""
    joined: list[TextLine] = []
    index = 0
    while index < len(lines):
        line, taken = lines[index], 1
        if title_kind(line.text, kinds) is None and not _LABEL.fullmatch(normalise(line.text)):
            text = line.text
            for extra, after in enumerate(lines[index + 1 : index + 1 + _WRAPPED_LINES], 2):
                if len(_QUOTES.sub("", normalise(after.text))) > _WRAPPED_TAIL:
                    break
                text += after.text
                if title_kind(text, kinds) is not None:
                    line, taken = TextLine(text=text, top=line.top), extra
                    break
        joined.append(line)
        index += taken
    return joined


def _holds(grid: RuledTable, titles: list[tuple[TextLine, TableKind]]) -> bool:
    """Whether a title is printed inside the grid (its first band), making it that title's."""
    return any(grid.top <= line.top < grid.bottom for line, _ in titles)


def _without_banner(part: GridPart) -> GridPart:
    """The grid without the leading bands that print the title, its 公开NN表 label, or the
    部门： / 单位： line rather than the table (Jiangsu budgets draw them inside the ruling)."""
    skip = 0
    for index, cells in enumerate(part.rows):
        if _is_banner(cells):
            skip = index + 1
        elif any(normalise(cell) for cell in cells):
            break  # empty ruled rows before a banner go with it
    if skip == 0 or skip == len(part.rows):
        return part
    return GridPart(part.page, part.rows[skip:], part.boxes[skip:])


def _is_banner(cells: list[str | None]) -> bool:
    """A row that is only a title, a label, a unit line, or a 部门：… line (a header row
    that also names a unit, 项目 | 金额单位：万元, is no banner)."""
    text = "".join(normalise(cell) for cell in cells)
    return bool(text) and bool(
        title_kind(text)
        or _UNIT.fullmatch(text)
        or _BANNER.match(_LABEL.sub("", text))
        or _LABEL.fullmatch(text)
    )


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
        _read_unit(table, line.text)
    # Some producers draw the 部门： / 单位： line as the grid's first band (Jiangsu budgets).
    for line in page.lines:
        if table.unit_printed is None and grid_top - 2 <= line.top < grid_top + _UNIT_BAND:
            _read_unit(table, line.text)


def _read_unit(table: LocatedTable, text: str) -> None:
    if table.unit_printed is None and (unit := _UNIT.search(text)):
        table.unit_printed = unit.group(0)
        table.unit_to_wan_yuan = unit_factor(unit.group(1))


def _stray_rows(page: PageContent, top: float, bottom: float) -> list[str]:
    """Coded rows with an amount printed between ``top`` and ``bottom`` outside every grid."""
    inside = [(g.top, g.bottom) for g in page.tables]
    return [
        line.text
        for line in page.lines
        if top < line.top < bottom
        and _CODED_ROW.match(normalise(line.text))
        and not any(t - 1 <= line.top <= b + 1 for t, b in inside)
    ]


def _read_notes(table: LocatedTable, page: PageContent, top: float, bottom: float) -> None:
    grid_bottoms = [g.bottom for g in page.tables if top <= g.top < bottom]
    below = max(grid_bottoms, default=top)
    for line in page.lines:
        if not top <= line.top < bottom:
            continue
        text = normalise(line.text)
        if any(words in text for words in NO_DATA_TEXTS):
            table.declared_empty = True
        if line.top > below and text.startswith(("注:", "说明:", "注：", "说明：")):
            table.closed = True


def centre_merged_cells(part: GridPart) -> GridPart:
    """The part with each merged cell's text moved to the column under the cell's centre.

    pdfplumber puts a merged cell's text in the first column it spans. Some producers (the
    Jiangsu budgets) draw every header cell over three hairline sub-columns and merge the
    body cells over other three, so a code, name or amount starts one column left of the
    header naming it although both are centred on the same column. A centre that falls on a
    column edge (a cell spanning an even number of columns) names no column and the text
    stays where it is; text is never moved onto a column that has its own cell. Only rows from
    the first one printing an amount are touched.
    """
    edges = _column_edges(part)
    if edges is None:
        return part
    rows: Rows = []
    boxes: list[list[Box | None]] = []
    body = False
    for texts, cells in zip(part.rows, part.boxes, strict=True):
        row, row_boxes = list(texts), list(cells)
        # Header rows stay: a group cell (支出 over its side's columns) marks where its
        # columns start, not where its centre is.
        body = body or any(_AMOUNT_TEXT.search(normalise(text)) for text in texts if text)
        if not body:
            rows.append(row)
            boxes.append(row_boxes)
            continue
        for column, box in enumerate(cells):
            target = _column_under(edges, box) if box is not None else None
            if target is None or target == column or target >= len(row):
                continue
            if row_boxes[target] is not None or not _spans(row_boxes, column, target):
                continue
            row[target], row[column] = row[column], None
            row_boxes[target], row_boxes[column] = box, None
        rows.append(row)
        boxes.append(row_boxes)
    return GridPart(part.page, rows, boxes)


def _column_under(edges: list[float], box: Box) -> int | None:
    """The column whose span holds the box's centre, away from its edges; None on an edge."""
    centre = (box[0] + box[2]) / 2
    for column, (left, right) in enumerate(itertools.pairwise(edges)):
        if left + _EDGE_TOLERANCE < centre < right - _EDGE_TOLERANCE:
            return column
    return None


def _spans(boxes: list[Box | None], start: int, end: int) -> bool:
    """Whether the cell at ``start`` covers every position up to ``end`` (all None after it)."""
    return all(box is None for box in boxes[start + 1 : end + 1])
