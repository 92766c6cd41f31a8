"""The figures of the narrative (情况说明) as claims bound to what they are about.

A final-accounts disclosure (部门决算公开) explains its tables in a narrative part, 部门决算情况
说明: "2023年度收入总计1,710.18万元 … 下降84.05%". Every figure the narrative states becomes one
:class:`~ingestion.records.NarrativeClaim`: what it is about (``subject``), what it measures
(``claim_kind``), the number, and the table cell it restates, so the ``text`` rules (TXT-AMOUNT,
TXT-SHARE, TXT-YOY, TXT-BUDGET, TXT-PERF-COUNT) and HIST-YOY can compare it.

How a figure is read (the spec's "pitfalls measured in an existing checker" are the reason for
each step):

- The narrative part is found by its heading (第X部分 …情况说明 / 部门决算情况说明), never by
  page; a 目录 entry is told apart because the part it opens holds no sentence (no "。"). It ends
  at the next part heading, 名词解释, 附件, a table title or a 绩效自评表 title.
- Lines are joined before anything is matched (人员\\n经费), then cut into sentences at 。；; and
  at every line that opens a list item (1、 / （一） …). Headings 一、… and （一）… set the
  section, and the section sets the *scope* that short words are read in: 支出总计 is T01's in
  一、收入支出决算总体情况, T04's in 四、财政拨款收支决算总体情况.
- A figure is a number with its unit. Its *measure* is read from the words right before it
  (年初预算 / 支出决算 / 占比 / 增加 / 下降 / 完成年初预算的 …) and its *subject* from the words
  before those, inside its own clause (between ，：、 and the previous figure). A clause that
  names no subject and says nothing else (", 占比48.52%", "，下降84.05%", "比2022年减少…")
  takes the subject of the figure before it in the same sentence, and only if every word in
  between names nothing either (after "其中：某某资金500万元，" a bare "占比…" is about that
  unknown thing, so it is left out). The first sentence of a numbered item
  (1、一般公共服务支出 … / 1、…（类）…（款）…（项）。) names the subject of the item's later
  sentences ("。较2022年决算减少95.05万元" is the 类's change).
- "与上年相同" is a change of 0 (``change_amount``, direction ``same``, printed as worded).
- Nothing after 主要原因 / 原因是 / 主要是 in a sentence is read: explanations cite other things
  (两笔公务接待费，合计980元 …; 本年2名退休人员 …).

What is never emitted (each is listed in :attr:`NarrativeReading.skipped` with its reason):

- years, dates and 行次 / list numbers (2023年度, 2023年12月31日, 1、): they are not figures;
- amounts printed in 元 in the prose: every template states the narrative's amounts in 万元,
  and an amount in 元 is an anecdote (合计980元 of two receptions) that restates no table cell;
  converting it would only bind it to the neighbouring subject (亿元 amounts are converted
  exactly, ×10000);
- thresholds (单价100万元（含）以上), scores (平均得分100.00分), percentages with no measure word;
- a figure whose subject its own sentence (or its numbered item) does not state: there is no
  ``unknown`` subject, because a claim that names no table cell cannot be checked and a
  guessed one is worse than none.

``budget`` claims do not say whether the budget is 年初预算 or 全年预算 (the record has no field
for it; the Shanghai disclosure states both in one sentence): the order of the claims and the
sentence are all a rule has.

The subject vocabulary (see :data:`SUBJECT_CELLS` and :func:`refers_to` for the table cell each
one restates): ``income.total`` / ``expenditure.total`` (收入/支出总计), ``income.opening_balance``
/ ``expenditure.closing_balance`` (T01); ``income.year_total`` and the sources
``income.fiscal_appropriation``, ``income.superior_subsidy``, ``income.business`` (事业收入),
``income.operating``, ``income.subsidiary_remit``, ``income.other`` (T02);
``expenditure.year_total``, ``expenditure.basic``, ``expenditure.project``,
``expenditure.remit_to_superior``, ``expenditure.operating``, ``expenditure.subsidiary_subsidy``,
``expenditure.class:NNN`` (T03); ``appropriation.income_total`` /
``.expenditure_total`` / ``.income_year_total`` / ``.expenditure_year_total`` / ``.gpb_income``
(T04); ``gpb.expenditure_total``, ``gpb.basic``, ``gpb.project``, ``gpb.class:NNN`` (类 by name
or "…（类）", :data:`FUNCTIONAL_CLASSES`) and ``gpb.item:NNN/款名/项名`` ("…（类）…（款）…（项）")
(T05); ``basic.total``, ``basic.personnel``, ``basic.public``, ``basic.econ:NNN`` (T05/T06);
``gov_fund.income`` / ``.expenditure_total`` (T07), ``soe_capital.income`` /
``.expenditure_total`` (T08); ``three_public.total`` / ``.overseas`` / ``.vehicle`` /
``.vehicle_purchase`` / ``.vehicle_operation`` / ``.reception`` (T09) and, in no table,
``three_public.reception.domestic`` / ``.foreign_affairs`` / ``.overseas_guests``;
``org_running_cost``, ``procurement.total`` / ``.goods`` / ``.works`` / ``.services`` (T10) and
``procurement.sme`` / ``.small_micro`` / ``.sme_reserved`` / ``.small_micro_reserved``;
``vehicles.total`` / ``vehicles.<category>`` and ``assets.equipment_over_1m`` (T10 counts);
``performance.forms`` / ``performance.amount``, ``performance.targets[_amount]``,
``performance.monitoring[_amount]``, ``performance.grade:优`` …, ``performance.issues``.
A count of something a money subject names takes a suffix from its unit:
``three_public.overseas.groups`` (出国团组 个) / ``.persons`` (人次), ``….batches`` (批次),
``three_public.vehicle_purchase.vehicles``, ``three_public.vehicle_fleet`` (保有量).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol

from ingestion.locate import title_kind
from ingestion.pdf import TextLine
from ingestion.records import NarrativeClaim, TableCode
from ingestion.text import compact


class NarrativePage(Protocol):
    """What the narrative reader needs of a page: :class:`ingestion.pdf.PageContent` has it."""

    number: int

    @property
    def lines(self) -> list[TextLine]: ...


@dataclass(frozen=True, slots=True)
class SkippedFigure:
    """A number in the narrative that is deliberately not a claim, with the reason."""

    page: int
    section: str
    sentence: str
    printed: str
    reason: str


@dataclass(slots=True)
class NarrativeReading:
    """The narrative part of one document: its claims and the numbers left out."""

    found: bool  # a narrative part (情况说明) was recognised
    claims: list[NarrativeClaim] = field(default_factory=list)
    skipped: list[SkippedFigure] = field(default_factory=list)


# Reasons a number is not a claim (SkippedFigure.reason).
SKIP_DATE = "year or date"
SKIP_LIST_MARKER = "list or ordinal number"
SKIP_YUAN = "amount in 元 in the prose"
SKIP_THRESHOLD = "threshold, not an amount"
SKIP_SCORE = "score"
SKIP_NO_UNIT = "no unit"
SKIP_EXPLANATION = "inside an explanation (主要原因 / 主要是)"
SKIP_NO_SUBJECT = "subject not stated in its sentence"
SKIP_UNCLEAR_SUBJECT = "words before the figure name no known subject"
SKIP_COUNTED_NOUN = "counted noun after the number not recognised"
SKIP_MEASURE = "measure and unit disagree"
SKIP_BARE_PERCENT = "percentage without a measure"


def parse_narrative(pages: Sequence[NarrativePage], document_id: str) -> list[NarrativeClaim]:
    """Every figure the 情况说明 states, one :class:`NarrativeClaim` each, in printed order.

    An empty list when the document has no recognisable narrative part.
    """
    return read_narrative(pages, document_id).claims


def read_narrative(pages: Sequence[NarrativePage], document_id: str) -> NarrativeReading:
    """The claims of :func:`parse_narrative` together with the numbers left out and why."""
    lines = _document_lines(pages)
    span = _narrative_span(lines)
    if span is None:
        return NarrativeReading(found=False)
    start, end, title = span
    reading = NarrativeReading(found=True)
    leads: dict[int, _Context] = {}
    for sentence in _sentences(lines[start:end], title):
        _read_sentence(sentence, document_id, leads, reading)
    return reading


def department_mentions(
    pages: Sequence[NarrativePage], document_id: str
) -> list[NarrativeClaim]:
    """Where the text names the department (部门名称): part headings and narrative openers.

    "第一部分 中共上海市普陀区委社会工作部概况", "…2024年度部门决算情况说明" and a sentence that
    opens with the name before its year ("阳泉市商务局2023年度收入总计…") name the department the
    document is about. Each becomes a claim of kind ``department_name`` (subject
    ``document.department``, no value, the name as ``printed``) that DOC-IDENTITY compares with
    the cover's. Only names that end like an organisation (局, 部, 委员会, 中心 …) are kept: a
    heading that names no one ("第一部分 概况") or a table of contents line gives nothing.
    """
    mentions: list[NarrativeClaim] = []
    seen: set[tuple[int, bool, str]] = set()
    lines = _document_lines(pages)
    for index, line in enumerate(lines):
        heading = _NAMED_HEADING.match(line.key)
        # A sentence opener only where a sentence starts: "纳入<name>2024年度…" inside one names
        # the department as the object of something else.
        previous = lines[index - 1].key if index else "。"
        opens = previous.endswith(("。", ";")) or bool(
            _PART_HEADING.match(previous) or _LEVEL1.match(previous)
        )
        match = heading or (_NAMED_OPENER.match(line.key) if opens else None)
        if match is None:
            continue
        name = _OWN_LEVEL.sub("", line.text[match.start("name") : match.end("name")])
        if not _ORGANISATION.search(name) or _GOVERNING_VERB.match(name):
            continue
        if (line.page, bool(heading), name) in seen:
            continue
        seen.add((line.page, bool(heading), name))
        mentions.append(
            NarrativeClaim(
                document_id=document_id,
                page=line.page,
                section="heading" if heading else "narrative",
                sentence=line.text,
                claim_kind="department_name",
                subject="document.department",
                value=None,
                unit="",
                direction=None,
                printed=name,
                refers_table=None,
                refers_row=None,
                refers_column=None,
            )
        )
    return mentions


# ---------------------------------------------------------------------------------------------
# Lines and the narrative part

# Matching runs on a folded copy of the printed text, of the same length so offsets carry over:
# full-width digits, letters, ％ （ ） ： ； fold to ASCII. The full-width comma "，" is kept so
# that only an ASCII comma can be a thousands separator ("1,710.18万元，支出" stays two clauses).
_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F) if c != 0xFF0C}

_CN_NUMERAL = "一二三四五六七八九十"
_PART_HEADING = re.compile(rf"^第[{_CN_NUMERAL}]+部分")
_LEVEL1 = re.compile(rf"^[{_CN_NUMERAL}]+、")
_LEVEL2 = re.compile(rf"^\([{_CN_NUMERAL}]+\)")
_ITEM_MARKER = re.compile(
    rf"^(?:\d{{1,2}}(?:、|\.(?!\d))|\(\d{{1,2}}\)|[{_CN_NUMERAL}]+、|\([{_CN_NUMERAL}]+\))"
)
_FOOTER = re.compile(r"^(?:[-—\s]*\d{1,3}[-—\s]*|第\d+页(?:共\d+页)?)$")
_PUNCTUATION = re.compile(r"[。，,;:：、]")
_DIGIT_NOT_YEAR = re.compile(r"\d(?!\d*年)")


# A heading or sentence that names the department: 第N部分 <name>[年度][部门]决算… / 概况, or
# <name>20XX年度… at the start of a narrative line. The name has no digits and no punctuation.
_NAME = r"(?P<name>[^\d，。；;:：、,\s]{3,40}?)"
_YEAR_WORDS = r"(?:(?:20\d{2}|[〇零一二三四五六七八九]{4})年度?)"
# A heading is the whole line (a table of contents adds dots and a page number; a wrapped one
# may lose its last characters): "…年度部门决算编制范围" inside a sentence is none.
_NAMED_HEADING = re.compile(
    rf"^(?:第[{_CN_NUMERAL}]+部分)?{_NAME}{_YEAR_WORDS}?(?:部门|单位)?"
    r"(?:决算(?:表|情况(?:说明)?|公开)?|概况)[.…·\s\d]*$"
)
# Words that make the name the object of a sentence (反映<name>…, 纳入<name>…), not its subject.
_GOVERNING_VERB = re.compile(r"^(?:反映|纳入|包括|根据|按照|依据|关于)")
_NAMED_OPENER = re.compile(rf"^{_NAME}{_YEAR_WORDS}(?:收入|支出|财政拨款|一般公共预算)")
_OWN_LEVEL = re.compile(r"[（(]本级[)）]$")
_ORGANISATION = re.compile(
    r"(?:局|部|厅|委|委员会|办|办公室|院|会|中心|所|站|馆|队|处|室|校|学|园|社|团|府|署|宫|台|库|场|行)$"
)


@dataclass(frozen=True, slots=True)
class _Line:
    page: int
    text: str  # as printed, whitespace removed
    key: str  # folded copy for matching


def _fold(text: str) -> str:
    return text.translate(_FOLD)


def _document_lines(pages: Sequence[NarrativePage]) -> list[_Line]:
    """Every text line of the document in reading order, without page-number footers."""
    lines: list[_Line] = []
    for page in pages:
        texts = [compact(line.text) for line in page.lines]
        for index, text in enumerate(texts):
            if not text:
                continue
            # A bare number as the first or last line of a page is its page number.
            if index in (0, len(texts) - 1) and _FOOTER.match(_fold(text)):
                continue
            lines.append(_Line(page.number, text, _fold(text)))
    return lines


def _narrative_title(lines: list[_Line], index: int) -> tuple[str, int] | None:
    """The narrative part's heading starting at ``index`` and the lines it takes, or None."""
    key = lines[index].key
    taken = 1
    # A long part heading wraps its last word: "…部门决算情况" / "说明".
    if key.endswith("情况") and index + 1 < len(lines) and lines[index + 1].key == "说明":
        key += "说明"
        taken = 2
    if _PART_HEADING.match(key):
        if "情况说明" in key or key.endswith("决算情况"):
            return key, taken
        return None
    if (
        len(key) <= 40
        and key.endswith("情况说明")
        and not _ITEM_MARKER.match(key)
        and not _PUNCTUATION.search(key)
    ):
        return key, taken
    return None


