"""The raw layer's record types (原始层记录), in one place.

Every record carries provenance: the document's sha256 (``document_id``) and, for table
content, the page and the table it was read from. These types are what ``write.py`` turns
into Parquet and what the dbt sources read; change them together with
``dbt_project/models/staging/_sources.yml``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum


class AmountState(StrEnum):
    """What a printed amount cell says (金额单元格状态).

    ``value`` includes a printed 0.00; ``blank`` is an empty cell; ``not_applicable`` is
    "——"; ``unreadable`` is text that is not an amount (the cell is ``insufficient_data``).
    A table declared 本表无数据 is flagged on :class:`DisclosureTable`, not on its cells.
    """

    VALUE = "value"
    BLANK = "blank"
    NOT_APPLICABLE = "not_applicable"
    UNREADABLE = "unreadable"


class TableCode(StrEnum):
    """A disclosure table by meaning, named by its Shanxi number (公开NN表)."""

    T01 = "T01"  # 收入支出决算总表
    T02 = "T02"  # 收入决算表
    T03 = "T03"  # 支出决算表
    T04 = "T04"  # 财政拨款收入支出决算总表
    T05 = "T05"  # 一般公共预算财政拨款支出决算表
    T06 = "T06"  # 一般公共预算财政拨款基本支出决算明细表
    T07 = "T07"  # 政府性基金预算财政拨款收入支出决算表
    T08 = "T08"  # 国有资本经营预算财政拨款支出决算表
    T09 = "T09"  # 财政拨款“三公”经费支出决算表
    T10 = "T10"  # 部门决算公开相关信息统计表


@dataclass(frozen=True, slots=True)
class DocumentRecord:
    """One disclosure PDF (决算公开文件) as read."""

    document_id: str  # sha256 of the file bytes
    file_name: str
    department_name: str  # as printed on the cover / 部门名称 line
    department_key: str  # NFKC-normalised, whitespace-free name: the partition key
    fiscal_year: int
    page_count: int
    producer: str | None
    layout: str  # e.g. "shanxi"
    tables_found: tuple[str, ...]
    tables_missing: tuple[str, ...]
    extracted_at: datetime


@dataclass(frozen=True, slots=True)
class DisclosureTable:
    """One recognised table (决算表) of a document, possibly spanning pages."""

    document_id: str
    table_code: str
    label_printed: str | None  # "公开03表" as printed, None when unlabelled
    title_printed: str
    first_page: int  # 1-based
    last_page: int
    unit_printed: str | None  # "金额单位：万元"
    unit_to_wan_yuan: Decimal  # factor that turns a printed amount into 万元
    declared_empty: bool  # the page says 本表无数据
    status: str  # "extracted" | "insufficient_data"
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class AmountCell:
    """One amount cell of a table (金额单元格), bound to its row and column.

    ``amount`` is in 万元, exact; ``printed_text`` keeps the characters as printed.
    """

    document_id: str
    table_code: str
    page: int  # 1-based page the row is printed on
    row_index: int  # 0-based position of the row in the (stitched) table body
    row_kind: str  # "total" (合计) | "subject" (功能分类科目) | "line" (T01 balance lines)
    subject_code: str | None  # 3/5/7-digit 功能分类 code for subject rows
    row_label: str  # subject name or line label, as printed (whitespace removed)
    line_number: int | None  # 行次 where printed
    side: str | None  # "income" | "expenditure" for two-sided tables, else None
    column_key: str  # e.g. "total", "basic", "project"
    column_label: str  # the column header as printed (joined over header rows)
    column_number: int | None  # 栏次
    printed_text: str
    amount: Decimal | None
    amount_state: str  # an AmountState value


@dataclass(slots=True)
class ExtractedDocument:
    """Everything extracted from one PDF: what ``write.py`` persists per document."""

    document: DocumentRecord
    tables: list[DisclosureTable] = field(default_factory=list)
    cells: list[AmountCell] = field(default_factory=list)
