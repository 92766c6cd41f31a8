"""Check the golden-test variants of the 2023 sample: what pdfplumber reads back from them.

Why: ``tests/fixtures/variants/`` holds the same 阳泉市商务局 2023 disclosure made two other
ways — printed from a spreadsheet by LibreOffice (``render_via_spreadsheet.py``) and rendered
with its tables in 元 (``render_in_yuan.py``). Extraction tests assert that every numeric cell
comes out of them exactly as from the original, so the fixtures themselves must be right: this
reads each committed PDF with ``page.extract_tables()`` and compares with the spec it was made
from, without re-rendering anything (LibreOffice is not needed).

For every table 公开01–10表 of each variant:

- the pages: the first page whose text has the table's label and title, plus the following
  pages that hold a ruled table and no other table's label (continuations);
- every header and body row, cell for cell, after whitespace removal; merged positions
  (``"<"``/``"^"``) must read as ``None``; an amount (``1,710.18``), a code, a 行次 or a count
  must come back *exactly*, without whitespace removal (a wrapped amount is a failure);
- the title, label, 部门名称/年度/金额单位 line, 注 and 说明 are in the page text;
- no page's text contains ``(cid:`` (a glyph pdfplumber could not map to Unicode).

Differences an extractor must cope with but that keep every value (header text wrapped in
its cell, cell text touching the border so that the page text runs two cells together, a
table split over pages) are reported as NOTE lines; anything that changes a value or the grid
is a FAIL. For the 元 variant it also checks the conversion against the original spec
(every amount x 10,000 exactly), that the committed PDF is what ``render_in_yuan`` renders
today (byte-identical), and the narrative, forms and 目录 pages as ``check_roundtrip`` does.

Usage::

    uv run scripts/samples/check_variants.py
"""

from __future__ import annotations

import hashlib
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import check_roundtrip
import pdfplumber
import render_in_yuan

from samples.render import MARKERS, SPECS_DIR, load_spec, render_disclosure

VARIANTS_DIR = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "variants"
ORIGINAL = SPECS_DIR / "yangquan-commerce-2023.yaml"
TABLES = ("T01", "T02", "T03", "T04", "T05", "T06", "T07", "T08", "T09", "T10")
NUMERIC = re.compile(r"-?\d{1,3}(?:,\d{3})*\.\d{2}|\d+")
AMOUNT = re.compile(r"-?\d{1,3}(?:,\d{3})*\.\d{2}")


@dataclass
class Report:
    """What one variant's check found."""

    name: str
    pdf: Path
    pages: int = 0
    sha256: str = ""
    starts: dict[str, list[int]] | None = None
    cells: int = 0
    numeric: int = 0
    amounts: int = 0
    fails: list[str] | None = None
    notes: list[str] | None = None

    def __post_init__(self) -> None:
        self.starts, self.fails, self.notes = {}, [], []


