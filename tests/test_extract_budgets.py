"""Golden tests on real published budgets (部门预算公开, kind 预算), cell-exact.

The expected figures below were read by hand from the printed pages (pdfplumber's
``page.extract_text()``, the way pdftotext shows a page; never this extractor's cells) of
four of the real budgets in ``tests/fixtures/real`` (see ``SOURCE.md`` there): two Jiangsu
provincial ones (the 2017 layout and the 2019 one) and the two Shanghai Putuo ones. Each
figure is the text as printed; where a line prints fewer amounts than the table has columns
the text alone does not say which column an amount is under, and the column was decided by
the table's own arithmetic (noted at the table). The arithmetic is checked here too, on the
transcription, before it is compared with the extracted cells.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import goldens
import pytest

from ingestion.catalogue import kinds_of
from ingestion.locate import locate_tables, title_kind
from ingestion.narrative import parse_narrative
from ingestion.pdf import open_disclosure
from ingestion.records import AmountCell, ExtractedDocument, TableCode
from ingestion.tables.common import UnreadableTable

REAL = Path(__file__).parent / "fixtures" / "real"
YUAN = Decimal("0.0001")  # 元 to 万元
WAN = Decimal(1)

GAOYUAN, JIANCHAYUAN, ZHENGXIE = "江苏省高级人民法院", "江苏省人民检察院", "江苏省政协办公厅"
CORE = ("B01", "B02", "B03", "B04", "B07", "B08", "B11")
JIANGSU_TWELVE = tuple(f"B{n:02d}" for n in range(1, 14) if n != 10)  # no 国有资本经营 table
SHANGHAI_NINE = ("B01", "B02", "B03", "B04", "B07", "B08", "B09", "B10", "B11")

# file: (department, year, tables found). The three full 政协办公厅 releases print no table:
# "部门预算公开表附后" (the tables were published apart, as the tables-only 2018 release).
BUDGETS: dict[str, tuple[str, int, tuple[str, ...]]] = {
    "jiangsu-gaoyuan_2017_budget.pdf": (GAOYUAN, 2017, JIANGSU_TWELVE),
    "jiangsu-gaoyuan_2018_budget.pdf": (GAOYUAN, 2018, JIANGSU_TWELVE),
    "jiangsu-gaoyuan_2019_budget.pdf": (GAOYUAN, 2019, JIANGSU_TWELVE),
    "jiangsu-jianchayuan_2017_budget.pdf": (JIANCHAYUAN, 2017, JIANGSU_TWELVE),
    "jiangsu-jianchayuan_2018_budget.pdf": (JIANCHAYUAN, 2018, JIANGSU_TWELVE),
    "jiangsu-jianchayuan_2019_budget.pdf": (JIANCHAYUAN, 2019, JIANGSU_TWELVE),
    "jiangsu-zhengxie_2017_budget.pdf": (ZHENGXIE, 2017, ()),
    "jiangsu-zhengxie_2018_budget.pdf": (ZHENGXIE, 2018, ()),
    "jiangsu-zhengxie_2018_budget_tables.pdf": (ZHENGXIE, 2018, JIANGSU_TWELVE),
    "jiangsu-zhengxie_2019_budget.pdf": (ZHENGXIE, 2019, ()),
    "shanghai-putuo-finance-bureau-2025-budget.pdf": ("上海市普陀区财政局", 2025, SHANGHAI_NINE),
    "shanghai-putuo-social-welfare-home-2024-budget.pdf": (
        "上海市普陀区社会福利院",
        2024,
        SHANGHAI_NINE,
    ),
}

# --------------------------------------------------------------------------- golden figures
# Balance tables (收支预算总表): side -> [(line label as printed, {column: printed or None})].
# Subject tables: [(subject code or None for 合计, name, {column: printed or None})].

FINANCE_BUREAU = "shanghai-putuo-finance-bureau-2025-budget.pdf"
# Page 9, 单位：元.
FINANCE_BUREAU_B01 = {
    "income": [
        ("一、财政拨款收入", {"amount": "31,214,205.80"}),
        ("1.一般公共预算资金", {"amount": "31,214,205.80"}),
        ("2.政府性基金", {"amount": None}),
        ("3.国有资本经营预算", {"amount": None}),
        ("二、事业收入", {"amount": None}),
        ("三、事业单位经营收入", {"amount": None}),
        ("四、其他收入", {"amount": None}),
        ("收入总计", {"amount": "31,214,205.80"}),
    ],
    "expenditure": [
        ("一、一般公共服务支出", {"amount": "22,186,440.80"}),
        ("二、社会保障和就业支出", {"amount": "3,508,644.00"}),
        ("三、卫生健康支出", {"amount": "782,164.00"}),
        ("四、住房保障支出", {"amount": "4,736,957.00"}),
        ("支出总计", {"amount": "31,214,205.80"}),
    ],
}


def _tbp(total: str, basic: str | None, project: str | None) -> dict[str, str | None]:
    return {"total": total, "basic": basic, "project": project}


# Pages 12–13 (B03) and 15–16 (B07), 单位：元, the same figures in both. A line with one
# amount after its total puts it under 项目支出 for 201's items and under 基本支出 for the
# rest: 合计's 基本支出 25,121,091.00 = 16,093,326.00 + 3,508,644.00 + 782,164.00 +
# 4,736,957.00, so 行政运行 holds all of 201's basic expenditure.
FINANCE_BUREAU_EXPENDITURE = [
    ("201", "一般公共服务支出", _tbp("22,186,440.80", "16,093,326.00", "6,093,114.80")),
    ("20106", "财政事务", _tbp("22,186,440.80", "16,093,326.00", "6,093,114.80")),
    ("2010601", "行政运行", _tbp("16,231,840.80", "16,093,326.00", "138,514.80")),
    ("2010602", "一般行政管理事务", _tbp("100,000.00", None, "100,000.00")),
    ("2010607", "信息化建设", _tbp("1,666,600.00", None, "1,666,600.00")),
    ("2010608", "财政委托业务支出", _tbp("4,188,000.00", None, "4,188,000.00")),
    ("208", "社会保障和就业支出", _tbp("3,508,644.00", "3,508,644.00", None)),
    ("20805", "行政事业单位养老支出", _tbp("3,508,644.00", "3,508,644.00", None)),
    ("2080501", "行政单位离退休", _tbp("877,080.00", "877,080.00", None)),
    ("2080505", "机关事业单位基本养老保险缴费支出", _tbp("1,748,327.00", "1,748,327.00", None)),
    ("2080506", "机关事业单位职业年金缴费支出", _tbp("873,617.00", "873,617.00", None)),
    ("2080599", "其他行政事业单位养老支出", _tbp("9,620.00", "9,620.00", None)),
    ("210", "卫生健康支出", _tbp("782,164.00", "782,164.00", None)),
    ("21011", "行政事业单位医疗", _tbp("782,164.00", "782,164.00", None)),
    ("2101101", "行政单位医疗", _tbp("782,164.00", "782,164.00", None)),
    ("221", "住房保障支出", _tbp("4,736,957.00", "4,736,957.00", None)),
    ("22102", "住房改革支出", _tbp("4,736,957.00", "4,736,957.00", None)),
    ("2210201", "住房公积金", _tbp("2,049,197.00", "2,049,197.00", None)),
    ("2210203", "购房补贴", _tbp("2,687,760.00", "2,687,760.00", None)),
    (None, "合计", _tbp("31,214,205.80", "25,121,091.00", "6,093,114.80")),
]

WELFARE_HOME = "shanghai-putuo-social-welfare-home-2024-budget.pdf"


def _expenditure_line(
    amount: str | None, personnel: str | None, public: str | None, project: str | None
) -> dict[str, str | None]:
    return {
        "amount": amount,
        "basic_personnel": personnel,
        "basic_public": public,
        "project": project,
    }


# Page 7, 单位：元: the expenditure side prints 合计 | 基本支出 (人员经费, 公用经费) | 项目支出.
# 医疗卫生 and 住房保障 print one amount after their total: 人员经费, as 支出总计's 人员经费
# 7,380,214 = 6,540,674 + 503,724 + 335,816.
WELFARE_HOME_B01 = {
    "income": [
        ("一、财政拨款收入", {"amount": "9,501,164"}),
        ("1、一般公共预算资金", {"amount": "9,501,164"}),
        ("2、政府性基金", {"amount": None}),
        ("3、国有资本经营预算", {"amount": None}),
        ("二、事业收入", {"amount": "2,620,000"}),
        ("三、事业单位经营收入", {"amount": None}),
        ("四、其他收入", {"amount": None}),
        ("收入总计", {"amount": "12,121,164"}),
    ],
    "expenditure": [
        ("一、一般公共服务支出", _expenditure_line(None, None, None, None)),
        (
            "二、社会保障和就业支出",
            _expenditure_line("11,281,624", "6,540,674", "2,120,950", "2,620,000"),
        ),
        ("三、医疗卫生与计划生育支出", _expenditure_line("503,724", "503,724", None, None)),
        ("四、住房保障支出", _expenditure_line("335,816", "335,816", None, None)),
        ("支出总计", _expenditure_line("12,121,164", "7,380,214", "2,120,950", "2,620,000")),
    ],
}
# Page 9 (B03) and page 11 (B07), 单位：元. Both print the class code of 事业单位医疗 as "7"
# (7 11 02; it is 2101102 under 210 11): no code the extractor may guess, so both tables are
# insufficient_data. The figures as printed, for the arithmetic:
WELFARE_HOME_B03 = [
    ("208", "社会保障和就业支出", _tbp("11,281,624", "8,661,624", "2,620,000")),
    ("20805", "行政事业单位养老支出", _tbp("1,696,828", "1,696,828", None)),
    ("2080502", "事业单位离退休", _tbp("538,440", "538,440", None)),
    ("2080505", "机关事业单位基本养老保险缴费支出", _tbp("767,579", "767,579", None)),
    ("2080506", "机关事业单位职业年金缴费支出", _tbp("383,789", "383,789", None)),
    ("2080599", "其他行政事业单位养老支出", _tbp("7,020", "7,020", None)),
    ("20810", "社会福利", _tbp("9,584,796", "6,964,796", "2,620,000")),
    ("2081005", "社会福利事业单位", _tbp("9,584,796", "6,964,796", "2,620,000")),
    ("210", "卫生健康支出", _tbp("503,724", "503,724", None)),
    ("21011", "行政事业单位医疗", _tbp("503,724", "503,724", None)),
    ("2101102", "事业单位医疗", _tbp("503,724", "503,724", None)),  # printed "7 11 02"
    ("221", "住房保障支出", _tbp("335,816", "335,816", None)),
    ("22102", "住房改革支出", _tbp("335,816", "335,816", None)),
    ("2210201", "住房公积金", _tbp("335,816", "335,816", None)),
    (None, "合计", _tbp("12,121,164", "9,501,164", "2,620,000")),
]

GAOYUAN_2017 = "jiangsu-gaoyuan_2017_budget.pdf"


def _reserve(
    total: str, basic: str, project: str, reserve: str | None, carry: str | None
) -> dict[str, str | None]:
    return {
        "total": total,
        "basic": basic,
        "project": project,
        "reserve": reserve,
        "carry_forward": carry,
    }


# Page 13, 单位：万元: 合计 | 基本支出 | 项目支出 | 单位预留机动经费 | 结转下年资金, one line.
GAOYUAN_2017_B03 = [(None, "合计", _reserve("28,849.38", "17,123.19", "11,543.27", "182.92", None))]
# Page 15, 单位：万元, one 金额 column.
GAOYUAN_2017_B07 = [
    (None, "合计", {"total": "28,849.38"}),
    ("204", "公共安全支出", {"total": "23,513.11"}),
    ("20405", "法院", {"total": "23,513.11"}),
    ("2040501", "行政运行", {"total": "11,786.92"}),
    ("2040502", "一般行政管理事务", {"total": "6,432.89"}),
    ("2040503", "机关服务", {"total": "1,600.00"}),
    ("2040504", "案件审判", {"total": "1,733.30"}),
    ("2040505", "案件执行", {"total": "1,050.00"}),
    ("2040599", "其他法院支出", {"total": "910.00"}),
    ("208", "社会保障和就业支出", {"total": "2,347.13"}),
    ("20805", "行政事业单位离退休", {"total": "2,347.13"}),
    ("2080504", "未归口管理的行政单位离退休", {"total": "2,347.13"}),
    ("221", "住房保障支出", {"total": "2,989.14"}),
    ("22102", "住房改革支出", {"total": "2,989.14"}),
    ("2210201", "住房公积金", {"total": "1,029.15"}),
    ("2210202", "提租补贴", {"total": "1,959.99"}),
]
# The 功能分类 lines of Jiangsu's 收支预算总表 as printed (2017: 九、医疗卫生与计划生育支出 wrapped
# after 支; 2019 renames 七 / 九 / 十七 and adds 二十、灾害防治及应急管理支出).
CLASSES_2017 = (
    "一、一般公共服务支出 二、外交支出 三、国防支出 四、公共安全支出 五、教育支出 六、科学技术支出 "
    "七、文化体育与传媒支出 八、社会保障和就业支出 九、医疗卫生与计划生育支出 十、节能环保支出 "
    "十一、城乡社区支出 十二、农林水支出 十三、交通运输支出 十四、资源勘探信息等支出 "
    "十五、商业服务业等支出 十六、金融支出 十七、国土海洋气象等支出 十八、住房保障支出 "
    "十九、粮油物资储备支出 二十、其他支出"
).split()
CLASSES_2019 = (
    "一、一般公共服务支出 二、外交支出 三、国防支出 四、公共安全支出 五、教育支出 六、科学技术支出 "
    "七、文化旅游体育与传媒支出 八、社会保障和就业支出 九、卫生健康支出 十、节能环保支出 "
    "十一、城乡社区支出 十二、农林水支出 十三、交通运输支出 十四、资源勘探信息等支出 "
    "十五、商业服务业等支出 十六、金融支出 十七、自然资源海洋气象等支出 十八、住房保障支出 "
    "十九、粮油物资储备支出 二十、灾害防治及应急管理支出 二十一、其他支出"
).split()

# Pages 11–12, 单位：万元: income | expenditure by 功能分类 | expenditure by 支出用途. Every
# 功能分类 line not listed prints no amount.
GAOYUAN_2017_B01 = {
    "income": [
        ("一、财政拨款", "28,849.38"),
        ("1.一般公共预算", "28,849.38"),
        ("2.政府性基金预算", None),
        ("二、财政专户管理资金", None),
        ("三、其他资金", None),
        ("当年收入小计", "28,849.38"),
        ("上年结转资金", None),
        ("收入合计", "28,849.38"),
    ],
    "function": [
        ("四、公共安全支出", "23,513.11"),
        ("八、社会保障和就业支出", "2,347.13"),
        ("十八、住房保障支出", "2,989.14"),
        ("当年支出小计", "28,849.38"),
        ("结转下年资金", None),
        ("支出合计", "28,849.38"),
    ],
    "use": [
        ("一、基本支出", "17,123.19"),
        ("二、项目支出", "11,543.27"),
        ("三、单位预留机动经费", "182.92"),
    ],
}

JIANCHAYUAN_2019 = "jiangsu-jianchayuan_2019_budget.pdf"
# Page 15, 单位：万元. Four amounts under five columns: 15844.04 + 4335.30 + 3990.4 = 24169.74,
# so the fourth is 单位预留机动经费 and 结转下年资金 is blank. Printed without thousands
# separators, and 3990.4 with one decimal.
JIANCHAYUAN_2019_B03 = [(None, "合计", _reserve("24169.74", "15844.04", "4335.30", "3990.4", None))]
# Page 18, 单位：万元 (合 计 printed with a space).
JIANCHAYUAN_2019_B07 = [
    (None, "合计", {"total": "24,169.74"}),
    ("204", "公共安全支出", {"total": "16,593.12"}),
    ("20404", "检察", {"total": "16,593.12"}),
    ("2040401", "行政运行", {"total": "12,268.62"}),
    ("2040402", "一般行政管理事务", {"total": "2,354.40"}),
    ("2040410", "检察监督", {"total": "1,185.60"}),
    ("2040450", "事业运行", {"total": "315.00"}),
    ("2040499", "其他检察支出", {"total": "469.50"}),
    ("208", "社会保障和就业支出", {"total": "1,890.27"}),
    ("20805", "行政事业单位离退休", {"total": "1,890.27"}),
    ("2080504", "未归口管理的行政单位离退休", {"total": "400.02"}),
    ("2080505", "机关事业单位基本养老保险缴费支出", {"total": "1,064.46"}),
    ("2080506", "机关事业单位职业年金缴费支出", {"total": "425.79"}),
    ("221", "住房保障支出", {"total": "5,686.35"}),
    ("22102", "住房改革支出", {"total": "5,686.35"}),
    ("2210201", "住房公积金", {"total": "1,442.74"}),
    ("2210202", "提租补贴", {"total": "4,243.61"}),
]
# Page 14, 单位：万元, as GAOYUAN_2017_B01.
JIANCHAYUAN_2019_B01 = {
    "income": [
        ("一、财政拨款", "24,169.74"),
        ("1.一般公共预算", "24,169.74"),
        ("2.政府性基金预算", None),
        ("二、财政专户管理资金", None),
        ("三、其他资金", None),
        ("当年收入小计", "24,169.74"),
        ("上年结转资金", None),
        ("收入合计", "24,169.74"),
    ],
    "function": [
        ("四、公共安全支出", "16,593.12"),
        ("八、社会保障和就业支出", "1,890.27"),
        ("十八、住房保障支出", "5,686.35"),
        ("当年支出小计", "24,169.74"),
        ("结转下年资金", None),
        ("支出合计", "24,169.74"),
    ],
    "use": [
        ("一、基本支出", "15,844.04"),
        ("二、项目支出", "4,335.30"),
        ("三、单位预留机动经费", "3,990.40"),
    ],
}


def _jiangsu_balance(table: dict, classes: list[str]) -> dict:
    """A Jiangsu 收支预算总表 golden as the three lists it prints, each line of each list."""
    function = dict(table["function"])
    assert set(function) <= {*classes, "当年支出小计", "结转下年资金", "支出合计"}
    lines = (*classes, "当年支出小计", "结转下年资金", "支出合计")
    return {
        "income": [(label, {"amount": printed}) for label, printed in table["income"]],
        "expenditure": [(label, {"amount": function.get(label)}) for label in lines],
        "expenditure_by_use": [(label, {"amount": printed}) for label, printed in table["use"]],
    }


# (file, table, unit, golden rows) for every table asserted cell by cell.
SUBJECT_GOLDENS = [
    (FINANCE_BUREAU, "B03", YUAN, FINANCE_BUREAU_EXPENDITURE),
    (FINANCE_BUREAU, "B07", YUAN, FINANCE_BUREAU_EXPENDITURE),
    (GAOYUAN_2017, "B03", WAN, GAOYUAN_2017_B03),
    (GAOYUAN_2017, "B07", WAN, GAOYUAN_2017_B07),
    (JIANCHAYUAN_2019, "B03", WAN, JIANCHAYUAN_2019_B03),
    (JIANCHAYUAN_2019, "B07", WAN, JIANCHAYUAN_2019_B07),
]
BALANCE_GOLDENS = [
    (FINANCE_BUREAU, "B01", YUAN, FINANCE_BUREAU_B01),
    (WELFARE_HOME, "B01", YUAN, WELFARE_HOME_B01),
    # Jiangsu lists its expenditure twice: by 功能分类 (side expenditure) and by 支出用途 (side
    # expenditure_by_use); the totals, printed across both lists, are the expenditure side's.
    (GAOYUAN_2017, "B01", WAN, _jiangsu_balance(GAOYUAN_2017_B01, CLASSES_2017)),
    (JIANCHAYUAN_2019, "B01", WAN, _jiangsu_balance(JIANCHAYUAN_2019_B01, CLASSES_2019)),
]


# --------------------------------------------------------------------------- helpers


def extracted(name: str) -> ExtractedDocument:
    return goldens.extracted(REAL / name)


def _value(printed: str | None) -> Decimal:
    return Decimal(printed.replace(",", "")) if printed else Decimal(0)


def _expected_cell(printed: str | None, unit: Decimal) -> tuple[str, Decimal | None, str]:
    if printed is None:
        return ("", None, "blank")
    return (printed, _value(printed) * unit, "value")


def _actual(cell: AmountCell) -> tuple[str, Decimal | None, str]:
    return (cell.printed_text, cell.amount, cell.amount_state)


def _cells(name: str, code: str) -> list[AmountCell]:
    return [c for c in extracted(name).cells if c.table_code == code]


def _status(name: str, code: str) -> tuple[str, str | None]:
    table = next(t for t in extracted(name).tables if t.table_code == code)
    return table.status, table.reason


def _is_class(code: str | None) -> bool:
    return code is not None and len(code) == 3


# --------------------------------------------------------------------------- the transcription


@pytest.mark.parametrize(
    "rows",
    [
        FINANCE_BUREAU_EXPENDITURE,
        WELFARE_HOME_B03,
        GAOYUAN_2017_B03,
        GAOYUAN_2017_B07,
        JIANCHAYUAN_2019_B03,
        JIANCHAYUAN_2019_B07,
    ],
)
def test_the_golden_subject_tables_add_up(rows):
    """合计 = the sum of the 类 rows, column by column; 基本 + 项目 (+ 预留) = 合计 on each line."""
    total = next(columns for code, _, columns in rows if code is None)
    classes = [columns for code, _, columns in rows if _is_class(code)]
    if classes:
        for key in total:
            assert sum(_value(c[key]) for c in classes) == _value(total[key]), key
    for _, name, columns in rows:
        if "basic" in columns:
            parts = ("basic", "project", "reserve", "carry_forward")
            assert sum(_value(columns.get(k)) for k in parts) == _value(columns["total"]), name


@pytest.mark.parametrize("table", [FINANCE_BUREAU_B01, WELFARE_HOME_B01])
def test_the_golden_balance_tables_add_up(table):
    """收入总计 = 支出总计 = the sum of its side's lines; 基本 + 项目 = 合计 on each line."""
    income = {label: columns for label, columns in table["income"]}
    expenditure = {label: columns for label, columns in table["expenditure"]}
    income_total = _value(income.pop("收入总计")["amount"])
    expenditure_total = _value(expenditure.pop("支出总计")["amount"])
    assert income_total == expenditure_total
    top_income = [c for label, c in income.items() if not label[0].isdigit()]
    assert sum(_value(c["amount"]) for c in top_income) == income_total
    assert sum(_value(c["amount"]) for c in expenditure.values()) == expenditure_total
    for columns in expenditure.values():
        if "project" in columns:
            parts = _value(columns["basic_personnel"]) + _value(columns["basic_public"])
            assert parts + _value(columns["project"]) == _value(columns["amount"])


