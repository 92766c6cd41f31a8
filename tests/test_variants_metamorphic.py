"""The robustness corpus: the 2023 sample printed many ways must extract to the same records.

A metamorphic test. Each variant prints the same disclosure as ``samples/pdf/
yangquan-commerce-2023.pdf`` with one thing changed — the producer (reportlab, LibreOffice
Calc from a workbook, LibreOffice Writer from a document with ruled tables), the font (an
embedded TrueType font instead of the built-in CID font), the tables' labels (spaced,
missing, 表N, the Shanghai nine-table layout), where each table breaks over pages (right after
its header, before its last row, at thirds, with the header repeated), the orientation of
every table — and every extracted record must equal the original's, ignoring only what
legitimately differs (``variantkit``: ids, pages, boxes, producer, whitespace, an amount's
formatting). A warehouse built over all of them must raise no error the original does not.

The reportlab variants are rendered here (once per module) from the spec; the LibreOffice
and TrueType ones are committed fixtures, because neither LibreOffice nor the font is on a
user's machine (samples/README.md says how they were made).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from rulekit import altered, build_warehouse, cell, query, replace
from variantkit import (
    FIXTURES,
    SAMPLE_PDF,
    Allowance,
    break_tables,
    extracted,
    original,
    record_diff,
    relabel,
    sample_spec,
    shanghai_order,
    swap_orientation,
)

from ingestion.records import ExtractedDocument
from samples.render import render_disclosure

TABLES_ONLY = ("document", "tables", "cells", "row_order")  # a workbook of the tables


@dataclass(frozen=True)
class Variant:
    """One printing of the sample: how it is made, what it exercises, what may differ."""

    name: str
    exercises: str
    spec: Callable[[], dict[str, Any]] | None = None  # rendered by samples.render
    fixture: str | None = None  # or a committed PDF in tests/fixtures/variants
    allow: Allowance = field(default_factory=Allowance)

    def __str__(self) -> str:
        return self.name


LABEL_FREE = Allowance.of(fields=["label_printed"])

VARIANTS = [
    Variant(
        "labels-spaced",
        "labels printed 公开 01 表 (spaces inside)",
        lambda: relabel(sample_spec(), lambda code: f"公开 {code[1:]} 表"),
        allow=LABEL_FREE,
    ),
    Variant(
        "labels-missing",
        "no labels at all, Shanxi order and 公开10表 kept",
        lambda: relabel(sample_spec(), lambda code: ""),
        allow=LABEL_FREE,
    ),
    Variant(
        "labels-biao",
        "labels printed 表1 … 表10",
        lambda: relabel(sample_spec(), lambda code: f"表{int(code[1:])}"),
        allow=LABEL_FREE,
    ),
    Variant(
        "labels-shanghai",
        "unlabelled, Shanghai order (三公 before 政府性基金), no 相关信息统计表",
        lambda: shanghai_order(relabel(sample_spec(), lambda code: "")),
        allow=Allowance.of(
            fields=["label_printed", "layout", "table_order"], without_tables=["T10"]
        ),
    ),
    Variant(
        "breaks-after-header",
        "every table broken right after its header (统计表, which has none: title alone)",
        lambda: break_tables(sample_spec(), lambda n: [0]),
    ),
    Variant(
        "breaks-before-last",
        "every table broken before its last row (总计, 人员经费合计 … alone on a page)",
        lambda: break_tables(sample_spec(), lambda n: [n - 1]),
    ),
    Variant(
        "breaks-thirds",
        "every table broken in three at a third and two thirds of its rows",
        lambda: break_tables(sample_spec(), lambda n: [n // 3, 2 * n // 3]),
    ),
    Variant(
        "breaks-repeated-header",
        "broken after the header, in the middle and before the last row, header repeated",
        lambda: break_tables(sample_spec(), lambda n: [0, n // 2, n - 1], repeat_header=True),
    ),
    Variant(
        "orientation-swapped",
        "portrait tables printed landscape and landscape ones portrait (other wraps)",
        lambda: swap_orientation(sample_spec()),
    ),
    Variant(
        "font-wqy",
        "reportlab with WenQuanYi Micro Hei embedded (TrueType subsets, other widths)",
        fixture="yangquan-commerce-2023-wqy.pdf",
    ),
    Variant(
        "writer",
        "LibreOffice Writer: narrative paragraphs, ruled word-processor tables, forms",
        fixture="yangquan-commerce-2023-writer.pdf",
    ),
    Variant(
        "spreadsheet",
        "LibreOffice Calc: the ten tables printed from a workbook (no narrative, no forms)",
        fixture="yangquan-commerce-2023-spreadsheet.pdf",
        allow=Allowance.of(parts=TABLES_ONLY),
    ),
    Variant(
        "yuan",
        "公开01–08/10表 printed in 元 (三公 and the narrative in 万元)",
        fixture="yangquan-commerce-2023-yuan.pdf",
        allow=Allowance.of(fields=["unit"]),
    ),
]
BY_NAME = {v.name: v for v in VARIANTS}


@dataclass
class Printed:
    """A variant made: its PDF, the renderer's layout (reportlab only) and its records."""

    pdf: Path
    layout: dict[str, Any] | None
    records: ExtractedDocument


