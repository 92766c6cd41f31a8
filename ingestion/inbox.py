"""The inbox (收件箱): which PDFs to load, into which partition, and which to quarantine.

Scanning identifies each file from the evidence of its pages, reading only as far as it takes
to settle department, year and kind (:mod:`ingestion.identify`), so a folder of thousands is
cheap to survey. Every refused file gets one reason; one bad file never stops the others.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, fields, replace
from datetime import UTC, datetime
from pathlib import Path

from ingestion.catalogue import BUDGET
from ingestion.errors import DisclosureRejected, RejectionReason
from ingestion.identify import DocumentIdentity, identify
from ingestion.pdf import pdf_date, sha256_of
from ingestion.sandbox import Limits, run_limited
from ingestion.sandbox import workers as sandbox_workers
from ingestion.version import EXTRACTOR_VERSION

# The fiscal years the partitions cover; a document of another year is refused with its reason
# rather than crashing the load (orchestration.partitions builds its partitions from these).
FIRST_FISCAL_YEAR = 2010
LAST_FISCAL_YEAR = 2035


# The department dimension of a budget's partition: the department key and this suffix.
BUDGET_PARTITION_SUFFIX = "·预算"


def partition_department(department_key: str, document_kind: str) -> str:
    """The department dimension of a document's partition (分区部门键).

    A department publishes a 决算 and a 预算 (budget) for the same year: each is a partition of
    its own, the 决算 under the department key, the budget under the key and "·预算", so that
    loading one never replaces the other. The records keep the plain department key.
    """
    return department_key + BUDGET_PARTITION_SUFFIX if document_kind == BUDGET else department_key


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
    # Among the files that disclose one department and year: 0 is tried first (the later
    # publication), the next only if it fails to extract.
    rank: int = 0
    published_at: str | None = None

    @property
    def partition_department(self) -> str:
        """The department dimension of the file's partition: a budget's is apart from the
        决算's of the same department and year (:func:`partition_department`)."""
        return partition_department(self.department_key, self.document_kind)


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
    # The extractor that identified these files: identities are reused only from the same one.
    extractor_version: str | None = None


# What identifying a file gives: its identity and the date the PDF says it was made, or why
# it is refused.
Identified = tuple[DocumentIdentity, str | None] | DisclosureRejected
# Refusals the bytes alone decide, so the same file under the same name is refused again
# without being read. Not a timeout or the memory limit (they depend on the limits and on the
# machine's load), nor unidentified (its message grows the review's sentence at each scan).
_SETTLED_REFUSALS = frozenset(
    {
        RejectionReason.CORRUPT,
        RejectionReason.ENCRYPTED,
        RejectionReason.SCANNED,
        RejectionReason.NOT_A_DISCLOSURE,
        RejectionReason.TOO_LARGE,
    }
)


def pdf_files(paths: Iterable[Path]) -> list[Path]:
    """PDF files named directly, or found (recursively) in named folders: in the order the
    paths are given, each folder's files sorted, each file once.

    A link is followed to what it points at and listed under its own name; a folder whose
    name ends in .pdf is a folder, and a link to something that is not a file is no PDF.
    """
    found: dict[Path, None] = {}
    for path in paths:
        if path.is_dir():
            inside = (p for p in path.rglob("*") if p.suffix.lower() == ".pdf" and p.is_file())
            found.update(dict.fromkeys(sorted(p.absolute() for p in inside)))
        elif path.exists():
            found[path.absolute()] = None
        else:
            raise FileNotFoundError(path)
    return list(found)


def pdf_named_folders(paths: Iterable[Path]) -> list[Path]:
    """Folders named like a PDF (foo.pdf/) among the paths and inside the folders given."""
    found: dict[Path, None] = {}
    for path in paths:
        if path.is_dir():
            if path.suffix.lower() == ".pdf":
                found[path.absolute()] = None
            inside = (p for p in path.rglob("*") if p.suffix.lower() == ".pdf" and p.is_dir())
            found.update(dict.fromkeys(sorted(p.absolute() for p in inside)))
    return list(found)


def identify_file(path: Path) -> tuple[DocumentIdentity, str | None]:
    """The identity of ``path`` (a 决算 or a 预算, each loaded into a partition of its own:
    :func:`partition_department`) and the date the PDF says it was made (see pdf_date)."""
    return identify(path, accept_budgets=True), pdf_date(path)


