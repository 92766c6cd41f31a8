"""The same disclosure laid out the ways real ones are: recognition must not depend on it.

Each test renders the 2023 sample with one layout change the robustness corpus
(``test_variants_metamorphic``: labels, table order, page breaks, orientation, producers,
fonts) does not already print — three 类/款/项 code columns, a continuation page that repeats
its header while the 收支总表's balance block stands alone on the next page — and checks that
every record comes out as from the original (``variantkit.record_diff``).
"""

from __future__ import annotations

from pathlib import Path

from variantkit import original, record_diff, sample_spec

from ingestion.extract import extract_document
from ingestion.records import ExtractedDocument
from samples.render import render_disclosure


def _render(spec: dict, tmp_path: Path, name: str) -> ExtractedDocument:
    return extract_document(render_disclosure(spec, tmp_path / f"{name}.pdf"))


def test_three_code_columns(tmp_path):
    spec = sample_spec()
    table = spec["tables"]["T03"]
    width = len(table["header"][0])
    table["header"] = [
        ["项目", "<", "<", "<", *table["header"][0][2:]],
        ["科目编码", "<", "<", "科目名称", *["^"] * (width - 2)],
        ["类", "款", "项", "^", *["^"] * (width - 2)],
        ["栏次", "<", "<", "<", *table["header"][2][2:]],
    ]
    rows = []
    for code, name, *amounts in table["rows"]:
        parts = (
            ["合计", "<", "<", "<"] if code == "合计" else [code[:3], code[3:5], code[5:7], name]
        )
        rows.append([*parts, *amounts])
    table["rows"] = rows
    table["col_widths"] = [8, 7, 7, 30, *table["col_widths"][2:]]
    table["align"] = ["C", "C", "C", "L", *table["align"][2:]]
    result = _render(spec, tmp_path, "three-columns")
    diff = record_diff(original(), result)
    assert not diff, "\n".join(diff)
    names = {c.subject_code: c.row_label for c in result.cells if c.table_code == "T03"}
    assert names["2011301"] == "行政运行"


def test_continuation_with_a_repeated_header_and_a_balance_block_alone(tmp_path):
    spec = sample_spec()
    spec["tables"]["T03"]["page_breaks"] = [12]
    spec["tables"]["T03"]["repeat_header"] = True
    t01_rows = spec["tables"]["T01"]["rows"]
    balance_start = next(i for i, r in enumerate(t01_rows) if r[0] == "本年收入合计")
    spec["tables"]["T01"]["page_breaks"] = [balance_start]
    result = _render(spec, tmp_path, "continuations")
    t03 = next(t for t in result.tables if t.table_code == "T03")
    assert t03.last_page == t03.first_page + 1
    t01_pages = {c.row_label: c.page for c in result.cells if c.table_code == "T01"}
    assert t01_pages["总计"] == t01_pages["一、一般公共预算财政拨款收入"] + 1
    diff = record_diff(original(), result)
    assert not diff, "\n".join(diff)
