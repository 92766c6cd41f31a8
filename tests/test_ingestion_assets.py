"""The ingestion assets, materialized in process: one partition per document, idempotent."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import duckdb

from orchestration.ingestion.assets import disclosure_inbox, raw_disclosure
from orchestration.partitions import department_partitions, document_partition_key
from orchestration.resources import JuesuanPaths

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def _paths(tmp_path: Path, inbox: Path) -> JuesuanPaths:
    return JuesuanPaths(
        warehouse=str(tmp_path / "juesuan.duckdb"),
        data_dir=str(tmp_path / "data"),
        inbox=[str(inbox)],
    )


def _count(raw: Path, record: str) -> int:
    pattern = str(raw / record / "*" / "*" / "*.parquet")
    return duckdb.sql(f"select count(*) from read_parquet('{pattern}')").fetchall()[0][0]


def test_inbox_registers_departments_and_raw_partitions_rewrite_in_place(tmp_path):
    paths = _paths(tmp_path, SAMPLES / "pdf")
    instance = dg.DagsterInstance.ephemeral()

    scanned = dg.materialize([disclosure_inbox], resources={"paths": paths}, instance=instance)
    assert scanned.success
    # the department's 决算 and its budget (部门预算) are partitions of their own
    assert instance.get_dynamic_partitions(department_partitions.name) == [
        "阳泉市商务局",
        "阳泉市商务局·预算",
    ]

    key = document_partition_key(2023, "阳泉市商务局")
    counts = []
    runs = []
    for _ in range(2):
        loaded = dg.materialize(
            [raw_disclosure], partition_key=key, resources={"paths": paths}, instance=instance
        )
        assert loaded.success
        runs.append(loaded)
        counts.append(
            {r: _count(paths.raw_dir, r) for r in ("document", "disclosure_table", "amount_cell")}
        )
    # Loading the same document twice replaces its partition: nothing is duplicated.
    assert counts[0] == counts[1]
    assert counts[0]["document"] == 1 and counts[0]["disclosure_table"] == 10
    files = sorted(p.relative_to(paths.raw_dir) for p in paths.raw_dir.rglob("*.parquet"))
    records = (
        "amount_cell",
        "disclosure_table",
        "document",
        "file_outcome",
        "narrative_claim",
        "performance_form",
        "performance_indicator",
    )
    assert [str(f) for f in files] == [
        *(f"{r}/fiscal_year=2023/department=阳泉市商务局/part-0.parquet" for r in records),
        "quarantine/inbox.parquet",
    ]
    metadata = runs[0].asset_materializations_for_node("raw_disclosure")[0].metadata
    assert metadata["layout"].value == "shanxi"
    # the same file read by the same extractor: the second run keeps the partition as written
    again = runs[1].asset_materializations_for_node("raw_disclosure")[0].metadata
    assert again["unchanged"].value is True


def test_a_partition_without_a_document_fails_alone(tmp_path):
    paths = _paths(tmp_path, SAMPLES / "pdf")
    instance = dg.DagsterInstance.ephemeral()
    dg.materialize([disclosure_inbox], resources={"paths": paths}, instance=instance)
    instance.add_dynamic_partitions(department_partitions.name, ["阳泉市财政局"])

    result = dg.materialize(
        [raw_disclosure],
        partition_key=document_partition_key(2023, "阳泉市财政局"),
        resources={"paths": paths},
        instance=instance,
        raise_on_error=False,
    )

    assert not result.success
    failure = result.get_step_failure_events()[0].step_failure_data.error.message
    assert "no document in the inbox registry for 阳泉市财政局 2023" in failure
    assert not paths.raw_dir.joinpath("document").exists()