def scan_inbox(
    paths: Iterable[Path],
    *,
    limits: Limits | None = None,
    workers: int | None = None,
    known: Mapping[tuple[str, str], Identified] | None = None,
) -> InboxScan:
    """Identify every file, each in a child process within ``limits`` (on every core at once);
    quarantine corrupt, encrypted, scanned, foreign, unidentified, too slow, too
    big, out-of-range and duplicate ones.

    A file with the same bytes as another is a duplicate of the first met (in the order the
    paths are given), which the message names. Files that disclose the same department and
    year all stay candidates, ranked by the re-publication policy: the later PDF first (its own
    ModDate / CreationDate, then the file's modification time, then path order). Which one
    loads is decided when they are extracted: the first that extracts; a broken file never
    displaces a good one.

    ``known`` holds identities settled by an earlier scan (:func:`known_identities`), by
    sha256 and file name: such a file is hashed, not read, so a rescan of thousands of files
    that did not change costs their hashing.
    """
    files = pdf_files(paths)
    known = known or {}
    # a folder named like a PDF is searched as a folder, and said to be one
    folders = [
        _quarantine(f, None, RejectionReason.NOT_A_FILE,
                    "a folder whose name ends in .pdf (the PDFs inside it are loaded)")
        for f in pdf_named_folders(paths)
    ]  # fmt: skip
    with ThreadPoolExecutor(max_workers=workers or sandbox_workers()) as pool:
        results = list(pool.map(lambda p: _identify_known(p, limits, known), files))
    candidates: dict[tuple[int, str], list[tuple[InboxEntry, float]]] = {}
    by_hash: dict[str, InboxEntry] = {}
    quarantined: list[QuarantinedFile] = folders
    for path, (digest, result) in zip(files, results, strict=True):
        if isinstance(result, DisclosureRejected):
            quarantined.append(
                _quarantine(path, digest or _safe_hash(path), result.reason, result.message,
                            result.document_kind)
            )  # fmt: skip
            continue
        identity, published = result
        entry = InboxEntry(
            path=str(path), file_name=path.name, **asdict(identity), published_at=published
        )
        if not FIRST_FISCAL_YEAR <= entry.fiscal_year <= LAST_FISCAL_YEAR:
            quarantined.append(
                _quarantine(
                    path, entry.document_id, RejectionReason.UNSUPPORTED_YEAR,
                    f"fiscal year {entry.fiscal_year} of {entry.department_name} is outside "
                    f"{FIRST_FISCAL_YEAR}–{LAST_FISCAL_YEAR}", entry.document_kind,
                )
            )  # fmt: skip
            continue
        if (same := by_hash.get(entry.document_id)) is not None:
            quarantined.append(
                _quarantine(
                    path, entry.document_id, RejectionReason.DUPLICATE,
                    f"same bytes as {same.file_name} ({same.path})", entry.document_kind,
                )
            )  # fmt: skip
            continue
        by_hash[entry.document_id] = entry
        partition = (entry.fiscal_year, entry.partition_department)
        candidates.setdefault(partition, []).append((entry, _mtime(path)))
    accepted = []
    for group in candidates.values():
        ordered = sorted(group, key=lambda em: em[0].path)
        ordered.sort(key=lambda em: (em[0].published_at or "", em[1]), reverse=True)
        accepted += [replace_rank(entry, rank) for rank, (entry, _) in enumerate(ordered)]
    return InboxScan(accepted, quarantined, EXTRACTOR_VERSION)


def known_identities(previous: InboxScan) -> dict[tuple[str, str], Identified]:
    """What an earlier scan by this extractor settled, by (sha256, file name): the identity of
    every accepted file and the refusals its bytes decide.

    The name is part of the key because identification reads the file name as confirming
    evidence, so a renamed file is read again.
    """
    if previous.extractor_version != EXTRACTOR_VERSION:
        return {}
    known: dict[tuple[str, str], Identified] = {}
    for q in previous.quarantined:
        if q.document_id is not None and q.reason in _SETTLED_REFUSALS:
            refusal = DisclosureRejected(RejectionReason(q.reason), q.message, q.document_kind)
            known[(q.document_id, q.file_name)] = refusal
    identity_fields = [f.name for f in fields(DocumentIdentity)]
    for entry in previous.accepted:
        identity = DocumentIdentity(**{k: getattr(entry, k) for k in identity_fields})
        known[(entry.document_id, entry.file_name)] = (identity, entry.published_at)
    return known


def keep_first_detection(scan: InboxScan, previous: InboxScan) -> InboxScan:
    """``scan`` with each file refused before for the same reason dated when it was first
    refused (首次发现时间), not at this scan."""
    first = {(q.path, q.document_id, q.reason): q.detected_at for q in previous.quarantined}
    quarantined = [
        replace(q, detected_at=first.get((q.path, q.document_id, q.reason), q.detected_at))
        for q in scan.quarantined
    ]
    return InboxScan(scan.accepted, quarantined, scan.extractor_version)


def replace_rank(entry: InboxEntry, rank: int) -> InboxEntry:
    return InboxEntry(**{**asdict(entry), "rank": rank})


def partition_candidates(scan: InboxScan, fiscal_year: int, department: str) -> list[InboxEntry]:
    """The files that disclose one department and year (of one kind: ``department`` is the
    partition's, :attr:`InboxEntry.partition_department`), in the order they are tried."""
    return sorted(
        (
            e
            for e in scan.accepted
            if e.fiscal_year == fiscal_year and e.partition_department == department
        ),
        key=lambda e: e.rank,
    )


def partitions(scan: InboxScan) -> list[InboxEntry]:
    """One entry per department and year (its first candidate), in registry order."""
    return [e for e in scan.accepted if e.rank == 0]


def _identify_known(
    path: Path, limits: Limits | None, known: Mapping[tuple[str, str], Identified]
) -> tuple[str | None, Identified]:
    """The file's sha256 when it was hashed here (to look it up in ``known``), and what
    identifying it gives."""
    digest = _safe_hash(path) if known else None
    if digest is not None and (settled := known.get((digest, path.name))) is not None:
        return digest, settled
    try:
        return digest, run_limited(identify_file, path, limits=limits)
    except DisclosureRejected as exc:
        return digest, exc


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def write_registry(scan: InboxScan, path: Path) -> None:
    """Persist a scan as JSON (atomically): the map from partition to file."""
    payload = {
        "extractor_version": scan.extractor_version,
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
        extractor_version=payload.get("extractor_version"),
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
