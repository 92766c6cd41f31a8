"""What each disclosure table is, by meaning (决算表目录 / 预算表目录): titles and header
signatures.

A table is recognised by its title (any alias, matched on normalised text) *and* by the
keywords its header must contain, never by its page or position in the document. A kind
belongs to one kind of document: a 决算's tables (T01…T10) are looked for only in a 决算, a
budget's (B01…B13) only in a budget, where the same words (一般公共预算支出…) mean a plan.
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
    document_kind: str = "决算"  # 决算 | 预算: the documents that print this table


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


BUDGET = "预算"

# Budget titles as printed, without the ordinal (一、), year, department and 部门 the printers
# put before them (ingestion.locate.title_kind strips those): Jiangsu 2017 prints
# 部门收支预算总表, 2018–2019 收支预算总表, Shanghai 部门财务收支预算总表.
BUDGET_TABLE_KINDS: tuple[TableKind, ...] = (
    TableKind(
        TableCode.B01,
        "budget income and expenditure summary",
        ("收支预算总表", "财务收支预算总表", "部门收支总表"),
        ("收入", "支出"),
        BUDGET,
    ),
    TableKind(TableCode.B02, "budget income", ("收入预算总表", "收入预算表"), ("收入",), BUDGET),
    TableKind(
        TableCode.B03,
        "budget expenditure",
        ("支出预算总表", "支出预算表"),
        ("基本支出", "项目支出"),
        BUDGET,
    ),
    TableKind(
        TableCode.B04,
        "budget fiscal appropriation income and expenditure summary",
        ("财政拨款收支预算总表", "财政拨款收支预算表"),
        ("收入", "支出"),
        BUDGET,
    ),
    TableKind(
        TableCode.B05,
        "budget fiscal appropriation expenditure",
        ("财政拨款支出预算表",),
        ("科目",),
        BUDGET,
    ),
    TableKind(
        TableCode.B06,
        "budget fiscal appropriation basic expenditure",
        ("财政拨款基本支出预算表",),
        ("科目",),
        BUDGET,
    ),
    TableKind(
        TableCode.B07,
        "budget general public budget expenditure",
        ("一般公共预算支出预算表", "一般公共预算支出功能分类预算表", "一般公共预算支出表"),
        ("科目",),
        BUDGET,
    ),
    TableKind(
        TableCode.B08,
        "budget general public budget basic expenditure",
        (
            "一般公共预算基本支出预算表",
            "一般公共预算基本支出部门预算经济分类预算表",
            "一般公共预算基本支出经济分类预算表",
            "一般公共预算基本支出表",
        ),
        ("科目",),
        BUDGET,
    ),
    TableKind(
        TableCode.B09,
        "budget government fund expenditure",
        (
            "政府性基金支出预算表",
            "政府性基金预算支出预算表",
            "政府性基金预算财政拨款支出预算表",
            "政府性基金财政拨款支出预算表",
            "财政拨款政府性基金支出预算表",
            "政府性基金预算支出功能分类预算表",
            "政府性基金预算支出表",
        ),
        ("科目",),
        BUDGET,
    ),
    TableKind(
        TableCode.B10,
        "budget state capital operation expenditure",
        (
            "国有资本经营预算支出预算表",
            "国有资本经营预算支出功能分类预算表",
            "国有资本经营预算支出表",
        ),
        ("科目",),
        BUDGET,
    ),
    TableKind(
        TableCode.B11,
        "budget three public expenses",
        (
            "三公经费、会议费、培训费支出预算表",
            "一般公共预算三公经费、会议费、培训费支出预算表",
            "三公经费和机关运行经费预算表",
            "一般公共预算三公经费支出表",
            "一般公共预算三公经费支出预算表",
            "三公经费支出预算表",
        ),
        ("三公",),
        BUDGET,
    ),
    TableKind(
        TableCode.B12,
        "budget general public budget running costs",
        ("一般公共预算机关运行经费支出预算表", "机关运行经费支出预算表"),
        ("机关运行经费",),
        BUDGET,
    ),
    TableKind(
        TableCode.B13,
        "budget government procurement",
        ("政府采购预算表", "政府采购支出预算表"),
        ("采购",),
        BUDGET,
    ),
)

ALL_TABLE_KINDS: tuple[TableKind, ...] = TABLE_KINDS + BUDGET_TABLE_KINDS


def kinds_of(document_kind: str) -> tuple[TableKind, ...]:
    """The table kinds a document of ``document_kind`` (决算 / 预算) may print."""
    return tuple(kind for kind in ALL_TABLE_KINDS if kind.document_kind == document_kind)