@pytest.mark.parametrize("table", [GAOYUAN_2017_B01, JIANCHAYUAN_2019_B01])
def test_the_golden_jiangsu_balance_tables_add_up(table):
    income = dict(table["income"])
    function = dict(table["function"])
    use = dict(table["use"])
    assert _value(income["收入合计"]) == _value(function["支出合计"])
    assert _value(income["一、财政拨款"]) == _value(income["当年收入小计"])
    lines = [v for label, v in function.items() if not label.startswith(("当年", "结转", "支出"))]
    assert sum(map(_value, lines)) == _value(function["当年支出小计"])
    assert sum(map(_value, use.values())) == _value(function["当年支出小计"])


# --------------------------------------------------------------------------- the extraction


@pytest.mark.parametrize("name", list(BUDGETS))
def test_each_budget_is_extracted_as_a_budget_of_its_department_and_year(name):
    department, year, found = BUDGETS[name]
    document = extracted(name).document
    assert document.document_kind == "预算"
    assert (document.department_name, document.fiscal_year) == (department, year)
    assert document.layout == "budget"
    assert sorted(document.tables_found) == sorted(found)
    assert document.tables_missing == tuple(code for code in CORE if code not in found)
    # No 决算 table is looked for in a budget.
    assert all(code.startswith("B") for code in document.tables_found)


