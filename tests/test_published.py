"""The published copy for BI tools: the marts and seeds, readable while the next load runs.

Unit tests publish a small warehouse made here (marts, seeds, a staging view over Parquet, an
intermediate table) and check what is copied, how lists and decimals come out, and that a
publish that fails, or a reader that holds the old copy, leaves the previous copy whole.

End to end, ``juesuan load`` runs on the samples with a warehouse file named ``marts.duckdb``
(a name DuckDB makes a catalog beside the schema ``marts``): it must load, report and publish.
Then a second load of the same folder starts, and while its dbt holds the working warehouse
(which no other process can open then), the first load's published copy is read through
SQLAlchemy and duckdb-engine as a BI tool would; the second load is then interrupted, which
must leave the published copy as it was.
"""

from __future__ import annotations

import hashlib
import os
import signal
import stat
import subprocess
import sys
import time
import warnings
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from loadkit import is_dbt_build

from orchestration.publish import copy as publish_copy
from orchestration.publish.copy import DATABASE_NAME, publish_marts

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples" / "pdf"


# --- a small warehouse ----------------------------------------------------------------------


def make_warehouse(path: Path, raw: Path, *, amount: str = "1710.18") -> Path:
    raw.mkdir(parents=True, exist_ok=True)
    connection = duckdb.connect(str(path))
    try:
        connection.execute(f"copy (select 1 as x) to '{raw / 'cells.parquet'}' (format parquet)")
        connection.execute(
            f"""
            create schema staging;
            create view staging.stg_cell as select * from read_parquet('{raw / "cells.parquet"}');
            create schema intermediate;
            create table intermediate.int_rows as select 1 as x;
            create schema marts;
            create table marts.fact_expenditure (
                subject_code varchar not null,
                total_amount decimal(20,6),
                na_flags varchar[] not null,
                source_pages integer[]
            );
            insert into marts.fact_expenditure values
                ('TOTAL', {amount}, ['remit', 'operating'], [8]),
                ('201', 708.08, [], null);
            create table marts.dim_document as select 'doc' as document_id;
            create schema seeds;
            create table seeds.reconciliation_rules as select 'HIER' as rule_id;
            """
        )
    finally:
        connection.close()
    return path


