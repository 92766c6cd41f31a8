"""A 决算 whose department or year stay unknown: quarantined, its tables kept for review."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import dagster as dg
import pyarrow.parquet as pq
import pytest
from variantkit import PARTS, Allowance, original, record_diff, sample_spec

from ingestion.errors import DisclosureRejected, RejectionReason
from ingestion.extract import extract_for_review
from ingestion.identify import identify
from ingestion.pdf import sha256_of
from ingestion.records import ExtractedDocument
from ingestion.review import keep_for_review
from ingestion.write import RECORDS
from orchestration.ingestion.assets import disclosure_inbox
from orchestration.resources import JuesuanPaths
from samples.render import render_disclosure

REPO = Path(__file__).resolve().parents[1]
# A real template of Shanghai's 2024 决算 (see tests/fixtures/real/SOURCE.md): it prints the
# placeholder 上海市XX局 where a department's name goes.
TEMPLATE = REPO / "tests" / "fixtures" / "real" / "shanghai-2024-final-accounts-template.pdf"
DEPARTMENT = "阳泉市商务局"
PLACEHOLDER = "阳泉市XX局"
# What an unknown department leaves empty in the records.
IDENTITY = {"department_name", "department_key", "identified_from"}


def _replaced(value: Any, old: str, new: str) -> Any:
    if isinstance(value, str):
        return value.replace(old, new)
    if isinstance(value, list):
        return [_replaced(v, old, new) for v in value]
    if isinstance(value, dict):
        return {k: _replaced(v, old, new) for k, v in value.items()}
    return value


@pytest.fixture(scope="module")
def placeholder_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 2023 sample with a template's placeholder wherever it names the department."""
    spec = _replaced(sample_spec(), DEPARTMENT, PLACEHOLDER)
    return render_disclosure(spec, tmp_path_factory.mktemp("inbox") / "2023.pdf")


def _name_restored(doc: ExtractedDocument) -> ExtractedDocument:
    """``doc`` with the department's name printed where the placeholder was."""

    def restored(record: Any) -> Any:
        changes = {
            f.name: getattr(record, f.name).replace(PLACEHOLDER, DEPARTMENT)
            for f in dataclasses.fields(record)
            if isinstance(getattr(record, f.name), str)
        }
        return dataclasses.replace(record, **changes)

    return dataclasses.replace(
        doc,
        tables=[restored(t) for t in doc.tables],
        forms=[restored(f) for f in doc.forms],
        indicators=[restored(i) for i in doc.indicators],
    )


def _figures(doc: ExtractedDocument) -> list[tuple]:
    return sorted(
        (c.claim_kind, c.subject, str(c.value), c.refers_table, c.refers_row)
        for c in doc.claims
        if c.claim_kind != "department_name"
    )


def test_an_unknown_department_is_refused_and_named_as_the_unknown(placeholder_pdf: Path):
    with pytest.raises(DisclosureRejected) as refused:
        identify(placeholder_pdf)
    assert refused.value.reason is RejectionReason.UNIDENTIFIED
    assert refused.value.message.startswith(
        f"department unknown (a template: it prints the placeholder {PLACEHOLDER}"
    )
    assert "year 2023 from cover" in refused.value.message


def test_its_review_records_are_the_records_of_the_identified_original(placeholder_pdf: Path):
    review = extract_for_review(placeholder_pdf)
    assert (review.document.department_name, review.document.department_key) == ("", "")
    assert review.document.fiscal_year == 2023  # what was found is kept
    assert review.document.document_id == sha256_of(placeholder_pdf)
    parts = tuple(p for p in PARTS if p != "claims")  # the name mentions differ, by design
    restored = _name_restored(review)
    assert record_diff(original(), restored, Allowance.of(IDENTITY, parts=parts)) == []
    assert _figures(review) == _figures(original())
    assert len(review.cells) == len(original().cells) > 600


def test_the_real_template_is_kept_for_review_once(tmp_path: Path):
    document_id = sha256_of(TEMPLATE)
    first = keep_for_review(TEMPLATE, document_id, tmp_path / "review")
    assert first is not None and first.read_again
    assert first.tables == 9  # the template prints all nine tables of the Shanghai layout
    document = pq.read_table(first.folder / "document" / "part-0.parquet").to_pylist()
    assert [(d["department_name"], d["fiscal_year"], d["layout"]) for d in document] == [
        ("", 2024, "shanghai")
    ]
    cells = pq.read_table(first.folder / "amount_cell" / "part-0.parquet")
    assert cells.num_rows == first.cells
    assert {p.name for p in first.folder.iterdir()} == {*RECORDS, "EXTRACTOR_VERSION"}

    again = keep_for_review(TEMPLATE, document_id, tmp_path / "review")
    assert again == dataclasses.replace(first, read_again=False)


def test_a_review_write_cut_short_is_read_again(tmp_path: Path):
    document_id = sha256_of(TEMPLATE)
    kept = keep_for_review(TEMPLATE, document_id, tmp_path / "review")
    assert kept is not None
    (kept.folder / "EXTRACTOR_VERSION").unlink()  # killed before the marker was written
    assert keep_for_review(TEMPLATE, document_id, tmp_path / "review").read_again


def test_the_inbox_quarantines_it_with_its_review_and_no_partition(
    tmp_path: Path, placeholder_pdf: Path
):
    data = tmp_path / "data"
    paths = JuesuanPaths(
        warehouse=str(tmp_path / "w.duckdb"), data_dir=str(data), inbox=[str(placeholder_pdf)]
    )
    instance = dg.DagsterInstance.ephemeral()
    scanned = dg.materialize([disclosure_inbox], resources={"paths": paths}, instance=instance)
    assert scanned.success
    (row,) = pq.read_table(data / "raw" / "quarantine" / "inbox.parquet").to_pylist()
    folder = data / "review" / sha256_of(placeholder_pdf)
    assert row["reason"] == "unidentified"
    assert row["message"].endswith(f"are kept for review in {folder}")
    assert " tables and " in row["message"]
    assert (folder / "amount_cell" / "part-0.parquet").exists()
    # No department partition: nothing of it can reach a mart.
    assert instance.get_dynamic_partitions("department") == []
    assert not (data / "raw" / "amount_cell").exists()
