"""The intra rules (within one table), one file each: clean samples, altered copies.

One warehouse holds the clean 2023 and 2022 samples of 阳泉市商务局 and, as other departments,
copies of them with printed figures changed (see rulekit). Every rule passes on the clean
samples with no rounding tail at all (the tails of the 2023 sample are in T03 / T05, the rules
of test_rules_core); each altered figure makes its rule fail, with
severity error, at the row and column that holds it and with the page it is printed on.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import pytest
from rulekit import BUDGET_RULES, altered, build_warehouse, cell, comparisons, query, sample

from expectations.catalogue import implemented_rules
from ingestion.records import ExtractedDocument

INTRA_RULES = [
    "T01-BAL-IN",
    "T01-BAL-OUT",
    "T01-BAL",
    "T01-SUM-IN",
    "T01-SUM-OUT",
    "T02-ROW",
    "T04-ROW",
    "T04-BAL",
    "T06-SUM",
    "T07-ROW",
    "T08-ROW",
    "T09-SUM",
    "T10-SUM",
]
CLEAN = "阳泉市商务局"


RULE_FILES = Path(__file__).resolve().parents[1] / "dbt_project" / "macros" / "rules" / "intra"


def test_every_intra_rule_is_one_rule_file():
    """A rule is its catalogue row and rules/intra/rule_<id>.sql defining macro rule_<id>."""
    catalogue = {r.rule_id for r in implemented_rules() if r.family == "intra"}
    files = {}
    for path in RULE_FILES.glob("*.sql"):
        name = path.stem
        assert f"{{% macro {name}() -%}}" in path.read_text(encoding="utf-8"), path
        files[name.removeprefix("rule_").upper().replace("_", "-")] = name
    assert set(files) == catalogue
    # the 决算 rules are tested here, the budget's (预算) in test_rules_budget.py
    final_accounts = {r.rule_id for r in implemented_rules() if r.family == "intra"
                      and r.document_kinds == ("决算",)}  # fmt: skip
    assert set(INTRA_RULES) | {"T03-ROW", "T05-ROW", "HIER"} == final_accounts
    assert catalogue - final_accounts == set(BUDGET_RULES)


def without_cells(table: str, label: str, side: str | None = None):
    """Drop every cell of one printed line (a layout that does not print it)."""

    def change(doc: ExtractedDocument) -> ExtractedDocument:
        kept = [
            c
            for c in doc.cells
            if not (c.table_code == table and c.row_label == label and side in (None, c.side))
        ]
        assert len(kept) < len(doc.cells), f"{table} {label}: no cell"
        return dataclasses.replace(doc, cells=kept)

    return change


def without_table(table: str):
    def change(doc: ExtractedDocument) -> ExtractedDocument:
        return dataclasses.replace(
            doc,
            tables=[t for t in doc.tables if t.table_code != table],
            cells=[c for c in doc.cells if c.table_code != table],
        )

    return change


def unread_table(table: str):
    def change(doc: ExtractedDocument) -> ExtractedDocument:
        return dataclasses.replace(
            doc,
            tables=[
                dataclasses.replace(t, status="insufficient_data", reason="columns not bound")
                if t.table_code == table
                else t
                for t in doc.tables
            ],
            cells=[c for c in doc.cells if c.table_code != table],
        )

    return change


# T07 is printed empty in both samples: a 合计 row with figures, consistent
# (1.00 + 5.00 − 4.00 = 2.00; 1.00 + 3.00 = 4.00)
T07_FIGURES = [
    cell("T07", "TOTAL", "opening_balance", "1.00"),
    cell("T07", "TOTAL", "income", "5.00"),
    cell("T07", "TOTAL", "total", "4.00"),
    cell("T07", "TOTAL", "basic", "1.00"),
    cell("T07", "TOTAL", "project", "3.00"),
    cell("T07", "TOTAL", "closing_balance", "2.00"),
]

S23, S22 = 2023, 2022
ALTERED = {
    # T01-BAL-IN: 年初结转和结余 printed 5.00 while 收入总计 stays 1,710.18
    "改T01收入总计": (S23, [cell("T01", "年初结转和结余", "amount", "5.00", side="income")]),
    # T01-BAL-OUT: 结余分配 printed 3.00 while 支出总计 stays 1,710.18
    "改T01支出总计": (S23, [cell("T01", "结余分配", "amount", "3.00", side="expenditure")]),
    # T01-BAL: 收入总计 1,715.18 (BAL-IN holds with 年初 5.00), 支出总计 1,710.18
    "改T01总计": (
        S23,
        [
            cell("T01", "总计", "amount", "1,715.18", side="income"),
            cell("T01", "年初结转和结余", "amount", "5.00", side="income"),
        ],
    ),
    # T01-SUM-IN: 四、上级补助收入 2.00 not in 本年收入合计
    "改T01收入行": (S23, [cell("T01", "四、上级补助收入", "amount", "2.00", side="income")]),
    # T01-SUM-OUT: 十、节能环保支出 1.00 not in 本年支出合计
    "改T01支出行": (S23, [cell("T01", "十、节能环保支出", "amount", "1.00", side="expenditure")]),
    # T02-ROW: 2011301 事业收入 0.50 not in its 本年收入合计
    "改T02": (S23, [cell("T02", "2011301", "business", "0.50")]),
    # T04-ROW: 十九、住房保障支出 政府性基金 1.00 not in its 合计
    "改T04行": (S23, [cell("T04", "十九、住房保障支出", "government_fund", "1.00")]),
    # T04-BAL: 收入总计 1,711.18 ≠ 支出总计; 二、政府性基金 2.00 not in 本年收入合计 (the
    # 年初 sub-line 一般公共预算财政拨款 9.00 printed below 本年收入合计 is not one of its terms)
    "改T04总计": (
        S23,
        [
            cell("T04", "总计", "amount", "1,711.18", side="income"),
            cell("T04", "二、政府性基金预算财政拨款", "amount", "2.00", side="income"),
            cell("T04", "一般公共预算财政拨款", "amount", "9.00", side="income"),
        ],
    ),
    # T06-SUM: 30201 办公费 7.71 (was 6.71) against 302 59.15; 人员经费合计 771.13 (was 770.13)
    "改T06": (
        S23,
        [cell("T06", "30201", "amount", "7.71"), cell("T06", "人员经费合计", "amount", "771.13")],
    ),
    # T07-ROW: consistent figures, then 年末 2.50 and 项目 3.50
    "T07有数": (S23, T07_FIGURES),
    "改T07": (
        S23,
        [
            *T07_FIGURES,
            cell("T07", "TOTAL", "closing_balance", "2.50"),
            cell("T07", "TOTAL", "project", "3.50"),
        ],
    ),
    # T08-ROW (both samples print T08 empty, its 合计 row blank): 1.00 = 0.40 + 0.60, then
    # 项目支出 0.70
    "T08有数": (
        S23,
        [
            cell("T08", "TOTAL", "total", "1.00"),
            cell("T08", "TOTAL", "basic", "0.40"),
            cell("T08", "TOTAL", "project", "0.60"),
        ],
    ),
    "改T08": (
        S23,
        [
            cell("T08", "TOTAL", "total", "1.00"),
            cell("T08", "TOTAL", "basic", "0.40"),
            cell("T08", "TOTAL", "project", "0.70"),
        ],
    ),
    # T09-SUM (2022: 2023 prints T09 empty): 决算 公务接待 0.18 against 合计 0.08;
    # 预算 购置费 0.50 against 小计 0.00
    "改T09": (
        S22,
        [
            cell("T09", "三公经费", "actual_reception", "0.18"),
            cell("T09", "三公经费", "budget_vehicle_purchase", "0.50"),
        ],
    ),
    # T10-SUM: 服务 0.68 against 合计 1.55; 8.其他用车 2 against 车辆数合计 1
    "改T10": (
        S23,
        [
            cell("T10", "服务", "value", "0.68", side="procurement"),
            cell("T10", "8.其他用车", "value", "2", side="assets"),
        ],
    ),
    # 0.01 tails inside the tolerance: 服务 0.59 (合计 1.55 of 0.97 + 0.59 = 1.56),
    # 一、一般公共服务支出 708.09 in T01 (本年支出合计 1,710.18 of 1,710.19)
    "尾差": (
        S23,
        [
            cell("T10", "服务", "value", "0.59", side="procurement"),
            cell("T01", "一、一般公共服务支出", "amount", "708.09", side="expenditure"),
        ],
    ),
    # unreadable cells, a '——' 类 over a 款 with a figure
    "不可读": (
        S23,
        [
            cell("T01", "总计", "amount", "1,71?.18", side="income"),
            cell("T06", "30201", "amount", "7.9?"),
            cell("T06", "30905", "amount", "1.00"),
        ],
    ),
    # lines and tables not printed or not read
    "缺行": (
        S23,
        [
            without_cells("T01", "结余分配", side="expenditure"),
            without_cells("T04", "本年收入合计", side="income"),
            without_cells("T06", "人员经费合计"),
            without_table("T10"),
        ],
    ),
    "T09不可读": (S22, [unread_table("T09")]),
}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    documents = [sample(2023), sample(2022)]
    for department, (year, changes) in ALTERED.items():
        documents.append(altered(sample(year), department, *changes))
    return build_warehouse(documents, tmp_path_factory.mktemp("intra"))


def rows(warehouse, rule: str, department: str) -> dict[tuple[str, str], dict]:
    return {(r["row_key"], r["column_key"]): r for r in comparisons(warehouse, rule, department)}


def failing(warehouse, rule: str, department: str) -> dict[tuple[str, str], dict]:
    return {k: r for k, r in rows(warehouse, rule, department).items() if r["outcome"] == "fail"}


def finding(warehouse, rule: str, department: str, row_key: str, column_key: str) -> dict:
    found = query(
        warehouse,
        """
        select severity, outcome, expected, actual, difference, source_pages, message_zh
        from marts.fact_reconciliation_finding
        where rule_id = ? and department_id = ? and row_key = ? and column_key = ?
        """,
        rule,
        department,
        row_key,
        column_key,
    )
    assert len(found) == 1, (rule, department, row_key, column_key, found)
    return found[0]


def assert_error(warehouse, rule, department, row_key, column_key, expected, actual, pages):
    """The comparison fails, and the findings mart holds it as an error with its pages."""
    row = rows(warehouse, rule, department)[(row_key, column_key)]
    assert row["outcome"] == "fail", row
    assert (row["expected"], row["actual"]) == (Decimal(expected), Decimal(actual))
    assert row["source_pages"] == pages
    f = finding(warehouse, rule, department, row_key, column_key)
    assert (f["severity"], f["outcome"]) == ("error", "fail")
    assert f["difference"] == Decimal(actual) - Decimal(expected)
    assert f["source_pages"] == pages


# ---- the clean samples -------------------------------------------------------------------------


# comparisons made on each clean sample: (2023, 2022). T07 (both years) and T09 (2023) are printed
# empty, so they compare nothing; T06 compares the 类 with figures (301, 302, 303, 310) and the two
# group totals — 307, 312, 313, 399 are blank and 309, 311 all '——'.
CLEAN_COUNTS = {
    "T01-BAL-IN": (1, 1),
    "T01-BAL-OUT": (1, 1),
    "T01-BAL": (1, 1),
    "T01-SUM-IN": (1, 1),
    "T01-SUM-OUT": (1, 1),
    "T02-ROW": (24, 24),
    "T04-ROW": (7, 7),
    "T04-BAL": (2, 2),
    "T06-SUM": (6, 6),
    "T07-ROW": (0, 0),
    "T08-ROW": (0, 0),
    "T09-SUM": (0, 4),
    "T10-SUM": (2, 2),
}


@pytest.mark.parametrize("rule", INTRA_RULES)
def test_rule_passes_on_the_clean_samples_without_tails(warehouse, rule):
    """No fail, no insufficient_data, and no rounding tail: the 2023 sample's published tails
    (20113, 216, 20805, the basic total) are in T03 / T05 sums, which none of these rules adds
    up; T02 prints the same rows as T03 but only in the 财政拨款 column, so its rows add exactly."""
    by_year = {
        year: [
            r
            for r in comparisons(warehouse, rule, CLEAN)
            if r["document_id"] == sample(year).document.document_id
        ]
        for year in (2023, 2022)
    }
    assert (len(by_year[2023]), len(by_year[2022])) == CLEAN_COUNTS[rule]
    for year_rows in by_year.values():
        assert {r["outcome"] for r in year_rows} <= {"pass"}
        assert all(r["difference"] == 0 for r in year_rows), year_rows
    findings = query(
        warehouse,
        "select * from marts.fact_reconciliation_finding where rule_id = ? and department_id = ?",
        rule,
        CLEAN,
    )
    assert findings == []


def test_clean_figures_are_the_printed_ones(warehouse):
    def clean(rule: str, year: int) -> dict[tuple[str, str], tuple[Decimal, Decimal]]:
        document_id = sample(year).document.document_id
        return {
            (r["row_key"], r["column_key"]): (r["expected"], r["actual"])
            for r in comparisons(warehouse, rule, CLEAN)
            if r["document_id"] == document_id
        }

    assert clean("T01-SUM-OUT", 2022) == {
        ("本年支出合计", "amount"): (Decimal("10724.43"), Decimal("10724.43"))
    }
    assert clean("T06-SUM", 2023) == {
        ("301", "amount"): (Decimal("435.64"), Decimal("435.64")),
        ("302", "amount"): (Decimal("59.15"), Decimal("59.15")),
        ("303", "amount"): (Decimal("334.49"), Decimal("334.49")),
        ("310", "amount"): (Decimal("0.48"), Decimal("0.48")),
        ("人员经费合计", "amount"): (Decimal("770.13"), Decimal("770.13")),
        ("公用经费合计", "amount"): (Decimal("59.63"), Decimal("59.63")),
    }
    assert clean("T09-SUM", 2022) == {
        ("三公经费", "budget_total"): (Decimal("1.00"), Decimal("1.00")),
        ("三公经费", "budget_vehicle_total"): (Decimal("0.00"), Decimal("0.00")),
        ("三公经费", "actual_total"): (Decimal("0.08"), Decimal("0.08")),
        ("三公经费", "actual_vehicle_total"): (Decimal("0.00"), Decimal("0.00")),
    }
    assert clean("T10-SUM", 2023) == {
        ("政府采购", "value"): (Decimal("1.55"), Decimal("1.55")),
        ("车辆数合计", "value"): (Decimal("1"), Decimal("1")),
    }


# ---- an altered printed figure fails its rule at its cell --------------------------------------


def test_t01_bal_in(warehouse):
    assert_error(
        warehouse, "T01-BAL-IN", "改T01收入总计", "收入总计", "amount", "1715.18", "1710.18", [6]
    )
    assert set(failing(warehouse, "T01-BAL-IN", "改T01收入总计")) == {("收入总计", "amount")}
    assert failing(warehouse, "T01-BAL", "改T01收入总计") == {}


def test_t01_bal_out(warehouse):
    assert_error(
        warehouse, "T01-BAL-OUT", "改T01支出总计", "支出总计", "amount", "1713.18", "1710.18", [6]
    )
    assert failing(warehouse, "T01-BAL", "改T01支出总计") == {}


def test_t01_bal(warehouse):
    assert_error(warehouse, "T01-BAL", "改T01总计", "总计", "amount", "1710.18", "1715.18", [6])
    assert failing(warehouse, "T01-BAL-IN", "改T01总计") == {}


def test_t01_sum_in(warehouse):
    # the 一…八 lines are on page 5, 本年收入合计 on page 6
    assert_error(
        warehouse,
        "T01-SUM-IN",
        "改T01收入行",
        "本年收入合计",
        "amount",
        "1712.18",
        "1710.18",
        [5, 6],
    )


def test_t01_sum_out(warehouse):
    assert_error(
        warehouse,
        "T01-SUM-OUT",
        "改T01支出行",
        "本年支出合计",
        "amount",
        "1711.18",
        "1710.18",
        [5, 6],
    )
    row = rows(warehouse, "T01-SUM-OUT", "改T01支出行")[("本年支出合计", "amount")]
    assert row["n_terms"] == 6  # the five printed 类 lines and 节能环保支出


def test_t02_row(warehouse):
    assert_error(warehouse, "T02-ROW", "改T02", "2011301", "total", "693.49", "692.99", [7])
    assert set(failing(warehouse, "T02-ROW", "改T02")) == {("2011301", "total")}


def test_t04_row(warehouse):
    assert_error(warehouse, "T04-ROW", "改T04行", "住房保障支出", "total", "45.02", "44.02", [9])
    assert set(failing(warehouse, "T04-ROW", "改T04行")) == {("住房保障支出", "total")}


def test_t04_bal(warehouse):
    assert_error(warehouse, "T04-BAL", "改T04总计", "总计", "amount", "1710.18", "1711.18", [10])
    # 本年收入合计 (page 10) = the three fund lines (page 9); the 9.00 of the 年初 sub-line
    # 一般公共预算财政拨款, printed below it, is not added
    assert_error(
        warehouse, "T04-BAL", "改T04总计", "本年收入合计", "amount", "1712.18", "1710.18", [9, 10]
    )


def test_t06_sum(warehouse):
    assert_error(warehouse, "T06-SUM", "改T06", "302", "amount", "60.15", "59.15", [12, 13])
    assert_error(
        warehouse, "T06-SUM", "改T06", "人员经费合计", "amount", "770.13", "771.13", [12, 13]
    )
    assert set(failing(warehouse, "T06-SUM", "改T06")) == {
        ("302", "amount"),
        ("人员经费合计", "amount"),
    }


def test_t06_dash_class_is_not_compared_and_not_zero(warehouse):
    # 309 and 311 print '——' in every cell: not compared (not 0 = 0)
    assert ("309", "amount") not in rows(warehouse, "T06-SUM", CLEAN)
    # a '——' 类 over a 款 with a figure is not applicable, so it cannot be checked
    row = rows(warehouse, "T06-SUM", "不可读")[("309", "amount")]
    assert row["outcome"] == "insufficient_data"
    assert "——" in row["input_reason"]


def test_t07_row(warehouse):
    assert {r["outcome"] for r in comparisons(warehouse, "T07-ROW", "T07有数")} == {"pass"}
    assert set(rows(warehouse, "T07-ROW", "T07有数")) == {
        ("TOTAL", "closing_balance"),
        ("TOTAL", "total"),
    }
    # 年末 2.50 against 1.00 + 5.00 − 4.00 (the subtraction is a negated term)
    assert_error(warehouse, "T07-ROW", "改T07", "TOTAL", "closing_balance", "2.00", "2.50", [14])
    assert_error(warehouse, "T07-ROW", "改T07", "TOTAL", "total", "4.50", "4.00", [14])


def test_t08_row(warehouse):
    assert [r["outcome"] for r in comparisons(warehouse, "T08-ROW", "T08有数")] == ["pass"]
    # 合计 1.00 against 0.40 + 0.70, on the page T08 is printed on
    assert_error(warehouse, "T08-ROW", "改T08", "TOTAL", "total", "1.10", "1.00", [15])
    assert set(failing(warehouse, "T08-ROW", "改T08")) == {("TOTAL", "total")}


def test_t09_sum(warehouse):
    assert_error(warehouse, "T09-SUM", "改T09", "三公经费", "actual_total", "0.18", "0.08", [16])
    assert_error(
        warehouse, "T09-SUM", "改T09", "三公经费", "budget_vehicle_total", "0.50", "0.00", [16]
    )
    assert set(failing(warehouse, "T09-SUM", "改T09")) == {
        ("三公经费", "actual_total"),
        ("三公经费", "budget_vehicle_total"),
    }


def test_t10_sum(warehouse):
    assert_error(warehouse, "T10-SUM", "改T10", "政府采购", "value", "1.65", "1.55", [17])
    assert_error(warehouse, "T10-SUM", "改T10", "车辆数合计", "value", "2", "1", [17])


# ---- tolerance and doubts ----------------------------------------------------------------------


def test_a_tail_of_0_01_inside_the_tolerance_is_an_info_pass(warehouse):
    for rule, row_key, column_key, tolerance in [
        ("T10-SUM", "政府采购", "value", "0.015"),  # n = 2 printed terms
        ("T01-SUM-OUT", "本年支出合计", "amount", "0.03"),  # n = 5
    ]:
        row = rows(warehouse, rule, "尾差")[(row_key, column_key)]
        assert row["outcome"] == "pass"
        assert abs(row["difference"]) == Decimal("0.01")
        assert row["tolerance"] == Decimal(tolerance)
        f = finding(warehouse, rule, "尾差", row_key, column_key)
        assert (f["severity"], f["outcome"]) == ("info", "pass")


def test_an_unreadable_cell_is_insufficient_data_not_a_fail(warehouse):
    for rule, row_key in [("T01-BAL-IN", "收入总计"), ("T01-BAL", "总计")]:
        row = rows(warehouse, rule, "不可读")[(row_key, "amount")]
        assert row["outcome"] == "insufficient_data"
        assert "unreadable cell T01 p6" in row["input_reason"]
        f = finding(warehouse, rule, "不可读", row_key, "amount")
        assert (f["severity"], f["outcome"]) == ("warning", "insufficient_data")
    row = rows(warehouse, "T06-SUM", "不可读")[("302", "amount")]
    assert row["outcome"] == "insufficient_data"
    assert '"7.9?"' in row["input_reason"]
    for rule in INTRA_RULES:
        assert failing(warehouse, rule, "不可读") == {}, rule


def test_a_line_or_table_not_printed_is_insufficient_data(warehouse):
    expected = {
        ("T01-BAL-OUT", "支出总计", "amount"): "T01 expenditure line 结余分配 not found",
        ("T04-BAL", "本年收入合计", "amount"): "T04 income line 本年收入合计 not found",
        ("T06-SUM", "人员经费合计", "amount"): "T06 line 人员经费合计 not found",
        ("T10-SUM", "*", "*"): "table T10 not found",
    }
    for (rule, row_key, column_key), reason in expected.items():
        row = rows(warehouse, rule, "缺行")[(row_key, column_key)]
        assert row["outcome"] == "insufficient_data", row
        assert reason in row["input_reason"]
    # the rest of those rules is still checked
    assert rows(warehouse, "T04-BAL", "缺行")[("总计", "amount")]["outcome"] == "pass"
    assert rows(warehouse, "T06-SUM", "缺行")[("公用经费合计", "amount")]["outcome"] == "pass"
    assert set(rows(warehouse, "T10-SUM", "缺行")) == {("*", "*")}
    for rule in INTRA_RULES:
        assert failing(warehouse, rule, "缺行") == {}, rule
    # a table not read: one whole-table row, nothing else
    t09 = rows(warehouse, "T09-SUM", "T09不可读")
    assert set(t09) == {("*", "*")}
    assert t09[("*", "*")]["outcome"] == "insufficient_data"
    assert "T09 is insufficient_data: columns not bound" in t09[("*", "*")]["input_reason"]
