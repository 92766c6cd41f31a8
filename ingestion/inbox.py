"""The inbox (收件箱): which PDFs to load, into which partition, and which to quarantine.

Scanning identifies each file from the evidence of its pages, reading only as far as it takes
to settle department, year and kind (:mod:`ingestion.identify`), so a folder of thousands is
cheap to survey. Every refused file gets one reason; one bad file never stops the others.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from ingestion.errors import DisclosureRejected, RejectionReason
from ingestion.identify import identify
from ingestion.pdf import sha256_of


@dataclass(frozen=True, slots=True)
class InboxEntry:
    """A file accepted for loading into (fiscal_year × department_key)."""

    path: str
    file_name: str
    document_id: str
    department_name: str
    department_key: str
    fiscal_year: int
    page_count: int
    producer: str | None
    # Defaults let a registry written before these were kept still be read.
    document_kind: str = "决算"
    unit_kind: str | None = None
    identified_from: str = ""


@dataclass(frozen=True, slots=True)
class QuarantinedFile:
    """A refused file (隔离文件) and why."""

    path: str
    file_name: str
    document_id: str | None
    reason: str
    message: str
    detected_at: datetime
    document_kind: str | None = None  # 决算 / 预算 / other when identification got that far


@dataclass
class InboxScan:
    accepted: list[InboxEntry]
    quarantined: list[QuarantinedFile]


def pdf_files(paths: Iterable[Path]) -> list[Path]:
    """PDF files named directly, or found (recursively) in named folders, sorted."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() == ".pdf")
        elif path.exists():
            found.append(path)
        else:
            raise FileNotFoundError(path)
    return sorted({p.resolve() for p in found})


def scan_inbox(paths: Iterable[Path]) -> InboxScan:
    """Identify every file; quarantine corrupt, encrypted, scanned, foreign, unidentified,
    budget (预算) and duplicate ones.

    Of two files with the same bytes, or two that disclose the same department and year, the
    first in path order is kept and the other quarantined as a duplicate naming the first.
    """
    accepted: dict[tuple[int, str], InboxEntry] = {}
    by_hash: dict[str, InboxEntry] = {}
    quarantined: list[QuarantinedFile] = []
    for path in pdf_files(paths):
        try:
            identity = identify(path)
        except DisclosureRejected as exc:
            quarantined.append(
                _quarantine(path, _safe_hash(path), exc.reason, exc.message, exc.document_kind)
            )
            continue
        entry = InboxEntry(path=str(path), file_name=path.name, **asdict(identity))
        partition = (entry.fiscal_year, entry.department_key)
        if (same := by_hash.get(entry.document_id)) is not None:
            quarantined.append(
                _quarantine(
                    path,
                    entry.document_id,
                    RejectionReason.DUPLICATE,
                    f"same bytes as {same.path}",
                    entry.document_kind,
                )
            )
        elif (other := accepted.get(partition)) is not None:
            quarantined.append(
                _quarantine(
                    path,
                    entry.document_id,
                    RejectionReason.DUPLICATE,
                    f"{other.path} already discloses {entry.department_name} {entry.fiscal_year}",
                    entry.document_kind,
                )
            )
        else:
            accepted[partition] = entry
            by_hash[entry.document_id] = entry
    return InboxScan(list(accepted.values()), quarantined)


def write_registry(scan: InboxScan, path: Path) -> None:
    """Persist a scan as JSON (atomically): the map from partition to file."""
    payload = {
        "accepted": [asdict(entry) for entry in scan.accepted],
        "quarantined": [
            {**asdict(q), "detected_at": q.detected_at.isoformat()} for q in scan.quarantined
        ],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(temporary, path)


def read_registry(path: Path) -> InboxScan:
    if not path.exists():
        return InboxScan([], [])
    payload = json.loads(path.read_text(encoding="utf-8"))
    return InboxScan(
        accepted=[InboxEntry(**entry) for entry in payload["accepted"]],
        quarantined=[
            QuarantinedFile(**{**q, "detected_at": datetime.fromisoformat(q["detected_at"])})
            for q in payload["quarantined"]
        ],
    )


def _quarantine(
    path: Path,
    document_id: str | None,
    reason: RejectionReason,
    message: str,
    document_kind: str | None = None,
) -> QuarantinedFile:
    return QuarantinedFile(
        path=str(path),
        file_name=path.name,
        document_id=document_id,
        reason=reason.value,
        message=message,
        detected_at=datetime.now(UTC).replace(tzinfo=None),
        document_kind=document_kind,
    )


def _safe_hash(path: Path) -> str | None:
    try:
        return sha256_of(path)
    except OSError:
        return None