@pytest.mark.parametrize(("name", "code", "unit", "rows"), SUBJECT_GOLDENS)
def test_budget_subject_tables_are_read_cell_exact(name, code, unit, rows):
    assert _status(name, code) == ("extracted", None)
    expected = {
        (subject, label, key): _expected_cell(printed, unit)
        for subject, label, columns in rows
        for key, printed in columns.items()
    }
    actual = {(c.subject_code, c.row_label, c.column_key): _actual(c) for c in _cells(name, code)}
    assert actual == expected


@pytest.mark.parametrize(("name", "code", "unit", "table"), BALANCE_GOLDENS)
def test_budget_balance_tables_are_read_cell_exact(name, code, unit, table):
    assert _status(name, code) == ("extracted", None)
    expected = {
        (side, label, key): _expected_cell(printed, unit)
        for side, lines in table.items()
        for label, columns in lines
        for key, printed in columns.items()
    }
    actual = {(c.side, c.row_label, c.column_key): _actual(c) for c in _cells(name, code)}
    assert actual == expected


def test_amounts_in_yuan_are_converted_to_wan_yuan_exactly():
    """Shanghai prints its tables in 元 and its 三公 table in 万元: each table keeps its factor."""
    tables = {t.table_code: t for t in extracted(FINANCE_BUREAU).tables}
    assert tables["B01"].unit_to_wan_yuan == YUAN
    assert tables["B11"].unit_to_wan_yuan == WAN
    total = next(
        c for c in _cells(FINANCE_BUREAU, "B01") if c.side == "income" and c.row_label == "收入总计"
    )
    assert total.amount == Decimal("3121.42058")


