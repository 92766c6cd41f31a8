"""Budgets (部门预算) through the raw layer and dbt: their rules, their marts, and the budget
against the final accounts.

One warehouse holds the 2023 sample 决算 of 阳泉市商务局 with the 2023 budget of the same
department (samples/pdf/yangquan-commerce-2023-budget.pdf, consistent with the 年初预算 its 决算
narrative states), two real budgets (Shanghai Putuo, in 元; Jiangsu 2018), and altered copies
of the sample pair as other departments (see rulekit):

- 改预算行: one 项 of 支出预算表 (B03) prints its 基本支出 1.00 higher: B03-ROW fails in that row
  and B-HIER in its 款 for the basic column;
- 改年初预算: the budget prints its 一般公共预算支出 of one 类 (B07) 10.00 lower (and so its
  合计): the 决算's stated 年初预算 of that 类 no longer equals it (BUDGET-INITIAL fails there)
  while the other 类 still do;
- 改收支总计: the 收支预算总表 (B01) and the 财政拨款收支预算总表 (B04) print 支出总计 0.10 higher
  than their 收入总计: B01-BAL and B04-BAL fail.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import goldens
import pytest
from rulekit import (
    BUDGET_RULES,
    REPO,
    altered,
    build_warehouse,
    comparisons,
    failures,
    query,
    sample,
)

from ingestion.records import ExtractedDocument

SAMPLE_BUDGET = REPO / "samples" / "pdf" / "yangquan-commerce-2023-budget.pdf"
REAL = Path(__file__).parent / "fixtures" / "real"
REAL_BUDGETS = [
    REAL / "shanghai-putuo-social-welfare-home-2024-budget.pdf",
    REAL / "jiangsu-gaoyuan_2018_budget.pdf",
]
DEPARTMENT = "阳泉市商务局"
D = Decimal
ALTERED = ("改预算行", "改年初预算", "改收支总计")


def budget() -> ExtractedDocument:
    return goldens.extracted(SAMPLE_BUDGET)


def first_item(doc: ExtractedDocument, table: str) -> str:
    """The first 项 (7-digit code) the table prints with a basic amount."""
    return next(
        c.subject_code
        for c in doc.cells
        if c.table_code == table
        and c.subject_code
        and len(c.subject_code) == 7
        and c.column_key == "basic"
        and c.amount
    )


def shifted(table: str, code: str, column: str, by: Decimal):
    """Reprint one cell ``by`` more (the samples print 万元)."""

    def change(doc: ExtractedDocument) -> ExtractedDocument:
        hits = [
            i
            for i, c in enumerate(doc.cells)
            if c.table_code == table and c.column_key == column
            and (c.subject_code == code or (code == "TOTAL" and c.row_kind == "total"))
        ]  # fmt: skip
        assert len(hits) == 1, (table, code, column, len(hits))
        old = doc.cells[hits[0]]
        amount = old.amount + by
        doc.cells[hits[0]] = dataclasses.replace(old, amount=amount, printed_text=f"{amount:,.2f}")
        return doc

    return change


def line(table: str, side: str, label: str, column: str, by: Decimal):
    """Reprint one labelled line's cell ``by`` more."""

    def change(doc: ExtractedDocument) -> ExtractedDocument:
        hits = [
            i
            for i, c in enumerate(doc.cells)
            if (c.table_code, c.side, c.row_label, c.column_key) == (table, side, label, column)
        ]
        assert len(hits) == 1, (table, side, label, column, len(hits))
        old = doc.cells[hits[0]]
        amount = old.amount + by
        doc.cells[hits[0]] = dataclasses.replace(old, amount=amount, printed_text=f"{amount:,.2f}")
        return doc

    return change


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    item = first_item(budget(), "B03")
    documents = [
        sample(2023),
        budget(),
        *(goldens.extracted(path) for path in REAL_BUDGETS),
        altered(budget(), "改预算行", shifted("B03", item, "basic", D("1.00"))),
        altered(sample(2023), "改年初预算"),
        altered(
            budget(),
            "改年初预算",
            shifted("B07", "216", "total", D("-10.00")),
            shifted("B07", "TOTAL", "total", D("-10.00")),
        ),
    ]
    documents.append(
        altered(
            budget(),
            "改收支总计",
            line("B01", "expenditure", "支出总计", "amount", D("0.10")),
            line("B04", "expenditure", "支出总计", "total", D("0.10")),
        )
    )
    return build_warehouse(documents, tmp_path_factory.mktemp("budget"))


def test_the_sample_budget_loads_as_a_budget_of_the_sample_department(warehouse):
    rows = query(
        warehouse,
        "select department_id, fiscal_year, document_kind, status from marts.dim_document "
        "where department_id = ? order by document_kind",
        DEPARTMENT,
    )
    assert [(r["fiscal_year"], r["document_kind"], r["status"]) for r in rows] == [
        (2023, "决算", "loaded"),
        (2023, "预算", "loaded"),
    ]


