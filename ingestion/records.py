"""The raw layer's record types (原始层记录), in one place.

Every record carries provenance: the document's sha256 (``document_id``) and, for table
content, the page and the table it was read from. These types are what ``write.py`` turns
into Parquet and what the dbt sources read. They are the raw layer's only schema: each field's
docstring is its column's description, and the dbt files that declare the raw columns
(``dbt_project/models/staging/_sources.yml``, ``dbt_project/macros/raw_columns.sql``) are
generated from them by ``uv run python -m ingestion.dbt_schema --write``.
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
    """A disclosure table by meaning: T01…T10 are a 决算's, named by their Shanxi number
    (公开NN表); B01…B13 are a budget's (部门预算公开), named in Jiangsu's order."""

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
    B01 = "B01"  # 收支预算总表 (部门收支预算总表, 部门财务收支预算总表)
    B02 = "B02"  # 收入预算总表 (收入预算表)
    B03 = "B03"  # 支出预算总表 (支出预算表)
    B04 = "B04"  # 财政拨款收支预算总表
    B05 = "B05"  # 财政拨款支出预算表
    B06 = "B06"  # 财政拨款基本支出预算表
    B07 = "B07"  # 一般公共预算支出预算表 (一般公共预算支出功能分类预算表)
    B08 = "B08"  # 一般公共预算基本支出预算表 (…基本支出部门预算经济分类预算表)
    B09 = "B09"  # 政府性基金预算支出预算表 (政府性基金支出预算表, …支出功能分类预算表)
    B10 = "B10"  # 国有资本经营预算支出预算表 (…支出功能分类预算表)
    B11 = "B11"  # “三公”经费支出预算表 (“三公”经费、会议费、培训费 / 和机关运行经费预算表)
    B12 = "B12"  # 一般公共预算机关运行经费支出预算表
    B13 = "B13"  # 政府采购预算表 (政府采购支出预算表)


@dataclass(frozen=True, slots=True)
class DocumentRecord:
    """One disclosure PDF (决算公开文件) as read."""

    document_id: str
    """sha256 of the PDF bytes (文件哈希), the document's key."""
    file_name: str
    """File name as loaded (文件名)."""
    department_name: str
    """Department name as printed on the cover or the 部门名称 line (部门名称)."""
    department_key: str
    """NFKC-normalised, whitespace-free department name (部门键), the partition key."""
    fiscal_year: int
    """Fiscal year (决算年度)."""
    page_count: int
    """Number of pages (页数)."""
    producer: str | None
    """PDF producer (生成软件)."""
    layout: str
    """Layout detected (版式), e.g. shanxi."""
    tables_found: tuple[str, ...]
    """Codes of the tables found (已识别的表)."""
    tables_missing: tuple[str, ...]
    """Codes of the tables the layout requires but not found (缺失的表)."""
    extracted_at: datetime
    """When the document was extracted (提取时间)."""
    unit_kind: str | None = None
    """部门 (部门决算, a department with its units) or 单位 (单位决算), as the cover titles it."""
    document_kind: str = "决算"
    """Kind of document (文件类型): 决算 (final accounts), 预算 (budget) or other, from its
    titles, cover and headings (ingestion.identify.DocumentKind). 决算 and 预算 documents are
    loaded, each kind into a partition of its own (ingestion.inbox.partition_department)."""
    identified_from: str | None = None
    """The evidence that agreed on each fact (识别依据), e.g. "department: cover, tables;
    fiscal_year: cover, headings; document_kind: cover, tables": cover, tables, headings,
    narrative, title (PDF metadata), file_name."""