def test_a_misprinted_subject_code_makes_the_table_insufficient_not_wrong():
    for code in ("B03", "B07"):
        status, reason = _status(WELFARE_HOME, code)
        assert status == "insufficient_data"
        assert "'7', '11', '02'" in reason
        assert _cells(WELFARE_HOME, code) == []


def test_the_three_public_budget_in_wan_yuan_beside_tables_in_yuan():
    """Page 21 of the finance bureau's budget, 单位:万元 (its other tables are in 元): the line
    prints "0.95 0.95 229.43"; the second 0.95 stands under 公务接待费 (x 344–368, the header
    at 289–349; 因公出国(境)费 ends at 260, 小计 starts at 408), 229.43 under 机关运行经费预算数."""
    expected = {
        "budget_total": ("0.95", Decimal("0.95"), "value"),
        "budget_overseas": ("", None, "blank"),
        "budget_reception": ("0.95", Decimal("0.95"), "value"),
        "budget_vehicle_total": ("", None, "blank"),
        "budget_vehicle_purchase": ("", None, "blank"),
        "budget_vehicle_operation": ("", None, "blank"),
        "budget_running_cost": ("229.43", Decimal("229.43"), "value"),
    }
    assert _status(FINANCE_BUREAU, "B11") == ("extracted", None)
    assert {c.column_key: _actual(c) for c in _cells(FINANCE_BUREAU, "B11")} == expected


