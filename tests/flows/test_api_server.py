"""The temporary Prefect server a run's supervisor starts: it answers, and stops."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from flows.api_server import ServerError, healthy, stop_server, temporary_server, wait_healthy
from tests.conftest import CLI, ROOT

pytestmark = pytest.mark.slow


def test_temporary_server_answers_then_stops() -> None:
    process, api_url = temporary_server()
    try:
        assert api_url.startswith("http://127.0.0.1:") and api_url.endswith("/api")
        wait_healthy(api_url, timeout=300)
        assert healthy(api_url)
    finally:
        stop_server(process)
    assert process.returncode is not None
    assert not healthy(api_url)


def test_waiting_for_an_api_nobody_serves_times_out() -> None:
    with pytest.raises(ServerError, match="did not answer"):
        wait_healthy("http://127.0.0.1:9/api", timeout=0.5)


def test_a_run_whose_temporary_server_dies_stops_with_a_clear_error(tmp_path: Path) -> None:
    # a database nobody serves: the server exits during its start; the run must not hang
    bad = "postgresql+asyncpg://edureports:x@127.0.0.1:9/prefect"
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env["PREFECT_API_DATABASE_CONNECTION_URL"] = bad
    result = subprocess.run(
        [*CLI, "run", "--source", "samples", "--data", str(tmp_path / "data")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode != 0
    assert "the temporary Prefect server exited" in result.stderr