@dataclass(frozen=True, slots=True)
class DisclosureTable:
    """One recognised table (决算表) of a document, possibly spanning pages."""

    document_id: str
    """sha256 of the PDF (文件哈希)."""
    table_code: str
    """The table by meaning (表代码): a TableCode value, T01…T10 in a 决算 (Shanxi numbering),
    B01…B13 in a budget (预算)."""
    label_printed: str | None
    """Label as printed (表号), e.g. 公开03表; NULL when unlabelled."""
    title_printed: str
    """Title as printed (表名)."""
    first_page: int
    """First page of the table, 1-based (起始页)."""
    last_page: int
    """Last page of the table (结束页)."""
    unit_printed: str | None
    """Unit line as printed (金额单位), e.g. 金额单位：万元."""
    unit_to_wan_yuan: Decimal
    """Factor turning a printed amount into 万元 (换算系数)."""
    declared_empty: bool
    """The page says 本表无数据 (声明无数据)."""
    status: str
    """extracted (cells read) | located (recognised, cells not read by this version) |
    insufficient_data (提取状态)."""
    reason: str | None = None
    """Why the table is insufficient_data (原因)."""
    department_printed: str | None = None
    """The 部门名称 / 单位名称 line printed above the table (表头部门)."""
    year_printed: int | None = None
    """The 20XX年度 printed above the table (表头年度)."""


@dataclass(frozen=True, slots=True)
class AmountCell:
    """One amount cell of a table (金额单元格), bound to its row and column.

    ``amount`` is in 万元, exact; ``printed_text`` keeps the characters as printed.
    """

    document_id: str
    """sha256 of the PDF (文件哈希)."""
    table_code: str
    """Table code (表代码): T01…T10 in a 决算, B01…B13 in a budget."""
    page: int
    """1-based page the row is printed on (页码)."""
    row_index: int
    """0-based position of the row in the stitched table body (行序号)."""
    row_kind: str
    """total (合计) | subject (a coded row, 科目) | line (a labelled line, e.g. T01's balance
    lines) (行类型)."""
    subject_code: str | None
    """The row's classification code (科目代码), e.g. a 3/5/7-digit 功能分类 code: see
    code_kind."""
    row_label: str
    """Subject name or line label as printed, whitespace removed (项目/科目名称)."""
    line_number: int | None
    """行次 where printed (T01)."""
    side: str | None
    """The part of the table the cell belongs to (收支方/部分): income | expenditure (收支总表;
    a Jiangsu 收支预算总表 lists its expenditure by 功能分类 as expenditure and again by 支出用途
    as expenditure_by_use), personnel | public (基本支出明细表), procurement | running_cost |
    assets (统计表)."""
    column_key: str
    """Column by meaning (栏目键), e.g. total, basic, project."""
    column_label: str
    """Column header as printed, joined over header rows (栏目名称)."""
    column_number: int | None
    """栏次 as printed."""
    printed_text: str
    """The cell's characters as printed (印刷文本)."""
    amount: Decimal | None
    """Amount in 万元, exact (金额); NULL unless amount_state is value."""
    amount_state: str
    """value | blank | not_applicable (——) | unreadable (金额状态): an AmountState value."""
    code_kind: str | None = None
    """functional (功能分类) | economic (经济分类) | NULL: what subject_code classifies
    (科目类型)."""
    measure_unit: str = "万元"
    """万元 for money (converted); 辆 / 台(套) for counts, as printed (计量单位)."""
    x0: float | None = None
    """Left edge of the cell on its page (PDF points, top-left origin), to box it in reports."""
    top: float | None = None
    """Top edge of the cell on its page (PDF points from the top)."""
    x1: float | None = None
    """Right edge of the cell on its page (PDF points)."""
    bottom: float | None = None
    """Bottom edge of the cell on its page (PDF points from the top)."""


@dataclass(frozen=True, slots=True)
class NarrativeClaim:
    """One figure the 情况说明 states (文字说明中的数字), bound to the table cell it restates.

    ``subject`` names what the figure is about in a stable vocabulary (e.g. ``income.total``,
    ``expenditure.basic``, ``gpb.class:201``, ``three_public.reception``); ``refers_*`` name the
    table cell a rule compares it with, or are None when the claim restates no table cell.
    """

    document_id: str
    """sha256 of the PDF (文件哈希)."""
    page: int
    """1-based page the sentence is printed on (页码)."""
    section: str
    """The heading the sentence is printed under (章节), e.g. 五、一般公共预算财政拨款…"""
    sentence: str
    """The whole sentence, lines joined (原句)."""
    claim_kind: str
    """amount | share | change_amount | change_percent | budget | completion | count (数字类型)."""
    subject: str
    """What the figure is about (所指), in a stable vocabulary, e.g. income.total,
    expenditure.basic, gpb.class:201, three_public.reception."""
    value: Decimal | None
    """The stated number (数值): 万元, percent points, or a count."""
    unit: str
    """The unit printed with the number (单位): 万元 | % | 个 | 辆 | 人次 | …"""
    direction: str | None
    """increase | decrease | same, for changes (增减方向)."""
    printed: str
    """The number as printed (印刷文本), e.g. "1,710.18" or "84.05%"."""
    refers_table: str | None
    """Code of the table whose cell the figure restates (对应表); NULL when none."""
    refers_row: str | None
    """The row of that cell (对应行): a subject code or a line label."""
    refers_column: str | None
    """The column key of that cell (对应栏)."""


