"""The raw layer on S3-compatible object storage (JUESUAN_RAW_URL), against moto's S3 server.

The server runs in this process on a free local port (no outside service). The sample
documents' raw layer is written to a bucket by the ingestion writer and to a local folder; dbt
builds one warehouse from each, reading the bucket through s3fs registered with DuckDB, and
the marts must be the same rows.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from moto.server import ThreadedMotoServer
from rulekit import altered, cell, dbt_build, sample

from ingestion.inbox import InboxEntry
from ingestion.incremental import build_inputs, file_digests, partition_is_current, raw_digests
from ingestion.rawstore import S3Raw, raw_location
from ingestion.records import ExtractedDocument, FileOutcome
from ingestion.version import EXTRACTOR_VERSION
from ingestion.write import (
    PARTITION_RECORDS,
    partition_file,
    read_outcomes,
    write_document,
    write_partition,
    write_quarantine,
)
from orchestration.cli import ExitCode
from orchestration.settings import Paths, dbt_environment, paths_from

SAMPLE_PDFS = Path(__file__).resolve().parents[1] / "samples" / "pdf"
BUCKET = "juesuan-raw"
PREFIX = "deployments/test/raw"
MARTS = ("fact_expenditure", "fact_reconciliation_finding", "fact_income", "dim_document")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    """moto's S3 server on a free local port, with test credentials in the environment (the
    writer here and dbt's s3fs, a subprocess, read them as they would real ones)."""
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("AWS_ACCESS_KEY_ID", "testing")
        patch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
        patch.setenv("AWS_DEFAULT_REGION", "us-east-1")
        for name in ("AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3", "AWS_PROFILE"):
            patch.delenv(name, raising=False)
        url = f"http://127.0.0.1:{port}"
        S3Raw(f"s3://{BUCKET}", url).filesystem().mkdir(BUCKET)
        try:
            yield url
        finally:
            server.stop()


def documents() -> list[ExtractedDocument]:
    """The two samples, and a copy of 2023 with one T03 figure changed (so there are findings)."""
    changed = altered(sample(2023), "改T03", cell("T03", "2011301", "total", "692.49"))
    return [sample(2022), sample(2023), changed]


