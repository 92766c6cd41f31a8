"""The cross rules (between tables) of int_rule_inputs_cross: clean samples, altered copies.

One warehouse holds the clean 2023 and 2022 samples of 阳泉市商务局 and, as other departments,
copies of them with printed figures changed (see rulekit). Every cross rule passes on the clean
samples without a rounding tail or a doubt: the same figures are printed alike in every table.
X-T04-T07 and X-T04-T08 compare nothing there (T07 / T08 say 本表无数据 and T04's 政府性基金 /
国有资本经营 columns are blank), nor X-T06-T09 in 2023 (T09 says 本表无数据 and T06 prints
30212 / 30217 / 30231 / 31013 blank, 30913 "——"). Each altered figure makes its rule fail, with
the catalogue's severity (warning for X-T06-T10 and X-T06-T09), at the row and column that
holds it and with the pages of both tables; a table or line not printed is insufficient_data.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from rulekit import altered, build_warehouse, cell, comparisons, query, sample

from ingestion.records import ExtractedDocument

CROSS_RULES = [
    "X-T01-T02",
    "X-T01-T04",
    "X-T04-T05",
    "X-T04-T07",
    "X-T04-T08",
    "X-T05-T06",
    "X-T06-T10",
    "X-T06-T09",
    "X-EMPTY",
]
CLEAN = "阳泉市商务局"


def without_table(table: str):
    def change(doc: ExtractedDocument) -> ExtractedDocument:
        return dataclasses.replace(
            doc,
            tables=[t for t in doc.tables if t.table_code != table],
            cells=[c for c in doc.cells if c.table_code != table],
        )

    return change


def without_line(table: str, label: str, side: str):
    """Drop every cell of one printed line (a layout that does not print it)."""

    def change(doc: ExtractedDocument) -> ExtractedDocument:
        kept = [
            c
            for c in doc.cells
            if not (c.table_code == table and c.row_label == label and c.side == side)
        ]
        assert len(kept) < len(doc.cells), f"{table} {label}: no cell"
        return dataclasses.replace(doc, cells=kept)

    return change


def declared_empty(table: str, says: bool):
    """Print the table with or without its 说明：本表无数据."""

    def change(doc: ExtractedDocument) -> ExtractedDocument:
        return dataclasses.replace(
            doc,
            tables=[
                dataclasses.replace(t, declared_empty=says) if t.table_code == table else t
                for t in doc.tables
            ],
        )

    return change


S23, S22 = 2023, 2022
ALTERED = {
    # X-T01-T02: T02 合计 财政拨款收入 1,700.18 against T01 lines 一+二+三 = 1,710.18; and
    # T01 本年收入合计 1,720.18 against T02 合计 1,710.18
    "改T02财政拨款": (
        S23,
        [
            cell("T02", "TOTAL", "fiscal_appropriation", "1,700.18"),
            cell("T01", "本年收入合计", "amount", "1,720.18", side="income"),
        ],
    ),
    # X-T01-T04: T04 一、一般公共预算财政拨款 1,700.18 against T01 line 一 1,710.18
    "改T04收入行": (
        S23,
        [cell("T04", "一、一般公共预算财政拨款", "amount", "1,700.18", side="income")],
    ),
    # X-T04-T05: T04 十五、商业服务业等支出 一般公共预算 860.19 against T05 216 866.19; and
    # T04 本年支出合计 一般公共预算 1,704.18 against T05 合计 1,710.18
    "改T04一般公共预算": (
        S23,
        [
            cell("T04", "十五、商业服务业等支出", "general_public_budget", "860.19"),
            cell("T04", "本年支出合计", "general_public_budget", "1,704.18"),
        ],
    ),
    # X-T04-T07 / X-T04-T08 (and X-EMPTY): T04 本年支出合计 政府性基金 5.00 and 国有资本经营
    # 3.00, while T07 and T08 say 本表无数据
    "改T04基金支出": (
        S23,
        [
            cell("T04", "本年支出合计", "government_fund", "5.00"),
            cell("T04", "本年支出合计", "state_capital", "3.00"),
        ],
    ),
    # X-T05-T06 (and X-T06-T10): T06 公用经费合计 60.63, so 770.13 + 60.63 ≠ T05 基本 829.76
    "改T06公用经费": (S23, [cell("T06", "公用经费合计", "amount", "60.63")]),
    # X-T06-T10: T10 (一)行政单位 58.63 against T06 公用经费合计 59.63
    "改T10机关运行经费": (S23, [cell("T10", "(一)行政单位", "value", "58.63")]),
    # X-T06-T09: T09 决算数 公务接待费 0.00 below T06 30217 0.08; 因公出国(境) 3.00 above T06
    # 30212 (blank) is within the bound
    "改T09接待费": (
        S22,
        [
            cell("T09", "三公经费", "actual_reception", "0.00"),
            cell("T09", "三公经费", "actual_overseas", "3.00"),
        ],
    ),
    # X-T06-T09: T06 30217 0.10 while T09 says 本表无数据
    "改T06接待费": (S23, [cell("T06", "30217", "amount", "0.10")]),
    # X-EMPTY: T07 prints no figure without saying 本表无数据; T01 二、政府性基金 5.00 while
    # T07 prints nothing (also X-T01-T02 财政拨款 and X-T01-T04 政府性基金 fail)
    "T07未注明无数据": (
        S23,
        [
            declared_empty("T07", says=False),
            cell("T01", "二、政府性基金预算财政拨款收入", "amount", "5.00", side="income"),
        ],
    ),
    # X-EMPTY: T07 prints 5.00 of expenditure (matching T04: X-T04-T07 passes) yet says 本表无数据
    "T07有数却注明无数据": (
        S23,
        [
            cell("T04", "本年支出合计", "government_fund", "5.00"),
            cell("T07", "TOTAL", "total", "5.00"),
        ],
    ),
    # insufficient_data: no T10 (as in the 9-table layouts); no T01 上级补助收入 line while
    # T02 prints 上级补助收入 2.00; T08's 合计 本年支出 unreadable ("l2.00")
    "缺T10缺行": (
        S23,
        [
            without_table("T10"),
            without_line("T01", "四、上级补助收入", side="income"),
            cell("T02", "TOTAL", "superior_subsidy", "2.00"),
            cell("T08", "TOTAL", "total", "l2.00"),
        ],
    ),
}

# Every failing comparison of the altered documents: department, rule, tables, row_key,
# column_key, expected, actual, severity, source pages.
FAILING = """
改T02财政拨款       X-T01-T02 T01,T02 TOTAL        fiscal_appropriation  1710.18 1700.18 error 5,7
改T02财政拨款       X-T01-T02 T01,T02 TOTAL        total                 1720.18 1710.18 error 6,7
改T04收入行         X-T01-T04 T01,T04 一般公共预算财政拨款 amount         1710.18 1700.18 error 5,9
改T04一般公共预算   X-T04-T05 T04,T05 216          general_public_budget 866.19  860.19  error 9,11
改T04一般公共预算   X-T04-T05 T04,T05 TOTAL        general_public_budget 1710.18 1704.18 error 10,11
改T04基金支出       X-T04-T07 T04,T07 TOTAL        total                 0       5.00    error 10,14
改T04基金支出       X-T04-T08 T04,T08 TOTAL        total                 0       3.00    error 10,15
改T04基金支出       X-EMPTY   T04,T07 本年支出合计 government_fund       0       5.00    error 10
改T04基金支出       X-EMPTY   T04,T08 本年支出合计 state_capital         0       3.00    error 10
改T06公用经费       X-T05-T06 T05,T06 TOTAL        basic                 830.76  829.76  error 11,13
改T06公用经费       X-T06-T10 T06,T10 公用经费合计 amount                59.63   60.63 warning 13,17
改T10机关运行经费   X-T06-T10 T06,T10 公用经费合计 amount                58.63   59.63 warning 13,17
改T09接待费         X-T06-T09 T06,T09 30217        actual_reception      0.08    0.00  warning 13,16
改T06接待费         X-T06-T09 T06,T09 30217        actual_reception      0.10    0     warning 13,16
T07未注明无数据     X-EMPTY   T07     本表无数据   declared_empty        1       0       error 14
T07未注明无数据     X-EMPTY   T01,T07 政府性基金预算财政拨款 amount       0       5.00    error 5
T07未注明无数据     X-T01-T02 T01,T02 TOTAL        fiscal_appropriation  1715.18 1710.18 error 5,7
T07未注明无数据     X-T01-T04 T01,T04 政府性基金预算财政拨款 amount       5.00    0       error 5,9
T07有数却注明无数据 X-EMPTY   T07     本表无数据   declared_empty        0       1       error 14
"""
# (X-T06-T09 改T06接待费: T09 says 本表无数据, so its figure is 0, cited at its page 16.
# X-EMPTY 本表无数据: 1 = the table says so; expected 1 where it prints no figure, 0 where it
# prints one.)
FAILURES = {
    tuple(fields[:5]): (fields[5], fields[6], fields[7], [int(p) for p in fields[8].split(",")])
    for fields in (line.split() for line in FAILING.strip().splitlines())
}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    documents = [sample(S23), sample(S22)]
    documents += [
        altered(sample(year), department, *changes)
        for department, (year, changes) in ALTERED.items()
    ]
    return build_warehouse(documents, tmp_path_factory.mktemp("cross"))


def cross_rows(warehouse, department: str, year: int | None = None) -> list[dict]:
    return query(
        warehouse,
        """
        select c.*, d.fiscal_year
        from intermediate.int_reconciliation_comparisons c
        join staging.stg_document d using (document_id)
        join seeds.reconciliation_rules r using (rule_id)
        where r.family = 'cross' and d.department_key = ? and (? is null or d.fiscal_year = ?)
        order by c.rule_id, c.tables, c.row_key, c.column_key
        """,
        department,
        year,
        year,
    )


# The clean samples: (year, rule) → how many figures are compared, and some of them.
CLEAN_COMPARED = {
    "X-T01-T02": {
        S23: (2, {("TOTAL", "total"): "1710.18", ("TOTAL", "fiscal_appropriation"): "1710.18"}),
        S22: (2, {("TOTAL", "total"): "10724.43", ("TOTAL", "fiscal_appropriation"): "10724.43"}),
    },
    "X-T01-T04": {
        S23: (1, {("一般公共预算财政拨款", "amount"): "1710.18"}),
        S22: (1, {("一般公共预算财政拨款", "amount"): "10724.43"}),
    },
    "X-T04-T05": {
        S23: (
            6,
            {
                ("TOTAL", "general_public_budget"): "1710.18",
                ("216", "general_public_budget"): "866.19",
            },
        ),
        S22: (
            6,
            {
                ("TOTAL", "general_public_budget"): "10724.43",
                ("201", "general_public_budget"): "803.13",
            },
        ),
    },
    # both sides blank: T07 / T08 say 本表无数据, T04's fund columns are blank
    "X-T04-T07": {S23: (0, {}), S22: (0, {})},
    "X-T04-T08": {S23: (0, {}), S22: (0, {})},
    "X-T05-T06": {
        S23: (1, {("TOTAL", "basic"): "829.76"}),  # 770.13 + 59.63
        S22: (1, {("TOTAL", "basic"): "901.39"}),  # 817.35 + 84.04
    },
    "X-T06-T10": {
        S23: (1, {("公用经费合计", "amount"): "59.63"}),
        S22: (1, {("公用经费合计", "amount"): "84.04"}),
    },
    # 2023: T09 says 本表无数据 and T06's codes are blank: nothing to compare
    "X-T06-T09": {
        S23: (0, {}),
        S22: (4, {("30217", "actual_reception"): "0.08", ("30212", "actual_overseas"): "0"}),
    },
    # T07, T08 say 本表无数据 and print no figure (1 = 1); T09 too in 2023, while in 2022 it
    # prints figures and does not (0 = 0)
    "X-EMPTY": {
        S23: (3, {("本表无数据", "declared_empty"): "1"}),
        S22: (3, {("本表无数据", "declared_empty"): None}),
    },
}


@pytest.mark.parametrize("rule", CROSS_RULES)
@pytest.mark.parametrize("year", [S23, S22])
def test_every_cross_rule_passes_on_the_clean_samples(warehouse, rule, year):
    rows = [r for r in cross_rows(warehouse, CLEAN, year) if r["rule_id"] == rule]
    count, figures = CLEAN_COMPARED[rule][year]
    assert len(rows) == count
    assert all(r["outcome"] == "pass" and r["input_state"] == "ok" for r in rows), rows
    assert all(r["difference"] == 0 for r in rows), "no rounding tail on the clean samples"
    by_key = {(r["row_key"], r["column_key"]): r for r in rows}
    for key, value in figures.items():
        if value is not None:
            assert by_key[key]["expected"] == by_key[key]["actual"] == Decimal(value), key
    # every compared figure cites both tables' pages (X-EMPTY's 本表无数据: its table's page)
    for r in rows:
        assert len(r["source_pages"]) == (1 if r["tables"] in ("T07", "T08", "T09") else 2), r


def test_the_clean_samples_raise_no_cross_finding(warehouse):
    rows = query(
        warehouse,
        "select rule_id, severity, outcome from marts.fact_reconciliation_finding "
        "where family = 'cross' and department_id = ?",
        CLEAN,
    )
    assert rows == []


@pytest.mark.parametrize("department", list(ALTERED), ids=[f"doc{i}" for i in range(len(ALTERED))])
def test_each_altered_figure_fails_exactly_its_cross_comparisons(warehouse, department):
    failing = {
        (r["rule_id"], r["tables"], r["row_key"], r["column_key"])
        for r in cross_rows(warehouse, department)
        if r["outcome"] == "fail"
    }
    assert failing == {key[1:] for key in FAILURES if key[0] == department}


@pytest.mark.parametrize(
    "key", list(FAILURES), ids=[f"{k[1]}-{k[4]}-{i}" for i, k in enumerate(FAILURES)]
)
def test_the_failure_names_rule_severity_cell_and_pages(warehouse, key):
    department, rule, tables, row_key, column_key = key
    expected, actual, severity, pages = FAILURES[key]
    [row] = [
        r
        for r in comparisons(warehouse, rule, department)
        if (r["tables"], r["row_key"], r["column_key"]) == (tables, row_key, column_key)
    ]
    assert row["outcome"] == "fail"
    assert (row["expected"], row["actual"]) == (Decimal(expected), Decimal(actual))
    assert row["source_pages"] == pages
    [finding] = query(
        warehouse,
        """
        select rule_id, family, severity, outcome, expected, actual, source_pages, message_zh
        from marts.fact_reconciliation_finding
        where department_id = ? and rule_id = ? and tables = ? and row_key = ? and column_key = ?
        """,
        department,
        rule,
        tables,
        row_key,
        column_key,
    )
    assert finding["family"] == "cross"
    assert (finding["severity"], finding["outcome"]) == (severity, "fail")
    assert (finding["expected"], finding["actual"]) == (Decimal(expected), Decimal(actual))
    assert finding["source_pages"] == pages
    assert finding["message_zh"].startswith(f"[{rule}] ")


def test_the_upper_bound_passes_when_t06_is_below_t09(warehouse):
    rows = {r["row_key"]: r for r in comparisons(warehouse, "X-T06-T09", "改T09接待费")}
    # T09 因公出国(境) 3.00 above T06 30212 (blank): expected = max(ΣT06, T09) = 3.00, a silent pass
    overseas = rows["30212"]
    assert (overseas["outcome"], overseas["difference"]) == ("pass", Decimal(0))
    assert overseas["expected"] == overseas["actual"] == Decimal("3.00")
    # …and below it the difference is the T09 figure's shortfall
    assert rows["30217"]["difference"] == Decimal("-0.08")
    assert rows["30217"]["tolerance"] == Decimal("0.01")


def test_matching_fund_figures_pass_and_a_declared_empty_table_is_a_blank_at_its_page(warehouse):
    [t07] = comparisons(warehouse, "X-T04-T07", "T07有数却注明无数据")
    assert (t07["row_key"], t07["column_key"], t07["outcome"]) == ("TOTAL", "total", "pass")
    assert t07["expected"] == t07["actual"] == Decimal("5.00")
    assert t07["source_pages"] == [10, 14]
    # T09 says 本表无数据 and prints no cell: T06 30217 is compared with 0, citing T09's page
    [t09] = comparisons(warehouse, "X-T06-T09", "改T06接待费")
    assert t09["source_pages"] == [13, 16] and t09["actual"] == Decimal(0)


def test_a_table_or_line_not_printed_is_insufficient_data_never_a_failure(warehouse):
    rows = [r for r in cross_rows(warehouse, "缺T10缺行") if r["outcome"] != "pass"]
    assert [(r["rule_id"], r["tables"], r["row_key"], r["column_key"]) for r in rows] == [
        ("X-EMPTY", "T08", "本表无数据", "declared_empty"),
        ("X-T01-T02", "T01,T02", "TOTAL", "superior_subsidy"),
        ("X-T04-T08", "T04,T08", "TOTAL", "total"),
        ("X-T06-T10", "T06,T10", "*", "*"),
    ]
    assert {r["outcome"] for r in rows} == {"insufficient_data"}
    reasons = {r["rule_id"]: r["input_reason"] for r in rows}
    assert reasons["X-EMPTY"] == "T08 has unreadable cells: whether it prints figures is not known"
    assert "T01 income line(s) of this source is not printed" in reasons["X-T01-T02"]
    assert reasons["X-T04-T08"] == 'unreadable cell T08 p15 TOTAL/total: "l2.00"'
    assert reasons["X-T06-T10"] == "table T10 not found (未找到该表)"
    findings = query(
        warehouse,
        "select rule_id, severity, outcome, source_pages from marts.fact_reconciliation_finding "
        "where department_id = ? and family = 'cross' order by rule_id",
        "缺T10缺行",
    )
    assert findings == [
        {
            "rule_id": "X-EMPTY",
            "severity": "warning",
            "outcome": "insufficient_data",
            "source_pages": [15],
        },
        {
            "rule_id": "X-T01-T02",
            "severity": "warning",
            "outcome": "insufficient_data",
            "source_pages": [7],
        },
        {
            "rule_id": "X-T04-T08",
            "severity": "warning",
            "outcome": "insufficient_data",
            "source_pages": [10, 15],
        },
        {
            "rule_id": "X-T06-T10",
            "severity": "warning",
            "outcome": "insufficient_data",
            "source_pages": [],
        },
    ]