def _n(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


def locate_tables(texts: list[str], pdf: pdfplumber.PDF, spec: dict[str, Any]) -> dict:
    """Table code -> its pages (1-based): start page and continuation pages."""
    starts: dict[str, int] = {}
    after = 0
    for code in TABLES:
        t = spec["tables"][code]
        for i in range(after, len(texts)):
            if _n(t["label"]) in texts[i] and _n(t["title"]) in texts[i]:
                starts[code] = i + 1
                after = i + 1
                break
    labels = [_n(spec["tables"][c]["label"]) for c in TABLES]
    out: dict[str, list[int]] = {}
    for code, start in starts.items():
        pages = [start]
        later = [s for s in starts.values() if s > start]
        stop = min(later) if later else len(texts) + 1
        for p in range(start + 1, stop):
            if any(lab in texts[p - 1] for lab in labels) or not pdf.pages[p - 1].find_tables():
                break
            pages.append(p)
        out[code] = pages
    return out


def check_grid(
    report: Report, code: str, t: dict[str, Any], rows_by_page: list[list[list[str | None]]]
) -> None:
    """Compare the read rows with the spec's header + body rows."""
    got = [row for page_rows in rows_by_page for row in page_rows]
    want = t["header"] + t["rows"]
    n_head = len(t["header"])
    if len(got) != len(want):
        report.fails.append(f"{code}: {len(got)} rows read back, spec has {len(want)}")
    wrapped_head, wrapped_body = [], []
    for i, (w, g) in enumerate(zip(want, got, strict=False)):
        where = f"header {i}" if i < n_head else f"row {i - n_head}"
        if len(w) != len(g):
            report.fails.append(f"{code} {where}: {len(g)} cells, expected {len(w)}: {g}")
            continue
        for c, (wc, gc) in enumerate(zip(w, g, strict=True)):
            report.cells += 1
            if wc in MARKERS:
                if gc is not None:
                    report.fails.append(f"{code} {where} col {c}: merged, read {gc!r}")
                continue
            if gc is None:
                report.fails.append(f"{code} {where} col {c}: want {wc!r}, read None (merged)")
                continue
            if NUMERIC.fullmatch(wc):
                report.numeric += 1
                report.amounts += bool(AMOUNT.fullmatch(wc))
                if gc.strip() != wc:
                    report.fails.append(f"{code} {where} col {c}: number {wc!r}, read {gc!r}")
                continue
            if _n(gc) != _n(wc):
                report.fails.append(f"{code} {where} col {c}: want {wc!r}, read {gc!r}")
            elif "\n" in gc.strip() and "\n" not in wc:
                (wrapped_head if i < n_head else wrapped_body).append(_n(wc))
    if wrapped_head:
        report.notes.append(f"{code}: header text wrapped in its cell: {', '.join(wrapped_head)}")
    if wrapped_body:
        report.notes.append(f"{code}: body text wrapped in its cell: {', '.join(wrapped_body)}")
    # How the rows are split over pages, against the spec's page_breaks.
    breaks = t.get("page_breaks", [])
    want_split = [b - a for a, b in zip([0, *breaks], [*breaks, len(t["rows"])], strict=True)]
    want_split[0] += n_head
    got_split = [len(r) for r in rows_by_page]
    if got_split != want_split:
        report.fails.append(
            f"{code}: rows per page {got_split}, the spec's page breaks give {want_split}"
        )
    elif len(got_split) > 1:
        report.notes.append(
            f"{code}: continues on {len(got_split) - 1} more page(s), rows per page {got_split}, "
            "header not repeated"
        )


def check_pdf(report: Report, spec: dict[str, Any], cover: bool = True) -> dict[str, list[int]]:
    """The table, text and glyph checks for one PDF; returns the table pages."""
    data = report.pdf.read_bytes()
    report.sha256 = hashlib.sha256(data).hexdigest()
    with pdfplumber.open(report.pdf) as pdf:
        report.pages = len(pdf.pages)
        raw = [p.extract_text() or "" for p in pdf.pages]
        texts = [_n(t) for t in raw]
        cid = [i + 1 for i, t in enumerate(raw) if "(cid:" in t]
        if cid:
            report.fails.append(f"(cid: glyphs on pages {cid}")
        if cover and not all(_n(line) in texts[0] for line in spec["cover"]):
            report.fails.append(f"cover lines {spec['cover']} not on page 1")
        pages = locate_tables(texts, pdf, spec)
        glued = 0
        for code in TABLES:
            t = spec["tables"][code]
            if code not in pages:
                report.fails.append(f"{code}: no page with {t['label']} {t['title']}")
                continue
            report.starts[code] = pages[code]
            rows_by_page = []
            for p in pages[code]:
                tables = pdf.pages[p - 1].extract_tables()
                if len(tables) != 1:
                    report.fails.append(f"{code} p{p}: {len(tables)} ruled tables, expected 1")
                rows_by_page.append([row for tb in tables for row in tb])
                glued += len(re.findall(r"\d\.\d\d[^\s\d,.]", raw[p - 1]))
            check_grid(report, code, t, rows_by_page)
            text = "".join(texts[p - 1] for p in pages[code])
            extras = [t["title"], t["label"], *t["meta"], *t.get("notes", [])]
            extras += [t["empty_note"]] if t.get("empty_note") else []
            for piece in extras:
                if _n(piece) not in text:
                    report.fails.append(f"{code}: {piece[:40]!r} not in the page text")
        if glued:
            report.notes.append(
                f"page text: {glued} times an amount runs straight into the next cell's text "
                "(e.g. '1,710.18本年支出合计'): cell text touches the cell border, so "
                "extract_text() puts no space between cells; extract_tables() is unaffected"
            )
    return pages


def check_spreadsheet(path: Path) -> Report:
    """The LibreOffice-printed workbook (or any PDF of the 2023 spec): same cells as the spec."""
    sheet = path.stem.endswith("-spreadsheet")
    report = Report("spreadsheet (LibreOffice Calc)" if sheet else "against the 2023 spec", path)
    spec = load_spec(ORIGINAL)
    check_pdf(report, spec)
    xlsx = path.with_suffix(".xlsx")
    if sheet and not xlsx.exists():
        report.notes.append(f"{xlsx.name} is not next to the PDF")
    return report


def check_yuan(path: Path) -> Report:
    """The 元 variant: conversion, determinism, then the same checks plus text/forms/目录."""
    report = Report("tables in 元 (reportlab)", path)
    original = load_spec(ORIGINAL)
    spec = load_spec(path.with_suffix(".yaml"))
    if spec != render_in_yuan.yuan_spec(original):
        report.fails.append(f"{path.with_suffix('.yaml').name} is not what render_in_yuan makes")
    report.fails += render_in_yuan.check_conversion(original, spec)
    pages = check_pdf(report, spec)
    with tempfile.TemporaryDirectory() as tmp:
        layout: dict[str, Any] = {}
        fresh = render_disclosure(spec, Path(tmp) / "fresh.pdf", layout)
        if fresh.read_bytes() != path.read_bytes():
            report.fails.append("the committed PDF differs from a fresh render of its spec")
    for code, where in pages.items():
        expected = check_roundtrip._table_pages(layout, code)
        if where != expected:
            report.fails.append(f"{code}: found on pages {where}, renderer put it on {expected}")
    with pdfplumber.open(path) as pdf:
        report.fails += check_roundtrip.check_text(pdf, spec, layout)
        report.fails += check_roundtrip.check_forms(pdf, spec, layout)
    report.fails += check_roundtrip.check_toc(spec, layout)
    units = {code: spec["tables"][code]["meta"][-1] for code in TABLES}
    report.notes.append(
        "unit lines: "
        + ", ".join(f"{spec['tables'][c]['label']} {u}" for c, u in units.items())
        + "; the narrative and forms keep 万元"
    )
    return report


def main(argv: list[str] | None = None) -> int:
    """Check both variants (or the PDFs given: *-spreadsheet.pdf / *-yuan.pdf); exit 1 on FAIL."""
    args = [Path(a) for a in (argv if argv is not None else sys.argv[1:])]
    paths = args or [
        VARIANTS_DIR / "yangquan-commerce-2023-spreadsheet.pdf",
        VARIANTS_DIR / "yangquan-commerce-2023-yuan.pdf",
    ]
    failed = False
    for path in paths:
        report = check_yuan(path) if path.stem.endswith("-yuan") else check_spreadsheet(path)
        starts = {k: v[0] if len(v) == 1 else v for k, v in (report.starts or {}).items()}
        print(f"{path.name} — {report.name}: {report.pages} pages, sha256 {report.sha256[:16]}…")
        print(f"  table pages: {starts}")
        print(
            f"  {report.cells} grid cells compared, {report.numeric} numeric "
            f"({report.amounts} amounts with decimals) read back exactly"
            if not report.fails
            else f"  {report.cells} grid cells compared, {report.numeric} numeric"
        )
        for note in report.notes or []:
            print(f"  NOTE {note}")
        for fail in report.fails or []:
            print(f"  FAIL {fail}")
        print(f"  {'OK' if not report.fails else f'{len(report.fails)} problem(s)'}")
        failed |= bool(report.fails)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