def _ends_narrative(line: _Line, title: str) -> bool:
    key = line.key
    if key == title:
        return False  # the title repeated as a running page header
    if _PART_HEADING.match(key):
        return True
    if _PUNCTUATION.search(key) or len(key) > 40:
        return False
    if key.endswith("名词解释") or re.fullmatch(r"附件\d*|附表\d*", key):
        return True
    if key.endswith("绩效自评表") or key.endswith("绩效自评报告"):
        return True
    # Layouts that print the tables after the narrative: a table title ends it.
    return title_kind(line.text) is not None


def _narrative_span(lines: list[_Line]) -> tuple[int, int, str] | None:
    """(first line, end line, title) of the narrative part; a 目录 entry is passed over."""
    index = 0
    while index < len(lines):
        found = _narrative_title(lines, index)
        if found is None:
            index += 1
            continue
        title, taken = found
        start = index + taken
        end = next(
            (j for j in range(start, len(lines)) if _ends_narrative(lines[j], title)), len(lines)
        )
        # A 目录 entry opens a "part" of headings only; the real one has sentences.
        if any("。" in line.key for line in lines[start:end]):
            return start, end, title
        index = start
    return None


# ---------------------------------------------------------------------------------------------
# Sections and sentences

# The scope a section heading sets, by its words; the first match wins (三公 before 财政拨款).
_SCOPES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("three_public", ("三公",)),
    ("performance", ("绩效",)),
    ("gov_fund", ("政府性基金",)),
    ("soe_capital", ("国有资本经营",)),
    ("running_cost", ("机关运行经费",)),
    ("procurement", ("政府采购",)),
    ("assets", ("国有资产", "资产占用", "资产占有")),
    ("basic", ("基本支出",)),
    ("gpb", ("一般公共预算",)),
    ("appropriation", ("财政拨款收",)),
    ("overall", ("收入支出决算总体", "收支决算总体", "收入支出总体")),
    ("income", ("收入决算",)),
    ("expenditure", ("支出决算",)),
)