class Corpus:
    """Renders and extracts each variant once, on first use (module-scoped)."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.made: dict[str, Printed] = {}

    def __getitem__(self, name: str) -> Printed:
        if name not in self.made:
            variant = BY_NAME[name]
            layout: dict[str, Any] | None = None
            if variant.fixture is not None:
                pdf = FIXTURES / variant.fixture
            else:
                assert variant.spec is not None
                layout = {}
                pdf = render_disclosure(variant.spec(), self.workdir / f"{name}.pdf", layout)
            self.made[name] = Printed(pdf, layout, extracted(pdf))
        return self.made[name]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return Corpus(tmp_path_factory.mktemp("variants"))


# --------------------------------------------------------------------------- records


@pytest.mark.parametrize("variant", VARIANTS, ids=str)
def test_every_record_equals_the_original(variant: Variant, corpus: Corpus) -> None:
    diff = record_diff(original(), corpus[variant.name].records, variant.allow)
    assert not diff, f"{variant.name} ({variant.exercises}):\n" + "\n".join(diff)


def test_the_original_has_every_kind_of_record() -> None:
    """The comparison is only as strong as what the original yields: all of it, non-empty."""
    doc = original()
    assert [t.table_code for t in doc.tables] == [f"T{n:02d}" for n in range(1, 11)]
    assert all(t.status == "extracted" for t in doc.tables)
    assert len(doc.cells) > 600 and len(doc.claims) > 100
    assert len(doc.forms) == 14 and len(doc.indicators) > 100


def test_the_comparison_sees_one_changed_figure_and_says_where() -> None:
    """The comparison is not vacuous: one amount reprinted and one claim restated otherwise
    are the only two differences, each named by its table, row and column."""
    changed = altered(
        original(),
        original().document.department_name,
        cell("T03", "2011301", "total", "692.98"),
        replace("claims", 0, value=original().claims[0].value + 1),
    )
    diff = record_diff(original(), changed)
    assert len(diff) == 2, diff
    assert diff[0].startswith("cells: ('T03', None, '2011301', None, 'total', 0): amount")
    assert "692.99" in diff[0] and "692.98" in diff[0]
    assert diff[1].startswith("claims: #0: value")


@pytest.mark.parametrize("variant", [v for v in VARIANTS if v.spec], ids=str)
def test_tables_are_found_where_the_renderer_printed_them(variant: Variant, corpus: Corpus) -> None:
    """The variant really moved the tables: each is found from its title's page to the page
    of its last part (the breaks all landed), which is at most the page of its notes."""
    printed = corpus[variant.name]
    assert printed.layout is not None
    blocks = printed.layout["blocks"]
    found = {t.table_code: (t.first_page, t.last_page) for t in printed.records.tables}
    assert set(found) == {code for code in blocks if code in original_codes()}
    for code, (first, last) in found.items():
        parts = [pages for key, pages in blocks.items() if key.startswith(f"{code}#")]
        last_part = max((pages[0] for pages in parts), default=blocks[code][0])
        assert first == blocks[code][0], code
        assert last_part <= last <= blocks[f"{code}/end"][0], code


def original_codes() -> set[str]:
    return {t.table_code for t in original().tables}


def test_the_label_variants_print_what_they_say(corpus: Corpus) -> None:
    labels = {
        name: [t.label_printed for t in corpus[name].records.tables]
        for name in ("labels-spaced", "labels-missing", "labels-biao", "labels-shanghai")
    }
    assert labels["labels-spaced"] == [f"公开 {n:02d} 表" for n in range(1, 11)]
    assert labels["labels-missing"] == [None] * 10
    assert labels["labels-biao"] == [None] * 10  # 表N is stripped from the title, not a 公开 label
    shanghai = corpus["labels-shanghai"].records
    assert [t.table_code for t in shanghai.tables] == [
        "T01", "T02", "T03", "T04", "T05", "T06", "T09", "T08", "T07",
    ]  # fmt: skip
    assert shanghai.document.layout == "shanghai"
    assert corpus["labels-missing"].records.document.layout == "shanxi"  # 公开10表 is printed


def test_the_orientation_variant_swaps_every_table_page(corpus: Corpus) -> None:
    printed = corpus["orientation-swapped"]
    with pdfplumber.open(printed.pdf) as pdf, pdfplumber.open(SAMPLE_PDF) as sample:
        for swapped, table in zip(printed.records.tables, original().tables, strict=True):
            page = pdf.pages[swapped.first_page - 1]
            before = sample.pages[table.first_page - 1]
            assert (page.width > page.height) != (before.width > before.height), table.table_code


def test_the_producer_variants_are_what_they_claim(corpus: Corpus) -> None:
    """Fixtures made elsewhere: check they are the producer and font they stand for."""
    fonts = {}
    for name in ("font-wqy", "writer", "spreadsheet"):
        with pdfplumber.open(corpus[name].pdf) as pdf:
            fonts[name] = {c["fontname"].split("+")[-1] for c in pdf.pages[5].chars}
            fonts[name, "producer"] = pdf.metadata.get("Producer")
    assert {f.rsplit("-", 1)[0] for f in fonts["font-wqy"]} == {"WenQuanYiMicroHei"}
    assert fonts["font-wqy", "producer"].startswith("ReportLab")
    for name in ("writer", "spreadsheet"):
        assert any("WenQuanYi" in f for f in fonts[name]), fonts[name]
        assert fonts[name, "producer"].startswith("LibreOffice")


# --------------------------------------------------------------------------- warehouse


@pytest.fixture(scope="module")
def warehouse(corpus: Corpus, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One warehouse: the original as itself, each variant as its own department."""
    docs = [original()] + [altered(corpus[v.name].records, department(v)) for v in VARIANTS]
    return build_warehouse(docs, tmp_path_factory.mktemp("warehouse"))


