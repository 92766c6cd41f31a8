"""Project performance self-evaluation forms (项目支出绩效自评表) to typed records.

A 决算 disclosure closes with one form per evaluated project: who ran it, how much was budgeted,
received and spent (by funding level), the stated budget execution rate, the indicator grid
(一级/二级/三级指标 with targets, results and scores), the total score and a written conclusion
that usually restates the execution rate and the grade. The reconciliation rules of family
``perf`` compare these figures with each other, so every field is read by its printed label
(after NFKC folding: （万元） and (万元) are the same label) and never by a fixed position; a
field that cannot be bound to its label is None, and a form whose project name or amount cells
cannot be found is kept as ``insufficient_data`` with the reason instead of being guessed.

Only the cached :class:`~ingestion.pdf.PageContent` of each page is used (its text lines and
ruled tables); no page is read twice.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from ingestion.amounts import WAN_YUAN, parse_amount, unit_factor
from ingestion.pdf import PageContent, RuledTable, TextLine
from ingestion.records import AmountState, PerformanceForm, PerformanceIndicator
from ingestion.text import normalise

FORM_TITLE_SUFFIX = "项目支出绩效自评表"

Cells = list[str | None]

# A title is a short heading line; longer lines ending with the words are narrative sentences.
_MAX_TITLE_CHARS = 40
# Page furniture printed outside the grid ("32", "- 32 -", "第32页", "32/47") is not content
# that ends a form.
_FURNITURE = re.compile(r"^[-—–第页共/\d]{1,12}$")

# Labels of the upper block, matched on normalised text (NFKC, no whitespace).
_INFO_LABELS: dict[str, tuple[str, ...]] = {
    "project_name": ("项目名称",),
    "department_in_charge": ("主管部门",),
    "implementing_unit": ("实施单位",),
    "period": ("项目起止时间", "起止时间", "项目实施期"),
    "filled_date": ("填报日期",),
}
# Anchored at the start so that a project named "…预算执行数…" is never taken for a label.
_FUND_LABELS: dict[str, re.Pattern[str]] = {
    "budget": re.compile(r"^(项目)?(年初|全年)?预算(金额|数)"),
    "received": re.compile(r"^(实际)?到位(金额|数|资金)"),
    "executed": re.compile(r"^(实际)?执行(金额|数)"),
}
# The funding-level split rows under the amounts row, in the order of the record's fields.
_SPLIT_LABELS: dict[str, re.Pattern[str]] = {
    "central_provincial": re.compile(r"中央"),
    "city": re.compile(r"^(其中:?)?市(级)?财政"),
    "county": re.compile(r"^(其中:?)?县"),
    "other": re.compile(r"^(其中:?)?其[它他]"),
}
_UNIT_IN_LABEL = re.compile(r"\(([^()]*元)\)")
_EXECUTION_LABEL = "项目执行情况"
_CONCLUSION_LABEL = "自评结论"
_TOTAL_ROW = re.compile(r"^总分(\(\d+分?\))?$")  # not 总分设置为100分… (the scoring note)
# First cells that end the indicator block when no 总分 row is printed.
_AFTER_INDICATORS = ("总分", "自评结论", "主要经验", "存在问题", "评价人员", "评价结论")

_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*[%％]")
_RATE_IN_TEXT = re.compile(
    r"(?:预算|资金|项目)?执行率\s*(?:为|达到|达|是|约为)?\s*[:：]?\s*(\d+(?:\.\d+)?)\s*[%％]"
)
_GRADE_WORD = r"[“\"「『]?(优秀|优|良好|良|中等|中|差)(?=$|[^\u4e00-\u9fff]|[等级档次])"
_GRADE_IN_TEXT = (
    re.compile(r"自评(?:等级|结论|结果)?\s*(?:为|是|评定为)?\s*[:：]?\s*" + _GRADE_WORD),
    re.compile(r"等级\s*(?:为|是|评定为)?\s*[:：]?\s*" + _GRADE_WORD),
)
_GRADES = {"优秀": "优", "优": "优", "良好": "良", "良": "良", "中等": "中", "中": "中", "差": "差"}
_SCORE = re.compile(r"^(\d+(?:\.\d+)?)分?$")
_NUMBERING = re.compile(r"^(指标)?\d+$")
# A 全年完成值 that is one plain quantity: a number, then an optional unit made of no digits.
_PLAIN_VALUE = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?([^\d\s]{0,8})$")
# Words that make a unit a qualifier ("10余次", "90%以上"): the number is not the value.
_QUALIFIERS = ("余", "多", "以上", "以下", "以内", "左右", "约", "超", "近", "不足", "-", "~", "～")

# A 年度指标值 bound: a comparison before the number ("≥6次", "不低于90%") or after it ("6次以上").
_LEADING_COMPARATORS = (
    ("大于等于", "≥"),
    ("小于等于", "≤"),
    ("不低于", "≥"),
    ("不少于", "≥"),
    ("不小于", "≥"),
    ("至少", "≥"),
    ("不高于", "≤"),
    ("不超过", "≤"),
    ("不大于", "≤"),
    ("大于", ">"),
    ("高于", ">"),
    ("超过", ">"),
    ("小于", "<"),
    ("低于", "<"),
    ("≥", "≥"),
    ("≤", "≤"),
    (">=", "≥"),
    ("<=", "≤"),
    (">", ">"),
    ("<", "<"),
    ("=", "="),
)
_TRAILING_COMPARATORS = (("以上", "≥"), ("以下", "≤"), ("以内", "≤"))

_SECTIONS = {"产出": "output", "效益": "benefit", "满意": "satisfaction"}


@dataclass(frozen=True, slots=True)
class _Row:
    """One grid row of a form with where it is printed."""

    page: int
    table: int  # ordinal of the ruled table within the form (a page break starts a new one)
    first_of_table: bool
    cells: Cells


@dataclass(slots=True)
class _Title:
    page_index: int  # position in ``pages``
    top: float


@dataclass(slots=True)
class _FormSource:
    """The title, the lines printed between it and the grid, and the grid's rows."""

    title_page: int
    last_page: int
    header_lines: list[str] = field(default_factory=list)
    rows: list[_Row] = field(default_factory=list)