def _scope_of(heading: str) -> str:
    return next((scope for scope, words in _SCOPES if any(w in heading for w in words)), "other")


@dataclass(slots=True)
class _Sentence:
    text: str  # as printed, lines joined
    key: str  # folded copy
    pages: list[int]  # page of each character
    section: str
    scope: str
    item: int | None  # numbered item (1、 …) the sentence belongs to
    first_in_item: bool


def _heading_level(key: str) -> int | None:
    """1 for 一、…, 2 for （一）…: a heading line has no sentence punctuation and no figure."""
    for level, marker in ((1, _LEVEL1), (2, _LEVEL2)):
        match = marker.match(key)
        if match:
            rest = key[match.end() :]
            if len(key) > 45 or _PUNCTUATION.search(rest) or _DIGIT_NOT_YEAR.search(rest):
                return None
            return level
    return None


def _sentences(lines: list[_Line], title: str) -> list[_Sentence]:
    """The narrative's sentences, each with its section, scope and numbered item."""
    widest = max((len(line.key) for line in lines), default=0)
    sentences: list[_Sentence] = []
    level1 = level2 = ""
    item: int | None = None
    items = 0
    item_sentences = 0
    text: list[str] = []
    pages: list[int] = []

    def flush() -> None:
        nonlocal item_sentences
        joined = "".join(text)
        key = _fold(joined)
        start = 0
        for match in re.finditer(r"[。;]|$", key):
            end = match.end()
            if key[start:end].strip("。;，,:"):
                scope = _scope_of(level2) if level2 and _scope_of(level2) != "other" else ""
                sentences.append(
                    _Sentence(
                        text=joined[start:end],
                        key=key[start:end],
                        pages=pages[start:end],
                        section=f"{level1} / {level2}" if level2 else level1,
                        scope=scope or _scope_of(level1),
                        item=item,
                        first_in_item=item is not None and item_sentences == 0,
                    )
                )
                if item is not None:
                    item_sentences += 1
            start = end
        text.clear()
        pages.clear()

    for line in lines:
        key = line.key
        if key == title:
            continue  # the part title repeated as a running page header
        level = _heading_level(key)
        if level is not None:
            flush()
            level1, level2 = (line.text, "") if level == 1 else (level1, line.text)
            item = None
            continue
        if key.startswith("附件:"):
            flush()  # "附件：项目绩效自评表" points to the forms; it is no sentence
            continue
        marker = _ITEM_MARKER.match(key)
        if marker:
            flush()
            items += 1
            item, item_sentences = items, 0
        text.append(line.text)
        pages.extend([line.page] * len(line.text))
        # A short numbered line without punctuation is the item's own heading
        # ("1、预算绩效管理工作开展情况"): it ends where the line ends.
        rest = key[marker.end() :] if marker else ""
        if (
            marker
            and not _PUNCTUATION.search(rest)
            and not _DIGIT_NOT_YEAR.search(rest)
            and len(key) < 0.7 * widest
        ):
            flush()
    flush()
    return sentences


