"""Build ``samples/specs/yangquan-commerce-2023-budget.yaml``: the department's 2023 部门预算公开.

Why: the extractor is learning to read budget (部门预算) disclosures, and the cross-document
checks need a budget whose 年初预算 figures are the ones the same department's 2023 决算
narrative states. No 2023 budget text of 阳泉市商务局 is at hand, so the budget is *constructed*:
every figure the 2023 决算 states about the 2023 budget is honoured exactly, everything else is
invented, and the whole is built here from a few numbers so that every table is consistent by
construction (asserted below). ``samples/README.md`` lists which figures are which.

From the 2023 决算 (``yangquan-commerce-2023.yaml``, 第三部分 五（三） and 九): 一般公共预算
财政拨款支出年初预算 733.98 = 201 550.16 + 208 65.99 + 210 21.24 + 216 59 + 221 37.59; “三公”
经费全年预算 0 (年初财政未批复三公经费预算); no 政府性基金 or 国有资本经营预算 (本年度无此项
支出). Subject (项) and economic (款) codes and names are the 决算's own. The comparison with
2022 uses the constructed 2022 决算's 年初预算 (760.45) and 三公 预算 (1.00).

Run (after changing the numbers below)::

    uv run scripts/samples/make_yangquan_2023_budget.py

It takes the 2023 决算 spec for names and the 概况 text, renders once to find where headings and
tables land, writes the 目录 page numbers, and writes the YAML.
"""

from __future__ import annotations

import copy
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from check_roundtrip import number_toc
from derive_yangquan_2023 import dump_spec

from samples.render import SPECS_DIR, load_spec

D = Decimal
YEAR = 2023
DEPT = "阳泉市商务局"
PREFIX = f"{DEPT}{YEAR}年"  # printed before every table title, as Shanxi budgets do
OUT = SPECS_DIR / "yangquan-commerce-2023-budget.yaml"
FINAL = SPECS_DIR / "yangquan-commerce-2023.yaml"  # the 决算: names, 概况, the stated budget

# ---------------------------------------------------------------- stated by the 2023 决算
CLASS_BUDGET = {  # 类 -> 年初预算 (第三部分 五（三）)
    "201": D("550.16"),
    "208": D("65.99"),
    "210": D("21.24"),
    "216": D("59.00"),
    "221": D("37.59"),
}
BUDGET_TOTAL = D("733.98")  # 一般公共预算财政拨款支出年初预算
SANGONG_BUDGET = D("0")  # “三公”经费全年预算0万元: 年初财政未批复三公经费预算

# ---------------------------------------------------------------- from the constructed 2022 spec
BUDGET_2022 = D("760.45")  # 2022 年初预算 (make_yangquan_2022.BUDGET_2022, Σ)
CLASS_BUDGET_2022 = {
    "201": D("566.30"),
    "208": D("61.80"),
    "210": D("19.62"),
    "216": D("79.00"),
    "221": D("33.73"),
}
SANGONG_BUDGET_2022 = D("1.00")  # 2022 公开09表 预算数

