"""The executor is a setting (``JUESUAN_EXECUTOR``), and the warehouse keeps one writer under
each: the definitions load with Dagster's Celery and Kubernetes executors (no broker or
cluster is started), and every step of ``build_warehouse`` claims the one slot of the
``warehouse`` pool that the Dagster instance ``juesuan`` configures grants.
"""

from __future__ import annotations

import dagster as dg
import pytest
import yaml
from dagster._core.execution.api import create_execution_plan
from dagster._core.execution.plan.instance_concurrency_context import InstanceConcurrencyContext
from dagster_celery import celery_executor
from dagster_k8s import k8s_job_executor

from orchestration.cli import DAGSTER_YAML
from orchestration.dbt.assets import WAREHOUSE_POOL
from orchestration.executors import UnknownExecutor, executor_def
from orchestration.settings import EXECUTOR_VAR, Paths

DISTRIBUTED = {"celery": celery_executor, "k8s": k8s_job_executor}


@pytest.fixture(scope="module")
def locations(tmp_path_factory, dbt_manifest) -> dict[str, dg.Definitions]:
    from orchestration.definitions import build_definitions

    paths = Paths.of(tmp_path_factory.mktemp("executors") / "w.duckdb")
    names = ["multiprocess", "in_process", *DISTRIBUTED]
    return {name: build_definitions(paths, executor=name) for name in names}


@pytest.mark.parametrize("name", sorted(DISTRIBUTED))
def test_the_definitions_load_with_a_distributed_executor(locations, name):
    defs = locations[name]
    jobs = defs.resolve_all_job_defs()
    assert {"scan_inbox", "load_document", "build_warehouse", "report_document"} <= {
        job.name for job in jobs
    }
    for job in jobs:
        assert job.executor_def is DISTRIBUTED[name], job.name
        assert job.executor_def.name == name


def test_the_default_executor_is_dagsters_own(locations):
    assert executor_def(None) is dg.multi_or_in_process_executor
    build = locations["multiprocess"].resolve_job_def("build_warehouse")
    assert build.executor_def is dg.multi_or_in_process_executor
    assert locations["in_process"].resolve_job_def("build_warehouse").executor_def is (
        dg.in_process_executor
    )


def test_the_code_location_takes_its_executor_from_the_environment(monkeypatch, dbt_manifest):
    from orchestration.definitions import defs

    monkeypatch.setenv(EXECUTOR_VAR, "k8s")
    assert defs().resolve_job_def("build_warehouse").executor_def is k8s_job_executor
    monkeypatch.setenv(EXECUTOR_VAR, "celery")
    assert defs().resolve_job_def("load_document").executor_def is celery_executor


def test_an_unknown_executor_is_refused_with_the_choices():
    with pytest.raises(UnknownExecutor, match="multiprocess, in_process, celery, k8s"):
        executor_def("spark")


@pytest.mark.parametrize("name", ["multiprocess", *sorted(DISTRIBUTED)])
def test_build_warehouse_has_one_writer_under_the_executor(locations, name):
    job = locations[name].resolve_job_def("build_warehouse")
    plan = create_execution_plan(job)
    steps = plan.get_all_steps_in_topo_order()
    assert steps
    # Every step of the job opens the warehouse file (dbt writes it; the checks, the published
    # copy read it): all of them are in the warehouse pool.
    assert {step.key: step.pool for step in steps} == {step.key: WAREHOUSE_POOL for step in steps}

    # The instance `juesuan` sets up grants that pool one slot: while a step of one run holds
    # it, a step of another run (here: another build) cannot start.
    config = yaml.safe_load(DAGSTER_YAML)
    assert config["concurrency"]["pools"]["default_limit"] == 1
    assert "granularity" not in config["concurrency"]["pools"]  # per step: op granularity
    with dg.instance_for_test(overrides={"concurrency": config["concurrency"]}) as instance:
        first = instance.create_run_for_job(job_def=job, execution_plan=plan)
        second = instance.create_run_for_job(job_def=job, execution_plan=plan)
        with (
            InstanceConcurrencyContext(instance, first) as one,
            InstanceConcurrencyContext(instance, second) as other,
        ):
            assert one.claim(WAREHOUSE_POOL, steps[0].key)
            assert not other.claim(WAREHOUSE_POOL, steps[-1].key)
            one.free_step(steps[0].key)
            assert instance.event_log_storage.get_concurrency_info(WAREHOUSE_POOL).slot_count == 1
