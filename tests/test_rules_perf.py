"""The perf rules: 项目支出绩效自评表 checked against themselves.

PERF-FUNDS (合计 = 中央省 + 市 + 县区 + 其它), PERF-RATE (预算执行率 = 执行 / 到位 within
0.5 pp, and the same rate stated twice agrees), PERF-SCORE (总分 against the section scores,
each section ≤ its maximum), PERF-GRADE (优 ≥ 90 > 良 ≥ 80 > 中 ≥ 60 > 差) and PERF-MISSING
(执行金额, 总分 and 等级 are filled in). Their input rows come from int_rule_inputs_perf.

One warehouse for the module (rulekit): the 2023 and 2022 samples as extracted, and three
copies of the 2023 sample whose forms were altered —
  CORRECTED: the sample's contradictions corrected as the department should have printed them:
             every perf comparison passes with no difference;
  WRONG:     one printed error per rule on forms that are clean in the sample;
  EDGE:      differences inside the tolerance, the 预算金额 fallback, printed decimals, a partly
             printed score column, and a form the reader could not read.
A comparison is keyed (rule, form number as printed order, column); "notable" comparisons are
the ones a reader sees in the findings mart: not a pass, or a pass with a difference.
"""

from __future__ import annotations

import csv
from decimal import Decimal as D
from pathlib import Path

import pytest
from rulekit import REPO, altered, build_warehouse, query, replace, sample

CORRECTED = "绩效改正"
WRONG = "绩效改错"
EDGE = "绩效边界"
PERF_RULES = ("PERF-FUNDS", "PERF-RATE", "PERF-SCORE", "PERF-GRADE", "PERF-MISSING")

# The 2023 sample's 14 forms, by their order in the document (row_key).
FORMS_2023 = {
    "1": "2023年内外贸发展-展会及会议经费",
    "2": "2023年小微企业出口信用保险保费市级财政补助",
    "3": "内贸流通统计监测工作经费",
    "4": "政府数字消费券及汽车消费补贴审计费用",
    "5": "2022年促进汽车消费资金",
    "6": "选派干部赴安徽合肥跟班学习经费",
    "7": "阳泉市开发区建设领导小组办公室工作经费",
    "8": "精准扶贫干部驻村工作经费和生活补贴",
    "9": "法律顾问聘请费用",
    "10": "遗属补助",
    "11": "更新会议室视频及音响设备经费",
    "12": "公平竞争审查工作聘请第三方评估费用",
    "13": "2023年项目评审工作经费",
    "14": "2023年“爱心消费券”市级专项资金",
}