def parse_performance_forms(
    pages: list[PageContent], document_id: str
) -> tuple[list[PerformanceForm], list[PerformanceIndicator]]:
    """Read every 项目支出绩效自评表 of a document into forms and their indicator lines.

    A form starts at a title line ending with 项目支出绩效自评表 and owns the ruled grid below
    it, continued on the following pages while each next page opens with a grid and nothing but
    page furniture above it. Returns the forms in document order (``form_index`` from 1) and all
    their indicators.
    """
    titles = _find_titles(pages)
    forms: list[PerformanceForm] = []
    indicators: list[PerformanceIndicator] = []
    for number, source in enumerate(_collect_sources(pages, titles), start=1):
        form, form_indicators = _parse_form(source, document_id, number)
        forms.append(form)
        indicators.extend(form_indicators)
    return forms, indicators


# --- locating the forms ---------------------------------------------------------------------


def is_form_title(text: str) -> bool:
    """Whether a text line is the title of a project performance self-evaluation form."""
    folded = normalise(text)
    return (
        folded.endswith(FORM_TITLE_SUFFIX)
        and len(folded) <= _MAX_TITLE_CHARS
        and not any(mark in folded for mark in "。,;")
    )


def _find_titles(pages: Sequence[PageContent]) -> list[_Title]:
    return [
        _Title(page_index, line.top)
        for page_index, page in enumerate(pages)
        if FORM_TITLE_SUFFIX in normalise(page.text)  # cheap page filter before line scan
        for line in page.lines
        if is_form_title(line.text)
    ]


def _is_furniture(line: TextLine) -> bool:
    return _FURNITURE.match(normalise(line.text)) is not None


