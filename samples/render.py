"""Render a structured description (YAML) of a 部门决算公开 disclosure to a realistic PDF.

Why: the project needs sample disclosures that look like the published ones — cover, 目录,
narrative, ruled tables with merged header cells, tables continuing on the next page without
a repeated header, landscape pages for wide tables, 项目支出绩效自评表 forms — but whose every
printed figure is known, so that tests can load a spec, change one amount and re-render. The
sha256 of a PDF is its document id downstream, so the output is byte-deterministic (reportlab
invariant mode, fixed metadata).

Usage::

    uv run python -m samples.render            # rebuild samples/specs/*.yaml -> samples/pdf/
    uv run python -m samples.render SPEC OUT   # render one spec
    uv run python -m samples.render SPEC OUT --font FILE.ttc [--subfont N]   # embed a TTF

The spec format is described in ``samples/README.md``. Cell conventions used throughout:
``"<"`` = merged into the cell on the left, ``"^"`` = merged into the cell above, ``""`` = an
empty cell; all printed values are strings exactly as printed ("1,710.18", "——", "0.00").
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import yaml
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

FONT = "STSong-Light"  # reportlab's built-in CID font: the samples' default, not embedded
SAMPLES_DIR = Path(__file__).resolve().parent
SPECS_DIR = SAMPLES_DIR / "specs"
PDF_DIR = SAMPLES_DIR / "pdf"
CREATOR = "juesuan samples/render.py"
FORMAT = "juesuan-sample-disclosure/1"

MERGE_LEFT = "<"
MERGE_UP = "^"
MARKERS = (MERGE_LEFT, MERGE_UP)

PAGE_SIZES = {"portrait": A4, "landscape": landscape(A4)}
MARGINS = {"portrait": (50.0, 48.0), "landscape": (40.0, 36.0)}  # (left/right, top/bottom)

# The 9-column grid every 项目支出绩效自评表 is laid out on (points, sum = portrait frame width).
FORM_COLS = [26.0, 50.0, 58.0, 30.0, 84.0, 62.0, 62.0, 78.0, 45.0]
# How k cells of a 评价人员 row are spread over the 8 columns right of its label.
REVIEWER_SPANS = {
    1: [8],
    2: [1, 7],
    3: [1, 3, 4],
    4: [1, 3, 2, 2],
    5: [1, 2, 2, 2, 1],
    6: [1, 1, 2, 1, 2, 1],
    7: [1, 1, 1, 1, 1, 2, 1],
    8: [1] * 8,
}


class SpecError(ValueError):
    """The spec is malformed (the message says where)."""


# --------------------------------------------------------------------------- spec


def load_spec(path: str | Path) -> dict[str, Any]:
    """Load and validate a disclosure spec.

    Validation is strict on purpose: an amount written unquoted in YAML (692.98) would become a
    float and print differently ("30.0"), so every cell must be a string.
    """
    with Path(path).open(encoding="utf-8") as fh:
        spec = yaml.safe_load(fh)
    validate_spec(spec)
    return spec


def renamed(value: Any, old: str, new: str) -> Any:
    """A spec (or any part of one) with the department's name ``old`` printed as ``new``
    wherever it appears: another department's disclosure, distinct bytes, the same figures."""
    if isinstance(value, str):
        return value.replace(old, new)
    if isinstance(value, list):
        return [renamed(v, old, new) for v in value]
    if isinstance(value, dict):
        return {k: renamed(v, old, new) for k, v in value.items()}
    return value


