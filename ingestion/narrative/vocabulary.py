"""The narrative's vocabulary (情况说明的用语): subject words, class names, units, measure words.

Every word list the narrative reader matches against. The subject words are patterns, each
bound to the scopes it is read in (see :mod:`ingestion.narrative.sentences`): 支出总计 is T01's
in 一、收入支出决算总体情况, T04's in 四、财政拨款收支决算总体情况. The 类 names of the two
classifications are the warehouse's seeds (:mod:`ingestion.seeds`), read, not typed again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ingestion.narrative.sentences import fold
from ingestion.seeds import seed_rows

# ---------------------------------------------------------------------------------------------
# Subject words, by scope

_INCOME_SCOPES = frozenset({"overall", "income", "expenditure"})
_ANY: frozenset[str] = frozenset()  # empty = every scope


@dataclass(frozen=True, slots=True)
class Term:
    """Words (a pattern the subject words must end with) and the subjects they name."""

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
) -> Term:
    # 非财政拨款收入 is not 财政拨款收入: a term never starts right after 非.
    return Term(re.compile(f"(?<!非)(?:{words})$"), subjects, scopes, counted, base)


_THREE = r"[“”\"']?三公[“”\"']?经费"
# 收入支出总计, 收入、支出总计, 收入和支出总计, 收支总计, 收、支总计: both totals at once.
_BOTH_TOTALS = "收入[、和与及]?支出总计|收、?支总计"
TERMS: tuple[Term, ...] = (
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


# ---------------------------------------------------------------------------------------------
# 类 names of the two classifications


def _class_names(seed: str) -> dict[str, str]:
    """code by 类 name in a classification seed, names folded as the narrative's words are."""
    return {fold(row["name"]): row["code"] for row in seed_rows(seed) if row["level"] == "类"}


# The functional_subjects seed holds only the 类 seen in the documents loaded so far, under
# their current names, so the narrative keeps the rest here: a 类 the seed has not seen yet,
# and the names used before the 2019 reform. They stay out of the seed because dbt reads every
# 类 row of it (dictionary_class_names matches printed 类 lines against them, dim_subject lists
# them by year seen), and a name no document printed would change what those match.
# The seed's name_variants_seen are names cut by line wraps in the tables (一般公共服务); the
# narrative joins its lines before matching, so it reads the dictionary names alone.
_FUNCTIONAL_CLASSES_UNSEEN: dict[str, str] = {
    "外交支出": "202",
    "国防支出": "203",
    "文化体育与传媒支出": "207",
    "社会保险基金支出": "209",
    "医疗卫生与计划生育支出": "210",
    "节能环保支出": "211",
    "农林水支出": "213",
    "交通运输支出": "214",
    "资源勘探信息等支出": "215",
    "金融支出": "217",
    "援助其他地区支出": "219",
    "国土海洋气象等支出": "220",
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

# 支出功能分类 类 (functional classes) by name, in code order, the seed's name of a code first.
FUNCTIONAL_CLASSES: dict[str, str] = dict(
    sorted(
        (_class_names("functional_subjects") | _FUNCTIONAL_CLASSES_UNSEEN).items(),
        key=lambda pair: pair[1],
    )
)

# 支出经济分类 类 (economic classes) of 基本支出, by name: every 类 of the seed.
ECONOMIC_CLASSES: dict[str, str] = _class_names("economic_subjects")

# "…（类）…（款）…（项）": a 类 named with its 款 and 项.
_NAME = r"[^,，:;、()“”]+?"
CLASS_PATH = re.compile(
    rf"(?P<cls>{_NAME})\(类\)(?:(?P<kuan>{_NAME})\(款\)(?:(?P<xiang>{_NAME})\(项\))?)?$"
)
_GRADE = r"[“\"]?(?P<grade>不合格|合格|优秀|优|良|中|差)[”\"]?"
GRADE_BEFORE = re.compile(rf"(?:绩效|自评)?(?:评级|等级)为{_GRADE}的?项目$")
GRADE_AFTER = re.compile(rf"^项目?(?:自评|绩效)?(?:评级|等级)为{_GRADE}")

CLASS_PREFIX = {"gpb": "gpb", "expenditure": "expenditure"}

# The funds a counted performance subject involves (涉及资金 / 涉及预算金额).
FUNDS_OF = {
    "performance.forms": "performance.amount",
    "performance.targets": "performance.targets_amount",
    "performance.monitoring": "performance.monitoring_amount",
}


# ---------------------------------------------------------------------------------------------
# Units, measure words and fillers

UNITS = r"台\(套\)|人次|批次|万元|亿元|元|%|个|辆|台|套|名|家|项|次|人|分|年|月|日|号"
SAME = re.compile(r"(?:与|和|同|较)上年(?:度|同期)?(?:相同|持平|一致|相比(?:无变化|持平))")
EXPLANATION = re.compile(r"主要原因|原因是|原因为|原因:|主要是|主要由于|由于")
MONEY_UNITS = {"万元": Decimal(1), "亿元": Decimal(10000)}
COUNT_UNITS = {"人次", "批次", "台(套)", "个", "辆", "台", "套", "名", "家", "项", "次", "人"}
DATE_UNITS = {"年", "月", "日", "号"}
COUNT_SUFFIX = {
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
CLAUSE_BREAK = re.compile(r"[，,:;]|(?<!收入)(?<!收)、")

# Measure words right before the number, tried in order; a measure names the claim kind.
MEASURES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("completion", re.compile(r"完成(?:了)?(?:年初|全年|调整后?)?预算(?:数)?的?$")),
    ("share", re.compile(r"占(?:比|比例|比重)?为?$")),
    ("share", re.compile(r"占[^,，:;、]{1,30}?的(?:比例|比重)?为?$")),
    ("funds", re.compile(r"涉及(?P<what>预算金额|预算资金|资金|金额)为?$")),
    ("change", re.compile(r"(?P<direction>增加|减少|增长|下降|上升|降低)了?$")),
    ("budget", re.compile(r"(?:年初预算|全年预算|调整后?预算|预算金额|预算数|预算)(?:数)?为?$")),
    ("amount", re.compile(r"(?:支出决算|决算支出|决算数|决算)为?$")),
)
DIRECTIONS = {
    "增加": "increase",
    "增长": "increase",
    "上升": "increase",
    "减少": "decrease",
    "下降": "decrease",
    "降低": "decrease",
}
# Words between a subject and its number that say nothing of either: …支出决算数比 / 为 / 共.
FILLER = re.compile(r"(?:为|是|均|共计|共|达到|达|约|决算数?比|决算数?较|决算数?)$")
REMARK = re.compile(r"\((?![类款项]\))[^()]*\)$")  # (以合同签订为准), (不含车辆)
YEAR = re.compile(r"(?:截至|截止到?)?\d{4}年(?:度|末|底|初)?(?:\d{1,2}月(?:\d{1,2}日)?)?(?:的)?")
# Words that name no subject: a clause of only these takes the subject before it.
NO_SUBJECT = re.compile(
    r"(?:其中|与相比|与上年度?相比|较上年度?|比上年度?|同比|较|比|决算|分别|"
    r"共接待(?:国\(境\)外)?|[，,:;、])*"
)