def _collect_sources(pages: Sequence[PageContent], titles: list[_Title]) -> list[_FormSource]:
    sources: list[_FormSource] = []
    for position, title in enumerate(titles):
        following = titles[position + 1] if position + 1 < len(titles) else None
        page = pages[title.page_index]
        limit = following.top if following and following.page_index == title.page_index else None
        own = [t for t in page.tables if t.top > title.top and (limit is None or t.top < limit)]
        source = _FormSource(title_page=page.number, last_page=page.number)
        grid_top = own[0].top if own else limit
        source.header_lines = [
            line.text
            for line in page.lines
            if line.top > title.top and (grid_top is None or line.top < grid_top)
        ]
        tables: list[tuple[int, RuledTable]] = [(title.page_index, t) for t in own]
        if not own and (following is None or following.page_index > title.page_index):
            # The title sits at the foot of a page: its grid opens the next page, under the
            # 单位（盖章）/ 填报日期 line. Only a grid that opens with 项目名称 is taken, so that
            # a stray title line never adopts an unrelated table.
            nxt = _next_page_grid(pages, title.page_index, titles, allow_text_above=True)
            if nxt is not None and _opens_new_form(nxt[1]):
                page_index, table, above = nxt
                source.header_lines.extend(above)
                tables.append((page_index, table))
        if not tables and following is not None and following.page_index <= title.page_index + 1:
            # A title with no grid of its own, followed by another title, is a heading that
            # introduces the forms (附件：项目支出绩效自评表), not a form.
            continue
        while tables and _grid_runs_off(pages, tables[-1], titles):
            nxt = _next_page_grid(pages, tables[-1][0], titles, allow_text_above=False)
            if nxt is None or _opens_new_form(nxt[1]):
                break
            tables.append((nxt[0], nxt[1]))
        for ordinal, (page_index, table) in enumerate(tables):
            number = pages[page_index].number
            for i, cells in enumerate(table.rows):
                source.rows.append(_Row(number, ordinal, i == 0, list(cells)))
            source.last_page = number
        sources.append(source)
    return sources


def _grid_runs_off(
    pages: Sequence[PageContent], placed: tuple[int, RuledTable], titles: list[_Title]
) -> bool:
    """Whether the form's grid may continue on the next page.

    It may when nothing but page furniture is printed below it on its page: a later table, a
    new title or a note under the grid means the form ended there.
    """
    page_index, table = placed
    page = pages[page_index]
    if any(t.top > table.top for t in page.tables):
        return False
    if any(t.page_index == page_index and t.top > table.top for t in titles):
        return False
    return all(_is_furniture(line) for line in page.lines if line.top > table.bottom)


def _next_page_grid(
    pages: Sequence[PageContent], page_index: int, titles: list[_Title], allow_text_above: bool
) -> tuple[int, RuledTable, list[str]] | None:
    """The grid opening the next page, if that page continues the form."""
    if page_index + 1 >= len(pages):
        return None
    page = pages[page_index + 1]
    if not page.tables:
        return None
    table = page.tables[0]
    if any(t.page_index == page_index + 1 and t.top < table.top for t in titles):
        return None
    above = [line for line in page.lines if line.top < table.top]
    if not allow_text_above and not all(_is_furniture(line) for line in above):
        return None
    return page_index + 1, table, [line.text for line in above]


def _opens_new_form(table: RuledTable) -> bool:
    first = next((c for c in table.rows[0] if c), None) if table.rows else None
    return normalise(first).startswith(_INFO_LABELS["project_name"][0])


# --- cells ----------------------------------------------------------------------------------


def _joined(cell: str | None) -> str | None:
    """A cell's text with its line wraps undone; None for a merged or blank cell.

    Wraps inside a cell are layout, not content: Chinese text (and numbers split across lines,
    "10\\n0元") joins without a space, only two Latin words get one.
    """
    if cell is None:
        return None
    text = ""
    for part in cell.split("\n"):
        part = part.strip()
        if not part:
            continue
        if text and _latin(text[-1]) and _latin(part[0]):
            text += " "
        text += part
    return text or None


def _latin(char: str) -> bool:
    return char.isascii() and char.isalpha()


def _first_text(cells: Cells) -> tuple[int, str] | None:
    for index, cell in enumerate(cells):
        if cell is not None and cell.strip():
            return index, normalise(cell)
    return None


