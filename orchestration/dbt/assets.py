"""dbt models as Dagster assets (dbt 资产): staging → intermediate → marts.

Each dbt source over the raw Parquet layer is the ``raw/<record>`` asset that writes it, so
the graph reads PDF → raw → staging → marts. dbt is the single writer of the warehouse file and
runs in the ``warehouse`` pool, like every other step that opens it.

What a user reads on the asset pages: each model's description from its dbt yml, the kinds
``dbt`` and ``duckdb``, the owner ``team:juesuan`` (set once, in the translator), and on every
materialization ``dagster/row_count``. The counts are not dagster-dbt's ``fetch_row_counts()``:
with dbt-duckdb it waits for dbt to end anyway (dbt holds the file's write lock while it runs)
and then counts through dbt's adapter, a read-write connection held in this process, which
makes the next read-only opening of the file in the same process fail. They are counted once
dbt has ended, through ``open_warehouse`` (read-only, fixed catalog, closed on error). The
findings mart also carries its counts by severity and outcome and a preview of its top findings.
"""

import os
import shutil
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import dagster as dg
import duckdb
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets
from dagster_duckdb import DuckDBResource

from orchestration.dbt.project import dbt_project
from orchestration.publish.warehouse import open_warehouse
from orchestration.resources import JuesuanPaths
from orchestration.settings import exported

WAREHOUSE_POOL = "warehouse"
OWNERS = ["team:juesuan"]
KINDS = {"dbt", "duckdb"}
FINDINGS_MODEL = ("marts", "fact_reconciliation_finding")
PREVIEW_ROWS = 10


class JuesuanTranslator(DagsterDbtTranslator):
    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        if dbt_resource_props["resource_type"] == "source":
            if dbt_resource_props["name"] == "quarantine":
                return dg.AssetKey("disclosure_inbox")  # the inbox scan writes the list
            return dg.AssetKey(["raw", dbt_resource_props["name"]])
        schema = dbt_resource_props.get("config", {}).get("schema") or "main"
        return dg.AssetKey([schema, dbt_resource_props["name"]])

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        return "warehouse"

    def get_asset_spec(
        self,
        manifest: Mapping[str, Any],
        unique_id: str,
        project: Any,
    ) -> dg.AssetSpec:
        # One place for the policies every dbt asset shares, as dagster-open-platform does.
        spec = super().get_asset_spec(manifest, unique_id, project)
        if manifest.get("sources", {}).get(unique_id) is not None:
            return spec  # a source is the raw asset that writes it, with its own tags
        return spec.replace_attributes(owners=OWNERS, kinds=KINDS)


def import_dbt_core() -> None:
    """Import the dbt-core modules dagster-dbt loads in this process when a build starts (the
    adapter it names relations with): seconds of imports, done by a load while it reads."""
    import dbt.adapters.duckdb
    import dbt.config.runtime
    import dbt.context.providers
    import dbt.parser.manifest  # noqa: F401


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    dagster_dbt_translator=JuesuanTranslator(),
    pool=WAREHOUSE_POOL,
)
def juesuan_dbt_models(
    context: dg.AssetExecutionContext,
    dbt: DbtCliResource,
    warehouse: DuckDBResource,
    paths: JuesuanPaths,
) -> Iterator[Any]:
    """Build and test every model and seed (``dbt build``), with row counts on each."""
    # dbt finds the warehouse and the raw layer in its environment (warehouse_plugin.py): this
    # code location's, not whatever the process's environment says (dbt starts with a copy).
    with exported(paths.settings()):
        invocation = dbt.cli(["build"], context=context)
    events: list[Any] = []
    try:
        for event in invocation.stream():
            events.append(event)
    except Exception:
        # dbt has ended (a model failed): what it built still gets its counts and is recorded.
        yield from with_row_counts(context, warehouse.database, events)
        raise
    except BaseException:
        yield from events  # interrupted: no time to open the file
        raise
    keep_parse_state(invocation.target_path, Path(dbt_project.project_dir, dbt_project.target_path))
    yield from with_row_counts(context, warehouse.database, events)


