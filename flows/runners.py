"""The Prefect task runner that transform batches run on, chosen by the settings."""

from __future__ import annotations

import gc
import logging
import os
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from types import TracebackType
from typing import Any

from prefect.client.orchestration import get_client
from prefect.futures import PrefectFuture
from prefect.settings import PREFECT_API_URL, temporary_settings
from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner, ThreadPoolTaskRunner

from flows.settings import Settings

log = logging.getLogger(__name__)


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


class OnDemandRunner:
    """A task runner that starts on the first submit and stops with the block.

    A run that finds nothing new never needs workers: starting a local Dask cluster (two
    processes that import Prefect and the transforms) costs seconds that a re-run would
    spend on nothing.
    """

    def __init__(self, make: Callable[[], AbstractContextManager[TaskRunner]]) -> None:  # type: ignore[type-arg]
        self._make = make
        self._stack = ExitStack()
        self.runner: TaskRunner | None = None  # type: ignore[type-arg]

    def submit(self, task: Any, parameters: dict[str, Any]) -> PrefectFuture[Any]:
        """Submit a task run, starting the runner first if it is not running yet."""
        if self.runner is None:
            self.runner = self._stack.enter_context(self._make())
        return self.runner.submit(task, parameters)

    def __enter__(self) -> OnDemandRunner:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> bool:
        return self._stack.__exit__(kind, exc, tb)


def on_demand_runner(settings: Settings) -> OnDemandRunner:
    """The settings' task runner, started when the first batch is submitted (with the heap
    frozen then: only a run that lands batches needs release_landed to be cheap)."""

    @contextmanager
    def started() -> Iterator[TaskRunner]:  # type: ignore[type-arg]
        with system_allocator(), task_runner(settings) as runner, frozen_heap():
            yield runner

    return OnDemandRunner(started)


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


ARROW_POOL_VARIABLE = "ARROW_DEFAULT_MEMORY_POOL"


@contextmanager
def system_allocator() -> Iterator[None]:
    """Arrow's buffers from the C allocator, in this process and in the workers started in
    the block (unless ARROW_DEFAULT_MEMORY_POOL says otherwise).

    Arrow's default, jemalloc, kept what each batch's tables had used: over a run of 262 MB
    the workers held 35 MB more each and the flow process, which unpickles every batch's
    tables, grew by 77 MB instead of 49 (the run's CPU within the noise of two runs each).
    """
    import pyarrow as pa

    if ARROW_POOL_VARIABLE in os.environ:  # the user's choice, already read by pyarrow
        yield
        return
    before = pa.default_memory_pool()
    os.environ[ARROW_POOL_VARIABLE] = "system"  # read by each worker's pyarrow at import
    pa.set_memory_pool(pa.system_memory_pool())
    try:
        yield
    finally:
        os.environ.pop(ARROW_POOL_VARIABLE, None)
        pa.set_memory_pool(before)


@contextmanager
def frozen_heap() -> Iterator[None]:
    """Leave the objects that exist now out of the cycle collector's scans, for the block.

    A flow process holds some 300,000 long-lived objects (Prefect, its server client, the
    transforms' resources); freezing them makes release_landed() cost ~20 ms, not ~300 ms.
    """
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def release_landed() -> None:
    """Free the results of the batches that have landed.

    Prefect's futures keep their result inside reference cycles (future, chained future,
    callbacks, state, result record), so a landed batch's Arrow tables stay in memory until
    a full collection, which Python runs only when the count of objects, not their bytes,
    has grown: on 1 GB of input the flow process reached 4.5 GB between two. Collecting
    after each batch keeps it at the size of the batches in flight.
    """
    gc.collect()


FINAL_STATES = frozenset({"COMPLETED", "FAILED", "CANCELLED", "CRASHED"})


def settle_task_runs(
    flow_run_id: str, stall: float = 15.0, poll: float = 0.25, limit: float = 600.0
) -> bool:
    """Wait until the API has recorded every task run of a flow run in a final state.

    Task-run states reach the server as events that it records in the background. When
    the temporary server is stopped at exit with some still queued, Prefect cancels the
    recorder mid-write and prints its tracebacks; waiting here first lets a run that went
    well end quietly. The wait goes on while the count of recorded runs still moves (a
    re-run over 75,000 files leaves ~750 task runs to record, more than 15 s' worth), and
    gives up after `stall` seconds without progress or `limit` in all. Returns whether it
    settled.
    """
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    runs_of = FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id]))  # type: ignore[list-item]
    started = time.monotonic()
    moved = started
    last: tuple[int, int] | None = None
    with get_client(sync_client=True) as client:
        while (now := time.monotonic()) - moved < stall and now - started < limit:
            try:
                seen = _task_run_counts(client, runs_of)
            except Exception as exc:  # the run succeeded; only the wait is given up
                log.warning("could not read back the task runs: %s", exc)
                return False
            if seen[0] == seen[1] and seen == last:
                return True
            if seen != last:
                moved = now
            last = seen
            time.sleep(poll)
    log.warning(
        "gave up waiting for the task runs to be recorded: %s of %s", *(last or (0, 0))[::-1]
    )
    return False


def _task_run_counts(client: Any, runs_of: Any) -> tuple[int, int]:
    """(task runs, those in a final state) of the flow runs `runs_of` selects."""
    from prefect.client.schemas.filters import TaskRunFilter, TaskRunFilterState
    from prefect.client.schemas.filters import TaskRunFilterStateType as StateType

    final = TaskRunFilter(state=TaskRunFilterState(type=StateType(any_=sorted(FINAL_STATES))))  # type: ignore[arg-type]

    def count(task_runs: Any) -> int:
        body = {"flow_runs": runs_of.model_dump(mode="json")}
        if task_runs is not None:
            body["task_runs"] = task_runs.model_dump(mode="json")
        response = client.request("POST", "/task_runs/count", json=body)
        response.raise_for_status()
        return int(response.json())

    return count(None), count(final)