def _value_after(cells: Cells, index: int) -> tuple[int, str | None] | None:
    """The cell right of a label (merged continuation cells skipped): (column, joined text)."""
    for j in range(index + 1, len(cells)):
        if cells[j] is not None:
            return j, _joined(cells[j])
    return None


def _label_of(text: str, labels: tuple[str, ...]) -> bool:
    return any(text.startswith(label) for label in labels)


def _is_any_label(text: str) -> bool:
    return any(_label_of(text, labels) for labels in _INFO_LABELS.values()) or any(
        p.search(text) for p in _FUND_LABELS.values()
    )


def _percent(text: str | None) -> Decimal | None:
    """The one rate a cell states ("预算执行率为83.63%", "79%"); None when none or ambiguous."""
    if not text:
        return None
    found = {_decimal(m) for m in _PERCENT.findall(text)}
    if len(found) != 1:
        after_keyword = {_decimal(m) for m in _RATE_IN_TEXT.findall(text)}
        return after_keyword.pop() if len(after_keyword) == 1 else None
    return found.pop()


def _decimal(digits: str) -> Decimal:
    return Decimal(unicodedata.normalize("NFKC", digits))


def _score(text: str | None) -> Decimal | None:
    """A printed score: "98", "90分", "90.4"; None for blank or anything else."""
    match = _SCORE.match(normalise(text)) if text else None
    return _decimal(match.group(1)) if match else None


def plain_value(printed: str | None) -> tuple[Decimal | None, str | None]:
    """The number and unit of a 全年完成值 that states exactly one plain quantity.

    "10次" → (10, 次), "2.9937万元" → (2.9937, 万元), "35" → (35, None). A bound ("≥90%",
    ">6000人"), a range ("1000-6000元/辆"), a date ("2023年7月20日"), a qualified number
    ("10余次") or a sentence around the number is not a measured value: (None, None).
    """
    if not printed:
        return None, None
    text = normalise(printed)
    match = _PLAIN_VALUE.match(text)
    if match is None:
        return None, None
    unit = match.group(3)
    if any(word in unit for word in _QUALIFIERS):
        return None, None
    value = Decimal(match.group(1).replace(",", "") + (match.group(2) or ""))
    return value, unit or None


def target_bound(printed: str | None) -> tuple[str | None, Decimal | None, str | None]:
    """The comparison, number and unit of a 年度指标值 that states one bound.

    "≥6次" → (≥, 6, 次), "不低于90%" → (≥, 90, %), "6次以上" → (≥, 6, 次), "100%" → (=, 100, %).
    A range, a date, words or two numbers: (None, None, None); the text stays in
    ``target_printed``.
    """
    if not printed:
        return None, None, None
    text = normalise(printed)
    leading = next(((w, c) for w, c in _LEADING_COMPARATORS if text.startswith(w)), None)
    if leading:
        text = text[len(leading[0]) :]
    trailing = next(((w, c) for w, c in _TRAILING_COMPARATORS if text.endswith(w)), None)
    if trailing:
        text = text[: -len(trailing[0])]
    if leading and trailing and leading[1] != trailing[1]:
        return None, None, None
    value, unit = plain_value(text)
    if value is None:
        return None, None, None
    comparator = (leading or trailing or ("", "="))[1]
    return comparator, value, unit


# --- one form -------------------------------------------------------------------------------


@dataclass(slots=True)
class _Funds:
    found: bool = False
    reason: str | None = None
    values: dict[str, Decimal | None] = field(default_factory=dict)


