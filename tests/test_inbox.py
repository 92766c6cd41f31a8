"""Bad input is refused with one clear reason and never stops the other files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from ingestion.errors import DisclosureRejected, RejectionReason
from ingestion.identify import identify
from ingestion.inbox import read_registry, scan_inbox, write_registry

pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))


def _text_pdf(path: Path, lines: list[str], **canvas_options) -> Path:
    page = canvas.Canvas(str(path), pagesize=A4, invariant=1, **canvas_options)
    page.setFont("STSong-Light", 20)
    for index, line in enumerate(lines):
        page.drawCentredString(A4[0] / 2, A4[1] - (80 + 30 * index) * mm / 3, line)
    page.showPage()
    page.save()
    return path


def _cover(path: Path, department: str = "阳泉市商务局", year: int = 2023, **options) -> Path:
    return _text_pdf(path, [department, f"{year}年度单位决算公开"], **options)


def _image_only_pdf(path: Path) -> Path:
    """A scan: a page with a drawn picture and no text layer."""
    page = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for row in range(40):
        page.setFillGray((row % 5) / 5)
        page.rect(20 * mm, (20 + row * 6) * mm, 170 * mm, 5 * mm, fill=1, stroke=0)
    page.showPage()
    page.save()
    return path


def test_identifies_department_and_year_from_the_cover(tmp_path):
    identity = identify(_cover(tmp_path / "a.pdf"))
    assert (identity.department_name, identity.fiscal_year) == ("阳泉市商务局", 2023)
    assert len(identity.document_id) == 64


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (
            lambda p: p.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF") or p,
            RejectionReason.CORRUPT,
        ),
        (
            lambda p: p.write_bytes(b"PK\x03\x04 this is a zip, not a PDF") or p,
            RejectionReason.CORRUPT,
        ),
        (lambda p: _cover(p, encrypt="secret"), RejectionReason.ENCRYPTED),
        (_image_only_pdf, RejectionReason.SCANNED),
        (
            lambda p: _text_pdf(p, ["会议通知", "请各单位准时参加"]),
            RejectionReason.NOT_A_DISCLOSURE,
        ),
    ],
    ids=["truncated", "not-a-pdf", "encrypted", "scanned", "not-a-disclosure"],
)
def test_bad_files_are_refused_with_their_reason(tmp_path, make, reason):
    path = tmp_path / "bad.pdf"
    make(path)
    with pytest.raises(DisclosureRejected) as refused:
        identify(path)
    assert refused.value.reason == reason
    assert refused.value.message


def test_scan_keeps_good_files_and_quarantines_the_rest(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    good = _cover(inbox / "01-good.pdf")
    shutil.copy(good, inbox / "02-same-bytes.pdf")
    _cover(inbox / "03-same-partition.pdf", department="阳泉市商务局 ")  # other bytes, same key
    _cover(inbox / "04-other.pdf", department="阳泉市财政局", year=2022)
    (inbox / "05-broken.pdf").write_bytes(b"%PDF-1.7\n garbage")
    _image_only_pdf(inbox / "06-scan.pdf")

    scan = scan_inbox([inbox])

    assert sorted(Path(e.path).name for e in scan.accepted) == ["01-good.pdf", "04-other.pdf"]
    reasons = {q.file_name: q.reason for q in scan.quarantined}
    assert reasons == {
        "02-same-bytes.pdf": "duplicate",
        "03-same-partition.pdf": "duplicate",
        "05-broken.pdf": "corrupt",
        "06-scan.pdf": "scanned",
    }
    assert "01-good.pdf" in next(
        q.message for q in scan.quarantined if q.file_name.startswith("02")
    )

    registry = tmp_path / "registry.json"
    write_registry(scan, registry)
    assert read_registry(registry) == scan


def test_missing_path_is_an_error_not_an_empty_load(tmp_path):
    with pytest.raises(FileNotFoundError):
        scan_inbox([tmp_path / "nowhere"])
