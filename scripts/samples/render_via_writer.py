"""Render the 2023 sample the way many disclosures are written: a word-processor document.

Why: besides printed spreadsheets, many published 部门决算公开 PDFs are Word / WPS documents —
the narrative typed as paragraphs, each table a ruled word-processor table — exported to PDF.
Such a PDF differs from the reportlab sample in what an extractor must survive: every cell
border is drawn by the word processor's own layout, paragraph lines wrap where its line
breaker decides, the fonts are embedded TrueType subsets, page styles switch orientation, and
a table the spec breaks over pages becomes a second table at the top of the next page. This
tool writes the whole disclosure of ``samples/specs/yangquan-commerce-2023.yaml`` — cover, 目录,
narrative, 公开01表 … 公开10表, the 14 项目支出绩效自评表 — as an OpenDocument text file (flat
XML, ``.fodt``; no Python dependency) and converts it with LibreOffice Writer.

The document:

- page styles: ``Cover`` (cover and 目录, no page number), ``Portrait`` and ``Landscape``
  (A4, the renderer's margins, the page number centred in the footer, counted from 1 at
  第一部分 as the 目录 counts);
- headings h1 … h4 and paragraphs with the renderer's sizes and indents, "\\n" as a line break;
- each table: its title (centred), the ``公开NN表`` label (right), the 部门名称 / 年度 / 金额单位
  line as one paragraph with a centre and a right tab stop, then a ruled table: every cell
  bordered (0.5 pt), merged cells where the spec's ``"<"`` / ``"^"`` say, column widths in
  the spec's proportions across the text width, the spec's alignment, font size and padding;
  the spec's ``page_breaks`` end the table and continue it in a new table at the top of the
  next page, without the header (or with it, ``repeat_header``); 注 and 说明 below;
- each 绩效自评表 on the renderer's 9-column grid (``samples.render.form_grid``);
- no row breaks across pages (``--split-rows`` lets them, as Writer does by default);
- every character in WenQuanYi Micro Hei.

Usage (LibreOffice and the font on this machine only; see samples/README.md)::

    apt-get install -y libreoffice-writer-nogui fonts-wqy-microhei
    uv run scripts/samples/render_via_writer.py [OUT_DIR] [--keep-fodt]

writes ``yangquan-commerce-2023-writer.pdf`` to ``tests/fixtures/variants/`` (committed; the
.fodt is regenerated from the spec, so it is not). The PDF's date and id are fixed
(``soffice.py`` beside this script): re-running with the same LibreOffice and font reproduces it.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from soffice import convert_to_pdf, soffice_version

from samples.render import (
    FORM_COLS,
    MARGINS,
    MARKERS,
    PAGE_SIZES,
    SPECS_DIR,
    _resolve_spans,
    form_grid,
    load_spec,
)

SOURCE = SPECS_DIR / "yangquan-commerce-2023.yaml"
OUT_DIR = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "variants"
STEM = "yangquan-commerce-2023-writer"
FONT_NAME = "WenQuanYi Micro Hei"  # fonts-wqy-microhei; embedded as a subset with ToUnicode
BORDER = "0.5pt solid #000000"
MASTERS = {"portrait": "Portrait", "landscape": "Landscape"}
ALIGN = {"L": "start", "C": "center", "R": "end"}

# Paragraph styles: (size pt, alignment, first-line indent pt, space before, space after).
TEXT_STYLES: dict[str, tuple[float, str, float, float, float]] = {
    "cover_dept": (30, "center", 0, 190, 36),
    "cover_title": (26, "center", 0, 0, 12),
    "toc_title": (20, "center", 0, 0, 18),
    "toc1": (12, "start", 0, 0, 0),
    "toc2": (12, "start", 24, 0, 0),
    "h1": (16, "center", 0, 6, 12),
    "h2": (13, "start", 0, 6, 4),
    "h3": (12, "start", 24, 2, 2),
    "h4": (11.5, "start", 24, 0, 0),
    "p": (11.5, "start", 23, 0, 2),
    "table_title": (16, "center", 0, 0, 4),
    "table_label": (9.5, "end", 0, 0, 0),
    "meta": (10, "start", 0, 0, 3),
    "note": (9, "start", 0, 3, 0),
    "form_title": (15, "center", 0, 0, 4),
    "form_meta": (10, "start", 0, 0, 3),
    "footer": (9, "center", 0, 0, 0),
}

NS = " ".join(
    f'xmlns:{prefix}="urn:oasis:names:tc:opendocument:xmlns:{name}"'
    for prefix, name in (
        ("office", "office:1.0"),
        ("style", "style:1.0"),
        ("text", "text:1.0"),
        ("table", "table:1.0"),
        ("fo", "xsl-fo-compatible:1.0"),
        ("svg", "svg-compatible:1.0"),
    )
)


def frame_width(orientation: str) -> float:
    """The text width (points) of a page of that orientation: the renderer's margins."""
    return PAGE_SIZES[orientation][0] - 2 * MARGINS[orientation][0]