def _parse_form(
    source: _FormSource, document_id: str, form_index: int
) -> tuple[PerformanceForm, list[PerformanceIndicator]]:
    rows = source.rows
    info = _read_info(rows)
    funds = _read_funds(rows)
    execution_printed = _read_labelled_text(rows, _EXECUTION_LABEL)
    conclusion = _read_labelled_text(rows, _CONCLUSION_LABEL)
    total_printed = _read_total(rows)
    indicators, section_scores = _read_indicators(rows, document_id, form_index)
    rate_text, rate_text_printed = _rate_in_text(conclusion)

    reasons = []
    if not rows:
        reasons.append("no ruled grid follows the title")
    if not info.get("project_name"):
        reasons.append("project name (项目名称) not found")
    if not funds.found:
        reasons.append(funds.reason or "amounts (预算/到位/执行金额) not found")
    filled = _filled_date(source.header_lines) or info.get("filled_date")
    amount = funds.values.get

    form = PerformanceForm(
        document_id=document_id,
        form_index=form_index,
        first_page=source.title_page,
        last_page=source.last_page,
        project_name=info.get("project_name") or "",
        department_in_charge=info.get("department_in_charge"),
        implementing_unit=info.get("implementing_unit"),
        period_printed=info.get("period"),
        filled_date_printed=filled,
        execution_rate_grid=_percent(execution_printed),
        execution_rate_grid_printed=execution_printed,
        execution_rate_text=rate_text,
        execution_rate_text_printed=rate_text_printed,
        score_output=section_scores.get("output"),
        score_benefit=section_scores.get("benefit"),
        score_satisfaction=section_scores.get("satisfaction"),
        total_score=_score(total_printed),
        total_score_printed=total_printed,
        stated_grade=_grade_in_text(conclusion),
        conclusion_text=conclusion,
        status="insufficient_data" if reasons else "extracted",
        reason="; ".join(reasons) or None,
        budget_total=amount("budget_total"),
        budget_central_provincial=amount("budget_central_provincial"),
        budget_city=amount("budget_city"),
        budget_county=amount("budget_county"),
        budget_other=amount("budget_other"),
        received_total=amount("received_total"),
        received_central_provincial=amount("received_central_provincial"),
        received_city=amount("received_city"),
        received_county=amount("received_county"),
        received_other=amount("received_other"),
        executed_total=amount("executed_total"),
        executed_central_provincial=amount("executed_central_provincial"),
        executed_city=amount("executed_city"),
        executed_county=amount("executed_county"),
        executed_other=amount("executed_other"),
    )
    return form, indicators


def _read_info(rows: list[_Row]) -> dict[str, str | None]:
    """Label → value of the upper block (项目名称, 主管部门, 实施单位, 项目起止时间…)."""
    found: dict[str, str | None] = {}
    for row in rows:
        for index, cell in enumerate(row.cells):
            if cell is None:
                continue
            text = normalise(cell)
            for key, labels in _INFO_LABELS.items():
                if key in found or not _label_of(text, labels):
                    continue
                # A label cell holds the label (and perhaps a colon), not a sentence using it.
                if len(text) > max(len(label) for label in labels) + 1:
                    continue
                value = _value_after(row.cells, index)
                if value is not None and value[1] and not _is_any_label(normalise(value[1])):
                    found[key] = value[1]
    return found


def _read_funds(rows: list[_Row]) -> _Funds:
    """The amounts row (预算/到位/执行金额) and the split rows under it, bound by column."""
    for position, row in enumerate(rows):
        labels: dict[str, tuple[int, str]] = {}
        for index, cell in enumerate(row.cells):
            text = normalise(cell)
            for kind, pattern in _FUND_LABELS.items():
                if kind not in labels and pattern.search(text):
                    labels[kind] = (index, text)
        if len(labels) < len(_FUND_LABELS):
            continue
        funds = _Funds()
        columns: dict[str, int] = {}
        for kind, (index, label) in labels.items():
            value = _value_after(row.cells, index)
            if value is None or (value[1] and _is_any_label(normalise(value[1]))):
                return _Funds(reason=f"no amount cell beside {label}")
            columns[kind] = value[0]
            funds.values[f"{kind}_total"] = _amount(row.cells[value[0]], _label_factor(label))
        # Split rows sit under the amounts row in the same table; their values are in the
        # amounts' columns. A split printed in another table (different columns) is not read.
        for split_row in rows[position + 1 :]:
            if split_row.table != row.table or len(split_row.cells) != len(row.cells):
                break
            first = _first_text(split_row.cells)
            part = next(
                (p for p, pattern in _SPLIT_LABELS.items() if first and pattern.search(first[1])),
                None,
            )
            if part is None:
                break
            for kind, column in columns.items():
                factor = _label_factor(labels[kind][1])
                funds.values[f"{kind}_{part}"] = _amount(split_row.cells[column], factor)
        funds.found = True
        return funds
    return _Funds()


