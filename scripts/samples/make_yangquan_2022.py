"""Build ``samples/specs/yangquan-commerce-2022.yaml``: the same department's 2022 disclosure.

Why: the HIST-YOY rule (and any multi-year view) needs two years of one department whose
figures agree with what the later year's narrative says about the earlier one. No 2022 text of
阳泉市商务局 is at hand, so the 2022 disclosure is *constructed*: every figure the 2023 narrative
states about 2022 is honoured exactly, everything else is invented, and the whole is built here
from a few numbers so that every table is internally consistent by construction (asserted
below) rather than by retyping. ``samples/README.md`` lists which figures are which.

From the 2023 narrative (exact): 收入/支出总计 10,724.43 (= 1,710.18 + 9,014.25); 类 totals
201 = 803.13, 208 = 64.60, 210 = 16.53, 216 = 9,800.66, 221 = 39.51 (each reproduces the
stated 2023 change and %); 机关运行经费 84.04; 三公 决算 0.08, all of it 公务接待费; 216 carries
the 市级和省级消费券补贴资金; 201 carries 2022's 工资改革 补发工资.

Run (after changing the numbers below)::

    uv run scripts/samples/make_yangquan_2022.py

It takes the 2023 spec as the layout template (table headers, widths, 概况 text), renders once
to find where the headings land, writes the 目录 page numbers, and writes the YAML.
"""

from __future__ import annotations

import copy
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from check_roundtrip import number_toc
from derive_yangquan_2023 import dump_spec

from samples.render import SPECS_DIR, load_spec

D = Decimal
YEAR = 2022
DEPT = "阳泉市商务局"
OUT = SPECS_DIR / "yangquan-commerce-2022.yaml"
TEMPLATE = SPECS_DIR / "yangquan-commerce-2023.yaml"

# ---------------------------------------------------------------- the invented 2022 detail
# 项-level subjects: code -> (basic, project). 类 totals are the 2023 narrative's.
SUBJECTS: dict[str, tuple[Decimal, Decimal]] = {
    "2011301": (D("779.58"), D("0")),  # 行政运行, incl. the 工资改革 补发工资
    "2011399": (D("0"), D("22.38")),  # 其他商贸事务支出
    "2013299": (D("1.17"), D("0")),  # 其他组织事务支出
    "2080505": (D("38.12"), D("0")),  # 基本养老保险缴费
    "2080506": (D("26.48"), D("0")),  # 职业年金缴费
    "2101101": (D("16.53"), D("0")),  # 行政单位医疗
    "2160299": (D("0"), D("9742.08")),  # 其他商业流通事务支出: 市级和省级消费券补贴资金
    "2160699": (D("0"), D("46.30")),  # 其他涉外发展服务支出
    "2169999": (D("0"), D("12.28")),  # 其他商业服务业等支出
    "2210201": (D("39.51"), D("0")),  # 住房公积金
}
CLASS_TOTALS = {  # from the 2023 narrative
    "201": D("803.13"),
    "208": D("64.60"),
    "210": D("16.53"),
    "216": D("9800.66"),
    "221": D("39.51"),
}
# 公开06表 (economic classification of the basic expenditure), 款 level.
ECONOMIC: dict[str, Decimal] = {
    "30101": D("131.85"),
    "30102": D("164.30"),
    "30103": D("31.62"),
    "30108": D("38.12"),
    "30109": D("26.48"),
    "30110": D("15.71"),
    "30112": D("0.48"),
    "30113": D("39.51"),
    "30199": D("29.99"),
    "30201": D("7.92"),
    "30202": D("0.45"),
    "30205": D("0.92"),
    "30206": D("3.18"),
    "30207": D("1.56"),
    "30208": D("21.36"),
    "30211": D("4.12"),
    "30213": D("0.86"),
    "30215": D("0.98"),
    "30216": D("0.15"),
    "30217": D("0.08"),
    "30226": D("2.40"),
    "30228": D("4.98"),
    "30229": D("7.20"),
    "30239": D("24.30"),
    "30299": D("2.63"),
    "30301": D("38.56"),
    "30302": D("147.22"),
    "30304": D("153.45"),
    "30309": D("0.06"),
    "31002": D("0.95"),
}
PERSONNEL_CLASSES = ("301", "303")
ADMIN_COST_2022 = D("84.04")  # 机关运行经费, from the 2023 narrative
# 三公: (预算, 决算) per item; 决算 total 0.08 from the 2023 narrative.
SANGONG = {
    "出国": (D("0"), D("0")),
    "购置": (D("0"), D("0")),
    "运行": (D("0"), D("0")),
    "接待": (D("1.00"), D("0.08")),
}
PROCUREMENT = {"货物": D("1.43"), "工程": D("0"), "服务": D("1.83")}
VEHICLES_OTHER = 1

