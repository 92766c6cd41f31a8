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
    unit_kind: str | None = None  # 部门 (部门决算) | 单位 (单位决算), as the cover titles it
    document_kind: str = "决算"  # 决算 | 预算 | other (ingestion.identify.DocumentKind)
    # Which sources agreed on each fact, e.g. "department: cover, tables; fiscal_year: …".
    identified_from: str | None = None


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
    department_printed: str | None = None  # the 部门名称 / 单位名称 line above the table
    year_printed: int | None = None  # the 20XX年度 printed above the table


@dataclass(frozen=True, slots=True)
class AmountCell:
    """One amount cell of a table (金额单元格), bound to its row and column.

    ``amount`` is in 万元, exact; ``printed_text`` keeps the characters as printed.
    """

    document_id: str
    table_code: str
    page: int  # 1-based page the row is printed on
    row_index: int  # 0-based position of the row in the (stitched) table body
    row_kind: str  # "total" (合计) | "subject" (a coded row) | "line" (a labelled line)
    subject_code: str | None  # the row's classification code: see ``code_kind``
    row_label: str  # subject name or line label, as printed (whitespace removed)
    line_number: int | None  # 行次 where printed
    # The part of the table the cell belongs to: income | expenditure (收支总表),
    # personnel | public (基本支出明细表), procurement | running_cost | assets (统计表).
    side: str | None
    column_key: str  # e.g. "total", "basic", "project"
    column_label: str  # the column header as printed (joined over header rows)
    column_number: int | None  # 栏次
    printed_text: str
    amount: Decimal | None
    amount_state: str  # an AmountState value
    code_kind: str | None = None  # functional (功能分类) | economic (经济分类) | None
    measure_unit: str = "万元"  # 万元 for money (converted); 辆 / 台(套) for counts (as printed)
    # Where the cell is drawn on its page (PDF points, top-left origin), to box it in reports.
    x0: float | None = None
    top: float | None = None
    x1: float | None = None
    bottom: float | None = None


@dataclass(frozen=True, slots=True)
class NarrativeClaim:
    """One figure the 情况说明 states (文字说明中的数字), bound to the table cell it restates.

    ``subject`` names what the figure is about in a stable vocabulary (e.g. ``income.total``,
    ``expenditure.basic``, ``gpb.class:201``, ``three_public.reception``); ``refers_*`` name the
    table cell a rule compares it with, or are None when the claim restates no table cell.
    """

    document_id: str
    page: int
    section: str  # the heading the sentence is printed under, e.g. 五、一般公共预算财政拨款…
    sentence: str  # the whole sentence, lines joined
    claim_kind: str  # amount | share | change_amount | change_percent | budget | completion | count
    subject: str
    value: Decimal | None  # the stated number (万元, percent points, or a count)
    unit: str  # 万元 | % | 个 | 辆 | 人次 | …
    direction: str | None  # increase | decrease | same, for changes
    printed: str  # the number as printed, e.g. "1,710.18" or "84.05%"
    refers_table: str | None
    refers_row: str | None
    refers_column: str | None


@dataclass(frozen=True, slots=True)
class PerformanceForm:
    """One 项目支出绩效自评表 (project performance self-evaluation form).

    Amounts are in 万元 as printed; a blank cell is None (never 0). Rates are percentages
    (e.g. 83.63 for "83.63%"). ``*_printed`` keep what the form says verbatim.
    """

    document_id: str
    form_index: int  # 1-based order in the document
    first_page: int
    last_page: int
    project_name: str
    department_in_charge: str | None  # 主管部门
    implementing_unit: str | None  # 实施单位
    period_printed: str | None  # 项目起止时间
    filled_date_printed: str | None  # 填报日期
    budget_total: Decimal | None  # 项目预算金额
    budget_central_provincial: Decimal | None  # 其中：中央、省财政
    budget_city: Decimal | None  # 市财政
    budget_county: Decimal | None  # 县（区）财政
    budget_other: Decimal | None  # 其它
    received_total: Decimal | None  # 实际到位金额
    received_central_provincial: Decimal | None
    received_city: Decimal | None
    received_county: Decimal | None
    received_other: Decimal | None
    executed_total: Decimal | None  # 实际执行金额
    executed_central_provincial: Decimal | None
    executed_city: Decimal | None
    executed_county: Decimal | None
    executed_other: Decimal | None
    execution_rate_grid: Decimal | None  # 项目执行情况 cell, e.g. 预算执行率为83.63%
    execution_rate_grid_printed: str | None
    execution_rate_text: Decimal | None  # the rate restated in 自评结论, where it is
    execution_rate_text_printed: str | None
    score_output: Decimal | None  # 产出指标 section score as printed
    score_benefit: Decimal | None  # 效益指标
    score_satisfaction: Decimal | None  # 满意度指标
    total_score: Decimal | None  # 总分
    total_score_printed: str | None  # "90分" / "90.4" / None when blank
    stated_grade: str | None  # 优 | 良 | 中 | 差, from the conclusion text
    conclusion_text: str | None  # 自评结论及结果分析
    status: str  # extracted | insufficient_data
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class PerformanceIndicator:
    """One indicator line of a 绩效自评表 (绩效指标)."""

    document_id: str
    form_index: int
    row_index: int  # 0-based order within the form
    page: int
    level1: str | None  # 一级指标, e.g. 产出指标
    level2: str | None  # 二级指标, e.g. 数量指标
    level3: str | None  # 三级指标 name, e.g. 参加各类展会次数
    target_printed: str | None  # 年度指标值
    actual_printed: str | None  # 全年完成值
    actual_value: Decimal | None  # the number in actual_printed, when there is exactly one
    actual_unit: str | None  # the unit after it (次, %, 万元, 家 …)
    score_printed: str | None  # 自评得分 cell on this line, as printed
    shortfall_reason: str | None  # 未完成原因和改进措施
    # The 年度指标值 as a bound: "≥6次" → (≥, 6, 次); "100%" → (=, 100, %); None when it is
    # not one number with an optional comparison (a date, a range, words).
    target_comparator: str | None = None
    target_value: Decimal | None = None
    target_unit: str | None = None


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """What became of one file that disclosed a partition's department and year (文件结果).

    ``loaded``: its records are the partition's. ``superseded``: another file of the same
    department and year won under the re-publication policy (the later PDF), named by
    ``related_document_id``. ``quarantined``: it failed extraction (``reason``: corrupt,
    too_slow, too_much_memory, …) and displaced nothing.
    """

    path: str
    file_name: str
    document_id: str
    fiscal_year: int
    department_key: str
    status: str  # loaded | superseded | quarantined
    reason: str | None
    message: str | None
    related_document_id: str | None
    published_at: str | None  # the PDF's own ModDate / CreationDate, ISO 8601
    decided_at: datetime
    extractor_version: str | None = None  # ingestion.version when the file was extracted


@dataclass(slots=True)
class ExtractedDocument:
    """Everything extracted from one PDF: what ``write.py`` persists per document."""

    document: DocumentRecord
    tables: list[DisclosureTable] = field(default_factory=list)
    cells: list[AmountCell] = field(default_factory=list)
    claims: list[NarrativeClaim] = field(default_factory=list)
    forms: list[PerformanceForm] = field(default_factory=list)
    indicators: list[PerformanceIndicator] = field(default_factory=list)
