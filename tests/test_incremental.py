"""What a load may skip (ingestion.incremental): the decisions, on files written here.

The loads that skip are in tests/test_load_samples.py (a rerun with nothing new, one new
document into a loaded warehouse).
"""

from __future__ import annotations

import dataclasses
import shutil
from datetime import datetime
from pathlib import Path

import ingestion
from ingestion.inbox import InboxEntry, InboxScan, QuarantinedFile, keep_first_detection
from ingestion.incremental import (
    BuildRecord,
    build_inputs,
    changed_departments,
    folder_digest,
    partition_is_current,
    read_build_record,
    write_build_record,
)
from ingestion.records import FileOutcome
from ingestion.seeds import SEEDS_DIR
from ingestion.version import EXTRACTOR_VERSION, PARSING_SEEDS, extractor_digest
from ingestion.write import PARTITION_RECORDS, partition_dir


def _entry(document_id: str, path: str = "/inbox/a.pdf") -> InboxEntry:
    return InboxEntry(
        path=path, file_name=Path(path).name, document_id=document_id,
        department_name="阳泉市商务局", department_key="阳泉市商务局", fiscal_year=2023,
        page_count=30, producer=None,
    )  # fmt: skip


def _outcome(entry: InboxEntry, version: str = EXTRACTOR_VERSION) -> FileOutcome:
    return FileOutcome(
        path=entry.path, file_name=entry.file_name, document_id=entry.document_id,
        fiscal_year=entry.fiscal_year, department_key=entry.department_key, status="loaded",
        reason=None, message=None, related_document_id=None, published_at=None,
        decided_at=datetime(2026, 1, 1), extractor_version=version,
    )  # fmt: skip


def _write_records(raw: Path, year: int = 2023, department: str = "阳泉市商务局") -> None:
    for record in PARTITION_RECORDS:
        folder = partition_dir(raw, record, year, department)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "part-0.parquet").write_bytes(f"{record} {year}".encode())


def test_a_partition_is_current_only_for_the_same_files_paths_and_extractor(tmp_path):
    raw = tmp_path / "raw"
    _write_records(raw)
    entry = _entry("aaa")
    same = [_outcome(entry)]
    assert partition_is_current(same, [entry], raw, 2023, "阳泉市商务局")
    # another version of the file, a second candidate, a moved file, another extractor
    assert not partition_is_current(same, [_entry("bbb")], raw, 2023, "阳泉市商务局")
    assert not partition_is_current(same, [entry, _entry("ccc")], raw, 2023, "阳泉市商务局")
    assert not partition_is_current(same, [_entry("aaa", "/moved/a.pdf")], raw, 2023,
                                    "阳泉市商务局")  # fmt: skip
    assert not partition_is_current([_outcome(entry, "old")], [entry], raw, 2023, "阳泉市商务局")
    assert not partition_is_current([], [entry], raw, 2023, "阳泉市商务局")
    # a record lost from the raw layer is written again
    (partition_dir(raw, PARTITION_RECORDS[0], 2023, "阳泉市商务局") / "part-0.parquet").unlink()
    assert not partition_is_current(same, [entry], raw, 2023, "阳泉市商务局")


def test_the_raw_digest_sees_content_and_names_and_ignores_interrupted_writes(tmp_path):
    raw = tmp_path / "raw"
    _write_records(raw)
    before = folder_digest(raw)
    leftover = raw / "document" / "fiscal_year=2023" / "department=x.staging" / "part-0.parquet"
    leftover.parent.mkdir(parents=True)
    leftover.write_bytes(b"half written")
    assert folder_digest(raw) == before
    target = partition_dir(raw, "amount_cell", 2023, "阳泉市商务局") / "part-0.parquet"
    target.write_bytes(b"another cell")
    assert folder_digest(raw) != before
    target.rename(target.with_name("part-1.parquet"))
    assert len({before, folder_digest(raw)}) == 2


def test_changed_departments_are_those_whose_records_changed(tmp_path):
    raw, code = tmp_path / "raw", tmp_path / "dbt_project"
    code.mkdir()
    (code / "model.sql").write_text("select 1")
    (code / "target").mkdir()
    _write_records(raw, 2022, "甲局")
    _write_records(raw, 2023, "甲局")
    _write_records(raw, 2023, "乙局")
    warehouse = tmp_path / "w.duckdb"
    first = build_inputs(raw, [code], warehouse)
    record = BuildRecord(first, {"checks": []})
    write_build_record(record, tmp_path / "last-build.json")
    kept = read_build_record(tmp_path / "last-build.json")
    assert kept is not None and kept.inputs == first
    # dbt's own output is not an input; nothing changed
    (code / "target" / "manifest.json").write_text("{}")
    again = build_inputs(raw, [code], warehouse)
    assert again.fingerprint == first.fingerprint
    assert changed_departments(kept, again) == set()
    # one year of 甲局 changes: 甲局 (all its years) is redone, 乙局 is not
    (partition_dir(raw, "amount_cell", 2022, "甲局") / "part-0.parquet").write_bytes(b"new")
    changed = build_inputs(raw, [code], warehouse)
    assert changed.fingerprint != first.fingerprint
    assert changed_departments(kept, changed) == {"甲局"}
    # other build code: everything is redone
    (code / "model.sql").write_text("select 2")
    assert changed_departments(kept, build_inputs(raw, [code], warehouse)) is None
    assert changed_departments(None, first) is None


def test_a_torn_build_record_is_no_record(tmp_path):
    path = tmp_path / "last-build.json"
    path.write_text('{"raw": "abc", "code"')
    assert read_build_record(path) is None
    assert read_build_record(tmp_path / "missing.json") is None


def test_a_file_refused_again_keeps_the_time_it_was_first_refused():
    first_seen = datetime(2026, 1, 1, 8, 0)
    now = datetime(2026, 6, 1, 9, 30)
    refused = QuarantinedFile("/inbox/bad.pdf", "bad.pdf", "ddd", "corrupt", "not a PDF", now)
    previous = InboxScan([], [dataclasses.replace(refused, detected_at=first_seen)])
    other_reason = dataclasses.replace(refused, reason="encrypted")
    new_file = dataclasses.replace(refused, path="/inbox/new.pdf")
    kept = keep_first_detection(InboxScan([], [refused, other_reason, new_file]), previous)
    assert [q.detected_at for q in kept.quarantined] == [first_seen, now, now]


def test_the_extractor_version_follows_the_parsing_code_and_the_seeds_it_reads(tmp_path):
    package, seeds = tmp_path / "ingestion", tmp_path / "seeds"
    shutil.copytree(Path(ingestion.__file__).parent, package)
    shutil.copytree(SEEDS_DIR, seeds)
    version = extractor_digest(package, seeds)
    # neither the inbox nor the rule catalogue changes a record
    (package / "inbox.py").write_text("# the inbox reads no cell")
    (seeds / "reconciliation_rules.csv").write_text("rule_id\n")
    assert extractor_digest(package, seeds) == version
    # a subject name the narrative reads does, as a parser change does
    with (seeds / "functional_subjects.csv").open("a", encoding="utf-8") as seed:
        seed.write("299,其他支出,类,,\n")
    with_seed = extractor_digest(package, seeds)
    assert with_seed != version
    (package / "narrative" / "figures.py").write_text("# another parser")
    assert extractor_digest(package, seeds) not in (version, with_seed)
    assert "functional_subjects" in PARSING_SEEDS