# Invented 2021 figures (for 2022's own year-on-year sentences) and 2022 年初预算.
TOTAL_2021 = D("1562.87")
CLASS_2021 = {
    "201": D("745.62"),
    "208": D("61.25"),
    "210": D("15.88"),
    "216": D("702.35"),
    "221": D("37.77"),
}
BUDGET_2022 = {
    "201": D("566.30"),
    "208": D("61.80"),
    "210": D("19.62"),
    "216": D("79.00"),
    "221": D("33.73"),
}
ADMIN_COST_2021 = D("80.17")
SANGONG_2021 = D("0.21")

CLASS_LINE_T01 = {"201": "32", "208": "39", "210": "40", "216": "46", "221": "50"}
CLASS_LINE_T04 = {"201": "33", "208": "40", "210": "41", "216": "47", "221": "51"}


def money(x: Decimal, blank_zero: bool = True) -> str:
    """An amount as printed in the tables: "1,710.18"; zero is a blank cell."""
    if blank_zero and x == 0:
        return ""
    return f"{x:,.2f}"


def pct(part: Decimal, whole: Decimal) -> str:
    return str((part / whole * 100).quantize(D("0.01"), rounding=ROUND_HALF_UP))


def change(now: Decimal, before: Decimal, unit: str = "万元") -> str:
    """ "增加X万元，增长Y%" / "减少X万元，下降Y%" (TXT-YOY consistent)."""
    d = now - before
    verb, trend = ("增加", "增长") if d >= 0 else ("减少", "下降")
    return f"{verb}{money(abs(d), False)}{unit}，{trend}{pct(abs(d), before)}%"


# ---------------------------------------------------------------- tables


def subject_rows(names: dict[str, str]) -> list[tuple[str, str, Decimal, Decimal]]:
    """(code, name, basic, project) for 类, 款 and 项 in print order, summed exactly."""
    rows = []
    for cls in sorted({c[:3] for c in SUBJECTS}):
        leaves = {c: v for c, v in SUBJECTS.items() if c.startswith(cls)}
        rows.append((cls, names[cls], *_sum(leaves.values())))
        for kuan in sorted({c[:5] for c in leaves}):
            sub = {c: v for c, v in leaves.items() if c.startswith(kuan)}
            rows.append((kuan, names[kuan], *_sum(sub.values())))
            rows += [(c, names[c], b, p) for c, (b, p) in sorted(sub.items())]
    return rows


def _sum(pairs: Any) -> tuple[Decimal, Decimal]:
    pairs = list(pairs)
    return sum((b for b, _ in pairs), D(0)), sum((p for _, p in pairs), D(0))


