"""Text pages read with pypdfium2 give what pdfplumber gave (页面读取).

``ingestion/pdf.py`` reads a page with pypdfium2 only when the page has no path object (so
pdfplumber would find no ruled table on it) and names no table or form, and only when
pypdfium2 gives its characters as pdfminer would. This module proves the result is the same
as reading every page with pdfplumber, for every PDF we hold (samples, fixtures, the real
published documents): the same narrative claims, the same identification, the same lines on
every page (up to whitespace, which no reader of a text page looks at) and the same tables.
Then it checks the rule page by page on PDFs made to hit each case.
"""

from __future__ import annotations

import dataclasses
from functools import cache
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from ingestion.errors import DisclosureRejected
from ingestion.extract import extract_document
from ingestion.identify import identify_opened, read_identification
from ingestion.narrative import department_mentions, read_narrative
from ingestion.pdf import PAGE_READS, PDFPLUMBER, PYPDFIUM2, TextReader, open_disclosure
from ingestion.text import compact

ROOT = Path(__file__).resolve().parents[1]
CORPUS = sorted(
    [
        *(ROOT / "samples" / "pdf").glob("*.pdf"),
        *(ROOT / "tests" / "fixtures").rglob("*.pdf"),
    ]
)
SAMPLES = sorted((ROOT / "samples" / "pdf").glob("*.pdf"))
FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))


@dataclasses.dataclass(frozen=True)
class Reading:
    """Everything the readers of a document take from its pages, read one way."""

    pages: list[tuple[str, str | None, list[tuple[str, float]], list]]  # reader, why, lines
    claims: list
    skipped: list
    mentions: list
    identification: object
    identity: object  # the DocumentIdentity, or the refusal's (reason, message)


@cache
def reading(path: Path, text_reader: TextReader) -> Reading:
    with open_disclosure(path, text_reader) as opened:
        narrative = read_narrative(opened.pages, opened.document_id)
        mentions = department_mentions(opened.pages, opened.document_id)
        identification = read_identification(opened)
        try:
            identity: object = identify_opened(opened)
        except DisclosureRejected as refused:
            identity = (refused.reason, refused.message)
        pages = [
            (
                page.read_with,
                page.pdfplumber_because,
                [(line.text, line.top) for line in page.lines],
                page.tables,
            )
            for page in opened.pages
        ]
    return Reading(pages, narrative.claims, narrative.skipped, mentions, identification, identity)


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.mark.parametrize("pdf", CORPUS, ids=_name)
def test_narrative_claims_are_those_of_the_all_pdfplumber_reading(pdf):
    before, after = reading(pdf, "pdfplumber"), reading(pdf, "auto")
    assert after.claims == before.claims
    assert after.skipped == before.skipped
    assert after.mentions == before.mentions


@pytest.mark.parametrize("pdf", CORPUS, ids=_name)
def test_identification_is_that_of_the_all_pdfplumber_reading(pdf):
    before, after = reading(pdf, "pdfplumber"), reading(pdf, "auto")
    assert after.identification == before.identification
    assert after.identity == before.identity


@pytest.mark.parametrize("pdf", CORPUS, ids=_name)
def test_every_page_has_the_lines_and_tables_pdfplumber_reads(pdf):
    """Line for line, at the same height; the text equal once whitespace is removed (where a
    word break falls on a gap of pdfplumber's 3-point tolerance to a rounding error, one
    reader prints a space the other does not: narrative and identification both drop all
    whitespace, and pages with tables or titles are pdfplumber's)."""
    before, after = reading(pdf, "pdfplumber"), reading(pdf, "auto")
    assert len(after.pages) == len(before.pages)
    for number, (old, new) in enumerate(zip(before.pages, after.pages, strict=True), start=1):
        assert old[0] == PDFPLUMBER
        old_lines, new_lines = old[2], new[2]
        assert [compact(t) for t, _ in new_lines] == [compact(t) for t, _ in old_lines], number
        tops = zip(new_lines, old_lines, strict=True)
        assert all(abs(a - b) < 0.01 for (_, a), (_, b) in tops), number
        assert new[3] == old[3], number
        if new[0] == PYPDFIUM2:
            assert new[3] == [] and new[1] is None


@pytest.mark.parametrize("pdf", SAMPLES, ids=_name)
def test_the_samples_extract_to_the_same_records(pdf):
    """The whole raw layer of the bundled samples, with every page read by pdfplumber or
    with the text pages read by pypdfium2."""

    def records(text_reader: TextReader) -> dict:
        extracted = dataclasses.asdict(extract_document(pdf, text_reader))
        extracted["document"].pop("extracted_at")
        return extracted

    assert records("auto") == records("pdfplumber")


def test_text_pages_are_read_by_pypdfium2_and_table_pages_by_pdfplumber():
    """阳泉 2023: cover, 目录, 概况 and the 情况说明 (pages 18–21) and 名词解释 have no path:
    pypdfium2; every table and form page is ruled: pdfplumber."""
    pages = reading(ROOT / "samples" / "pdf" / "yangquan-commerce-2023.pdf", "auto").pages
    by_pypdfium2 = [n for n, page in enumerate(pages, start=1) if page[0] == PYPDFIUM2]
    assert by_pypdfium2 == [1, 2, 3, 4, 18, 19, 20, 21, 22]
    assert all(
        page[1] == "it has ruling (path objects)"
        for n, page in enumerate(pages, start=1)
        if n not in by_pypdfium2
    )


