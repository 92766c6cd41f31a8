"""The narrative rules (family text) of int_rule_inputs_text: clean samples, altered copies.

One warehouse holds the clean 2022 and 2023 samples of 阳泉市商务局, the Shanghai fixture (a
real 2024 disclosure of another layout) and, as other departments, copies of the 2023 sample
with one narrative figure (or form) changed (see rulekit).

On the clean samples every amount the narrative cites equals its cell exactly, and every share,
change and completion rate recomputes from the printed amounts within the printed precision
(rounding tails: info). What is not silent, and why:
- TXT-BUDGET: the 三公 sentences say 完成全年预算的0% where the 全年预算 is 0 (2022: the 预算数 of
  因公出国, 公务用车购置 and 运行维护 print 0.00 in 公开09表; 2023: 公开09表 says 本表无数据 and the
  narrative states 全年预算0万元): a rate of a zero budget cannot be computed, so these are
  insufficient_data (a warning) with the reason, never a pass or an error.
- TXT-PERF-COUNT 2023: 1169.59 万元 = Σ 实际执行金额 of the 14 forms taking 2.9937 from the
  成本指标 of the form that leaves its 执行金额 blank (1169.5925: an info tail).
- TXT-PERF-PROJECT: a warning by design showing the gap between T03 合计 项目支出 and the forms
  (2022: 9,823.04 vs 9,747.46; 2023: 880.42 vs 1,169.5925).
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import goldens
import pytest
from rulekit import REPO, altered, build_warehouse, comparisons, query, replace, sample

from ingestion.records import ExtractedDocument

CLEAN = "阳泉市商务局"
SHANGHAI = "中共上海市普陀区委社会工作部"
SHANGHAI_PDF = (
    REPO
    / "tests"
    / "fixtures"
    / "shanghai-putuo-2024"
    / "shanghai-putuo-social-work-dept-2024-final-accounts.pdf"
)
TEXT_RULES = [
    "TXT-AMOUNT",
    "TXT-SHARE",
    "TXT-YOY",
    "TXT-BUDGET",
    "TXT-PERF-COUNT",
    "TXT-PERF-PROJECT",
]


def claim(subject: str, kind: str, **fields: object):
    """Change the one claim of ``subject`` and ``kind``."""

    def change(doc: ExtractedDocument) -> ExtractedDocument:
        hits = [
            i for i, c in enumerate(doc.claims) if c.subject == subject and c.claim_kind == kind
        ]
        assert len(hits) == 1, f"{subject} {kind}: {len(hits)} claims"
        doc.claims[hits[0]] = dataclasses.replace(doc.claims[hits[0]], **fields)
        return doc

    return change


ALTERED = {
    # TXT-AMOUNT: 人员经费 printed 771.13 in the narrative, 770.13 in 公开06表 (p13)
    "改TXT-AMOUNT": [claim("basic.personnel", "amount", value=Decimal("771.13"), printed="771.13")],
    # TXT-SHARE: 基本支出 829.76 of 1,710.18 is 48.52%, printed 46.52%
    "改TXT-SHARE": [claim("expenditure.basic", "share", value=Decimal("46.52"), printed="46.52%")],
    # TXT-YOY: 一般公共服务支出 减少95.05万元 from 803.13 is 下降11.83%, printed 12.83%
    "改TXT-YOY": [
        claim("gpb.class:201", "change_percent", value=Decimal("12.83"), printed="12.83%")
    ],
    # TXT-BUDGET: 社会保障和就业支出 74.53 of 年初预算 65.99 is 112.94%, printed 102.94%
    "改TXT-BUDGET": [
        claim("gpb.class:208", "completion", value=Decimal("102.94"), printed="102.94%")
    ],
    # TXT-PERF-COUNT: 13个 (14 forms), 1179.59万元 (Σ 1169.5925)
    "改TXT-PERF-COUNT": [
        claim("performance.forms", "count", value=Decimal(13), printed="13"),
        claim("performance.amount", "amount", value=Decimal("1179.59"), printed="1179.59"),
    ],
    # TXT-PERF-PROJECT: form 5 (2022年促进汽车消费资金) executes 500 instead of 800
    "改TXT-PERF-PROJECT": [replace("forms", 4, executed_total=Decimal("500"))],
    # TXT-AMOUNT: 财政拨款收入总计 1,710.18万元 stated as 0.17万元 (0.17亿元: a unit slip)
    "改TXT-总计": [
        claim("appropriation.income_total", "amount", value=Decimal("0.17"), printed="0.17")
    ],
    # TXT-SHARE: 基本支出 48.52% printed 48.60%, off by 0.08 point (a ±2 point tolerance hides it)
    "改TXT-占比": [claim("expenditure.basic", "share", value=Decimal("48.60"), printed="48.60%")],
    # a claim naming a cell the table does not print (T06 398): insufficient_data, not a fail
    "TXT-无此单元格": [claim("basic.econ:310", "amount", refers_row="398")],
}

# (rule, row_key, column_key, expected, actual, difference, pages) of the altered figure
FAILS = {
    "改TXT-AMOUNT": (
        "TXT-AMOUNT", "basic.personnel", "amount@p19",
        Decimal("770.13"), Decimal("771.13"), Decimal("1.00"), [13, 19],
    ),
    "改TXT-SHARE": (
        "TXT-SHARE", "expenditure.basic", "share@p18",
        Decimal("48.518869"), Decimal("46.52"), Decimal("-1.998869"), [18],
    ),
    "改TXT-YOY": (
        "TXT-YOY", "gpb.class:201", "change_percent@p19",
        Decimal("-11.834946"), Decimal("-12.83"), Decimal("-0.995054"), [19],
    ),
    "改TXT-BUDGET": (
        "TXT-BUDGET", "gpb.class:208", "completion@p19",
        Decimal("112.941355"), Decimal("102.94"), Decimal("-10.001355"), [19],
    ),
}  # fmt: skip

FORM_PAGES_2023 = [23, 25, 26, 28, 30, 32, 34, 36, 37, 39, 41, 42, 44, 46]


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    documents = [
        sample(2022),
        sample(2023),
        goldens.extracted(SHANGHAI_PDF),
        *(altered(sample(2023), name, *changes) for name, changes in ALTERED.items()),
    ]
    return build_warehouse(documents, tmp_path_factory.mktemp("text"))


def by_year(warehouse: Path, rule: str, department: str = CLEAN) -> dict[int, list[dict]]:
    ids = {sample(year).document.document_id: year for year in (2022, 2023)}
    rows: dict[int, list[dict]] = {2022: [], 2023: []}
    for r in comparisons(warehouse, rule, department):
        rows[ids[r["document_id"]]].append(r)
    return rows


def keyed(rows: list[dict]) -> dict[tuple[str, str], dict]:
    return {(r["row_key"], r["column_key"]): r for r in rows}


def not_silent(rows: list[dict]) -> list[dict]:
    return [r for r in rows if r["outcome"] != "pass" or r["difference"] != 0]


def test_clean_amounts_equal_their_cells_exactly(warehouse):
    rows = by_year(warehouse, "TXT-AMOUNT")
    assert (len(rows[2022]), len(rows[2023])) == (62, 62)
    for year_rows in rows.values():
        assert not_silent(year_rows) == []
    clean = keyed(rows[2023])
    # a few of the cells named: T03 合计 基本支出, T06 人员经费合计, T10 (一)行政单位, 车辆数合计
    # (辆), and 三公 of a 公开09表 that says 本表无数据 (compared with 0 at its page)
    basic = clean[("expenditure.basic", "amount@p18")]
    assert (basic["expected"], basic["tables"], basic["source_pages"]) == (
        Decimal("829.76"), "narrative,T03", [8, 18],
    )  # fmt: skip
    assert clean[("basic.personnel", "amount@p19")]["source_pages"] == [13, 19]
    assert clean[("org_running_cost", "amount@p20")]["expected"] == Decimal("59.63")
    assert clean[("vehicles.total", "count@p21")]["expected"] == Decimal(1)
    reception = clean[("three_public.reception", "amount@p20#1")]
    assert (reception["expected"], reception["source_pages"]) == (Decimal(0), [16, 20])
    # the 2022 三公 table prints its budget: the narrative's 全年预算1.00万元 is that cell
    budget = keyed(rows[2022])[("three_public.total", "budget@p19")]
    assert (budget["expected"], budget["actual"]) == (Decimal("1.00"), Decimal("1.00"))


def test_clean_shares_recompute_within_the_printed_precision(warehouse):
    rows = by_year(warehouse, "TXT-SHARE")
    assert (len(rows[2022]), len(rows[2023])) == (19, 19)
    for year_rows in rows.values():
        assert {r["outcome"] for r in year_rows} == {"pass"}
        assert all(r["tolerance"] == Decimal("0.01") for r in year_rows if r["n_terms"])
    clean = keyed(rows[2023])
    basic = clean[("expenditure.basic", "share@p18")]  # 829.76 / 1,710.18
    assert (basic["expected"], basic["actual"]) == (Decimal("48.518869"), Decimal("48.52"))
    # a share of the 一般公共预算 total (stated in the section's first sentence, p18)
    health = clean[("gpb.class:210", "share@p19")]
    assert (health["expected"], health["actual"], health["source_pages"]) == (
        Decimal("1.015098"), Decimal("1.01"), [18, 19],
    )  # fmt: skip
    # "0%" is printed without decimals: tolerance 0.5 percentage point
    assert clean[("income.business", "share@p18")]["tolerance"] == Decimal("0.5")
    # 占本年支出合计的100.00%: the section states no 本年支出合计, so T03's cell is the base
    gpb = clean[("gpb.expenditure_total", "share@p18")]
    assert (gpb["expected"], gpb["source_pages"]) == (Decimal(100), [8, 18])
    tails = {r["row_key"] for r in not_silent(rows[2023])}
    assert tails == {
        "expenditure.basic", "expenditure.project", "gpb.class:201", "gpb.class:208",
        "gpb.class:210", "gpb.class:216", "gpb.class:221",
    }  # fmt: skip


def test_clean_changes_are_self_consistent(warehouse):
    rows = by_year(warehouse, "TXT-YOY")
    assert (len(rows[2022]), len(rows[2023])) == (13, 13)
    for year_rows in rows.values():
        assert {r["outcome"] for r in year_rows} == {"pass"}
    clean = keyed(rows[2023])
    # 减少9,014.25万元 from 1,710.18 + 9,014.25: 下降84.05% (signed)
    total = clean[("income.total", "change_percent@p18")]
    assert (total["expected"], total["actual"]) == (Decimal("-84.053418"), Decimal("-84.05"))
    # 下降100% (0 of 0.08 last year), printed without decimals: tolerance 0.5
    three = clean[("three_public.total", "change_percent@p20")]
    assert (three["expected"], three["actual"], three["tolerance"]) == (
        Decimal(-100), Decimal(-100), Decimal("0.5"),
    )  # fmt: skip


def test_clean_completion_rates_and_the_zero_budgets(warehouse):
    rows = by_year(warehouse, "TXT-BUDGET")
    insufficient = {
        year: {r["row_key"] for r in year_rows if r["outcome"] == "insufficient_data"}
        for year, year_rows in rows.items()
    }
    assert insufficient == {
        2022: {
            "three_public.overseas",
            "three_public.vehicle_purchase",
            "three_public.vehicle_operation",
        },
        2023: {
            "three_public.total",
            "three_public.overseas",
            "three_public.vehicle_purchase",
            "three_public.vehicle_operation",
            "three_public.reception",
        },
    }
    for year_rows in rows.values():
        assert {r["outcome"] for r in year_rows} == {"pass", "insufficient_data"}
        for r in year_rows:
            if r["outcome"] == "insufficient_data":
                assert "全年预算 is 0" in r["input_reason"], r
    clean = keyed(rows[2023])
    # 完成年初预算的128.7%: one decimal printed (708.08 / 550.16 = 128.704%)
    general = clean[("gpb.class:201", "completion@p19")]
    assert (general["expected"], general["actual"]) == (Decimal("128.704377"), Decimal("128.7"))
    # 2023 三公: 公开09表 (p16) says 本表无数据, so the 公务接待费 budget is 0
    reception = clean[("three_public.reception", "completion@p20")]
    assert reception["source_pages"] == [16, 20]
    assert "本表无数据" in reception["input_reason"]
    # 2022: 公务接待费 0.08 of the 1.00 budget printed in 公开09表 = 8.00%
    reception22 = keyed(rows[2022])[("three_public.reception", "completion@p20")]
    assert (reception22["outcome"], reception22["expected"]) == ("pass", Decimal(8))


def test_clean_performance_count_and_amount(warehouse):
    rows = by_year(warehouse, "TXT-PERF-COUNT")
    got = {
        year: {(r["row_key"], r["outcome"], r["expected"], r["actual"]) for r in year_rows}
        for year, year_rows in rows.items()
    }
    assert got == {
        2022: {
            ("performance.forms", "pass", Decimal(4), Decimal(4)),
            ("performance.amount", "pass", Decimal("9747.46"), Decimal("9747.46")),
        },
        2023: {
            ("performance.forms", "pass", Decimal(14), Decimal(14)),
            # 更新会议室视频及音响设备经费 leaves 执行金额 blank: its 成本指标 2.9937万元 counts
            ("performance.amount", "pass", Decimal("1169.5925"), Decimal("1169.59")),
        },
    }
    amount = keyed(rows[2023])[("performance.amount", "amount@p21")]
    assert "取成本指标 2.9937万元" in amount["row_label"]
    assert amount["source_pages"] == [21, *FORM_PAGES_2023]  # form 11: its 成本指标 on p41


def test_clean_project_gap_is_a_warning(warehouse):
    rows = by_year(warehouse, "TXT-PERF-PROJECT")
    got = {
        year: [(r["outcome"], r["expected"], r["actual"], r["difference"]) for r in year_rows]
        for year, year_rows in rows.items()
    }
    assert got == {
        2022: [("fail", Decimal("9747.46"), Decimal("9823.04"), Decimal("75.58"))],
        2023: [("fail", Decimal("1169.5925"), Decimal("880.42"), Decimal("-289.1725"))],
    }
    assert rows[2023][0]["source_pages"] == [8, *FORM_PAGES_2023]


def test_clean_findings_are_info_tails_and_warnings_only(warehouse):
    findings = query(
        warehouse,
        """
        select fiscal_year, rule_id, severity, outcome, count(*) as n
        from marts.fact_reconciliation_finding
        where family = 'text' and department_id = ?
        group by all order by all
        """,
        CLEAN,
    )
    assert [tuple(f.values()) for f in findings] == [
        (2022, "TXT-BUDGET", "info", "pass", 6),
        (2022, "TXT-BUDGET", "warning", "insufficient_data", 3),
        (2022, "TXT-PERF-PROJECT", "warning", "fail", 1),
        (2022, "TXT-SHARE", "info", "pass", 7),
        (2022, "TXT-YOY", "info", "pass", 13),
        (2023, "TXT-BUDGET", "info", "pass", 6),
        (2023, "TXT-BUDGET", "warning", "insufficient_data", 5),
        (2023, "TXT-PERF-COUNT", "info", "pass", 1),
        (2023, "TXT-PERF-PROJECT", "warning", "fail", 1),
        (2023, "TXT-SHARE", "info", "pass", 7),
        (2023, "TXT-YOY", "info", "pass", 11),
    ]


@pytest.mark.parametrize("department", list(FAILS))
def test_an_altered_narrative_figure_fails_its_rule(warehouse, department):
    rule, row, column, expected, actual, difference, pages = FAILS[department]
    fails = [r for r in comparisons(warehouse, rule, department) if r["outcome"] == "fail"]
    assert [
        (r["row_key"], r["column_key"], r["expected"], r["actual"], r["difference"]) for r in fails
    ] == [(row, column, expected, actual, difference)]
    assert fails[0]["source_pages"] == pages
    findings = query(
        warehouse,
        """
        select rule_id, severity, outcome, row_key, column_key, source_pages
        from marts.fact_reconciliation_finding
        where department_id = ? and family = 'text' and severity = 'error'
        """,
        department,
    )
    assert [tuple(f.values()) for f in findings] == [(rule, "error", "fail", row, column, pages)]


def test_an_altered_performance_count_and_amount_fail(warehouse):
    department = "改TXT-PERF-COUNT"
    fails = {
        r["row_key"]: (r["expected"], r["actual"], r["difference"])
        for r in comparisons(warehouse, "TXT-PERF-COUNT", department)
        if r["outcome"] == "fail"
    }
    assert fails == {
        "performance.forms": (Decimal(14), Decimal(13), Decimal(-1)),
        "performance.amount": (Decimal("1169.5925"), Decimal("1179.59"), Decimal("9.9975")),
    }
    findings = query(
        warehouse,
        """
        select row_key, column_key, severity, source_pages
        from marts.fact_reconciliation_finding
        where department_id = ? and rule_id = 'TXT-PERF-COUNT' order by row_key
        """,
        department,
    )
    assert [tuple(f.values()) for f in findings] == [
        ("performance.amount", "amount@p21", "error", [21, *FORM_PAGES_2023]),
        ("performance.forms", "count@p21", "error", [21, *FORM_PAGES_2023]),
    ]


def test_an_altered_form_moves_the_project_gap(warehouse):
    (row,) = comparisons(warehouse, "TXT-PERF-PROJECT", "改TXT-PERF-PROJECT")
    # Σ 实际执行金额 1169.5925 − 300 against 880.42
    assert (row["outcome"], row["expected"], row["actual"], row["difference"]) == (
        "fail", Decimal("869.5925"), Decimal("880.42"), Decimal("10.8275"),
    )  # fmt: skip
    (finding,) = query(
        warehouse,
        """
        select severity, tables, row_key, column_key, source_pages
        from marts.fact_reconciliation_finding
        where department_id = ? and rule_id = 'TXT-PERF-PROJECT'
        """,
        "改TXT-PERF-PROJECT",
    )
    assert tuple(finding.values()) == (
        "warning", "T03,performance_form", "TOTAL", "project", [8, *FORM_PAGES_2023],
    )  # fmt: skip


def test_a_cell_that_cannot_be_found_is_insufficient_data(warehouse):
    rows = comparisons(warehouse, "TXT-AMOUNT", "TXT-无此单元格")
    assert {r["outcome"] for r in rows} == {"pass", "insufficient_data"}
    (doubt,) = [r for r in rows if r["outcome"] == "insufficient_data"]
    # the pages: the claim's, and the first page of the table the cell was looked for in
    assert (doubt["row_key"], doubt["column_key"], doubt["source_pages"]) == (
        "basic.econ:310", "amount@p19", [12, 19],
    )  # fmt: skip
    assert doubt["input_reason"] == 'no cell of T06 matches row "398" column amount'
    (finding,) = query(
        warehouse,
        "select severity, outcome from marts.fact_reconciliation_finding "
        "where department_id = ? and rule_id = 'TXT-AMOUNT'",
        "TXT-无此单元格",
    )
    assert tuple(finding.values()) == ("warning", "insufficient_data")


def test_shanghai_wording_and_layout(warehouse):
    """The Shanghai fixture: a 95.89% computed against 全年预算 but worded 完成年初预算 (年初
    预算 0万元), the 9.55% share of 9.5575% (a tail), no 公开10表 in its layout, a new
    department's 增长100.00%, and no 绩效自评表 in the document."""
    budget = {r["row_key"]: r for r in comparisons(warehouse, "TXT-BUDGET", SHANGHAI)}
    total = budget["gpb.expenditure_total"]
    assert total["outcome"] == "insufficient_data"
    assert total["input_reason"].startswith("年初预算 is 0 (printed 0 on p18)")
    assert total["input_reason"].endswith("against 全年预算 321.02 it is 95.89%")
    # the 项 rates against their 全年预算 pass (gpb.item:类/款/项 resolved under its 款)
    item = budget["gpb.item:201/社会工作事务/行政运行"]
    assert (item["outcome"], item["expected"]) == ("pass", Decimal("98.692308"))
    amounts = comparisons(warehouse, "TXT-AMOUNT", SHANGHAI)
    assert {r["outcome"] for r in amounts if r["row_key"] != "*"} == {"pass"}
    (whole,) = [r for r in amounts if r["row_key"] == "*"]
    assert (whole["tables"], whole["outcome"]) == ("narrative,T10", "insufficient_data")
    assert whole["input_reason"].startswith("table T10 not found (未找到该表): 15 narrative")
    share = keyed(comparisons(warehouse, "TXT-SHARE", SHANGHAI))[("gpb.class:221", "share@p18")]
    assert (share["outcome"], share["expected"], share["actual"]) == (
        "pass", Decimal("9.557534"), Decimal("9.55"),
    )  # fmt: skip
    yoy = comparisons(warehouse, "TXT-YOY", SHANGHAI)
    assert len(yoy) == 6 and {r["outcome"] for r in yoy} == {"insufficient_data"}
    assert all("is 0: a percentage change is undefined" in r["input_reason"] for r in yoy)
    perf = comparisons(warehouse, "TXT-PERF-COUNT", SHANGHAI)
    assert {(r["row_key"], r["outcome"]) for r in perf} == {
        ("performance.forms", "insufficient_data"),
        ("performance.amount", "insufficient_data"),
    }
    assert comparisons(warehouse, "TXT-PERF-PROJECT", SHANGHAI) == []
    errors = query(
        warehouse,
        "select rule_id from marts.fact_reconciliation_finding "
        "where department_id = ? and family = 'text' and severity = 'error'",
        SHANGHAI,
    )
    assert errors == []