def build_tables(tables: dict[str, Any]) -> dict[str, Any]:
    t = copy.deepcopy(tables)
    names = {r[0]: r[1] for r in tables["T02"]["rows"] if r[0].isdigit()}
    subj = subject_rows(names)
    basic = sum((b for c, _, b, _ in subj if len(c) == 3), D(0))
    project = sum((p for c, _, _, p in subj if len(c) == 3), D(0))
    total = basic + project
    for code, _, b, p in subj:
        if len(code) == 3:
            assert b + p == CLASS_TOTALS[code], (code, b + p)
    assert total == sum(CLASS_TOTALS.values()) == D("10724.43")

    for tbl in t.values():
        tbl["meta"] = [m.replace("2023年度", f"{YEAR}年度") for m in tbl["meta"]]

    t["T02"]["rows"] = [["合计", "<", money(total), money(total), *[""] * 5]] + [
        [c, n, money(b + p), money(b + p), *[""] * 5] for c, n, b, p in subj
    ]
    t["T03"]["rows"] = [["合计", "<", money(total), money(basic), money(project), "", "", ""]] + [
        [c, n, money(b + p), money(b), money(p), "", "", ""] for c, n, b, p in subj
    ]
    t["T05"]["rows"] = [["合计", "<", money(total), money(basic), money(project)]] + [
        [c, n, money(b + p), money(b), money(p)] for c, n, b, p in subj
    ]
    by_class = {c: b + p for c, _, b, p in subj if len(c) == 3}

    t01 = {line: by_class[c] for c, line in CLASS_LINE_T01.items()}
    for row in t["T01"]["rows"]:
        row[2] = money(total) if row[1] in ("1", "27", "31") else ""
        row[5] = money(total) if row[4] in ("58", "62") else money(t01.get(row[4], D(0)))
    t04 = {line: by_class[c] for c, line in CLASS_LINE_T04.items()}
    for row in t["T04"]["rows"]:
        row[2] = money(total) if row[1] in ("1", "27", "32") else ""
        amount = total if row[4] in ("59", "64") else t04.get(row[4], D(0))
        row[5] = row[6] = money(amount)

    # 公开06表: 款 amounts, 类 = Σ 款, 人员经费 = 301 + 303, 公用经费 = the other 类.
    classes: dict[str, Decimal] = {}
    for code, amount in ECONOMIC.items():
        classes[code[:3]] = classes.get(code[:3], D(0)) + amount
    personnel = sum((classes.get(c, D(0)) for c in PERSONNEL_CLASSES), D(0))
    public = sum((v for c, v in classes.items() if c not in PERSONNEL_CLASSES), D(0))
    assert personnel + public == basic, (personnel, public, basic)
    assert public == ADMIN_COST_2022
    amounts = {**ECONOMIC, **classes}
    for row in t["T06"]["rows"][:-1]:
        for c in (0, 3, 6, 9):
            if row[c] and row[c + 2] != "——":
                row[c + 2] = money(amounts.get(row[c], D(0)))
    t["T06"]["rows"][-1][2] = money(personnel)
    t["T06"]["rows"][-1][11] = money(public)

    # 公开09表 now has figures: zero items print 0.00 (the table is not empty this year).
    def sangong(i: int) -> list[str]:
        it = {k: v[i] for k, v in SANGONG.items()}
        car = it["购置"] + it["运行"]
        tot = it["出国"] + car + it["接待"]
        return [money(x, False) for x in (tot, it["出国"], car, it["购置"], it["运行"], it["接待"])]

    t["T09"]["rows"] = [sangong(0) + sangong(1)]
    t["T09"].pop("empty_note", None)
    assert sangong(1)[0] == "0.08"

    stats = {
        "1": sum(PROCUREMENT.values(), D(0)),
        "2": PROCUREMENT["货物"],
        "3": PROCUREMENT["工程"],
        "4": PROCUREMENT["服务"],
        "5": public,
    }
    for row in t["T10"]["rows"]:
        if row[1] in stats:
            row[2] = money(stats[row[1]])
        elif row[1] in ("7", "15"):
            row[2] = str(VEHICLES_OTHER)
    return t


# ---------------------------------------------------------------- narrative