# What the rules raise on the 2023 sample, and why ((outcome, expected, actual)).
SAMPLE_2023_NOTABLE = {
    # 2022促进汽车消费资金: the grid says 65%, the conclusion 55%; 800 / 1460 = 54.79% → 55.
    # The grid is the wrong one: it fails against the amounts and against the text.
    ("PERF-RATE", "5", "execution_rate"): ("fail", D("55"), D("65")),
    ("PERF-RATE", "5", "execution_rate_text"): ("fail", D("65"), D("55")),
    # 开发区工作经费: the grid's 34% is right (1.01 / 3 = 33.67% → 34), the conclusion's 84% is not.
    ("PERF-RATE", "7", "execution_rate_text"): ("fail", D("34"), D("84")),
    # 爱心消费券: 执行金额 289.17 = 到位金额 289.17 gives 100%, the grid prints 98.15% (the
    # conclusion's 实际使用283.816万元 gives 98.15%: the grid's 执行金额 is the 到位 figure) ...
    ("PERF-RATE", "14", "execution_rate"): ("fail", D("100"), D("98.15")),
    # ... and the conclusion restates it as 98.16%: 0.01 pp, a tail inside 0.5 pp (info).
    ("PERF-RATE", "14", "execution_rate_text"): ("pass", D("98.15"), D("98.16")),
    # 会议室设备: 执行金额 is blank, so its 99.79% cannot be recomputed, and a required field is
    # missing.
    ("PERF-RATE", "11", "execution_rate"): ("insufficient_data", None, None),
    ("PERF-MISSING", "11", "required_fields"): ("fail", D("0"), D("1")),
    # 跟班学习经费: its conclusion states no grade: missing, and the grade cannot be checked.
    ("PERF-MISSING", "6", "required_fields"): ("fail", D("0"), D("1")),
    ("PERF-GRADE", "6", "grade"): ("insufficient_data", None, None),
    # 法律顾问 2023: the 总分 cell is printed blank: missing, and neither the total against the
    # sections nor the grade (优) against the bands can be checked.
    ("PERF-MISSING", "9", "required_fields"): ("fail", D("0"), D("1")),
    ("PERF-SCORE", "9", "total_score"): ("insufficient_data", None, None),
    ("PERF-GRADE", "9", "grade"): ("insufficient_data", None, None),
}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    base = sample(2023)
    corrected = altered(
        base,
        CORRECTED,
        # the grid's rate as 800 / 1460 gives it
        form(5, execution_rate_grid=D("55"), execution_rate_grid_printed="55%"),
        # the conclusion's rate as the grid and 1.01 / 3 give it
        form(7, execution_rate_text=D("34"), execution_rate_text_printed="预算执行率34%"),
        # 执行金额 as the conclusion states it (实际使用283.816万元), rates as it gives them
        form(
            14,
            executed_total=D("283.82"),
            executed_city=D("283.82"),
            execution_rate_text=D("98.15"),
            execution_rate_text_printed="预算执行率98.15%",
        ),
        # 执行金额 from the form's own cost indicator (2.9937万元): 2.9937 / 3 = 99.79%
        form(11, executed_total=D("2.9937")),
        form(6, stated_grade="优"),  # 跟班学习经费: 总分 100
        form(9, total_score=D("100"), total_score_printed="100"),  # 法律顾问: sections 90, 优
    )
    wrong = altered(
        base,
        WRONG,
        form(3, executed_city=D("6.5")),  # split 6.5 under a 合计 of 6.324
        form(1, execution_rate_grid=D("80"), execution_rate_grid_printed="预算执行率为80%"),
        form(12, execution_rate_text=D("95"), execution_rate_text_printed="预算执行率为95%"),
        form(13, total_score=D("81"), total_score_printed="81"),  # sections 42 + 30 + 10 = 82
        form(2, score_output=D("38")),  # sections 78: 总分 100 is beyond 78 + 10
        form(10, score_output=D("52")),  # 产出指标(50分)
        form(8, stated_grade="良"),  # 总分 99
        form(4, total_score=None, total_score_printed=None, stated_grade=None),
    )
    edge = altered(
        base,
        EDGE,
        # 25.09 / 30 = 83.633% printed as 83.9%: 0.3 pp at the printed precision
        form(1, execution_rate_grid=D("83.9"), execution_rate_grid_printed="预算执行率为83.9%"),
        # 遗属补助 printed with a trailing zero: 7.8948 / 8.0502 = 98.07% is 98.1 at one decimal
        form(10, execution_rate_grid_printed="预算执行率为98.0%"),
        # no 到位金额: the rate is taken on 预算金额 (0.5 / 2 = 25%); at the bands' edge: 80 is 良
        form(
            13,
            received_total=None,
            received_city=None,
            total_score=D("80"),
            total_score_printed="80",
            score_output=D("40"),
        ),
        form(3, executed_city=D("6.334")),  # 0.01 off its 合计 of 6.324, 4 printed terms
        form(2, score_satisfaction=None),  # one section score blank
        form(14, status="insufficient_data", reason="amounts (预算/到位/执行金额) not found"),
    )
    documents = [base, sample(2022), corrected, wrong, edge]
    return build_warehouse(documents, tmp_path_factory.mktemp("perf"))


def form(number: int, **fields: object):
    """Change fields of the form printed ``number``-th in the document."""
    return replace("forms", number - 1, **fields)


