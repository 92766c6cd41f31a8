"""The same disclosure laid out the ways real ones are: recognition must not depend on it.

Each test renders the 2023 sample with one layout change — label spelling, no labels at all,
three 类/款/项 code columns, a continuation page that repeats its header, the 收支总表 balance
block alone on the next page, the Shanghai table order — and checks that every figure still
comes out bound to the same row and column.
"""

from __future__ import annotations

import copy
from decimal import Decimal
from functools import cache
from pathlib import Path

from ingestion.extract import extract_document
from ingestion.records import ExtractedDocument
from samples.render import load_spec, render_disclosure

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@cache
def _base_spec() -> dict:
    return load_spec(SAMPLES / "specs" / "yangquan-commerce-2023.yaml")


@cache
def _original() -> ExtractedDocument:
    return extract_document(SAMPLES / "pdf" / "yangquan-commerce-2023.pdf")


def _figures(result: ExtractedDocument, code: str) -> dict[tuple, Decimal | None]:
    return {
        (c.side, c.subject_code or c.row_label, c.column_key): c.amount
        for c in result.cells
        if c.table_code == code
    }


def _render(spec: dict, tmp_path: Path, name: str) -> ExtractedDocument:
    return extract_document(render_disclosure(spec, tmp_path / f"{name}.pdf"))


def _assert_same_figures(result: ExtractedDocument, codes=("T01", "T02", "T03", "T05")) -> None:
    for code in codes:
        assert _figures(result, code) == _figures(_original(), code), code


def test_labels_with_spaces(tmp_path):
    spec = copy.deepcopy(_base_spec())
    for code, table in spec["tables"].items():
        table["label"] = f"公开 {code[1:]} 表"
    result = _render(spec, tmp_path, "spaced-labels")
    assert [t.label_printed for t in result.tables][:3] == [
        "公开 01 表",
        "公开 02 表",
        "公开 03 表",
    ]
    _assert_same_figures(result)


def test_unlabelled_tables_in_the_shanghai_order_without_table_10(tmp_path):
    spec = copy.deepcopy(_base_spec())
    for table in spec["tables"].values():
        table["label"] = ""
    blocks = [b for b in spec["body"] if b.get("table") != "T10"]
    order = [b.get("table") for b in blocks]
    t07, t09 = order.index("T07"), order.index("T09")
    blocks[t07], blocks[t09] = blocks[t09], blocks[t07]
    spec["body"] = blocks
    result = _render(spec, tmp_path, "shanghai-order")
    assert [t.table_code for t in result.tables] == [
        "T01",
        "T02",
        "T03",
        "T04",
        "T05",
        "T06",
        "T09",
        "T08",
        "T07",
    ]
    assert all(t.label_printed is None for t in result.tables)
    assert result.document.layout == "shanghai"
    _assert_same_figures(result, ("T01", "T02", "T03", "T04", "T05", "T06"))


def test_three_code_columns(tmp_path):
    spec = copy.deepcopy(_base_spec())
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
    assert _figures(result, "T03") == _figures(_original(), "T03")
    names = {c.subject_code: c.row_label for c in result.cells if c.table_code == "T03"}
    assert names["2011301"] == "行政运行"


def test_continuation_with_a_repeated_header_and_a_balance_block_alone(tmp_path):
    spec = copy.deepcopy(_base_spec())
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
    _assert_same_figures(result)