def test_most_text_pages_of_real_documents_are_read_by_pypdfium2():
    """Word exports print every space as a text object of its own, which pdfium leaves out of
    its text: those are put back as spaces, not a reason to fall back."""
    real = [pdf for pdf in CORPUS if pdf.parent.name == "real"]
    if not real:
        pytest.skip("no real fixtures")
    pages = [page for pdf in real for page in reading(pdf, "auto").pages]
    unruled = [page for page in pages if page[1] != "it has ruling (path objects)"]
    assert sum(page[0] == PYPDFIUM2 for page in unruled) >= 0.9 * len(unruled)


# --- the rule, case by case --------------------------------------------------------------


def _pdf(path: Path, *pages) -> Path:
    """A PDF of one page per callable, each drawing on a reportlab canvas."""
    sheet = canvas.Canvas(str(path), pagesize=A4)
    for draw in pages:
        sheet.setFont(FONT, 12)
        draw(sheet)
        sheet.showPage()
    sheet.save()
    return path


def _prose(sheet):
    sheet.setFont(FONT, 16)
    sheet.drawString(72, 760, "第三部分 阳泉市商务局2023年度部门决算情况说明")
    sheet.setFont(FONT, 12)
    sheet.drawString(72, 730, "一、收入支出决算总体情况说明")
    sheet.drawString(72, 712, "2023年度收入总计1,710.18万元，支出总计1,710.18万元。")
    sheet.setFont(FONT, 9)
    sheet.drawString(290, 40, "18")


def _read(path: Path, text_reader: TextReader = "auto") -> list[tuple[str, str | None, list]]:
    with open_disclosure(path, text_reader) as opened:
        return [
            (page.read_with, page.pdfplumber_because, [line.text for line in page.lines])
            for page in opened.pages
        ]


def _pdfplumber_lines(path: Path) -> list[list[str]]:
    return [lines for _, _, lines in _read(path, "pdfplumber")]


def test_a_page_of_prose_is_read_by_pypdfium2_as_pdfplumber_reads_it(tmp_path):
    pdf = _pdf(tmp_path / "prose.pdf", _prose)
    ((reader, because, lines),) = _read(pdf)
    assert (reader, because) == (PYPDFIUM2, None)
    assert [lines] == _pdfplumber_lines(pdf)
    assert lines[-1] == "18"


def test_a_page_with_a_rule_or_a_box_is_read_by_pdfplumber(tmp_path):
    def ruled(sheet):
        _prose(sheet)
        sheet.line(72, 700, 520, 700)

    def boxed(sheet):
        _prose(sheet)
        sheet.rect(72, 600, 200, 40)

    pdf = _pdf(tmp_path / "ruled.pdf", ruled, boxed)
    for reader, because, _ in _read(pdf):
        assert (reader, because) == (PDFPLUMBER, "it has ruling (path objects)")


def test_a_page_naming_a_table_or_a_form_is_read_by_pdfplumber(tmp_path):
    """A title printed without a grid (本表无数据, or a title at the foot of its page): its
    label and unit are kept as printed, so pdfplumber reads them as it always has."""

    def empty_table(sheet):
        sheet.drawString(72, 760, "公开09表")
        sheet.drawString(72, 740, "一般公共预算财政拨款“三公”经费支出决算表")
        sheet.drawString(72, 720, "单位：万元")
        sheet.drawString(72, 700, "说明：本单位本年度无此项支出，本表无数据。")

    def form_title(sheet):
        _prose(sheet)
        sheet.drawString(72, 80, "2023年度项目支出绩效自评表")

    pdf = _pdf(tmp_path / "titles.pdf", empty_table, form_title)
    for reader, because, _ in _read(pdf):
        assert (reader, because) == (PDFPLUMBER, "it names a table or a form")


def test_text_pdfium_reads_differently_from_pdfminer_goes_to_pdfplumber(tmp_path):
    """A heading printed twice a hair apart (fake bold): pdfminer reads every copy, pdfium
    keeps one. Rotated text: pdfminer's lines are not placed as pypdfium2 places them."""

    def fake_bold(sheet):
        _prose(sheet)
        sheet.setFont(FONT, 16)
        sheet.drawString(72.3, 760, "第三部分 阳泉市商务局2023年度部门决算情况说明")

    def rotated(sheet):
        _prose(sheet)
        sheet.saveState()
        sheet.translate(560, 300)
        sheet.rotate(90)
        sheet.drawString(0, 0, "阳泉市商务局")
        sheet.restoreState()

    pdf = _pdf(tmp_path / "odd.pdf", fake_bold, rotated)
    (bold, turned) = _read(pdf)
    assert bold[:2] == (PDFPLUMBER, "an overprinted copy of printed text")
    assert turned[:2] == (PDFPLUMBER, "rotated or mirrored text")
    assert [bold[2], turned[2]] == _pdfplumber_lines(pdf)


def test_every_page_is_read_once_whatever_is_asked_of_it(tmp_path):
    def ruled(sheet):
        _prose(sheet)
        sheet.line(72, 700, 520, 700)

    pdf = _pdf(tmp_path / "mixed.pdf", _prose, ruled)
    before = PAGE_READS.copy()
    with open_disclosure(pdf) as opened:
        for _ in range(3):
            for page in opened.pages:
                assert page.lines is page.lines and page.tables is page.tables
                assert page.text
    read = PAGE_READS - before
    assert (read[PYPDFIUM2], read[PDFPLUMBER]) == (1, 1)


def test_every_page_with_pdfplumber_when_asked(tmp_path):
    pdf = _pdf(tmp_path / "prose.pdf", _prose, _prose)
    assert [page[:2] for page in _read(pdf, "pdfplumber")] == [
        (PDFPLUMBER, "every page with pdfplumber")
    ] * 2