def _text(value: str) -> str:
    """Cell or paragraph text: XML-escaped, "\\n" as a line break, runs of spaces kept."""
    lines = []
    for line in value.split("\n"):
        parts = line.split("  ")
        lines.append('<text:s text:c="2"/>'.join(escape(p) for p in parts))
    return "<text:line-break/>".join(lines)


class Document:
    """Collects the body XML and the automatic styles it needs, then writes the .fodt."""

    def __init__(self, spec: dict[str, Any], split_rows: bool = False) -> None:
        self.spec = spec
        self.split_rows = split_rows
        self.body: list[str] = []
        self.auto: dict[str, str] = {}  # automatic style name -> its XML
        self.pending_master: str | None = "Cover"  # page style the next block starts
        self.restart_numbering = False
        self.orientation = "portrait"
        self.table_count = 0

    # -- styles
    def para_style(self, base: str) -> str:
        """The style name for a paragraph of ``base``; the first block of a new page gets an
        automatic style carrying the page style (and the page-number restart at 第一部分)."""
        if self.pending_master is None:
            return base
        master = self.pending_master
        restart = self.restart_numbering
        name = f"{base}_{master}{'_1' if restart else ''}"
        number = ' style:page-number="1"' if restart else ""
        self.auto[name] = (
            f'<style:style style:name="{name}" style:family="paragraph" '
            f'style:parent-style-name="{base}" style:master-page-name="{master}">'
            f"<style:paragraph-properties{number}/></style:style>"
        )
        self.pending_master, self.restart_numbering = None, False
        return name

    def cell_para_style(self, size: float, align: str) -> str:
        name = f"cell_{str(size).replace('.', '_')}_{align}"
        self.auto[name] = (
            f'<style:style style:name="{name}" style:family="paragraph" '
            f'style:parent-style-name="cell"><style:paragraph-properties '
            f'fo:text-align="{ALIGN[align]}"/><style:text-properties fo:font-size="{size}pt" '
            f'style:font-size-asian="{size}pt"/></style:style>'
        )
        return name

    def cell_style(self, padding: float) -> str:
        name = f"grid_{str(padding).replace('.', '_')}"
        self.auto[name] = (
            f'<style:style style:name="{name}" style:family="table-cell">'
            f'<style:table-cell-properties fo:border="{BORDER}" fo:padding="{padding}pt" '
            f'style:vertical-align="middle"/></style:style>'
        )
        return name

    # -- blocks
    def new_page(self, orientation: str = "portrait") -> None:
        self.pending_master = MASTERS[orientation]
        self.orientation = orientation

    def paragraph(self, style: str, text: str) -> None:
        self.body.append(
            f'<text:p text:style-name="{self.para_style(style)}">{_text(text)}</text:p>'
        )

    def tabbed(self, style: str, parts: Sequence[str]) -> None:
        """One line of left / centre / right parts on tab stops (the meta and form lines)."""
        joined = "<text:tab/>".join(_text(p) for p in parts)
        name = f"{style}_{self.orientation}_{len(parts)}"
        width = frame_width(self.orientation)
        stops = [("right", width)] if len(parts) == 2 else [("center", width / 2), ("right", width)]
        xml_stops = "".join(
            f'<style:tab-stop style:position="{pos:.2f}pt" style:type="{kind}"/>'
            for kind, pos in stops
        )
        self.auto[name] = (
            f'<style:style style:name="{name}" style:family="paragraph" '
            f'style:parent-style-name="{style}"><style:paragraph-properties>'
            f"<style:tab-stops>{xml_stops}</style:tab-stops></style:paragraph-properties>"
            "</style:style>"
        )
        self.body.append(f'<text:p text:style-name="{self.para_style(name)}">{joined}</text:p>')

    def grid(
        self,
        rows: Sequence[Sequence[str]],
        aligns: Sequence[Sequence[str]],
        col_widths: Sequence[float],
        font_size: float,
        padding: float,
    ) -> None:
        """One ruled table: every cell bordered, marker cells merged into their anchor."""
        self.table_count += 1
        name = f"Table{self.table_count}"
        width = sum(col_widths)
        master = ""
        if self.pending_master is not None:
            master = f' style:master-page-name="{self.pending_master}"'
            self.pending_master = None
        styles = [
            f'<style:style style:name="{name}" style:family="table"{master}>'
            f'<style:table-properties style:width="{width:.2f}pt" table:align="center"/>'
            "</style:style>"
        ]
        columns = []
        for c, w in enumerate(col_widths):
            styles.append(
                f'<style:style style:name="{name}.C{c}" style:family="table-column">'
                f'<style:table-column-properties style:column-width="{w:.2f}pt"/></style:style>'
            )
            columns.append(f'<table:table-column table:style-name="{name}.C{c}"/>')
        self.auto[name] = "".join(styles)
        cell = self.cell_style(padding)
        spans = _resolve_spans(rows)
        out = [f'<table:table table:name="{name}" table:style-name="{name}">', *columns]
        row_style = "row_split" if self.split_rows else "row_whole"
        keep = "auto" if self.split_rows else "always"
        self.auto[row_style] = (
            f'<style:style style:name="{row_style}" style:family="table-row">'
            f'<style:table-row-properties fo:keep-together="{keep}"/></style:style>'
        )
        for r, row in enumerate(rows):
            out.append(f'<table:table-row table:style-name="{row_style}">')
            for c, text in enumerate(row):
                if text in MARKERS:
                    out.append("<table:covered-table-cell/>")
                    continue
                r1, c1 = spans.get((r, c), (r, c))
                merge = ""
                if c1 > c:
                    merge += f' table:number-columns-spanned="{c1 - c + 1}"'
                if r1 > r:
                    merge += f' table:number-rows-spanned="{r1 - r + 1}"'
                para = self.cell_para_style(font_size, aligns[r][c])
                out.append(
                    f'<table:table-cell table:style-name="{cell}" office:value-type="string"'
                    f'{merge}><text:p text:style-name="{para}">{_text(text)}</text:p>'
                    "</table:table-cell>"
                )
            out.append("</table:table-row>")
        out.append("</table:table>")
        self.body.append("".join(out))

    # -- parts
    def cover(self) -> None:
        lines = self.spec["cover"]
        self.paragraph("cover_dept", lines[0])
        for line in lines[1:]:
            self.paragraph("cover_title", line)

    def toc(self) -> None:
        toc = self.spec["toc"]
        self.pending_master = "Cover"  # a page break, still without a page number
        self.paragraph("toc_title", toc["title"])
        for level, text, page in toc["entries"]:
            self.tabbed("toc1" if level == 1 else "toc2", [text, page])

    def body_blocks(self) -> None:
        self.new_page("portrait")
        self.restart_numbering = True
        for block in self.spec["body"]:
            if "page_break" in block:
                self.new_page(block["page_break"] or "portrait")
            elif "table" in block:
                self.table(block["table"], block.get("new_page", True))
            elif "form" in block:
                self.form(block["form"], block.get("new_page", True))
            else:
                ((kind, text),) = block.items()
                self.paragraph(kind, text)

    def table(self, code: str, new_page: bool) -> None:
        t = self.spec["tables"][code]
        orientation = t.get("orientation", "portrait")
        if new_page:
            self.new_page(orientation)
        width = frame_width(orientation)
        col_widths = [w * width / sum(t["col_widths"]) for w in t["col_widths"]]
        font_size = float(t.get("font_size", 9 if orientation == "portrait" else 8.5))
        padding = float(t.get("cell_padding", 3))
        self.paragraph("table_title", t["title"])
        self.paragraph("table_label", t["label"])
        self.tabbed("meta", t["meta"])
        header, rows = t["header"], t["rows"]
        centered = set(t.get("centered_rows", []))
        cuts = [0, *t.get("page_breaks", []), len(rows)]
        for i, (a, b) in enumerate(itertools.pairwise(cuts)):
            repeat = i == 0 or bool(t.get("repeat_header"))
            chunk = (header if repeat else []) + rows[a:b]
            if not chunk:
                continue
            if i:
                self.new_page(orientation)  # the next table starts the next page
            n_head = len(header) if repeat else 0
            aligns = [["C"] * len(col_widths)] * n_head + [
                ["C"] * len(col_widths) if j in centered else t["align"] for j in range(a, b)
            ]
            self.grid(chunk, aligns, col_widths, font_size, padding)
        for note in t.get("notes", []):
            self.paragraph("note", note)
        if t.get("empty_note"):
            self.paragraph("note", t["empty_note"])

    def form(self, number: int, new_page: bool) -> None:
        f = self.spec["forms"][number - 1]
        if new_page:
            self.new_page("portrait")
        self.paragraph("form_title", f["title"])
        self.tabbed("form_meta", [f.get("unit_line", ""), f.get("date_line", "")])
        rows, aligns = form_grid(f)
        width = frame_width("portrait")
        self.grid(rows, aligns, [w * width / sum(FORM_COLS) for w in FORM_COLS], 8, 2.5)

    # -- output
    def xml(self) -> str:
        named = [
            '<style:default-style style:family="paragraph"><style:paragraph-properties '
            'fo:orphans="2" fo:widows="2"/><style:text-properties '
            f'style:font-name="{FONT_NAME}" style:font-name-asian="{FONT_NAME}" '
            f'style:font-name-complex="{FONT_NAME}" fo:font-size="10.5pt" '
            'style:font-size-asian="10.5pt" fo:language="zh" fo:country="CN" '
            'style:language-asian="zh" style:country-asian="CN"/></style:default-style>',
            '<style:style style:name="cell" style:family="paragraph"><style:paragraph-properties '
            'fo:margin-top="0pt" fo:margin-bottom="0pt" fo:line-height="125%"/></style:style>',
        ]
        for name, (size, align, indent, before, after) in TEXT_STYLES.items():
            named.append(
                f'<style:style style:name="{name}" style:family="paragraph">'
                f'<style:paragraph-properties fo:text-align="{align}" '
                f'fo:text-indent="{indent}pt" fo:margin-top="{before}pt" '
                f'fo:margin-bottom="{after}pt" fo:line-height="130%"/>'
                f'<style:text-properties fo:font-size="{size}pt" '
                f'style:font-size-asian="{size}pt"/></style:style>'
            )
        layouts, masters = [], []
        for orientation, master in (("portrait", "Cover"), *((o, m) for o, m in MASTERS.items())):
            w, h = PAGE_SIZES[orientation]
            mx, my = MARGINS[orientation]
            layout = f"pm_{master}"
            footer = (
                ""
                if master == "Cover"
                else (
                    '<style:footer-style><style:header-footer-properties fo:min-height="0pt" '
                    'fo:margin-top="4pt"/></style:footer-style>'
                )
            )
            layouts.append(
                f'<style:page-layout style:name="{layout}"><style:page-layout-properties '
                f'fo:page-width="{w:.2f}pt" fo:page-height="{h:.2f}pt" '
                f'style:print-orientation="{orientation}" fo:margin-left="{mx}pt" '
                f'fo:margin-right="{mx}pt" fo:margin-top="{my}pt" '
                f'fo:margin-bottom="{my - 20}pt"/>{footer}</style:page-layout>'
            )
            page_number = (
                ""
                if master == "Cover"
                else (
                    '<style:footer><text:p text:style-name="footer">'
                    '<text:page-number text:select-page="current"/></text:p></style:footer>'
                )
            )
            masters.append(
                f'<style:master-page style:name="{master}" '
                f'style:page-layout-name="{layout}">{page_number}</style:master-page>'
            )
        title = escape(self.spec["document"].get("pdf_title", ""))
        return "".join(
            [
                '<?xml version="1.0" encoding="UTF-8"?>\n',
                f'<office:document {NS} xmlns:dc="http://purl.org/dc/elements/1.1/" '
                'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
                'office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">',
                f"<office:meta><dc:title>{title}</dc:title></office:meta>",
                "<office:font-face-decls>",
                f'<style:font-face style:name="{FONT_NAME}" svg:font-family="{FONT_NAME}"/>',
                "</office:font-face-decls>",
                "<office:styles>",
                *named,
                "</office:styles>",
                "<office:automatic-styles>",
                *layouts,
                *self.auto.values(),
                "</office:automatic-styles>",
                "<office:master-styles>",
                *masters,
                "</office:master-styles>",
                "<office:body><office:text>",
                *self.body,
                "</office:text></office:body></office:document>\n",
            ]
        )


