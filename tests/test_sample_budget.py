"""The constructed 2023 部门预算公开 sample (budget) holds together, read from its PDF.

Why: the budget sample exists so that budget extraction and the budget-vs-决算 checks have a
document whose figures are known to agree with the 2023 决算. These tests read both rendered
PDFs with pdfplumber (not the specs), so they check what a reader of the printed documents
would see: the 一般公共预算支出表's 类 totals are the 年初预算 the 决算 narrative states, every
table sums at each level, the tables agree with each other, and the committed PDF is what the
committed spec renders.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from pathlib import Path

import pdfplumber
import pytest

from samples.render import load_spec, render_disclosure

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
BUDGET_PDF = SAMPLES / "pdf" / "yangquan-commerce-2023-budget.pdf"
BUDGET_SPEC = SAMPLES / "specs" / "yangquan-commerce-2023-budget.yaml"
FINAL_PDF = SAMPLES / "pdf" / "yangquan-commerce-2023.pdf"
PREFIX = "阳泉市商务局2023年"
TITLES = {  # label -> title, as the extraction library will recognise them
    "公开01表": "收支预算总表",
    "公开02表": "收入预算表",
    "公开03表": "支出预算表",
    "公开04表": "财政拨款收支预算总表",
    "公开05表": "一般公共预算支出表",
    "公开06表": "一般公共预算基本支出表",
    "公开07表": "一般公共预算“三公”经费支出表",
    "公开08表": "政府性基金预算支出表",
    "公开09表": "国有资本经营预算支出表",
    "公开10表": "政府采购预算表",
}
CLASS_NAMES = {
    "一般公共服务支出": "201",
    "社会保障和就业支出": "208",
    "卫生健康支出": "210",
    "商业服务业等支出": "216",
    "住房保障支出": "221",
}


def _n(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


def amount(cell: str | None) -> Decimal:
    """A printed amount; a blank cell is zero."""
    return Decimal(_n(cell).replace(",", "") or "0")


@cache
def page_texts(path: Path) -> tuple[str, ...]:
    with pdfplumber.open(path) as pdf:
        return tuple(_n(p.extract_text()) for p in pdf.pages)


@cache
def budget_tables() -> dict[str, list[list[str | None]]]:
    """label -> every grid row (header and body) of that table, across its pages.

    A page with a grid under a table's title and label starts that table (the narrative also
    names 公开08表, on a page without a grid); a page with a grid and no title continues the
    previous one (the budget's tables continue without a repeated header).
    """
    out: dict[str, list[list[str | None]]] = {}
    current = None
    with pdfplumber.open(BUDGET_PDF) as pdf:
        for page in pdf.pages:
            text = _n(page.extract_text())
            grids = page.extract_tables()
            labels = [
                label
                for label, title in TITLES.items()
                if grids and label in text and _n(PREFIX + title) in text
            ]
            if labels:
                (current,) = labels
                out[current] = []
            if grids and current is not None:
                (grid,) = grids
                out[current] += [[_n(c) if c is not None else None for c in r] for r in grid]
    return out


def by_code(label: str) -> dict[str, list[str | None]]:
    """Body rows keyed by their first cell (科目编码, or 合计)."""
    return {r[0]: r for r in budget_tables()[label] if r[0] and (r[0].isdigit() or r[0] == "合计")}


@cache
def stated_budget() -> tuple[Decimal, dict[str, Decimal]]:
    """The 2023 年初预算 the 2023 决算's narrative states: total and per 类 code."""
    text = "".join(page_texts(FINAL_PDF))
    total = re.search(r"一般公共预算财政拨款支出年初预算([\d,.]+)万元", text)
    assert total, "the 决算 states no 年初预算 total"
    classes = {
        CLASS_NAMES[name]: Decimal(value.replace(",", ""))
        for name, value in re.findall(r"\d、(\S{2,12}?支出)年初预算([\d,.]+)万元", text)
    }
    return Decimal(total.group(1).replace(",", "")), classes


def test_every_table_is_printed_with_its_label_and_title() -> None:
    text = "".join(page_texts(BUDGET_PDF))
    for label, title in TITLES.items():
        assert label in text and _n(PREFIX + title) in text, label
    assert "阳泉市商务局2023年部门预算公开" in "".join(page_texts(BUDGET_PDF)[:1])
    assert set(budget_tables()) == set(TITLES)


def test_class_totals_are_the_final_accounts_stated_budget() -> None:
    total, classes = stated_budget()
    assert total == Decimal("733.98") and set(classes) == set(CLASS_NAMES.values())
    assert sum(classes.values()) == total
    rows = by_code("公开05表")
    assert {c: amount(r[2]) for c, r in rows.items() if len(c) == 3} == classes
    assert amount(rows["合计"][2]) == total


@pytest.mark.parametrize("label", ["公开02表", "公开03表", "公开05表"])
def test_subject_tables_sum_at_every_level(label: str) -> None:
    rows = by_code(label)
    codes = [c for c in rows if c != "合计"]
    amount_cols = range(2, len(rows["合计"]))
    for col in amount_cols:
        col_of = {c: amount(rows[c][col]) for c in codes}
        assert amount(rows["合计"][col]) == sum(v for c, v in col_of.items() if len(c) == 3)
        for parent in codes:
            kids = [c for c in codes if len(c) == len(parent) + 2 and c.startswith(parent)]
            if len(parent) < 7:
                assert kids, parent  # every 类 and 款 splits down to 项
                assert col_of[parent] == sum(col_of[k] for k in kids), (label, parent, col)
    if label != "公开02表":  # 合计 = 基本支出 + 项目支出 on every row
        for r in rows.values():
            assert amount(r[2]) == amount(r[3]) + amount(r[4]), r


def test_subject_tables_agree() -> None:
    t05, t03, t02 = by_code("公开05表"), by_code("公开03表"), by_code("公开02表")
    assert t03 == t05  # all of the department's money is 一般公共预算
    assert {c: amount(r[2]) for c, r in t02.items()} == {c: amount(r[2]) for c, r in t05.items()}
    assert {c: amount(r[3]) for c, r in t02.items()} == {c: amount(r[2]) for c, r in t05.items()}


def _two_sided(label: str) -> tuple[dict[str, Decimal], dict[str, Decimal]]:
    """(收入 items, 支出 items) of a 收支总表: item name -> its amount (first amount column)."""
    income: dict[str, Decimal] = {}
    spending: dict[str, Decimal] = {}
    for r in budget_tables()[label][2:]:
        if r[0]:
            income[r[0]] = amount(r[1])
        if r[2]:
            spending[r[2]] = amount(r[3])
    return income, spending


@pytest.mark.parametrize("label", ["公开01表", "公开04表"])
def test_overview_tables_balance_and_match_the_subject_table(label: str) -> None:
    income, spending = _two_sided(label)
    totals = ("本年收入合计", "本年支出合计", "收入总计", "支出总计")
    lines_in = {k: v for k, v in income.items() if "、" in k}
    lines_out = {k: v for k, v in spending.items() if "、" in k}
    assert income["本年收入合计"] == sum(lines_in.values())
    assert spending["本年支出合计"] == sum(lines_out.values())
    budget = amount(by_code("公开05表")["合计"][2])
    assert {income[totals[0]], spending[totals[1]], income[totals[2]], spending[totals[3]]} == {
        budget
    }
    classes = {c: amount(r[2]) for c, r in by_code("公开05表").items() if len(c) == 3}
    printed = {CLASS_NAMES[k.split("、", 1)[1]]: v for k, v in lines_out.items() if v}
    assert printed == classes


def test_fiscal_overview_columns() -> None:
    # 公开04表: 合计 = 一般公共预算 + 政府性基金 + 国有资本经营 on every expenditure line.
    for r in budget_tables()["公开04表"][2:]:
        if r[2]:
            assert amount(r[3]) == amount(r[4]) + amount(r[5]) + amount(r[6]), r


def test_basic_expenditure_by_economic_class() -> None:
    rows = by_code("公开06表")
    codes = [c for c in rows if c != "合计"]
    assert {c for c in codes if len(c) == 3} == {"301", "302", "303"}
    for col in (2, 3, 4):
        col_of = {c: amount(rows[c][col]) for c in codes}
        assert amount(rows["合计"][col]) == sum(v for c, v in col_of.items() if len(c) == 3)
        for cls in ("301", "302", "303"):
            assert col_of[cls] == sum(v for c, v in col_of.items() if len(c) == 5 and c[:3] == cls)
    for c, r in rows.items():
        assert amount(r[2]) == amount(r[3]) + amount(r[4]), r  # 人员经费 + 公用经费
        if c[:3] in ("301", "303"):
            assert amount(r[4]) == 0, r
        if c[:3] == "302":
            assert amount(r[3]) == 0, r
    assert amount(rows["合计"][2]) == amount(by_code("公开05表")["合计"][3])  # = 基本支出
    # The social-insurance 项 of 公开05表 are paid as these 款.
    t05 = by_code("公开05表")
    for leaf, kuan in {"2080505": "30108", "2080506": "30109", "2210201": "30113"}.items():
        assert amount(t05[leaf][3]) == amount(rows[kuan][2])


def test_the_table_continues_without_a_repeated_header() -> None:
    with pdfplumber.open(BUDGET_PDF) as pdf:
        pages = [p for p in pdf.pages if "公开06表" in _n(p.extract_text())]
        (start,) = pages
        after = pdf.pages[start.page_number]  # the next page
        (grid,) = after.extract_tables()
        assert grid[0][0] and grid[0][0].isdigit()  # a body row, no header
        assert "公开06表" not in _n(after.extract_text())


def test_three_public_budget_is_the_stated_zero() -> None:
    final = "".join(page_texts(FINAL_PDF))
    stated = re.search(r"“三公”经费财政拨款支出全年预算([\d.]+)万元", final)
    assert stated
    grid = budget_tables()["公开07表"]
    (row,) = grid[2:]
    total, abroad, cars, buy, run, reception = (amount(c) for c in row)
    assert cars == buy + run and total == abroad + cars + reception
    assert total == Decimal(stated.group(1))


def test_empty_tables() -> None:
    texts = page_texts(BUDGET_PDF)
    for label in ("公开08表", "公开09表"):
        # the page printing the table (the narrative names the label too, without the title)
        (page,) = [t for t in texts if label in t and _n(PREFIX + TITLES[label]) in t]
        assert "说明：本表无数据" in page
        assert all(amount(c) == 0 for r in budget_tables()[label][2:] for c in r[2:])


def test_procurement_sums_and_the_narrative_restates_the_tables() -> None:
    grid = budget_tables()["公开10表"][2:]
    total, *items = grid
    assert total[0] == "合计"
    assert amount(total[3]) == sum(amount(r[3]) for r in items)
    text = "".join(page_texts(BUDGET_PDF))
    t05 = by_code("公开05表")
    t06 = by_code("公开06表")
    budget, basic, project = (amount(c) for c in t05["合计"][2:5])
    assert f"收入预算{budget}万元" in text and f"支出预算{budget}万元" in text
    assert f"基本支出{basic}万元" in text and f"项目支出{project}万元" in text
    for name, code in CLASS_NAMES.items():
        assert f"{name}（类）{amount(t05[code][2]):.2f}万元" in text
    assert f"人员经费{amount(t06['合计'][3])}万元" in text
    assert f"机关运行经费预算{amount(t06['合计'][4])}万元" in text
    assert f"政府采购预算{amount(total[3])}万元" in text


def test_the_committed_pdf_is_what_the_spec_renders(tmp_path: Path) -> None:
    out = render_disclosure(load_spec(BUDGET_SPEC), tmp_path / "budget.pdf")
    assert out.read_bytes() == BUDGET_PDF.read_bytes()
