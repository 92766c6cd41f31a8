"""The sensors: a changed inbox triggers a scan; each new document version loads once."""

from __future__ import annotations

import shutil
from pathlib import Path

import dagster as dg

from ingestion.inbox import scan_inbox, write_registry
from orchestration.partitions import document_partition_key
from orchestration.resources import JuesuanPaths
from orchestration.sensors import inbox_sensor, registry_sensor

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "pdf"


def _paths(tmp_path: Path, inbox: Path) -> JuesuanPaths:
    return JuesuanPaths(
        warehouse=str(tmp_path / "w.duckdb"), data_dir=str(tmp_path / "data"), inbox=[str(inbox)]
    )


def test_inbox_sensor_scans_when_the_inbox_changes(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    paths = _paths(tmp_path, inbox)
    shutil.copy(SAMPLES / "yangquan-commerce-2023.pdf", inbox)

    first = inbox_sensor(dg.build_sensor_context(resources={"paths": paths}))
    assert isinstance(first, dg.RunRequest)
    cursor = first.run_key

    unchanged = inbox_sensor(dg.build_sensor_context(cursor=cursor, resources={"paths": paths}))
    assert isinstance(unchanged, dg.SkipReason)

    shutil.copy(SAMPLES / "yangquan-commerce-2022.pdf", inbox)
    changed = inbox_sensor(dg.build_sensor_context(cursor=cursor, resources={"paths": paths}))
    assert isinstance(changed, dg.RunRequest) and changed.run_key != cursor


def test_registry_sensor_loads_each_document_version_once(tmp_path):
    paths = _paths(tmp_path, SAMPLES)
    write_registry(scan_inbox([SAMPLES]), paths.registry)
    instance = dg.DagsterInstance.ephemeral()

    context = dg.build_sensor_context(instance=instance, resources={"paths": paths})
    requests = registry_sensor(context)
    # the two 决算 and the 2023 budget, a partition of its own (部门预算)
    assert sorted(str(r.partition_key) for r in requests) == sorted(
        str(document_partition_key(year, department))
        for year, department in ((2022, "阳泉市商务局"), (2023, "阳泉市商务局"),
                                 (2023, "阳泉市商务局·预算"))
    )  # fmt: skip

    again = registry_sensor(
        dg.build_sensor_context(
            instance=instance, cursor=context.cursor, resources={"paths": paths}
        )
    )
    assert isinstance(again, dg.SkipReason)