def validate_spec(spec: dict[str, Any]) -> None:
    """Raise :class:`SpecError` if the spec cannot be rendered as written."""
    if not isinstance(spec, dict) or spec.get("format") != FORMAT:
        raise SpecError(f"not a {FORMAT} spec")
    for key in ("document", "cover", "toc", "body", "tables", "forms"):
        if key not in spec:
            raise SpecError(f"missing top-level key {key!r}")
    for code, table in spec["tables"].items():
        width = len(table["col_widths"])
        if len(table["align"]) != width:
            raise SpecError(f"{code}: align has {len(table['align'])} entries, expected {width}")
        for part in ("header", "rows"):
            for i, row in enumerate(table[part]):
                _check_row(f"{code}.{part}[{i}]", row, width)
    for n, form in enumerate(spec["forms"], start=1):
        for i, row in enumerate(form["indicators"]["rows"]):
            _check_row(f"form {n} indicators[{i}]", row, 8)
        for i, row in enumerate(form["funds"]):
            _check_row(f"form {n} funds[{i}]", row, 6)
    for block in spec["body"]:
        if "table" in block and block["table"] not in spec["tables"]:
            raise SpecError(f"body refers to unknown table {block['table']!r}")
        if "form" in block and not 1 <= block["form"] <= len(spec["forms"]):
            raise SpecError(f"body refers to unknown form {block['form']!r}")


def _check_row(where: str, row: Sequence[Any], width: int) -> None:
    if len(row) != width:
        raise SpecError(f"{where}: {len(row)} cells, expected {width}")
    for cell in row:
        if not isinstance(cell, str):
            raise SpecError(f"{where}: cell {cell!r} is not a string (quote amounts in YAML)")


# --------------------------------------------------------------------------- styles


def _register_font() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def register_ttf(path: str | Path, subfont_index: int = 0) -> str:
    """Register a TrueType font (.ttf, or one face of a .ttc) and return its reportlab name.

    Why: the samples use STSong-Light, which is not embedded and has its own CMap quirks; real
    disclosures embed TrueType subsets (宋体, 微软雅黑, …). Rendering the same spec with an
    embedded TTF gives extraction a producer whose glyphs, widths and ToUnicode map differ.
    """
    face = TTFont(f"_probe{subfont_index}", str(path), subfontIndex=subfont_index)
    name = face.face.name.decode("ascii", "replace")
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=subfont_index))
    return name


def check_glyphs(spec: dict[str, Any], font: str) -> None:
    """Raise :class:`SpecError` if ``font`` has no glyph for a character the spec prints.

    A TrueType font draws a missing character as an empty box that reads back as something
    else (or nothing): the PDF would silently print other text than the spec says.
    """
    face = pdfmetrics.getFont(font).face
    if not hasattr(face, "charToGlyph"):
        return  # a CID font: its CMap is checked by _DRAW_SUBST's comment, not per glyph
    text = yaml.safe_dump(spec, allow_unicode=True)
    missing = sorted({ch for ch in text if ord(ch) > 0x7F and ord(ch) not in face.charToGlyph})
    if missing:
        raise SpecError(f"font {font} has no glyph for {''.join(missing)!r}")


def _style(
    name: str, size: float, align: int = TA_LEFT, font: str = FONT, **kw: Any
) -> ParagraphStyle:
    return ParagraphStyle(
        name,
        fontName=font,
        fontSize=size,
        leading=kw.pop("leading", size * 1.45),
        alignment=align,
        wordWrap="CJK",
        **kw,
    )


@cache
def styles(font: str = FONT) -> dict[str, ParagraphStyle]:
    """The paragraph styles of every text block, in ``font``."""
    return {
        "cover_dept": _style("cover_dept", 30, TA_CENTER, font, leading=44),
        "cover_title": _style("cover_title", 26, TA_CENTER, font, leading=40),
        "toc_title": _style("toc_title", 20, TA_CENTER, font, leading=30, spaceAfter=18),
        "toc1": _style("toc1", 12, font=font, leading=19),
        "toc2": _style("toc2", 12, font=font, leading=19, leftIndent=24),
        "toc_page": _style("toc_page", 12, TA_RIGHT, font, leading=19),
        "h1": _style("h1", 16, TA_CENTER, font, leading=26, spaceBefore=6, spaceAfter=12),
        "h2": _style("h2", 13, font=font, leading=22, spaceBefore=6, spaceAfter=4),
        "h3": _style(
            "h3", 12, font=font, leading=20, firstLineIndent=24, spaceBefore=2, spaceAfter=2
        ),
        "h4": _style("h4", 11.5, font=font, leading=19, firstLineIndent=24),
        "p": _style("p", 11.5, font=font, leading=19, firstLineIndent=23, spaceAfter=2),
        "table_title": _style("table_title", 16, TA_CENTER, font, leading=24),
        "table_label": _style("table_label", 9.5, TA_RIGHT, font, leading=13),
        "note": _style("note", 9, font=font, leading=13, spaceBefore=3),
        "form_title": _style("form_title", 15, TA_CENTER, font, leading=24, spaceAfter=4),
    }


