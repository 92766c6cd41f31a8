"""Opening the working warehouse to read it (只读打开工作仓库), whatever its file is called.

DuckDB names a database file's catalog after the file: a warehouse called ``marts.duckdb``
has a catalog ``marts`` beside its schema ``marts``, and every ``marts.fact_…`` (or, for
``staging.duckdb``, ``staging.stg_…``) is then an "ambiguous reference to catalog or schema".
Every reader of the warehouse outside dbt therefore attaches the file under one fixed catalog
name, which is none of the warehouse's schemas, and makes it the default: the queries keep
their ``schema.table`` names and any file name works.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

# Not a schema of the warehouse (main, staging, intermediate, marts, seeds), so never ambiguous.
WAREHOUSE_CATALOG = "juesuan"


@contextmanager
def open_warehouse(warehouse: Path | str) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection whose default catalog is the warehouse, closed even on error.

    Read-only because nothing but dbt writes the warehouse; closed in ``finally`` because a
    connection left open by a failed step (as ``DuckDBResource.get_connection`` leaves it)
    keeps the file open in this process with another configuration, and the next connection
    to it fails ("Can't open a connection to same database file with a different
    configuration").
    """
    connection = duckdb.connect(":memory:")
    try:
        path = str(Path(warehouse)).replace("'", "''")
        connection.execute(f"attach '{path}' as {WAREHOUSE_CATALOG} (read_only)")
        connection.execute(f"use {WAREHOUSE_CATALOG}")
        yield connection
    finally:
        connection.close()