# ---------------------------------------------------------------------------------------------
# Subjects: words → subject, by scope

_INCOME_SCOPES = frozenset({"overall", "income", "expenditure"})
_ANY: frozenset[str] = frozenset()  # empty = every scope


@dataclass(frozen=True, slots=True)
class _Term:
    pattern: re.Pattern[str]
    subjects: tuple[str, ...]
    scopes: frozenset[str]  # where the words mean this subject; empty = everywhere
    counted: bool = False  # the subject is a count (辆, 个) rather than money
    base: str | None = None  # for a count of something money is spent on: that money subject


def _term(
    words: str,
    *subjects: str,
    scopes: frozenset[str] = _ANY,
    counted: bool = False,
    base: str | None = None,
) -> _Term:
    # 非财政拨款收入 is not 财政拨款收入: a term never starts right after 非.
    return _Term(re.compile(f"(?<!非)(?:{words})$"), subjects, scopes, counted, base)


_THREE = r"[“”\"']?三公[“”\"']?经费"
# 收入支出总计, 收入、支出总计, 收入和支出总计, 收支总计, 收、支总计: both totals at once.
_BOTH_TOTALS = "收入[、和与及]?支出总计|收、?支总计"
_TERMS: tuple[_Term, ...] = (
    # 收入支出决算总表 / 收入决算表 / 支出决算表
    _term(_BOTH_TOTALS, "income.total", "expenditure.total", scopes=_INCOME_SCOPES),
    _term("收入总计", "income.total", scopes=_INCOME_SCOPES),
    _term("支出总计", "expenditure.total", scopes=_INCOME_SCOPES),
    _term("(?:本年)?收入合计", "income.year_total", scopes=_INCOME_SCOPES),
    _term("(?:本年)?支出合计", "expenditure.year_total", scopes=_INCOME_SCOPES),
    _term("财政拨款收入", "income.fiscal_appropriation", scopes=frozenset({"overall", "income"})),
    _term("上级补助收入", "income.superior_subsidy", scopes=frozenset({"overall", "income"})),
    _term("事业收入", "income.business", scopes=frozenset({"overall", "income"})),
    _term("经营收入", "income.operating", scopes=frozenset({"overall", "income"})),
    _term("附属单位上缴收入", "income.subsidiary_remit", scopes=frozenset({"overall", "income"})),
    _term("其他收入", "income.other", scopes=frozenset({"overall", "income"})),
    _term("年初结转和结余", "income.opening_balance", scopes=_INCOME_SCOPES),
    _term("年末结转和结余", "expenditure.closing_balance", scopes=_INCOME_SCOPES),
    _term("基本支出", "expenditure.basic", scopes=frozenset({"overall", "expenditure"})),
    _term("项目支出", "expenditure.project", scopes=frozenset({"overall", "expenditure"})),
    _term(
        "上缴上级支出",
        "expenditure.remit_to_superior",
        scopes=frozenset({"overall", "expenditure"}),
    ),
    _term("经营支出", "expenditure.operating", scopes=frozenset({"overall", "expenditure"})),
    _term(
        "对附属单位补助支出",
        "expenditure.subsidiary_subsidy",
        scopes=frozenset({"overall", "expenditure"}),
    ),
    # 财政拨款收入支出决算总表
    _term(
        f"财政拨款(?:{_BOTH_TOTALS})",
        "appropriation.income_total",
        "appropriation.expenditure_total",
    ),
    _term(
        _BOTH_TOTALS,
        "appropriation.income_total",
        "appropriation.expenditure_total",
        scopes=frozenset({"appropriation"}),
    ),
    _term("财政拨款收入总计", "appropriation.income_total"),
    _term("财政拨款支出总计", "appropriation.expenditure_total"),
    _term("收入总计", "appropriation.income_total", scopes=frozenset({"appropriation"})),
    _term("支出总计", "appropriation.expenditure_total", scopes=frozenset({"appropriation"})),
    _term("财政拨款(?:本年)?收入合计", "appropriation.income_year_total"),
    _term("财政拨款(?:本年)?支出合计", "appropriation.expenditure_year_total"),
    _term(
        "(?:本年)?收入合计", "appropriation.income_year_total", scopes=frozenset({"appropriation"})
    ),
    _term(
        "(?:本年)?支出合计",
        "appropriation.expenditure_year_total",
        scopes=frozenset({"appropriation"}),
    ),
    _term("一般公共预算财政拨款收入", "appropriation.gpb_income"),
    # 一般公共预算财政拨款支出决算表 and 基本支出决算明细表
    _term("一般公共预算财政拨款(?:决算)?支出", "gpb.expenditure_total"),
    _term("一般公共预算财政拨款", "gpb.expenditure_total", scopes=frozenset({"gpb"})),
    _term("基本支出", "gpb.basic", scopes=frozenset({"gpb"})),
    _term("项目支出", "gpb.project", scopes=frozenset({"gpb"})),
    _term("(?:一般公共预算)?财政拨款项目支出", "gpb.project"),
    _term("(?:一般公共预算)?财政拨款基本支出", "basic.total"),
    _term("基本支出", "basic.total", scopes=frozenset({"basic"})),
    _term("人员经费(?:支出)?(?:合计)?", "basic.personnel"),
    _term("(?:日常)?公用经费(?:支出)?(?:合计)?", "basic.public"),
    # 政府性基金 / 国有资本经营
    _term("政府性基金预算财政拨款(?:决算)?支出", "gov_fund.expenditure_total"),
    _term("政府性基金预算财政拨款收入", "gov_fund.income"),
    _term("国有资本经营预算财政拨款(?:决算)?支出", "soe_capital.expenditure_total"),
    _term("国有资本经营预算财政拨款收入", "soe_capital.income"),
    # 三公经费
    _term(rf"(?:财政拨款)?{_THREE}(?:财政拨款)?(?:支出)?(?:合计)?", "three_public.total"),
    _term(r"因公出国\(境\)(?:费用?)?(?:支出)?", "three_public.overseas"),
    _term("公务用车购置及运行(?:维护)?费(?:支出)?", "three_public.vehicle"),
    _term("公务用车购置(?:费)?(?:支出)?", "three_public.vehicle_purchase"),
    _term("公务用车运行(?:维护)?(?:费)?(?:支出)?", "three_public.vehicle_operation"),
    _term("公务接待费(?:支出)?", "three_public.reception"),
    _term("国内(?:公务)?接待费(?:支出)?", "three_public.reception.domestic"),
    _term("外事接待费(?:支出)?", "three_public.reception.foreign_affairs"),
    _term(r"国\(境\)外接待费(?:支出)?", "three_public.reception.overseas_guests"),
    _term(
        r"(?:因公)?出国(?:\(境\))?团组",
        "three_public.overseas.groups",
        counted=True,
        base="three_public.overseas",
    ),
    _term(
        "购置公务用车",
        "three_public.vehicle_purchase.vehicles",
        counted=True,
        base="three_public.vehicle_purchase",
    ),
    _term("公务用车保有量", "three_public.vehicle_fleet", counted=True),
    # 机关运行经费, 政府采购, 国有资产
    _term("机关运行经费(?:支出)?", "org_running_cost"),
    _term("政府采购(?:支出)?总额|政府采购(?:合同)?金额", "procurement.total"),
    _term("政府采购货物(?:支出|采购)?(?:金额)?", "procurement.goods"),
    _term("政府采购工程(?:支出|采购)?(?:金额)?", "procurement.works"),
    _term("政府采购服务(?:支出|采购)?(?:金额)?", "procurement.services"),
    _term("货物采购(?:金额|支出)?", "procurement.goods", scopes=frozenset({"procurement"})),
    _term("工程采购(?:金额|支出)?", "procurement.works", scopes=frozenset({"procurement"})),
    _term("服务采购(?:金额|支出)?", "procurement.services", scopes=frozenset({"procurement"})),
    _term("授予中小企业合同(?:金额)?", "procurement.sme"),
    _term("授予小微企业合同(?:金额)?", "procurement.small_micro"),
    _term("面向中小企业预留(?:的)?政府采购项目", "procurement.sme_reserved"),
    _term("面向小微企业预留(?:的)?政府采购项目", "procurement.small_micro_reserved"),
    _term("(?:共有|拥有|实有)车辆|车辆(?:总数|数合计|数)", "vehicles.total", counted=True),
    _term(r"(?:副部\(省\)级及以上|部级)领导(?:干部)?用车", "vehicles.ministerial", counted=True),
    _term("主要(?:负责人|领导干部|领导)用车", "vehicles.principal", counted=True),
    _term("机要通信用车", "vehicles.confidential_comms", counted=True),
    _term("应急保障用车", "vehicles.emergency", counted=True),
    _term("执法执勤用车", "vehicles.law_enforcement", counted=True),
    _term("特种专业技术用车", "vehicles.special_technical", counted=True),
    _term("离退休干部(?:服务)?用车", "vehicles.retired_cadres", counted=True),
    _term("其他用车", "vehicles.other", counted=True),
    _term(
        r"单价(?:100|一百)万元(?:\(含\))?以上(?:的)?设备",
        "assets.equipment_over_1m",
        counted=True,
    ),
    # 预算绩效
    _term("(?:项目)?绩效自评(?:的)?(?:项目)?(?:个数|数量|数)?", "performance.forms", counted=True),
    _term("编报绩效目标(?:的)?(?:项目)?", "performance.targets", counted=True),
    _term(
        "绩效(?:跟踪|运行监控|监控)(?:评价)?(?:的)?(?:项目)?",
        "performance.monitoring",
        counted=True,
    ),
    _term("(?:共)?发现问题", "performance.issues", counted=True),
)

