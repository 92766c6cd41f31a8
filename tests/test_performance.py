"""Project performance self-evaluation forms (项目支出绩效自评表) read from the sample disclosures.

Expected values come from the samples' structured descriptions (``samples/specs``): each form
is stored there by meaning (info, funds, execution, indicators, total, remarks, date line), and
the PDFs are rendered from them with merged cells, wrapped labels, both bracket widths and grids
that run onto the next page. Texts are compared with whitespace removed (a wrapped cell loses
its line breaks, the spec keeps none), otherwise character for character.
"""

from __future__ import annotations

import copy
import re
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, cast

import pytest
from samplespec import (
    ALL_FORMS,
    SAMPLES,
    TEXT_RATE_AND_GRADE,
    YEARS,
    expected_form,
    expected_indicator_lines,
    nfkc,
    rendered_form_pages,
    sample_pdf,
    spec,
    ws,
)

from ingestion.pdf import PageContent, RuledTable, TextLine, open_disclosure, sha256_of
from ingestion.performance import is_form_title, parse_performance_forms, plain_value
from ingestion.records import PerformanceForm, PerformanceIndicator
from samples.render import render_disclosure


@cache
def parsed(year: int) -> tuple[list[PerformanceForm], list[PerformanceIndicator]]:
    """Each sample PDF is read once; the pages live only inside the with-block."""
    with open_disclosure(sample_pdf(year)) as opened:
        return parse_performance_forms(opened.pages, opened.document_id)


def form(year: int, index: int) -> PerformanceForm:
    return parsed(year)[0][index]


def indicators_of(year: int, index: int) -> list[PerformanceIndicator]:
    return [i for i in parsed(year)[1] if i.form_index == index + 1]


def actual_form(record: PerformanceForm, keys: list[str]) -> dict[str, Any]:
    values = {key: getattr(record, key) for key in keys}
    for key in ("period_printed", "conclusion_text"):
        values[key] = ws(values[key])
    return values


# --- the forms, field by field ---------------------------------------------------------------


@pytest.mark.parametrize("year", YEARS)
def test_every_form_is_found_in_document_order(year):
    forms, _ = parsed(year)
    assert [f.form_index for f in forms] == list(range(1, len(spec(year)["forms"]) + 1))
    assert len(forms) == {2023: 14, 2022: 4}[year]
    path = SAMPLES / "pdf" / f"yangquan-commerce-{year}.pdf"
    assert {f.document_id for f in forms} == {sha256_of(path)}


@pytest.mark.parametrize(("year", "index"), ALL_FORMS)
def test_form_fields_match_the_spec(year, index):
    expected = expected_form(year, index)
    record = form(year, index)
    assert actual_form(record, list(expected)) == expected
    # The restated rate is kept as the words that state it, taken from the conclusion.
    rate = TEXT_RATE_AND_GRADE[year][index][0]
    phrase = record.execution_rate_text_printed
    assert (phrase is None) == (rate is None)
    if phrase is not None:
        assert phrase.startswith("预算执行率") and phrase.endswith(f"{rate}%")
        assert ws(phrase) in ws(spec(year)["forms"][index]["remarks"][0][1])


@pytest.mark.parametrize("year", YEARS)
def test_texts_are_read_without_the_cells_line_wraps(year):
    forms, indicators = parsed(year)
    texts = [getattr(f, k) for f in forms for k in ("conclusion_text", "project_name")]
    texts += [i.level1 for i in indicators] + [i.level3 for i in indicators]
    assert all("\n" not in text for text in texts if text)
    # e.g. the 评审 form's "2小时（含）\n以内300元/人\n，超出时间10\n0元/人*小时…"
    assert any(
        i.target_printed and i.target_printed.startswith("2小时（含）以内300元/人，超出时间100元")
        for i in indicators
    ) is (year == 2023)


@pytest.mark.parametrize(("year", "index"), ALL_FORMS)
def test_expected_text_rate_and_grade_are_what_the_conclusion_states(year, index):
    """Anchors the hand-read table above in the spec's text (it is not the parser's output)."""
    text = nfkc(spec(year)["forms"][index]["remarks"][0][1])
    rate, grade = TEXT_RATE_AND_GRADE[year][index]
    if rate is None:
        assert "执行率" not in text
    else:
        assert re.search(rf"执行率为?{re.escape(rate)}%", text)
    if grade is None:
        assert not re.search(r"(自评|等级).{0,6}[优良中差]", text)
    else:
        assert re.search(rf"(自评|等级).{{0,6}}{grade}", text)