# ---------------------------------------------------------------- invented detail
# Projects (项目支出): (name, 项 code, amount). Names and amounts of all but one are the
# 2023 决算's 绩效自评表 (项目预算金额); which of them were in the 年初预算 is invented, and so
# is the one marked. Each 项's 项目支出 is the sum of its projects.
PROJECTS: list[tuple[str, str, Decimal]] = [
    ("精准扶贫干部驻村工作经费和生活补贴", "2011399", D("5.50")),
    ("法律顾问聘请费用", "2011399", D("1.00")),
    ("公平竞争审查工作聘请第三方评估费用", "2011399", D("2.00")),
    ("2023年项目评审工作经费", "2011399", D("2.00")),
    ("更新会议室视频及音响设备经费", "2011399", D("3.00")),
    ("内贸流通统计监测工作经费", "2160299", D("8.00")),
    ("2023年促消费活动组织工作经费", "2160299", D("5.66")),  # invented project
    ("2023年内外贸发展-展会及会议经费", "2160699", D("30.00")),
    ("2023年小微企业出口信用保险保费市级财政补助", "2160699", D("8.16")),
    ("阳泉市开发区建设领导小组办公室工作经费", "2169999", D("3.00")),
    ("选派干部赴安徽合肥跟班学习经费", "2169999", D("4.18")),
]
# 基本支出 per 项; 行政运行 (2011301) is what remains of 201 after the rest, so 类 totals hold.
BASIC: dict[str, Decimal] = {
    "2013299": D("0.90"),  # 其他组织事务支出 (党建)
    "2080505": D("38.52"),  # 基本养老保险缴费 = 30108
    "2080506": D("27.47"),  # 职业年金缴费 = 30109
    "2101101": D("21.24"),  # 行政单位医疗 = 30110
    "2210201": D("37.59"),  # 住房公积金 = 30113
}
# The social-insurance 项 are paid as these economic 款: the two views must agree.
SOCIAL = {"2080505": "30108", "2080506": "30109", "2101101": "30110", "2210201": "30113"}
# 一般公共预算基本支出 by economic class, 款 level; 30199 is what remains, so Σ = 基本支出.
ECONOMIC: dict[str, Decimal] = {
    "30101": D("128.40"),
    "30102": D("122.60"),
    "30103": D("31.20"),
    "30108": D("38.52"),
    "30109": D("27.47"),
    "30110": D("21.24"),
    "30112": D("0.50"),
    "30113": D("37.59"),
    "30201": D("6.50"),
    "30202": D("0.30"),
    "30205": D("0.80"),
    "30207": D("1.50"),
    "30211": D("5.50"),
    "30213": D("0.50"),
    "30215": D("1.60"),
    "30216": D("0.50"),
    "30226": D("2.70"),
    "30228": D("4.60"),
    "30229": D("7.00"),
    "30239": D("18.00"),
    "30299": D("3.30"),
    "30301": D("38.50"),
    "30302": D("146.20"),
    "30304": D("3.39"),
    "30309": D("0.06"),
}
REMAINDER_ECONOMIC = "30199"  # 其他工资福利支出
PERSONNEL_CLASSES = ("301", "303")  # 人员经费; 302 商品和服务支出 = 公用经费 = 机关运行经费
# 政府采购预算: (项目名称, 采购品目, 采购类别, amount); 类别 货物/工程/服务.
PROCUREMENT: list[tuple[str, str, str, Decimal]] = [
    ("日常公用经费（办公费）", "复印纸", "货物", D("1.20")),
    ("更新会议室视频及音响设备经费", "视频会议系统及会议室音频系统", "货物", D("3.00")),
    ("法律顾问聘请费用", "法律咨询服务", "服务", D("1.00")),
    ("公平竞争审查工作聘请第三方评估费用", "评估服务", "服务", D("2.00")),
]
VEHICLES = 1  # 截至2022年底, 其他用车 (the 决算 and the 2022 sample say 1)

CLASS_NAMES = {
    "201": "一般公共服务支出",
    "208": "社会保障和就业支出",
    "210": "卫生健康支出",
    "216": "商业服务业等支出",
    "221": "住房保障支出",
}
CLASS_USE = {
    "201": "主要用于机关人员经费、日常公用经费及商贸事务类项目支出",
    "208": "主要用于在职人员基本养老保险和职业年金缴费",
    "210": "主要用于在职人员基本医疗保险缴费",
    "216": "主要用于组织企业参加各类展会、出口信用保险保费补助、内贸流通统计监测等",
    "221": "主要用于在职人员住房公积金缴费",
}


def money(x: Decimal, blank_zero: bool = True) -> str:
    """An amount as printed in the tables: "1,710.18"; zero is a blank cell."""
    if blank_zero and x == 0:
        return ""
    return f"{x:,.2f}"


