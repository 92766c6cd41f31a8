# /// script
# requires-python = ">=3.11,<3.12"
# dependencies = [
#     "openpyxl>=3.1",
#     # What samples.render imports: the project is not installed in this script's environment.
#     "pyyaml>=6",
#     "reportlab>=4.2",
# ]
# ///
"""Render the 2023 sample's tables the way many real disclosures are made: print a workbook.

Why: most published 部门决算公开 PDFs are not typeset; their tables are spreadsheets printed to
PDF (Excel, WPS, LibreOffice). The result differs from the reportlab sample in ways an
extractor must survive — each cell border is drawn as separate line segments, merged cells are
blank cells under a merged area, fonts are embedded TrueType subsets, a long table breaks where
the sheet's row breaks say, scaling is "fit to one page wide" — while every printed value stays
the same. This script builds such a workbook from ``samples/specs/yangquan-commerce-2023.yaml``
and converts it with LibreOffice, so the extraction tests can assert that every numeric cell
comes out exactly as it does from ``samples/pdf/yangquan-commerce-2023.pdf``.

The workbook (openpyxl):

- sheet ``封面``: "阳泉市商务局" / "2023年度单位决算公开" (the spec's ``cover`` lines);
- one sheet per table ``公开01表`` … ``公开10表``: the title merged across the table, the
  ``公开NN表`` label (right), the 部门名称/年度/金额单位 line in three merged groups, the header
  rows with merged cells exactly where the spec's ``"<"`` / ``"^"`` marks say, the 栏次 row, the
  body rows, thin borders on every grid cell, the 注 line and ``说明：本表无数据`` below;
- every value a TEXT cell holding the printed string (``"1,710.18"``, ``"——"``; blank =
  no value), number format ``@``;
- page setup: A4, landscape where the spec says (公开04/06/09表), fit to one page wide (any
  height), centred horizontally, no print titles (a continuation page has no repeated header),
  and the spec's ``page_breaks`` (公开01/04/06表) as manual row breaks.

The narrative and the 绩效自评表 forms are not in this variant.

Usage (LibreOffice and a CJK font installed on this machine only; see samples/README.md)::

    apt-get install -y libreoffice-calc-nogui fonts-wqy-microhei
    uv run scripts/samples/render_via_spreadsheet.py [OUT_DIR]

writes ``yangquan-commerce-2023-spreadsheet.xlsx`` and ``.pdf`` to ``tests/fixtures/variants/``
(both committed). LibreOffice stamps the PDF with the current time and a random document id;
they are replaced with fixed values of the same length (so the cross-reference offsets stay
valid), which makes the PDF reproducible for a given LibreOffice version and font.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet
from soffice import FIXED_TIME, convert_to_pdf, soffice_version

# openpyxl is not a project dependency, so uv runs this file in an environment of its own (the
# inline metadata above) where the project is not installed: samples comes from this checkout.
sys.path.insert(1, str(Path(__file__).resolve().parents[2]))
from samples.render import MARKERS, SPECS_DIR, _resolve_spans, load_spec

SOURCE = SPECS_DIR / "yangquan-commerce-2023.yaml"
OUT_DIR = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "variants"
STEM = "yangquan-commerce-2023-spreadsheet"
TABLES = ("T01", "T02", "T03", "T04", "T05", "T06", "T07", "T08", "T09", "T10")
FONT_NAME = "WenQuanYi Micro Hei"  # fonts-wqy-microhei; embedded as a subset with ToUnicode

# Page geometry (points): A4, margins in inches as openpyxl wants them.
PAGE_WIDTH = {"portrait": 595.3, "landscape": 841.9}
MARGIN_IN = {"left": 0.5, "right": 0.5, "top": 0.6, "bottom": 0.6, "header": 0.3, "footer": 0.3}
META_SIZE = 10.0
# What LibreOffice makes of one "character" of column width: the width of "0" in the default
# font, Calibri 11, for which it substitutes DejaVu Sans here (7.0 pt; measured). With
# another substitute (Carlito) the columns come out narrower; fit-to-width keeps it one page.
CHAR_PT = 7.0
FILL = 0.97  # the columns add up to this share of the printable width (fit-to-width ~ 100%)

THIN = Side(style="thin", color="000000")
GRID_BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
H_ALIGN = {"L": "left", "C": "center", "R": "right"}


# --------------------------------------------------------------------------- text metrics


def text_width(text: str, size: float) -> float:
    """Estimated printed width (points) of one line: CJK full width, the rest ~0.6 em."""
    return sum(size if ord(ch) >= 0x2E80 else 0.6 * size for ch in text)


def line_count(text: str, width: float, size: float) -> int:
    """Lines ``text`` takes when wrapped in a cell ``width`` points wide (padding included)."""
    avail = max(width - 6.0, size)
    return sum(max(1, math.ceil(text_width(line, size) / avail)) for line in text.split("\n"))


def col_points_to_chars(points: float) -> float:
    """Spreadsheet column width (characters of the default font) for a width in points."""
    return round(points / CHAR_PT, 2)


# --------------------------------------------------------------------------- sheets


def _merge(ws: Worksheet, row: int, c0: int, row1: int, c1: int) -> None:
    if (row, c0) != (row1, c1):
        ws.merge_cells(start_row=row, start_column=c0 + 1, end_row=row1, end_column=c1 + 1)


def _meta_groups(widths: Sequence[float], meta: Sequence[str]) -> list[tuple[int, int]]:
    """Column groups for the 部门名称 / 年度 / 金额单位 line: left and right just wide enough
    for their text, the middle one takes the rest (each text is one merged cell)."""
    n = len(widths)
    need = [text_width(m, META_SIZE) + 8 for m in meta]
    left = next((k for k in range(1, n + 1) if sum(widths[:k]) >= need[0]), n)
    right = next((k for k in range(1, n + 1) if sum(widths[n - k :]) >= need[-1]), n)
    if len(meta) == 2:
        left = min(left, n - 1)
        return [(0, left - 1), (left, n - 1)]
    if len(meta) != 3:
        raise ValueError(f"meta line with {len(meta)} parts: {meta}")
    left, right = min(left, n - 2), min(right, n - 2)
    if left + right > n - 1:
        left, right = (n - 1) // 2, n - 1 - (n - 1) // 2
    return [(0, left - 1), (left, n - right - 1), (n - right, n - 1)]


def add_table_sheet(wb: Workbook, t: dict[str, Any]) -> None:
    """One table on its own sheet (see the module docstring for the layout)."""
    ws = wb.create_sheet(t["label"])
    orientation = t.get("orientation", "portrait")
    printable = PAGE_WIDTH[orientation] - 72 * (MARGIN_IN["left"] + MARGIN_IN["right"])
    scale = printable * FILL / sum(t["col_widths"])
    widths = [w * scale for w in t["col_widths"]]
    ncols = len(widths)
    for c, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = col_points_to_chars(w)
    size = float(t.get("font_size", 9 if orientation == "portrait" else 8.5))
    font = Font(name=FONT_NAME, size=size)
    row = 1

    def banner(text: str, font_size: float, align: str, height: float, bold: bool = False) -> None:
        nonlocal row
        cell = ws.cell(row, 1, text)
        cell.font = Font(name=FONT_NAME, size=font_size, bold=bold)
        cell.alignment = Alignment(horizontal=align, vertical="center", wrap_text=True)
        cell.number_format = "@"
        _merge(ws, row, 0, row, ncols - 1)
        lines = line_count(text, sum(widths), font_size)
        ws.row_dimensions[row].height = max(height, lines * font_size * 1.35 + 4)
        row += 1

    banner(t["title"], 16, "center", 26, bold=True)
    banner(t["label"], 9.5, "right", 14)
    meta = t["meta"]
    aligns = ["left", "center", "right"] if len(meta) == 3 else ["left", "right"]
    for text, align, (c0, c1) in zip(meta, aligns, _meta_groups(widths, meta), strict=True):
        cell = ws.cell(row, c0 + 1, text)
        cell.font = Font(name=FONT_NAME, size=META_SIZE)
        cell.alignment = Alignment(horizontal=align, vertical="bottom")
        cell.number_format = "@"
        _merge(ws, row, c0, row, c1)
    ws.row_dimensions[row].height = 16
    row += 1

    grid = t["header"] + t["rows"]
    n_head = len(t["header"])
    centered = {n_head + i for i in t.get("centered_rows", [])}
    spans = _resolve_spans(grid)
    first = row
    heights = [0.0] * len(grid)
    for r, cells in enumerate(grid):
        for c, text in enumerate(cells):
            cell = ws.cell(first + r, c + 1)
            cell.border = GRID_BORDER
            cell.font = font
            cell.number_format = "@"
            header_like = r < n_head or r in centered
            align = "center" if header_like else H_ALIGN[t["align"][c]]
            cell.alignment = Alignment(horizontal=align, vertical="center", wrap_text=True)
            if text in MARKERS:
                continue
            if text:
                cell.value = text
            r1, c1 = spans.get((r, c), (r, c))
            _merge(ws, first + r, c, first + r1, c1)
            lines = line_count(text, sum(widths[c : c1 + 1]), size)
            need = lines * size * 1.3 + 4
            for rr in range(r, r1 + 1):
                heights[rr] = max(heights[rr], need / (r1 - r + 1))
    for r, h in enumerate(heights):
        ws.row_dimensions[first + r].height = round(max(h, size * 1.3 + 4), 1)
    for cut in t.get("page_breaks", []):
        ws.row_breaks.append(Break(id=first + n_head + cut - 1))  # break below this row
    row = first + len(grid)

    for text in [*t.get("notes", []), *([t["empty_note"]] if t.get("empty_note") else [])]:
        banner(text, 9, "left", 16)
    last = row - 1

    ws.print_area = f"A1:{get_column_letter(ncols)}{last}"
    _page_setup(ws, orientation)


def add_cover_sheet(wb: Workbook, lines: Sequence[str]) -> None:
    """The cover: the department and the document title, centred on a portrait page."""
    ws = wb.active
    ws.title = "封面"
    ws.column_dimensions["A"].width = col_points_to_chars((PAGE_WIDTH["portrait"] - 72) * FILL)
    for r in range(1, 10):
        ws.row_dimensions[r].height = 24
    sizes = [30, 26]
    for i, text in enumerate(lines):
        r = 10 + 2 * i
        cell = ws.cell(r, 1, text)
        cell.font = Font(name=FONT_NAME, size=sizes[min(i, 1)], bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center")
        ws.row_dimensions[r].height = 48
    ws.print_area = f"A1:A{10 + 2 * len(lines)}"
    _page_setup(ws, "portrait")


def _page_setup(ws: Worksheet, orientation: str) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = orientation
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages tall as needed
    ws.print_options.horizontalCentered = True
    ws.print_options.gridLines = False
    ws.page_margins = PageMargins(**MARGIN_IN)
    ws.sheet_view.showGridLines = False


def build_workbook(spec: dict[str, Any]) -> Workbook:
    """The workbook for ``spec``: cover sheet + one sheet per table T01..T10."""
    wb = Workbook()
    add_cover_sheet(wb, spec["cover"])
    for code in TABLES:
        add_table_sheet(wb, spec["tables"][code])
    doc = spec["document"]
    wb.properties.title = doc.get("pdf_title", "")
    wb.properties.creator = doc.get("pdf_author", "")
    wb.properties.subject = doc.get("pdf_subject", "")
    wb.properties.lastModifiedBy = doc.get("pdf_author", "")
    wb.properties.created = wb.properties.modified = FIXED_TIME
    return wb


def save_deterministic(wb: Workbook, path: Path) -> None:
    """Save, then rewrite the zip with fixed timestamps (openpyxl stamps 'now')."""
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw.xlsx"
        wb.save(raw)
        with zipfile.ZipFile(raw) as src, zipfile.ZipFile(path, "w") as dst:
            for info in src.infolist():
                fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
                fixed.compress_type = zipfile.ZIP_DEFLATED
                data = src.read(info.filename)
                if info.filename == "docProps/core.xml":  # openpyxl sets modified = now
                    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                    data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, data)
                dst.writestr(fixed, data)


def main(argv: list[str] | None = None) -> int:
    """Build the workbook and the PDF."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out_dir", nargs="?", type=Path, default=OUT_DIR)
    ap.add_argument("--spec", type=Path, default=SOURCE)
    args = ap.parse_args(argv)
    spec = load_spec(args.spec)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    xlsx = args.out_dir / f"{STEM}.xlsx"
    save_deterministic(build_workbook(spec), xlsx)
    pdf = convert_to_pdf(xlsx, args.out_dir / f"{STEM}.pdf")
    print(f"wrote {xlsx} ({xlsx.stat().st_size} bytes)", file=sys.stderr)
    print(f"wrote {pdf} ({pdf.stat().st_size} bytes) with {soffice_version()}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