def build_fodt(spec: dict[str, Any], split_rows: bool = False) -> str:
    """The flat OpenDocument text of the whole disclosure ``spec`` describes.

    ``split_rows`` lets a table row break across pages (Writer's and Word's default); the
    committed fixture keeps every row whole, because a 绩效自评表 cell continued on the next
    page is not read back whole today (see samples/README.md).
    """
    doc = Document(spec, split_rows)
    doc.cover()
    doc.toc()
    doc.body_blocks()
    return doc.xml()


def main(argv: list[str] | None = None) -> int:
    """Write the .fodt (in a temporary directory unless --keep-fodt) and the PDF."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out_dir", nargs="?", type=Path, default=OUT_DIR)
    ap.add_argument("--spec", type=Path, default=SOURCE)
    ap.add_argument("--keep-fodt", action="store_true", help="also write the .fodt to OUT_DIR")
    ap.add_argument(
        "--split-rows", action="store_true", help="let rows break across pages (not the fixture)"
    )
    args = ap.parse_args(argv)
    spec = load_spec(args.spec)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        fodt = (args.out_dir if args.keep_fodt else Path(tmp)) / f"{STEM}.fodt"
        fodt.write_text(build_fodt(spec, args.split_rows), encoding="utf-8")
        pdf = convert_to_pdf(fodt, args.out_dir / f"{STEM}.pdf")
    print(f"wrote {pdf} ({pdf.stat().st_size} bytes) with {soffice_version()}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
