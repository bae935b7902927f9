"""The Prefect task runner that transform batches run on, chosen by the settings."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager

from prefect.client.orchestration import get_client
from prefect.settings import PREFECT_API_URL, temporary_settings
from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner, ThreadPoolTaskRunner

from flows.settings import Settings


def worker_count(settings: Settings) -> int:
    """Parallel transform workers: the setting, else the machine's CPU count."""
    return settings.workers or os.cpu_count() or 1


def task_runner(settings: Settings) -> TaskRunner:  # type: ignore[type-arg]
    """A thread pool, a local process pool, or a Dask cluster (local, or at dask_address)."""
    workers = worker_count(settings)
    if settings.runner == "threads":
        return ThreadPoolTaskRunner(max_workers=workers)
    if settings.runner == "processes":
        return ProcessPoolTaskRunner(max_workers=workers)
    from prefect_dask import DaskTaskRunner

    # the scheduler and nannies log every start and stop at INFO: keep their warnings only
    logging.getLogger("distributed").setLevel(logging.WARNING)
    if settings.dask_address:
        return DaskTaskRunner(address=settings.dask_address)
    return DaskTaskRunner(
        cluster_kwargs={
            "n_workers": workers,
            "threads_per_worker": 1,
            "processes": True,
            "dashboard_address": ":0",  # any free port: never collide with another run
        }
    )


@contextmanager
def shared_api() -> Iterator[None]:
    """Make worker processes report to this run's Prefect API.

    In ephemeral mode the API URL lives only in this process; without it in the settings
    that the runners hand to their workers, each worker would start a temporary server of
    its own and its task runs would be lost to the UI.
    """
    if PREFECT_API_URL.value():
        yield
        return
    url = str(get_client().api_url).rstrip("/")
    with temporary_settings({PREFECT_API_URL: url}):
        yield