# 支出功能分类 类 (functional classes) by name, with names used before the 2019 reform.
FUNCTIONAL_CLASSES: dict[str, str] = {
    "一般公共服务支出": "201",
    "外交支出": "202",
    "国防支出": "203",
    "公共安全支出": "204",
    "教育支出": "205",
    "科学技术支出": "206",
    "文化旅游体育与传媒支出": "207",
    "文化体育与传媒支出": "207",
    "社会保障和就业支出": "208",
    "社会保险基金支出": "209",
    "卫生健康支出": "210",
    "医疗卫生与计划生育支出": "210",
    "节能环保支出": "211",
    "城乡社区支出": "212",
    "农林水支出": "213",
    "交通运输支出": "214",
    "资源勘探工业信息等支出": "215",
    "资源勘探信息等支出": "215",
    "商业服务业等支出": "216",
    "金融支出": "217",
    "援助其他地区支出": "219",
    "自然资源海洋气象等支出": "220",
    "国土海洋气象等支出": "220",
    "住房保障支出": "221",
    "粮油物资储备支出": "222",
    "国有资本经营预算支出": "223",
    "灾害防治及应急管理支出": "224",
    "预备费": "227",
    "其他支出": "229",
    "转移性支出": "230",
    "债务还本支出": "231",
    "债务付息支出": "232",
    "债务发行费用支出": "233",
    "抗疫特别国债安排的支出": "234",
}