STYLES = styles(FONT)


# STSong-Light's Unicode CMap (UniGB-UCS2-H) has no entry for U+00B7 MIDDLE DOT
# ("晋情消费·泉民e购"): reportlab would draw nothing. U+30FB is mapped to the same GB
# glyph, and pdfplumber reads that glyph back as U+00B7, so drawing U+30FB prints and
# extracts the text exactly as written. An embedded TrueType font maps U+00B7 itself.
_DRAW_SUBST = str.maketrans({"\u00b7": "\u30fb"})


def _glyphs(text: str, font: str = FONT) -> str:
    return text.translate(_DRAW_SUBST) if font == FONT else text


def _para_text(text: str, font: str = FONT) -> str:
    return "<br/>".join(escape(_glyphs(line, font)) for line in text.split("\n"))


# --------------------------------------------------------------------------- grid tables


def _resolve_spans(rows: Sequence[Sequence[str]]) -> dict[tuple[int, int], tuple[int, int]]:
    """Anchor cell (row, col) -> bottom-right (row, col) of its merged region.

    A marker cell belongs to the region of its left ("<") or upper ("^") neighbour; regions
    must be rectangles (anything else cannot be drawn as one cell).
    """
    owner: dict[tuple[int, int], tuple[int, int]] = {}
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if cell == MERGE_LEFT:
                if c == 0:
                    raise SpecError(f"row {r}: '<' in the first column")
                owner[r, c] = owner[r, c - 1]
            elif cell == MERGE_UP:
                if r == 0:
                    raise SpecError(f"column {c}: '^' in the first row")
                owner[r, c] = owner[r - 1, c]
            else:
                owner[r, c] = (r, c)
    extent: dict[tuple[int, int], tuple[int, int]] = {}
    for (r, c), anchor in owner.items():
        r1, c1 = extent.get(anchor, anchor)
        extent[anchor] = (max(r1, r), max(c1, c))
    for anchor, (r1, c1) in extent.items():
        for r in range(anchor[0], r1 + 1):
            for c in range(anchor[1], c1 + 1):
                if owner.get((r, c)) != anchor:
                    raise SpecError(f"merged region at {anchor} is not a rectangle")
    return {a: e for a, e in extent.items() if e != a}


def grid_table(
    rows: Sequence[Sequence[str]],
    col_widths: Sequence[float],
    aligns: Sequence[Sequence[str]],
    font_size: float,
    padding: float = 3.0,
    font: str = FONT,
) -> Table:
    """A fully ruled table; marker cells become SPANs, long texts wrap inside their cell.

    A cell whose text fits on one line is drawn as a plain string (so an amount can never be
    broken); a longer one becomes a Paragraph that wraps within the (merged) cell width.
    """
    spans = _resolve_spans(rows)
    cell_styles = {
        a: _style(f"cell{a}{font_size}", font_size, _ALIGN_ENUM[a], font, leading=font_size * 1.3)
        for a in "LCR"
    }
    data: list[list[Any]] = []
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), font, font_size),
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), padding),
        ("RIGHTPADDING", (0, 0), (-1, -1), padding),
        ("TOPPADDING", (0, 0), (-1, -1), padding),
        ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
    ]
    for r, row in enumerate(rows):
        out: list[Any] = []
        for c, cell in enumerate(row):
            if cell in MARKERS:
                out.append("")
                continue
            r1, c1 = spans.get((r, c), (r, c))
            width = sum(col_widths[c : c1 + 1]) - 2 * padding
            align = aligns[r][c]
            if r1 != r or c1 != c:
                commands.append(("SPAN", (c, r), (c1, r1)))
            fits = "\n" not in cell and pdfmetrics.stringWidth(cell, font, font_size) <= width
            if fits:
                out.append(_glyphs(cell, font))
                commands.append(("ALIGN", (c, r), (c, r), _ALIGN_NAME[align]))
            else:
                # CJK line breaking lets a closing punctuation mark (、，。》) hang past the
                # line end; reserve one character of right padding so it stays in its cell.
                out.append(Paragraph(_para_text(cell, font), cell_styles[align]))
                commands.append(("RIGHTPADDING", (c, r), (c, r), padding + font_size))
        data.append(out)
    table = Table(data, colWidths=list(col_widths), repeatRows=0, hAlign="CENTER")
    table.setStyle(TableStyle(commands))
    return table