@dataclass(frozen=True, slots=True)
class PerformanceForm:
    """One 项目支出绩效自评表 (project performance self-evaluation form).

    Amounts are in 万元 as printed; a blank cell is None (never 0). Rates are percentages
    (e.g. 83.63 for "83.63%"). ``*_printed`` keep what the form says verbatim.
    """

    document_id: str
    """sha256 of the PDF (文件哈希)."""
    form_index: int
    """1-based order of the form in the document (表序号)."""
    first_page: int
    """First page of the form (起始页)."""
    last_page: int
    """Last page of the form (结束页)."""
    project_name: str
    """项目名称 as printed."""
    department_in_charge: str | None
    """主管部门 as printed."""
    implementing_unit: str | None
    """实施单位 as printed."""
    period_printed: str | None
    """项目起止时间 as printed."""
    filled_date_printed: str | None
    """填报日期 as printed."""
    budget_total: Decimal | None
    """项目预算金额 in 万元: the total."""
    budget_central_provincial: Decimal | None
    """项目预算金额 of which 中央、省财政, in 万元."""
    budget_city: Decimal | None
    """项目预算金额 of which 市财政, in 万元."""
    budget_county: Decimal | None
    """项目预算金额 of which 县（区）财政, in 万元."""
    budget_other: Decimal | None
    """项目预算金额 of which 其它, in 万元."""
    received_total: Decimal | None
    """实际到位金额 in 万元: the total."""
    received_central_provincial: Decimal | None
    """实际到位金额 of which 中央、省财政, in 万元."""
    received_city: Decimal | None
    """实际到位金额 of which 市财政, in 万元."""
    received_county: Decimal | None
    """实际到位金额 of which 县（区）财政, in 万元."""
    received_other: Decimal | None
    """实际到位金额 of which 其它, in 万元."""
    executed_total: Decimal | None
    """实际执行金额 in 万元: the total."""
    executed_central_provincial: Decimal | None
    """实际执行金额 of which 中央、省财政, in 万元."""
    executed_city: Decimal | None
    """实际执行金额 of which 市财政, in 万元."""
    executed_county: Decimal | None
    """实际执行金额 of which 县（区）财政, in 万元."""
    executed_other: Decimal | None
    """实际执行金额 of which 其它, in 万元."""
    execution_rate_grid: Decimal | None
    """The 项目执行情况 cell's rate in percent (预算执行率), e.g. 83.63 for 预算执行率为83.63%."""
    execution_rate_grid_printed: str | None
    """The 项目执行情况 cell as printed."""
    execution_rate_text: Decimal | None
    """The execution rate restated in 自评结论, in percent, where it is."""
    execution_rate_text_printed: str | None
    """The rate in 自评结论 as printed."""
    score_output: Decimal | None
    """产出指标 section score as printed (产出得分)."""
    score_benefit: Decimal | None
    """效益指标 section score as printed (效益得分)."""
    score_satisfaction: Decimal | None
    """满意度指标 section score as printed (满意度得分)."""
    total_score: Decimal | None
    """总分 as a number."""
    total_score_printed: str | None
    """总分 as printed, e.g. "90分" or "90.4"; NULL when blank."""
    stated_grade: str | None
    """优 | 良 | 中 | 差, from the conclusion text (自评等级)."""
    conclusion_text: str | None
    """自评结论及结果分析 as printed."""
    status: str
    """extracted | insufficient_data (提取状态)."""
    reason: str | None = None
    """Why the form is insufficient_data (原因)."""


