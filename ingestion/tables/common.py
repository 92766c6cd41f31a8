"""Header reading shared by the table parsers (表头识别).

pdfplumber returns a merged header cell once, with ``None`` in the positions it spans; a
column's label is the text of every header row above it, joined top to bottom.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingestion.locate import GridPart
from ingestion.text import normalise

COLUMN_NUMBER_ROW_LABELS = ("栏次", "档次")  # 档次 is a common misprint of 栏次
_INT = re.compile(r"^\d{1,3}$")


class UnreadableTable(Exception):
    """The table's structure could not be bound with confidence (insufficient_data)."""


@dataclass(frozen=True, slots=True)
class PageRow:
    page: int
    cells: list[str | None]


def page_rows(parts: list[GridPart]) -> list[PageRow]:
    return [PageRow(part.page, list(row)) for part in parts for row in part.rows]


def is_column_number_row(cells: list[str | None]) -> bool:
    return any(normalise(cell) in COLUMN_NUMBER_ROW_LABELS for cell in cells)


def column_numbers(cells: list[str | None]) -> list[int | None]:
    return [int(text) if _INT.match(text := normalise(cell)) else None for cell in cells]


def column_labels(header: list[list[str | None]], width: int) -> list[str]:
    """The normalised label of each column over the header rows (merged cells included)."""
    labels = []
    for column in range(width):
        parts = [normalise(row[column]) for row in header if column < len(row) and row[column]]
        labels.append("".join(parts))
    return labels


def bind_columns(
    labels: list[str], candidates: list[int], aliases: dict[str, tuple[str, ...]]
) -> dict[str, int]:
    """Bind each column key to the one candidate column whose label names it.

    ``aliases`` is ordered most specific first; a label is taken by the first key whose alias
    it contains. Two columns for one key, or a column no key names, make the binding unsure.
    """
    bound: dict[str, int] = {}
    for column in candidates:
        key = next(
            (
                key
                for key, words in aliases.items()
                if any(word in labels[column] for word in words)
            ),
            None,
        )
        if key is None:
            raise UnreadableTable(f"column {column + 1} header {labels[column]!r} is not known")
        if key in bound:
            raise UnreadableTable(
                f"two columns read as {key!r}: {labels[bound[key]]!r}, {labels[column]!r}"
            )
        bound[key] = column
    return bound