_ALIGN_ENUM = {"L": TA_LEFT, "C": TA_CENTER, "R": TA_RIGHT}
_ALIGN_NAME = {"L": "LEFT", "C": "CENTER", "R": "RIGHT"}


def _plain_table(
    rows: list[list[Any]], widths: list[float], aligns: list[str], font: str = FONT
) -> Table:
    """An unruled layout table (meta lines, TOC): invisible to pdfplumber's lines strategy."""
    rows = [[_glyphs(c, font) if isinstance(c, str) else c for c in row] for row in rows]
    table = Table(rows, colWidths=widths, hAlign="CENTER")
    cmds: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), font, 10),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]
    for c, a in enumerate(aligns):
        cmds.append(("ALIGN", (c, 0), (c, -1), _ALIGN_NAME[a]))
    table.setStyle(TableStyle(cmds))
    return table


# --------------------------------------------------------------------------- document


class _Marker(Flowable):
    """Zero-size flowable that records the physical page it lands on (for layout reports)."""

    def __init__(self, key: str, pages: dict[str, list[int]]) -> None:
        super().__init__()
        self.key = key
        self.pages = pages
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.pages.setdefault(self.key, []).append(self.canv.getPageNumber())


class _Builder:
    """Turns a spec into platypus flowables, tracking orientation and page starts."""

    def __init__(self, spec: dict[str, Any], font: str = FONT) -> None:
        self.spec = spec
        self.font = font
        self.styles = styles(font)
        self.pages: dict[str, list[int]] = {}
        self.story: list[Any] = []
        self.orientation = "portrait"
        self.fresh = True  # nothing placed on the current page yet

    # -- helpers
    def para(self, text: str, style: str) -> Paragraph:
        return Paragraph(_para_text(text, self.font), self.styles[style])

    def frame_width(self, orientation: str | None = None) -> float:
        o = orientation or self.orientation
        return PAGE_SIZES[o][0] - 2 * MARGINS[o][0]

    def add(self, *flowables: Any) -> None:
        self.story.extend(flowables)
        self.fresh = False

    def mark(self, key: str) -> None:
        self.story.append(_Marker(key, self.pages))

    def new_page(self, orientation: str = "portrait") -> None:
        if orientation not in PAGE_SIZES:
            raise SpecError(f"unknown orientation {orientation!r}")
        if self.fresh and orientation == self.orientation:
            return
        self.story += [NextPageTemplate(orientation), PageBreak()]
        self.orientation = orientation
        self.fresh = True

    # -- parts
    def cover(self) -> None:
        lines = self.spec["cover"]
        self.story.append(Spacer(1, 190))
        self.add(self.para(lines[0], "cover_dept"), Spacer(1, 36))
        for line in lines[1:]:
            self.add(self.para(line, "cover_title"), Spacer(1, 12))

    def toc(self) -> None:
        toc = self.spec["toc"]
        self.new_page()
        self.mark("toc")
        self.add(self.para(toc["title"], "toc_title"))
        rows = [
            [
                self.para(text, "toc1" if level == 1 else "toc2"),
                self.para(page, "toc_page"),
            ]
            for level, text, page in toc["entries"]
        ]
        widths = [self.frame_width() - 40, 40]
        self.add(_plain_table(rows, widths, ["L", "R"], self.font))

    def body(self) -> None:
        self.new_page()
        self.mark("body")
        for i, block in enumerate(self.spec["body"]):
            if "h1" in block or "h2" in block:
                self.mark(f"body:{i}")
            if "page_break" in block:
                self.new_page(block["page_break"] or "portrait")
            elif "table" in block:
                self.table(block["table"], block.get("new_page", True))
            elif "form" in block:
                self.form(block["form"], block.get("new_page", True))
            else:
                ((kind, text),) = block.items()
                if kind not in ("h1", "h2", "h3", "h4", "p"):
                    raise SpecError(f"unknown body block {block!r}")
                self.add(self.para(text, kind))

    def table(self, code: str, new_page: bool) -> None:
        t = self.spec["tables"][code]
        orientation = t.get("orientation", "portrait")
        if new_page:
            self.new_page(orientation)
        elif orientation != self.orientation:
            raise SpecError(f"{code}: new_page=false but the page is {self.orientation}")
        width = self.frame_width()
        scale = width / sum(t["col_widths"])
        col_widths = [w * scale for w in t["col_widths"]]
        font_size = float(t.get("font_size", 9 if orientation == "portrait" else 8.5))
        padding = float(t.get("cell_padding", 3))
        self.mark(code)
        self.add(
            self.para(t["title"], "table_title"),
            self.para(t["label"], "table_label"),
        )
        meta = t["meta"]
        aligns = ["L", "C", "R"] if len(meta) == 3 else ["L"] * (len(meta) - 1) + ["R"]
        self.add(
            _plain_table([meta], [width / len(meta)] * len(meta), aligns, self.font),
            Spacer(1, 3),
        )
        header, rows = t["header"], t["rows"]
        cuts = [0, *t.get("page_breaks", []), len(rows)]
        for i, (a, b) in enumerate(itertools.pairwise(cuts)):
            # Real tables continue without their header (the default) or with it repeated.
            repeat = i == 0 or bool(t.get("repeat_header"))
            chunk = (header if repeat else []) + rows[a:b]
            if not chunk:
                continue
            if i:
                self.story += [PageBreak()]
                self.mark(f"{code}#{i}")
            n_head = len(header) if repeat else 0
            centered = set(t.get("centered_rows", []))
            align_rows = [["C"] * len(col_widths)] * n_head + [
                ["C"] * len(col_widths) if j in centered else t["align"] for j in range(a, b)
            ]
            self.add(grid_table(chunk, col_widths, align_rows, font_size, padding, self.font))
        for note in t.get("notes", []):
            self.add(self.para(note, "note"))
        if t.get("empty_note"):
            self.add(self.para(t["empty_note"], "note"))
        self.mark(f"{code}/end")

    def form(self, number: int, new_page: bool) -> None:
        f = self.spec["forms"][number - 1]
        if new_page:
            self.new_page("portrait")
        self.mark(f"form:{number}")
        self.add(self.para(f["title"], "form_title"))
        width = self.frame_width()
        self.add(
            _plain_table(
                [[f.get("unit_line", ""), f.get("date_line", "")]],
                [width / 2] * 2,
                ["L", "R"],
                self.font,
            ),
            Spacer(1, 3),
        )
        rows, aligns = form_grid(f)
        scale = width / sum(FORM_COLS)
        self.add(grid_table(rows, [w * scale for w in FORM_COLS], aligns, 8, 2.5, self.font))
        self.mark(f"form:{number}/end")