def perf(warehouse: Path, department: str, year: int = 2023) -> dict[tuple, dict]:
    """The perf comparisons of one document, keyed (rule, form, column)."""
    rows = query(
        warehouse,
        """
        select c.*
        from intermediate.int_reconciliation_comparisons c
        join staging.stg_document d using (document_id)
        where c.rule_id like 'PERF-%' and d.department_key = ? and d.fiscal_year = ?
        """,
        department,
        year,
    )
    return {(r["rule_id"], r["row_key"], r["column_key"]): r for r in rows}


def notable(rows: dict[tuple, dict]) -> dict[tuple, tuple]:
    """The comparisons a reader sees: not a pass, or a pass with a difference (a tail)."""
    return {
        key: (r["outcome"], r["expected"], r["actual"])
        for key, r in rows.items()
        if r["outcome"] != "pass" or r["difference"] != 0
    }


def inputs(warehouse: Path, department: str, rule: str, row: str, column: str) -> list[dict]:
    """The input rows of one comparison (int_rule_inputs_perf)."""
    return query(
        warehouse,
        """
        select i.* from intermediate.int_rule_inputs_perf i
        join staging.stg_document d using (document_id)
        where d.department_key = ? and d.fiscal_year = 2023
            and i.rule_id = ? and i.row_key = ? and i.column_key = ?
        order by i.role, i.cell_row
        """,
        department,
        rule,
        row,
        column,
    )


def department() -> str:
    return sample(2023).document.department_key


# --- the catalogue ---------------------------------------------------------------------------


def test_the_catalogue_gives_perf_missing_an_exact_tolerance():
    """PERF-MISSING compares a count of blank fields with 0: it needs the exact tolerance.

    With 'none' the tolerance is NULL, every comparison (a complete form too) is a fail, and the
    Great Expectations suite stops on the NULL tolerance.
    """
    path = REPO / "dbt_project" / "seeds" / "reconciliation_rules.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        kinds = {row["rule_id"]: row["tolerance_kind"] for row in csv.DictReader(handle)}
    assert {rule: kinds[rule] for rule in PERF_RULES} == {
        "PERF-FUNDS": "sum",
        "PERF-RATE": "rate_half_point",
        "PERF-SCORE": "sum",
        "PERF-GRADE": "exact",
        "PERF-MISSING": "exact",
    }


# --- the 2023 sample -------------------------------------------------------------------------


def test_every_comparison_names_its_form_and_page(warehouse):
    rows = query(
        warehouse,
        """
        select i.row_key, i.row_label, min(i.page) as page, min(i.tables) as tables
        from intermediate.int_rule_inputs_perf i join staging.stg_document d using (document_id)
        where d.department_key = ? and d.fiscal_year = 2023
        group by i.row_key, i.row_label order by cast(i.row_key as integer)
        """,
        department(),
    )
    assert {r["row_key"]: r["row_label"] for r in rows} == FORMS_2023
    assert {r["tables"] for r in rows} == {"PERF"}
    # each form's first page: 23, 25, 26, 28, 30, 32, 34, 36, 37, 39, 41, 42, 44, 46
    assert [r["page"] for r in rows] == [23, 25, 26, 28, 30, 32, 34, 36, 37, 39, 41, 42, 44, 46]


def test_the_2023_sample_raises_the_seeds_contradictions_and_nothing_else(warehouse):
    rows = perf(warehouse, department())
    assert notable(rows) == SAMPLE_2023_NOTABLE
    # Everything else passes exactly. What is compared, per rule:
    counts = {rule: sum(1 for key in rows if key[0] == rule) for rule in PERF_RULES}
    assert counts == {
        # budget, received and executed of every form that prints a split, but the executed
        # amounts of 开发区 (7) and 会议室 (11), whose split is blank
        "PERF-FUNDS": 14 * 3 - 2,
        # every form's grid rate, and the six conclusions that restate one (3, 4, 5, 7, 12, 14)
        "PERF-RATE": 14 + 6,
        # 总分 of the 13 forms that print section scores (开发区 (7) prints none), and each
        # printed section score whose 一级指标 prints its maximum: 产出指标(50分) and
        # 效益指标(30分) on all 13, 满意度指标(10分) on forms 1, 3, 4 and 13 only
        "PERF-SCORE": 13 + 13 + 13 + 4,
        "PERF-GRADE": 14,
        "PERF-MISSING": 14,
    }
    assert ("PERF-SCORE", "7", "total_score") not in rows
    assert ("PERF-FUNDS", "7", "executed") not in rows