def test_jiangsu_three_public_budget_with_two_totals_is_insufficient_not_wrong():
    """Jiangsu's “三公”经费、会议费、培训费 table prints a 合计 of all and a 小计 of the 三公: its
    小计 is not the vehicles' 小计 the 三公 vocabulary knows, so the columns stay unbound."""
    status, reason = _status(GAOYUAN_2017, "B11")
    assert status == "insufficient_data" and "not bound" in reason


def test_tables_not_parsed_cell_by_cell_are_located():
    tables = {t.table_code: t for t in extracted(GAOYUAN_2017).tables}
    assert tables["B13"].status == "located"  # 政府采购: no parser reads it yet


def test_a_row_the_ruling_leaves_out_makes_the_table_insufficient_not_short():
    """Jiangsu 2017 draws a continuation page's first row above the page's grid (page 14:
    2210201 住房公积金 1,029.15 of the 财政拨款支出预算表): the grids alone are not the table."""
    status, reason = _status(GAOYUAN_2017, "B05")
    assert status == "insufficient_data"
    assert "2210201 住房公积金 1,029.15" in reason
    assert _cells(GAOYUAN_2017, "B05") == []


def test_rows_that_do_not_add_up_to_their_total_make_the_table_insufficient():
    """The procuratorate's 2018 一般公共预算基本支出预算表 loses rows on its second page; its
    类 rows then add up to less than its 合计, and no cell of it is kept."""
    status, reason = _status("jiangsu-jianchayuan_2018_budget.pdf", "B08")
    assert status == "insufficient_data"
    assert "add up to" in reason and "not to its" in reason


