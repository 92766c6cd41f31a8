"""What a user reads in the Dagster UI: descriptions, owners and kinds of the dbt assets, row
counts and the findings mart's summary on their materializations, and the per-document
reconciliation check stored with its partition.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from orchestration.publish.warehouse import open_warehouse


def test_every_dbt_model_has_its_yml_description_owner_and_kinds(dbt_manifest):
    from orchestration.dbt.assets import JuesuanTranslator, juesuan_dbt_models

    manifest = json.loads(dbt_manifest.read_text(encoding="utf-8"))
    translator = JuesuanTranslator()
    specs = {spec.key: spec for spec in juesuan_dbt_models.specs}
    nodes = [n for n in manifest["nodes"].values() if n["resource_type"] in ("model", "seed")]
    assert len(nodes) >= 20
    for node in nodes:
        spec = specs[translator.get_asset_key(node)]
        assert node["description"], f"{node['unique_id']} has no description in its yml"
        # dagster-dbt puts the model's SQL after its yml description.
        assert spec.description.startswith(node["description"].strip()), node["unique_id"]
        assert spec.owners == ["team:juesuan"], node["unique_id"]
        assert spec.kinds >= {"dbt", "duckdb"}, node["unique_id"]


def _findings_warehouse(path: Path) -> Path:
    # Built under a neutral name, then renamed: the readers must cope with any file name.
    building = path.with_name("building.duckdb")
    connection = duckdb.connect(str(building))
    try:
        connection.execute(
            """
            create schema marts;
            create table marts.fact_reconciliation_finding (
                rule_id varchar, severity varchar, outcome varchar, fiscal_year integer,
                department_id varchar, tables varchar, row_key varchar, column_key varchar,
                expected decimal(20,6), actual decimal(20,6), source_pages integer[],
                source_pages_text varchar
            );
            insert into marts.fact_reconciliation_finding values
                ('HIER', 'info', 'pass', 2023, 'd', 'T03', '201', 'total',
                 708.08, 708.09, [8], '8'),
                ('PERF-RATE', 'error', 'fail', 2023, 'd', 'P01', 'rate', 'rate',
                 65, 55, [31, 32], '31, 32'),
                ('PERF-SCORE', 'warning', 'insufficient_data', 2022, 'd', 'P01', 'score',
                 'score', null, null, [], ''),
                ('T03-ROW', 'info', 'pass', 2022, 'd', 'T03', 'TOTAL', 'total',
                 1, 1, [7], '7');
            create table marts.fact_expenditure as select range as x from range(7);
            create view marts.a_view as select 1 as x;
            """
        )
    finally:
        connection.close()
    building.rename(path)
    return path


def test_row_counts_and_the_findings_summary_are_read_from_the_warehouse(tmp_path):
    from orchestration.dbt.assets import table_metadata

    warehouse = _findings_warehouse(tmp_path / "marts.duckdb")  # named like a schema
    with open_warehouse(warehouse) as connection:
        expenditure = table_metadata(connection, "marts", "fact_expenditure")
        findings = table_metadata(connection, "marts", "fact_reconciliation_finding")
        view = table_metadata(connection, "marts", "a_view")
        missing = table_metadata(connection, "marts", "no_such_table")
    assert expenditure == {"dagster/row_count": 7}
    assert view == {} and missing == {}
    assert findings["dagster/row_count"] == 4
    assert findings["severity_error"] == 1
    assert findings["severity_warning"] == 1
    assert findings["severity_info"] == 2
    assert findings["outcome_fail"] == 1
    assert findings["outcome_insufficient_data"] == 1
    assert findings["outcome_pass"] == 2
    assert "| error | fail | 1 |" in findings["counts"].value
    table = findings["top_findings"]
    assert isinstance(table, dg.TableMetadataValue)
    records = [record.data for record in table.records]
    # The error first, then the warning; decimals as their exact text, never floats.
    assert [r["rule_id"] for r in records] == ["PERF-RATE", "PERF-SCORE", "HIER", "T03-ROW"]
    assert records[0]["expected"] == str(Decimal("65.000000"))
    assert records[0]["source_pages_text"] == "31, 32"
    assert records[1]["expected"] is None


def test_the_document_check_is_stored_with_its_partition(tmp_path, monkeypatch, dbt_manifest):
    from orchestration.reports import assets as report_assets
    from orchestration.resources import JuesuanPaths
    from reporting.findings import ReportSummary

    class Outcome:
        status = "loaded"
        document_id = "sha-2023"
        path = str(tmp_path / "d.pdf")

    def fake_report(connection, document_id, pdf_path, out_dir):
        out_dir.mkdir(parents=True, exist_ok=True)
        (out_dir / "index.html").write_text(document_id, encoding="utf-8")
        return ReportSummary(path=out_dir / "index.html", counts={"error": 2}, top=[])

    monkeypatch.setattr(report_assets, "read_outcomes", lambda raw, year, dep: [Outcome()])
    monkeypatch.setattr(report_assets, "write_document_report", fake_report)
    warehouse = _findings_warehouse(tmp_path / "w.duckdb")
    key = dg.MultiPartitionKey({"fiscal_year": "2023", "department": "阳泉市商务局"})
    with dg.instance_for_test() as instance:
        instance.add_dynamic_partitions("department", ["阳泉市商务局", "其他局"])
        result = dg.materialize(
            [report_assets.findings_report],
            partition_key=key,
            instance=instance,
            resources={
                "paths": JuesuanPaths(warehouse=str(warehouse), data_dir=str(tmp_path), inbox=[]),
                "warehouse": report_assets.DuckDBResource(database=str(warehouse)),
            },
            raise_on_error=False,
        )
        assert result.success
        check_key = dg.AssetCheckKey(report_assets.REPORT_ASSET, "document_reconciliation")
        evaluations = [
            event.event_specific_data
            for event in result.all_events
            if event.event_type == dg.DagsterEventType.ASSET_CHECK_EVALUATION
        ]
        assert [e.partition for e in evaluations] == [str(key)]
        assert evaluations[0].passed is False  # two error findings
        records = instance.event_log_storage.get_asset_check_execution_history(check_key, limit=5)
        assert len(records) == 1
        stored = records[0].event.dagster_event.event_specific_data
        assert stored.partition == str(key)
        assert stored.metadata["partition"].value == str(key)


@pytest.mark.parametrize("check", ["HIER", "PERF_RATE"])
def test_the_rule_checks_still_hang_on_the_findings_mart(check, dbt_manifest):
    from orchestration.checks.reconciliation import FINDINGS_ASSET, reconciliation_rules

    assert dg.AssetCheckKey(FINDINGS_ASSET, check) in reconciliation_rules.check_keys


class _StepContext:
    """What ``with_row_counts`` reads of the step's context: output → asset key, and a log."""

    def __init__(self, keys: dict[str, dg.AssetKey]) -> None:
        self.keys = keys
        self.warnings: list[str] = []
        self.log = self

    def asset_key_for_output(self, output_name: str) -> dg.AssetKey:
        return self.keys[output_name]

    def warning(self, message: str) -> None:
        self.warnings.append(message)


