"""Bad input is refused with one clear reason and never stops the other files."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from badkit import image_only_pdf as _image_only_pdf
from badkit import text_pdf as _text_pdf

from ingestion.errors import DisclosureRejected, RejectionReason
from ingestion.identify import identify
from ingestion.inbox import partitions, read_registry, scan_inbox, write_registry


def _cover(path: Path, department: str = "阳泉市商务局", year: int = 2023, **options) -> Path:
    return _text_pdf(path, [department, f"{year}年度单位决算公开"], **options)


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
    _cover(inbox / "07-far-future.pdf", year=2036)
    # the re-publication is the later file (the PDFs' own dates are equal: invariant=1)
    os.utime(inbox / "01-good.pdf", (1_700_000_000, 1_700_000_000))
    os.utime(inbox / "03-same-partition.pdf", (1_710_000_000, 1_710_000_000))

    scan = scan_inbox([inbox])

    ranked = sorted((e.file_name, e.fiscal_year, e.rank) for e in scan.accepted)
    assert ranked == [
        ("01-good.pdf", 2023, 1),  # tried only if the later publication fails to extract
        ("03-same-partition.pdf", 2023, 0),
        ("04-other.pdf", 2022, 0),
    ]
    assert [e.file_name for e in partitions(scan)] == ["03-same-partition.pdf", "04-other.pdf"]
    reasons = {q.file_name: q.reason for q in scan.quarantined}
    assert reasons == {
        "02-same-bytes.pdf": "duplicate",
        "05-broken.pdf": "corrupt",
        "06-scan.pdf": "scanned",
        "07-far-future.pdf": "unsupported_year",
    }
    duplicate = next(q for q in scan.quarantined if q.file_name.startswith("02"))
    assert "same bytes as 01-good.pdf" in duplicate.message  # names the original, not itself
    far = next(q for q in scan.quarantined if q.file_name.startswith("07"))
    assert far.message == "fiscal year 2036 of 阳泉市商务局 is outside 2010–2035"

    registry = tmp_path / "registry.json"
    write_registry(scan, registry)
    assert read_registry(registry) == scan


def test_a_link_is_listed_under_its_own_name(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "x.pdf").symlink_to("/etc/passwd")
    scan = scan_inbox([inbox])
    assert [(q.file_name, q.reason) for q in scan.quarantined] == [("x.pdf", "corrupt")]


def test_missing_path_is_an_error_not_an_empty_load(tmp_path):
    with pytest.raises(FileNotFoundError):
        scan_inbox([tmp_path / "nowhere"])


def test_any_printed_name_is_a_partition_key_and_one_folder(tmp_path):
    from ingestion.text import department_key, path_segment
    from ingestion.write import partition_dir
    from orchestration.partitions import document_partition_key

    name = department_key("阳泉市|商务局")
    assert name == "阳泉市¦商务局"  # "|" separates a partition key's dimensions
    key = document_partition_key(2023, name)
    # the key splits back into its two dimensions (a raw "|" would make three)
    assert str(key).split("|") in (["2023", name], [name, "2023"])
    assert key.keys_by_dimension == {"fiscal_year": "2023", "department": name}
    # a name made to climb out of the data folder stays one folder inside it
    for hostile in ("../../etc", "..", "a/b\\c", "."):
        folder = partition_dir(tmp_path / "raw", "document", 2023, hostile)
        assert folder.parent == tmp_path / "raw" / "document" / "fiscal_year=2023"
        assert ".." not in folder.name.split("=", 1)[1].split("/")
        assert path_segment(hostile) not in ("..", ".")


def _counting_reads(monkeypatch) -> list[str]:
    """The names of the files the scan reads (in a child process each), from now on."""
    import ingestion.inbox as inbox_module

    read: list[str] = []
    real = inbox_module.run_limited

    def counted(function, path, **options):
        read.append(Path(path).name)
        return real(function, path, **options)

    monkeypatch.setattr(inbox_module, "run_limited", counted)
    return read


def _without_detection_times(scan):
    return (scan.accepted, [(q.path, q.reason, q.message) for q in scan.quarantined])


def test_a_rescan_reads_only_files_it_has_not_settled(tmp_path, monkeypatch):
    from ingestion.inbox import known_identities

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    _cover(inbox / "01-good.pdf")
    _cover(inbox / "02-other.pdf", department="阳泉市财政局", year=2022)
    (inbox / "03-broken.pdf").write_bytes(b"%PDF-1.7\n garbage")
    _image_only_pdf(inbox / "04-scan.pdf")
    registry = tmp_path / "registry.json"
    write_registry(scan_inbox([inbox]), registry)
    first = read_registry(registry)
    read = _counting_reads(monkeypatch)

    again = scan_inbox([inbox], known=known_identities(first))
    assert read == []  # every file was settled: hashed, not read
    assert _without_detection_times(again) == _without_detection_times(first)

    # New bytes under an old name, an old file under a new name, and a new file: only those.
    _cover(inbox / "02-other.pdf", department="阳泉市教育局", year=2022)
    (inbox / "01-good.pdf").rename(inbox / "01-renamed.pdf")
    _cover(inbox / "05-new.pdf", department="阳泉市民政局")
    changed = scan_inbox([inbox], known=known_identities(first))
    assert sorted(read) == ["01-renamed.pdf", "02-other.pdf", "05-new.pdf"]
    assert sorted((e.file_name, e.department_name) for e in changed.accepted) == [
        ("01-renamed.pdf", "阳泉市商务局"),
        ("02-other.pdf", "阳泉市教育局"),
        ("05-new.pdf", "阳泉市民政局"),
    ]


def test_a_rescan_by_another_extractor_reads_every_file_again(tmp_path, monkeypatch):
    import dataclasses

    from ingestion.inbox import known_identities

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    _cover(inbox / "01-good.pdf")
    (inbox / "02-broken.pdf").write_bytes(b"%PDF-1.7\n garbage")
    first = scan_inbox([inbox])
    read = _counting_reads(monkeypatch)
    older = dataclasses.replace(first, extractor_version="an-older-extractor")
    assert known_identities(older) == {}
    scan_inbox([inbox], known=known_identities(older))
    assert sorted(read) == ["01-good.pdf", "02-broken.pdf"]


def test_a_refusal_for_time_or_memory_is_tried_again(tmp_path, monkeypatch):
    from datetime import datetime

    from ingestion.inbox import InboxScan, QuarantinedFile, known_identities
    from ingestion.pdf import sha256_of

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    good = _cover(inbox / "01-good.pdf")
    # As if the file had timed out last time, on a loaded machine: it is read again.
    timed_out = QuarantinedFile(
        path=str(good), file_name=good.name, document_id=sha256_of(good),
        reason=RejectionReason.TOO_SLOW.value, message="took too long",
        detected_at=datetime(2026, 1, 1),
    )  # fmt: skip
    previous = InboxScan([], [timed_out], scan_inbox([inbox]).extractor_version)
    assert known_identities(previous) == {}
    read = _counting_reads(monkeypatch)
    again = scan_inbox([inbox], known=known_identities(previous))
    assert read == ["01-good.pdf"]
    assert [e.file_name for e in again.accepted] == ["01-good.pdf"]