@pytest.fixture(scope="module")
def raw_layers(endpoint: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[S3Raw, Path]:
    """The same documents' raw layer on S3 and in a local folder, by the same writer."""
    remote = S3Raw(f"s3://{BUCKET}/{PREFIX}", endpoint)
    local = tmp_path_factory.mktemp("local") / "raw"
    for doc in documents():
        write_document(doc, remote)
        write_document(doc, local)
    write_quarantine([], remote)
    write_quarantine([], local)
    return remote, local


@pytest.fixture(scope="module")
def warehouses(
    raw_layers: tuple[S3Raw, Path], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Path]:
    """One warehouse built by dbt from the bucket, one from the local folder."""
    remote, local = raw_layers
    s3_dir = tmp_path_factory.mktemp("from-s3")
    warehouse = s3_dir / "warehouse.duckdb"
    settings = Paths.of(warehouse, raw_url=remote.url, s3_endpoint=remote.endpoint)
    from_s3 = dbt_build(s3_dir, dbt_environment(settings))
    from_local = dbt_build(tmp_path_factory.mktemp("from-local"), {"JUESUAN_RAW_DIR": str(local)})
    return from_s3, from_local


def rows(warehouse: Path, mart: str) -> list[tuple]:
    connection = duckdb.connect(str(warehouse), read_only=True)
    try:
        return sorted(connection.execute(f"select * from marts.{mart}").fetchall(), key=repr)
    finally:
        connection.close()


def test_the_writer_puts_each_record_file_at_its_partition_key_in_the_bucket(raw_layers):
    remote, local = raw_layers
    doc = sample(2023).document
    keys = set(remote.filesystem().find(remote.root))
    for record in ("document", "amount_cell", "narrative_claim"):
        url = partition_file(remote, record, doc.fiscal_year, doc.department_key)
        assert url.startswith(f"s3://{BUCKET}/{PREFIX}/{record}/fiscal_year=2023/department=")
        assert url.removeprefix("s3://") in keys
        there = pq.read_table(partition_file(local, record, doc.fiscal_year, doc.department_key))
        assert remote.read_table(url.removeprefix(remote.url + "/")) == there
    # the same files under the same relative names, byte for byte, as the local writer's
    assert raw_digests(remote) == file_digests(local)
    assert raw_digests(remote)  # not two empty layers


def test_the_marts_built_from_s3_are_those_built_from_a_local_folder(warehouses):
    from_s3, from_local = warehouses
    for mart in MARTS:
        got, want = rows(from_s3, mart), rows(from_local, mart)
        assert want, f"{mart} has no rows to compare"
        assert got == want, mart


def test_the_s3_build_read_the_documents_from_the_bucket_alone(warehouses):
    from_s3, _ = warehouses
    # dbt was given the bucket's URL, and its folder holds no raw file of its own
    assert not list(from_s3.parent.rglob("*.parquet"))
    connection = duckdb.connect(str(from_s3), read_only=True)
    try:
        found = connection.execute("select department_key from staging.stg_document").fetchall()
    finally:
        connection.close()
    assert sorted(row[0] for row in found) == sorted(d.document.department_key for d in documents())


def test_a_partition_on_s3_is_replaced_and_its_outcomes_read_back(endpoint, tmp_path):
    remote = S3Raw(f"s3://{BUCKET}/replace-test", endpoint)
    doc = sample(2023)
    year, department = doc.document.fiscal_year, doc.document.department_key
    entry = InboxEntry(
        path="/inbox/a.pdf", file_name="a.pdf", document_id=doc.document.document_id,
        department_name=doc.document.department_name, department_key=department,
        fiscal_year=year, page_count=doc.document.page_count, producer=None,
    )  # fmt: skip
    outcome = FileOutcome(
        path=entry.path, file_name=entry.file_name, document_id=entry.document_id,
        fiscal_year=year, department_key=department, status="loaded", reason=None, message=None,
        related_document_id=None, published_at=None, decided_at=datetime(2026, 1, 1),
        extractor_version=EXTRACTOR_VERSION,
    )  # fmt: skip
    assert read_outcomes(remote, year, department) == []
    assert not partition_is_current([outcome], [entry], remote, year, department)
    write_partition(remote, year, department, doc, [outcome])
    assert read_outcomes(remote, year, department) == [outcome]
    assert partition_is_current([outcome], [entry], remote, year, department)
    before = build_inputs(remote, [], tmp_path / "w.duckdb")
    # every file failed this time: the partition keeps no document, the digest sees the change
    write_partition(remote, year, department, None, [outcome])
    url = partition_file(remote, "document", year, department)
    document = remote.read_table(url.removeprefix(remote.url + "/"))
    assert document is not None and document.num_rows == 0
    assert build_inputs(remote, [], tmp_path / "w.duckdb").raw != before.raw
    assert sorted(remote.file_digests()) == sorted(
        f"{r}/fiscal_year={year}/department={department}/part-0.parquet" for r in PARTITION_RECORDS
    )


def test_the_settings_put_the_raw_layer_on_s3_only_when_asked():
    local = paths_from({"JUESUAN_WAREHOUSE": "/srv/w.duckdb"})
    assert local.raw == Path("/srv/raw")
    assert "AWS_ENDPOINT_URL_S3" not in dbt_environment(local)
    assert dbt_environment(local)["JUESUAN_RAW_DIR"] == "/srv/raw"
    remote = paths_from(
        {
            "JUESUAN_WAREHOUSE": "/srv/w.duckdb",
            "JUESUAN_RAW_URL": "s3://bucket/juesuan/raw/",
            "JUESUAN_S3_ENDPOINT": "http://minio:9000",
        }
    )
    assert remote.raw == S3Raw("s3://bucket/juesuan/raw", "http://minio:9000")
    assert remote.warehouse == Path("/srv/w.duckdb")  # the warehouse file stays local
    variables = dbt_environment(remote)
    assert variables["JUESUAN_RAW_DIR"] == "s3://bucket/juesuan/raw"
    assert variables["AWS_ENDPOINT_URL_S3"] == "http://minio:9000"
    assert raw_location("s3://b/p") == S3Raw("s3://b/p") and raw_location("/x") == Path("/x")
    with pytest.raises(ValueError, match="s3://"):
        paths_from({"JUESUAN_RAW_URL": "/not/a/url"})
    with pytest.raises(ValueError, match="s3://"):
        S3Raw("s3://")


def test_juesuan_load_writes_its_raw_layer_to_the_bucket_and_builds_the_same_marts(
    endpoint, warehouses, tmp_path
):
    """The whole load (inbox scan, partition runs, dbt, checks, reports) with JUESUAN_RAW_URL:
    no raw file on local disk, every partition's records in the bucket, the marts as built
    from a local folder of the same documents."""
    _, from_local = warehouses
    url = f"s3://{BUCKET}/load/raw"
    warehouse = tmp_path / "data" / "juesuan.duckdb"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUESUAN_", "DAGSTER_"))}
    env |= {"JUESUAN_RAW_URL": url, "JUESUAN_S3_ENDPOINT": endpoint}
    command = [sys.executable, "-m", "orchestration.cli", "load", str(SAMPLE_PDFS)]
    command += ["--warehouse", str(warehouse), "--fail-on", "never"]
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=900)
    assert result.returncode == ExitCode.OK, result.stdout[-3000:] + result.stderr[-3000:]
    assert not (warehouse.parent / "raw").exists()
    remote = S3Raw(url, endpoint)
    for year in (2022, 2023):
        outcomes = read_outcomes(remote, year, sample(year).document.department_key)
        assert [o.status for o in outcomes] == ["loaded"]
        assert outcomes[0].document_id == sample(year).document.document_id
    assert remote.exists("quarantine/inbox.parquet")
    name = sample(2023).document.department_name
    for mart in ("fact_expenditure", "fact_income"):
        want = [r for r in rows(from_local, mart) if name in r]
        assert want, mart
        assert rows(warehouse, mart) == want, mart
