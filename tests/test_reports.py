"""The findings report: evidence for each finding, and the compared cells boxed on the page."""

from __future__ import annotations

import duckdb
import pytest
from PIL import Image
from rulekit import REPO, altered, build_warehouse, cell, sample

from reporting.findings import ACTUAL, TERM, write_document_report

SAMPLE_PDF = REPO / "samples" / "pdf" / "yangquan-commerce-2023.pdf"


@pytest.mark.slow
def test_an_error_is_listed_and_boxed_on_its_page(tmp_path):
    doc = altered(sample(2023), "改行政运行", cell("T03", "2011301", "total", "692.49"))
    warehouse = build_warehouse([doc], tmp_path)
    connection = duckdb.connect(str(warehouse), read_only=True)
    try:
        summary = write_document_report(
            connection, doc.document.document_id, SAMPLE_PDF, tmp_path / "report"
        )
    finally:
        connection.close()

    page = summary.path.read_text(encoding="utf-8")
    errors = {(f["rule_id"], f["row_key"]) for f in summary.top if f["severity"] == "error"}
    assert {("T03-ROW", "2011301"), ("HIER", "20113")} <= errors
    assert "T03-ROW" in page and "2011301" in page and "692.490000" in page
    assert summary.top[0]["severity"] == "error"

    image = Image.open(tmp_path / "report" / "page-008.png").convert("RGB")
    # 20113's printed total is only the figure HIER compares; 2011301's 基本支出 is only a
    # term that T03-ROW sums.
    printed = next(
        c
        for c in doc.cells
        if c.table_code == "T03" and c.subject_code == "20113" and c.column_key == "total"
    )
    term = next(
        c
        for c in doc.cells
        if c.table_code == "T03" and c.subject_code == "2011301" and c.column_key == "basic"
    )
    scale = image.width / 595.28  # A4 width in points

    def tint(c) -> tuple[int, int, int]:
        """The colour just inside the cell's top-left corner: the box's fill, not the text."""
        return image.getpixel((int((c.x0 + 8) * scale), int((c.top + 5) * scale)))

    red, _green, blue = tint(printed)  # the printed figure: filled with the ACTUAL colour
    assert red > blue + 20 and ACTUAL[0] > ACTUAL[2]
    red, _green, blue = tint(term)  # what it was compared with: the TERM colour
    assert blue > red + 20 and TERM[2] > TERM[0]
    untouched = next(
        c
        for c in doc.cells
        if c.table_code == "T03" and c.subject_code == "2210201" and c.column_key == "total"
    )
    assert tint(untouched) == (255, 255, 255)