def form_grid(form: dict[str, Any]) -> tuple[list[list[str]], list[list[str]]]:
    """Lay a 项目支出绩效自评表 out on the 9-column grid: (cells with markers, alignments).

    Columns: 0 绩效指标 | 1 一级 | 2 二级 | 3 指标N | 4 三级名称 | 5 年度值 | 6 完成值 |
    7 原因 | 8 得分. The upper blocks reuse the same columns with horizontal merges.
    """
    rows: list[list[str]] = []
    aligns: list[list[str]] = []
    L, C = "L", "C"

    def put(cells: list[str], al: list[str]) -> None:
        assert len(cells) == 9 and len(al) == 9, cells
        rows.append(cells)
        aligns.append(al)

    for item in form["info"]:
        if len(item) == 2:
            put([item[0], "<", item[1], *["<"] * 6], [C, C, L, L, L, L, L, L, L])
        elif len(item) == 4:
            put(
                [item[0], "<", item[1], "<", "<", item[2], item[3], "<", "<"],
                [C, C, C, C, C, C, C, C, C],
            )
        else:
            raise SpecError(f"info row must have 2 or 4 cells: {item}")
    for fund in form["funds"]:
        a, b, c, d, e, g = fund
        put([a, "<", b, c, "<", d, e, "<", g], [C] * 9)
    goals = form["goals"]
    for i, g in enumerate(goals["rows"]):
        first = goals["label"] if i == 0 else "^"
        if len(g) == 1:
            put([first, g[0], *["<"] * 7], [C, L, L, L, L, L, L, L, L])
        else:
            put([first, g[0], "<", g[1], *["<"] * 5], [C, C, C, L, L, L, L, L, L])
    if "execution" in form:
        ex = form["execution"]
        put([ex[0], "<", ex[1], *["<"] * 6], [C, C, L, L, L, L, L, L, L])
    if "self_eval_label" in form:
        put([form["self_eval_label"], *["<"] * 8], [C] * 9)
    ind = form["indicators"]
    group = ind.get("group_label")
    h = ind["header"]
    if group is None:
        put([h[0], "<", h[1], h[2], "<", h[3], h[4], h[5], h[6]], [C] * 9)
    else:
        put(["", h[0], h[1], h[2], "<", h[3], h[4], h[5], h[6]], [C] * 9)
    for i, r in enumerate(ind["rows"]):
        l1, l2, n, name, target, actual, reason, score = r
        if group is None:
            lead = [l1, "<" if l1 != "^" else "^"]
        else:
            lead = [group if i == 0 else "^", l1]
        put([*lead, l2, n, name, target, actual, reason, score], [C, C, C, C, L, C, C, L, C])
    if "total" in form:
        label, value = form["total"]
        put([label, "<", "", *["<"] * 5, value], [C] * 9)
    if "scoring_note" in form:
        put([form["scoring_note"], *["<"] * 8], [L] * 9)
    for label, text in form.get("remarks", []):
        put([label, "<", text, *["<"] * 6], [C, C, L, L, L, L, L, L, L])
    rev = form.get("reviewers")
    if rev:
        for i, r in enumerate(rev["rows"]):
            spans = REVIEWER_SPANS.get(len(r))
            if spans is None:
                raise SpecError(f"评价人员 row with {len(r)} cells: {r}")
            cells = [rev["label"] if i == 0 else "^"]
            for cell, w in zip(r, spans, strict=True):
                cells += [cell] + [MERGE_UP if cell == MERGE_UP else MERGE_LEFT] * (w - 1)
            put(cells, [C] * 9)
    return rows, aligns