def _label_factor(label: str) -> Decimal:
    """万元 unless the label prints another unit (项目预算金额（元）): the template's unit."""
    match = _UNIT_IN_LABEL.search(label)
    factor = unit_factor(match.group(1)) if match else None
    return factor if factor is not None else WAN_YUAN


def _amount(cell: str | None, factor: Decimal) -> Decimal | None:
    parsed = parse_amount(cell, factor)
    return parsed.value if parsed.state is AmountState.VALUE else None


def _read_labelled_text(rows: list[_Row], label: str) -> str | None:
    for row in rows:
        first = _first_text(row.cells)
        if first and first[1].startswith(label):
            value = _value_after(row.cells, first[0])
            return value[1] if value else None
    return None


def _read_total(rows: list[_Row]) -> str | None:
    """The 总分 cell: the last cell of the 总分 row ("98", "90分", blank → None)."""
    for row in rows:
        first = _first_text(row.cells)
        if first and _TOTAL_ROW.match(first[1]):
            rest = [c for c in row.cells[first[0] + 1 :] if c is not None]
            return _joined(rest[-1]) if rest else None
    return None


def _filled_date(lines: list[str]) -> str | None:
    for line in lines:
        match = re.search(r"填\s*报\s*日\s*期\s*[:：]?\s*(.+)$", line)
        if match:
            return match.group(1).strip() or None
    return None


def _rate_in_text(text: str | None) -> tuple[Decimal | None, str | None]:
    """The execution rate the conclusion restates (…预算执行率84%…), when it states one."""
    if not text:
        return None, None
    matches = list(_RATE_IN_TEXT.finditer(text))
    values = {_decimal(m.group(1)) for m in matches}
    if len(values) != 1:  # none, or two different rates: not read with confidence
        return None, None
    return values.pop(), matches[0].group(0)


def _grade_in_text(text: str | None) -> str | None:
    """The grade the conclusion states (自评等级为：良 / 自评结论：优秀 → 优)."""
    if not text:
        return None
    grades = {_GRADES[m.group(1)] for pattern in _GRADE_IN_TEXT for m in pattern.finditer(text)}
    return grades.pop() if len(grades) == 1 else None


# --- the indicator block --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _IndicatorColumns:
    """Where the indicator block's fields are, taken from its header row.

    Value columns are kept as offsets from the right edge: a page break can drop a column
    boundary on the left (the 指标N | name split exists only on pages with indicator lines),
    which shifts left indices between pages but never right ones.
    """

    grouped: bool  # a leading column (绩效指标) before 一级指标
    target: int | None
    actual: int | None
    reason: int | None
    score: int | None
    first_value: int  # the leftmost value column, as an offset from the right


def _indicator_columns(cells: Cells) -> _IndicatorColumns | None:
    texts = [normalise(c) for c in cells]
    if "一级指标" not in texts or "二级指标" not in texts:
        return None
    level3 = next((i for i, t in enumerate(texts) if t.startswith("三级指标")), None)
    if level3 is None:
        return None
    offsets: dict[str, int] = {}
    for index in range(level3 + 1, len(cells)):
        text = texts[index]
        if not text:
            continue
        offset = len(cells) - index
        if "指标值" in text:
            offsets.setdefault("target", offset)
        elif "完成值" in text or "实际值" in text:
            offsets.setdefault("actual", offset)
        elif "原因" in text or "偏差" in text:
            offsets.setdefault("reason", offset)
        elif "得分" in text:
            offsets.setdefault("score", offset)
    if not offsets:
        return None
    return _IndicatorColumns(
        grouped=texts.index("一级指标") > 0,
        target=offsets.get("target"),
        actual=offsets.get("actual"),
        reason=offsets.get("reason"),
        score=offsets.get("score"),
        first_value=max(offsets.values()),
    )


