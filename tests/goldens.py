"""The golden PDFs as extracted, each read once per test process and shared by every module.

Several modules read the same fixture PDFs (the samples, 普陀 2024): through :func:`extracted`
each is extracted once per process (per xdist worker). The records are shared, so a test that
changes one copies it first (as ``rulekit.altered`` does).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ingestion.extract import extract_document
from ingestion.records import ExtractedDocument


def extracted(path: Path) -> ExtractedDocument:
    return _extracted(Path(path).resolve())


@cache
def _extracted(path: Path) -> ExtractedDocument:
    return extract_document(path)
