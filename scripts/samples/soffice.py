"""Convert a document to PDF with LibreOffice, reproducibly (shared by the variant tools).

Why: the variants printed by LibreOffice (a spreadsheet, a word-processor document) are
committed as test fixtures; LibreOffice stamps each PDF with the current time and a random
document id, which are replaced here with fixed values of the same length (so the
cross-reference offsets stay valid). The PDF is then reproducible for a given LibreOffice
version and font set — not across versions: it is a fixture, not a build product.

LibreOffice is needed on the machine that regenerates the fixtures only (see
samples/README.md), never by the tests.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

FIXED_TIME = dt.datetime(2024, 9, 30, 9, 0, 0)


def soffice_version() -> str:
    """``soffice --version``, e.g. ``LibreOffice 7.4.7.2 40(Build:2)``."""
    out = subprocess.run(["soffice", "--version"], capture_output=True, text=True, check=True)
    return out.stdout.strip()


def convert_to_pdf(source: Path, pdf: Path) -> Path:
    """``soffice --headless --convert-to pdf`` with a throw-away profile, then normalised."""
    if shutil.which("soffice") is None:
        raise SystemExit(
            "soffice not found: apt-get install -y libreoffice-calc-nogui libreoffice-writer-nogui"
        )
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile"
        cmd = [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            tmp,
            str(source),
        ]
        subprocess.run(cmd, check=True, capture_output=True, timeout=300)
        produced = Path(tmp) / f"{source.stem}.pdf"
        data = normalise_pdf(produced.read_bytes())
    pdf.write_bytes(data)
    return pdf


_DATE = re.compile(rb"\((D:)(\d{14})")
_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]")
_CHECKSUM = re.compile(rb"/DocChecksum\s*/([0-9A-Fa-f]+)")


def normalise_pdf(data: bytes) -> bytes:
    """Fix the creation date, the /ID and /DocChecksum (same lengths: offsets stay valid)."""
    stamp = FIXED_TIME.strftime("%Y%m%d%H%M%S").encode()

    def zeros(m: re.Match[bytes]) -> bytes:
        out = m.group(0)
        for g in m.groups():
            out = out.replace(g, b"0" * len(g))
        return out

    out = _DATE.sub(lambda m: b"(" + m.group(1) + stamp, data)
    out = _CHECKSUM.sub(zeros, _ID.sub(zeros, out))
    if len(out) != len(data):
        raise RuntimeError("normalising the PDF changed its length")
    return out