def test_economic_class_tables_are_read_with_their_codes():
    """Shanghai's 基本支出 table by 经济分类 prints 类 | 款 codes and 合计 | 人员经费 | 公用经费."""
    cells = {(c.subject_code, c.column_key): c for c in _cells(FINANCE_BUREAU, "B08")}
    # Page 19: 301 01 基本工资 2,642,448.00 2,642,448.00 0.00.
    assert cells[("30101", "total")].amount == Decimal("264.2448")
    assert cells[("30101", "personnel")].printed_text == "2,642,448.00"
    assert cells[("30101", "public")].amount_state == "value"  # 0.00, not blank
    assert cells[("30101", "public")].amount == 0
    assert cells[("30101", "total")].code_kind == "economic"
    # Page 20: 合计 25,121,091.00 22,826,756.00 2,294,335.00.
    assert cells[(None, "total")].amount == Decimal("2512.1091")


def test_a_budget_keeps_only_where_its_text_names_the_department():
    """A budget's 情况说明 states plans in the 决算 narrative's words (p22: 2025年“三公”经费预算数为
    0.95万元; 机关运行经费预算为229.43万元): read by the 决算 vocabulary they would be a 决算's
    figures, so a budget keeps no figure claims and no 绩效 forms, only the department mentions
    DOC-NAME reads."""
    document = extracted(FINANCE_BUREAU)
    assert {c.claim_kind for c in document.claims} <= {"department_name"}
    assert (document.forms, document.indicators) == ([], [])
    # the figures are there, read by the 决算 vocabulary: the budget does not keep them
    with open_disclosure(REAL / FINANCE_BUREAU) as opened:
        figures = parse_narrative(opened.pages, opened.document_id)
    assert ("three_public.total", Decimal("0.95")) in {(c.subject, c.value) for c in figures}