def snapshot(folder: Path) -> dict[str, tuple[int, str]]:
    """Every file under ``folder``: its inode and its bytes' digest."""
    return {
        str(path.relative_to(folder)): (
            path.stat().st_ino,
            hashlib.sha256(path.read_bytes()).hexdigest(),
        )
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def query(database: Path, sql: str) -> list[tuple]:
    connection = duckdb.connect(str(database), read_only=True)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def untyped_columns(columns: dict[str, list[dict]]) -> list[str]:
    """``table.column`` of every reflected column SQLAlchemy could give no type (NullType)."""
    from sqlalchemy.sql.sqltypes import NullType

    return [
        f"{table}.{column['name']}"
        for table, cols in columns.items()
        for column in cols
        if isinstance(column["type"], NullType)
    ]


def test_publish_copies_the_marts_and_seeds_as_tables_only(tmp_path):
    warehouse = make_warehouse(tmp_path / "w.duckdb", tmp_path / "raw")
    published = publish_marts(warehouse, tmp_path / "published")

    assert published.database == tmp_path / "published" / DATABASE_NAME
    assert published.rows == {
        "marts.dim_document": 1,
        "marts.fact_expenditure": 2,
        "seeds.reconciliation_rules": 1,
    }
    assert published.database_bytes == published.database.stat().st_size > 0
    tables = query(
        published.database,
        "select schema_name, table_name from duckdb_tables() order by all",
    )
    assert tables == [
        ("marts", "dim_document"),
        ("marts", "fact_expenditure"),
        ("seeds", "reconciliation_rules"),
    ]
    # No view at all: nothing that reads the raw layer by its absolute path.
    assert query(published.database, "select count(*) from duckdb_views() where not internal") == [
        (0,)
    ]
    columns = query(
        published.database,
        "select column_name, data_type, is_nullable from duckdb_columns() "
        "where table_name = 'fact_expenditure' order by column_index",
    )
    assert columns == [
        ("subject_code", "VARCHAR", False),
        ("total_amount", "DECIMAL(20,6)", True),
        ("na_flags", "VARCHAR", False),  # lists as joined text, NOT NULL kept
        ("source_pages", "VARCHAR", True),
    ]
    assert query(
        published.database, "select * from marts.fact_expenditure order by subject_code"
    ) == [
        ("201", Decimal("708.08"), "", None),  # an empty list is empty text, NULL stays NULL
        ("TOTAL", Decimal("1710.18"), "remit,operating", "8"),
    ]
    assert not published.database.with_name(DATABASE_NAME + ".wal").exists()


def test_publish_writes_one_parquet_file_per_table_with_decimals(tmp_path):
    warehouse = make_warehouse(tmp_path / "w.duckdb", tmp_path / "raw")
    published = publish_marts(warehouse, tmp_path / "published")

    files = sorted(p.name for p in published.parquet_dir.iterdir())
    assert files == [
        "dim_document.parquet",
        "fact_expenditure.parquet",
        "reconciliation_rules.parquet",
    ]
    table = pq.read_table(published.parquet_dir / "fact_expenditure.parquet")
    assert table.schema.field("total_amount").type == pa.decimal128(20, 6)
    assert table.schema.field("na_flags").type == pa.string()
    assert sorted(table.column("total_amount").to_pylist(), key=str) == [
        Decimal("1710.180000"),
        Decimal("708.080000"),
    ]
    assert published.parquet_bytes == sum(
        (published.parquet_dir / name).stat().st_size for name in files
    )
    # Read-only files, so that a BI client cannot write into the copy by mistake.
    for path in [published.database, *published.parquet_dir.iterdir()]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o444, path


def test_a_failed_publish_leaves_the_previous_copy_and_no_temporary(tmp_path, monkeypatch):
    warehouse = make_warehouse(tmp_path / "w.duckdb", tmp_path / "raw")
    out = tmp_path / "published"
    publish_marts(warehouse, out)
    before = snapshot(out)
    make_warehouse(tmp_path / "w2.duckdb", tmp_path / "raw2", amount="9999")

    real_copy = publish_copy._copy_table

    def failing_copy(connection, schema: str, table: str) -> int:
        if table == "fact_expenditure":  # after dim_document's Parquet was written
            raise OSError(28, "No space left on device")
        return real_copy(connection, schema, table)

    monkeypatch.setattr(publish_copy, "_copy_table", failing_copy)
    with pytest.raises(OSError, match="No space left"):
        publish_marts(tmp_path / "w2.duckdb", out)
    assert snapshot(out) == before


def test_a_reader_of_the_previous_copy_keeps_it_and_the_next_reader_sees_the_new(tmp_path):
    out = tmp_path / "published"
    publish_marts(make_warehouse(tmp_path / "w.duckdb", tmp_path / "raw"), out)
    sql = "select total_amount from marts.fact_expenditure where subject_code = 'TOTAL'"
    reader = duckdb.connect(str(out / DATABASE_NAME), read_only=True)
    try:
        newer = make_warehouse(tmp_path / "w2.duckdb", tmp_path / "raw2", amount="1710.19")
        publish_marts(newer, out)  # replaces the file the reader has open
        assert reader.execute(sql).fetchall() == [(Decimal("1710.18"),)]
    finally:
        reader.close()
    assert query(out / DATABASE_NAME, sql) == [(Decimal("1710.19"),)]


def test_leftovers_of_a_killed_publish_and_dropped_tables_are_removed(tmp_path):
    warehouse = make_warehouse(tmp_path / "w.duckdb", tmp_path / "raw")
    out = tmp_path / "published"
    (out / "parquet").mkdir(parents=True)
    leftovers = [
        out / f".{DATABASE_NAME}.tmp-999999",
        out / f".{DATABASE_NAME}.tmp-999999.wal",
        out / "parquet" / ".fact_expenditure.parquet.tmp-999999",
    ]
    for leftover in leftovers:
        leftover.write_bytes(b"half")
    (out / "parquet" / "fact_dropped.parquet").write_bytes(b"a mart that is gone")
    publish_marts(warehouse, out)
    assert not any(p.exists() for p in leftovers)
    assert not (out / "parquet" / "fact_dropped.parquet").exists()
    assert {p.name for p in out.iterdir()} == {DATABASE_NAME, "parquet"}


def test_the_published_copy_is_built_by_build_warehouse_in_the_warehouse_pool(dbt_manifest):
    from orchestration.definitions import defs as code_location
    from orchestration.publish.assets import PUBLISHED_ASSET

    defs = code_location()  # as Dagster loads it, from the environment

    job = defs.resolve_job_def("build_warehouse")
    assert PUBLISHED_ASSET in job.asset_layer.selected_asset_keys
    graph = defs.resolve_asset_graph()
    node = graph.get(PUBLISHED_ASSET)
    assert node.group_name == "publish"
    assert node.pools == {"warehouse"}
    parents = {key.to_user_string() for key in node.parent_keys}
    assert {"marts/fact_expenditure", "marts/fact_reconciliation_finding"} <= parents
    assert "seeds/reconciliation_rules" in parents
    assert not any(p.startswith(("staging/", "intermediate/")) for p in parents)


# --- end to end -----------------------------------------------------------------------------


def juesuan_load(warehouse: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUESUAN_", "DAGSTER_"))}
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "orchestration.cli",
            "load",
            str(SAMPLES),
            "--warehouse",
            str(warehouse),
            # The samples hold real error findings (exit 3 by default); these tests are about
            # loading and publishing, so a load that built the warehouse exits 0.
            "--fail-on",
            "never",
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def writers(path: Path) -> set[int]:
    """The processes that have ``path`` open for writing (read from /proc, taking no lock: a
    probe that opened the file would itself block dbt)."""
    target = str(path.resolve())
    found = set()
    for fd_dir in Path("/proc").glob("[0-9]*/fd"):
        try:
            descriptors = list(fd_dir.iterdir())
        except OSError:
            continue
        for descriptor in descriptors:
            try:
                if os.readlink(descriptor) != target:
                    continue
                info = (fd_dir.parent / "fdinfo" / descriptor.name).read_text()
            except OSError:
                continue
            flags = int(info.split("flags:")[1].split()[0], 8)
            if flags & os.O_ACCMODE != os.O_RDONLY:
                found.add(int(fd_dir.parent.name))
    return found


def held_for_writing(path: Path) -> bool:
    """Whether some process has ``path`` open for writing."""
    return bool(writers(path))


def dbt_building(path: Path) -> bool:
    """Whether a ``dbt build`` holds ``path`` for writing: the build, not a report step at the
    load's end (the load would be over before a signal sent after the reading reached it)."""
    return any(is_dbt_build(pid) for pid in writers(path))


def wait_for(condition: Callable[[], bool], process: subprocess.Popen, timeout: float = 600):
    deadline = time.monotonic() + timeout
    while not condition():
        if process.poll() is not None:
            out, err = process.communicate()
            raise AssertionError(f"the load ended first ({process.returncode}): {out}{err}")
        if time.monotonic() > deadline:
            raise AssertionError("the load never got there")
        time.sleep(0.1)


@pytest.fixture(scope="module")
def marts_named_load(tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    """A load of the samples whose warehouse file is named like one of its schemas."""
    warehouse = tmp_path_factory.mktemp("published") / "marts.duckdb"
    process = juesuan_load(warehouse)
    out, err = process.communicate(timeout=900)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err), warehouse


def test_a_warehouse_named_marts_duckdb_loads_reports_and_publishes(marts_named_load):
    result, warehouse = marts_named_load
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    published = warehouse.parent / "published" / DATABASE_NAME
    assert f"published: {published}" in result.stdout.splitlines()
    for year in (2022, 2023):
        assert (warehouse.parent / "reports" / str(year) / "阳泉市商务局" / "index.html").exists()
    # The same rows as the working warehouse's marts (no load runs now: it opens read-only).
    connection = duckdb.connect(":memory:")
    try:
        connection.execute(f"attach '{warehouse}' as working (read_only)")
        connection.execute(f"attach '{published}' as copy (read_only)")
        counts = {}
        for catalog in ("working", "copy"):
            tables = connection.execute(
                "select table_name from duckdb_tables() "
                "where database_name = ? and schema_name = 'marts' order by 1",
                [catalog],
            ).fetchall()
            counts[catalog] = {
                table: connection.execute(
                    f"select count(*) from {catalog}.marts.{table}"
                ).fetchall()
                for (table,) in tables
            }
        assert counts["copy"] == counts["working"]
        assert len(counts["copy"]) >= 12
        schemas = connection.execute(
            "select distinct schema_name from duckdb_tables() where database_name = 'copy'"
        ).fetchall()
        assert sorted(schemas) == [("marts",), ("seeds",)]
    finally:
        connection.close()
    parquet = warehouse.parent / "published" / "parquet"
    assert {p.stem for p in parquet.glob("*.parquet")} >= set(counts["copy"]) | {
        "reconciliation_rules"
    }
    total = pq.read_table(
        parquet / "fact_expenditure.parquet",
        filters=[("fiscal_year", "=", 2023), ("subject_code", "=", "TOTAL")],
    )
    assert total.schema.field("total_amount").type == pa.decimal128(20, 6)
    assert Decimal("1710.18") in total.column("total_amount").to_pylist()


def test_every_mart_reads_through_sqlalchemy_with_typed_columns(marts_named_load):
    """Every table of the copy's marts schema as Superset or Metabase read it: the URL the
    README gives, every column reflected with a type SQLAlchemy knows (an unknown type is a
    SAWarning, made an error here), the BI twins of the list columns as text equal to the
    working warehouse's lists, and the same row counts as DuckDB's own."""
    import sqlalchemy as sa

    result, warehouse = marts_named_load
    # Built and published whatever the exit code says of the findings.
    published_line = f"published: {warehouse.parent / 'published' / DATABASE_NAME}"
    assert published_line in result.stdout.splitlines(), result.stdout + result.stderr
    published = warehouse.parent / "published" / DATABASE_NAME
    working = duckdb.connect(":memory:")
    working.execute(f"attach '{warehouse}' as working (read_only)")
    engine = sa.create_engine(f"duckdb:///{published}?access_mode=read_only")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", sa.exc.SAWarning)
            inspector = sa.inspect(engine)
            marts = inspector.get_table_names(schema="marts")
            assert len(marts) >= 12
            columns = {table: inspector.get_columns(table, schema="marts") for table in marts}
        untyped = untyped_columns(columns)
        assert not untyped, f"columns SQLAlchemy cannot type: {untyped}"
        twins = {
            (table, column["name"])
            for table, cols in columns.items()
            for column in cols
            if column["name"].endswith("_text")
        }
        lists = working.execute(
            "select table_name, column_name from duckdb_columns() "
            "where database_name = 'working' and schema_name = 'marts' "
            "and data_type like '%[]' order by all"
        ).fetchall()
        assert len(lists) >= 9
        assert {(table, f"{column}_text") for table, column in lists} <= twins
        with engine.connect() as connection:
            for table in marts:
                via_sqlalchemy = connection.execute(
                    sa.text(f'select count(*) from marts."{table}"')
                ).scalar_one()
                (in_duckdb,) = working.execute(
                    f'select count(*) from working.marts."{table}"'
                ).fetchone()
                assert via_sqlalchemy == in_duckdb, table
            for table, column in lists:
                twin_type = next(c["type"] for c in columns[table] if c["name"] == f"{column}_text")
                assert isinstance(twin_type, sa.String), (table, column)
                texts = sorted(
                    connection.execute(
                        sa.text(f'select "{column}_text" from marts."{table}"')
                    ).scalars(),
                    key=str,
                )
                expected = sorted(
                    (
                        None if value is None else ", ".join(str(v) for v in value)
                        for (value,) in working.execute(
                            f'select "{column}" from working.marts."{table}"'
                        ).fetchall()
                    ),
                    key=str,
                )
                assert texts == expected, (table, column)
            pages = connection.execute(
                sa.text(
                    "select source_pages_text from marts.fact_reconciliation_finding "
                    "where rule_id = 'PERF-RATE' and outcome = 'fail' limit 1"
                )
            ).scalar_one()
        assert pages and all(part.strip().isdigit() for part in pages.split(", "))
    finally:
        engine.dispose()
        working.close()


def test_the_dbt_materializations_carry_row_counts_and_the_findings_summary(marts_named_load):
    """What the Dagster UI shows for the load above, read back from its instance."""
    import dagster as dg

    result, warehouse = marts_named_load
    # Built and published whatever the exit code says of the findings.
    published_line = f"published: {warehouse.parent / 'published' / DATABASE_NAME}"
    assert published_line in result.stdout.splitlines(), result.stdout + result.stderr
    connection = duckdb.connect(":memory:")
    connection.execute(f"attach '{warehouse}' as working (read_only)")
    try:
        tables = connection.execute(
            "select schema_name, table_name from duckdb_tables() "
            "where database_name = 'working' and schema_name in ('marts', 'seeds', 'staging')"
        ).fetchall()
        counts = {
            (schema, table): connection.execute(
                f'select count(*) from working."{schema}"."{table}"'
            ).fetchone()[0]
            for schema, table in tables
        }
        (errors,) = connection.execute(
            "select count(*) from working.marts.fact_reconciliation_finding "
            "where severity = 'error'"
        ).fetchone()
    finally:
        connection.close()
    with dg.DagsterInstance.from_config(str(warehouse.parent / "dagster_home")) as instance:
        for (schema, table), rows in counts.items():
            event = instance.get_latest_materialization_event(dg.AssetKey([schema, table]))
            assert event is not None, (schema, table)
            metadata = event.asset_materialization.metadata
            assert metadata["dagster/row_count"].value == rows, (schema, table)
        findings = instance.get_latest_materialization_event(
            dg.AssetKey(["marts", "fact_reconciliation_finding"])
        ).asset_materialization.metadata
    assert errors > 0
    assert findings["severity_error"].value == errors
    assert findings["top_findings"].records[0].data["severity"] == "error"


def test_bi_reads_the_published_copy_through_sqlalchemy_while_a_load_runs(marts_named_load):
    import sqlalchemy as sa

    result, warehouse = marts_named_load
    assert result.returncode == 0, result.stdout + result.stderr
    folder = warehouse.parent / "published"
    before = snapshot(folder)

    # Nothing changed since the first load, which would skip the build: forget it, so the
    # second load builds again (a rebuild is what BI must read through).
    (warehouse.parent / "last-build.json").unlink()
    load = juesuan_load(warehouse)
    try:
        # dbt of the second load holds the working warehouse: no other process can open it.
        wait_for(lambda: dbt_building(warehouse), load)
        # Paused while it holds the file, so the whole reading happens under that writer: a build
        # that ended between two queries would leave the test proving nothing.
        holders = writers(warehouse)
        for pid in holders:
            os.kill(pid, signal.SIGSTOP)
        try:
            engine = sa.create_engine(
                f"duckdb:///{folder / DATABASE_NAME}", connect_args={"read_only": True}
            )
            try:
                inspector = sa.inspect(engine)
                marts = inspector.get_table_names(schema="marts")
                assert "fact_expenditure" in marts and len(marts) >= 12
                with warnings.catch_warnings(record=True) as caught:
                    warnings.simplefilter("always")
                    columns = {
                        table: inspector.get_columns(table, schema="marts") for table in marts
                    }
                unknown = untyped_columns(columns)
                assert not unknown, f"columns SQLAlchemy cannot type: {unknown}"
                assert not [w for w in caught if "Did not recognize type" in str(w.message)]
                total_type = next(
                    c["type"] for c in columns["fact_expenditure"] if c["name"] == "total_amount"
                )
                assert isinstance(total_type, sa.Numeric)
                assert (total_type.precision, total_type.scale) == (20, 6)
                with engine.connect() as connection:
                    total = connection.execute(
                        sa.text(
                            "select total_amount from marts.fact_expenditure "
                            "where department_id = :department and fiscal_year = 2023 "
                            "and funding_scope = 'all_sources' and subject_code = 'TOTAL'"
                        ),
                        {"department": "阳泉市商务局"},
                    ).scalar_one()
                    rule = connection.execute(
                        sa.text(
                            "select r.severity from marts.fact_reconciliation_finding f "
                            "join seeds.reconciliation_rules r using (rule_id) "
                            "where f.rule_id = 'PERF-RATE' and f.outcome = 'fail' limit 1"
                        )
                    ).scalar_one()
            finally:
                engine.dispose()
            assert isinstance(total, Decimal)
            assert total == Decimal("1710.18")
            assert rule == "error"
            # Still held: the reading happened while the load had the warehouse.
            assert held_for_writing(warehouse)
        finally:
            for pid in holders:
                os.kill(pid, signal.SIGCONT)

        # Interrupted while dbt builds: the build fails, the published copy is untouched.
        load.send_signal(signal.SIGTERM)
        load.communicate(timeout=120)
        assert load.returncode == 130
    finally:
        if load.poll() is None:
            load.kill()
            load.communicate()
    assert snapshot(folder) == before


def test_a_build_that_fails_leaves_the_previous_copy(marts_named_load):
    result, warehouse = marts_named_load
    assert result.returncode == 0, result.stdout + result.stderr
    folder = warehouse.parent / "published"
    before = snapshot(folder)
    # A raw file dbt cannot read: the documents load, the dbt build fails.
    broken = warehouse.parent / "raw" / "amount_cell" / "fiscal_year=1999" / "department=x"
    broken.mkdir(parents=True)
    (broken / "part-0.parquet").write_bytes(b"not parquet")
    try:
        load = juesuan_load(warehouse)
        out, err = load.communicate(timeout=900)
    finally:
        (broken / "part-0.parquet").unlink()
        broken.rmdir()
    assert load.returncode == 1, out + err
    assert "marts: NOT BUILT" in out
    assert "published:" not in out
    assert snapshot(folder) == before
