"""The executor of the jobs (执行器), a setting: ``JUESUAN_EXECUTOR``.

- ``multiprocess`` (the default, Dagster's own): every step in a process of its own on the
  machine of the run; ``in_process``: every step in the run's process.
- ``celery``: steps go to Celery workers (``dagster-celery``); ``k8s``: every step is a
  Kubernetes job (``dagster-k8s``). Both come with the ``distributed`` extra
  (``pip install 'juesuan[distributed]'``) and take their broker, image and namespace from the
  run config or the variables those libraries read (see the README).

Whatever the executor, the steps that open the warehouse file are in the ``warehouse`` pool,
and the Dagster instance grants that pool one slot (``default_limit: 1`` in the dagster.yaml
``juesuan`` writes): the executors claim a step's pool slot before they start it, so there is
one writer of the warehouse at a time, on one machine or many.
"""

from __future__ import annotations

import dagster as dg

EXECUTORS = ("multiprocess", "in_process", "celery", "k8s")
DEFAULT_EXECUTOR = "multiprocess"


class UnknownExecutor(ValueError):
    """A ``JUESUAN_EXECUTOR`` juesuan does not know, or whose library is not installed."""


def executor_def(name: str | None = None) -> dg.ExecutorDefinition:
    """The Dagster executor that ``name`` (one of :data:`EXECUTORS`) selects."""
    chosen = (name or DEFAULT_EXECUTOR).strip().lower().replace("-", "_")
    if chosen == "multiprocess":
        return dg.multi_or_in_process_executor
    if chosen == "in_process":
        return dg.in_process_executor
    if chosen not in EXECUTORS:
        raise UnknownExecutor(
            f"JUESUAN_EXECUTOR={name!r} is not an executor juesuan knows: one of "
            f"{', '.join(EXECUTORS)}"
        )
    try:
        if chosen == "celery":
            from dagster_celery import celery_executor

            return celery_executor
        from dagster_k8s import k8s_job_executor

        return k8s_job_executor
    except ImportError as exc:
        raise UnknownExecutor(
            f"JUESUAN_EXECUTOR={name} needs the distributed extra: "
            f"pip install 'juesuan[distributed]' ({exc})"
        ) from exc
