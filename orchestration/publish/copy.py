"""Publish the marts as a read-only copy for BI tools (为 BI 发布只读副本).

While a load runs, dbt holds the working warehouse read-write and DuckDB lets no other process
open it, not even read-only. So after every successful build the marts (and the seeds a BI user
joins them with, such as the rule catalogue) are copied out:

- ``<out>/juesuan.duckdb``: the ``marts`` and ``seeds`` schemas as plain tables, nothing else —
  no staging view that reads the raw Parquet by its absolute path, so the file works wherever
  it is copied;
- ``<out>/parquet/<table>.parquet``: one file per mart and per seed, with the same columns
  (money stays ``DECIMAL(20,6)``).

Every file is written under a temporary name and swapped in with ``os.replace``: a reader
sees the previous copy or the new one, never half of one, and one that has the previous file
open keeps reading it. A publish that fails or is interrupted removes its temporary files and
leaves the previous copy as it was. The files are made read-only (mode 0444): a BI client that
opened the copy read-write would otherwise write into it.

List columns (``VARCHAR[]``, ``INTEGER[]``) are published as text joined with ``,``
(``T01,T02``; ``8,9``): SQLAlchemy's reflection through duckdb-engine cannot type a DuckDB
list, and BI tools reading Parquet rarely handle nested columns. The working warehouse keeps the
lists.
"""

from __future__ import annotations

import os
import stat
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from orchestration.publish.warehouse import WAREHOUSE_CATALOG

DATABASE_NAME = "juesuan.duckdb"
PUBLISHED_SCHEMAS = ("marts", "seeds")
LIST_SEPARATOR = ","
# Temporary files start with a dot and carry this infix (and the writer's pid), so a reader
# globbing *.parquet never sees one, and the next publish can clear what a killed one left.
_TEMP = ".tmp-"
_PUBLISHED_CATALOG = "published"
_READ_ONLY = stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH


@dataclass(frozen=True, slots=True)
class Published:
    database: Path
    parquet_dir: Path
    rows: dict[str, int]  # "schema.table" -> rows
    database_bytes: int
    parquet_bytes: int
    seconds: float


def publish_marts(warehouse: Path, out_dir: Path) -> Published:
    """Copy the warehouse's marts and seeds to ``out_dir``, swapping each file in atomically."""
    started = time.monotonic()
    parquet_dir = out_dir / "parquet"
    parquet_dir.mkdir(parents=True, exist_ok=True)
    for folder in (out_dir, parquet_dir):
        _remove_temporaries(folder)
    suffix = f"{_TEMP}{os.getpid()}"
    staged_database = out_dir / f".{DATABASE_NAME}{suffix}"
    staged: dict[Path, Path] = {}  # temporary -> final, the database last
    try:
        rows = _write_copy(warehouse, staged_database, parquet_dir, suffix, staged)
        staged[staged_database] = out_dir / DATABASE_NAME
        for temporary in staged:
            # Durable before it is visible: a crash after the rename leaves a whole file.
            os.chmod(temporary, _READ_ONLY)
            _fsync(temporary)
        # Only now, with every file written, is anything of the previous copy replaced.
        for temporary, final in staged.items():
            os.replace(temporary, final)
        for folder in (parquet_dir, out_dir):
            _fsync(folder)
    except BaseException:
        for temporary in [*staged, staged_database, _wal(staged_database)]:
            temporary.unlink(missing_ok=True)
        raise
    current = set(staged.values())
    for old in parquet_dir.glob("*.parquet"):
        if old not in current:  # a mart or seed that no longer exists
            old.unlink()
    database = out_dir / DATABASE_NAME
    return Published(
        database=database,
        parquet_dir=parquet_dir,
        rows=rows,
        database_bytes=database.stat().st_size,
        parquet_bytes=sum(path.stat().st_size for path in current if path != database),
        seconds=time.monotonic() - started,
    )


