"""Extractions kept by content (抽取缓存): a file is read once per extractor version.

The key is the file's sha256 and :data:`ingestion.version.EXTRACTOR_VERSION`: the same bytes
read by the same code give the same records, so a rerun, a second department pointing at the
same file, or a load that was killed after reading reuses them; a parser change reads again.
A refusal is kept as well, so a hostile file costs its limits once, not on every load.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path

from ingestion.errors import DisclosureRejected, RejectionReason
from ingestion.extract import extract_document
from ingestion.records import ExtractedDocument
from ingestion.sandbox import Limits, run_limited
from ingestion.version import EXTRACTOR_VERSION

# Refusals that depend on the machine or on the limits of this run, not on the file alone.
_NOT_KEPT = {RejectionReason.TOO_SLOW, RejectionReason.TOO_MUCH_MEMORY}


def cached_extract(
    path: Path, document_id: str, cache_dir: Path, limits: Limits | None = None
) -> ExtractedDocument:
    """The records of ``path`` (whose bytes hash to ``document_id``), read at most once."""
    entry = cache_entry(document_id, cache_dir)
    if entry.exists():
        try:
            kept = pickle.loads(entry.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
            kept = None  # a torn or stale entry is read again
        if isinstance(kept, ExtractedDocument):
            return _as_file(kept, path)
        if isinstance(kept, tuple) and kept[:1] == ("rejected",):
            _, reason, message, kind = kept
            raise DisclosureRejected(RejectionReason(reason), message, kind)
    try:
        extracted = run_limited(extract_document, path, limits=limits)
    except DisclosureRejected as exc:
        if exc.reason not in _NOT_KEPT:
            _keep(entry, ("rejected", exc.reason.value, exc.message, exc.document_kind))
        raise
    _keep(entry, extracted)
    return extracted


def cache_entry(document_id: str, cache_dir: Path) -> Path:
    """Where the extraction of ``document_id`` by this extractor version is kept."""
    return cache_dir / f"{document_id}-{EXTRACTOR_VERSION}.pickle"


def _as_file(extracted: ExtractedDocument, path: Path) -> ExtractedDocument:
    """A kept extraction under the name this copy of the bytes has."""
    import dataclasses

    if extracted.document.file_name == path.name:
        return extracted
    document = dataclasses.replace(extracted.document, file_name=path.name)
    return dataclasses.replace(extracted, document=document)


def _keep(entry: Path, value: object) -> None:
    entry.parent.mkdir(parents=True, exist_ok=True)
    staging = entry.with_name(f".{entry.name}.{os.getpid()}")
    staging.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    os.replace(staging, entry)