def keep_parse_state(build_target: Path, project_target: Path) -> None:
    """Keep a build's partial-parse state where the next build starts from.

    dagster-dbt gives each build a target folder of its own, seeded with the project target's
    ``partial_parse.msgpack``. That state is whatever was parsed last; when a project file has
    changed since, the build parses it again, and without this every later build would too.
    dbt checks the state before it uses it, so keeping the newest is safe.
    """
    state = build_target / "partial_parse.msgpack"
    if not state.is_file():
        return
    staging = project_target / "partial_parse.msgpack.tmp"
    try:
        shutil.copyfile(state, staging)
        os.replace(staging, project_target / "partial_parse.msgpack")
    except OSError:
        staging.unlink(missing_ok=True)  # a read-only target only costs the next build a parse


def with_row_counts(
    context: dg.AssetExecutionContext, database: str, events: Sequence[Any]
) -> Iterator[Any]:
    """The events in their order, each model's Output with ``dagster/row_count`` (and the
    findings mart's summary) added; an event whose table cannot be counted goes out as it is."""
    tables = {}
    for event in events:
        if isinstance(event, dg.Output):
            key = context.asset_key_for_output(event.output_name)
            if len(key.path) == 2:
                tables[event.output_name] = (key.path[0], key.path[1])
    try:
        with open_warehouse(database) as connection:
            metadata = {
                name: table_metadata(connection, schema, table)
                for name, (schema, table) in tables.items()
            }
    except duckdb.Error as error:
        context.log.warning(f"row counts not attached: {error}")
        metadata = {}
    for event in events:
        extra = (
            metadata.get(getattr(event, "output_name", None))
            if isinstance(event, dg.Output)
            else None
        )
        yield event.with_metadata({**event.metadata, **extra}) if extra else event


def table_metadata(
    connection: duckdb.DuckDBPyConnection, schema: str, table: str
) -> dict[str, Any]:
    """``dagster/row_count`` of one table (empty when it is not a table of the warehouse),
    plus, for the findings mart, its counts by severity and outcome and its top findings."""
    exists = connection.execute(
        "select count(*) from duckdb_tables() where database_name = current_database() "
        "and schema_name = ? and table_name = ?",
        [schema, table],
    ).fetchall()[0][0]
    if not exists:
        return {}
    relation = f'"{schema}"."{table}"'
    rows = connection.execute(f"select count(*) from {relation}").fetchall()[0][0]
    metadata: dict[str, Any] = {"dagster/row_count": rows}
    if (schema, table) == FINDINGS_MODEL:
        metadata.update(findings_summary(connection, relation))
    return metadata


def findings_summary(connection: duckdb.DuckDBPyConnection, relation: str) -> dict[str, Any]:
    """Counts of the findings (勾稽问题) by severity and outcome, and the worst of them first."""
    counts = connection.execute(
        f"select severity, outcome, count(*) from {relation} group by all order by all"
    ).fetchall()
    by_severity: dict[str, int] = {}
    by_outcome: dict[str, int] = {}
    for severity, outcome, n in counts:
        by_severity[severity] = by_severity.get(severity, 0) + n
        by_outcome[outcome] = by_outcome.get(outcome, 0) + n
    columns = [
        "severity", "outcome", "rule_id", "fiscal_year", "department_id", "tables",
        "row_key", "column_key", "expected", "actual", "source_pages_text",
    ]  # fmt: skip
    top = connection.execute(
        f"select {', '.join(columns)} from {relation} "
        "order by case severity when 'error' then 0 when 'warning' then 1 else 2 end, "
        "case outcome when 'fail' then 0 when 'insufficient_data' then 1 else 2 end, "
        f"fiscal_year desc, department_id, rule_id, row_key, column_key limit {PREVIEW_ROWS}"
    ).fetchall()
    metadata: dict[str, Any] = {f"severity_{severity}": n for severity, n in by_severity.items()}
    metadata.update({f"outcome_{outcome}": n for outcome, n in by_outcome.items()})
    metadata["counts"] = dg.MetadataValue.md(
        "| severity | outcome | findings |\n|---|---|---|\n"
        + "\n".join(f"| {s} | {o} | {n} |" for s, o, n in counts)
    )
    metadata["top_findings"] = dg.MetadataValue.table(
        records=[
            dg.TableRecord({c: _cell(v) for c, v in zip(columns, row, strict=True)}) for row in top
        ],
        schema=dg.TableSchema(
            columns=[dg.TableColumn(c, "int" if c == "fiscal_year" else "string") for c in columns]
        ),
    )
    return metadata


def _cell(value: Any) -> str | int | None:
    # Decimals as their exact text: a float would round the printed figure.
    if value is None or isinstance(value, int | str):
        return value
    return str(value)
