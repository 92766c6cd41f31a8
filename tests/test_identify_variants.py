"""Identification from all the evidence, on small PDFs built here for each way real ones differ.

Covers with the year on its own line after the title, the year first, Chinese numerals, 单位决算,
a title split over three lines, a publication date; no cover at all (the tables' 部门名称 lines);
metadata Title or file name only (weak evidence: it confirms, it never decides); sources that
disagree; budgets; a 决算 that says 预算 on every line. And the rules themselves, on clues.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from ingestion.errors import DisclosureRejected, RejectionReason
from ingestion.identify import (
    Clue,
    DocumentKind,
    Source,
    decide,
    decide_fact,
    identify,
    parse_title,
    plausible_name,
    read_identification,
)
from ingestion.pdf import open_disclosure

pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))

GRID = "<grid>"  # a ruled 3×3 grid in place of a line
DEPARTMENT = "上海市普陀区民政局"
TABLE_PAGE = [
    "收入支出决算总表",
    f"部门名称：{DEPARTMENT} 2024年度 金额单位：万元",
    GRID,
]


def _pdf(path: Path, *pages: list[str], title: str | None = None) -> Path:
    """A PDF of ``pages``, each a list of centred lines (or ``GRID``), with a metadata Title."""
    page = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    if title:
        page.setTitle(title)
    for lines in pages:
        y = A4[1] - 100
        for line in lines:
            if line == GRID:
                xs, ys = [80, 220, 360, 500], [y, y - 24, y - 48, y - 72]
                page.grid(xs, ys)
                page.setFont("STSong-Light", 10)
                for x, text in zip(xs, ["项目", "行次", "金额"], strict=False):
                    page.drawString(x + 6, y - 16, text)
                y -= 100
            else:
                page.setFont("STSong-Light", 16)
                page.drawCentredString(A4[0] / 2, y, line)
                y -= 36
        page.showPage()
    page.save()
    return path


def _identity(path: Path) -> tuple[str, int, str, str | None]:
    identity = identify(path)
    return (
        identity.department_name,
        identity.fiscal_year,
        identity.document_kind,
        identity.unit_kind,
    )


def _refused(path: Path) -> DisclosureRejected:
    with pytest.raises(DisclosureRejected) as refused:
        identify(path)
    return refused.value


@pytest.mark.parametrize(
    ("cover", "unit"),
    [
        ([DEPARTMENT, "年度部门决算", "2024"], "部门"),  # ONLYOFFICE: the year after the title
        (["2024年度", DEPARTMENT, "部门决算"], "部门"),  # year first
        ([DEPARTMENT, "二〇二四年度部门决算"], "部门"),
        ([DEPARTMENT, "二零二四年度部门决算公开"], "部门"),
        ([DEPARTMENT, "2024年度单位决算"], "单位"),
        (["上海市普陀区", "民政局2024", "年度部门决算"], "部门"),  # split over three lines
        ([DEPARTMENT, "2024年度部门决算", "2025年9月"], "部门"),  # published the next year
        ([DEPARTMENT, "2024 年度部门决算", "二〇二五年九月"], "部门"),
    ],
    ids=[
        "year-after-title",
        "year-first",
        "chinese-numerals-〇",
        "chinese-numerals-零",
        "单位决算",
        "three-lines",
        "date-digits",
        "date-chinese",
    ],
)
def test_cover_variants_identify_the_department_and_year(tmp_path, cover, unit):
    path = _pdf(tmp_path / "a.pdf", cover)
    assert _identity(path) == (DEPARTMENT, 2024, "决算", unit)
    assert identify(path).identified_from.startswith("department: cover;")


def test_the_onlyoffice_cover_with_its_metadata_title(tmp_path):
    """The real case: department / 年度部门决算 / 2024, and a Title naming the file."""
    path = _pdf(
        tmp_path / "a.pdf",
        [DEPARTMENT, "年度部门决算", "2024"],
        TABLE_PAGE,
        title=f"2024年{DEPARTMENT}部门决算表.pdf",
    )
    identity = identify(path)
    assert (identity.department_name, identity.fiscal_year) == (DEPARTMENT, 2024)
    assert identity.identified_from == (
        "department: cover, tables, title; fiscal_year: cover, tables, title; "
        "document_kind: cover, tables, title"
    )


def test_no_cover_at_all_is_identified_from_the_table_lines(tmp_path):
    path = _pdf(tmp_path / "tables.pdf", TABLE_PAGE, TABLE_PAGE)
    identity = identify(path)
    assert (identity.department_name, identity.fiscal_year, identity.document_kind) == (
        DEPARTMENT,
        2024,
        "决算",
    )
    assert identity.identified_from == (
        "department: tables; fiscal_year: tables; document_kind: tables"
    )


def test_headings_and_narrative_decide_together_without_a_cover(tmp_path):
    """Two medium sources agreeing decide; the recognised table makes it a 决算."""
    path = _pdf(
        tmp_path / "a.pdf",
        [f"第二部分 {DEPARTMENT} 2024 年度部门决算表", f"{DEPARTMENT}2024年度收入、支出决算总计"],
        ["收入支出决算总表", GRID],
    )
    assert _identity(path) == (DEPARTMENT, 2024, "决算", "部门")


def test_a_heading_alone_cannot_decide_the_department(tmp_path):
    path = _pdf(
        tmp_path / "a.pdf",
        [f"第一部分 {DEPARTMENT}概况", "第二部分 2024 年度部门决算表"],
        ["收入支出决算总表", GRID],
    )
    refused = _refused(path)
    assert refused.reason is RejectionReason.UNIDENTIFIED
    assert refused.message.startswith(
        f"department unknown (only {DEPARTMENT} from headings: one medium source needs another)"
    )


@pytest.mark.parametrize("weak", ["title", "file_name"])
def test_metadata_title_or_file_name_alone_never_identifies(tmp_path, weak):
    """A document with a recognised 决算 table but nothing else printed: the weak source says
    阳泉市商务局 2023 and is right here, but the same source says 离婚协议书 on real budgets."""
    title = "阳泉市商务局2023年度单位决算公开"
    name = f"{title}.pdf" if weak == "file_name" else "a.pdf"
    path = _pdf(
        tmp_path / name, ["收入支出决算总表", GRID], title=title if weak == "title" else None
    )
    refused = _refused(path)
    assert refused.reason is RejectionReason.UNIDENTIFIED
    assert refused.document_kind == "决算"
    assert refused.message == (
        f"department unknown (only 阳泉市商务局 from {weak}: the metadata Title and the file name "
        f"cannot decide alone); year unknown (only 2023 from {weak}: the metadata Title and the "
        f"file name cannot decide alone); kind 决算 from tables, {weak}; tables recognised: T01"
    )


def test_weak_sources_confirm_and_a_stale_title_is_outvoted(tmp_path):
    path = _pdf(
        tmp_path / "a.pdf",
        [DEPARTMENT, "2024年度部门决算"],
        title=f"{DEPARTMENT}2015年度部门决算",
    )
    found = _read(path)
    assert found.department.sources == (Source.COVER, Source.TITLE)
    assert (found.fiscal_year.value, found.fiscal_year.sources) == (2024, (Source.COVER,))
    assert found.fiscal_year.rivals == ()  # a weak source is no rival


def test_cover_and_tables_that_disagree_leave_the_department_unknown(tmp_path):
    path = _pdf(tmp_path / "a.pdf", ["上海市普陀区财政局", "2024年度部门决算"], TABLE_PAGE)
    refused = _refused(path)
    assert refused.reason is RejectionReason.UNIDENTIFIED
    assert refused.message.startswith(
        "department unknown (the evidence disagrees: 上海市普陀区财政局 from cover; "
        f"{DEPARTMENT} from tables); year 2024 from cover, tables;"
    )


def test_a_budget_built_here_is_refused_as_a_budget(tmp_path):
    path = _pdf(
        tmp_path / "a.pdf",
        [DEPARTMENT, "2024年度部门预算"],
        ["收支预算总表", f"部门：{DEPARTMENT} 单位：万元", GRID],
    )
    refused = _refused(path)
    assert refused.reason is RejectionReason.BUDGET
    assert refused.document_kind == "预算"
    assert refused.message == (
        f"budget document (预算) department {DEPARTMENT} from cover, tables; "
        "year 2024 from cover: budgets are not supported yet"
    )


def test_a_final_accounts_that_says_budget_everywhere_is_a_final_accounts(tmp_path):
    path = _pdf(
        tmp_path / "a.pdf",
        [DEPARTMENT, "2024年度部门决算"],
        [
            "一般公共预算财政拨款支出决算情况说明",
            "2024年度一般公共预算财政拨款支出年初预算为100万元",
            "预算数为“三公”经费全年预算数",
            "政府性基金预算财政拨款",
        ],
        ["一般公共预算财政拨款支出决算表", GRID],
    )
    assert _identity(path) == (DEPARTMENT, 2024, "决算", "部门")


def test_a_file_that_names_no_kind_is_not_a_disclosure(tmp_path):
    path = _pdf(tmp_path / "budget-2024.pdf", ["会议通知", f"{DEPARTMENT} 2024年", "请准时参加"])
    refused = _refused(path)
    assert refused.reason is RejectionReason.NOT_A_DISCLOSURE
    assert refused.document_kind == "other"
    # The file name says "budget" and is weak: it is mentioned, it decides nothing.
    assert "only 预算 from file_name" in refused.message


def _read(path: Path):
    with open_disclosure(path) as document:
        return read_identification(document)


# --------------------------------------------------------------------------- pure rules


@pytest.mark.parametrize(
    ("text", "name", "year", "kind", "unit"),
    [
        (
            "2018年度江苏省高级人民法院预算公开2018年2月24日",
            "江苏省高级人民法院",
            2018,
            "预算",
            None,
        ),
        ("江苏省人民检察院年部门预算2017", "江苏省人民检察院", 2017, "预算", "部门"),
        ("上海市普陀区社会福利院2024年单位预算", "上海市普陀区社会福利院", 2024, "预算", "单位"),
        ("上海市普陀区2025年区级部门预算", None, 2025, "预算", "部门"),  # the collection
        ("阳泉市商务局2023年度单位决算公开", "阳泉市商务局", 2023, "决算", "单位"),
        ("2024年上海市普陀区民政局部门决算表.pdf", DEPARTMENT, 2024, "决算", "部门"),
        ("江苏省政协办公厅2015年度部门预算", "江苏省政协办公厅", 2015, "预算", "部门"),
        ("上海市XX局2024年度部门决算", None, 2024, "决算", "部门"),
        ("附件2:预算主管部门公开样张", None, None, None, None),  # 预算 inside a word
        ("关于做好2018年省以下地方预决算", None, 2018, None, None),  # 预决算 is neither
        ("一般公共预算财政拨款支出决算表", None, None, "决算", None),  # the last genre word
        ("离婚协议书", None, None, None, None),
    ],
)
def test_parse_title(text, name, year, kind, unit):
    parts = parse_title(text)
    assert (parts.name, parts.year, parts.kind, parts.unit) == (name, year, kind, unit)


def test_a_placeholder_is_kept_apart_from_names():
    assert parse_title("上海市XX局2024年度部门决算").placeholder == "上海市XX局"
    assert not plausible_name("上海市普陀区")  # a region, not a department
    assert not plausible_name("本部门")
    assert plausible_name("省检察院") and plausible_name("中共上海市普陀区委社会工作部")


def test_decide_fact_by_agreement():
    cover, tables, headings, narrative = (
        Source.COVER,
        Source.TABLES,
        Source.HEADINGS,
        Source.NARRATIVE,
    )
    assert decide_fact({cover: "A"}).value == "A"  # a strong source alone
    assert decide_fact({headings: "A"}).value is None  # a medium one alone
    assert decide_fact({headings: "A", Source.TITLE: "A"}).value == "A"  # … confirmed
    assert decide_fact({headings: "A", narrative: "A"}).value == "A"
    assert decide_fact({Source.TITLE: "A", Source.FILE_NAME: "A"}).value is None  # weak only
    assert decide_fact({cover: "A", tables: "B"}).value is None  # a tie is no decision
    assert decide_fact({cover: "A", tables: "B", Source.TITLE: "B"}).value is None  # …not by weak
    finding = decide_fact({cover: "A", headings: "A", tables: "B"})
    assert (finding.value, finding.rivals, finding.settled) == ("A", ("B",), False)
    assert decide_fact({cover: "A", headings: "A"}).settled


def test_each_source_votes_once_for_what_it_prints_most():
    clues = [
        Clue(Source.TABLES, 9, department="江苏省高级人民法"),  # a name cut by a line wrap
        *[Clue(Source.TABLES, p, department="江苏省高级人民法院") for p in (10, 11)],
        Clue(Source.HEADINGS, 2, kind=DocumentKind.BUDGET),
    ]
    found = decide(clues, [], 11)
    assert (found.department.value, found.department.weight) == ("江苏省高级人民法院", 3)
    assert found.document_kind is DocumentKind.OTHER  # a heading alone does not decide a kind