def test_the_development_zone_forms_grid_is_right_and_its_conclusion_wrong(warehouse):
    rows = perf(warehouse, department())
    grid = rows[("PERF-RATE", "7", "execution_rate")]
    assert (grid["outcome"], grid["expected"], grid["actual"]) == ("pass", D("34"), D("34"))
    text = rows[("PERF-RATE", "7", "execution_rate_text")]
    assert (text["difference"], text["tolerance"], text["row_label"]) == (
        D("50"),
        D("0.5"),
        FORMS_2023["7"],
    )
    computed = next(
        r
        for r in inputs(warehouse, department(), "PERF-RATE", "7", "execution_rate")
        if r["role"] == "term"
    )
    assert computed["printed_text"] == (
        "实际执行金额 1.01 / 实际到位金额 3.00 × 100 = 33.666667%, "
        "rounded to 0 decimal(s) as the stated rate is printed"
    )


def test_the_car_consumption_forms_grid_rate_is_not_800_of_1460(warehouse):
    rows = perf(warehouse, department())
    grid = rows[("PERF-RATE", "5", "execution_rate")]
    assert (grid["difference"], grid["column_label"]) == (D("10"), "预算执行率（项目执行情况）")
    text = rows[("PERF-RATE", "5", "execution_rate_text")]
    assert (text["difference"], text["column_label"]) == (D("-10"), "预算执行率（自评结论）")


def test_the_love_voucher_form_prints_executed_equal_to_received_but_98_15(warehouse):
    rows = perf(warehouse, department())
    grid = rows[("PERF-RATE", "14", "execution_rate")]
    assert (grid["difference"], grid["outcome"]) == (D("-1.85"), "fail")
    # its amounts themselves add up: the split is consistent with the wrong 执行金额
    assert rows[("PERF-FUNDS", "14", "executed")]["outcome"] == "pass"


def test_the_meeting_room_forms_blank_executed_amount(warehouse):
    rows = perf(warehouse, department())
    rate = rows[("PERF-RATE", "11", "execution_rate")]
    assert rate["input_reason"] == "实际执行金额 is blank: the rate cannot be recomputed"
    assert rate["source_pages"] == [41]
    (missing,) = inputs(warehouse, department(), "PERF-MISSING", "11", "required_fields")
    assert missing["printed_text"] == "blank: 实际执行金额"


def test_the_2023_findings_name_the_form_with_the_catalogues_severity(warehouse):
    rows = query(
        warehouse,
        """
        select rule_id, row_key, column_key, severity, outcome, source_pages, message_zh
        from marts.fact_reconciliation_finding f
        where family = 'perf' and department_id = ? and fiscal_year = 2023
        """,
        department(),
    )
    severities = {(r["rule_id"], r["row_key"], r["column_key"]): r["severity"] for r in rows}
    # a fail has the catalogue's severity (PERF-MISSING warning, the others error); a tail is
    # info; insufficient_data is a warning
    assert severities == {
        ("PERF-RATE", "5", "execution_rate"): "error",
        ("PERF-RATE", "5", "execution_rate_text"): "error",
        ("PERF-RATE", "7", "execution_rate_text"): "error",
        ("PERF-RATE", "14", "execution_rate"): "error",
        ("PERF-RATE", "14", "execution_rate_text"): "info",
        ("PERF-RATE", "11", "execution_rate"): "warning",
        ("PERF-MISSING", "11", "required_fields"): "warning",
        ("PERF-MISSING", "6", "required_fields"): "warning",
        ("PERF-GRADE", "6", "grade"): "warning",
        ("PERF-MISSING", "9", "required_fields"): "warning",
        ("PERF-SCORE", "9", "total_score"): "warning",
        ("PERF-GRADE", "9", "grade"): "warning",
    }
    assert severities.keys() == SAMPLE_2023_NOTABLE.keys()
    zone = next(r for r in rows if (r["rule_id"], r["row_key"]) == ("PERF-RATE", "7"))
    assert zone["source_pages"] == [34]
    assert zone["message_zh"].endswith(
        "PERF 7 阳泉市开发区建设领导小组办公室工作经费，“预算执行率（自评结论）”："
        "应为 34.00，印为 84.00，差额 50.00，超出容差 0.50。"
    )