def _dbt_events() -> tuple[_StepContext, list]:
    context = _StepContext(
        {
            "fact_expenditure": dg.AssetKey(["marts", "fact_expenditure"]),
            "findings": dg.AssetKey(["marts", "fact_reconciliation_finding"]),
            "not_built": dg.AssetKey(["marts", "no_such_table"]),
        }
    )
    check = dg.AssetCheckResult(
        asset_key=dg.AssetKey(["marts", "fact_expenditure"]), check_name="not_null", passed=True
    )
    events = [
        dg.Output(None, output_name="fact_expenditure", metadata={"unique_id": "model.x"}),
        check,
        dg.Output(None, output_name="findings"),
        dg.Output(None, output_name="not_built"),
    ]
    return context, events


def test_each_dbt_output_gets_its_row_count_in_the_order_dbt_gave_them(tmp_path):
    from orchestration.dbt.assets import with_row_counts

    warehouse = _findings_warehouse(tmp_path / "marts.duckdb")
    context, events = _dbt_events()
    out = list(with_row_counts(context, str(warehouse), events))
    assert [type(e) for e in out] == [type(e) for e in events]
    assert out[1] is events[1]  # a check result passes through as dbt gave it
    assert out[0].output_name == "fact_expenditure"
    assert out[0].metadata["dagster/row_count"].value == 7
    assert out[0].metadata["unique_id"].value == "model.x"  # dbt's own metadata kept
    assert out[2].metadata["dagster/row_count"].value == 4
    assert out[2].metadata["severity_error"].value == 1
    assert "dagster/row_count" not in out[3].metadata  # nothing built, nothing counted
    assert context.warnings == []


def test_a_warehouse_that_cannot_be_opened_leaves_the_dbt_events_as_they_were(tmp_path):
    from orchestration.dbt.assets import with_row_counts

    warehouse = _findings_warehouse(tmp_path / "w.duckdb")
    context, events = _dbt_events()
    # A read-write connection in this process: DuckDB refuses a read-only one beside it, as
    # it refuses any opening while another process writes the file.
    holder = duckdb.connect(str(warehouse))
    try:
        out = list(with_row_counts(context, str(warehouse), events))
    finally:
        holder.close()
    assert out == events
    assert len(context.warnings) == 1 and "row counts not attached" in context.warnings[0]
