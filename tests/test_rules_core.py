"""The first four rules (HIER, T03-ROW, T05-ROW, X-T01-T03): each passes on the clean samples
and fails, at the altered cell and its page, when one printed figure is changed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rulekit import altered, build_warehouse, cell, comparisons, failures, query, sample

CORE_RULES = ("HIER", "T03-ROW", "T05-ROW", "X-T01-T03")


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    documents = [
        sample(2023),
        sample(2022),
        # 支出决算表 行政运行 basic 692.99 → 692.49: its row and its 款 stop adding up.
        altered(sample(2023), "改T03基本", cell("T03", "2011301", "basic", "692.49")),
        # 一般公共预算财政拨款支出决算表 住房公积金 项目支出 printed 1.00 where it was blank.
        altered(sample(2023), "改T05项目", cell("T05", "2210201", "project", "1.00")),
        # 收入支出决算总表 住房保障支出 44.02 → 44.20 while 支出决算表 keeps 44.02.
        altered(
            sample(2023),
            "改T01类",
            cell("T01", "十九、住房保障支出", "amount", "44.20", side="expenditure"),
        ),
    ]
    return build_warehouse(documents, tmp_path_factory.mktemp("core"))


@pytest.mark.parametrize("rule", CORE_RULES)
@pytest.mark.parametrize("year", [2022, 2023])
def test_passes_on_the_clean_samples(warehouse, rule, year):
    rows = [
        r
        for r in comparisons(warehouse, rule, "阳泉市商务局")
        if query(
            warehouse,
            "select fiscal_year from staging.stg_document where document_id = ?",
            r["document_id"],
        )[0]["fiscal_year"]
        == year
    ]
    assert rows, f"{rule} compared nothing in {year}"
    assert {r["outcome"] for r in rows} == {"pass"}
    # Any difference is a published 0.01 rounding tail inside the tolerance.
    assert all(r["abs_difference"] <= r["tolerance"] for r in rows)


def _core_failures(warehouse, department):
    """Fails of these four rules (the sample's own 绩效自评表 contradictions are left aside)."""
    return [f for f in failures(warehouse, department) if f[0] in CORE_RULES]


def test_t03_row_and_hier_fail_on_an_altered_basic_amount(warehouse):
    assert _core_failures(warehouse, "改T03基本") == [
        ("HIER", "20113", "basic", Decimal("0.500000")),  # 692.99 printed over 692.49
        ("T03-ROW", "2011301", "total", Decimal("0.500000")),
    ]
    (row,) = [r for r in comparisons(warehouse, "T03-ROW", "改T03基本") if r["outcome"] == "fail"]
    assert row["source_pages"] == [8]


def test_t05_row_fails_on_an_altered_project_amount(warehouse):
    fails = _core_failures(warehouse, "改T05项目")
    assert ("T05-ROW", "2210201", "total", Decimal("-1.000000")) in fails
    assert {rule for rule, *_ in fails} <= {"T05-ROW", "HIER"}
    finding = query(
        warehouse,
        """
        select f.severity, f.source_pages from marts.fact_reconciliation_finding f
        join staging.stg_document d using (document_id)
        where d.department_key = '改T05项目' and f.rule_id = 'T05-ROW'
          and f.row_key = '2210201'
        """,
    )
    assert finding == [{"severity": "error", "source_pages": [11]}]


def test_x_t01_t03_fails_when_a_class_line_differs_from_its_t03_row(warehouse):
    (row,) = [r for r in comparisons(warehouse, "X-T01-T03", "改T01类") if r["outcome"] == "fail"]
    assert (row["row_key"], row["expected"], row["actual"]) == (
        "221",
        Decimal("44.020000"),
        Decimal("44.200000"),
    )
    assert row["source_pages"] == [5, 8]
