"""Render the 2023 sample with its tables in 元 instead of 万元 (a golden-test variant).

Why: real disclosures do not all print 万元. Many print their tables in 元 while the "三公"
table and the narrative stay in 万元, so one PDF mixes units. The extractor must read the unit
line of each table and normalise; this variant is the same disclosure as
``samples/specs/yangquan-commerce-2023.yaml`` with

- every amount of 公开01–08表 and 公开10表 multiplied by 10,000 exactly (``Decimal``), printed
  with thousands separators and two decimals: ``"1,710.18"`` -> ``"17,101,800.00"``,
  ``"0.00"`` stays ``"0.00"``; ``"——"`` and blank cells are kept; codes, 行次 and counts
  (车辆数 ``"1"``) are not amounts (no decimals) and are kept;
- their unit lines saying ``金额单位：元`` / ``单位：元``;
- 公开09表 (三公经费), the narrative and the 绩效自评表 forms unchanged, still in 万元;
- 公开02表's two widest amount columns widened (3 of the 36 units of 科目名称 given to
  本年收入合计 and 财政拨款收入), because ``17,101,800.00`` does not fit the original width
  at 9 pt and the renderer would wrap it. Every other layout value is the original's, and the
  tables still land on the pages the 目录 gives (the script checks).

Outputs (both committed)::

    tests/fixtures/variants/yangquan-commerce-2023-yuan.yaml   the variant spec
    tests/fixtures/variants/yangquan-commerce-2023-yuan.pdf    rendered by samples.render

Usage::

    uv run scripts/samples/render_in_yuan.py [OUT_DIR]

The PDF is byte-deterministic like every sample (same spec -> same sha256).
"""

from __future__ import annotations

import copy
import re
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from check_roundtrip import toc_pages
from derive_yangquan_2023 import dump_spec
from reportlab.pdfbase import pdfmetrics

from samples.render import (
    FONT,
    MARGINS,
    MARKERS,
    PAGE_SIZES,
    SPECS_DIR,
    _register_font,
    load_spec,
    render_disclosure,
    validate_spec,
)

SOURCE = SPECS_DIR / "yangquan-commerce-2023.yaml"
OUT_DIR = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "variants"
STEM = "yangquan-commerce-2023-yuan"
CONVERTED = ("T01", "T02", "T03", "T04", "T05", "T06", "T07", "T08", "T10")  # not T09 (三公)
FACTOR = Decimal(10000)
AMOUNT = re.compile(r"-?\d{1,3}(?:,\d{3})*\.\d{2}")
# Layout changes the longer amounts need: table -> new col_widths (same total).
WIDTHS = {"T02": [12, 33, 14.5, 14.5, 11, 10, 10, 12, 10]}


def to_yuan(printed: str) -> str:
    """``"1,710.18"`` (万元) -> ``"17,101,800.00"`` (元), exactly."""
    value = Decimal(printed.replace(",", "")) * FACTOR
    return f"{value.quantize(Decimal('0.01')):,.2f}"


def is_amount(cell: str) -> bool:
    """A printed amount: digits with thousands separators and exactly two decimals."""
    return AMOUNT.fullmatch(cell) is not None


def yuan_spec(spec: dict[str, Any]) -> dict[str, Any]:
    """The variant spec (a deep copy; ``spec`` is not changed)."""
    out = copy.deepcopy(spec)
    for code in CONVERTED:
        table = out["tables"][code]
        table["meta"] = [
            m.replace("单位：万元", "单位：元") if "单位：万元" in m else m for m in table["meta"]
        ]
        if not any(m.endswith("单位：元") for m in table["meta"]):
            raise ValueError(f"{code}: no unit line in {table['meta']}")
        table["rows"] = [[to_yuan(c) if is_amount(c) else c for c in row] for row in table["rows"]]
        if code in WIDTHS:
            if sum(WIDTHS[code]) != sum(table["col_widths"]):
                raise ValueError(f"{code}: new widths change the total")
            table["col_widths"] = WIDTHS[code]
    validate_spec(out)
    return out


def check_conversion(original: dict[str, Any], variant: dict[str, Any]) -> list[str]:
    """Every cell of every table: unchanged, or an amount exactly x10000. Returns problems."""
    problems = []
    for code, t in original["tables"].items():
        v = variant["tables"][code]
        if v["header"] != t["header"]:
            problems.append(f"{code}: header changed")
        for i, (row, vrow) in enumerate(zip(t["rows"], v["rows"], strict=True)):
            for c, (a, b) in enumerate(zip(row, vrow, strict=True)):
                if code in CONVERTED and is_amount(a):
                    ok = Decimal(b.replace(",", "")) == Decimal(a.replace(",", "")) * FACTOR
                    ok = ok and re.fullmatch(r"-?\d{1,3}(?:,\d{3})*\.\d{2}", b) is not None
                else:
                    ok = a == b
                if not ok:
                    problems.append(f"{code} row {i} col {c}: {a!r} -> {b!r}")
    return problems


def check_fits(spec: dict[str, Any]) -> list[str]:
    """Amounts that would not fit their column on one line (the renderer would wrap them)."""
    _register_font()
    problems = []
    for code, t in spec["tables"].items():
        orientation = t.get("orientation", "portrait")
        width = PAGE_SIZES[orientation][0] - 2 * MARGINS[orientation][0]
        cols = [w * width / sum(t["col_widths"]) for w in t["col_widths"]]
        size = float(t.get("font_size", 9 if orientation == "portrait" else 8.5))
        pad = float(t.get("cell_padding", 3))
        for i, row in enumerate(t["rows"]):
            for c, cell in enumerate(row):
                if cell in MARKERS or not is_amount(cell):
                    continue
                if pdfmetrics.stringWidth(cell, FONT, size) > cols[c] - 2 * pad:
                    problems.append(f"{code} row {i} col {c}: {cell} wider than its column")
    return problems


def main(argv: list[str] | None = None) -> int:
    """Write the variant spec and PDF; exit 1 if a check fails."""
    args = list(argv if argv is not None else sys.argv[1:])
    out_dir = Path(args[0]) if args else OUT_DIR
    original = load_spec(SOURCE)
    variant = yuan_spec(original)
    problems = check_conversion(original, variant) + check_fits(variant)
    out_dir.mkdir(parents=True, exist_ok=True)
    spec_path = out_dir / f"{STEM}.yaml"
    header = (
        "# 阳泉市商务局 2023年度单位决算公开 with 公开01-08/10表 in 元 (公开09表 and the text in\n"
        "# 万元) — a golden-test variant written by scripts/samples/render_in_yuan.py from\n"
        "# samples/specs/yangquan-commerce-2023.yaml. Do not edit: re-run the script.\n"
    )
    spec_path.write_text(header + dump_spec(variant), encoding="utf-8")
    if load_spec(spec_path) != variant:
        problems.append("the written YAML does not load back as the variant spec")
    layout: dict[str, Any] = {}
    pdf_path = render_disclosure(variant, out_dir / f"{STEM}.pdf", layout)
    problems += [
        f"toc: {entry} printed p{printed}, lands on p{actual}"
        for entry, printed, actual in toc_pages(variant, layout)
        if actual is None or str(actual) != printed
    ]
    starts = {k: v[0] for k, v in layout["blocks"].items() if re.fullmatch(r"T\d\d", k)}
    print(f"wrote {spec_path}\nwrote {pdf_path}: {layout['pages']} pages, tables start {starts}")
    for p in problems:
        print(f"  FAIL {p}")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