def pct(part: Decimal, whole: Decimal) -> str:
    return str((part / whole * 100).quantize(D("0.01"), rounding=ROUND_HALF_UP))


def change(now: Decimal, before: Decimal) -> str:
    """ "增加X万元，增长Y%" / "减少X万元，下降Y%" / "与上年持平"."""
    d = now - before
    if d == 0:
        return "与上年持平"
    verb, trend = ("增加", "增长") if d > 0 else ("减少", "下降")
    return f"{verb}{money(abs(d), False)}万元，{trend}{pct(abs(d), before)}%"


# ---------------------------------------------------------------- figures


def leaves() -> dict[str, tuple[Decimal, Decimal]]:
    """项 code -> (basic, project), with 行政运行 the remainder of 201."""
    project: dict[str, Decimal] = {}
    for _, code, amount in PROJECTS:
        project[code] = project.get(code, D(0)) + amount
    codes = sorted({*BASIC, *project, "2011301"})
    out = {c: (BASIC.get(c, D(0)), project.get(c, D(0))) for c in codes}
    rest = CLASS_BUDGET["201"] - sum((b + p for c, (b, p) in out.items() if c[:3] == "201"), D(0))
    out["2011301"] = (rest, D(0))  # 行政运行: basic only
    for cls, budget in CLASS_BUDGET.items():
        assert sum((b + p for c, (b, p) in out.items() if c[:3] == cls), D(0)) == budget, cls
    assert sum(CLASS_BUDGET.values(), D(0)) == BUDGET_TOTAL
    return out


def subject_rows(names: dict[str, str]) -> list[tuple[str, str, Decimal, Decimal]]:
    """(code, name, basic, project) for 类, 款 and 项 in print order, summed exactly."""
    lv = leaves()
    rows = []
    for cls in sorted({c[:3] for c in lv}):
        in_cls = {c: v for c, v in lv.items() if c.startswith(cls)}
        rows.append((cls, names[cls], *_sum(in_cls.values())))
        for kuan in sorted({c[:5] for c in in_cls}):
            sub = {c: v for c, v in in_cls.items() if c.startswith(kuan)}
            rows.append((kuan, names[kuan], *_sum(sub.values())))
            rows += [(c, names[c], b, p) for c, (b, p) in sorted(sub.items())]
    return rows


def _sum(pairs: Any) -> tuple[Decimal, Decimal]:
    pairs = list(pairs)
    return sum((b for b, _ in pairs), D(0)), sum((p for _, p in pairs), D(0))


def economic() -> dict[str, Decimal]:
    """款 code -> amount, with 其他工资福利支出 the remainder so that Σ = 基本支出."""
    lv = leaves()
    basic = sum((b for b, _ in lv.values()), D(0))
    eco = dict(ECONOMIC)
    eco[REMAINDER_ECONOMIC] = basic - sum(eco.values(), D(0))
    assert eco[REMAINDER_ECONOMIC] > 0
    for leaf, kuan in SOCIAL.items():
        assert eco[kuan] == lv[leaf][0], (leaf, kuan)
    return dict(sorted(eco.items()))


# ---------------------------------------------------------------- tables


def _table(label: int, title: str, **kw: Any) -> dict[str, Any]:
    t = {
        "label": f"公开{label:02d}表",
        "title": PREFIX + title,
        "meta": [f"部门名称：{DEPT}", f"{YEAR}年", "金额单位：万元"],
        "orientation": "portrait",
        "font_size": 9,
        "cell_padding": 3,
    }
    t.update(kw)
    t.setdefault("page_breaks", [])
    return t


