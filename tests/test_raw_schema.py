"""The raw layer has one schema (原始层模式): ingestion/records.py, as ingestion/write.py writes it.

The dbt files that declare the raw columns are generated from it (``ingestion.dbt_schema``);
these tests fail when a committed one is not what it generates, when DuckDB would read a
written column as another type than dbt casts it to, or when the staging tests name a column
the raw layer does not have.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
import yaml

from ingestion.dbt_schema import COMMAND, PROJECT_DIR, generated_files, raw_columns
from ingestion.write import QUARANTINE_RECORD, RECORD_TYPES, write_partition, write_quarantine


@pytest.mark.parametrize("path", list(generated_files()), ids=lambda p: p.name)
def test_the_committed_dbt_file_is_what_records_py_generates(path: Path):
    expected = generated_files()[path]
    committed = path.read_bytes() if path.exists() else b""
    relative = path.relative_to(PROJECT_DIR.parent)
    assert committed == expected.encode("utf-8"), (
        f"{relative} is not what ingestion/records.py generates: run `{COMMAND}`"
    )


@pytest.mark.parametrize("record", list(RECORD_TYPES))
def test_duckdb_reads_each_written_column_as_the_type_dbt_casts_it_to(tmp_path, record):
    write_partition(tmp_path, 2023, "阳泉市商务局", None, [])
    write_quarantine([], tmp_path)
    folder = tmp_path / record
    pattern = folder / ("*.parquet" if record == QUARANTINE_RECORD else "*/*/*.parquet")
    query = f"describe select * from read_parquet('{pattern}', hive_partitioning = false)"
    read = duckdb.sql(query).fetchall()
    cast_to = [(name, type_) for name, type_, _ in raw_columns(record)]
    assert [(name, type_.lower()) for name, type_, *_ in read] == cast_to


def test_the_staging_tests_name_only_raw_columns():
    staging = yaml.safe_load(
        (PROJECT_DIR / "models" / "staging" / "_staging.yml").read_text(encoding="utf-8")
    )
    unknown = []
    for model in staging["models"]:
        record = model["name"].removeprefix("stg_")
        names = {name for name, _, _ in raw_columns(record)}
        unknown += [
            f"{model['name']}.{c['name']}"
            for c in model.get("columns", [])
            if c["name"] not in names
        ]
    assert not unknown, f"staging columns the raw layer does not have: {unknown}"
