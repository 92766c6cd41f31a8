"""The figures of the narrative (情况说明) as claims bound to what they are about.

A final-accounts disclosure (部门决算公开) explains its tables in a narrative part, 部门决算情况
说明: "2023年度收入总计1,710.18万元 … 下降84.05%". Every figure the narrative states becomes one
:class:`~ingestion.records.NarrativeClaim`: what it is about (``subject``), what it measures
(``claim_kind``), the number, and the table cell it restates, so the ``text`` rules (TXT-AMOUNT,
TXT-SHARE, TXT-YOY, TXT-BUDGET, TXT-PERF-COUNT) and HIST-YOY can compare it.

The package, one step a module: :mod:`~ingestion.narrative.sentences` (the document's lines,
the narrative part, its sections and sentences), :mod:`~ingestion.narrative.vocabulary` (the
words: subject terms, 类 names from the seeds, units, measure words),
:mod:`~ingestion.narrative.figures` (the numbers of a sentence and why one is left out),
:mod:`~ingestion.narrative.subjects` (what a figure is about), :mod:`~ingestion.narrative.binding`
(the claim kind and the table cell a claim restates), :mod:`~ingestion.narrative.reading` (a
document's sentences to claims) and :mod:`~ingestion.narrative.mentions` (where the text names
the department).

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

from ingestion.narrative.binding import SUBJECT_CELLS, refers_to
from ingestion.narrative.figures import (
    SKIP_BARE_PERCENT,
    SKIP_COUNTED_NOUN,
    SKIP_DATE,
    SKIP_EXPLANATION,
    SKIP_LIST_MARKER,
    SKIP_MEASURE,
    SKIP_NO_SUBJECT,
    SKIP_NO_UNIT,
    SKIP_SCORE,
    SKIP_THRESHOLD,
    SKIP_UNCLEAR_SUBJECT,
    SKIP_YUAN,
)
from ingestion.narrative.mentions import department_mentions
from ingestion.narrative.reading import (
    NarrativeReading,
    SkippedFigure,
    parse_narrative,
    read_narrative,
)
from ingestion.narrative.sentences import NarrativePage
from ingestion.narrative.vocabulary import ECONOMIC_CLASSES, FUNCTIONAL_CLASSES

__all__ = [
    "ECONOMIC_CLASSES",
    "FUNCTIONAL_CLASSES",
    "SKIP_BARE_PERCENT",
    "SKIP_COUNTED_NOUN",
    "SKIP_DATE",
    "SKIP_EXPLANATION",
    "SKIP_LIST_MARKER",
    "SKIP_MEASURE",
    "SKIP_NO_SUBJECT",
    "SKIP_NO_UNIT",
    "SKIP_SCORE",
    "SKIP_THRESHOLD",
    "SKIP_UNCLEAR_SUBJECT",
    "SKIP_YUAN",
    "SUBJECT_CELLS",
    "NarrativePage",
    "NarrativeReading",
    "SkippedFigure",
    "department_mentions",
    "parse_narrative",
    "read_narrative",
    "refers_to",
]
