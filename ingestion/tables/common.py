"""Header reading shared by the table parsers (表头识别).

pdfplumber returns a merged header cell once, with ``None`` in the positions it spans; a
column's label is the text of every header row above it, joined top to bottom.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingestion.locate import GridPart
from ingestion.pdf import Box
from ingestion.text import normalise

COLUMN_NUMBER_ROW_LABELS = ("栏次", "档次")  # 档次 is a common misprint of 栏次
_INT = re.compile(r"^\d{1,3}$")


class UnreadableTable(Exception):
    """The table's structure could not be bound with confidence (insufficient_data)."""


@dataclass(frozen=True, slots=True)
class PageRow:
    page: int
    cells: list[str | None]
    boxes: list[Box | None] = field(default_factory=list)

    def box(self, column: int) -> dict[str, float | None]:
        """The cell's position as AmountCell fields (None where pdfplumber gave no box)."""
        box = self.boxes[column] if column < len(self.boxes) else None
        keys = ("x0", "top", "x1", "bottom")
        return dict(zip(keys, box, strict=True)) if box else dict.fromkeys(keys)


def page_rows(parts: list[GridPart]) -> list[PageRow]:
    """The table's rows over all its grids, without a header a continuation page repeats."""
    rows = []
    for index, part in enumerate(parts):
        skip = repeated_header_rows(parts[0], part) if index else 0
        pairs = zip(part.rows, part.boxes or [[]] * len(part.rows), strict=True)
        for row, boxes in list(pairs)[skip:]:
            rows.append(PageRow(part.page, list(row), list(boxes) if part.boxes else []))
    return rows


def repeated_header_rows(first: GridPart, part: GridPart) -> int:
    """How many leading rows of a continuation grid repeat the table's first rows.

    A producer repeating the header prints the first grid's top rows again, all of them and
    in order: the rows that read the same (whitespace aside) as the first grid's, from the
    top, are the repeat. Reading it as body would add a 收入 / 支出 line to a 收支总表 or a
    second copy of each column's name to its label, whichever parser reads the table.
    """
    count = 0
    for repeated, original in zip(part.rows, first.rows, strict=False):
        if [normalise(c) for c in repeated] != [normalise(c) for c in original]:
            break
        count += 1
    return count


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


def spanned_labels(part: GridPart, header_rows: int) -> list[str]:
    """Each column's label over the first ``header_rows`` rows of a grid, merged cells included.

    pdfplumber marks a merged cell's other positions with None whether the merge runs across
    or down; the cells' boxes tell which: a column takes the text of every distinct cell whose
    box covers the column's centre, top to bottom.
    """
    width = max(len(row) for row in part.boxes)
    centres = _column_centres(part.boxes, width)
    cells = [
        (box, text)
        for boxes, texts in zip(part.boxes[:header_rows], part.rows[:header_rows], strict=True)
        for box, text in zip(boxes, texts, strict=False)
        if box is not None
    ]
    labels = []
    for centre in centres:
        covering = [text for box, text in cells if centre is not None and box[0] < centre < box[2]]
        labels.append("".join(normalise(text) for text in covering))
    return labels


def _column_centres(boxes: list[list[Box | None]], width: int) -> list[float | None]:
    centres: list[float | None] = []
    for column in range(width):
        xs = [row[column] for row in boxes if column < len(row) and row[column] is not None]
        # The narrowest box in a column is an unmerged cell: its centre is the column's.
        narrow = min(xs, key=lambda b: b[2] - b[0], default=None)
        centres.append((narrow[0] + narrow[2]) / 2 if narrow else None)
    return centres