def department(variant: Variant) -> str:
    return f"阳泉市商务局{variant.name}"


def _findings(warehouse: Path, department_key: str, where: str = "true") -> Counter[tuple]:
    """The department's findings as (rule, severity, outcome, tables, row, column, expected,
    actual); a narrative claim's column names its page (``completion@p20``), which moves
    with the printing, so the page is dropped (and equal findings are counted, not merged)."""
    rows = query(
        warehouse,
        f"""
        select f.rule_id, f.severity, f.outcome, f.tables, f.row_key,
               regexp_replace(f.column_key, '@p[0-9]+$', '') as column_key,
               f.expected, f.actual
        from marts.fact_reconciliation_finding f
        where f.department_id = ? and ({where})
        """,
        department_key,
    )
    return Counter(tuple(r.values()) for r in rows)


# The original's real contradictions (README, tests/test_load_samples.py): four PERF-RATE
# errors in its 项目支出绩效自评表, which every printing of the forms must keep.
ORIGINAL_ERRORS = {
    ("PERF-RATE", "14", "execution_rate"),
    ("PERF-RATE", "5", "execution_rate"),
    ("PERF-RATE", "5", "execution_rate_text"),
    ("PERF-RATE", "7", "execution_rate_text"),
}


def _errors(warehouse: Path, department_key: str) -> set[tuple]:
    return {
        (rule, row, column)
        for rule, _, _, _, row, column, _, _ in _findings(
            warehouse, department_key, "f.severity = 'error'"
        )
    }


def test_the_original_raises_only_its_four_contradictions(warehouse: Path) -> None:
    assert _errors(warehouse, "阳泉市商务局") == ORIGINAL_ERRORS


@pytest.mark.parametrize("variant", VARIANTS, ids=str)
def test_no_error_finding_on_any_clean_variant(variant: Variant, warehouse: Path) -> None:
    """A clean printing raises exactly the original's errors: the forms' contradictions where
    it prints the forms, nothing where it prints the tables only."""
    expected = ORIGINAL_ERRORS if "forms" in variant.allow.parts else set()
    assert _errors(warehouse, department(variant)) == expected


@pytest.mark.parametrize(
    "variant",
    [v for v in VARIANTS if v.allow.parts != TABLES_ONLY and not v.allow.without_tables],
    ids=str,
)
def test_every_finding_equals_the_original(variant: Variant, warehouse: Path) -> None:
    """Beyond errors: every rule outcome that is not a silent pass (info tails, warnings,
    insufficient data) is the original's, with the same expected and actual figures."""
    ours = _findings(warehouse, department(variant))
    theirs = _findings(warehouse, "阳泉市商务局")
    assert theirs, "the original has findings to compare"
    extra, missing = sorted((ours - theirs).elements()), sorted((theirs - ours).elements())
    assert (extra, missing) == ([], []), f"extra: {extra}\nmissing: {missing}"