def narrative(t: dict[str, Any]) -> list[dict[str, str]]:
    """第三部分 情况说明 for 2022, every figure computed from the tables above."""
    total = D("10724.43")
    subj = {r[0]: r for r in t["T03"]["rows"]}
    basic = D(subj["合计"][3].replace(",", ""))
    project = D(subj["合计"][4].replace(",", ""))
    eco = {r[c]: r[c + 2] for r in t["T06"]["rows"] for c in (0, 3, 6, 9) if r[c]}
    personnel, public = t["T06"]["rows"][-1][2], t["T06"]["rows"][-1][11]
    tot = money(total, False)
    budget_total = sum(BUDGET_2022.values(), D(0))
    names = {
        "201": "一般公共服务支出",
        "208": "社会保障和就业支出",
        "210": "卫生健康支出",
        "216": "商业服务业等支出",
        "221": "住房保障支出",
    }
    uses = {
        "201": (
            "主要用于人员支出和机关运行支出",
            "主要原因是本年因工资改革追加补发工资，相比上年支出增加",
        ),
        "208": (
            "主要用于在职人员养老保险支出和职业年金支出",
            "主要原因是本年缴费基数调整导致养老保险缴费支出增加",
        ),
        "210": (
            "主要用于在职及退休人员医疗保险支出",
            "主要原因是本年缴费基数调整导致医疗保险缴费支出增加",
        ),
        "216": (
            "主要用于发放市级和省级消费券补贴资金、组织企业参加各类展会等",
            "主要原因是本年新增市级和省级消费券补贴资金支出",
        ),
        "221": (
            "主要用于在职人员住房公积金支出",
            "主要原因是本年缴费基数调整导致住房公积金缴费支出增加",
        ),
    }
    sg_budget = sum((v[0] for v in SANGONG.values()), D(0))
    sg_final = sum((v[1] for v in SANGONG.values()), D(0))
    reason = "主要原因是本年新增市级和省级消费券补贴资金等项目经费，相应收支增加。"
    proc = sum(PROCUREMENT.values(), D(0))
    b: list[dict[str, str]] = [
        {"h1": "第三部分 情况说明"},
        {"h2": "一、收入支出决算总体情况说明"},
        {
            "p": f"{YEAR}年度收入总计{tot}万元，支出总计{tot}万元。与上年相比，收入总计"
            f"{change(total, TOTAL_2021)}，支出总计{change(total, TOTAL_2021)}。{reason}"
        },
        {"h2": "二、收入决算情况说明"},
        {"p": f"{YEAR}年度收入合计{tot}万元，其中："},
        {"p": f"财政拨款收入{tot}万元，占比100.00%；"},
        {"p": "上级补助收入0万元，占比0%；"},
        {"p": "事业收入0万元，占比0%；"},
        {"p": "经营收入0万元，占比0%；"},
        {"p": "附属单位上缴收入0万元，占比0%；"},
        {"p": "其他收入0万元，占比0%。"},
        {"h2": "三、支出决算情况说明"},
        {"p": f"{YEAR}年度支出合计{tot}万元，其中："},
        {"p": f"基本支出{money(basic)}万元，占比{pct(basic, total)}%；"},
        {"p": f"项目支出{money(project)}万元，占比{pct(project, total)}%；"},
        {"p": "上缴上级支出0万元，占比0%；"},
        {"p": "经营支出0万元，占比0%；"},
        {"p": "对附属单位补助支出0万元，占比0%。"},
        {"h2": "四、财政拨款收支决算总体情况说明"},
        {
            "p": f"{YEAR}年度财政拨款收入总计{tot}万元，支出总计{tot}万元。与上年相比，财政拨款收入"
            f"总计{change(total, TOTAL_2021)}；财政拨款支出总计{change(total, TOTAL_2021)}。"
            f"{reason}"
        },
        {"h2": "五、一般公共预算财政拨款支出决算情况说明"},
        {"h3": "（一）一般公共预算财政拨款支出决算总体情况"},
        {
            "p": f"{YEAR}年一般公共预算财政拨款决算支出{tot}万元，占本年支出合计的100.00%。与上年"
            f"相比，一般公共预算财政拨款支出{change(total, TOTAL_2021)}。主要原因是本年新增市级"
            "和省级消费券补贴资金等项目经费，相应支出增加。"
        },
        {"h3": "（二）一般公共预算财政拨款支出决算结构情况"},
        {"p": f"{YEAR}年度一般公共预算财政拨款支出{tot}万元，主要用于以下方面："},
    ]
    codes = list(names)
    for i, c in enumerate(codes):
        end = "。" if i == len(codes) - 1 else "；"
        b.append(
            {
                "p": f"{names[c]}(类){money(CLASS_TOTALS[c])}万元，"
                f"占比{pct(CLASS_TOTALS[c], total)}%{end}"
            }
        )
    b += [
        {"h3": "（三）一般公共预算财政拨款支出决算具体情况"},
        {
            "p": f"{YEAR}年度一般公共预算财政拨款支出年初预算{money(budget_total)}"
            f"万元，支出决算{tot}"
            f"万元，完成年初预算的{pct(total, budget_total)}%。其中："
        },
    ]
    for i, c in enumerate(codes, start=1):
        now, bud = CLASS_TOTALS[c], BUDGET_2022[c]
        use, why = uses[c]
        b.append(
            {
                "p": f"{i}、{names[c]}年初预算{money(bud)}万元，支出决算{money(now)}万元，完成年初"
                f"预算的{pct(now, bud)}%，{use}。较2021年决算{change(now, CLASS_2021[c])}，"
                f"{why}。"
            }
        )
    b += [
        {"h2": "六、一般公共预算财政拨款基本支出决算情况说明"},
        {"p": f"{YEAR}年度财政拨款基本支出{money(basic)}万元，其中："},
        {
            "p": f"人员经费{personnel}万元，主要包括工资福利"
            f"支出{eco['301']}万元，对个人和家庭的补助"
            f"{eco['303']}万元；"
        },
        {
            "p": f"公用经费{public}万元，主要包括商品和服务支出{eco['302']}万元，资本性支出"
            f"{eco['310']}万元。"
        },
        {"h2": "七、政府性基金预算财政拨款收支决算情况说明"},
        {"p": "本年度无此项支出。"},
        {"h2": "八、国有资本经营预算财政拨款支出决算情况说明"},
        {"p": "本年度无此项支出。"},
        {"h2": "九、财政拨款“三公”经费支出决算情况说明"},
        {"h3": "（一）“三公”经费财政拨款支出决算总体情况说明"},
        {
            "p": f"{YEAR}年度“三公”经费财政拨款支出全年预算{money(sg_budget)}万元，支出决算"
            f"{money(sg_final)}万元，完成全年预算的{pct(sg_final, sg_budget)}%，比上年度"
            f"{change(sg_final, SANGONG_2021)}，主要原因是：厉行节约，严格控制公务接待规模和"
            "标准。其中："
        },
        {
            "p": "因公出国（境）费支出0万元，完成全年预算的0%，与上年相同，主要原因是：本单位无因公"
            "出国（境）支出；"
        },
        {
            "p": "公务用车购置费支出0万元，完成全年预算的0"
            "%，与上年相同，主要原因是：本单位无公务用车"
            "购置支出；"
        },
        {
            "p": "公务用车运行维护费支出0万元，完成全年预算"
            "的0%，与上年相同，主要原因是：本单位无公务"
            "用车运行维护支出；"
        },
        {
            "p": f"公务接待费支出{money(sg_final)}万元，完成全年"
            f"预算的{pct(sg_final, sg_budget)}%，比"
            f"上年度{change(sg_final, SANGONG_2021)}，主要原因是：厉行节约，严格控制公务接待规模和"
            "标准。"
        },
        {"h3": "（二）“三公”经费财政拨款支出决算具体情况说明"},
        {
            "p": "1、因公出国（境）费支出0万元，出国团组共0"
            "个，0人次。主要用于：本单位无因公出国（境）"
            "支出。"
        },
        {
            "p": "2、公务用车购置支出0万元，使用财政拨款共购置公务用车0辆，主要用于本单位无公务用车"
            "购置支出。"
        },
        {
            "p": "3、公务用车运行维护费支出0万元，使用财政"
            "拨款负担的公务用车保有量共0辆车，主要用于："
            "本单位无公务用车运行维护支出。"
        },
        {
            "p": f"4、公务接待费支出{money(sg_final)}万元，共接待2批次，16人次。国内接待费"
            f"{money(sg_final)}万元，共接待2批次，16人次，其中外事接待费0万元，共接待0批次，0人次，"
            "主要是接待省商务厅来阳督导消费券发放工作；国（境）外接待费0万元，共接待国（境）外0"
            "批次，0人次，主要是无。"
        },
        {"h2": "十、其他重要事项情况说明"},
        {"h3": "（一）机关运行经费支出情况说明"},
        {
            "p": f"{YEAR}年机关运行经费支出{public}万元，比2021年"
            f"{change(ADMIN_COST_2022, ADMIN_COST_2021)}，主要原因是办公楼取暖费上涨。"
        },
        {"h3": "（二）政府采购情况说明"},
        {
            "p": f"{YEAR}年度政府采购支出总额{money(proc)}万元，其中：政府采购货物支出"
            f"{money(PROCUREMENT['货物'])}万元、政府采购工程支出0万元、政府采购服务支出"
            f"{money(PROCUREMENT['服务'])}万元。政府采购授予中小企业合同金额{money(proc)}万元，"
            f"占政府采购支出总额的100.00%。其中：授予小微企业合同金额{money(proc)}万元，占政府"
            "采购支出总额的100.00%。"
        },
        {"h3": "（三）国有资产占用情况说明"},
        {
            "p": f"截至{YEAR}年12月31日，本部门（单位）"
            "共有车辆1辆。其中：副部（省）级及以上领导用车"
            "0辆、主要负责人用车0辆、机要通信用车0辆、应急保障用车0辆、执法执勤用车0辆、特种专业"
            "技术用车0辆、离退休干部服务用车0辆，其他用车1辆，其他用车主要是无法处置的以前年度"
            "车辆；单价100万元（含）以上设备（不含车辆）0台（套）。"
        },
        {"h3": "（四）预算绩效情况说明"},
        {"h4": "1、预算绩效管理工作开展情况"},
        {
            "p": f"对{YEAR}年的项目绩效自评个数{len(FORMS)}个，涉及资金{perf_total()}万元："
            f"{len(FORMS)}个项目自评等级为“优”。"
        },
        {"p": "附件：项目绩效自评表"},
        {"h4": "2、其他需要说明的事项"},
        {"p": "无。"},
    ]
    return b


