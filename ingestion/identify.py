"""Which department and year a PDF discloses (文件识别), read from its first pages only.

Cheap enough to run over a whole inbox before any table is parsed: it decides the
(fiscal year × department) partition a document loads into, and rejects what is not a
text-layer 决算公开 document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ingestion.errors import DisclosureRejected, RejectionReason
from ingestion.pdf import OpenedDocument, PageContent, open_disclosure
from ingestion.text import department_key, normalise

_COVER = re.compile(r"^(?P<name>.+?)(?P<year>20\d{2})年度?(?:部门|单位)?决算")
_DEPARTMENT_LINE = re.compile(
    r"(?:部门|单位)名称[:：](?P<name>.+?)(?:20\d{2}年度|(?:金额)?单位[:：]|$)"
)
_YEAR_LINE = re.compile(r"(?P<year>20\d{2})年度")
_PAGES_READ = 3
# 部门决算 reports a department with its units; 单位决算 a single unit (the cover says which).
_UNIT_KIND = re.compile(r"(部门|单位)决算")


@dataclass(frozen=True, slots=True)
class DocumentIdentity:
    """The partition a document belongs to, and the facts read on the way."""

    document_id: str
    department_name: str
    department_key: str
    fiscal_year: int
    page_count: int
    producer: str | None


def identify(path: Path) -> DocumentIdentity:
    """Open ``path`` and identify it, or raise :class:`DisclosureRejected`."""
    with open_disclosure(path) as document:
        return identify_opened(document)


def identify_opened(document: OpenedDocument) -> DocumentIdentity:
    first_pages = document.pages[:_PAGES_READ]
    if not any(page.lines for page in first_pages):
        raise DisclosureRejected(
            RejectionReason.SCANNED,
            f"no text layer on the first {len(first_pages)} page(s): a scan needs OCR first",
        )
    found = _from_cover(first_pages[0]) or _from_table_lines(document.pages)
    if found is None:
        raise DisclosureRejected(
            RejectionReason.NOT_A_DISCLOSURE,
            "no '<department> <year>年度…决算' title on the cover and no 部门名称 line",
        )
    name, year = found
    return DocumentIdentity(
        document_id=document.document_id,
        department_name=name,
        department_key=department_key(name),
        fiscal_year=year,
        page_count=document.page_count,
        producer=document.producer,
    )


def unit_kind_of(document: OpenedDocument) -> str | None:
    """Whether the report is a 部门决算 (a department with its units) or a 单位决算 (one unit),
    as its first pages title it; None when they name neither."""
    for page in document.pages[:_PAGES_READ]:
        match = _UNIT_KIND.search(normalise("".join(line.text for line in page.lines)))
        if match:
            return match.group(1)
    return None


def _from_cover(page: PageContent) -> tuple[str, int] | None:
    text = normalise("".join(line.text for line in page.lines))
    match = _COVER.search(text)
    if match is None:
        return None
    return match.group("name"), int(match.group("year"))


def _from_table_lines(pages: list[PageContent]) -> tuple[str, int] | None:
    """Fallback: the 部门名称：… and 20XX年度 lines printed above the tables."""
    for page in pages[:12]:
        year = _YEAR_LINE.search(page.text)
        if year is None or "决算" not in page.text:
            continue
        for line in page.lines:
            if name := _DEPARTMENT_LINE.search(normalise(line.text)):
                return name.group("name"), int(year.group("year"))
    return None
