"""Golden tests of the marts: every figure the samples print reaches its mart exactly.

The truth is the samples' structured descriptions (``samples/specs``, read through
``samplespec``): every cell of 收入决算表 (T02), 基本支出决算明细表 (T06), 三公 table (T09) and
统计表 (T10), every field of each 项目支出绩效自评表 and each of its indicator lines, and the
narrative figures the marts carry next to them, read off the spec's text by hand and anchored
in it. Pages come from the renderer's layout (where each table, table page and form landed)
and, for a narrative sentence, from the rendered PDF's page text.
The real Shanghai fixture is checked against its hand-read ``expected.yaml``.

One ``dbt build`` per fixture: the two samples in one warehouse, the Shanghai PDF in another.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path
from typing import Any

import goldens
import pytest
import yaml
from rulekit import build_warehouse, query, sample
from samplespec import (
    ALL_FORMS,
    SPLIT_PARTS,
    TEXT_RATE_AND_GRADE,
    YEARS,
    expected_form,
    expected_indicator_lines,
    narrative_text,
    paragraph_page,
    rendered_form_pages,
    sample_pdf,
    spec,
    spec_amount,
    spec_amount_state,
    spec_score,
    table_row_page,
    ws,
)

DEPARTMENT = "阳泉市商务局"
SHANGHAI = Path(__file__).parent / "fixtures" / "shanghai-putuo-2024"
SHANGHAI_PDF = SHANGHAI / "shanghai-putuo-social-work-dept-2024-final-accounts.pdf"
SHANGHAI_DEPARTMENT = "中共上海市普陀区委社会工作部"

INCOME_HEADER = (
    "本年收入合计",
    "财政拨款收入",
    "上级补助收入",
    "事业收入",
    "经营收入",
    "附属单位上缴收入",
    "其他收入",
)
INCOME_COLUMNS = (
    "total_amount",
    "fiscal_appropriation_amount",
    "superior_subsidy_amount",
    "business_amount",
    "operating_amount",
    "subsidiary_remit_amount",
    "other_amount",
)
EXPENDITURE_COLUMNS = (
    "total_amount",
    "basic_amount",
    "project_amount",
    "remit_to_superior_amount",
    "operating_amount",
    "subsidiary_subsidy_amount",
)

# Every money column of the new marts: DECIMAL(20,6) in 万元, never float.
MONEY_COLUMNS = {
    "fact_income": INCOME_COLUMNS,
    "fact_basic_expenditure_economic": ("amount",),
    "fact_three_public": (
        "budget_amount",
        "actual_amount",
        "stated_budget_amount",
        "stated_actual_amount",
    ),
    "fact_disclosure_stats": ("table_value", "stated_value", "value"),
    "fact_budget_execution": (
        "initial_budget_amount",
        "full_year_budget_amount",
        "final_amount",
        "table_final_amount",
        "change_amount",
    ),
    "fact_project_performance": tuple(
        f"{kind}{part}_amount"
        for kind in ("budget", "received", "executed")
        for part in ("", *(f"_{p}" for p, _ in SPLIT_PARTS))
    ),
}


# --- fixtures: one warehouse per fixture ------------------------------------------------------


@pytest.fixture(scope="module")
def samples_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_warehouse([sample(2022), sample(2023)], tmp_path_factory.mktemp("samples"))


@pytest.fixture(scope="module")
def shanghai_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_warehouse([goldens.extracted(SHANGHAI_PDF)], tmp_path_factory.mktemp("shanghai"))


# --- helpers --------------------------------------------------------------------------------


@cache
def document_id(path: Path) -> str:
    """The document's key: sha256 of the PDF bytes (computed here, not taken from a record)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def provenance(year: int, table: str, page: int) -> dict[str, Any]:
    """The columns every sample fact row carries."""
    return {
        "department_id": DEPARTMENT,
        "department_name": DEPARTMENT,
        "fiscal_year": year,
        "document_id": document_id(sample_pdf(year)),
        "source_page": page,
        "source_table": table,
    }


def mart_rows(
    warehouse: Path, mart: str, columns: list[str], where: str, *params: object, order: str
) -> list[dict[str, Any]]:
    return query(
        warehouse,
        f"select {', '.join(columns)} from marts.{mart} where {where} order by {order}",
        *params,
    )


def hierarchy(code: str, codes: list[str], digits: dict[int, int]) -> dict[str, Any]:
    """Level, parent and leaf flag of a printed classification code ('TOTAL' = the 合计 line)."""
    if code == "TOTAL":
        return {"level": 0, "parent_code": None, "is_leaf": False}
    level = digits[len(code)]
    parent = None if level == 1 else code[: next(k for k, v in digits.items() if v == level - 1)]
    leaf = not any(c != code and c.startswith(code) for c in codes if c != "TOTAL")
    return {"level": level, "parent_code": parent, "is_leaf": leaf}


FUNCTIONAL = {3: 1, 5: 2, 7: 3}  # 类 / 款 / 项
ECONOMIC = {3: 1, 5: 2}  # 类 / 款


def sum_tolerance(n_terms: int) -> Decimal:
    """The spec's rounding tolerance for a printed total of n printed terms."""
    return max(Decimal("0.01"), Decimal("0.005") * (n_terms + 1))