# ---------------------------------------------------------------- performance forms


def _form(
    name: str,
    lead: str,
    phone: str,
    period: str,
    date: str,
    funds: tuple[str, str, str, str, str, str],
    goals: tuple[str, str],
    rate: str,
    indicators: list[list[str]],
    total: str,
    remarks: tuple[str, str, str],
    reviewers: list[list[str]],
) -> dict[str, Any]:
    """A 项目支出绩效自评表 in the 2023 document's dominant (full-width) style."""
    b, bc, a, ac, e, ec = funds  # total / 中央省 for 预算, 到位, 执行 (市 = total - 中央省)

    def city(x: str, y: str) -> str:
        return str(D(x) - D(y or "0")) if x else ""

    return {
        "title": "阳泉市项目支出绩效自评表",
        "unit_line": f"单位（盖章）：{DEPT}",
        "date_line": f"填报日期：{date}",
        "info": [
            ["项目名称", name],
            ["项目负责人", lead, "联系电话", phone],
            ["主管部门", DEPT, "实施单位", DEPT],
            ["项目起止时间", period, "绩效自评评价年度", f"{YEAR}年"],
        ],
        "funds": [
            ["项目预算金额（万元）", b, "实际到位金额（万元）", a, "实际执行金额（万元）", e],
            ["其中：中央、省财政", bc, "其中：中央、省财政", ac, "其中：中央、省财政", ec],
            ["市财政", city(b, bc), "市财政", city(a, ac), "市财政", city(e, ec)],
            ["县（区）财政", "", "县（区）财政", "", "县（区）财政", ""],
            ["其它", "", "其它", "", "其它", ""],
        ],
        "goals": {
            "label": "项目预期绩效目标",
            "rows": [["项目提供的公共产品和服务的数量", goals[0]], ["项目效果", goals[1]]],
        },
        "execution": ["项目执行情况（10分）", rate],
        "self_eval_label": "绩效目标自评情况",
        "indicators": {
            "group_label": "绩效指标",
            "header": [
                "一级指标",
                "二级指标",
                "三级指标",
                "年度指标值",
                "全年完成值",
                "未完成原因和改进措施",
                "自评得分",
            ],
            "rows": indicators,
        },
        "total": ["总分", total],
        "scoring_note": "总分设置为100分：预算执行率10分、产出"
        "指标50分、效益指标30分、服务对象满意度"
        "指标10分，等级一般划分为四档：100-90（含）分为优、90-80（含）分为良、80-60（含）"
        "分为中、60分以下为差。",
        "remarks": [
            ["自评结论及结果分析", remarks[0]],
            ["主要经验做法", remarks[1]],
            ["存在问题与整改措施", remarks[2]],
        ],
        "reviewers": {
            "label": "评价人员",
            "rows": [["", "姓名", "职称/职务", "工作单位", "签字"], *reviewers],
        },
    }