def test_the_2022_sample_passes_every_perf_comparison_exactly(warehouse):
    rows = perf(warehouse, department(), 2022)
    # 4 forms, each printing its split (市财政; 中央、省 too on the first), section scores with
    # their maxima (50/30/10) and a grade; two conclusions restate the rate (99.51%, 94.87%).
    counts = {rule: sum(1 for key in rows if key[0] == rule) for rule in PERF_RULES}
    assert counts == {
        "PERF-FUNDS": 12,
        "PERF-RATE": 6,
        "PERF-SCORE": 16,
        "PERF-GRADE": 4,
        "PERF-MISSING": 4,
    }
    assert notable(rows) == {}
    # 9712.50 / 9760 = 99.5133% → 99.51, as printed
    assert rows[("PERF-RATE", "1", "execution_rate")]["expected"] == D("99.51")


# --- corrected: every rule passes ------------------------------------------------------------


def test_the_corrected_forms_pass_every_perf_rule_exactly(warehouse):
    rows = perf(warehouse, CORRECTED)
    assert notable(rows) == {}
    assert {key[0] for key in rows} == set(PERF_RULES)
    # the comparisons the sample could not make are made now
    assert rows[("PERF-RATE", "11", "execution_rate")]["expected"] == D("99.79")
    assert rows[("PERF-SCORE", "9", "total_score")]["actual"] == D("100")
    assert rows[("PERF-GRADE", "6", "grade")]["actual"] == D("4")
    assert rows[("PERF-RATE", "14", "execution_rate")]["expected"] == D("98.15")


# --- one printed error per rule --------------------------------------------------------------


def test_funds_split_that_does_not_add_up_fails(warehouse):
    row = perf(warehouse, WRONG)[("PERF-FUNDS", "3", "executed")]
    # 合计 6.324 against 0 + 6.5 + 0 + 0 (four printed terms: tolerance 0.025)
    assert (
        row["outcome"],
        row["expected"],
        row["actual"],
        row["difference"],
        row["tolerance"],
    ) == (
        "fail",
        D("6.5"),
        D("6.324"),
        D("-0.176"),
        D("0.025"),
    )


def test_funds_split_within_rounding_passes_as_a_tail(warehouse):
    row = perf(warehouse, EDGE)[("PERF-FUNDS", "3", "executed")]
    assert (row["outcome"], row["difference"], row["tolerance"]) == (
        "pass",
        D("-0.01"),
        D("0.025"),
    )


def test_rate_that_the_amounts_do_not_give_fails(warehouse):
    row = perf(warehouse, WRONG)[("PERF-RATE", "1", "execution_rate")]
    # 25.09 / 30 = 83.63%, at the printed precision (a whole number) 84
    assert (row["outcome"], row["expected"], row["actual"]) == ("fail", D("84"), D("80"))


def test_rate_within_half_a_point_passes_as_a_tail(warehouse):
    rows = perf(warehouse, EDGE)
    row = rows[("PERF-RATE", "1", "execution_rate")]
    assert (row["outcome"], row["expected"], row["actual"]) == ("pass", D("83.6"), D("83.9"))
    # 98.0% is printed with one decimal: 7.8948 / 8.0502 = 98.07% is compared as 98.1
    row = rows[("PERF-RATE", "10", "execution_rate")]
    assert (row["outcome"], row["expected"], row["actual"]) == ("pass", D("98.1"), D("98"))


def test_rate_is_taken_on_the_budget_when_nothing_is_received(warehouse):
    rows = perf(warehouse, EDGE)
    row = rows[("PERF-RATE", "13", "execution_rate")]
    assert (row["outcome"], row["expected"], row["difference"]) == ("pass", D("25"), D("0"))
    computed = next(
        r
        for r in inputs(warehouse, EDGE, "PERF-RATE", "13", "execution_rate")
        if r["role"] == "term"
    )
    assert computed["printed_text"].startswith("实际执行金额 0.50 / 预算金额 2.00 × 100 = 25")
    # the received split is now all blank: PERF-FUNDS makes no comparison of it
    assert ("PERF-FUNDS", "13", "received") not in rows