@dataclass(frozen=True, slots=True)
class PerformanceIndicator:
    """One indicator line of a 绩效自评表 (绩效指标)."""

    document_id: str
    """sha256 of the PDF (文件哈希)."""
    form_index: int
    """The form the line belongs to: PerformanceForm.form_index (表序号)."""
    row_index: int
    """0-based order of the line within the form (行序号)."""
    page: int
    """1-based page the line is printed on (页码)."""
    level1: str | None
    """一级指标, e.g. 产出指标."""
    level2: str | None
    """二级指标, e.g. 数量指标."""
    level3: str | None
    """三级指标 name, e.g. 参加各类展会次数."""
    target_printed: str | None
    """年度指标值 as printed."""
    actual_printed: str | None
    """全年完成值 as printed."""
    actual_value: Decimal | None
    """The number in actual_printed, when there is exactly one (完成值)."""
    actual_unit: str | None
    """The unit after that number (完成值单位): 次, %, 万元, 家 …"""
    score_printed: str | None
    """自评得分 cell on this line, as printed."""
    shortfall_reason: str | None
    """未完成原因和改进措施 as printed."""
    target_comparator: str | None = None
    """The 年度指标值 as a bound, its comparison (≥, ≤, =, …): "≥6次" gives ≥, "100%" gives =;
    NULL when it is not one number with an optional comparison (a date, a range, words)."""
    target_value: Decimal | None = None
    """The bound's number (指标值), e.g. 6 for "≥6次"."""
    target_unit: str | None = None
    """The bound's unit (指标值单位), e.g. 次 for "≥6次"."""


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """What became of one file that disclosed a partition's department and year (文件结果).

    ``loaded``: its records are the partition's. ``superseded``: another file of the same
    department and year won under the re-publication policy (the later PDF), named by
    ``related_document_id``. ``quarantined``: it failed extraction (``reason``: corrupt,
    too_slow, too_much_memory, …) and displaced nothing.
    """

    path: str
    """Where the file was found (文件路径)."""
    file_name: str
    """File name (文件名)."""
    document_id: str
    """sha256 of the file (文件哈希)."""
    fiscal_year: int
    """The partition's fiscal year (决算年度)."""
    department_key: str
    """The partition's department key (部门键)."""
    status: str
    """loaded | superseded | quarantined (结果)."""
    reason: str | None
    """Why a file was quarantined (原因), as stg_quarantine.reason, or changed."""
    message: str | None
    """The reason in words (说明)."""
    related_document_id: str | None
    """The document that superseded this file (取代它的文件)."""
    published_at: str | None
    """The PDF's own ModDate or CreationDate (发布日期), ISO 8601."""
    decided_at: datetime
    """When the load decided the file's outcome (决定时间)."""
    extractor_version: str | None = None
    """ingestion.version when the file was extracted (抽取器版本)."""


@dataclass(slots=True)
class ExtractedDocument:
    """Everything extracted from one PDF: what ``write.py`` persists per document."""

    document: DocumentRecord
    tables: list[DisclosureTable] = field(default_factory=list)
    cells: list[AmountCell] = field(default_factory=list)
    claims: list[NarrativeClaim] = field(default_factory=list)
    forms: list[PerformanceForm] = field(default_factory=list)
    indicators: list[PerformanceIndicator] = field(default_factory=list)


# ingestion.inbox.QuarantinedFile is a raw record too (the quarantine list) but lives with the
# inbox scan, which this module must not import; its columns are described here instead.
QUARANTINED_FILE_COLUMNS: dict[str, str] = {
    "path": "Where the file was found (文件路径).",
    "file_name": "File name (文件名).",
    "document_id": "sha256 of the bytes (文件哈希); NULL when the file could not be read.",
    "reason": (
        "corrupt | encrypted | scanned | not_a_disclosure (nothing says it is a 决算) | "
        "unidentified (a 决算 whose department or year the evidence does not settle) | budget "
        "(a 预算 refused by an identification of 决算 only; the load takes budgets) | "
        "too_large | too_slow | too_much_memory | duplicate | "
        "superseded | unsupported_year | not_a_file (原因)."
    ),
    "message": "The reason in words (说明).",
    "detected_at": "When the inbox scan refused the file (发现时间).",
    "document_kind": (
        "What the file was identified as (文件类型): 决算 (final accounts), 预算 (budget) or "
        "other; NULL when it could not be read far enough to tell (corrupt, encrypted, scanned)."
    ),
}
