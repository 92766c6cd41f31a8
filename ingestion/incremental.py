"""What a load can skip (增量加载): partitions already written from the same files by the same
extractor, and a warehouse already built from the same raw layer by the same build code.

A partition is current when its outcomes name the files the registry now lists for it, in the
same order, read by this extractor version, and its records are all on disk. A build is current
when the digest of everything it reads (the raw layer's files, the build's code, the extractor
version, the warehouse it writes) equals the one recorded after the last build that succeeded.
The record is removed before a build starts and written only after the build and its reports
succeeded, so a load killed in between builds again: skipping never rests on a half-done build.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingestion.inbox import InboxEntry
from ingestion.rawstore import RawDir, S3Raw
from ingestion.records import FileOutcome
from ingestion.version import EXTRACTOR_VERSION
from ingestion.write import PARTITION_RECORDS, partition_exists

# Left behind by an interrupted write (write._replace_partition, write_quarantine): never read.
_TRANSIENT_SUFFIXES = (".staging", ".previous", ".tmp")
# Build code folders hold what the build writes next to its sources; none of it is an input.
_NOT_CODE = {"target", "logs", "dbt_packages", "__pycache__", ".pytest_cache"}


def partition_is_current(
    previous: list[FileOutcome],
    candidates: list[InboxEntry],
    raw_dir: RawDir,
    fiscal_year: int,
    department: str,
) -> bool:
    """The partition was last written from exactly these files by this extractor version
    (分区未变)."""
    if not previous or any(o.extractor_version != EXTRACTOR_VERSION for o in previous):
        return False
    # outcomes are written in the order the files were tried: the same files in the same order
    # give the same winner, whose records must still be there
    # (and from the same paths: a moved file is re-recorded, from the cache, so the outcome and
    # the report's page images point at where the file is now)
    if [(o.document_id, o.path) for o in previous] != [(e.document_id, e.path) for e in candidates]:
        return False
    return all(
        partition_exists(raw_dir, record, fiscal_year, department) for record in PARTITION_RECORDS
    )


def _transient(path: Path) -> bool:
    return any(part.endswith(_TRANSIENT_SUFFIXES) for part in path.parts)


def file_digests(root: Path, *, skip: set[str] = frozenset()) -> dict[str, bytes]:
    """The sha256 of every file under ``root``, by its relative path, sorted (each file read
    once: the raw layer's digest and its departments' come from the same reading)."""
    if not root.exists():
        return {}
    found = []
    for folder, subfolders, files in os.walk(root):
        # A skipped folder is not walked at all: dbt's target/ holds a folder per build.
        subfolders[:] = [name for name in subfolders if name not in skip]
        found += [Path(folder, name).relative_to(root) for name in files if name not in skip]
    digests = {}
    for relative in sorted(found):
        if not _transient(relative):
            digests[relative.as_posix()] = hashlib.sha256((root / relative).read_bytes()).digest()
    return digests


def combined_digest(files: dict[str, bytes]) -> str:
    """One digest over files' relative paths and digests."""
    digest = hashlib.sha256()
    for relative, file_digest in files.items():
        digest.update(relative.encode() + b"\0")
        digest.update(file_digest)
    return digest.hexdigest()


def folder_digest(root: Path, *, skip: set[str] = frozenset()) -> str:
    """sha256 over every file's relative path and bytes under ``root`` (sorted)."""
    return combined_digest(file_digests(root, skip=skip))


def department_digests(raw_files: dict[str, bytes]) -> dict[str, str]:
    """One digest per department over all its years' records, from the raw layer's
    :func:`file_digests` (its report reads every year: the year-on-year rules compare a
    document with the one before)."""
    by_department: dict[str, Any] = {}
    records = set(PARTITION_RECORDS)
    for relative, file_digest in raw_files.items():
        parts = relative.split("/")
        if (
            len(parts) != 4
            or parts[0] not in records
            or not parts[1].startswith("fiscal_year=")
            or not parts[2].startswith("department=")
            or parts[3] != "part-0.parquet"
        ):
            continue
        department = parts[2].removeprefix("department=")
        digest = by_department.setdefault(department, hashlib.sha256())
        digest.update(f"{parts[0]}/{parts[1]}".encode() + b"\0")
        digest.update(file_digest)
    return {department: digest.hexdigest() for department, digest in by_department.items()}


@dataclass(frozen=True)
class BuildInputs:
    """The digests of what a warehouse build reads (构建输入)."""

    raw: str
    code: str
    extractor_version: str
    warehouse: str
    departments: dict[str, str] = field(default_factory=dict)

    @property
    def fingerprint(self) -> str:
        return f"{self.raw}:{self.code}:{self.extractor_version}:{self.warehouse}"


def raw_digests(raw_dir: RawDir) -> dict[str, bytes]:
    """:func:`file_digests` of the raw layer, a local folder or a prefix on S3."""
    if isinstance(raw_dir, S3Raw):
        return {k: d for k, d in raw_dir.file_digests().items() if not _transient(Path(k))}
    return file_digests(raw_dir)


def build_inputs(raw_dir: RawDir, code_roots: Iterable[Path], warehouse: Path) -> BuildInputs:
    code = hashlib.sha256()
    for root in code_roots:
        code.update(root.name.encode() + b"\0" + folder_digest(root, skip=_NOT_CODE).encode())
    raw = raw_digests(raw_dir)
    return BuildInputs(
        raw=combined_digest(raw),
        code=code.hexdigest(),
        extractor_version=EXTRACTOR_VERSION,
        warehouse=str(warehouse),
        departments=department_digests(raw),
    )


@dataclass
class BuildRecord:
    """What the last successful build was made from and what it said (上次构建记录)."""

    inputs: BuildInputs
    summary: dict[str, Any]

    def to_json(self) -> str:
        inputs = self.inputs
        return json.dumps(
            {
                "raw": inputs.raw,
                "code": inputs.code,
                "extractor_version": inputs.extractor_version,
                "warehouse": inputs.warehouse,
                "departments": inputs.departments,
                "summary": self.summary,
            },
            ensure_ascii=False,
            indent=1,
        )


def read_build_record(path: Path) -> BuildRecord | None:
    """The record of the last successful build, or None (none, torn or of another layout)."""
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
        inputs = BuildInputs(
            raw=payload["raw"],
            code=payload["code"],
            extractor_version=payload["extractor_version"],
            warehouse=payload["warehouse"],
            departments=dict(payload["departments"]),
        )
        return BuildRecord(inputs, dict(payload["summary"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_build_record(record: BuildRecord, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = path.with_name(path.name + ".tmp")
    staging.write_text(record.to_json(), encoding="utf-8")
    os.replace(staging, path)


def changed_departments(previous: BuildRecord | None, now: BuildInputs) -> set[str] | None:
    """Departments whose records changed since ``previous``; None when everything must be
    redone (no record, or other build code or extractor)."""
    if previous is None:
        return None
    before = previous.inputs
    if (before.code, before.extractor_version, before.warehouse) != (
        now.code,
        now.extractor_version,
        now.warehouse,
    ):
        return None
    return {d for d, digest in now.departments.items() if before.departments.get(d) != digest}