@pytest.mark.parametrize(("year", "index"), ALL_FORMS)
def test_form_pages_are_where_the_renderer_put_them(year, index):
    record = form(year, index)
    assert (record.first_page, record.last_page) == rendered_form_pages(year)[index + 1]
    assert all(record.first_page <= i.page <= record.last_page for i in indicators_of(year, index))


@pytest.mark.parametrize(("year", "index"), ALL_FORMS)
def test_indicator_lines_match_the_spec(year, index):
    expected = expected_indicator_lines(year, index)
    got = [
        tuple(
            ws(v)
            for v in (
                i.level1,
                i.level2,
                i.level3,
                i.target_printed,
                i.actual_printed,
                i.shortfall_reason,
                i.score_printed,
            )
        )
        for i in indicators_of(year, index)
    ]
    assert got == [tuple(ws(v) for v in row) for row in expected]
    assert [i.row_index for i in indicators_of(year, index)] == list(range(len(expected)))


# --- the messy forms of 2023, named -----------------------------------------------------------


def by_name(name: str) -> PerformanceForm:
    return next(f for f in parsed(2023)[0] if name in f.project_name)


def test_development_zone_form_states_34_in_the_grid_and_84_in_the_text():
    f = by_name("开发区建设领导小组办公室")
    assert (f.execution_rate_grid, f.execution_rate_text) == (Decimal(34), Decimal(84))
    assert f.execution_rate_grid_printed == "预算执行率34%"
    assert f.execution_rate_text_printed == "预算执行率84%"
    assert (f.executed_total, f.executed_city) == (Decimal("1.01"), None)  # split left blank
    assert (f.total_score, f.total_score_printed) == (Decimal("90.4"), "90.4")
    # Its 自评得分 cells are blank: no section score is read.
    assert (f.score_output, f.score_benefit, f.score_satisfaction) == (None, None, None)


def test_car_consumption_form_states_65_in_the_grid_and_55_in_the_text():
    f = by_name("促进汽车消费资金")
    assert (f.budget_total, f.received_total, f.executed_total) == (
        Decimal(1460),
        Decimal(1460),
        Decimal(800),
    )
    assert (
        f.budget_central_provincial,
        f.received_central_provincial,
        f.executed_central_provincial,
    ) == (Decimal(1460), Decimal(1460), Decimal(800))
    assert (f.budget_city, f.executed_other) == (Decimal(0), Decimal(0))  # printed 0, not blank
    assert (f.execution_rate_grid, f.execution_rate_text) == (Decimal(65), Decimal(55))
    assert (f.total_score, f.total_score_printed) == (Decimal(90), "90分")
    assert f.score_output == Decimal(50)  # printed "50分"


def test_love_vouchers_form_executes_all_it_received_but_states_98_15():
    f = by_name("爱心消费券")
    assert f.executed_total == f.received_total == Decimal("289.17")
    assert f.execution_rate_grid == Decimal("98.15")
    assert f.execution_rate_text == Decimal("98.16")
    assert f.score_output == Decimal("49.86")


def test_meeting_room_form_leaves_executed_blank_and_states_the_cost_in_an_indicator():
    f = by_name("会议室视频")
    assert f.executed_total is None and f.executed_city is None
    assert f.status == "extracted"  # blank is a printed state, not a missing cell
    assert (f.received_total, f.execution_rate_grid) == (Decimal(3), Decimal("99.79"))
    cost = next(i for i in indicators_of(2023, f.form_index - 1) if i.level3 == "设备更新成本")
    assert (cost.level1, cost.level2) == ("产出指标(50分)", "成本指标")  # carried down
    assert (cost.target_printed, cost.actual_printed) == ("≤3万元", "2.9937万元")
    assert (cost.actual_value, cost.actual_unit) == (Decimal("2.9937"), "万元")


def test_legal_adviser_form_prints_no_total_score():
    f = by_name("法律顾问")
    assert (f.total_score, f.total_score_printed) == (None, None)
    assert (f.score_output, f.score_benefit, f.score_satisfaction) == (
        Decimal(50),
        Decimal(30),
        Decimal(10),
    )


