"""A file is read once per extractor version: its records, or its refusal, are kept by sha256."""

from __future__ import annotations

from pathlib import Path

import pytest

import ingestion.cache as cache
from ingestion.errors import DisclosureRejected, RejectionReason
from ingestion.pdf import sha256_of

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "pdf" / "yangquan-commerce-2023.pdf"


def _no_reading(*args, **kwargs):
    raise AssertionError("the file was read again")


def test_a_document_is_read_once_per_extractor_version(tmp_path, monkeypatch):
    document_id = sha256_of(SAMPLE)
    first = cache.cached_extract(SAMPLE, document_id, tmp_path)
    monkeypatch.setattr(cache, "run_limited", _no_reading)
    again = cache.cached_extract(SAMPLE, document_id, tmp_path)
    assert again == first
    # a copy of the bytes under another name reads as that file
    copy = tmp_path / "copy.pdf"
    copy.write_bytes(SAMPLE.read_bytes())
    assert cache.cached_extract(copy, document_id, tmp_path).document.file_name == "copy.pdf"
    # a parser change (another extractor version) reads the file again
    monkeypatch.setattr(cache, "EXTRACTOR_VERSION", "another")
    with pytest.raises(AssertionError, match="read again"):
        cache.cached_extract(SAMPLE, document_id, tmp_path)


def test_a_refusal_is_kept_but_not_a_limit(tmp_path, monkeypatch):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n garbage")
    with pytest.raises(DisclosureRejected) as first:
        cache.cached_extract(broken, "0" * 64, tmp_path)
    monkeypatch.setattr(cache, "run_limited", _no_reading)
    with pytest.raises(DisclosureRejected) as again:
        cache.cached_extract(broken, "0" * 64, tmp_path)
    assert (again.value.reason, again.value.message) == (first.value.reason, first.value.message)

    def too_slow(*args, **kwargs):
        raise DisclosureRejected(RejectionReason.TOO_SLOW, "took too long")

    monkeypatch.setattr(cache, "run_limited", too_slow)
    with pytest.raises(DisclosureRejected):
        cache.cached_extract(broken, "1" * 64, tmp_path)
    # the limits are this run's: the next run with other limits tries again
    assert not list(tmp_path.glob("1111*.pickle"))


def test_a_torn_entry_is_read_again(tmp_path):
    document_id = sha256_of(SAMPLE)
    entry = tmp_path / f"{document_id}-{cache.EXTRACTOR_VERSION}.pickle"
    entry.write_bytes(b"not a pickle")
    extracted = cache.cached_extract(SAMPLE, document_id, tmp_path)
    assert extracted.document.document_id == document_id