def test_the_budget_rules_pass_on_every_clean_budget(warehouse):
    for rule in BUDGET_RULES:
        rows = comparisons(warehouse, rule)
        clean = [r for r in rows if r["department_key"] not in ALTERED]
        assert {r["department_key"] for r in clean} >= {DEPARTMENT}, rule
        assert [r for r in clean if r["outcome"] == "fail"] == [], rule


def test_a_budget_row_that_does_not_add_up_fails_where_it_is_printed(warehouse):
    item = first_item(budget(), "B03")
    failed = failures(warehouse, "改预算行")
    assert ("B03-ROW", item, "total", D("-1.000000")) in failed
    assert ("B-HIER", item[:5], "basic", D("-1.000000")) in failed
    assert {rule for rule, *_ in failed} == {"B03-ROW", "B-HIER"}


def test_no_final_accounts_rule_is_evaluated_on_a_budget(warehouse):
    rules = query(
        warehouse,
        "select distinct c.rule_id from intermediate.int_reconciliation_comparisons c "
        "join staging.stg_document d using (document_id) where d.document_kind = '预算'",
    )
    assert {r["rule_id"] for r in rules} <= {*BUDGET_RULES, "DOC-IDENTITY", "DOC-COMPLETE",
                                             "DOC-NAME"}  # fmt: skip


def test_the_stated_initial_budget_equals_the_budget_document(warehouse):
    rows = {r["row_key"]: r for r in comparisons(warehouse, "BUDGET-INITIAL", DEPARTMENT)}
    assert set(rows) == {"TOTAL", "201", "208", "210", "216", "221"}
    assert {r["outcome"] for r in rows.values()} == {"pass"}
    assert rows["TOTAL"]["actual"] == rows["TOTAL"]["expected"] == D("733.98")


def test_a_budget_that_prints_another_figure_contradicts_the_stated_initial_budget(warehouse):
    rows = {r["row_key"]: r for r in comparisons(warehouse, "BUDGET-INITIAL", "改年初预算")}
    failed = {key: r["difference"] for key, r in rows.items() if r["outcome"] == "fail"}
    assert failed == {"216": D("10.00"), "TOTAL": D("10.00")}
    assert rows["201"]["outcome"] == "pass"


def test_budget_against_final_accounts_for_the_sample_2023(warehouse):
    rows = {
        r["subject_code"]: r
        for r in query(
            warehouse,
            "select * from marts.fact_budget_vs_actual where department_id = ? "
            "and fiscal_year = 2023",
            DEPARTMENT,
        )
    }
    total = rows["TOTAL"]
    assert (total["budget_amount"], total["stated_initial_budget_amount"]) == (
        D("733.98"),
        D("733.98"),
    )
    assert total["final_amount"] == D("1710.18")
    assert total["difference_amount"] == D("976.20")
    # the 决算 narrative states 完成年初预算的233.00% and, for 商业服务业等支出, 1468.12%
    assert total["execution_rate"] == D("233.00")
    assert rows["216"]["execution_rate"] == D("1468.12")
    assert all(r["stated_equals_budget"] for r in rows.values() if r["subject_level"] in (0, 1))


def test_fact_budget_holds_every_printed_line_of_the_sample_budget(warehouse):
    printed = {
        (c.subject_code or "TOTAL", c.column_key): c.amount
        for c in budget().cells
        if c.table_code == "B07" and c.row_kind in ("total", "subject")
        and c.column_key in ("total", "basic", "project") and c.amount_state == "value"
    }  # fmt: skip
    rows = query(
        warehouse,
        "select subject_code, total_amount, basic_amount, project_amount from marts.fact_budget "
        "where department_id = ? and funding_scope = 'general_public_budget'",
        DEPARTMENT,
    )
    in_mart = {
        (r["subject_code"], column): r[f"{column}_amount"]
        for r in rows
        for column in ("total", "basic", "project")
        if r[f"{column}_amount"] is not None
    }
    assert in_mart == printed
    assert len(rows) > 6


def test_a_budget_summary_that_does_not_balance_fails_at_its_totals(warehouse):
    assert failures(warehouse, "改收支总计") == [
        ("B01-BAL", "总计", "amount", D("-0.100000")),
        ("B04-BAL", "总计", "amount", D("-0.100000")),
    ]
    for rule in ("B01-BAL", "B04-BAL"):
        (clean,) = comparisons(warehouse, rule, DEPARTMENT)
        assert (clean["outcome"], clean["actual"]) == ("pass", D("733.98"))