# 支出经济分类 类 (economic classes) of 基本支出, by name.
ECONOMIC_CLASSES: dict[str, str] = {
    "工资福利支出": "301",
    "商品和服务支出": "302",
    "对个人和家庭的补助": "303",
    "债务利息及费用支出": "307",
    "资本性支出(基本建设)": "309",
    "资本性支出": "310",
    "对企业补助(基本建设)": "311",
    "对企业补助": "312",
    "对社会保障基金补助": "313",
    "其他支出": "399",
}

_NAME = r"[^,，:;、()“”]+?"
_CLASS_PATH = re.compile(
    rf"(?P<cls>{_NAME})\(类\)(?:(?P<kuan>{_NAME})\(款\)(?:(?P<xiang>{_NAME})\(项\))?)?$"
)
_GRADE = r"[“\"]?(?P<grade>不合格|合格|优秀|优|良|中|差)[”\"]?"
_GRADE_BEFORE = re.compile(rf"(?:绩效|自评)?(?:评级|等级)为{_GRADE}的?项目$")
_GRADE_AFTER = re.compile(rf"^项目?(?:自评|绩效)?(?:评级|等级)为{_GRADE}")

_CLASS_PREFIX = {"gpb": "gpb", "expenditure": "expenditure"}

# The funds a counted performance subject involves (涉及资金 / 涉及预算金额).
_FUNDS_OF = {
    "performance.forms": "performance.amount",
    "performance.targets": "performance.targets_amount",
    "performance.monitoring": "performance.monitoring_amount",
}


@dataclass(frozen=True, slots=True)
class _Context:
    """The subject a figure establishes, inherited by the figures that follow it."""

    subjects: tuple[str, ...]
    counted: bool = False
    base: str | None = None


def _class_code(name: str) -> str | None:
    """The 类 code of a name that ends with a 类 name (longest name first)."""
    for known in sorted(FUNCTIONAL_CLASSES, key=len, reverse=True):
        if name.endswith(known):
            return FUNCTIONAL_CLASSES[known]
    return None


def _find_subject(words: str, scope: str) -> tuple[int, _Context] | None:
    """The subject the words end with, and where it starts; the longest match wins."""
    found: list[tuple[int, _Context]] = []
    for term in _TERMS:
        if term.scopes and scope not in term.scopes:
            continue
        match = term.pattern.search(words)
        if match:
            base = term.base if term.counted else term.subjects[0]
            if len(term.subjects) > 1:
                base = None
            found.append((match.start(), _Context(term.subjects, term.counted, base)))
    prefix = _CLASS_PREFIX.get(scope)
    if prefix:
        path = _CLASS_PATH.search(words)
        if path:
            code = _class_code(path["cls"])
            if code:
                parts = [p for p in (path["kuan"], path["xiang"]) if p]
                if parts:
                    subject = f"{prefix}.item:{code}/" + "/".join(parts)
                else:
                    subject = f"{prefix}.class:{code}"
                found.append((path.start(), _Context((subject,), base=subject)))
        for name, code in FUNCTIONAL_CLASSES.items():
            if _ends_with_class(words, name):
                subject = f"{prefix}.class:{code}"
                found.append((len(words) - len(name), _Context((subject,), base=subject)))
    if scope == "basic":
        for name, code in ECONOMIC_CLASSES.items():
            if _ends_with_class(words, name):
                subject = f"basic.econ:{code}"
                found.append((len(words) - len(name), _Context((subject,), base=subject)))
    grade = _GRADE_BEFORE.search(words)
    if grade:
        subject = f"performance.grade:{_grade(grade['grade'])}"
        found.append((grade.start(), _Context((subject,), counted=True)))
    if not found:
        return None
    return min(found, key=lambda pair: pair[0])


def _ends_with_class(words: str, name: str) -> bool:
    """The words end with a 类 name, and not with a 款 named after it (其他商业服务业等支出)."""
    return words.endswith(name) and not words[: -len(name)].endswith("其他")


def _grade(printed: str) -> str:
    return "优" if printed == "优秀" else printed


# ---------------------------------------------------------------------------------------------
# Figures and measures

_UNITS = r"台\(套\)|人次|批次|万元|亿元|元|%|个|辆|台|套|名|家|项|次|人|分|年|月|日|号"
_FIGURE = re.compile(
    rf"(?<![\d.,])(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<unit>{_UNITS})?"
)
_SAME = re.compile(r"(?:与|和|同|较)上年(?:度|同期)?(?:相同|持平|一致|相比(?:无变化|持平))")
_EXPLANATION = re.compile(r"主要原因|原因是|原因为|原因:|主要是|主要由于|由于")
_MONEY_UNITS = {"万元": Decimal(1), "亿元": Decimal(10000)}
_COUNT_UNITS = {"人次", "批次", "台(套)", "个", "辆", "台", "套", "名", "家", "项", "次", "人"}
_DATE_UNITS = {"年", "月", "日", "号"}
_COUNT_SUFFIX = {
    "人次": "persons",
    "名": "persons",
    "人": "persons",
    "批次": "batches",
    "辆": "vehicles",
    "个": "count",
    "次": "times",
    "家": "entities",
    "项": "items",
    "台(套)": "units",
    "台": "units",
    "套": "units",
}
# "收入、支出总计" and "收、支总计" name one pair of figures: that 、 does not end the clause.
_CLAUSE_BREAK = re.compile(r"[，,:;]|(?<!收入)(?<!收)、")