def round_to(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def decimals_of(rate_printed: str) -> int:
    """Decimals of the one percentage a cell prints ('预算执行率为83.63%' → 2, '65%' → 0)."""
    number = rate_printed.split("%")[0]
    digits = number[len(number.rstrip("0123456789.")) :]
    return len(digits.split(".")[1]) if "." in digits else 0


def differences(got: dict[str, Any], want: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """column -> (mart, expected) for every column that differs (a readable failure)."""
    columns = set(got) | set(want)
    return {c: (got.get(c), want.get(c)) for c in sorted(columns) if got.get(c) != want.get(c)}


def keyed(rows: list[dict[str, Any]], *columns: str) -> dict[Any, dict[str, Any]]:
    out = {tuple(r[c] for c in columns) if len(columns) > 1 else r[columns[0]]: r for r in rows}
    assert len(out) == len(rows), f"{columns} is not unique"
    return out


def assert_same_rows(got: dict[Any, dict[str, Any]], want: dict[Any, dict[str, Any]]) -> None:
    """Both keyed the same way; every row equal, column for column."""
    assert set(got) == set(want), (sorted(set(got) - set(want)), sorted(set(want) - set(got)))
    diffs = {key: d for key in want if (d := differences(got[key], want[key]))}
    assert not diffs, diffs


def assert_decimal_values(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> None:
    values = [row[c] for row in rows for c in columns if row[c] is not None]
    assert values, "no figure at all"
    assert all(isinstance(v, Decimal) for v in values)


# --- types ------------------------------------------------------------------------------------


@pytest.mark.parametrize("mart", sorted(MONEY_COLUMNS))
def test_money_columns_are_decimal_20_6(samples_warehouse, mart):
    types = {
        r["column_name"]: r["data_type"]
        for r in query(
            samples_warehouse,
            "select column_name, data_type from information_schema.columns"
            " where table_schema = 'marts' and table_name = ?",
            mart,
        )
    }
    assert {c: types.get(c) for c in MONEY_COLUMNS[mart]} == dict.fromkeys(
        MONEY_COLUMNS[mart], "DECIMAL(20,6)"
    )


# --- 收入决算表 (T02) -> fact_income -------------------------------------------------------------


def expected_income(year: int) -> list[dict[str, Any]]:
    table = spec(year)["tables"]["T02"]
    assert tuple(table["header"][0][2:]) == INCOME_HEADER  # the column order read below
    codes = [r[0] for r in table["rows"] if r[0] != "合计"]
    lines = []
    for i, row in enumerate(table["rows"]):
        total = row[0] == "合计"
        code = "TOTAL" if total else row[0]
        h = hierarchy(code, codes, FUNCTIONAL)
        lines.append(
            {
                "subject_code": code,
                "subject_name": "合计" if total else row[1],
                "subject_level": h["level"],
                "parent_code": h["parent_code"],
                "is_leaf": h["is_leaf"],
                **{c: spec_amount(v) for c, v in zip(INCOME_COLUMNS, row[2:], strict=True)},
                "na_flags": sorted(
                    c for c, v in zip(INCOME_COLUMNS, row[2:], strict=True) if v == "——"
                ),
                "unreadable_flags": [],
                **provenance(year, "T02", table_row_page(year, "T02", i)),
                "source_row": i,
            }
        )
    return lines


@pytest.mark.parametrize("year", YEARS)
def test_income_lines_are_the_printed_t02_cell_for_cell(samples_warehouse, year):
    expected = expected_income(year)
    got = mart_rows(
        samples_warehouse,
        "fact_income",
        list(expected[0]),
        "fiscal_year = ?",
        year,
        order="source_row",
    )
    assert_same_rows(keyed(got, "source_row"), keyed(expected, "source_row"))
    assert_decimal_values(got, INCOME_COLUMNS)
    # Only 本年收入合计 and 财政拨款收入 are printed; the other five columns are blank (NULL).
    assert all(r[c] is None for r in got for c in INCOME_COLUMNS[2:])
    assert len(got) == {2022: 24, 2023: 24}[year]


# --- 基本支出决算明细表 (T06) -> fact_basic_expenditure_economic ---------------------------------


def expected_basic_expenditure(year: int) -> dict[tuple[str, str], dict[str, Any]]:
    """Every printed line: 4 groups of (code, name, 决算数) per row, 人员经费 in the first."""
    table = spec(year)["tables"]["T06"]
    assert table["header"][0] == ["人员经费", "<", "<", "公用经费", *["<"] * 8]
    assert table["header"][1] == ["科目代码", "科目名称", "决算数"] * 4
    *body, last = table["rows"]
    printed_lines = []  # (cost_group, code, name, printed, row index)
    for i, row in enumerate(body):
        for group in range(4):
            code, name, text = row[3 * group : 3 * group + 3]
            if not code:
                assert name == text == ""  # an empty slot, not a line
                continue
            printed_lines.append(("personnel" if group == 0 else "public", code, name, text, i))
    # The last row: 人员经费合计 (first group) and 公用经费合计 (merged over the other three).
    assert (last[0], last[3], last[4:11]) == ("人员经费合计", "公用经费合计", ["<"] * 7)
    printed_lines += [
        ("personnel", "TOTAL", "人员经费合计", last[2], len(body)),
        ("public", "TOTAL", "公用经费合计", last[11], len(body)),
    ]
    codes = [line[1] for line in printed_lines]
    expected = {}
    for group, code, name, text, i in printed_lines:
        h = hierarchy(code, codes, ECONOMIC)
        expected[(group, code)] = {
            "cost_group": group,
            "economic_code": code,
            "economic_name": name,
            "economic_level": h["level"],
            "parent_code": h["parent_code"],
            "is_leaf": h["is_leaf"],
            "amount": spec_amount(text),
            "amount_state": spec_amount_state(text),
            "printed_text": text,
            **provenance(year, "T06", table_row_page(year, "T06", i)),
            "source_row": i,
        }
    assert len(expected) == len(printed_lines)  # (cost_group, code) is the grain
    return expected


@pytest.mark.parametrize("year", YEARS)
def test_basic_expenditure_lines_are_the_printed_t06_cell_for_cell(samples_warehouse, year):
    expected = expected_basic_expenditure(year)
    columns = list(next(iter(expected.values())))
    got = mart_rows(
        samples_warehouse,
        "fact_basic_expenditure_economic",
        columns,
        "fiscal_year = ?",
        year,
        order="source_row, cost_group, economic_code",
    )
    assert_same_rows(keyed(got, "cost_group", "economic_code"), expected)  # the grain holds
    assert_decimal_values(got, ("amount",))
    # The table spans two pages: lines on both, each on the page its row is printed on.
    assert {r["source_page"] for r in got} == {
        table_row_page(year, "T06", 0),
        table_row_page(year, "T06", len(spec(year)["tables"]["T06"]["rows"]) - 1),
    }
    assert len({r["source_page"] for r in got}) == 2


@pytest.mark.parametrize(
    ("year", "code", "printed_text", "amount", "state"),
    [
        (2023, "30204", "0.00", Decimal(0), "value"),  # 手续费 printed 0.00: a figure
        (2023, "30203", "", None, "blank"),  # 咨询费 printed blank
        (2023, "30206", "", None, "blank"),  # 电费 blank in 2023 ...
        (2022, "30206", "3.18", Decimal("3.18"), "value"),  # ... 3.18 in 2022
        (2023, "309", "——", None, "not_applicable"),  # 资本性支出（基本建设） printed ——
        (2022, "30901", "——", None, "not_applicable"),
        (2023, "310", "0.48", Decimal("0.48"), "value"),
    ],
)
def test_basic_expenditure_keeps_zero_blank_and_not_applicable_apart(
    samples_warehouse, year, code, printed_text, amount, state
):
    (row,) = query(
        samples_warehouse,
        "select amount, amount_state, printed_text from marts.fact_basic_expenditure_economic"
        " where fiscal_year = ? and cost_group = 'public' and economic_code = ?",
        year,
        code,
    )
    assert row == {"amount": amount, "amount_state": state, "printed_text": printed_text}
    assert (row["amount"] is None) is (amount is None)  # 0.00 is not NULL, NULL is not 0


@pytest.mark.parametrize("year", YEARS)
def test_basic_expenditure_totals_are_the_printed_group_totals(samples_warehouse, year):
    last = spec(year)["tables"]["T06"]["rows"][-1]
    rows = query(
        samples_warehouse,
        "select cost_group, economic_name, amount from marts.fact_basic_expenditure_economic"
        " where fiscal_year = ? and economic_code = 'TOTAL' order by cost_group",
        year,
    )
    assert rows == [
        {
            "cost_group": "personnel",
            "economic_name": "人员经费合计",
            "amount": spec_amount(last[2]),
        },
        {"cost_group": "public", "economic_name": "公用经费合计", "amount": spec_amount(last[11])},
    ]


# --- 三公 table (T09) -> fact_three_public ------------------------------------------------------

# item_key, 0-based column of its 预算数 (决算数 = +6), parent, leaf
THREE_PUBLIC_ITEMS = (
    ("total", 0, None, False),
    ("overseas", 1, "total", True),
    ("vehicle_total", 2, "total", False),
    ("vehicle_purchase", 3, "vehicle_total", True),
    ("vehicle_operation", 4, "vehicle_total", True),
    ("reception", 5, "total", True),
)

# What 九、财政拨款“三公”经费支出决算情况说明 states per item: (全年预算, 支出决算) in 万元 as
# printed, with the words that state them (anchored in the spec text below). The narrative
# states no budget per item and no figure for 公务用车购置及运行维护费 as a whole. (2023's
# "两笔公务接待费，合计980元未追加公务接待费预算" explains the missing budget; the 支出 it
# states is 公务接待费支出0万元, twice.)
NARRATIVE_THREE_PUBLIC: dict[int, dict[str, tuple[str | None, str | None, tuple[str, ...]]]] = {
    2022: {
        "total": ("1.00", "0.08", ("“三公”经费财政拨款支出全年预算1.00万元，支出决算0.08万元",)),
        "overseas": (None, "0", ("因公出国（境）费支出0万元",)),
        "vehicle_total": (None, None, ()),
        "vehicle_purchase": (None, "0", ("公务用车购置费支出0万元", "公务用车购置支出0万元")),
        "vehicle_operation": (None, "0", ("公务用车运行维护费支出0万元",)),
        "reception": (None, "0.08", ("公务接待费支出0.08万元",)),
    },
    2023: {
        "total": ("0", "0", ("“三公”经费财政拨款支出全年预算0万元，支出决算0万元",)),
        "overseas": (None, "0", ("因公出国（境）费支出0万元",)),
        "vehicle_total": (None, None, ()),
        "vehicle_purchase": (None, "0", ("公务用车购置费支出0万元", "公务用车购置支出0万元")),
        "vehicle_operation": (None, "0", ("公务用车运行维护费支出0万元",)),
        "reception": (None, "0", ("公务接待费支出0万元",)),
    },
}


def three_public_item_names(year: int) -> dict[str, str]:
    """Each item's name as the T09 header prints it (小计 is named by its group label)."""
    header = spec(year)["tables"]["T09"]["header"]
    names = {}
    for key, column, _parent, _leaf in THREE_PUBLIC_ITEMS:
        below = header[2][column]
        names[key] = header[1][column] if below in ("^", "小计") else below
    return names


def expected_three_public(year: int) -> list[dict[str, Any]]:
    table = spec(year)["tables"]["T09"]
    assert [h for h in table["header"][0] if h != "<"] == ["预算数", "决算数"]
    declared_empty = "本表无数据" in (table.get("empty_note") or "")
    assert declared_empty == (not table["rows"])
    figures = table["rows"][0] if table["rows"] else None
    names = three_public_item_names(year)
    lines = []
    for key, column, parent, leaf in THREE_PUBLIC_ITEMS:
        stated_budget, stated_actual, _ = NARRATIVE_THREE_PUBLIC[year][key]
        budget = figures[column] if figures else None
        actual = figures[column + 6] if figures else None
        lines.append(
            {
                "item_key": key,
                "item_name": names[key],
                "parent_item_key": parent,
                "is_leaf": leaf,
                "budget_amount": spec_amount(budget) if figures else None,
                "actual_amount": spec_amount(actual) if figures else None,
                "budget_state": spec_amount_state(budget) if figures else "declared_empty",
                "actual_state": spec_amount_state(actual) if figures else "declared_empty",
                "table_declared_empty": declared_empty,
                "stated_budget_amount": Decimal(stated_budget) if stated_budget else None,
                "stated_actual_amount": Decimal(stated_actual) if stated_actual else None,
                **provenance(year, "T09", table_row_page(year, "T09", 0)),
            }
        )
    return lines


@pytest.mark.parametrize("year", YEARS)
def test_narrative_three_public_figures_are_what_the_text_states(year):
    text = narrative_text(year)
    for key, (_budget, _actual, phrases) in NARRATIVE_THREE_PUBLIC[year].items():
        assert all(p in text for p in phrases), key
    assert "公务用车购置及运行维护费支出" not in text  # no figure for the vehicle total


@pytest.mark.parametrize("year", YEARS)
def test_three_public_items_are_the_printed_t09(samples_warehouse, year):
    expected = expected_three_public(year)
    got = mart_rows(
        samples_warehouse,
        "fact_three_public",
        list(expected[0]),
        "fiscal_year = ?",
        year,
        order="item_key",
    )
    assert sorted(got, key=lambda r: r["item_key"]) == sorted(expected, key=lambda r: r["item_key"])


def test_three_public_2022_prints_twelve_figures_zeros_kept_as_zero(samples_warehouse):
    rows = {
        r["item_key"]: (r["budget_amount"], r["actual_amount"])
        for r in query(
            samples_warehouse,
            "select item_key, budget_amount, actual_amount from marts.fact_three_public"
            " where fiscal_year = 2022",
        )
    }
    zero = Decimal("0.00")
    assert rows == {
        "total": (Decimal("1.00"), Decimal("0.08")),
        "overseas": (zero, zero),
        "vehicle_total": (zero, zero),
        "vehicle_purchase": (zero, zero),
        "vehicle_operation": (zero, zero),
        "reception": (Decimal("1.00"), Decimal("0.08")),
    }
    assert all(v is not None for pair in rows.values() for v in pair)  # 0.00 printed, not blank


def test_three_public_2023_declared_empty_has_every_item_with_null_amounts(samples_warehouse):
    rows = query(
        samples_warehouse,
        "select item_key, budget_amount, actual_amount, budget_state, actual_state,"
        " table_declared_empty, stated_actual_amount from marts.fact_three_public"
        " where fiscal_year = 2023 order by item_key",
    )
    assert len(rows) == 6
    assert {(r["budget_amount"], r["actual_amount"]) for r in rows} == {(None, None)}
    assert {(r["budget_state"], r["actual_state"]) for r in rows} == {
        ("declared_empty", "declared_empty")
    }
    assert {r["table_declared_empty"] for r in rows} == {True}
    # ... while the narrative states 0万元 (a figure, not NULL) for the five items it names.
    stated = {r["item_key"]: r["stated_actual_amount"] for r in rows}
    assert stated.pop("vehicle_total") is None
    assert set(stated.values()) == {Decimal(0)} and None not in stated.values()


# --- 统计表 (T10) -> fact_disclosure_stats ------------------------------------------------------

# T10 line label as printed -> item_key (the contract's vocabulary)
T10_LINES = {
    "合计": "procurement.total",
    "货物": "procurement.goods",
    "工程": "procurement.works",
    "服务": "procurement.services",
    "(一) 行政单位": "org_running_cost",
    "(二) 参照公务员法管理事业单位": "org_running_cost.civil_service_managed",
    "(一) 车辆数合计(辆)": "vehicles.total",
    "1. 副部(省)级及以上领导用车": "vehicles.ministerial",
    "2. 主要负责人用车": "vehicles.principal",
    "3. 机要通信用车": "vehicles.confidential_comms",
    "4. 应急保障用车": "vehicles.emergency",
    "5. 执法执勤用车": "vehicles.law_enforcement",
    "6. 特种专业技术用车": "vehicles.special_technical",
    "7. 离退休干部服务用车": "vehicles.retired_cadres",
    "8. 其他用车": "vehicles.other",
    "(二) 单价100万元(含)以上设备(不含车辆)": "assets.equipment_over_1m",
}
ITEM_GROUP_AND_UNIT = {
    "procurement": ("procurement", "万元"),
    "org_running_cost": ("running_cost", "万元"),
    "vehicles": ("vehicles", "辆"),
    "assets": ("assets", "台(套)"),
}
VEHICLE_WORDS = {
    "vehicles.ministerial": "副部（省）级及以上领导用车",
    "vehicles.principal": "主要负责人用车",
    "vehicles.confidential_comms": "机要通信用车",
    "vehicles.emergency": "应急保障用车",
    "vehicles.law_enforcement": "执法执勤用车",
    "vehicles.special_technical": "特种专业技术用车",
    "vehicles.retired_cadres": "离退休干部服务用车",
}


def narrative_stats(year: int) -> dict[str, tuple[str, str | None, str]]:
    """What 十、其他重要事项的情况说明 states: item -> (value, share %, the words that state it)."""
    n = {2022: ("3.26", "1.43", "1.83", "84.04"), 2023: ("1.55", "0.97", "0.58", "59.63")}
    total, goods, services, running = n[year]
    stats = {
        "procurement.total": (total, None, f"政府采购支出总额{total}万元"),
        "procurement.goods": (goods, None, f"政府采购货物支出{goods}万元"),
        "procurement.works": ("0", None, "政府采购工程支出0万元"),
        "procurement.services": (services, None, f"政府采购服务支出{services}万元"),
        "procurement.sme": (
            total,
            "100.00",
            f"政府采购授予中小企业合同金额{total}万元，占政府采购支出总额的100.00%",
        ),
        "procurement.small_micro": (
            total,
            "100.00",
            f"授予小微企业合同金额{total}万元，占政府采购支出总额的100.00%",
        ),
        "org_running_cost": (running, None, f"{year}年机关运行经费支出{running}万元"),
        "vehicles.total": ("1", None, "共有车辆1辆"),
        **{key: ("0", None, f"{word}0辆") for key, word in VEHICLE_WORDS.items()},
        "vehicles.other": ("1", None, "其他用车1辆"),
        "assets.equipment_over_1m": ("0", None, "单价100万元（含）以上设备（不含车辆）0台（套）"),
    }
    return stats


def expected_disclosure_stats(year: int) -> dict[str, dict[str, Any]]:
    table = spec(year)["tables"]["T10"]
    stated = narrative_stats(year)
    expected = {}
    for i, row in enumerate(table["rows"]):
        if row[1] == "<" or row[0] == "项目":  # section heading or column heading
            assert row[0] not in T10_LINES
            continue
        key = T10_LINES[row[0]]  # every other printed line is an item of the vocabulary
        value, share, phrase = stated.get(key, (None, None, None))
        group, unit = ITEM_GROUP_AND_UNIT[key.split(".")[0]]
        expected[key] = {
            "item_key": key,
            "item_group": group,
            "unit": unit,
            "table_value": spec_amount(row[2]),
            "table_state": spec_amount_state(row[2]),
            "stated_value": Decimal(value) if value else None,
            "stated_share_percent": Decimal(share) if share else None,
            "value": spec_amount(row[2]),  # T10 prints the line: its cell, even when blank
            "value_source": "T10",
            **provenance(year, "T10", table_row_page(year, "T10", i)),
        }
    for key, (value, share, phrase) in stated.items():
        if key in expected:
            continue
        group, unit = ITEM_GROUP_AND_UNIT[key.split(".")[0]]
        expected[key] = {
            "item_key": key,
            "item_group": group,
            "unit": unit,
            "table_value": None,
            "table_state": "not_printed",
            "stated_value": Decimal(value),
            "stated_share_percent": Decimal(share) if share else None,
            "value": Decimal(value),
            "value_source": "narrative",
            **provenance(year, "narrative", paragraph_page(year, phrase)),
        }
    return expected


@pytest.mark.parametrize("year", YEARS)
def test_narrative_stats_are_what_the_text_states(year):
    text = narrative_text(year)
    for key, (_value, _share, phrase) in narrative_stats(year).items():
        assert phrase in text, key


@pytest.mark.parametrize("year", YEARS)
def test_disclosure_stats_are_the_printed_t10_and_the_narrative(samples_warehouse, year):
    expected = expected_disclosure_stats(year)
    columns = [*next(iter(expected.values())), "item_name_zh", "item_name_en"]
    got = mart_rows(
        samples_warehouse,
        "fact_disclosure_stats",
        columns,
        "fiscal_year = ?",
        year,
        order="item_key",
    )
    assert len(expected) == 18  # 16 T10 lines + 2 the narrative alone states
    assert all(r.pop("item_name_zh") and r.pop("item_name_en") for r in got)
    assert_same_rows(keyed(got, "item_key"), expected)
    assert_decimal_values(got, ("table_value", "stated_value", "value"))


def test_disclosure_stats_keep_a_blank_t10_cell_apart_from_the_narratives_zero(samples_warehouse):
    """工程 is printed blank in T10 while the narrative states 0万元; neither becomes the other."""
    rows = query(
        samples_warehouse,
        "select fiscal_year, table_value, table_state, stated_value, value, value_source"
        " from marts.fact_disclosure_stats where item_key = 'procurement.works'"
        " order by fiscal_year",
    )
    assert rows == [
        {
            "fiscal_year": y,
            "table_value": None,
            "table_state": "blank",
            "stated_value": Decimal(0),
            "value": None,
            "value_source": "T10",
        }
        for y in YEARS
    ]


# --- dim_department ---------------------------------------------------------------------------


def test_dim_department_of_the_samples(samples_warehouse):
    assert all(spec(y)["cover"][1].endswith("单位决算公开") for y in YEARS)  # -> 单位
    rows = query(samples_warehouse, "select * from marts.dim_department")
    assert rows == [
        {
            "department_id": DEPARTMENT,
            "department_name": DEPARTMENT,
            "region": "阳泉市",
            "unit_kind": "单位",
            "first_fiscal_year": 2022,
            "last_fiscal_year": 2023,
            "documents_loaded": 2,
            "name_variants": [DEPARTMENT],
            "name_variants_text": DEPARTMENT,  # the BI twin of the list
        }
    ]


# --- the narrative's budget execution -> fact_budget_execution --------------------------------

# 五（三）一般公共预算财政拨款支出决算具体情况, read off the spec by hand: subject -> (name as
# printed, 年初预算, 支出决算, 完成年初预算的 %, signed change 万元, signed change %).
BUDGET_EXECUTION: dict[int, dict[str, tuple[str, str, str, str, str, str]]] = {
    2022: {
        "TOTAL": ("", "760.45", "10,724.43", "1410.27", "9,161.56", "586.20"),
        "201": ("一般公共服务支出", "566.30", "803.13", "141.82", "57.51", "7.71"),
        "208": ("社会保障和就业支出", "61.80", "64.60", "104.53", "3.35", "5.47"),
        "210": ("卫生健康支出", "19.62", "16.53", "84.25", "0.65", "4.09"),
        "216": ("商业服务业等支出", "79.00", "9,800.66", "12405.90", "9,098.31", "1295.41"),
        "221": ("住房保障支出", "33.73", "39.51", "117.14", "1.74", "4.61"),
    },
    2023: {
        "TOTAL": ("", "733.98", "1,710.18", "233.00", "-9,014.25", "-84.05"),
        "201": ("一般公共服务支出", "550.16", "708.08", "128.7", "-95.05", "-11.83"),
        "208": ("社会保障和就业支出", "65.99", "74.53", "112.94", "9.93", "15.37"),
        "210": ("卫生健康支出", "21.24", "17.36", "81.73", "0.83", "5.02"),
        "216": ("商业服务业等支出", "59", "866.19", "1468.12", "-8934.47", "-91.16"),
        "221": ("住房保障支出", "37.59", "44.02", "117.11", "4.51", "11.41"),
    },
}


def budget_execution_phrases(year: int, code: str) -> tuple[str, str, str]:
    """The words stating the row's figures: budget / final / rate (五（三）), the change, and
    the final amount again where 五（一）/（二） first state it."""
    name, initial, final, rate, change, percent = BUDGET_EXECUTION[year][code]
    up = not change.startswith("-")
    words = ("增加", "增长") if up else ("减少", "下降")
    amount, pct = change.lstrip("-"), percent.lstrip("-")
    if code == "TOTAL":
        return (
            f"一般公共预算财政拨款支出年初预算{initial}万元，支出决算{final}万元，"
            f"完成年初预算的{rate}%",
            f"与上年相比，一般公共预算财政拨款支出{words[0]}{amount}万元，{words[1]}{pct}%",
            f"{year}年一般公共预算财政拨款决算支出{final}万元",
        )
    return (
        f"{name}年初预算{initial}万元，支出决算{final}万元，完成年初预算的{rate}%",
        f"较{year - 1}年决算{words[0]}{amount}万元，{words[1]}{pct}%",
        f"{name}(类){final}万元",
    )


@pytest.mark.parametrize("year", YEARS)
def test_budget_execution_figures_are_what_the_text_states(year):
    text = narrative_text(year)
    for code in BUDGET_EXECUTION[year]:
        for phrase in budget_execution_phrases(year, code):
            assert phrase in text, (code, phrase)


@pytest.mark.parametrize("year", YEARS)
def test_budget_execution_of_the_samples(samples_warehouse, year):
    t05 = {r[0]: r for r in spec(year)["tables"]["T05"]["rows"]}

    def page(phrase: str) -> int:
        return paragraph_page(year, phrase)

    expected = {}
    for code, (_name, initial, final, rate, change, percent) in BUDGET_EXECUTION[year].items():
        row = t05["合计" if code == "TOTAL" else code]
        stated_final = spec_amount(final)
        expected[code] = {
            "subject_key": "gpb.expenditure_total" if code == "TOTAL" else f"gpb.class:{code}",
            "subject_level": 0 if code == "TOTAL" else 1,
            "initial_budget_amount": spec_amount(initial),
            "full_year_budget_amount": None,  # the narrative states no 全年预算
            "final_amount": stated_final,
            "table_final_amount": spec_amount(row[2]),  # T05 本年支出 小计
            "stated_completion_rate": Decimal(rate),
            "completion_basis": "年初",
            "computed_completion_rate": round_to(stated_final * 100 / spec_amount(initial), 2),
            "change_amount": spec_amount(change),
            "change_percent": Decimal(percent),
            # the first page that states one of the row's figures
            **provenance(year, "narrative", min(map(page, budget_execution_phrases(year, code)))),
        }
    columns = ["subject_code", *next(iter(expected.values()))]
    got = {
        r.pop("subject_code"): r
        for r in mart_rows(
            samples_warehouse,
            "fact_budget_execution",
            columns,
            "fiscal_year = ? and subject_key in (select unnest(?))",
            year,
            [e["subject_key"] for e in expected.values()],
            order="subject_key",
        )
    }
    assert_same_rows(got, expected)


# --- 项目支出绩效自评表 -> fact_project_performance ---------------------------------------------


def derived_grade(score: Decimal | None) -> str | None:
    if score is None:
        return None
    return "优" if score >= 90 else "良" if score >= 80 else "中" if score >= 60 else "差"


def expected_project(year: int, index: int) -> dict[str, Any]:
    e = expected_form(year, index)
    f = spec(year)["forms"][index]
    grid, text = e["execution_rate_grid"], e["execution_rate_text"]
    stated = grid if grid is not None else text
    rate_printed = f["execution"][1] if grid is not None else f"{text}%"
    received, budget, executed = e["received_total"], e["budget_total"], e["executed_total"]
    base = received if received else budget if budget else None  # blank or 0 -> the budget
    exact = executed * 100 / base if executed is not None and base else None
    first, last = rendered_form_pages(year)[index + 1]
    row = {
        "form_index": index + 1,
        "project_name": e["project_name"],
        "department_in_charge": e["department_in_charge"],
        "implementing_unit": e["implementing_unit"],
        "period_printed": e["period_printed"],
        "filled_date_printed": e["filled_date_printed"],
        **{
            f"{kind}{'_' + part if part else ''}_amount": e[f"{kind}_{part or 'total'}"]
            for kind in ("budget", "received", "executed")
            for part in ("", *(p for p, _ in SPLIT_PARTS))
        },
        "stated_execution_rate": stated,
        "stated_execution_rate_grid": grid,
        "stated_execution_rate_text": text,
        "computed_execution_rate": round_to(exact, 6) if exact is not None else None,
        "computed_execution_rate_as_printed": (
            round_to(exact, decimals_of(rate_printed)) if exact is not None else None
        ),
        "score_output": e["score_output"],
        "score_benefit": e["score_benefit"],
        "score_satisfaction": e["score_satisfaction"],
        "total_score": e["total_score"],
        "total_score_printed": e["total_score_printed"],
        "stated_grade": e["stated_grade"],
        "derived_grade": derived_grade(e["total_score"]),
        "indicator_count": len(f["indicators"]["rows"]),
        "status": "extracted",
        "status_reason": None,
        **provenance(year, "performance_form", first),
        "source_last_page": last,
    }
    return row


@cache
def project_rows(warehouse: Path) -> dict[tuple[int, int], dict[str, Any]]:
    columns = list(expected_project(2023, 0))
    rows = mart_rows(
        warehouse, "fact_project_performance", columns, "true", order="fiscal_year, form_index"
    )
    return {(r["fiscal_year"], r["form_index"]): r for r in rows}


def test_one_performance_row_per_form(samples_warehouse):
    rows = project_rows(samples_warehouse)
    assert sorted(rows) == [(y, i + 1) for y, i in ALL_FORMS]
    figures = [c for c in expected_project(2023, 0) if c.endswith(("_amount", "_rate", "_score"))]
    figures += ["stated_execution_rate_grid", "stated_execution_rate_text"]
    figures += ["computed_execution_rate_as_printed", "score_output", "score_benefit"]
    assert_decimal_values(list(rows.values()), (*figures, "score_satisfaction"))


@pytest.mark.parametrize(("year", "index"), ALL_FORMS)
def test_performance_form_reaches_the_mart_field_for_field(samples_warehouse, year, index):
    got = dict(project_rows(samples_warehouse)[(year, index + 1)])
    got["period_printed"] = ws(got["period_printed"])
    assert_same_rows({index: got}, {index: expected_project(year, index)})


def _form(warehouse: Path, year: int, name: str) -> dict[str, Any]:
    (row,) = [
        r
        for r in project_rows(warehouse).values()
        if r["fiscal_year"] == year and name in r["project_name"]
    ]
    return row


def test_car_consumption_form_keeps_65_grid_55_text_and_800_of_1460(samples_warehouse):
    f = _form(samples_warehouse, 2023, "促进汽车消费资金")
    assert (f["stated_execution_rate_grid"], f["stated_execution_rate_text"]) == (65, 55)
    assert f["stated_execution_rate"] == 65  # the grid's, the text's kept beside it
    assert (f["executed_amount"], f["received_amount"]) == (Decimal(800), Decimal(1460))
    assert f["computed_execution_rate"] == Decimal("54.794521")  # 800 / 1460
    assert f["computed_execution_rate_as_printed"] == 55  # neither stated rate is 55 and 65
    assert (f["total_score"], f["total_score_printed"]) == (Decimal(90), "90分")
    assert (f["stated_grade"], f["derived_grade"]) == ("优", "优")


def test_development_zone_form_keeps_34_grid_and_84_text(samples_warehouse):
    f = _form(samples_warehouse, 2023, "开发区建设领导小组办公室")
    assert (f["stated_execution_rate_grid"], f["stated_execution_rate_text"]) == (34, 84)
    assert f["computed_execution_rate"] == Decimal("33.666667")  # 1.01 / 3
    assert f["computed_execution_rate_as_printed"] == 34  # the grid is right, the text not
    assert (f["total_score"], f["total_score_printed"]) == (Decimal("90.4"), "90.4")
    assert (f["score_output"], f["score_benefit"], f["score_satisfaction"]) == (None, None, None)


def test_love_vouchers_form_states_98_15_yet_executes_all_it_received(samples_warehouse):
    f = _form(samples_warehouse, 2023, "爱心消费券")
    assert f["executed_amount"] == f["received_amount"] == Decimal("289.17")
    assert (f["stated_execution_rate_grid"], f["stated_execution_rate_text"]) == (
        Decimal("98.15"),
        Decimal("98.16"),
    )
    assert f["computed_execution_rate"] == f["computed_execution_rate_as_printed"] == 100
    assert f["stated_execution_rate"] != f["computed_execution_rate_as_printed"]


def test_blank_executed_amount_and_blank_total_score_stay_null(samples_warehouse):
    room = _form(samples_warehouse, 2023, "会议室视频")
    assert room["executed_amount"] is None and room["received_amount"] == 3
    assert room["computed_execution_rate"] is None  # not 0: nothing is printed to compute from
    assert room["computed_execution_rate_as_printed"] is None
    assert room["stated_execution_rate"] == Decimal("99.79")
    legal = _form(samples_warehouse, 2023, "法律顾问")
    assert (legal["total_score"], legal["total_score_printed"]) == (None, None)
    assert (legal["stated_grade"], legal["derived_grade"]) == ("优", None)


def test_stated_and_derived_grades_side_by_side(samples_warehouse):
    grades = {
        (r["fiscal_year"], r["form_index"]): (r["stated_grade"], r["derived_grade"])
        for r in project_rows(samples_warehouse).values()
    }
    assert grades[(2023, 13)] == ("良", "良")  # 项目评审: 84
    assert grades[(2023, 6)] == (None, "优")  # 跟班学习: the conclusion states no grade
    assert grades[(2023, 4)] == ("优", "优")  # 审计: 90 is 优
    assert [g for (y, _), g in sorted(grades.items()) if y == 2022] == [("优", "优")] * 4
    # Every form's stated grade is the conclusion's, every derived grade its 总分's band.
    for (year, number), (stated, derived) in grades.items():
        assert stated == TEXT_RATE_AND_GRADE[year][number - 1][1]
        assert derived == derived_grade(expected_form(year, number - 1)["total_score"])


# --- indicator lines -> fact_performance_indicator --------------------------------------------

# Each 年度指标值 the samples print that states one bound, read by hand: (comparator, value,
# unit). Every other one (a date, a range, words, a number with a remark) has none.
TARGET_BOUNDS: dict[str, tuple[str, str, str | None]] = {
    "≥9700万元": ("≥", "9700", "万元"),
    "≥1000家": ("≥", "1000", "家"),
    "100%": ("=", "100", "%"),
    "≥3亿元": ("≥", "3", "亿元"),
    "≥90%": ("≥", "90", "%"),
    "≥5次": ("≥", "5", "次"),
    "≥1次": ("≥", "1", "次"),
    "≤180元/人*天": ("≤", "180", "元/人*天"),
    "≥80%": ("≥", "80", "%"),
    "2人": ("=", "2", "人"),
    "1人": ("=", "1", "人"),
    "1万元/年": ("=", "1", "万元/年"),
    "≥6次": ("≥", "6", "次"),
    "≤1.5万元/次": ("≤", "1.5", "万元/次"),
    "≥30家次": ("≥", "30", "家次"),
    "≥20人": ("≥", "20", "人"),
    "≥5家": ("≥", "5", "家"),
    "800元/家": ("=", "800", "元/家"),
    "20元/分": ("=", "20", "元/分"),
    "≥2个": ("≥", "2", "个"),
    "≥30家": ("≥", "30", "家"),
    "≥8次": ("≥", "8", "次"),
    "≥3次": ("≥", "3", "次"),
    "≤350元/人*天": ("≤", "350", "元/人*天"),
    "≥12人次": ("≥", "12", "人次"),
    "1套": ("=", "1", "套"),
    "≤3万元": ("≤", "3", "万元"),
    "1家": ("=", "1", "家"),
    "2万元/年": ("=", "2", "万元/年"),
    "≥20人次": ("≥", "20", "人次"),
    "≥4个": ("≥", "4", "个"),
    "289.17万元": ("=", "289.17", "万元"),
    ">6000人": (">", "6000", "人"),
    "450元/人": ("=", "450", "元/人"),
}
# Every other 年度指标值 with a digit in it, read by hand as stating no single bound.
NO_BOUND = {
    "2022年12月31日前",
    "1000-7000元/辆",
    "2022年1月1日-12月31日",
    "2023年8月底前",
    "2023年10月31日前",
    "2023年7月底前",
    "2023年3月31日前",
    "1000-6000元/辆",
    "2000-7000元/辆",
    "2023.8.14- 11.17",
    "2023年1月1日-12月31日",
    "2023年8月",
    "4人（备注：按实际人数调整）",
    "2023年12月31日前",
    "2023年11月",
    "2023年12月底前",
    "2小时（含）以内300元/人，超出时间100元/人*小时，每天最高不超过2小时，每天最高不超过800元。",
}

# Each 全年完成值 that states one plain quantity: (value, unit). A bound restated ("≥90%"), a
# range, a date or words states none.
ACTUAL_VALUES: dict[str, tuple[str, str | None]] = {
    "9712.50万元": ("9712.50", "万元"),
    "1326家": ("1326", "家"),
    "100%": ("100", "%"),
    "4.12亿元": ("4.12", "亿元"),
    "95%": ("95", "%"),
    "7次": ("7", "次"),
    "1次": ("1", "次"),
    "92%": ("92", "%"),
    "2人": ("2", "人"),
    "1人": ("1", "人"),
    "1万元/年": ("1", "万元/年"),
    "10次": ("10", "次"),
    "90%": ("90", "%"),
    "30家次": ("30", "家次"),
    "28": ("28", None),
    "11": ("11", None),
    "800元/家": ("800", "元/家"),
    "20元/分": ("20", "元/分"),
    "2个": ("2", "个"),
    "45家": ("45", "家"),
    "6次": ("6", "次"),
    "35": ("35", None),
    "40": ("40", None),
    "5人": ("5", "人"),
    "4人": ("4", "人"),
    "1套": ("1", "套"),
    "2.9937万元": ("2.9937", "万元"),
    "1家": ("1", "家"),
    "1.95万元/年": ("1.95", "万元/年"),
    "8人次": ("8", "人次"),
    "20个": ("20", "个"),
    "289.17万元": ("289.17", "万元"),
    "6426人": ("6426", "人"),
    "98.15%": ("98.15", "%"),
    "450元/人": ("450", "元/人"),
}
# Every other 全年完成值 with a digit in it, read by hand as stating no plain quantity.
NO_VALUE = {
    "2022年12月31日",
    "1000-7000元/辆",
    "≤180元/人*天",
    "2022年1月1日-12月31日",
    "≥90%",
    "≤1.5万元/次",
    "2023年7月20日",
    "2023年12月12日",
    "2023年11月底前",
    "≥80%",
    "2023年3月31日前",
    "1000-6000元/辆",
    "2000-7000元/辆",
    "2023.8.14- 11.17",
    "≤350元/人*天",
    "规上工业增加值增长7.9%",
    "2023年1月1日-12月31日",
    "2023年8月",
    "2023年7月25日",
    "2023年12月",
    "电商项目有1位专家没有相应领域中级以上职称，其他专家全部具备相应领域中级以上职称。",
    "2023年12月底前",
    "2小时（含）以内300元/人，超出时间100元/人*小时，每天最高不超过800元。",
}


def test_hand_read_bounds_and_values_cover_every_printed_number():
    """Each target / actual printing a digit is read above, as a bound or value or as none."""
    lines = [line for year, index in ALL_FORMS for line in expected_indicator_lines(year, index)]
    targets = {line[3] for line in lines if line[3] and any(c.isdigit() for c in line[3])}
    actuals = {line[4] for line in lines if line[4] and any(c.isdigit() for c in line[4])}
    assert targets == set(TARGET_BOUNDS) | NO_BOUND and not NO_BOUND & set(TARGET_BOUNDS)
    assert actuals == set(ACTUAL_VALUES) | NO_VALUE and not NO_VALUE & set(ACTUAL_VALUES)


def expected_indicators(year: int, index: int) -> list[dict[str, Any]]:
    form = expected_form(year, index)
    pages = {i.row_index: i.page for i in sample(year).indicators if i.form_index == index + 1}
    first, last = rendered_form_pages(year)[index + 1]
    lines = []
    for row_index, line in enumerate(expected_indicator_lines(year, index)):
        level1, level2, level3, target, actual, reason, score = line
        comparator, bound, target_unit = TARGET_BOUNDS.get(target or "", (None, None, None))
        value, actual_unit = ACTUAL_VALUES.get(actual or "", (None, None))
        assert first <= pages[row_index] <= last
        lines.append(
            {
                "form_index": index + 1,
                "indicator_index": row_index,
                "project_name": form["project_name"],
                "level1": ws(level1),
                "level2": ws(level2),
                "level3": ws(level3),
                "target_printed": ws(target),
                "target_comparator": comparator,
                "target_value": Decimal(bound) if bound else None,
                "target_unit": target_unit,
                "actual_printed": ws(actual),
                "actual_value": Decimal(value) if value else None,
                "actual_unit": actual_unit,
                "score_printed": score,
                "score": spec_score(score),  # '50' and '50分' both state 50 points
                "shortfall_reason": ws(reason),
                **provenance(year, "performance_form", pages[row_index]),
            }
        )
    return lines


TEXT_COLUMNS = (
    "level1",
    "level2",
    "level3",
    "target_printed",
    "actual_printed",
    "shortfall_reason",
)


@cache
def indicator_rows(warehouse: Path) -> dict[tuple[int, int], list[dict[str, Any]]]:
    columns = list(expected_indicators(2023, 0)[0])
    grouped: dict[tuple[int, int], list[dict[str, Any]]] = defaultdict(list)
    for r in mart_rows(
        warehouse,
        "fact_performance_indicator",
        columns,
        "true",
        order="fiscal_year, form_index, indicator_index",
    ):
        for c in TEXT_COLUMNS:
            r[c] = ws(r[c])
        grouped[(r["fiscal_year"], r["form_index"])].append(r)
    return grouped


@pytest.mark.parametrize(("year", "index"), ALL_FORMS)
def test_indicator_lines_reach_the_mart_line_for_line(samples_warehouse, year, index):
    got = indicator_rows(samples_warehouse)[(year, index + 1)]
    expected = expected_indicators(year, index)
    assert (
        len(got)
        == len(expected)
        == project_rows(samples_warehouse)[(year, index + 1)]["indicator_count"]
    )
    assert_same_rows(keyed(got, "indicator_index"), keyed(expected, "indicator_index"))


def test_indicator_bounds_and_values_named(samples_warehouse):
    lines = [r for rows in indicator_rows(samples_warehouse).values() for r in rows]

    def line(year: int, level3: str, target: str) -> dict[str, Any]:
        (hit,) = [
            r
            for r in lines
            if r["fiscal_year"] == year and r["level3"] == level3 and r["target_printed"] == target
        ]
        return hit

    cost = line(2023, "设备更新成本", "≤3万元")
    assert (cost["target_comparator"], cost["target_value"], cost["target_unit"]) == (
        "≤",
        Decimal(3),
        "万元",
    )
    assert (cost["actual_value"], cost["actual_unit"]) == (Decimal("2.9937"), "万元")
    # A range and a bound restated as the 完成值 state no value.
    assert {r["actual_value"] for r in lines if r["actual_printed"] in NO_VALUE} == {None}
    assert {r["target_comparator"] for r in lines if r["target_printed"] in NO_BOUND} == {None}


# --- the Shanghai fixture ---------------------------------------------------------------------


@cache
def shanghai_expected() -> dict[str, Any]:
    return yaml.safe_load((SHANGHAI / "expected.yaml").read_text(encoding="utf-8"))


def shanghai_table(code: str) -> dict[str, Any]:
    return next(t for t in shanghai_expected()["tables"] if t["code"] == code)


def shanghai_provenance(table: str, page: int) -> dict[str, Any]:
    return {
        "department_id": SHANGHAI_DEPARTMENT,
        "department_name": SHANGHAI_DEPARTMENT,
        "fiscal_year": 2024,
        "document_id": document_id(SHANGHAI_PDF),
        "source_page": page,
        "source_table": table,
    }


def shanghai_subject_lines(code: str, columns: tuple[str, ...]) -> list[dict[str, Any]]:
    table = shanghai_table(code)
    rows = [r["cells"] for r in table["rows"]]
    codes = [c[0] for c in rows if c[0] != "合计"]
    lines = []
    for i, (row, raw) in enumerate(zip(rows, table["rows"], strict=True)):
        subject = "TOTAL" if row[0] == "合计" else row[0]
        h = hierarchy(subject, codes, FUNCTIONAL)
        amounts = row[2:]
        lines.append(
            {
                "subject_code": subject,
                "subject_name": "合计" if subject == "TOTAL" else row[1],
                "subject_level": h["level"],
                "parent_code": h["parent_code"],
                "is_leaf": h["is_leaf"],
                **{c: spec_amount(v) for c, v in zip(columns, amounts, strict=False)},
                **{c: None for c in columns[len(amounts) :]},  # columns the table lacks
                **shanghai_provenance(code, raw["page"]),
                "source_row": i,
            }
        )
    return lines


def test_shanghai_document_facts():
    facts = shanghai_expected()["document"]
    assert (facts["department"], facts["fiscal_year"], facts["kind"]) == (
        SHANGHAI_DEPARTMENT,
        2024,
        "部门决算",
    )
    assert facts["sha256"] == document_id(SHANGHAI_PDF)


def test_shanghai_fills_every_mart_its_tables_feed(shanghai_warehouse):
    counts = {
        mart: query(
            shanghai_warehouse,
            f"select count(*) as n from marts.{mart} where department_id = ?",
            SHANGHAI_DEPARTMENT,
        )[0]["n"]
        for mart in (
            "fact_income",
            "fact_expenditure",
            "fact_basic_expenditure_economic",
            "fact_three_public",
            "dim_department",
            "fact_budget_execution",
        )
    }
    assert all(counts.values()), counts
    assert counts["fact_income"] == 18
    assert counts["fact_expenditure"] >= 18 + 18  # T03 and T05 (T07/T08 are declared empty)
    assert counts["fact_basic_expenditure_economic"] == 27 + 38 + 2  # both panels + 2 totals
    assert counts["fact_three_public"] == 6
    assert counts["dim_department"] == 1
    assert counts["fact_budget_execution"] >= 10  # the total and the nine 项 of 五（三）


def test_shanghai_income_is_the_printed_t02_cell_for_cell(shanghai_warehouse):
    assert [c.split("/")[-1] for c in shanghai_table("T02")["columns"][2:]] == list(INCOME_HEADER)
    expected = shanghai_subject_lines("T02", INCOME_COLUMNS)
    got = mart_rows(
        shanghai_warehouse,
        "fact_income",
        list(expected[0]),
        "fiscal_year = 2024",
        order="source_row",
    )
    assert_same_rows(keyed(got, "source_row"), keyed(expected, "source_row"))
    assert_decimal_values(got, INCOME_COLUMNS)


@pytest.mark.parametrize(
    ("code", "scope"), [("T03", "all_sources"), ("T05", "general_public_budget")]
)
def test_shanghai_expenditure_is_the_printed_table_cell_for_cell(shanghai_warehouse, code, scope):
    expected = shanghai_subject_lines(code, EXPENDITURE_COLUMNS)
    got = mart_rows(
        shanghai_warehouse,
        "fact_expenditure",
        list(expected[0]),
        "fiscal_year = 2024 and funding_scope = ?",
        scope,
        order="source_row",
    )
    assert_same_rows(keyed(got, "source_row"), keyed(expected, "source_row"))
    if code == "T05":  # 合计 printed as the last row
        assert got[-1]["subject_code"] == "TOTAL" and got[-1]["source_row"] == len(got) - 1


def shanghai_basic_expenditure() -> dict[tuple[str, str], dict[str, Any]]:
    """Both panels of the Shanghai T06; the cost group follows from the class (301/303 人员)."""
    table = shanghai_table("T06")
    printed_lines = []
    for i, raw in enumerate(table["rows"]):
        cells = raw["cells"]
        for start in (0, 3):
            code, name, text = cells[start : start + 3]
            if code.endswith("合计"):
                group = "personnel" if code == "人员经费合计" else "public"
                printed_lines.append((group, "TOTAL", code, text, i, raw["page"]))
            elif code:
                group = "personnel" if code[:3] in ("301", "303") else "public"
                printed_lines.append((group, code, name, text, i, raw["page"]))
    codes = [line[1] for line in printed_lines]
    expected = {}
    for group, code, name, text, i, page in printed_lines:
        h = hierarchy(code, codes, ECONOMIC)
        expected[(group, code)] = {
            "cost_group": group,
            "economic_code": code,
            "economic_name": name,
            "economic_level": h["level"],
            "parent_code": h["parent_code"],
            "is_leaf": h["is_leaf"],
            "amount": spec_amount(text),
            "amount_state": spec_amount_state(text),
            "printed_text": text,
            **shanghai_provenance("T06", page),
            "source_row": i,
        }
    return expected


def test_shanghai_basic_expenditure_is_the_printed_t06_cell_for_cell(shanghai_warehouse):
    expected = shanghai_basic_expenditure()
    columns = list(next(iter(expected.values())))
    got = mart_rows(
        shanghai_warehouse,
        "fact_basic_expenditure_economic",
        columns,
        "fiscal_year = 2024",
        order="source_row, economic_code",
    )
    by_key = keyed(got, "cost_group", "economic_code")
    assert_same_rows(by_key, expected)
    # Printed 0.00 everywhere a class has no spending: figures, not blanks.
    assert by_key[("personnel", "303")]["amount"] == Decimal(0)
    assert {r["amount_state"] for r in got} == {"value"}
    totals = {r["cost_group"]: r["amount"] for r in got if r["economic_code"] == "TOTAL"}
    assert totals == {"personnel": Decimal("95.36"), "public": Decimal("10.23")}


def test_shanghai_three_public_declared_empty(shanghai_warehouse):
    want = shanghai_table("T09")
    assert want["declared_empty"] and want["rows"] == []
    rows = query(
        shanghai_warehouse,
        "select item_key, budget_amount, actual_amount, budget_state, actual_state,"
        " table_declared_empty, document_id, source_page, source_table"
        " from marts.fact_three_public where department_id = ? order by item_key",
        SHANGHAI_DEPARTMENT,
    )
    assert [r.pop("item_key") for r in rows] == sorted(k for k, *_ in THREE_PUBLIC_ITEMS)
    assert (
        rows
        == [
            {
                "budget_amount": None,
                "actual_amount": None,
                "budget_state": "declared_empty",
                "actual_state": "declared_empty",
                "table_declared_empty": True,
                "document_id": document_id(SHANGHAI_PDF),
                "source_page": want["first_page"],
                "source_table": "T09",
            }
        ]
        * 6
    )


def test_shanghai_dim_department(shanghai_warehouse):
    assert shanghai_expected()["document"]["kind"] == "部门决算"
    rows = query(shanghai_warehouse, "select * from marts.dim_department")
    assert rows == [
        {
            "department_id": SHANGHAI_DEPARTMENT,
            "department_name": SHANGHAI_DEPARTMENT,
            "region": "上海市普陀区",
            "unit_kind": "部门",
            "first_fiscal_year": 2024,
            "last_fiscal_year": 2024,
            "documents_loaded": 1,
            "name_variants": [SHANGHAI_DEPARTMENT],
            "name_variants_text": SHANGHAI_DEPARTMENT,  # the BI twin of the list
        }
    ]


def shanghai_budget_execution() -> dict[str, dict[str, Any]]:
    """五（三）: the total and the nine 项, from expected.yaml's narrative figures."""
    t05 = {r["cells"][0]: r["cells"] for r in shanghai_table("T05")["rows"]}
    expected = {}
    for entry in shanghai_expected()["narrative"]:
        if not entry["section"].endswith("（三）一般公共预算财政拨款支出决算具体情况"):
            continue
        figures = {f["what"]: f["value"] for f in entry["figures"]}
        code = entry.get("code", "TOTAL")
        initial = figures.get("年初预算")
        full_year = figures.get("全年预算")
        final = Decimal(figures["支出决算"])
        rate_words = [w for w in figures if w.startswith("完成")]
        basis = (
            {"完成年初预算": "年初", "完成全年预算数": "全年"}[rate_words[0]]
            if rate_words
            else None
        )
        # the budget the rate names; where no rate is stated, the one budget the sentence states
        named_budget = {"年初": initial, "全年": full_year, None: full_year or initial}[basis]
        computed = (
            round_to(final * 100 / Decimal(named_budget), 2)
            if named_budget and Decimal(named_budget) != 0
            else None
        )
        expected[code] = {
            "subject_level": 0 if code == "TOTAL" else 3,
            "initial_budget_amount": Decimal(initial) if initial else None,
            "full_year_budget_amount": Decimal(full_year) if full_year else None,
            "final_amount": final,
            "table_final_amount": spec_amount(t05["合计" if code == "TOTAL" else code][2]),
            "stated_completion_rate": Decimal(figures[rate_words[0]]) if rate_words else None,
            "completion_basis": basis,
            "computed_completion_rate": computed,
        }
    return expected


def test_shanghai_budget_execution_states_the_narratives_figures(shanghai_warehouse):
    expected = shanghai_budget_execution()
    assert len(expected) == 10
    # 完成年初预算的95.89% against a 年初预算 of 0: the rate cannot be recomputed from it.
    assert expected["TOTAL"]["initial_budget_amount"] == 0
    assert expected["TOTAL"]["computed_completion_rate"] is None
    columns = ["subject_code", "source_table", *next(iter(expected.values()))]
    rows = mart_rows(
        shanghai_warehouse,
        "fact_budget_execution",
        columns,
        "department_id = ? and subject_code in (select unnest(?))",
        SHANGHAI_DEPARTMENT,
        list(expected),
        order="subject_code",
    )
    got = {r.pop("subject_code"): r for r in rows}
    assert len(got) == len(rows)
    assert {r.pop("source_table") for r in got.values()} == {"narrative"}
    assert_same_rows(got, expected)
    assert_decimal_values(rows, ("final_amount", "table_final_amount"))


@pytest.mark.parametrize(
    ("mart", "group_by", "columns", "where"),
    [
        ("fact_income", None, INCOME_COLUMNS[:2], "true"),
        (
            "fact_expenditure",
            "funding_scope",
            EXPENDITURE_COLUMNS[:3],
            "funding_scope in ('all_sources', 'general_public_budget')",
        ),
        ("fact_basic_expenditure_economic", "cost_group", ("amount",), "true"),
    ],
)
def test_shanghai_leaf_lines_add_up_to_the_printed_total(
    shanghai_warehouse, mart, group_by, columns, where
):
    code = "economic_code" if mart == "fact_basic_expenditure_economic" else "subject_code"
    group = group_by or "'all'"
    rows = query(
        shanghai_warehouse,
        f"select {group} as grp, {code} = 'TOTAL' as is_total, is_leaf,"
        f" {', '.join(columns)} from marts.{mart}"
        f" where department_id = ? and fiscal_year = 2024 and {where}",
        SHANGHAI_DEPARTMENT,
    )
    groups = {r["grp"] for r in rows}
    assert (
        groups
        == {
            None: {"all"},
            "funding_scope": {"all_sources", "general_public_budget"},
            "cost_group": {"personnel", "public"},
        }[group_by]
    )
    for grp in groups:
        for column in columns:
            (total,) = [r[column] for r in rows if r["grp"] == grp and r["is_total"]]
            leaves = [r[column] for r in rows if r["grp"] == grp and r["is_leaf"]]
            leaves = [v for v in leaves if v is not None]
            assert total is not None and leaves
            assert abs(sum(leaves, Decimal(0)) - total) <= sum_tolerance(len(leaves)), (
                mart,
                grp,
                column,
            )
