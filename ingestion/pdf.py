"""Open a disclosure PDF once and read each page once (PDF 读取).

Every later step (locating tables, parsing them, the narrative) works on the cached
:class:`PageContent`, so a page is never parsed twice.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from ingestion.errors import DisclosureRejected, RejectionReason

# A 决算公开 PDF is tens of pages; beyond this it is not one document (or not one at all).
MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_PAGES = 2000

Rows = list[list[str | None]]
Box = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class TextLine:
    text: str
    top: float


@dataclass(frozen=True, slots=True)
class RuledTable:
    top: float
    bottom: float
    rows: Rows
    # Each cell's (x0, top, x1, bottom), aligned with ``rows``; None where a merged cell spans.
    boxes: list[list[Box | None]]


def sha256_of(path: Path) -> str:
    """The document id: sha256 of the file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass
class PageContent:
    """One page's text and ruled tables, extracted once."""

    number: int  # 1-based
    page: pdfplumber.page.Page

    @cached_property
    def lines(self) -> list[TextLine]:
        """The page's text lines, top to bottom, with their vertical position."""
        return [
            TextLine(text=line["text"], top=float(line["top"]))
            for line in self.page.extract_text_lines(strip=True, return_chars=False)
            if line["text"].strip()
        ]

    @cached_property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @cached_property
    def tables(self) -> list[RuledTable]:
        """Ruled tables on the page, top to bottom, as pdfplumber reads their cells."""
        found = self.page.find_tables()
        return sorted(
            (
                RuledTable(
                    top=float(t.bbox[1]),
                    bottom=float(t.bbox[3]),
                    rows=t.extract(),
                    boxes=[list(row.cells) for row in t.rows],
                )
                for t in found
            ),
            key=lambda t: t.top,
        )


@dataclass
class OpenedDocument:
    path: Path
    document_id: str
    page_count: int
    producer: str | None
    pages: list[PageContent]
    # The metadata /Title: weak evidence of identity only, real ones are often stale or junk.
    title: str | None = None


@contextmanager
def open_disclosure(path: Path) -> Iterator[OpenedDocument]:
    """Open ``path`` as a text PDF, or raise :class:`DisclosureRejected` with the reason."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise DisclosureRejected(
            RejectionReason.TOO_LARGE, f"{size} bytes is over the {MAX_FILE_BYTES} byte limit"
        )
    with path.open("rb") as handle:
        if not handle.read(1024).lstrip().startswith(b"%PDF"):
            raise DisclosureRejected(RejectionReason.CORRUPT, "the file is not a PDF")
    document_id = sha256_of(path)
    try:
        pdf = pdfplumber.open(path)
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise DisclosureRejected(
            RejectionReason.ENCRYPTED, "the PDF is password-protected"
        ) from exc
    except PdfminerException as exc:
        raise _classify_pdfminer_error(exc) from exc
    except Exception as exc:  # pdfminer raises many unrelated types on damaged files
        raise DisclosureRejected(RejectionReason.CORRUPT, f"cannot be opened: {exc!r}") from exc
    try:
        try:
            page_count = len(pdf.pages)
        except PdfminerException as exc:
            raise _classify_pdfminer_error(exc) from exc
        except Exception as exc:
            raise DisclosureRejected(
                RejectionReason.CORRUPT, f"page tree unreadable: {exc!r}"
            ) from exc
        if page_count == 0:
            raise DisclosureRejected(RejectionReason.CORRUPT, "the PDF has no pages")
        if page_count > MAX_PAGES:
            raise DisclosureRejected(
                RejectionReason.TOO_LARGE, f"{page_count} pages is over the {MAX_PAGES} page limit"
            )
        producer = pdf.metadata.get("Producer") or pdf.metadata.get("Creator") or None
        pages = [PageContent(number=i + 1, page=page) for i, page in enumerate(pdf.pages)]
        title = (_as_text(pdf.metadata.get("Title")) or "").strip() or None
        yield OpenedDocument(path, document_id, page_count, _as_text(producer), pages, title)
    finally:
        pdf.close()


_PDF_DATE = re.compile(r"^D?:?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?")


def pdf_date(path: Path) -> str | None:
    """When the PDF says it was last made (ModDate, else CreationDate), ISO 8601, or None.

    Read with pypdfium2 from the document information only, without parsing a page: the date a
    re-publication is told apart by, which survives copying where a file's mtime does not.
    """
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(str(path))
    except Exception:
        return None
    try:
        metadata = document.get_metadata_dict()
    except Exception:
        return None
    finally:
        document.close()
    for field in ("ModDate", "CreationDate"):
        match = _PDF_DATE.match((metadata.get(field) or "").strip())
        if match and match.group(1):
            year, month, day, hour, minute, second = (g or d for g, d in zip(
                match.groups(), ("", "01", "01", "00", "00", "00"), strict=True
            ))
            return f"{year}-{month}-{day}T{hour}:{minute}:{second}"
    return None


def _classify_pdfminer_error(exc: PdfminerException) -> DisclosureRejected:
    cause = exc.args[0] if exc.args else exc
    if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
        return DisclosureRejected(RejectionReason.ENCRYPTED, "the PDF is password-protected")
    return DisclosureRejected(RejectionReason.CORRUPT, f"cannot be parsed: {cause!r}")


def _as_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)