# --------------------------------------------------------------------------- locating titles


def test_budget_titles_are_read_behind_ordinal_year_department_and_before_a_qualifier():
    budget = kinds_of("预算")
    assert (
        title_kind("一、2017年度江苏省高级人民法院部门收支预算总表", budget).code is TableCode.B01
    )
    assert title_kind("四、2018年度江苏省高级人民法院财政拨款收支预算总表", budget).code is (
        TableCode.B04
    )
    assert title_kind("2025年部门财务收支预算总表", budget).code is TableCode.B01
    assert title_kind("公开 06 表：财政拨款基本支出预算表（经济科目）", budget).code is (
        TableCode.B06
    )
    assert title_kind("2025年部门“三公”经费和机关运行经费预算表", budget).code is TableCode.B11
    # A sentence ending in a title, a 情况说明 heading and a 决算 title are no budget titles.
    assert title_kind("省检察院本级划转240万元办案费;二是《财政拨款支出预算表", budget) is None
    assert title_kind("一、收支预算总表情况说明", budget) is None
    assert title_kind("收入支出决算总表", budget) is None
    assert title_kind("一般公共预算支出预算表", kinds_of("决算")) is None


def test_a_budget_title_in_a_table_of_contents_is_not_a_table():
    """The 目录 lists every table's title, as a line of its own; none of them is a table, and
    a TOC line with a dot leader and page number is not even a title."""
    with open_disclosure(REAL / "jiangsu-gaoyuan_2018_budget.pdf") as document:
        contents = document.pages[1]
        titles = [line.text for line in contents.lines if title_kind(line.text, kinds_of("预算"))]
        assert len(titles) == 9  # twelve titles as printed later, three of them wrapped
        assert locate_tables([contents], "预算") == []
        # The document's tables are the ones printed with their grids, each once.
        located = [t for t in locate_tables(document.pages, "预算") if t.parts]
        assert all(t.first_page >= 9 for t in located)
    assert title_kind("一、收支预算总表……………………3", kinds_of("预算")) is None


def test_a_rounding_tail_is_no_lost_row():
    """Rows that miss their parent by the rounding of the printed figures (half a printed unit
    each) were all read: the table is kept and B-HIER reports the tail; a gap beyond it is a
    lost row, and the table is insufficient_data."""
    from ingestion.tables.subject import _check_classes_add_up

    cells = _cells(FINANCE_BUREAU, "B07")  # printed in 元 with two decimals
    unit = Decimal("0.0001")
    item = next(c for c in cells if c.subject_code and len(c.subject_code) == 7)

    def shifted(yuan: str) -> list[AmountCell]:
        by = Decimal(yuan) * unit
        return [dataclasses.replace(c, amount=c.amount + by) if c is item else c for c in cells]

    _check_classes_add_up(shifted("0.01"), unit)  # a 0.01 元 tail: within rounding
    with pytest.raises(UnreadableTable, match="add up to"):
        _check_classes_add_up(shifted("1.00"), unit)
