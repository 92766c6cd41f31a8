"""The dbt-duckdb plugin that opens the warehouse (数据仓库) for a dbt build.

dbt parses the whole project again whenever the profile's connection settings differ from the
ones the saved parse was made with, and the warehouse path is one of them: every new warehouse
(every test, every first load) cost a full parse of about four seconds. So the profile connects
to an in-memory DuckDB and names nothing that changes; this plugin attaches the warehouse file
(``JUESUAN_WAREHOUSE``) as the catalog ``juesuan`` that every model and seed is built into, and
gives each cursor the raw layer's location (``JUESUAN_RAW_DIR``) as the DuckDB variable
``juesuan_raw_dir`` that the sources read. The catalog name is not stored in the file: readers
attach it under any name.

This module is imported by dbt by its dotted name, so it imports nothing of the project.
"""

from __future__ import annotations

import os

import duckdb
from dbt.adapters.duckdb.plugins import BasePlugin

WAREHOUSE_VAR = "JUESUAN_WAREHOUSE"
RAW_DIR_VAR = "JUESUAN_RAW_DIR"
CATALOG = "juesuan"
RAW_DIR_VARIABLE = "juesuan_raw_dir"


def _sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _required(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        raise RuntimeError(f"{name} is not set: the dbt build does not know where to read or write")
    return value


class Plugin(BasePlugin):
    """Attach the warehouse file; expose the raw folder to SQL."""

    def configure_connection(self, conn: duckdb.DuckDBPyConnection) -> None:
        # Once per dbt process: the in-memory database is kept open for the whole build, so the
        # warehouse stays attached (and its file held) until dbt exits.
        conn.execute(f"attach if not exists {_sql_string(_required(WAREHOUSE_VAR))} as {CATALOG}")

    def configure_cursor(self, cursor: duckdb.DuckDBPyConnection) -> None:
        # Variables belong to a connection's client context, and every dbt thread has a cursor.
        cursor.execute(f"set variable {RAW_DIR_VARIABLE} = {_sql_string(_required(RAW_DIR_VAR))}")