def _read_indicators(
    rows: list[_Row], document_id: str, form_index: int
) -> tuple[list[PerformanceIndicator], dict[str, Decimal]]:
    start = None
    columns = None
    for position, row in enumerate(rows):
        columns = _indicator_columns(row.cells)
        if columns is not None:
            start = position + 1
            break
    if start is None or columns is None:
        return [], {}
    body: list[_Row] = []
    for row in rows[start:]:
        first = _first_text(row.cells)
        if first and first[1].startswith(_AFTER_INDICATORS):
            break
        if len(row.cells) > columns.first_value:
            body.append(row)
    numbered = any(
        _NUMBERING.match(normalise(_left(row, columns)[-2] or ""))
        for row in body
        if len(_left(row, columns)) >= 2
    )

    indicators: list[PerformanceIndicator] = []
    starts_section: list[bool] = []
    level1: str | None = None
    level2: str | None = None
    for row_index, row in enumerate(body):
        left = _left(row, columns)
        name_at = len(left) - 1
        level2_at = name_at - (2 if numbered else 1)
        level1_at = 1 if columns.grouped else 0
        cell1 = left[level1_at] if 0 <= level1_at < level2_at else None
        cell2 = left[level2_at] if level2_at > level1_at else None
        # A merged cell is None under its first row: carry the level down. At the top of a
        # continuation page a blank level cell is the same merged cell split by the page break.
        if cell1 is not None and not (row.first_of_table and row.table > 0 and not cell1.strip()):
            level1 = _joined(cell1)
        if cell2 is not None and not (row.first_of_table and row.table > 0 and not cell2.strip()):
            level2 = _joined(cell2)
        starts_section.append(cell1 is not None and bool(cell1.strip()))
        actual = _at(row, columns.actual)
        value, unit = plain_value(actual)
        target = _at(row, columns.target)
        comparator, target_value, target_unit = target_bound(target)
        indicators.append(
            PerformanceIndicator(
                document_id=document_id,
                form_index=form_index,
                row_index=row_index,
                page=row.page,
                level1=level1,
                level2=level2,
                level3=_joined(left[name_at]) if name_at > level2_at else None,
                target_printed=target,
                actual_printed=actual,
                actual_value=value,
                actual_unit=unit,
                score_printed=_at(row, columns.score),
                shortfall_reason=_at(row, columns.reason),
                target_comparator=comparator,
                target_value=target_value,
                target_unit=target_unit,
            )
        )
    return indicators, _section_scores(indicators, starts_section)


def _left(row: _Row, columns: _IndicatorColumns) -> Cells:
    return row.cells[: len(row.cells) - columns.first_value]


def _at(row: _Row, offset: int | None) -> str | None:
    if offset is None or offset > len(row.cells):
        return None
    return _joined(row.cells[len(row.cells) - offset])


def _section_of(level1: str | None) -> str | None:
    folded = normalise(level1)
    return next((key for word, key in _SECTIONS.items() if folded.startswith(word)), None)


def _section_scores(
    indicators: list[PerformanceIndicator], starts_section: list[bool]
) -> dict[str, Decimal]:
    """Each section's 自评得分, printed once in a cell merged down the section's lines.

    A section whose 一级指标 is printed again further down (遗属补助 prints 效益指标 twice, each
    with 30分) keeps its score when every printing agrees. Scores printed on single indicator
    lines are per-indicator scores, not a section score: None (not summed).
    """
    scores: dict[str, Decimal] = {}
    by_section: dict[str, list[tuple[bool, str]]] = {}
    for indicator, starts in zip(indicators, starts_section, strict=True):
        section = _section_of(indicator.level1)
        if section is not None and indicator.score_printed:
            by_section.setdefault(section, []).append((starts, indicator.score_printed))
    for section, printed in by_section.items():
        values = {_score(text) for _, text in printed}
        once = len(printed) == 1 or all(starts for starts, _ in printed)
        value = values.pop() if len(values) == 1 else None
        if once and value is not None:
            scores[section] = value
    return scores