def test_rate_restated_differently_in_the_conclusion_fails(warehouse):
    row = perf(warehouse, WRONG)[("PERF-RATE", "12", "execution_rate_text")]
    assert (row["outcome"], row["expected"], row["actual"]) == ("fail", D("97.5"), D("95"))
    # the grid's 97.5% still agrees with 1.95 / 2
    assert perf(warehouse, WRONG)[("PERF-RATE", "12", "execution_rate")]["outcome"] == "pass"


def test_total_score_below_the_sections_fails(warehouse):
    row = perf(warehouse, WRONG)[("PERF-SCORE", "13", "total_score")]
    # 产出 42 + 效益 30 + 满意度 10 = 82 ≤ 总分 ≤ 92; 81 is 1 below
    assert (row["outcome"], row["expected"], row["actual"], row["difference"]) == (
        "fail",
        D("82"),
        D("81"),
        D("-1"),
    )


def test_total_score_beyond_the_sections_and_the_rate_section_fails(warehouse):
    row = perf(warehouse, WRONG)[("PERF-SCORE", "2", "total_score")]
    # 38 + 30 + 10 = 78, plus at most 10 for 预算执行率: 100 is 12 beyond 88
    assert (row["outcome"], row["expected"], row["actual"], row["difference"]) == (
        "fail",
        D("88"),
        D("100"),
        D("12"),
    )


def test_total_score_passes_where_the_rate_section_explains_the_gap(warehouse):
    rows = perf(warehouse, department())
    # 爱心消费券: 49.86 + 30 + 10 = 89.86, 总分 99.68: the unprinted 预算执行率 section scored 9.82
    assert rows[("PERF-SCORE", "14", "total_score")]["outcome"] == "pass"
    term = next(
        r
        for r in inputs(warehouse, department(), "PERF-SCORE", "14", "total_score")
        if r["cell_row"] == "预算执行率"
    )
    assert term["amount"] == D("9.82")
    assert term["printed_text"] == (
        "预算执行率 section, not printed: 总分 99.68 − Σ sections 89.86, taken within [0, 10]"
    )


def test_section_score_above_its_maximum_fails(warehouse):
    rows = perf(warehouse, WRONG)
    row = rows[("PERF-SCORE", "10", "score_output")]
    assert (row["outcome"], row["expected"], row["actual"], row["column_label"]) == (
        "fail",
        D("50"),
        D("52"),
        "产出指标(50分) 得分",
    )
    # 52 + 30 + 10 = 92 ≤ 98 ≤ 102: the total itself is consistent
    assert rows[("PERF-SCORE", "10", "total_score")]["outcome"] == "pass"


def test_total_score_with_a_blank_section_is_insufficient(warehouse):
    row = perf(warehouse, EDGE)[("PERF-SCORE", "2", "total_score")]
    assert row["outcome"] == "insufficient_data"
    assert row["input_reason"] == (
        "a section score (产出/效益/满意度) is blank: 总分 cannot be checked"
    )


def test_grade_outside_its_band_fails(warehouse):
    row = perf(warehouse, WRONG)[("PERF-GRADE", "8", "grade")]
    # 总分 99 is 优 (4); the conclusion states 良 (3)
    assert (row["outcome"], row["expected"], row["actual"], row["difference"]) == (
        "fail",
        D("4"),
        D("3"),
        D("-1"),
    )
    # the band edges are inclusive: 90 is 优 (sample form 4), 80 is 良
    assert perf(warehouse, department())[("PERF-GRADE", "4", "grade")]["outcome"] == "pass"
    edge = perf(warehouse, EDGE)
    assert edge[("PERF-GRADE", "13", "grade")]["expected"] == D("3")
    assert edge[("PERF-GRADE", "13", "grade")]["outcome"] == "pass"
    assert edge[("PERF-SCORE", "13", "total_score")]["outcome"] == "pass"  # 40 + 30 + 10 = 80


