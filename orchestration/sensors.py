"""Sensors (传感器): new disclosures in the inbox load themselves, and the warehouse follows.

- ``inbox_sensor`` scans the inbox when a PDF appears, changes or goes away.
- ``registry_sensor`` loads every document the latest scan accepted that has not been loaded
  in its current version (a partition per fiscal year × department).
- ``warehouse_sensor`` rebuilds the warehouse after documents loaded, and
  ``reports_sensor`` writes every document's findings report after the warehouse is rebuilt.
All start stopped; turn them on in the UI (Automation) for a deployment that watches a folder.
"""

import hashlib
import json
from pathlib import Path

import dagster as dg

from ingestion.inbox import partition_candidates, partitions, pdf_files, read_registry
from orchestration.jobs import (
    build_warehouse_job,
    load_document_job,
    report_document_job,
    scan_inbox_job,
)
from orchestration.partitions import document_partition_key
from orchestration.resources import JuesuanPaths


def inbox_fingerprint(folders: list[Path]) -> str:
    """Names, sizes and modification times of the inbox's PDFs: changes when any file does."""
    digest = hashlib.sha256()
    for path in pdf_files([f for f in folders if f.exists()]):
        stat = path.stat()
        digest.update(f"{path}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


@dg.sensor(job=scan_inbox_job, minimum_interval_seconds=60)
def inbox_sensor(context: dg.SensorEvaluationContext, paths: JuesuanPaths):
    fingerprint = inbox_fingerprint([Path(p) for p in paths.inbox])
    if fingerprint == context.cursor:
        return dg.SkipReason("no PDF appeared, changed or went away in the inbox")
    context.update_cursor(fingerprint)
    return dg.RunRequest(run_key=fingerprint)


@dg.sensor(job=load_document_job, minimum_interval_seconds=60)
def registry_sensor(context: dg.SensorEvaluationContext, paths: JuesuanPaths):
    loaded: dict[str, str] = json.loads(context.cursor) if context.cursor else {}
    requests = []
    registry = read_registry(paths.registry)
    for entry in partitions(registry):
        key = document_partition_key(entry.fiscal_year, entry.partition_department)
        # The partition's files as a whole: a new publication of it loads it again.
        files = ",".join(
            e.document_id
            for e in partition_candidates(registry, entry.fiscal_year, entry.partition_department)
        )
        if loaded.get(str(key)) == files:
            continue
        loaded[str(key)] = files
        requests.append(
            dg.RunRequest(run_key=f"{key}:{hashlib.sha256(files.encode()).hexdigest()}",
                          partition_key=key)
        )  # fmt: skip
    context.update_cursor(json.dumps(loaded, sort_keys=True))
    return requests or dg.SkipReason("every accepted document is loaded in its current version")


@dg.run_status_sensor(
    run_status=dg.DagsterRunStatus.SUCCESS,
    monitored_jobs=[load_document_job],
    request_job=build_warehouse_job,
)
def warehouse_sensor(context: dg.RunStatusSensorContext):
    # One build per loaded document; the warehouse pool runs them one at a time.
    return dg.RunRequest(run_key=f"after-{context.dagster_run.run_id}")


@dg.run_status_sensor(
    run_status=dg.DagsterRunStatus.SUCCESS,
    monitored_jobs=[build_warehouse_job],
    request_job=report_document_job,
)
def reports_sensor(context: dg.RunStatusSensorContext, paths: JuesuanPaths):
    return [
        dg.RunRequest(
            run_key=f"{context.dagster_run.run_id}:{entry.document_id}",
            partition_key=document_partition_key(entry.fiscal_year, entry.partition_department),
        )
        for entry in partitions(read_registry(paths.registry))
    ]
