"""Which table is on which pages (表格定位): titles, labels, units, continuations.

A table starts at a text line that *is* one of its titles (after normalisation, with any
公开NN表 / 表N label removed) and owns the ruled grids below that line until the next title.
A grid at the top of a later page with no title above it continues the open table, whether
or not it repeats the header; the caller's parser decides which of its rows are header rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ingestion.amounts import unit_factor
from ingestion.catalogue import TABLE_KINDS, TableKind
from ingestion.pdf import Box, PageContent, Rows
from ingestion.text import normalise

_LABEL = re.compile(r"(公开\d{1,2}表|表\d{1,2})")
_QUOTES = re.compile("[\"'“”‘’「」『』]")
_UNIT = re.compile(r"(?:金额)?单位[:：]\s*(万元|元)")
_NO_DATA = "本表无数据"
_DEPARTMENT = re.compile(r"(?:部门|单位)名称[:：](?P<name>.+?)(?:20\d{2}年度|(?:金额)?单位[:：]|$)")
_YEAR = re.compile(r"(?P<year>20\d{2})年度")
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
                if _width(grid.rows) == _width(current.parts[0].rows):
                    current.parts.append(GridPart(page.number, grid.rows, grid.boxes))
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
    return located


def _continues_on(table: LocatedTable, page: PageContent) -> bool:
    """A table continues only onto the very next page, and only if its last page did not
    close it with a note (注：/说明：) printed below its grid."""
    return bool(table.parts) and page.number == table.last_page + 1 and not table.closed


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