# Measure words right before the number, tried in order; a measure names the claim kind.
_MEASURES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("completion", re.compile(r"完成(?:了)?(?:年初|全年|调整后?)?预算(?:数)?的?$")),
    ("share", re.compile(r"占(?:比|比例|比重)?为?$")),
    ("share", re.compile(r"占[^,，:;、]{1,30}?的(?:比例|比重)?为?$")),
    ("funds", re.compile(r"涉及(?P<what>预算金额|预算资金|资金|金额)为?$")),
    ("change", re.compile(r"(?P<direction>增加|减少|增长|下降|上升|降低)了?$")),
    ("budget", re.compile(r"(?:年初预算|全年预算|调整后?预算|预算金额|预算数|预算)(?:数)?为?$")),
    ("amount", re.compile(r"(?:支出决算|决算支出|决算数|决算)为?$")),
)
_DIRECTIONS = {
    "增加": "increase",
    "增长": "increase",
    "上升": "increase",
    "减少": "decrease",
    "下降": "decrease",
    "降低": "decrease",
}
# Words between a subject and its number that say nothing of either: …支出决算数比 / 为 / 共.
_FILLER = re.compile(r"(?:为|是|均|共计|共|达到|达|约|决算数?比|决算数?较|决算数?)$")
_REMARK = re.compile(r"\((?![类款项]\))[^()]*\)$")  # (以合同签订为准), (不含车辆)
_YEAR = re.compile(r"(?:截至|截止到?)?\d{4}年(?:度|末|底|初)?(?:\d{1,2}月(?:\d{1,2}日)?)?(?:的)?")
# Words that name no subject: a clause of only these takes the subject before it.
_NO_SUBJECT = re.compile(
    r"(?:其中|与相比|与上年度?相比|较上年度?|比上年度?|同比|较|比|决算|分别|"
    r"共接待(?:国\(境\)外)?|[，,:;、])*"
)


@dataclass(frozen=True, slots=True)
class _Figure:
    start: int
    end: int
    printed: str
    value: Decimal
    unit: str  # folded; "" when the number has none
    same: bool = False  # 与上年相同: a stated change of zero


def _figures(sentence: _Sentence) -> list[_Figure]:
    key = sentence.key
    found = [
        _Figure(
            m.start(),
            m.end(),
            sentence.text[m.start("num") : m.end("num")],
            Decimal(m["num"].replace(",", "")),
            m["unit"] or "",
        )
        for m in _FIGURE.finditer(key)
    ]
    found += [
        _Figure(m.start(), m.end(), sentence.text[m.start() : m.end()], Decimal(0), "", True)
        for m in _SAME.finditer(key)
    ]
    return sorted(found, key=lambda f: f.start)


def _skip_reason(figure: _Figure, key: str) -> str | None:
    """Why a number is no figure at all (a date, a list number, an amount in 元 …), or None."""
    if figure.same:
        return None
    unit = figure.unit
    after = key[figure.end :]
    if unit in _DATE_UNITS:
        return SKIP_DATE
    if not unit:
        before = key[: figure.start]
        if after[:1] in ("、", ".", ")") or before.endswith(("第", "(")):
            return SKIP_LIST_MARKER
        return SKIP_NO_UNIT
    if unit == "元":
        return SKIP_YUAN
    if unit == "分":
        return SKIP_SCORE
    if unit in _MONEY_UNITS and re.match(r"(?:\(含\))?(?:及)?以[上下]", after):
        return SKIP_THRESHOLD
    return None


def _measure(words: str) -> tuple[str | None, str | None, str | None, int]:
    """(measure, direction, funds wording, where it starts) of the words before a number."""
    for name, pattern in _MEASURES:
        match = pattern.search(words)
        if match:
            groups = match.groupdict()
            direction = _DIRECTIONS.get(groups.get("direction") or "")
            return name, direction, groups.get("what"), match.start()
    return None, None, None, len(words)


def _claim_kind(measure: str | None, funds: str | None, unit: str) -> str | None:
    if unit in _MONEY_UNITS:
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
    if unit in _COUNT_UNITS:
        return "count" if measure is None else None
    return None


def _subject_words(words: str) -> str:
    """The words left for the subject once fillers, remarks and years are taken off."""
    words = _YEAR.sub("", words)
    while True:
        trimmed = _REMARK.sub("", _FILLER.sub("", words))
        if trimmed == words:
            return words
        words = trimmed


# ---------------------------------------------------------------------------------------------
# Reading one sentence