def test_survivors_form_received_more_than_its_budget():
    f = by_name("遗属补助")
    assert (f.budget_total, f.received_total, f.executed_total) == (
        Decimal("3.3944"),
        Decimal("8.0502"),
        Decimal("7.8948"),
    )
    assert (f.total_score, f.total_score_printed) == (Decimal(98), "98分")
    # 效益指标 is printed twice, each time with 30分: one section score.
    assert f.score_benefit == Decimal(30)


def test_review_form_grid_header_and_lines_on_different_pages():
    """The indicator header closes page 44 (8 columns), its lines fill page 45 (9 columns)."""
    f = by_name("项目评审工作经费")
    lines = indicators_of(2023, f.form_index - 1)
    assert {i.page for i in lines} == {f.last_page} and f.last_page == f.first_page + 1
    assert (lines[0].level1, lines[0].level3, lines[0].score_printed) == (
        "产出指标（50分）",
        "评审专家数量",
        "42",
    )
    assert f.stated_grade == "良"


def test_executed_amounts_add_up_to_the_narrative_total():
    """The narrative states 14 forms, 1169.59万元 (page 21), with 2.9937 for the blank one.

    The 13 printed 实际执行金额 add up to 1166.5988 exactly; with the 会议室设备 form's
    2.9937万元 (its cost indicator) that is 1169.5925, which the narrative rounds to 1169.59.
    (1169.59 − 2.9937 = 1166.5963 subtracts from the rounded figure, not the printed ones.)
    """
    forms, indicators = parsed(2023)
    executed = [f.executed_total for f in forms]
    assert len(forms) == 14 and executed.count(None) == 1
    total = sum((e for e in executed if e is not None), Decimal(0))
    assert total == Decimal("1166.5988")
    blank = forms[executed.index(None)]
    cost = next(
        i.actual_value
        for i in indicators
        if i.form_index == blank.form_index and i.level2 == "成本指标"
    )
    assert cost == Decimal("2.9937")
    assert (total + cost).quantize(Decimal("0.01")) == Decimal("1169.59")


def test_actual_values_restate_their_printed_cell():
    for year in YEARS:
        for i in parsed(year)[1]:
            if i.actual_value is not None:
                assert nfkc(ws(i.actual_printed)) == f"{i.actual_value}{i.actual_unit or ''}"
            else:
                assert i.actual_unit is None


# --- reading one 全年完成值 ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "value", "unit"),
    [
        ("10次", "10", "次"),
        ("2.9937万元", "2.9937", "万元"),
        ("35", "35", None),
        ("90%", "90", "%"),
        ("8人次", "8", "人次"),
        ("1.95万元/年", "1.95", "万元/年"),
        ("1,326家", "1326", "家"),
        ("≥90%", None, None),  # a bound restated, not a measured value
        (">6000人", None, None),
        ("1000-6000元/辆", None, None),  # a range
        ("2023年7月20日", None, None),  # a date
        ("10余次", None, None),  # a qualified number
        ("规上工业增加值增长7.9%", None, None),
        ("有效提升", None, None),
        ("", None, None),
        (None, None, None),
    ],
)
def test_plain_value(cell, value, unit):
    assert plain_value(cell) == (Decimal(value) if value else None, unit)


@pytest.mark.parametrize(
    ("line", "is_title"),
    [
        ("阳泉市项目支出绩效自评表", True),
        ("2023年度项目支出绩效自评表", True),
        ("项目支出绩效自评表", True),
        ("附件：项目绩效自评表", False),
        ("五、项目支出绩效自评表.....31", False),
        ("对2023年的项目开展自评，结果详见所附的项目支出绩效自评表", False),
        ("部门整体支出绩效自评表", False),
    ],
)
def test_is_form_title(line, is_title):
    assert is_form_title(line) is is_title


# --- layouts the samples do not print (synthetic pages) ----------------------------------------


@dataclass
class FakePage:
    """What the parser reads of a page: its number, text lines and ruled tables."""

    number: int
    lines: list[TextLine]
    tables: list[RuledTable]

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


def _row(*cells: str | None) -> list[str | None]:
    return [*cells, *[None] * (9 - len(cells))]