def _page_templates(state: dict[str, int], font: str = FONT) -> list[PageTemplate]:
    def number(canvas: Canvas, doc: BaseDocTemplate) -> None:
        start = state.get("body_page")
        page = canvas.getPageNumber()
        if start is None or page < start:
            return
        w, _ = canvas._pagesize
        canvas.saveState()
        canvas.setFont(font, 9)
        canvas.drawCentredString(w / 2, 22, str(page - start + 1))
        canvas.restoreState()

    templates = []
    for name, size in PAGE_SIZES.items():
        mx, my = MARGINS[name]
        frame = Frame(
            mx,
            my,
            size[0] - 2 * mx,
            size[1] - 2 * my,
            id=name,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        templates.append(PageTemplate(id=name, frames=[frame], pagesize=size, onPageEnd=number))
    return templates


def render_disclosure(
    spec: dict[str, Any],
    out_path: Path,
    layout: dict[str, Any] | None = None,
    *,
    font: str = FONT,
) -> Path:
    """Render ``spec`` to ``out_path`` (byte-deterministic) and return the path.

    If ``layout`` is given it is filled with where things landed: ``pages`` (page count) and
    ``blocks`` — e.g. ``{"T01": [5], "T01#1": [6], "form:1": [23], "body:3": [4], ...}``
    (1-based physical pages; ``"T01#1"`` is the first continuation page of T01, ``"body:i"``
    the page of the h1/h2 heading ``body[i]``) — and ``first_numbered_page`` (the physical page
    printed as 1). Tests and the round-trip check use it to find tables.

    ``font`` is the reportlab name of the font every text is set in: the built-in CID font
    (default, not embedded) or one registered with :func:`register_ttf` (embedded as subsets).
    """
    validate_spec(spec)
    _register_font()
    check_glyphs(spec, font)
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    builder = _Builder(spec, font)
    builder.cover()
    builder.toc()
    builder.body()
    state: dict[str, int] = {}
    doc_info = spec["document"]

    class _Doc(BaseDocTemplate):
        def afterFlowable(self, flowable: Flowable) -> None:
            if isinstance(flowable, _Marker) and flowable.key == "body":
                state.setdefault("body_page", self.canv.getPageNumber())

    doc = _Doc(
        str(out_path),
        pagesize=A4,
        pageTemplates=_page_templates(state, font),
        title=doc_info.get("pdf_title", ""),
        author=doc_info.get("pdf_author", ""),
        subject=doc_info.get("pdf_subject", ""),
        creator=CREATOR,
        keywords="",
        invariant=1,
        pageCompression=1,
    )
    if not doc_info.get("page_numbers", True):
        state["body_page"] = 10**9
    doc.build(builder.story)
    if layout is not None:
        layout["pages"] = doc.page
        layout["blocks"] = {k: sorted(set(v)) for k, v in builder.pages.items()}
        layout["first_numbered_page"] = builder.pages.get("body", [None])[0]
    return out_path


def build_all(specs_dir: Path = SPECS_DIR, pdf_dir: Path = PDF_DIR) -> list[Path]:
    """(Re)build every committed sample: ``specs/<stem>.yaml`` -> ``pdf/<stem>.pdf``."""
    out = []
    for spec_path in sorted(specs_dir.glob("*.yaml")):
        out.append(render_disclosure(load_spec(spec_path), pdf_dir / f"{spec_path.stem}.pdf"))
    return out


def main(argv: Iterable[str] | None = None) -> int:
    """Command line: no arguments rebuilds all samples; ``SPEC OUT`` renders one."""
    ap = argparse.ArgumentParser(
        prog="python -m samples.render", description=__doc__.split("\n")[0]
    )
    ap.add_argument("spec", nargs="?", type=Path, help="a spec YAML (default: all samples)")
    ap.add_argument("out", nargs="?", type=Path, help="output PDF (default: samples/pdf/)")
    ap.add_argument("--font", type=Path, help="a TrueType font (.ttf/.ttc) to embed instead")
    ap.add_argument("--subfont", type=int, default=0, help="the face of a .ttc (default 0)")
    args = ap.parse_args(list(argv) if argv is not None else None)
    if args.font is not None and args.spec is None:
        ap.error("--font renders one SPEC: the bundled samples keep STSong-Light")
    if args.spec is None:
        paths = build_all()
    else:
        out = args.out or PDF_DIR / f"{args.spec.stem}.pdf"
        font = register_ttf(args.font, args.subfont) if args.font else FONT
        paths = [render_disclosure(load_spec(args.spec), out, font=font)]
    for p in paths:
        print(p, file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
