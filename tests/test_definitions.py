"""The code location loads, and its asset graph matches the committed snapshot.

A change to the graph (an asset, a dependency, a check) must be deliberate: regenerate the
snapshot with ``JUESUAN_UPDATE_SNAPSHOTS=1 uv run pytest tests/test_definitions.py`` and
review its diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

SNAPSHOT = Path(__file__).parent / "snapshots" / "asset_graph.txt"


def _graph_lines() -> list[str]:
    from orchestration.definitions import defs as code_location

    defs = code_location()  # as Dagster loads it, from the environment

    graph = defs.resolve_asset_graph()
    lines = []
    for key in sorted(graph.get_all_asset_keys(), key=lambda k: k.to_user_string()):
        node = graph.get(key)
        parents = ", ".join(sorted(p.to_user_string() for p in node.parent_keys))
        partitioned = " [partitioned]" if node.partitions_def else ""
        lines.append(f"asset {key.to_user_string()}{partitioned} <- {parents}")
    for check in sorted(graph.asset_check_keys, key=lambda c: c.to_user_string()):
        lines.append(f"check {check.to_user_string()}")
    return lines


def test_definitions_load_and_validate(dbt_manifest):
    from orchestration.definitions import defs as code_location

    defs = code_location()  # as Dagster loads it, from the environment

    defs.resolve_all_job_defs()
    assert {job.name for job in defs.resolve_all_job_defs()} >= {
        "scan_inbox",
        "load_document",
        "build_warehouse",
    }
    assert set(defs.resources) == {"paths", "warehouse", "dbt"}


def test_asset_graph_matches_snapshot(dbt_manifest):
    lines = _graph_lines()
    if os.environ.get("JUESUAN_UPDATE_SNAPSHOTS"):
        SNAPSHOT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert SNAPSHOT.read_text(encoding="utf-8").splitlines() == lines


def test_reconciliation_checks_hang_on_the_findings_mart(dbt_manifest):
    lines = _graph_lines()
    for rule_check in ("HIER", "T03_ROW", "T05_ROW", "X_T01_T03"):
        assert f"check marts/fact_reconciliation_finding:{rule_check}" in lines


def test_every_dbt_source_is_written_by_an_ingestion_asset(dbt_manifest):
    # A source nothing produces still shows in the graph, as an external stub with no
    # partitions: the lineage would look complete while no run could ever refresh it.
    from orchestration.dbt.assets import JuesuanTranslator, juesuan_dbt_models
    from orchestration.definitions import defs as code_location

    defs = code_location()  # as Dagster loads it, from the environment

    graph = defs.resolve_asset_graph()
    translator = JuesuanTranslator()
    sources = json.loads(dbt_manifest.read_text(encoding="utf-8"))["sources"]
    assert sources, "the manifest lists no dbt sources"
    unproduced = sorted(
        f"{props['source_name']}.{props['name']} -> {key.to_user_string()}"
        for props in sources.values()
        for key in [translator.get_asset_key(props)]
        if key not in graph.materializable_asset_keys or key in juesuan_dbt_models.keys
    )
    assert not unproduced, f"dbt sources no Dagster asset materializes: {unproduced}"


def test_raw_assets_are_partitioned_by_document(dbt_manifest):
    from orchestration.definitions import defs as code_location
    from orchestration.partitions import document_partitions

    defs = code_location()  # as Dagster loads it, from the environment

    graph = defs.resolve_asset_graph()
    raw = [key for key in graph.get_all_asset_keys() if key.path[0] == "raw"]
    assert raw
    unpartitioned = sorted(
        key.to_user_string() for key in raw if graph.get(key).partitions_def != document_partitions
    )
    assert not unpartitioned, f"raw assets not partitioned by document: {unpartitioned}"


def test_every_record_ingestion_writes_is_a_dbt_source(dbt_manifest):
    from ingestion.write import PARTITION_RECORDS

    sources = json.loads(dbt_manifest.read_text(encoding="utf-8"))["sources"].values()
    raw_sources = {props["name"] for props in sources if props["source_name"] == "raw"}
    # write_quarantine writes the quarantine list beside the per-document records.
    missing = sorted({*PARTITION_RECORDS, "quarantine"} - raw_sources)
    assert not missing, f"records written to the raw layer that dbt never reads: {missing}"


def test_a_yearly_schedule_scans_the_inbox(dbt_manifest):
    from orchestration.definitions import defs as code_location

    defs = code_location()  # as Dagster loads it, from the environment

    schedule = defs.resolve_schedule_def("yearly_scan")
    assert schedule.job_name == "scan_inbox"
    assert schedule.cron_schedule == "0 3 1 9 *"
    assert schedule.execution_timezone == "Asia/Shanghai"
