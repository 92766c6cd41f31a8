"""Documents kept for review (待核查): a 决算 whose department or year stay unknown.

Such a file is quarantined (``unidentified``: loading it would invent a department or a
year), but its tables are read all the same, so a person can see what it prints and decide
where it belongs. The records go to ``<data>/review/<document_id>/``, never into the raw
partitions the marts are built from.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyarrow.parquet as pq

from ingestion.errors import DisclosureRejected
from ingestion.extract import extract_for_review
from ingestion.sandbox import run_limited
from ingestion.version import EXTRACTOR_VERSION
from ingestion.write import REVIEW_MARKER, write_review


@dataclass(frozen=True)
class KeptForReview:
    """Where a document's review records are, and how many tables and cells they hold."""

    folder: Path
    tables: int
    cells: int
    read_again: bool  # False when an earlier load of the same extractor had kept them

    def sentence(self) -> str:
        return (
            f"its {self.tables} tables and {self.cells} amount cells are kept for review "
            f"in {self.folder}"
        )


def keep_for_review(path: Path, document_id: str, review_dir: Path) -> KeptForReview | None:
    """Read ``path`` for review (in a sandboxed child, like every extraction) unless this
    extractor already kept it; None when even the review reading fails."""
    folder = review_dir / document_id
    marker = folder / REVIEW_MARKER
    read_again = not (marker.exists() and marker.read_text(encoding="utf-8") == EXTRACTOR_VERSION)
    if read_again:
        try:
            extracted = run_limited(extract_for_review, path)
        except DisclosureRejected:
            return None
        write_review(extracted, review_dir)
    return KeptForReview(
        folder=folder,
        tables=_rows(folder / "disclosure_table"),
        cells=_rows(folder / "amount_cell"),
        read_again=read_again,
    )


def _rows(record_folder: Path) -> int:
    return pq.read_metadata(record_folder / "part-0.parquet").num_rows