def build_tables(final: dict[str, Any]) -> dict[str, Any]:
    names = {r[0]: r[1] for r in final["tables"]["T05"]["rows"] if r[0].isdigit()}
    eco_names = {
        r[c]: r[c + 1]
        for r in final["tables"]["T06"]["rows"]
        for c in (0, 3, 6, 9)
        if r[c].isdigit()
    }
    class_lines = [r[3] for r in final["tables"]["T01"]["rows"][:26]]  # 一、一般公共服务支出 …
    subj = subject_rows(names)
    by_class = {c: b + p for c, _, b, p in subj if len(c) == 3}
    basic = sum((b for c, _, b, _ in subj if len(c) == 3), D(0))
    project = sum((p for c, _, _, p in subj if len(c) == 3), D(0))
    total = basic + project
    assert total == BUDGET_TOTAL and by_class == CLASS_BUDGET
    tot = money(total)
    t: dict[str, Any] = {}

    # 公开01表 收支预算总表: two-sided, every 类 line printed, only ours with amounts.
    income = [
        ("一、一般公共预算拨款收入", total),
        ("二、政府性基金预算拨款收入", D(0)),
        ("三、国有资本经营预算拨款收入", D(0)),
        ("四、财政专户管理资金收入", D(0)),
        ("五、事业收入", D(0)),
        ("六、上级补助收入", D(0)),
        ("七、附属单位上缴收入", D(0)),
        ("八、事业单位经营收入", D(0)),
        ("九、其他收入", D(0)),
    ]
    line_amount = {line: by_class.get(_class_of(line, names), D(0)) for line in class_lines}
    assert sum(line_amount.values(), D(0)) == total
    rows01 = []
    for i, line in enumerate(class_lines):
        left = income[i] if i < len(income) else ("", D(0))
        rows01.append([left[0], money(left[1]), line, money(line_amount[line])])
    rows01 += [
        ["本年收入合计", tot, "本年支出合计", tot],
        ["上年结转结余", "", "年末结转结余", ""],
        ["收入总计", tot, "支出总计", tot],
    ]
    t["T01"] = _table(
        1,
        "收支预算总表",
        col_widths=[36, 14, 36, 14],
        align=["L", "R", "L", "R"],
        header=[["收入", "<", "支出", "<"], ["项目", "预算数", "项目", "预算数"]],
        rows=rows01,
        notes=["注：本表反映部门本年度收支预算总体情况。"],
    )

    # 公开02表 收入预算表: by subject and source; all of it 一般公共预算拨款.
    t["T02"] = _table(
        2,
        "收入预算表",
        orientation="landscape",
        font_size=8.5,
        col_widths=[11, 34, 12, 12, 12, 12, 12, 10, 10, 10, 10],
        align=["L", "L", "R", "R", "R", "R", "R", "R", "R", "R", "R"],
        header=[
            [
                "科目",
                "<",
                "合计",
                "财政拨款收入",
                "<",
                "<",
                "财政专户管理资金收入",
                "事业收入",
                "上级补助收入",
                "附属单位上缴收入",
                "其他收入",
            ],
            ["科目编码", "科目名称", "^", "一般公共预算", "政府性基金预算", "国有资本经营预算"]
            + ["^"] * 5,
        ],
        rows=[["合计", "<", tot, tot, *[""] * 7]]
        + [[c, n, money(b + p), money(b + p), *[""] * 7] for c, n, b, p in subj],
        notes=["注：本表反映部门本年度各项收入预算情况。"],
    )

    def by_subject(c: str, n: str, b: Decimal, p: Decimal) -> list[str]:
        return [c, n, money(b + p), money(b), money(p)]

    subject_body = [["合计", "<", tot, money(basic), money(project)]] + [
        by_subject(*r) for r in subj
    ]
    t["T03"] = _table(
        3,
        "支出预算表",
        col_widths=[14, 40, 16, 16, 16],
        align=["L", "L", "R", "R", "R"],
        header=[
            ["科目", "<", "合计", "基本支出", "项目支出"],
            ["科目编码", "科目名称", "^", "^", "^"],
        ],
        rows=copy.deepcopy(subject_body),
        notes=["注：本表反映部门本年度各项支出预算情况。"],
    )

    # 公开04表 财政拨款收支预算总表: only our 类 on the expenditure side (as many budgets do).
    rows04 = []
    income04 = ["一、一般公共预算拨款", "二、政府性基金预算拨款", "三、国有资本经营预算拨款"]
    ours = [line for line in class_lines if line_amount[line]]
    for i in range(max(len(income04), len(ours))):
        left = income04[i] if i < len(income04) else ""
        left_amount = tot if i == 0 else ""
        if i < len(ours):
            a = money(line_amount[ours[i]])
            # renumbered 一、二、… within the shorter list
            right = [_renumber(i + 1, ours[i]), a, a, "", ""]
        else:
            right = ["", "", "", "", ""]
        rows04.append([left, left_amount, *right])
    rows04 += [
        ["本年收入合计", tot, "本年支出合计", tot, tot, "", ""],
        ["上年结转", "", "年末结转", "", "", "", ""],
        ["收入总计", tot, "支出总计", tot, tot, "", ""],
    ]
    t["T04"] = _table(
        4,
        "财政拨款收支预算总表",
        font_size=8.5,
        col_widths=[28, 12, 28, 12, 12, 12, 12],
        align=["L", "R", "L", "R", "R", "R", "R"],
        header=[
            ["收入", "<", "支出", "<", "<", "<", "<"],
            [
                "项目",
                "预算数",
                "项目",
                "合计",
                "一般公共预算",
                "政府性基金预算",
                "国有资本经营预算",
            ],
        ],
        rows=rows04,
        notes=["注：本表反映部门本年度财政拨款收支预算情况。"],
    )

    t["T05"] = _table(
        5,
        "一般公共预算支出表",
        col_widths=[14, 40, 16, 16, 16],
        align=["L", "L", "R", "R", "R"],
        header=[
            ["科目", "<", "一般公共预算支出", "<", "<"],
            ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        ],
        rows=copy.deepcopy(subject_body),
        notes=["注：本表反映部门本年度一般公共预算支出情况。"],
    )

    # 公开06表 一般公共预算基本支出表: economic classification; 人员经费 = 301 + 303.
    eco = economic()
    classes: dict[str, Decimal] = {}
    for code, amount in eco.items():
        classes[code[:3]] = classes.get(code[:3], D(0)) + amount
    personnel = sum((classes[c] for c in PERSONNEL_CLASSES), D(0))
    public = sum((v for c, v in classes.items() if c not in PERSONNEL_CLASSES), D(0))
    assert personnel + public == basic == sum(classes.values(), D(0))

    def eco_row(code: str, amount: Decimal) -> list[str]:
        staff = code[:3] in PERSONNEL_CLASSES
        return [
            code,
            eco_names[code],
            money(amount),
            money(amount if staff else D(0)),
            money(D(0) if staff else amount),
        ]

    rows06 = [["合计", "<", money(basic), money(personnel), money(public)]]
    for cls in sorted(classes):
        rows06.append(eco_row(cls, classes[cls]))
        rows06 += [eco_row(c, a) for c, a in eco.items() if c[:3] == cls]
    # The table continues on the next page without its header, as in most printed budgets.
    break06 = next(i for i, r in enumerate(rows06) if r[0] == "30226")
    t["T06"] = _table(
        6,
        "一般公共预算基本支出表",
        col_widths=[14, 40, 16, 16, 16],
        align=["L", "L", "R", "R", "R"],
        header=[
            ["经济分类科目", "<", "一般公共预算基本支出", "<", "<"],
            ["科目编码", "科目名称", "合计", "人员经费", "公用经费"],
        ],
        rows=rows06,
        page_breaks=[break06],
        notes=["注：本表反映部门本年度一般公共预算基本支出情况。"],
    )

    # 公开07表 三公: the 决算 says the 2023 budget was 0; the table still prints its row.
    assert SANGONG_BUDGET == 0
    zero = money(D(0), False)
    t["T07"] = _table(
        7,
        "一般公共预算“三公”经费支出表",
        col_widths=[14, 16, 14, 16, 16, 14],
        align=["R"] * 6,
        header=[
            ["合计", "因公出国（境）费", "公务用车购置及运行维护费", "<", "<", "公务接待费"],
            ["^", "^", "小计", "公务用车购置费", "公务用车运行维护费", "^"],
        ],
        rows=[[money(SANGONG_BUDGET, False), zero, zero, zero, zero, zero]],
        notes=["注：本表反映部门本年度一般公共预算安排的“三公”经费预算情况。"],
    )

    def empty(label: int, title: str, what: str) -> dict[str, Any]:
        return _table(
            label,
            title,
            col_widths=[14, 40, 16, 16, 16],
            align=["L", "L", "R", "R", "R"],
            header=[
                ["科目", "<", f"本年{what}支出", "<", "<"],
                ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
            ],
            rows=[["合计", "<", "", "", ""]],
            notes=[f"注：本表反映部门本年度{what}支出情况。"],
            empty_note="说明：本表无数据",
        )

    # The 决算 says 本年度无此项支出 for both: the budget had none either.
    t["T08"] = empty(8, "政府性基金预算支出表", "政府性基金预算")
    t["T09"] = empty(9, "国有资本经营预算支出表", "国有资本经营预算")

    proc_total = sum((a for *_, a in PROCUREMENT), D(0))
    t["T10"] = _table(
        10,
        "政府采购预算表",
        col_widths=[34, 30, 10, 13, 13],
        align=["L", "L", "C", "R", "R"],
        header=[
            ["项目名称", "采购品目", "采购类别", "预算金额", "<"],
            ["^", "^", "^", "合计", "一般公共预算"],
        ],
        rows=[["合计", "<", "<", money(proc_total), money(proc_total)]]
        + [[n, item, kind, money(a), money(a)] for n, item, kind, a in PROCUREMENT],
        notes=["注：本表反映部门本年度政府采购预算情况。"],
    )
    return t


