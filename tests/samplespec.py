"""The bundled samples' structured descriptions (``samples/specs``) read as expected values.

Shared by the extraction tests (``test_performance``) and the mart golden tests
(``test_marts_golden``): the spec is the truth, what the renderer printed, and the renderer's
layout says on which page each block landed. The only PDF read back is for the page a
narrative sentence is printed on (the layout marks headings, not paragraphs).
"""

from __future__ import annotations

import copy
import re
import tempfile
import unicodedata
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pdfplumber

from samples.render import load_spec, render_disclosure

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
YEARS = (2022, 2023)
FUND_KINDS = ("budget", "received", "executed")
# The split rows under the amounts row, in the spec's order (asserted against its labels).
SPLIT_PARTS = (("central_provincial", "中央"), ("city", "市"), ("county", "县"), ("other", "其"))

# The execution rate each conclusion restates and the grade it states, read off the spec's
# 自评结论及结果分析 by hand (None: the text states none). Anchored in test_performance against
# the spec text.
TEXT_RATE_AND_GRADE: dict[int, list[tuple[str | None, str | None]]] = {
    2023: [
        (None, "优"),  # 展会及会议经费: "本项目自评等级为优"
        (None, "优"),  # 出口信用保险: "应补足补率100%" is not an execution rate
        ("79", "优"),  # 内贸流通统计监测: "预算执行率79%", "自评结论为:优秀"
        ("100", "优"),  # 审计费用
        ("55", "优"),  # 2022年促进汽车消费资金: the grid says 65%
        (None, None),  # 跟班学习: no rate, no grade in its conclusion
        ("84", "优"),  # 开发区工作经费: the grid says 34%
        (None, "优"),  # 驻村: "自评等级为优秀"
        (None, "优"),  # 法律顾问
        (None, "优"),  # 遗属补助: "自评结论为优"
        (None, "优"),  # 会议室设备: "自评结论：优"
        ("97.5", "优"),  # 公平竞争审查
        (None, "良"),  # 项目评审: "自评等级为：良"
        ("98.16", "优"),  # 爱心消费券: the grid says 98.15%
    ],
    2022: [("99.51", "优"), ("94.87", "优"), (None, "优"), (None, "优")],
}

ALL_FORMS = [(year, i) for year in YEARS for i in range(len(TEXT_RATE_AND_GRADE[year]))]


@cache
def spec(year: int) -> dict[str, Any]:
    return load_spec(SAMPLES / "specs" / f"yangquan-commerce-{year}.yaml")


def sample_pdf(year: int) -> Path:
    return SAMPLES / "pdf" / f"yangquan-commerce-{year}.pdf"


@cache
def rendered_blocks(year: int) -> dict[str, list[int]]:
    """Where the renderer put each block: ``{"T06": [12], "T06#1": [13], "form:3": [25], …}``."""
    layout: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        render_disclosure(copy.deepcopy(spec(year)), Path(tmp) / "sample.pdf", layout)
    return layout["blocks"]


def rendered_form_pages(year: int) -> dict[int, tuple[int, int]]:
    """Where the renderer put each form (1-based pages of its title and of its grid's end)."""
    blocks = rendered_blocks(year)
    return {
        n: (blocks[f"form:{n}"][0], blocks[f"form:{n}/end"][0])
        for n in range(1, len(spec(year)["forms"]) + 1)
    }


def table_row_page(year: int, code: str, row_index: int) -> int:
    """The page body row ``row_index`` of table ``code`` is printed on (its page breaks)."""
    part = sum(1 for b in spec(year)["tables"][code].get("page_breaks", []) if b <= row_index)
    return rendered_blocks(year)[f"{code}#{part}" if part else code][0]


@cache
def page_texts(year: int) -> tuple[str, ...]:
    """Each page's text of the sample PDF, whitespace removed (to find where a sentence is)."""
    with pdfplumber.open(sample_pdf(year)) as pdf:
        return tuple(ws(page.extract_text() or "") or "" for page in pdf.pages)


def paragraph_page(year: int, phrase: str) -> int:
    """The 1-based page that prints ``phrase``, a part of one narrative paragraph of the spec.

    The renderer's layout marks headings only, so the page is found in the rendered PDF's text.
    """
    hits = [i for i, block in enumerate(spec(year)["body"]) if phrase in (block.get("p") or "")]
    assert len(hits) == 1, (year, phrase, hits)
    pages = [n for n, text in enumerate(page_texts(year), start=1) if ws(phrase) in text]
    assert len(pages) == 1, (year, phrase, pages)
    return pages[0]