def test_a_total_stated_in_the_wrong_unit_is_an_error_that_names_the_slip(warehouse):
    department = "改TXT-总计"
    (fail,) = [
        r for r in comparisons(warehouse, "TXT-AMOUNT", department) if r["outcome"] == "fail"
    ]
    assert (fail["row_key"], fail["expected"], fail["actual"]) == (
        "appropriation.income_total", Decimal("1710.18"), Decimal("0.17"),
    )  # fmt: skip
    findings = query(
        warehouse,
        """
        select rule_id, severity, unit_slip_factor, message_zh, message_en
        from marts.fact_reconciliation_finding
        where department_id = ? and severity = 'error' and family = 'text' order by rule_id
        """,
        department,
    )
    amount = next(f for f in findings if f["rule_id"] == "TXT-AMOUNT")
    assert amount["unit_slip_factor"] == 10000
    assert "相差约 10000 倍，疑为单位错误" in amount["message_zh"]
    assert "a unit slip" in amount["message_en"]
    # the change stated against that total no longer adds up either; it is no unit slip
    yoy = next(f for f in findings if f["rule_id"] == "TXT-YOY")
    assert yoy["unit_slip_factor"] is None
    # an ordinary wrong figure names no slip
    other = query(
        warehouse,
        "select unit_slip_factor from marts.fact_reconciliation_finding "
        "where department_id = '改TXT-AMOUNT' and rule_id = 'TXT-AMOUNT'",
    )
    assert other == [{"unit_slip_factor": None}]


def test_a_share_off_by_less_than_a_point_is_an_error(warehouse):
    # 71.73 % printed where the amounts give 71.65 % passed a ±2 point checker; here the
    # tolerance comes from the printed precision (2 decimals: 0.01 point)
    department = "改TXT-占比"
    (fail,) = [r for r in comparisons(warehouse, "TXT-SHARE", department) if r["outcome"] == "fail"]
    assert (fail["row_key"], fail["expected"], fail["actual"], fail["tolerance"]) == (
        "expenditure.basic", Decimal("48.518869"), Decimal("48.60"), Decimal("0.01"),
    )  # fmt: skip
    severities = query(
        warehouse,
        "select severity from marts.fact_reconciliation_finding "
        "where department_id = ? and rule_id = 'TXT-SHARE' and outcome = 'fail'",
        department,
    )
    assert severities == [{"severity": "error"}]