def _class_of(line: str, names: dict[str, str]) -> str | None:
    """The 类 code of a 收支预算总表 line like "一、一般公共服务支出" (None if not ours)."""
    text = line.split("、", 1)[-1]
    return next((c for c, n in names.items() if len(c) == 3 and n == text), None)


def _renumber(i: int, line: str) -> str:
    digits = "一二三四五六七八九十"
    return f"{digits[i - 1]}、{line.split('、', 1)[-1]}"


# ---------------------------------------------------------------- narrative


def narrative(t: dict[str, Any]) -> list[dict[str, str]]:
    """第二部分 预算情况说明, every figure computed from the tables above."""
    rows05 = {r[0]: r for r in t["T05"]["rows"]}

    def amt(s: str) -> Decimal:
        return D(s.replace(",", "") or "0")

    total = amt(rows05["合计"][2])
    basic, project = amt(rows05["合计"][3]), amt(rows05["合计"][4])
    rows06 = {r[0]: r for r in t["T06"]["rows"]}
    personnel, public = amt(rows06["合计"][3]), amt(rows06["合计"][4])
    tot = money(total)
    goods = sum((a for _, _, k, a in PROCUREMENT if k == "货物"), D(0))
    works = sum((a for _, _, k, a in PROCUREMENT if k == "工程"), D(0))
    services = sum((a for _, _, k, a in PROCUREMENT if k == "服务"), D(0))
    proc = goods + works + services
    b: list[dict[str, str]] = [
        {"h1": "第二部分 2023年部门预算情况说明"},
        {"h2": "一、收支预算总体情况"},
        {
            "p": f"{YEAR}年收入预算{tot}万元，其中：一般公共预算拨款收入{tot}万元，占100.00%；"
            "政府性基金预算拨款收入0万元；国有资本经营预算拨款收入0万元；财政专户管理资金收入0"
            "万元；事业收入0万元；上级补助收入0万元；附属单位上缴收入0万元；事业单位经营收入0万元；"
            "其他收入0万元。"
        },
        {
            "p": f"{YEAR}年支出预算{tot}万元，其中：基本支出{money(basic)}万元，占"
            f"{pct(basic, total)}%；项目支出{money(project)}万元，占{pct(project, total)}%。"
        },
        {
            "p": f"收支预算总计较{YEAR - 1}年年初预算{change(total, BUDGET_2022)}，主要原因是"
            "商业服务业等项目经费预算减少。"
        },
        {"h2": "二、一般公共预算支出预算情况"},
        {
            "p": f"{YEAR}年一般公共预算支出预算{tot}万元，较{YEAR - 1}年年初预算"
            f"{change(total, BUDGET_2022)}。按支出功能分类（类级）："
        },
    ]
    codes = list(CLASS_NAMES)
    for i, c in enumerate(codes, start=1):
        now = amt(rows05[c][2])
        end = "。" if i == len(codes) else "；"
        b.append(
            {
                "p": f"{i}、{CLASS_NAMES[c]}（类）{money(now)}万元，占{pct(now, total)}%，"
                f"较上年预算{change(now, CLASS_BUDGET_2022[c])}，{CLASS_USE[c]}{end}"
            }
        )
    eco = {r[0]: r[2] for r in t["T06"]["rows"]}
    b += [
        {"h2": "三、一般公共预算基本支出预算情况"},
        {
            "p": f"{YEAR}年一般公共预算基本支出预算{money(basic)}万元，其中：人员经费"
            f"{money(personnel)}万元，主要包括工资福利支出{eco['301']}万元、对个人和家庭的补助"
            f"{eco['303']}万元；公用经费{money(public)}万元，主要包括商品和服务支出"
            f"{eco['302']}万元。"
        },
        {"h2": "四、“三公”经费预算情况"},
        {
            "p": f"{YEAR}年“三公”经费预算{money(SANGONG_BUDGET, False)}万元，较上年预算"
            f"{change(SANGONG_BUDGET, SANGONG_BUDGET_2022)}。其中：因公出国（境）费0万元；"
            "公务用车购置及运行维护费0万元（公务用车购置费0万元，公务用车运行维护费0万元）；"
            "公务接待费0万元。主要原因是厉行节约，年初未安排“三公”经费预算。"
        },
        {"h2": "五、机关运行经费预算情况"},
        {
            "p": f"{YEAR}年机关运行经费预算{money(public)}万元，主要用于办公费、差旅费、"
            "邮电费、工会经费、福利费、其他交通费用等日常公用经费支出。"
        },
        {"h2": "六、政府采购预算情况"},
        {
            "p": f"{YEAR}年政府采购预算{money(proc)}万元，其中：货物类{money(goods, False)}"
            f"万元，工程类{money(works, False)}万元，服务类{money(services, False)}万元。"
        },
        {"h2": "七、国有资产占用情况"},
        {
            "p": f"截至{YEAR - 1}年12月31日，本部门共有车辆{VEHICLES}辆，其中：其他用车"
            f"{VEHICLES}辆；单价100万元（含）以上设备（不含车辆）0台（套）。{YEAR}年无新增"
            "公务用车购置预算。"
        },
        {"h2": "八、预算绩效目标情况"},
        {
            "p": f"{YEAR}年本部门实行绩效目标管理的项目{len(PROJECTS)}个，涉及一般公共预算"
            f"{money(project)}万元，均已编制绩效目标。主要项目如下："
        },
    ]
    goals = {
        "2023年内外贸发展-展会及会议经费": "组织本市企业参加各类国内外展会不少于6次、培训不少于1次",
        "2023年小微企业出口信用保险保费市级财政补助": "对不少于30家次小微外贸企业给予30%的出口"
        "信用保险保费补助",
        "内贸流通统计监测工作经费": "对不少于5家样本企业、不少于20名信息员给予统计监测补助",
    }
    amounts = {n: a for n, _, a in PROJECTS}
    for i, (name, goal) in enumerate(goals.items(), start=1):
        b.append({"p": f"{i}、{name}{money(amounts[name])}万元：{goal}。"})
    b += [
        {"h2": "九、其他需要说明的情况"},
        {
            "p": f"本部门{YEAR}年无政府性基金预算和国有资本经营预算拨款支出，"
            "公开08表、公开09表为空表。"
        },
    ]
    return b


