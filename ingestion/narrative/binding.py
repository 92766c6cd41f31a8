"""Binding a claim to the table cell it restates (数字与表格单元格的对应): kinds and cells.

A figure's measure and unit give its claim kind (``amount``, ``budget``, ``share``,
``change_amount`` …); its subject and kind give the (table, row, column) the claim restates,
under the Shanxi numbering (tables by meaning): :data:`SUBJECT_CELLS` and :func:`refers_to`.
The 相关信息统计表 lines are the disclosure_stat_items seed's.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ingestion.narrative.figures import Figure
from ingestion.narrative.sentences import Sentence
from ingestion.narrative.vocabulary import COUNT_UNITS, MONEY_UNITS
from ingestion.records import NarrativeClaim, TableCode
from ingestion.seeds import seed_rows


def claim_kind(measure: str | None, funds: str | None, unit: str) -> str | None:
    """What a figure of ``unit`` measures, from its measure words; None where they disagree."""
    if unit in MONEY_UNITS:
        kinds = {
            None: "amount",
            "amount": "amount",
            "budget": "budget",
            "change": "change_amount",
            "funds": "budget" if funds and "预算" in funds else "amount",
        }
        return kinds.get(measure)
    if unit == "%":
        return {"share": "share", "completion": "completion", "change": "change_percent"}.get(
            measure or ""
        )
    if unit in COUNT_UNITS:
        return "count" if measure is None else None
    return None


def build_claim(
    document_id: str,
    sentence: Sentence,
    figure: Figure,
    kind: str,
    subject: str,
    direction: str | None,
) -> NarrativeClaim:
    """The claim a figure makes about ``subject``, in 万元 or its count unit, bound to its cell."""
    if figure.same:
        value, unit, printed = Decimal(0), "万元", figure.printed
    elif figure.unit in MONEY_UNITS:
        value, unit, printed = figure.value * MONEY_UNITS[figure.unit], "万元", figure.printed
    elif figure.unit == "%":
        # Keep the percent sign as printed (% or ％).
        value, unit = figure.value, "%"
        printed = figure.printed + sentence.text[figure.end - 1]
    else:
        value, unit, printed = figure.value, figure.unit, figure.printed
    table, row, column = refers_to(subject, kind)
    return NarrativeClaim(
        document_id=document_id,
        page=sentence.pages[figure.start],
        section=sentence.section,
        sentence=sentence.text,
        claim_kind=kind,
        subject=subject,
        value=value,
        unit=unit,
        direction=direction,
        printed=printed,
        refers_table=table,
        refers_row=row,
        refers_column=column,
    )


def _statistics_cells() -> dict[str, tuple[TableCode, str, str]]:
    """The 相关信息统计表 lines by item, from the disclosure_stat_items seed.

    The seed keys its items by the narrative's subjects; an item only the narrative states
    (procurement.sme …) has no line, so no cell.
    """
    return {
        row["item_key"]: (TableCode.T10, row["t10_label"], "value")
        for row in seed_rows("disclosure_stat_items")
        if row["t10_label"]
    }


# (table, row, column) as the table parsers key them: row = 合计/总计 line label, a subject
# code, or a 相关信息统计表 label without its printed numbering; column = the parser's key.
SUBJECT_CELLS: dict[str, tuple[TableCode, str, str]] = {
    # T01 prints 总计 on both sides; the subject's first word says which side.
    "income.total": (TableCode.T01, "总计", "amount"),
    "expenditure.total": (TableCode.T01, "总计", "amount"),
    "income.year_total": (TableCode.T02, "合计", "total"),
    "income.fiscal_appropriation": (TableCode.T02, "合计", "fiscal_appropriation"),
    "income.superior_subsidy": (TableCode.T02, "合计", "superior_subsidy"),
    "income.business": (TableCode.T02, "合计", "business"),
    "income.operating": (TableCode.T02, "合计", "operating"),
    "income.subsidiary_remit": (TableCode.T02, "合计", "subsidiary_remit"),
    "income.other": (TableCode.T02, "合计", "other"),
    "expenditure.year_total": (TableCode.T03, "合计", "total"),
    "expenditure.basic": (TableCode.T03, "合计", "basic"),
    "expenditure.project": (TableCode.T03, "合计", "project"),
    "expenditure.remit_to_superior": (TableCode.T03, "合计", "remit_to_superior"),
    "expenditure.operating": (TableCode.T03, "合计", "operating"),
    "expenditure.subsidiary_subsidy": (TableCode.T03, "合计", "subsidiary_subsidy"),
    "appropriation.income_total": (TableCode.T04, "总计", "amount"),
    "appropriation.expenditure_total": (TableCode.T04, "总计", "total"),
    "appropriation.income_year_total": (TableCode.T04, "本年收入合计", "amount"),
    "appropriation.expenditure_year_total": (TableCode.T04, "本年支出合计", "total"),
    "appropriation.gpb_income": (TableCode.T04, "一般公共预算财政拨款", "amount"),
    "income.opening_balance": (TableCode.T01, "年初结转和结余", "amount"),
    "expenditure.closing_balance": (TableCode.T01, "年末结转和结余", "amount"),
    "gpb.expenditure_total": (TableCode.T05, "合计", "total"),
    "gpb.basic": (TableCode.T05, "合计", "basic"),
    "gpb.project": (TableCode.T05, "合计", "project"),
    "basic.total": (TableCode.T05, "合计", "basic"),
    "basic.personnel": (TableCode.T06, "人员经费合计", "amount"),
    "basic.public": (TableCode.T06, "公用经费合计", "amount"),
    "gov_fund.income": (TableCode.T07, "合计", "income"),
    "gov_fund.expenditure_total": (TableCode.T07, "合计", "total"),
    "soe_capital.expenditure_total": (TableCode.T08, "合计", "total"),
    "soe_capital.income": (TableCode.T08, "合计", "income"),
    "three_public.total": (TableCode.T09, "三公经费", "actual_total"),
    "three_public.overseas": (TableCode.T09, "三公经费", "actual_overseas"),
    "three_public.vehicle": (TableCode.T09, "三公经费", "actual_vehicle_total"),
    "three_public.vehicle_purchase": (TableCode.T09, "三公经费", "actual_vehicle_purchase"),
    "three_public.vehicle_operation": (TableCode.T09, "三公经费", "actual_vehicle_operation"),
    "three_public.reception": (TableCode.T09, "三公经费", "actual_reception"),
    **_statistics_cells(),
}
_CODED = re.compile(r"^(?P<prefix>gpb|expenditure|basic)\.(?P<what>class|econ|item):(?P<key>.+)$")
_CODED_TABLE = {"gpb": TableCode.T05, "expenditure": TableCode.T03, "basic": TableCode.T06}
# Claims about money that restate the subject's 决算 cell; budgets and counts are apart.
_CELL_KINDS = {"amount", "share", "change_amount", "change_percent", "completion"}


def refers_to(subject: str, kind: str) -> tuple[str | None, str | None, str | None]:
    """The (table, row, column) a claim of ``kind`` about ``subject`` restates, or Nones.

    Amounts, shares, changes and completion rates point at the subject's 决算 cell (the
    amount the percentage is computed from); a budget only where a table prints it (the 三公
    table's 预算数 columns); a count only where a table prints it (the 统计表's vehicles).
    ``gpb.item:201/社会工作事务/行政运行`` names its row by the 类 code and the printed 款 and
    项 names, which a rule resolves against the same document's rows.
    """
    coded = _CODED.match(subject)
    cell: tuple[str, str, str] | None = None
    if coded:
        column = "amount" if coded["prefix"] == "basic" else "total"
        cell = (_CODED_TABLE[coded["prefix"]].value, coded["key"], column)
    elif subject in SUBJECT_CELLS:
        table, row, column = SUBJECT_CELLS[subject]
        cell = (table.value, row, column)
    if cell is None:
        return None, None, None
    table, row, column = cell
    if kind in _CELL_KINDS and not subject.startswith(("vehicles.", "assets.")):
        return cell
    if kind == "budget" and subject.startswith("three_public."):
        return table, row, column.replace("actual_", "budget_")
    if kind == "count" and subject.startswith(("vehicles.", "assets.")):
        return cell
    return None, None, None
