"""The same flow on every task runner: a process pool, threads, and a local Dask cluster."""

from __future__ import annotations

import gc
import multiprocessing
import os
import time
import weakref
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest
from prefect import flow, task
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.testing.utilities import prefect_test_harness

from flows.pipeline import run_reports
from flows.runners import (
    ARROW_POOL_VARIABLE,
    OnDemandRunner,
    _task_run_counts,
    frozen_heap,
    release_landed,
    settle_task_runs,
    system_allocator,
    task_runner,
)
from flows.settings import ConfigError, build_settings
from tests.conftest import SAMPLES

pytestmark = pytest.mark.slow

ROWS = {
    "metrics": "select metric_id, value, unit, indicator from metrics",
    "terms": "select report_id, term, count from terms",
    "reports": "select report_id, region_name, year from reports",
}


@pytest.fixture(scope="module", autouse=True)
def harness() -> Iterator[None]:
    with prefect_test_harness(server_startup_timeout=600):
        yield


def warehouse_rows(data: Path) -> dict[str, set[tuple[object, ...]]]:
    con = duckdb.connect(str(data / "warehouse.duckdb"), read_only=True)
    try:
        return {table: set(con.execute(sql).fetchall()) for table, sql in ROWS.items()}
    finally:
        con.close()


@pytest.fixture(scope="module")
def threads_rows(tmp_path_factory: pytest.TempPathFactory) -> dict[str, set[tuple[object, ...]]]:
    data = tmp_path_factory.mktemp("threads")
    run_reports(sources=[str(SAMPLES)], data=str(data), runner="threads", batch_size=2)
    return warehouse_rows(data)


@pytest.mark.parametrize("runner", ["processes", "dask"])
def test_each_runner_writes_the_same_rows_as_threads(
    runner: str, tmp_path: Path, threads_rows: dict[str, set[tuple[object, ...]]]
) -> None:
    result = run_reports(
        sources=[str(SAMPLES)], data=str(tmp_path), runner=runner, workers=2, batch_size=2
    )
    assert result["this_run"]["new"] == 5  # type: ignore[index]
    assert set(result["stage_seconds"]) >= {"decode", "clean", "extract", "publish"}  # type: ignore[arg-type]
    rows = warehouse_rows(tmp_path)
    assert all(rows[table] for table in ROWS)
    assert rows == threads_rows


def test_the_dask_runner_is_a_local_cluster_of_the_requested_workers(tmp_path: Path) -> None:
    settings = build_settings(sources=[str(SAMPLES)], data=str(tmp_path), runner="dask", workers=2)
    with task_runner(settings) as runner:
        client = runner.client  # type: ignore[attr-defined]
        client.wait_for_workers(2, timeout=60)
        assert len(client.scheduler_info()["workers"]) == 2


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"runner": "spark"}, "--runner spark"),
        ({"workers": 0}, "--workers"),
        ({"runner": "threads", "dask_address": "tcp://127.0.0.1:8786"}, "--dask-address"),
    ],
)
def test_a_bad_runner_setting_is_named(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        build_settings(sources=[str(SAMPLES)], **kwargs)  # type: ignore[arg-type]


@task
def a_table(rows: int) -> pa.Table:
    return pa.table({"x": range(rows)})


def test_a_landed_result_is_freed_when_released(tmp_path: Path) -> None:
    @flow
    def land_one() -> tuple[bool, bool]:
        settings = build_settings(sources=[str(SAMPLES)], data=str(tmp_path), workers=1)
        with task_runner(settings) as runner, frozen_heap():
            future = runner.submit(a_table, {"rows": 100_000})
            table = weakref.ref(future.result())
            del future
            gc.disable()  # no automatic collection may run between the two looks
            try:
                held = table() is not None  # Prefect's futures keep it in a cycle
                # a thread of Prefect's may still hold part of the cycle for a while (it
                # reports the task's state, slowly on a busy machine), and a collection then
                # frees nothing; the run releases after every batch, so the next one does.
                # With the collector off, only release_landed() can free it.
                deadline = time.monotonic() + 60
                while table() is not None and time.monotonic() < deadline:
                    release_landed()
                    time.sleep(0.05)
                freed = table() is None
            finally:
                gc.enable()
        return held, freed

    assert land_one() == (True, True)


def test_settling_waits_until_every_task_run_is_recorded() -> None:
    @flow
    def three_tasks() -> str:
        for rows in (1, 2, 3):
            a_table(rows)
        from prefect.runtime import flow_run

        return str(flow_run.id)

    flow_run_id = three_tasks()
    assert settle_task_runs(flow_run_id, stall=30)
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    runs_of = FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id]))
    with get_client(sync_client=True) as client:
        assert _task_run_counts(client, runs_of) == (3, 3)


def test_settling_gives_up_when_a_task_run_stays_running() -> None:
    from prefect.client.orchestration import get_client
    from prefect.states import Running

    @flow
    def never_run() -> None: ...

    with get_client(sync_client=True) as client:
        flow_run = client.create_flow_run(never_run)
        client.create_task_run(a_table, flow_run.id, dynamic_key="0", state=Running())
    started = time.monotonic()
    assert not settle_task_runs(str(flow_run.id), stall=1)
    assert time.monotonic() - started < 10


@task
def double(x: int) -> int:
    return 2 * x


def test_an_on_demand_runner_starts_at_the_first_submit_and_stops_with_its_block() -> None:
    made: list[ThreadPoolTaskRunner] = []  # type: ignore[type-arg]

    def make() -> ThreadPoolTaskRunner:  # type: ignore[type-arg]
        made.append(ThreadPoolTaskRunner(max_workers=1))
        return made[-1]

    @flow
    def submits(n: int) -> list[int]:
        with OnDemandRunner(make) as runner:
            futures = [runner.submit(double, {"x": i}) for i in range(n)]
            return [f.result() for f in futures]

    assert submits(0) == [] and made == []  # nothing submitted: no runner started
    assert submits(3) == [0, 2, 4]
    assert len(made) == 1  # one runner for every submit of the block
    assert not made[0]._started  # and it was stopped when the block ended


def _pool_of_a_new_process(found: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    import pyarrow

    found.put(pyarrow.default_memory_pool().backend_name)


def _spawned_pool() -> str:
    context = multiprocessing.get_context("spawn")  # as the process pool starts its workers
    found = context.Queue()
    worker = context.Process(target=_pool_of_a_new_process, args=(found,))
    worker.start()
    worker.join(60)
    return str(found.get(timeout=5))


def test_arrow_allocates_from_the_c_allocator_in_the_run_and_its_workers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(ARROW_POOL_VARIABLE, raising=False)
    before = pa.default_memory_pool().backend_name
    with system_allocator():
        assert pa.default_memory_pool().backend_name == "system"
        assert _spawned_pool() == "system"
    assert pa.default_memory_pool().backend_name == before
    assert ARROW_POOL_VARIABLE not in os.environ


def test_a_pool_the_user_chose_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ARROW_POOL_VARIABLE, "mimalloc")
    before = pa.default_memory_pool().backend_name
    with system_allocator():
        assert pa.default_memory_pool().backend_name == before
        assert _spawned_pool() == "mimalloc"
