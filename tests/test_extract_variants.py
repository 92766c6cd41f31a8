"""The 2023 sample made the two other ways real PDFs are made: what each adds.

``tests/fixtures/variants/`` holds the same disclosure printed from a spreadsheet
(LibreOffice converting an .xlsx with merged, bordered cells) and rendered with its tables in
元 (三公 kept in 万元, as real documents mix units). See samples/README.md, "Variants for
golden tests". That every record of both equals the original's is asserted, with the other
variants, by ``test_variants_metamorphic``; these tests check what is particular to each.
"""

from __future__ import annotations

from decimal import Decimal

from variantkit import FIXTURES, extracted

CODES = [f"T{n:02d}" for n in range(1, 11)]
SPREADSHEET = FIXTURES / "yangquan-commerce-2023-spreadsheet.pdf"
YUAN = FIXTURES / "yangquan-commerce-2023-yuan.pdf"


def test_the_spreadsheet_variant_is_recognised_like_the_original():
    result = extracted(SPREADSHEET)
    assert all(t.status == "extracted" for t in result.tables)
    assert [t.table_code for t in result.tables] == CODES
    assert (result.document.department_name, result.document.fiscal_year) == ("阳泉市商务局", 2023)


def test_yuan_tables_keep_their_printed_value_and_unit():
    tables = {t.table_code: t for t in extracted(YUAN).tables}
    assert tables["T03"].unit_printed == "金额单位：元"
    assert tables["T03"].unit_to_wan_yuan == Decimal("0.0001")
    assert tables["T09"].unit_to_wan_yuan == Decimal(1)  # 三公 stays in 万元
    total = next(
        c
        for c in extracted(YUAN).cells
        if c.table_code == "T03" and c.row_kind == "total" and c.column_key == "total"
    )
    assert (total.printed_text, total.amount) == ("17,101,800.00", Decimal("1710.18"))
    vehicles = next(
        c for c in extracted(YUAN).cells if c.table_code == "T10" and c.measure_unit == "辆"
    )
    assert vehicles.amount == Decimal(1)  # a count is never converted
