"""Table recognition and cell-exact extraction on the bundled sample disclosures.

Expected values come from the samples' structured descriptions (``samples/specs``), which
hold every figure of the published 阳泉市商务局 2023 text exactly as printed; the PDFs are
rendered from them with ruled grids, merged headers and page breaks like the real ones.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

import goldens
import pytest

from ingestion.locate import locate_tables, title_kind
from ingestion.pdf import open_disclosure
from ingestion.records import ExtractedDocument, TableCode
from ingestion.tables.subject import COLUMN_ALIASES
from samples.render import load_spec

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
YEARS = (2022, 2023)


def extracted(year: int) -> ExtractedDocument:
    return goldens.extracted(SAMPLES / "pdf" / f"yangquan-commerce-{year}.pdf")


@cache
def spec(year: int) -> dict:
    return load_spec(SAMPLES / "specs" / f"yangquan-commerce-{year}.yaml")


def _amount(printed: str) -> Decimal | None:
    return Decimal(printed.replace(",", "")) if printed not in ("", "——") else None


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("收入支出决算总表", "T01"),
        ("收入决算表", "T02"),
        ("支出决算表", "T03"),
        ("财政拨款收入支出决算总表", "T04"),
        ("一般公共预算财政拨款支出决算表", "T05"),
        ("公开 05 表 一般公共预算财政拨款支出决算表", "T05"),
        ("财政拨款“三公”经费支出决算表", "T09"),
        ("阳泉市商务局2023年度收入决算表", "T02"),
        ("三、支出决算表.....6", None),  # a 目录 entry is not a title
        ("三、支出决算情况说明", None),
        ("2023年度支出合计1,710.18万元", None),
    ],
)
def test_title_lines_are_recognised_by_meaning(line, code):
    kind = title_kind(line)
    assert (kind.code.value if kind else None) == code


@pytest.mark.parametrize("year", YEARS)
def test_every_table_is_found_with_label_unit_and_pages(year):
    with open_disclosure(SAMPLES / "pdf" / f"yangquan-commerce-{year}.pdf") as document:
        located = locate_tables(document.pages)
        toc_page = next(p.number for p in document.pages if "目 录" in p.text or "目录" in p.text)
    codes = [t.kind.code.value for t in located]
    assert codes == [f"T{n:02d}" for n in range(1, 11)]
    assert all(t.first_page > toc_page for t in located)
    for table in located:
        assert table.label_printed == f"公开{table.kind.code.value[1:]}表"
        assert table.unit_to_wan_yuan == Decimal(1)
    by_code = {t.kind.code.value: t for t in located}
    # T01 continues on the next page without its header; 本表无数据 under T07 and T08.
    assert by_code["T01"].last_page == by_code["T01"].first_page + 1
    assert [t.declared_empty for t in located if t.kind.code.value in ("T07", "T08")] == [
        True,
        True,
    ]


@pytest.mark.parametrize("year", YEARS)
@pytest.mark.parametrize("code", ["T02", "T03", "T05", "T07", "T08"])
def test_subject_tables_are_cell_exact(year, code):
    table = spec(year)["tables"][code]
    keys = list(COLUMN_ALIASES[TableCode(code)])
    header = table["header"]
    amount_labels = _amount_column_labels(header)
    cells = [c for c in extracted(year).cells if c.table_code == code]
    got = {(c.row_index, c.column_label): c for c in cells}
    assert len(cells) == len(table["rows"]) * len(amount_labels)
    for row_index, row in enumerate(table["rows"]):
        for offset, label in enumerate(amount_labels):
            cell = got[(row_index, label)]
            printed = row[2 + offset]
            assert cell.printed_text.strip() == printed
            assert cell.amount == _amount(printed)
            assert cell.column_number == offset + 1
            if row[0] == "合计":
                assert (cell.subject_code, cell.row_kind) == (None, "total")
            else:
                assert (cell.subject_code, cell.row_label) == (row[0], row[1].replace(" ", ""))
    assert {c.column_key for c in cells} <= set(keys)
    assert len({c.column_key for c in cells}) == len(amount_labels)


@pytest.mark.parametrize("year", YEARS)
@pytest.mark.parametrize("code", ["T01", "T04"])
def test_balance_tables_are_cell_exact(year, code):
    table = spec(year)["tables"][code]
    cells = [c for c in extracted(year).cells if c.table_code == code]
    income_width = table["header"][0].index("支出")
    expected = []
    for row in table["rows"]:
        for side, part in (("income", row[:income_width]), ("expenditure", row[income_width:])):
            label, number, amounts = part[0], part[1], part[2:]
            if label or any(amounts):
                for printed in amounts:
                    expected.append((side, label, int(number) if number else None, printed))
    got = [(c.side, c.row_label, c.line_number, c.printed_text.strip()) for c in cells]
    assert sorted(got, key=str) == sorted(expected, key=str)
    assert all(c.amount == _amount(c.printed_text.strip()) for c in cells)


@pytest.mark.parametrize("year", YEARS)
def test_basic_expenditure_by_economic_class_is_cell_exact(year):
    table = spec(year)["tables"]["T06"]
    cells = [c for c in extracted(year).cells if c.table_code == "T06"]
    coded = {c.subject_code: c for c in cells if c.subject_code}
    expected_codes = 0
    for row in table["rows"]:
        if row[0].endswith("合计"):
            continue
        for start in range(0, len(row), 3):
            code, name, printed = row[start : start + 3]
            if not code:
                continue
            expected_codes += 1
            cell = coded[code]
            assert (cell.row_label, cell.printed_text.strip()) == (name.replace(" ", ""), printed)
            assert cell.side == ("personnel" if start == 0 else "public")
            assert cell.code_kind == "economic"
            assert cell.amount_state == (
                "not_applicable" if printed == "——" else "blank" if not printed else "value"
            )
    assert expected_codes == len(coded)
    totals = {c.row_label: c.amount for c in cells if c.row_kind == "total"}
    last = table["rows"][-1]
    assert totals == {"人员经费合计": _amount(last[2]), "公用经费合计": _amount(last[-1])}


@pytest.mark.parametrize("year", YEARS)
def test_three_public_table_is_cell_exact(year):
    table = spec(year)["tables"]["T09"]
    cells = [c for c in extracted(year).cells if c.table_code == "T09"]
    if not table["rows"]:
        assert cells == []
        assert next(t for t in extracted(year).tables if t.table_code == "T09").declared_empty
        return
    (row,) = table["rows"]
    assert [c.printed_text.strip() for c in sorted(cells, key=lambda c: c.column_number)] == row
    keys = {c.column_key: c.amount for c in cells}
    assert keys["actual_total"] == _amount(row[6])
    assert keys["actual_reception"] == _amount(row[11])
    assert keys["budget_vehicle_purchase"] == _amount(row[3])


@pytest.mark.parametrize("year", YEARS)
def test_disclosure_statistics_are_cell_exact(year):
    table = spec(year)["tables"]["T10"]
    cells = [c for c in extracted(year).cells if c.table_code == "T10"]
    expected = [
        (label.replace(" ", ""), int(number), printed)
        for label, number, printed in (row for row in table["rows"] if len(row) == 3)
        if number not in ("<", "行次", "") and label not in ("项目",)
    ]
    got = [(c.row_label, c.line_number, c.printed_text.strip()) for c in cells]
    assert got == expected
    vehicles = next(c for c in cells if c.row_label.startswith("(一)车辆数"))
    assert (vehicles.measure_unit, vehicles.side) == ("辆", "assets")


def test_the_2023_totals_and_a_wrapped_name():
    cells = {
        (c.table_code, c.subject_code, c.column_key): c.amount
        for c in extracted(2023).cells
        if c.table_code in ("T03", "T05")
    }
    assert cells[("T03", None, "total")] == Decimal("1710.18")
    assert cells[("T03", None, "basic")] == Decimal("829.76")
    assert cells[("T03", None, "project")] == Decimal("880.42")
    assert cells[("T05", "2080505", "basic")] == Decimal("40.34")
    names = {c.subject_code: c.row_label for c in extracted(2023).cells if c.subject_code}
    # Printed on two lines inside its cell; read back as one name.
    assert names["2080505"] == "机关事业单位基本养老保险缴费支出"


def test_document_record_and_provenance():
    result = extracted(2023)
    document = result.document
    assert (document.department_name, document.fiscal_year) == ("阳泉市商务局", 2023)
    assert document.layout == "shanxi"
    assert document.unit_kind == "单位"  # the cover: 2023年度单位决算公开
    assert document.tables_missing == ()
    assert len(document.document_id) == 64
    assert {t.table_code: t.status for t in result.tables} == {
        f"T{n:02d}": "extracted" for n in range(1, 11)
    }
    pages = {t.table_code: (t.first_page, t.last_page) for t in result.tables}
    assert all(c.document_id == document.document_id for c in result.cells)
    for cell in result.cells:
        first, last = pages[cell.table_code]
        assert first <= cell.page <= last


def _amount_column_labels(header: list[list[str]]) -> list[str]:
    """Column labels as the parser joins them (header rows above 栏次, merged cells skipped)."""
    rows = [r for r in header if r[0] != "栏次"]
    labels = []
    for column in range(2, len(rows[0])):
        parts = [r[column] for r in rows if r[column] not in ("<", "^", "")]
        labels.append("".join(parts).replace(" ", ""))
    return labels
