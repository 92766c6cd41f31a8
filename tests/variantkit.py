"""Compare what two PDFs of the same disclosure extract to, and say readably where they differ.

The robustness corpus (``test_variants_metamorphic``) prints the 2023 sample other ways — other
producers, fonts, labels, page breaks, orientations — and asserts that every record comes out
as from the original. What legitimately differs between two printings is left out of the
comparison here, once: the document id and file, the producer and page count, every page
number and box (pages move when a table breaks elsewhere), whitespace inside printed text
(line wraps fall elsewhere), and an amount's printed formatting when its value is the same.
Everything else — which tables are found, their codes, units, states, every amount cell's
row, column, value and state, the order of the rows, every narrative claim, every
performance form and indicator — must be equal.

    diff = record_diff(original(), extracted(path), Allowance.of(fields=["label_printed"]))
    assert not diff, "\\n".join(diff)

It also holds the spec transforms the variants are rendered from (labels, table order, page
breaks, orientation), shared by ``test_variants_metamorphic`` and ``test_layout_variants``.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import goldens

from ingestion.records import ExtractedDocument
from samples.render import load_spec

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_SPEC = ROOT / "samples" / "specs" / "yangquan-commerce-2023.yaml"
SAMPLE_PDF = ROOT / "samples" / "pdf" / "yangquan-commerce-2023.pdf"
FIXTURES = ROOT / "tests" / "fixtures" / "variants"

PARTS = ("document", "tables", "cells", "row_order", "claims", "forms", "indicators")
MAX_LINES = 80  # a diff longer than this is cut: the first lines say what went wrong

_WHITESPACE = re.compile(r"\s+")

# Fields that say where something was printed, never what: left out of every comparison.
_WHERE = {"document_id", "page", "first_page", "last_page", "x0", "top", "x1", "bottom"}
_DOCUMENT_FIELDS = (
    "department_name",
    "department_key",
    "fiscal_year",
    "layout",
    "tables_found",
    "tables_missing",
    "unit_kind",
)


@dataclass(frozen=True)
class Allowance:
    """What a variant legitimately prints differently from the original.

    ``fields`` names record fields left out (e.g. ``label_printed`` for a variant that
    spells its labels otherwise; ``unit`` for the unit line and factor; ``table_order`` when
    the tables are printed in another order); ``without_tables`` tables the variant does not
    print (their records are not expected; the narrative still states their figures);
    ``parts`` the record types the variant prints at all (a spreadsheet of the tables has no
    narrative and no forms).
    """

    fields: frozenset[str] = frozenset()
    without_tables: frozenset[str] = frozenset()
    parts: tuple[str, ...] = PARTS

    @classmethod
    def of(
        cls,
        fields: Iterable[str] = (),
        without_tables: Iterable[str] = (),
        parts: Iterable[str] = PARTS,
    ) -> Allowance:
        return cls(frozenset(fields), frozenset(without_tables), tuple(parts))


def ws(value: Any) -> Any:
    """Whitespace removed from text (wraps fall elsewhere in another printing)."""
    return _WHITESPACE.sub("", value) if isinstance(value, str) else value


def _fields(record: Any, drop: set[str] | frozenset[str]) -> dict[str, Any]:
    return {
        f.name: ws(getattr(record, f.name))
        for f in dataclasses.fields(record)
        if f.name not in _WHERE and f.name not in drop
    }


def cell_key(cell: Any) -> tuple:
    """An amount cell's identity in its table: part, row (code or label), 行次, column."""
    row = cell.subject_code or ws(cell.row_label)
    return (cell.table_code, cell.side, row, cell.line_number, cell.column_key)


def view(doc: ExtractedDocument, allow: Allowance = Allowance()) -> dict[str, Any]:
    """The comparable content of ``doc``, part by part (see the module docstring)."""
    drop = set(allow.fields) | {"row_index", "extracted_at", "file_name", "page_count", "producer"}
    if "unit" in allow.fields:
        drop |= {"unit_printed", "unit_to_wan_yuan"}
    out: dict[str, Any] = {}
    out["document"] = {
        name: getattr(doc.document, name) for name in _DOCUMENT_FIELDS if name not in drop
    }
    for name in ("tables_found", "tables_missing"):
        if name in out["document"]:
            codes = [c for c in out["document"][name] if c not in allow.without_tables]
            # The tables' order is the document's, unless the variant prints them in another.
            out["document"][name] = tuple(sorted(codes) if "table_order" in drop else codes)
    out["tables"] = {
        t.table_code: _fields(t, drop)
        for t in doc.tables
        if t.table_code not in allow.without_tables
    }
    cells: dict[tuple, dict[str, Any]] = {}
    order: dict[str, list[tuple]] = {}
    seen: Counter[tuple] = Counter()
    for c in doc.cells:
        if c.table_code in allow.without_tables:
            continue
        key = cell_key(c)
        # A key read twice is numbered, not merged: the second one shows up as a difference.
        n, seen[key] = seen[key], seen[key] + 1
        fields = _fields(c, drop | {"printed_text"})
        if c.amount_state == "unreadable":
            fields["printed_text"] = ws(c.printed_text)  # nothing else says what it printed
        cells[(*key, n)] = fields
        row = key[1:3]
        rows = order.setdefault(c.table_code, [])
        if not rows or rows[-1] != row:
            rows.append(row)
    out["cells"] = cells
    out["row_order"] = order
    out["claims"] = [_fields(c, drop) for c in doc.claims]
    out["forms"] = {f.form_index: _fields(f, drop) for f in doc.forms}
    out["indicators"] = {(i.form_index, i.row_index): _fields(i, drop) for i in doc.indicators}
    return {part: out[part] for part in allow.parts}