GLOSSARY = [
    "一、财政拨款收入：指单位从同级财政部门取得的财政预算资金。",
    "二、基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。",
    "三、项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。",
    "四、“三公”经费：指部门用财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和"
    "公务接待费。",
    "五、机关运行经费：指行政单位和参照公务员法管理的事业单位使用一般公共预算安排的基本"
    "支出中的日常公用经费支出。",
]


# ---------------------------------------------------------------- document

CONSTRUCTED = [
    "Not a published document: constructed by scripts/samples/make_yangquan_2023_budget.py.",
    "Exact, from the 2023 决算 narrative: 年初预算 733.98 = 201 550.16 + 208 65.99 + 210 21.24"
    " + 216 59.00 + 221 37.59; 三公 预算 0; no 政府性基金 / 国有资本经营预算.",
    "From the constructed 2022 sample: 2022 年初预算 760.45 and its 类 split; 2022 三公 预算 1.00.",
    "Invented: every 款/项 split, basic/project split, the economic classification (公开06表),"
    " the project list and goals, the 政府采购预算, 机关运行经费; see samples/README.md.",
]


def build() -> dict[str, Any]:
    final = load_spec(FINAL)
    tables = build_tables(final)
    titles = [t["title"] for t in tables.values()]
    numerals = "一二三四五六七八九十"
    part1_end = next(
        i for i, b in enumerate(final["body"]) if b.get("h1", "").startswith("第二部分")
    )
    body: list[dict[str, Any]] = [{"h1": "第一部分 部门概况"}]
    body += copy.deepcopy(final["body"][1:part1_end])  # 职责, 机构设置: same department
    body.append({"page_break": "portrait"})
    body += narrative(tables)
    body.append({"page_break": "portrait"})
    body.append({"h1": "第三部分 名词解释"})
    body += [{"p": p} for p in GLOSSARY]
    body.append({"page_break": "portrait"})
    body.append({"h1": f"第四部分 {YEAR}年部门预算公开表"})
    body += [{"table": code} for code in tables]
    body[-len(tables)]["new_page"] = False  # 公开01表 follows the part heading
    heads = [
        (b.get("h1") or b.get("h2"), 1 if "h1" in b else 2) for b in body if "h1" in b or "h2" in b
    ]
    entries = []
    for text, level in heads:
        entries.append([level, text if level == 1 else f"{text}.....", "0"])
        if text.startswith("第四部分"):
            entries += [[2, f"{numerals[i]}、{t}.....", "0"] for i, t in enumerate(titles)]
    spec: dict[str, Any] = {
        "format": final["format"],
        "constructed": CONSTRUCTED,
        "document": {
            "department": DEPT,
            "fiscal_year": YEAR,
            "layout": "shanxi",
            "pdf_title": f"{DEPT}{YEAR}年部门预算公开",
            "pdf_author": DEPT,
            "pdf_subject": f"{YEAR}年部门预算公开",
            "page_numbers": True,
        },
        "cover": [DEPT, f"{YEAR}年部门预算公开"],
        "toc": {"title": "目 录", "entries": entries},
        "body": body,
        "tables": tables,
        "forms": [],
    }
    number_toc(spec)
    return spec


def main() -> int:
    """Write the budget spec next to the 决算 specs."""
    spec = build()
    header = (
        f"# {DEPT} {YEAR}年部门预算公开 — CONSTRUCTED sample (not a published document).\n"
        "# Built by scripts/samples/make_yangquan_2023_budget.py: the 年初预算 figures the 2023\n"
        "# 决算 states are exact, the rest is invented (see `constructed` and samples/README.md).\n"
    )
    OUT.write_text(header + dump_spec(spec), encoding="utf-8")
    print(OUT)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