def narrative_text(year: int) -> str:
    """Every paragraph of the body, joined (to anchor hand-read narrative figures)."""
    return "\n".join(block["p"] for block in spec(year)["body"] if block.get("p"))


def ws(text: str | None) -> str | None:
    """Whitespace removed (line wraps and the renderer's spacing), nothing else changed."""
    return None if text is None else re.sub(r"\s+", "", text)


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def printed(text: str) -> str | None:
    return text if text not in ("", "^") else None


def spec_info(spec_form: dict[str, Any], label: str) -> str | None:
    for row in spec_form["info"]:
        for i in range(0, len(row), 2):
            if row[i] == label:
                return row[i + 1]
    return None


def spec_amount(text: str) -> Decimal | None:
    """A printed amount: '1,710.18' → Decimal('1710.18'); '' (blank) and '——' → None."""
    return Decimal(text.replace(",", "")) if text and text != "——" else None


def spec_amount_state(text: str) -> str:
    """The amount state a printed cell has: value (0.00 included) | blank | not_applicable."""
    return {"": "blank", "——": "not_applicable"}.get(text, "value")


def spec_score(text: str | None) -> Decimal | None:
    return Decimal(text.removesuffix("分")) if text else None


def spec_section_score(spec_form: dict[str, Any], word: str) -> Decimal | None:
    """The section's score as the spec prints it: one value in the section's merged cell."""
    values, level1 = set(), ""
    for row in spec_form["indicators"]["rows"]:
        level1 = row[0] if row[0] != "^" else level1
        if nfkc(level1).startswith(word) and printed(row[7]):
            values.add(row[7])
    return spec_score(values.pop()) if len(values) == 1 else None


def expected_form(year: int, index: int) -> dict[str, Any]:
    """The form's fields as the spec prints them, keyed by PerformanceForm attribute."""
    f = spec(year)["forms"][index]
    rate_text, grade = TEXT_RATE_AND_GRADE[year][index]
    rate_grid = re.search(r"([\d.]+)%", f["execution"][1])
    assert rate_grid is not None
    expected: dict[str, Any] = {
        "form_index": index + 1,
        "project_name": spec_info(f, "项目名称"),
        "department_in_charge": spec_info(f, "主管部门"),
        "implementing_unit": spec_info(f, "实施单位"),
        "period_printed": ws(spec_info(f, "项目起止时间")),
        "filled_date_printed": re.split(r"[:：]", f["date_line"], maxsplit=1)[1].strip(),
        "execution_rate_grid_printed": f["execution"][1],
        "execution_rate_grid": Decimal(rate_grid.group(1)),
        "execution_rate_text": Decimal(rate_text) if rate_text else None,
        "score_output": spec_section_score(f, "产出"),
        "score_benefit": spec_section_score(f, "效益"),
        "score_satisfaction": spec_section_score(f, "满意"),
        "total_score_printed": printed(f["total"][1]),
        "total_score": spec_score(f["total"][1]),
        "stated_grade": grade,
        "conclusion_text": ws(f["remarks"][0][1]),
        "status": "extracted",
        "reason": None,
    }
    amounts_row = f["funds"][0]
    for k, kind in enumerate(FUND_KINDS):
        expected[f"{kind}_total"] = spec_amount(amounts_row[2 * k + 1])
        for (part, word), split_row in zip(SPLIT_PARTS, f["funds"][1:], strict=True):
            assert word in split_row[2 * k]
            expected[f"{kind}_{part}"] = spec_amount(split_row[2 * k + 1])
    return expected


def expected_indicator_lines(year: int, index: int) -> list[tuple[str | None, ...]]:
    """(一级, 二级, 三级, 年度指标值, 全年完成值, 未完成原因, 自评得分) of each indicator line,
    merged cells ('^') carried down for the levels; the score is on the merged cell's first line."""
    level1 = level2 = None
    lines = []
    for row in spec(year)["forms"][index]["indicators"]["rows"]:
        l1, l2, _number, name, target, actual, reason, score = row
        level1 = l1 if l1 != "^" else level1  # '^' = merged into the cell above
        level2 = l2 if l2 != "^" else level2
        lines.append((level1, level2, *map(printed, (name, target, actual, reason, score))))
    return lines
