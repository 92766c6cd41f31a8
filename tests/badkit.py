"""A corpus of broken and hostile files, made by code (坏文件样本), loaded beside the samples.

Each maker writes one file and names what must become of it in ``marts.dim_document``:
(status, reason) — the reason a quarantined file is refused with, or None.
"""

from __future__ import annotations

import os
import shutil
import zlib
from collections.abc import Callable
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "pdf"
SAMPLE_2022 = SAMPLES / "yangquan-commerce-2022.pdf"
SAMPLE_2023 = SAMPLES / "yangquan-commerce-2023.pdf"

pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))


def text_pdf(path: Path, lines: list[str], **canvas_options: object) -> Path:
    page = canvas.Canvas(str(path), pagesize=A4, invariant=1, **canvas_options)
    page.setFont("STSong-Light", 20)
    for index, line in enumerate(lines):
        page.drawCentredString(A4[0] / 2, A4[1] - (80 + 30 * index) * mm / 3, line)
    page.showPage()
    page.save()
    return path


def image_only_pdf(path: Path) -> Path:
    page = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for row in range(40):
        page.setFillGray((row % 5) / 5)
        page.rect(20 * mm, (20 + row * 6) * mm, 170 * mm, 5 * mm, fill=1, stroke=0)
    page.showPage()
    page.save()
    return path


def raw_pdf(path: Path, objects: list[bytes]) -> Path:
    """A PDF written object by object (object 1 the catalog), with a correct xref."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))
    return path


def flate_bomb(path: Path, inflated_bytes: int) -> Path:
    """One page whose content stream is a few MB compressed and ``inflated_bytes`` inflated."""
    compressor = zlib.compressobj(9)
    chunk = b"0 0 m\n" * (1 << 16)
    parts, left = [], inflated_bytes
    while left > 0:
        piece = chunk[: min(len(chunk), left)]
        parts.append(compressor.compress(piece))
        left -= len(piece)
    parts.append(compressor.flush())
    data = b"".join(parts)
    return raw_pdf(
        path,
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data)
            + data
            + b"\nendstream",
        ],
    )


def javascript_pdf(path: Path) -> Path:
    """A page that runs JavaScript when opened (/OpenAction) and says nothing."""
    return raw_pdf(
        path,
        [
            b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
            b"<< /S /JavaScript /JS (app.alert\\('hello'\\);) >>",
        ],
    )


def flipped(path: Path, source: Path) -> Path:
    """``source`` with a run of bytes in its middle inverted: the cover still reads."""
    data = bytearray(source.read_bytes())
    middle = len(data) // 2
    for index in range(middle, middle + 4096):
        data[index] ^= 0xFF
    path.write_bytes(bytes(data))
    return path


Maker = Callable[[Path], Path]


def bad_corpus(folder: Path) -> dict[str, tuple[str, str | None]]:
    """Write the corpus into ``folder``; {file name: (dim_document status, reason)}."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "zero.pdf").write_bytes(b"")
    (folder / "truncated.pdf").write_bytes(SAMPLE_2023.read_bytes()[:40_000])
    (folder / "html.pdf").write_text("<html><body>不是PDF</body></html>", encoding="utf-8")
    shutil.copy(SAMPLE_2022, folder / "copy-of-2022.pdf")
    # a copy of the 2023 sample damaged in its middle, newer than the good one: identified
    # as the same department and year and tried first, it fails and displaces nothing
    flipped(folder / "damaged-2023.pdf", SAMPLE_2023)
    os.utime(folder / "damaged-2023.pdf", (2_000_000_000, 2_000_000_000))
    text_pdf(folder / "password.pdf", ["阳泉市商务局", "2023年度单位决算公开"], encrypt="secret")
    text_pdf(
        folder / "owner-password-only.pdf",
        ["会议通知", "请各单位准时参加"],
        encrypt=StandardEncryption("", ownerPassword="owner", canPrint=0, canCopy=0),
    )
    image_only_pdf(folder / "scan.pdf")
    text_pdf(folder / "notice.pdf", ["会议通知", "请各单位准时参加"])
    javascript_pdf(folder / "javascript.pdf")
    flate_bomb(folder / "bomb.pdf", 2 * 1024**3)
    text_pdf(folder / "far-future.pdf", ["阳泉市商务局", "2036年度单位决算公开"])
    (folder / "passwd.pdf").symlink_to("/etc/passwd")
    (folder / "folder.pdf").mkdir()
    return {
        "folder.pdf": ("quarantined", "not_a_file"),
        "zero.pdf": ("quarantined", "corrupt"),
        "truncated.pdf": ("quarantined", "corrupt"),
        "html.pdf": ("quarantined", "corrupt"),
        "copy-of-2022.pdf": ("duplicate", "duplicate"),
        "damaged-2023.pdf": ("quarantined", "corrupt"),
        "password.pdf": ("quarantined", "encrypted"),
        "owner-password-only.pdf": ("quarantined", "not_a_disclosure"),
        "scan.pdf": ("quarantined", "scanned"),
        "notice.pdf": ("quarantined", "not_a_disclosure"),
        "javascript.pdf": ("quarantined", "scanned"),
        "bomb.pdf": ("quarantined", "too_much_memory"),
        "far-future.pdf": ("quarantined", "unsupported_year"),
        "passwd.pdf": ("quarantined", "corrupt"),
    }