def synthetic_rows(unit: str = "（万元）", amounts=("10", "10", "9"), scores=("50", None, None)):
    budget, received, executed = amounts
    return [
        _row("项目名称", None, "测试项目"),
        _row("主管部门", None, "测试局", None, None, "实施单位", "测试中心"),
        _row("项目起止时间", None, "2023.1.1-2023.12.31", None, None, "绩效自评评价年度", "2023年"),
        _row(
            f"项目预算金额{unit}",
            None,
            budget,
            f"实际到位金额\n{unit}",
            None,
            received,
            f"实际执行金额{unit}",
            None,
            executed,
        ),
        _row(
            "其中：中央、省财政",
            None,
            "",
            "其中：中央、省财政",
            None,
            "",
            "其中：中央、省财政",
            None,
            "",
        ),
        _row("市财政", None, budget, "市财政", None, received, "市财政", None, executed),
        _row("县（区）财政", None, "", "县（区）财政", None, "", "县（区）财政", None, ""),
        _row("其他", None, "", "其他", None, "", "其他", None, ""),
        _row("项目执行情况（10分）", None, "预算执行率为90%"),
        _row(
            "一级指标",
            None,
            "二级指标",
            "三级指标",
            None,
            "年度指标值",
            "全年完成值",
            "未完成原因和改进措施",
            "自评得分",
        ),
        _row(
            "产出指标（50分）", None, "数量指标", "指标1", "培训次数", "≥2次", "3次", "", scores[0]
        ),
        _row(None, None, None, "指标2", "培训人数", "≥20人", "25人", "", scores[1]),
        _row(None, None, "质量指标", "指标1", "合格率", "100%", "100%", "", scores[2]),
        _row(
            "效益指标（30分）", None, "社会效益指标", "指标1", "能力提升", "有效", "有效", "", "30"
        ),
        _row(
            "满意度指标（10分）",
            None,
            "服务对象满意度指标",
            "指标1",
            "满意度",
            "≥90%",
            "95%",
            "",
            "10",
        ),
        _row("总分", None, "", None, None, None, None, None, "98"),
        _row("自评结论及结果分析", None, "预算执行率为90%，自评等级为：优。"),
    ]


def grid(top: float, bottom: float, rows: list[list[str | None]]) -> RuledTable:
    """A ruled table as the page would hold it; the parser reads rows, not cell boxes."""
    return RuledTable(top, bottom, rows, boxes=[[None] * len(row) for row in rows])


def page(number: int, lines: list[tuple[str, float]], tables: list[RuledTable]) -> FakePage:
    return FakePage(number, [TextLine(text, top) for text, top in lines], tables)


def run(pages: list[FakePage]) -> tuple[list[PerformanceForm], list[PerformanceIndicator]]:
    return parse_performance_forms(cast(list[PageContent], pages), "doc")


TITLE = [("测试市项目支出绩效自评表", 50.0), ("单位（盖章）：测试局 填报日期：2024年4月1日", 80.0)]


def test_amounts_printed_in_yuan_are_converted_to_wan_yuan():
    rows = synthetic_rows(unit="(元)", amounts=("100,000", "100000", "90000.5"))
    forms, _ = run([page(1, [*TITLE, ("1", 813.0)], [grid(90, 780, rows)])])
    f = forms[0]
    assert (f.budget_total, f.received_total, f.executed_total) == (
        Decimal("10.0000"),
        Decimal("10.0000"),
        Decimal("9.00005"),
    )
    assert (f.budget_other, f.filled_date_printed) == (None, "2024年4月1日")


@pytest.mark.parametrize("scores", [("20", "20", "10"), ("10", "10", "10")])
def test_scores_printed_per_indicator_are_not_a_section_score(scores):
    rows = synthetic_rows(scores=scores)
    forms, indicators = run([page(1, TITLE, [grid(90, 780, rows)])])
    assert forms[0].score_output is None  # per-indicator scores: neither summed nor picked
    assert (forms[0].score_benefit, forms[0].score_satisfaction) == (Decimal(30), Decimal(10))
    assert tuple(i.score_printed for i in indicators[:3]) == scores


