"""What each disclosure table is, by meaning (决算表目录): titles and header signatures.

A table is recognised by its title (any alias, matched on normalised text) *and* by the
keywords its header must contain, never by its page or position in the document.
"""

from __future__ import annotations

from dataclasses import dataclass

from ingestion.records import TableCode


@dataclass(frozen=True, slots=True)
class TableKind:
    code: TableCode
    name_en: str
    titles: tuple[str, ...]  # aliases, already normalised (no whitespace, no quotes)
    header_keywords: tuple[str, ...]  # every one must occur in the joined header text


TABLE_KINDS: tuple[TableKind, ...] = (
    TableKind(
        TableCode.T01, "income and expenditure summary", ("收入支出决算总表",), ("收入", "支出")
    ),
    TableKind(
        TableCode.T02, "income", ("收入决算表",), ("科目名称", "财政拨款收入", "上级补助收入")
    ),
    TableKind(
        TableCode.T03,
        "expenditure",
        ("支出决算表",),
        ("科目名称", "基本支出", "项目支出", "上缴上级支出"),
    ),
    TableKind(
        TableCode.T04,
        "fiscal appropriation income and expenditure summary",
        ("财政拨款收入支出决算总表",),
        ("收入", "支出", "一般公共预算"),
    ),
    TableKind(
        TableCode.T05,
        "general public budget appropriation expenditure",
        ("一般公共预算财政拨款支出决算表",),
        ("科目名称", "基本支出", "项目支出"),
    ),
    TableKind(
        TableCode.T06,
        "basic expenditure by economic class",
        (
            "一般公共预算财政拨款基本支出决算明细表",
            "一般公共预算财政拨款基本支出决算表",
            "基本支出决算明细表",
            "基本支出决算表",
        ),
        ("人员经费", "公用经费"),
    ),
    TableKind(
        TableCode.T07,
        "government fund appropriation",
        ("政府性基金预算财政拨款收入支出决算表",),
        ("年初结转和结余", "本年支出"),
    ),
    TableKind(
        TableCode.T08,
        "state capital operation appropriation",
        ("国有资本经营预算财政拨款支出决算表", "国有资本经营预算财政拨款收入支出决算表"),
        ("基本支出", "项目支出"),
    ),
    TableKind(
        TableCode.T09,
        "three public expenses",
        ("财政拨款三公经费支出决算表", "一般公共预算财政拨款三公经费支出决算表"),
        ("公务接待费",),
    ),
    TableKind(
        TableCode.T10,
        "disclosure statistics",
        ("部门决算公开相关信息统计表", "相关信息统计表"),
        ("政府采购",),
    ),
)