U = "^"
FORMS: list[dict[str, Any]] = [
    _form(
        "2022年市级和省级消费券补贴资金",
        "侯瑞波",
        "0353-2296696",
        "2022.5.1-2022.12.31",
        "2023年4月6日",
        ("9760.00", "5000.00", "9760.00", "5000.00", "9712.50", "5000.00"),
        (
            "分两期发放市级和省级数字消费券及汽车消费补贴，带动全市消费。",
            "释放居民消费潜力，助力商贸市场主体纾困发展，促进消费市场回暖。",
        ),
        "预算执行率为99.51%",
        [
            [
                "产出指标（50分）",
                "数量指标",
                "指标1",
                "消费券及汽车消费补贴发放金额",
                "≥9700万元",
                "9712.50万元",
                "",
                "50",
            ],
            [U, U, "指标2", "参与活动商户数", "≥1000家", "1326家", "", U],
            [U, "质量指标", "指标1", "合规核销消费补贴兑付率", "100%", "100%", "", U],
            [U, "时效指标", "指标1", "活动完成时间", "2022年12月31日前", "2022年12月31日", "", U],
            [U, "成本指标", "指标1", "汽车消费补贴标准", "1000-7000元/辆", "1000-7000元/辆", "", U],
            [
                "效益指标（30分）",
                "经济效益指标",
                "指标1",
                "直接带动消费",
                "≥3亿元",
                "4.12亿元",
                "",
                "30",
            ],
            [U, "社会效益指标", "指标1", "助力商贸市场主体纾困发展", "有效助力", "有效助力", "", U],
            [
                "满意度指标（10分）",
                "服务对象满意度指标",
                "指标1",
                "参与商户及消费者满意度",
                "≥90%",
                "95%",
                "",
                "10",
            ],
        ],
        "99.95",
        (
            "该项目严格按照省、市消费券发放活动实施方案进行立项，分两期组织发放市级和省级数字消费券"
            "及汽车消费补贴，累计投放9712.50万元，预算执"
            "行率99.51%，专款专用，合规核销消费补贴兑付率"
            "100%，直接带动消费4.12亿元，参与商户及消费者满意度达到95%。自评结论为：优秀。",
            "组建工作专班，联合财政、审计等部门全程监管资"
            "金拨付和核销，确保消费券发得下去、花得出去。",
            "部分商户参与活动积极性不高。下一步将加强政策宣传，扩大参与商户范围，进一步提高资金使用"
            "效益。",
        ),
        [
            ["组长", "刘广顺", "副局长", DEPT, ""],
            ["成员", "侯瑞波", "科长", DEPT, ""],
            [U, "冯引华", "三级主任科员", DEPT, ""],
        ],
    ),
    _form(
        "2022年内外贸发展-展会及会议经费",
        "吴艳丽",
        "0353-2296667",
        "2022.1.1-2022.12.31",
        "2023年4月3日",
        ("30", "", "30", "", "28.46", ""),
        (
            "参加培训1次以上，参加各类展会5次以上。",
            "组织本市企业参加广交会、进博会等国内外展会及会议，提高本土品牌知名度。",
        ),
        "预算执行率为94.87%",
        [
            ["产出指标（50分）", "数量指标", "指标1", "参加各类展会次数", "≥5次", "7次", "", "50"],
            [U, U, "指标2", "参加培训次数", "≥1次", "1次", "", U],
            [U, "时效指标", "指标1", "参加展会时间", "按计划准时参加", "按计划准时参加", "", U],
            [U, "成本指标", "指标1", "差旅费补助标准", "≤180元/人*天", "≤180元/人*天", "", U],
            [
                "效益指标（30分）",
                "经济效益指标",
                "指标1",
                "促进参展企业增收",
                "促进",
                "促进",
                "",
                "30",
            ],
            [
                U,
                "社会效益指标",
                "指标1",
                "提高本土品牌知名度和影响力",
                "有效提高",
                "有效提高",
                "",
                U,
            ],
            [
                "满意度指标（10分）",
                "服务对象满意度指标",
                "指标1",
                "参展企业满意度",
                "≥80%",
                "92%",
                "",
                "10",
            ],
        ],
        "99分",
        (
            "本项目自评等级为优。全年组织企业参加广交会、进博会、消博会等展会7次，各类展会现场成交"
            "5216.8万元，预算执行率94.87%，参展企业满意度92%。",
            "深入重点外贸企业开展入企服务，宣讲外贸扶持政策，积极搭建开放窗口。",
            "受疫情影响部分线下展会延期或改为线上举办。"
            "下一步将加强展会宣传，支持企业开拓国际市场。",
        ),
        [
            ["组长", "刘振华", "二级调研员", DEPT, ""],
            ["成员", "吴艳丽", "科长", DEPT, ""],
            [U, "张艺涵", "科员", DEPT, ""],
        ],
    ),
    _form(
        "精准扶贫干部驻村工作经费和生活补贴",
        "吕军臣",
        "18203531078",
        "2022年1月1日-12月31日",
        "2023年4月1日",
        ("5.5", "", "5.5", "", "5.50", ""),
        (
            "对驻村工作队给予0.5万元工作经费，1名驻村第一书记1名队员分别给予生活补助2.5万元。",
            "圆满完成各项工作，有力推动乡村振兴工作。",
        ),
        "预算执行率为100%",
        [
            ["产出指标（50分）", "数量指标", "指标1", "补贴发放人数", "2人", "2人", "", "50"],
            [U, "质量指标", "指标1", "完成市县区扶贫工作", "圆满完成", "圆满完成", "", U],
            [
                U,
                "时效指标",
                "指标1",
                "实施时间",
                "2022年1月1日-12月31日",
                "2022年1月1日-12月31日",
                "",
                U,
            ],
            [
                "效益指标（30分）",
                "社会效益指标",
                "指标1",
                "巩固脱贫成果，推动乡村振兴",
                "有效促进",
                "成绩显著",
                "",
                "30",
            ],
            [
                "满意度指标（10分）",
                "服务对象满意度指标",
                "指标1",
                "群众满意度",
                "≥90%",
                "≥90%",
                "",
                "10",
            ],
        ],
        "100",
        (
            "本项目自评等级为优秀。驻村工作队协助村集体"
            "发展蛋鸡养殖项目二期，带动脱贫人口稳定增收。",
            "以党建为抓手，加强基层党组织建设带动产业、生态、组织振兴。",
            "继续加强基层党组织建设，确保脱贫人口增收。",
        ),
        [["组长", "程建军", "副局长", DEPT, ""], ["成员", "吕军臣", "副科", DEPT, ""]],
    ),
    _form(
        "法律顾问聘请费用",
        "郑亮",
        "0353-2296623",
        "2022年8月1日-2023年7月31日",
        "2023年4月1日",
        ("1.00", "", "1.00", "", "1.00", ""),
        (
            "2022年，我单位聘请专业法律顾问1名，为单位日常事务提供法律援助。",
            "提高依法行政、依法管理的能力水平，为工作开展提供法治保障。",
        ),
        "预算执行率为100%",
        [
            ["产出指标（50分）", "数量指标", "指标1", "聘请法律顾问人数", "1人", "1人", "", "50"],
            [U, "质量指标", "指标1", "涉法问题办结率", "100%", "100%", "", U],
            [U, "成本指标", "指标1", "聘请费用标准", "1万元/年", "1万元/年", "", U],
            [
                "效益指标（30分）",
                "社会效益指标",
                "指标1",
                "提高依法行政能力水平",
                "有效提高",
                "有效提高",
                "",
                "30",
            ],
            [
                "满意度指标（10分）",
                "服务对象满意度指标",
                "指标1",
                "单位满意度",
                "100%",
                "100%",
                "",
                "10",
            ],
        ],
        "100",
        (
            "2022年度聘请法律顾问1名，专款专用，涉法问题办结率100%，满意度达到100%。自评等级为优。",
            "签署“聘请法律顾问合同”，双方共同遵照执行。",
            "无",
        ),
        [["组长", "程建军", "副局长", DEPT, ""], ["成员", "郑亮", "办公室主任", DEPT, ""]],
    ),
]


