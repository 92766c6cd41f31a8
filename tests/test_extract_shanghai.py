"""Golden test on a real published disclosure in the Shanghai layout, cell-exact.

The PDF is 中共上海市普陀区委社会工作部 2024年度部门决算 (WPS-produced, 24 pages); its expected
values in ``tests/fixtures/shanghai-putuo-2024/expected.yaml`` were written by hand from the
rendered pages and checked by arithmetic (``check_expected.py`` there), not produced by this
extractor. See ``SOURCE.md``.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

import goldens
import pytest
import yaml

from ingestion.records import ExtractedDocument

FIXTURE = Path(__file__).parent / "fixtures" / "shanghai-putuo-2024"
PDF = FIXTURE / "shanghai-putuo-social-work-dept-2024-final-accounts.pdf"


def extracted() -> ExtractedDocument:
    return goldens.extracted(PDF)


@cache
def expected() -> dict:
    return yaml.safe_load((FIXTURE / "expected.yaml").read_text(encoding="utf-8"))


def _table(code: str) -> dict:
    return next(t for t in expected()["tables"] if t["code"] == code)


def _cells(code: str):
    return [c for c in extracted().cells if c.table_code == code]


def _amount(printed: str) -> Decimal | None:
    return Decimal(printed.replace(",", "")) if printed else None


def test_document_facts_and_layout():
    document = extracted().document
    facts = expected()["document"]
    assert document.department_name == facts["department"]
    assert document.fiscal_year == facts["fiscal_year"]
    assert document.page_count == facts["page_count"]
    assert document.document_id == facts["sha256"]
    assert document.layout == "shanghai"
    assert document.unit_kind == facts["kind"].removesuffix("决算")  # 部门决算
    assert list(document.tables_found) == facts["table_order"]
    assert document.tables_missing == ()  # the Shanghai layout has no 公开10表


@pytest.mark.parametrize("code", ["T01", "T02", "T03", "T04", "T05", "T06", "T07", "T08", "T09"])
def test_each_table_is_found_where_it_is_printed(code):
    table = next(t for t in extracted().tables if t.table_code == code)
    want = _table(code)
    assert (table.first_page, table.last_page) == (want["first_page"], want["last_page"])
    assert table.unit_printed == want["unit"]
    assert table.declared_empty == want["declared_empty"]
    assert table.label_printed is None
    assert table.status == "extracted", table.reason


@pytest.mark.parametrize("code", ["T02", "T03", "T05"])
def test_subject_tables_cell_exact(code):
    want = _table(code)
    by_row: dict[str, dict[str, str]] = {}
    for cell in _cells(code):
        key = cell.subject_code or "合计"
        by_row.setdefault(key, {})[cell.column_label] = cell.printed_text.strip()
        assert cell.amount == _amount(cell.printed_text.strip())
    amount_columns = [c.split("/")[-1] for c in want["columns"][2:]]
    assert len(by_row) == len(want["rows"])
    for row in want["rows"]:
        code_cell, _name, *amounts = row["cells"]
        got = by_row[code_cell]
        assert list(got.values()) == amounts, (code, code_cell)
        assert len(got) == len(amount_columns)
    pages = {c.subject_code or "合计": c.page for c in _cells(code)}
    assert all(pages[r["cells"][0]] == r["page"] for r in want["rows"])
    names = {c.subject_code: c.row_label for c in _cells(code) if c.subject_code}
    assert all(
        names[r["cells"][0]] == r["cells"][1] for r in want["rows"] if r["cells"][0] != "合计"
    )


@pytest.mark.parametrize("code", ["T01", "T04"])
def test_balance_tables_cell_exact(code):
    want = _table(code)
    income_width = sum(1 for c in want["columns"] if c.startswith("收入/"))
    expected_cells = []
    for row in want["rows"]:
        for side, part in (
            ("income", row["cells"][:income_width]),
            ("expenditure", row["cells"][income_width:]),
        ):
            label, amounts = part[0], part[1:]
            if label:
                expected_cells += [(side, label, a, row["page"]) for a in amounts]
    got = [(c.side, c.row_label, c.printed_text.strip(), c.page) for c in _cells(code)]
    assert sorted(got) == sorted(expected_cells)


def test_basic_expenditure_by_economic_class_cell_exact():
    want = _table("T06")
    got = {
        c.subject_code: (c.row_label, c.printed_text.strip())
        for c in _cells("T06")
        if c.subject_code
    }
    expected_cells = {}
    totals = {}
    for row in want["rows"]:
        cells = row["cells"]
        for start in (0, 3):
            code, name, printed = cells[start : start + 3]
            if code.endswith("合计"):
                totals[code] = _amount(printed)
            elif code:
                expected_cells[code] = (name, printed)
    assert got == expected_cells
    assert {c.row_label: c.amount for c in _cells("T06") if c.row_kind == "total"} == totals


@pytest.mark.parametrize("code", ["T07", "T08", "T09"])
def test_empty_tables_yield_no_figures(code):
    assert all(c.amount_state == "blank" for c in _cells(code))