def _write_copy(
    warehouse: Path, database: Path, parquet_dir: Path, suffix: str, staged: dict[Path, Path]
) -> dict[str, int]:
    """Fill the temporary database and the temporary Parquet files; rows per table."""
    connection = duckdb.connect(":memory:")
    try:
        source = str(warehouse).replace("'", "''")
        target = str(database).replace("'", "''")
        connection.execute(f"attach '{source}' as {WAREHOUSE_CATALOG} (read_only)")
        connection.execute(f"attach '{target}' as {_PUBLISHED_CATALOG}")
        tables = connection.execute(
            "select schema_name, table_name from duckdb_tables() "
            "where database_name = ? and schema_name in (select unnest(?)) "
            "order by schema_name, table_name",
            [WAREHOUSE_CATALOG, list(PUBLISHED_SCHEMAS)],
        ).fetchall()
        if not any(schema == "marts" for schema, _ in tables):
            raise RuntimeError(f"{warehouse} has no marts to publish")
        names = [name for _, name in tables]
        clashes = sorted({name for name in names if names.count(name) > 1})
        if clashes:  # the Parquet folder is flat: one file name per table
            raise RuntimeError(f"tables of the same name in two schemas: {clashes}")
        rows: dict[str, int] = {}
        for schema in PUBLISHED_SCHEMAS:
            connection.execute(f'create schema {_PUBLISHED_CATALOG}."{schema}"')
        for schema, table in tables:
            rows[f"{schema}.{table}"] = _copy_table(connection, schema, table)
            parquet = parquet_dir / f".{table}.parquet{suffix}"
            staged[parquet] = parquet_dir / f"{table}.parquet"
            connection.execute(
                f'copy {_PUBLISHED_CATALOG}."{schema}"."{table}" '
                f"to '{str(parquet).replace(chr(39), chr(39) * 2)}' "
                "(format parquet, compression zstd)"
            )
        # Everything in the file itself, no write-ahead log beside it to lose in the rename.
        connection.execute(f"checkpoint {_PUBLISHED_CATALOG}")
        connection.execute(f"detach {_PUBLISHED_CATALOG}")
    finally:
        connection.close()
    if _wal(database).exists():
        raise RuntimeError(f"{database} kept a write-ahead log after its checkpoint")
    return rows


def _copy_table(connection: duckdb.DuckDBPyConnection, schema: str, table: str) -> int:
    """Create the table with the same columns and NOT NULLs (lists as text), fill it, count."""
    columns = connection.execute(
        "select column_name, data_type, is_nullable from duckdb_columns() "
        "where database_name = ? and schema_name = ? and table_name = ? "
        "order by column_index",
        [WAREHOUSE_CATALOG, schema, table],
    ).fetchall()
    definitions, selects = [], []
    for name, data_type, nullable in columns:
        quoted = '"' + name.replace('"', '""') + '"'
        if data_type.endswith("]"):
            data_type, value = "VARCHAR", f"array_to_string({quoted}, '{LIST_SEPARATOR}')"
        elif data_type.startswith(("STRUCT", "MAP", "UNION")):
            data_type, value = "VARCHAR", f"cast({quoted} as varchar)"
        else:
            value = quoted
        definitions.append(f"{quoted} {data_type}{'' if nullable else ' not null'}")
        selects.append(value)
    target = f'{_PUBLISHED_CATALOG}."{schema}"."{table}"'
    connection.execute(f"create table {target} ({', '.join(definitions)})")
    connection.execute(
        f"insert into {target} select {', '.join(selects)} "
        f'from {WAREHOUSE_CATALOG}."{schema}"."{table}"'
    )
    return connection.execute(f"select count(*) from {target}").fetchall()[0][0]


def _remove_temporaries(folder: Path) -> None:
    """What a publish killed outright left (one publish at a time: the warehouse pool)."""
    for leftover in folder.glob(f".*{_TEMP}*"):
        leftover.unlink(missing_ok=True)


def _wal(database: Path) -> Path:
    return database.with_name(database.name + ".wal")


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