def test_missing_fields_are_counted_as_a_warning(warehouse):
    rows = perf(warehouse, WRONG)
    row = rows[("PERF-MISSING", "4", "required_fields")]
    assert (row["outcome"], row["expected"], row["actual"], row["tolerance"]) == (
        "fail",
        D("0"),
        D("2"),
        D("0"),
    )
    (missing,) = inputs(warehouse, WRONG, "PERF-MISSING", "4", "required_fields")
    assert missing["printed_text"] == "blank: 总分、等级"
    # what needs them cannot be checked
    assert rows[("PERF-SCORE", "4", "total_score")]["outcome"] == "insufficient_data"
    assert rows[("PERF-GRADE", "4", "grade")]["input_reason"] == (
        "等级 is not stated in 自评结论; 总分 is blank"
    )
    # a complete form passes
    assert rows[("PERF-MISSING", "1", "required_fields")]["outcome"] == "pass"
    severity = query(
        warehouse,
        "select severity from marts.fact_reconciliation_finding "
        "where rule_id = 'PERF-MISSING' and department_id = ? and row_key = '4'",
        WRONG,
    )
    assert severity == [{"severity": "warning"}]


def test_the_wrong_document_fails_exactly_where_it_was_altered(warehouse):
    fails = {key for key, r in perf(warehouse, WRONG).items() if r["outcome"] == "fail"}
    sample_fails = {
        key for key, (outcome, _, _) in SAMPLE_2023_NOTABLE.items() if outcome == "fail"
    }
    assert fails - sample_fails == {
        ("PERF-FUNDS", "3", "executed"),
        ("PERF-RATE", "1", "execution_rate"),
        ("PERF-RATE", "12", "execution_rate_text"),
        ("PERF-SCORE", "13", "total_score"),
        ("PERF-SCORE", "2", "total_score"),
        ("PERF-SCORE", "10", "score_output"),
        ("PERF-GRADE", "8", "grade"),
        ("PERF-MISSING", "4", "required_fields"),
    }


def test_a_form_not_read_with_confidence_is_insufficient_for_every_rule(warehouse):
    rows = {key: r for key, r in perf(warehouse, EDGE).items() if key[1] == "14"}
    assert sorted(rows) == sorted((rule, "14", "*") for rule in PERF_RULES)
    assert {r["outcome"] for r in rows.values()} == {"insufficient_data"}
    assert rows[("PERF-RATE", "14", "*")]["input_reason"] == (
        "绩效自评表 14 not read with confidence: amounts (预算/到位/执行金额) not found"
    )


def test_every_read_comparison_has_a_tolerance_its_outcome_agrees_with(warehouse):
    """The one verdict (outcome) is the tolerance's: a readable row has one, and fails beyond it.

    The Great Expectations suite and the findings mart report that outcome as it is, so a NULL
    tolerance on a readable row would be a fail no figure explains.
    """
    rows = query(
        warehouse,
        """
        select rule_id, outcome, count(*) as n
        from intermediate.int_reconciliation_comparisons
        where rule_id like 'PERF-%' and input_state = 'ok'
            and (tolerance is null
                 or (outcome = 'fail') <> (abs_difference > tolerance))
        group by all
        """,
    )
    assert rows == []
    fails = query(
        warehouse,
        """
        select rule_id, count(*) as n from intermediate.int_reconciliation_comparisons
        where rule_id like 'PERF-%' and outcome = 'fail' group by all order by all
        """,
    )
    # the 2023 sample (4 rate contradictions, 3 forms missing a field), WRONG (those and its 8
    # alterations), EDGE (the sample's but for form 14, not read); CORRECTED and 2022 none
    assert {r["rule_id"]: r["n"] for r in fails} == {
        "PERF-FUNDS": 1,
        "PERF-RATE": 4 + (4 + 2) + 3,
        "PERF-SCORE": 3,
        "PERF-GRADE": 1,
        "PERF-MISSING": 3 + (3 + 1) + 3,
    }