def _read_sentence(
    sentence: _Sentence,
    document_id: str,
    leads: dict[int, _Context],
    reading: NarrativeReading,
) -> None:
    key = sentence.key
    explanation = _EXPLANATION.search(key)
    stop = explanation.start() if explanation else len(key)
    context: _Context | None = None
    context_end = 0  # where the figure that established the context ends
    clause_start = 0  # where the words of the next figure may start

    def skip(figure: _Figure, reason: str) -> None:
        reading.skipped.append(
            SkippedFigure(
                page=sentence.pages[figure.start],
                section=sentence.section,
                sentence=sentence.text,
                printed=figure.printed + figure.unit,
                reason=reason,
            )
        )

    figures = _figures(sentence)
    if sentence.first_in_item and sentence.item is not None:
        # "1、一般公共服务支出（类）社会工作事务（款）行政运行（项）。": a first sentence that is
        # only a subject names the subject of the item's later sentences.
        words = _subject_words(_ITEM_MARKER.sub("", key, count=1).rstrip("。;"))
        found = _find_subject(words, sentence.scope)
        if found and found[0] == 0:
            leads[sentence.item] = found[1]
    for figure in figures:
        reason = _skip_reason(figure, key)
        if reason is None and figure.start >= stop:
            reason = SKIP_EXPLANATION
        if reason is not None:
            skip(figure, reason)
            continue  # a skipped number does not end the words of the next figure
        breaks = [m.end() for m in _CLAUSE_BREAK.finditer(key, clause_start, figure.start)]
        words = key[max([clause_start, *breaks]) : figure.start]
        clause_start = figure.end
        if figure.same:
            measure, direction, funds, measure_start = "change", "same", None, len(words)
            kind: str | None = "change_amount"
        else:
            measure, direction, funds, measure_start = _measure(words)
            kind = _claim_kind(measure, funds, figure.unit)
            if kind is None:
                bare = figure.unit == "%" and measure is None
                skip(figure, SKIP_BARE_PERCENT if bare else SKIP_MEASURE)
                continue
        subject_words = _subject_words(words[:measure_start])
        # "13个项目自评等级为“优”": a count can name what it counts after the number.
        trailing = _counted_noun(key, figure) if kind == "count" else ""
        grade = _GRADE_AFTER.match(trailing)
        if grade:
            subject = f"performance.grade:{_grade(grade['grade'])}"
            own: _Context | None = _Context((subject,), counted=True)
        else:
            found = _find_subject(subject_words, sentence.scope)
            own = found[1] if found else None
        if own is None and not _NO_SUBJECT.fullmatch(subject_words):
            skip(figure, SKIP_UNCLEAR_SUBJECT)
            continue
        inherited = context
        if inherited is None and sentence.item is not None and not sentence.first_in_item:
            inherited = leads.get(sentence.item)
        # Inherit only across words that name nothing: after "某某专项资金500万元，" or
        # "公务接待费支出决算为零，", a bare "占比…" is about that, not the subject before it.
        if own is None and not _names_nothing(key[context_end : figure.start]):
            inherited = None
        source = own or inherited
        if source is None:
            skip(figure, SKIP_NO_SUBJECT)
            continue
        subjects = _subjects_for(kind, figure, source, own is not None, trailing, measure, funds)
        if isinstance(subjects, str):
            skip(figure, subjects)
            continue
        context_end = figure.end + len(trailing)
        if own is not None:
            context = own
            if sentence.item is not None and sentence.item not in leads:
                leads[sentence.item] = own
        for subject in subjects:
            reading.claims.append(_claim(document_id, sentence, figure, kind, subject, direction))


def _counted_noun(key: str, figure: _Figure) -> str:
    """The words right after a count, up to the next break: "项目自评等级为“优”", "车", ""."""
    return re.split(r"[，,:;、。()\d]", key[figure.end :], maxsplit=1)[0]


def _names_nothing(text: str) -> bool:
    """Every clause of ``text`` is only measure words, fillers, years and connectives."""
    text = _ITEM_MARKER.sub("", text, count=1)
    for clause in _CLAUSE_BREAK.split(text):
        measure_start = _measure(clause)[3]
        if not _NO_SUBJECT.fullmatch(_subject_words(clause[:measure_start])):
            return False
    return True


def _subjects_for(
    kind: str,
    figure: _Figure,
    source: _Context,
    own: bool,
    trailing: str,
    measure: str | None,
    funds: str | None,
) -> tuple[str, ...] | str:
    """The subjects a figure is about, or the reason it has none."""
    if measure == "funds":
        funded = _FUNDS_OF.get(source.subjects[0]) if source.counted else None
        return (funded,) if funded else SKIP_NO_SUBJECT
    if kind == "count":
        if trailing not in ("", "车") and not _GRADE_AFTER.match(trailing):
            return SKIP_COUNTED_NOUN
        if own and source.counted:
            return source.subjects
        if source.base:
            return (f"{source.base}.{_COUNT_SUFFIX[figure.unit]}",)
        return SKIP_NO_SUBJECT
    if source.counted:
        return (source.base,) if source.base else SKIP_NO_SUBJECT
    return source.subjects


def _claim(
    document_id: str,
    sentence: _Sentence,
    figure: _Figure,
    kind: str,
    subject: str,
    direction: str | None,
) -> NarrativeClaim:
    if figure.same:
        value, unit, printed = Decimal(0), "万元", figure.printed
    elif figure.unit in _MONEY_UNITS:
        value, unit, printed = figure.value * _MONEY_UNITS[figure.unit], "万元", figure.printed
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


# ---------------------------------------------------------------------------------------------
# The table cell a subject restates (Shanxi numbering: tables by meaning)

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
    "org_running_cost": (TableCode.T10, "行政单位", "value"),
    "procurement.total": (TableCode.T10, "合计", "value"),
    "procurement.goods": (TableCode.T10, "货物", "value"),
    "procurement.works": (TableCode.T10, "工程", "value"),
    "procurement.services": (TableCode.T10, "服务", "value"),
    "vehicles.total": (TableCode.T10, "车辆数合计", "value"),
    "vehicles.ministerial": (TableCode.T10, "副部(省)级及以上领导用车", "value"),
    "vehicles.principal": (TableCode.T10, "主要负责人用车", "value"),
    "vehicles.confidential_comms": (TableCode.T10, "机要通信用车", "value"),
    "vehicles.emergency": (TableCode.T10, "应急保障用车", "value"),
    "vehicles.law_enforcement": (TableCode.T10, "执法执勤用车", "value"),
    "vehicles.special_technical": (TableCode.T10, "特种专业技术用车", "value"),
    "vehicles.retired_cadres": (TableCode.T10, "离退休干部服务用车", "value"),
    "vehicles.other": (TableCode.T10, "其他用车", "value"),
    "assets.equipment_over_1m": (TableCode.T10, "单价100万元(含)以上设备(不含车辆)", "value"),
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