def perf_total() -> str:
    """Σ 实际执行金额 of the forms, as the narrative prints it (TXT-PERF-COUNT)."""
    return str(sum((D(f["funds"][0][5]) for f in FORMS), D(0)))


# ---------------------------------------------------------------- document


def build() -> dict[str, Any]:
    tpl = load_spec(TEMPLATE)
    spec = copy.deepcopy(tpl)
    spec["document"].update(
        {
            "fiscal_year": YEAR,
            "pdf_title": f"{DEPT}{YEAR}年度单位决算公开",
            "pdf_subject": f"{YEAR}年度单位决算公开",
        }
    )
    spec["cover"] = [DEPT, f"{YEAR}年度单位决算公开"]
    tables = build_tables(tpl["tables"])
    spec["tables"] = tables
    spec["forms"] = FORMS

    part2 = next(i for i, b in enumerate(tpl["body"]) if b.get("h1", "").startswith("第二部分"))
    part3 = next(i for i, b in enumerate(tpl["body"]) if b.get("h1", "").startswith("第三部分"))
    part4 = next(i for i, b in enumerate(tpl["body"]) if b.get("h1", "").startswith("第四部分"))
    body = copy.deepcopy(tpl["body"][:part2])  # 概况: same department, same duties
    body.append({"h1": f"第二部分 {YEAR}年部门决算表"})
    body += [b for b in tpl["body"][part2 + 1 : part3] if "table" in b or "page_break" in b]
    body += narrative(tables)
    body.append({"page_break": "portrait"})
    glossary_end = next(i for i, b in enumerate(tpl["body"]) if "form" in b)
    body += copy.deepcopy(tpl["body"][part4:glossary_end])
    body += [{"form": 1, "new_page": False}] + [{"form": n} for n in range(2, len(FORMS) + 1)]
    spec["body"] = body
    spec["toc"]["entries"] = [
        [lvl, text.replace("2023年", f"{YEAR}年"), page]
        for lvl, text, page in tpl["toc"]["entries"]
    ]
    # 目录 page numbers: where the headings and tables land in this document.
    number_toc(spec)
    return spec


def main() -> int:
    """Write the 2022 spec next to the 2023 one."""
    spec = build()
    header = (
        f"# {DEPT} {YEAR}年度单位决算公开 — CONSTRUCTED sample (not a published document).\n"
        "# Built by scripts/samples/make_yangquan_2022.py: the figures the 2023 narrative states\n"
        "# about 2022 are exact, the rest is invented (see samples/README.md).\n"
    )
    OUT.write_text(header + dump_spec(spec), encoding="utf-8")
    print(OUT)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