def record_diff(
    original: ExtractedDocument, variant: ExtractedDocument, allow: Allowance = Allowance()
) -> list[str]:
    """Readable lines saying every difference of ``variant`` from ``original`` (none: [])."""
    expected, actual = view(original, allow), view(variant, allow)
    lines: list[str] = []
    for part in allow.parts:
        differ = _list_diff if isinstance(expected[part], list) else _dict_diff
        lines += [f"{part}: {line}" for line in differ(expected[part], actual[part])]
    if len(lines) > MAX_LINES:
        lines = [*lines[:MAX_LINES], f"… and {len(lines) - MAX_LINES} more differences"]
    return lines


def _dict_diff(expected: dict, actual: dict) -> list[str]:
    lines = []
    for key in expected.keys() | actual.keys():
        if key not in actual:
            lines.append(f"missing {key!r}: {_short(expected[key])}")
        elif key not in expected:
            lines.append(f"extra {key!r}: {_short(actual[key])}")
        elif expected[key] != actual[key]:
            lines.append(f"{key!r}: {_changes(expected[key], actual[key])}")
    return sorted(lines)


def _list_diff(expected: list, actual: list) -> list[str]:
    """Items compared in order; an item missing or added shifts the rest, so say which."""
    lines = []
    unmatched = list(actual)
    for index, item in enumerate(expected):
        if item in unmatched:
            unmatched.remove(item)
        else:
            nearest = _nearest(item, unmatched)
            if nearest is None:
                lines.append(f"missing #{index}: {_short(item)}")
            else:
                unmatched.remove(nearest)
                lines.append(f"#{index}: {_changes(item, nearest)}")
    lines += [f"extra: {_short(item)}" for item in unmatched]
    if not lines and expected != actual:
        lines.append("same items in another order")
    return lines


def _nearest(item: dict, candidates: list[dict]) -> dict | None:
    """The candidate sharing most fields with ``item`` (at least half), to show a change."""
    if not isinstance(item, dict):
        return None
    best, score = None, len(item) / 2
    for candidate in candidates:
        same = sum(1 for k, v in item.items() if candidate.get(k) == v)
        if same > score:
            best, score = candidate, same
    return best


def _changes(expected: Any, actual: Any) -> str:
    if isinstance(expected, dict) and isinstance(actual, dict):
        return ", ".join(
            f"{k} {_change(expected.get(k), actual.get(k))}"
            for k in sorted(expected.keys() | actual.keys())
            if expected.get(k) != actual.get(k)
        )
    return _change(expected, actual)


def _change(expected: Any, actual: Any) -> str:
    """``old → new``; two long texts are shown around the first character that differs."""
    if (
        isinstance(expected, str)
        and isinstance(actual, str)
        and max(len(expected), len(actual)) > 60
    ):
        at = next(
            (i for i, (a, b) in enumerate(zip(expected, actual, strict=False)) if a != b),
            min(len(expected), len(actual)),
        )
        start = max(0, at - 20)
        return (
            f"differ at character {at} (lengths {len(expected)} → {len(actual)}): "
            f"…{expected[start : at + 40]!r} → …{actual[start : at + 40]!r}"
        )
    return f"{_short(expected, 80)} → {_short(actual, 80)}"


def _short(value: Any, limit: int = 160) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --------------------------------------------------------------------------- the corpus


def extracted(path: Path) -> ExtractedDocument:
    """``path`` extracted once per test process (modules share the cache: tests/goldens.py)."""
    return goldens.extracted(path)


def original() -> ExtractedDocument:
    """The bundled 2023 sample as extracted: what every variant must equal."""
    return extracted(SAMPLE_PDF)


@cache
def _sample_spec() -> dict[str, Any]:
    return load_spec(SAMPLE_SPEC)


def sample_spec() -> dict[str, Any]:
    """A fresh copy of the 2023 sample's spec, to change and render."""
    return copy.deepcopy(_sample_spec())


def relabel(spec: dict[str, Any], label: Callable[[str], str]) -> dict[str, Any]:
    """Every table's label printed as ``label(code)`` ("" prints none)."""
    for code, table in spec["tables"].items():
        table["label"] = label(code)
    return spec


def shanghai_order(spec: dict[str, Any]) -> dict[str, Any]:
    """The Shanghai nine-table layout: no 公开10表, 三公 (T09) where 政府性基金 (T07) was."""
    blocks = [b for b in spec["body"] if b.get("table") != "T10"]
    order = [b.get("table") for b in blocks]
    t07, t09 = order.index("T07"), order.index("T09")
    blocks[t07], blocks[t09] = blocks[t09], blocks[t07]
    spec["body"] = blocks
    return spec


def break_tables(
    spec: dict[str, Any], rows: Callable[[int], Iterable[int]], repeat_header: bool = False
) -> dict[str, Any]:
    """Every table of more than one body row broken before the body rows ``rows(n)`` picks
    (n = its number of rows; 0 = right after the header), instead of where the spec breaks it."""
    for table in spec["tables"].values():
        n = len(table["rows"])
        if n > 1:
            table["page_breaks"] = sorted({r for r in rows(n) if 0 <= r < n})
            table["repeat_header"] = repeat_header
    return spec


def swap_orientation(spec: dict[str, Any]) -> dict[str, Any]:
    """Portrait tables printed landscape and landscape ones portrait, each on its own page."""
    for table in spec["tables"].values():
        landscape = table.get("orientation") == "landscape"
        table["orientation"] = "portrait" if landscape else "landscape"
    for block in spec["body"]:
        if "table" in block:
            block["new_page"] = True  # a table cannot share a page of the other orientation
    return spec