def test_grid_continuing_on_the_next_page_carries_a_split_merged_cell():
    rows = synthetic_rows()
    first, rest = rows[:12], rows[12:]
    rest[0] = _row("", None, "", "指标1", "合格率", "100%", "100%", "", "")  # blank at the top
    forms, indicators = run(
        [
            page(1, [*TITLE, ("- 1 -", 813.0)], [grid(90, 790, first)]),
            page(2, [("- 2 -", 813.0)], [grid(48, 400, rest)]),
        ]
    )
    f = forms[0]
    assert (f.status, f.first_page, f.last_page, f.total_score) == ("extracted", 1, 2, Decimal(98))
    assert f.stated_grade == "优" and f.execution_rate_text == Decimal(90)
    carried = indicators[2]
    assert (carried.page, carried.level1, carried.level2, carried.level3) == (
        2,
        "产出指标（50分）",
        "数量指标",
        "合格率",
    )


def test_a_note_under_the_grid_ends_the_form():
    rows = synthetic_rows()
    other = [["科目", "金额"], ["合计", "1.00"]]
    forms, _ = run(
        [
            page(1, [*TITLE, ("注：本表由项目单位填报。", 785.0)], [grid(90, 780, rows)]),
            page(2, [], [grid(48, 100, other)]),
        ]
    )
    assert forms[0].last_page == 1


def test_form_without_amount_rows_is_insufficient_data():
    rows = [r for r in synthetic_rows() if "金额" not in (r[0] or "")]
    forms, _ = run([page(1, TITLE, [grid(90, 780, rows)])])
    f = forms[0]
    assert f.status == "insufficient_data"
    assert "预算/到位/执行金额" in f.reason
    assert f.project_name == "测试项目" and f.budget_total is None


def test_title_without_a_grid_is_insufficient_data_and_a_heading_is_skipped():
    forms, _ = run(
        [
            page(1, [("附件：测试市项目支出绩效自评表", 700.0)], []),  # introduces the forms
            page(2, TITLE, [grid(90, 780, synthetic_rows())]),
            page(3, [("测试市项目支出绩效自评表", 50.0)], []),  # e.g. a scanned form
        ]
    )
    assert [(f.first_page, f.status) for f in forms] == [
        (2, "extracted"),
        (3, "insufficient_data"),
    ]
    assert "no ruled grid" in forms[1].reason


def test_title_at_the_foot_of_a_page_takes_the_grid_opening_the_next():
    forms, _ = run(
        [
            page(1, [("正文最后一行。", 600.0), ("测试市项目支出绩效自评表", 790.0)], []),
            page(
                2,
                [("单位（盖章）：测试局 填报日期：2024.4.1", 40.0)],
                [grid(60, 780, synthetic_rows())],
            ),
        ]
    )
    assert [(f.first_page, f.last_page, f.status) for f in forms] == [(1, 2, "extracted")]
    assert forms[0].filled_date_printed == "2024.4.1"


# --- a re-rendered variant: real pdfplumber output for the failure paths ------------------------


@cache
def variant() -> list[PerformanceForm]:
    """Three 2023 forms behind an annex heading; one loses 项目名称, one its 执行金额 label."""
    v = copy.deepcopy(spec(2023))
    forms = [copy.deepcopy(v["forms"][i]) for i in (0, 6, 10)]
    forms[1]["info"] = forms[1]["info"][1:]
    forms[2]["funds"][0][4] = "实际支出（万元）"
    v.update(forms=forms, tables={})
    v["toc"]["entries"] = v["toc"]["entries"][:1]
    v["body"] = [{"h2": "附件：阳泉市项目支出绩效自评表"}, {"form": 1}, {"form": 2}, {"form": 3}]
    with tempfile.TemporaryDirectory() as tmp:
        render_disclosure(v, Path(tmp) / "variant.pdf")
        with open_disclosure(Path(tmp) / "variant.pdf") as opened:
            return parse_performance_forms(opened.pages, opened.document_id)[0]


def test_variant_heading_is_not_a_form():
    assert [f.form_index for f in variant()] == [1, 2, 3]
    assert variant()[0].status == "extracted"


def test_variant_form_without_project_name_is_insufficient_data():
    f = variant()[1]
    assert (f.status, f.project_name) == ("insufficient_data", "")
    assert "项目名称" in f.reason
    assert f.executed_total == Decimal("1.01")  # what could be read is still read


def test_variant_form_with_an_unknown_amount_label_is_insufficient_data():
    f = variant()[2]
    assert f.status == "insufficient_data" and "执行金额" in f.reason
    assert (f.budget_total, f.received_total, f.executed_total) == (None, None, None)
