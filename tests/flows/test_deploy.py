"""prefect.yaml against a real Prefect server on 127.0.0.1: deploy, trigger, a worker runs it."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLES

pytestmark = pytest.mark.slow
PREFECT = str(Path(sys.executable).with_name("prefect"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def healthy(api: str) -> bool:
    try:
        with urllib.request.urlopen(f"{api}/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    port = free_port()
    env = {
        **os.environ,
        "PREFECT_HOME": str(tmp_path_factory.mktemp("prefect-home")),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    }
    env.pop("PREFECT_API_URL", None)
    proc = subprocess.Popen(
        [PREFECT, "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    api = f"http://127.0.0.1:{port}/api"
    try:
        deadline = time.monotonic() + 600
        while not healthy(api):
            assert proc.poll() is None, "prefect server exited"
            assert time.monotonic() < deadline, "prefect server did not start"
            time.sleep(1)
        yield {**env, "PREFECT_API_URL": api}
    finally:
        proc.terminate()
        proc.wait(timeout=60)


def prefect(
    env: dict[str, str], *args: str, timeout: int = 600
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [PREFECT, *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return result


def test_deploy_from_prefect_yaml_and_run_one_deployment(
    server: dict[str, str], tmp_path: Path
) -> None:
    prefect(server, "work-pool", "create", "edureports", "--type", "process")
    deployed = prefect(server, "--no-prompt", "deploy", "--all")
    assert (
        "edureports-run/daily" in deployed.stdout
        and "edureports-run/weekly-full-rebuild" in deployed.stdout
    )
    params = json.dumps({"sources": [str(SAMPLES)], "data": str(tmp_path / "data")})
    prefect(server, "deployment", "run", "edureports-run/daily", "--params", params)
    worker = prefect(server, "worker", "start", "--pool", "edureports", "--run-once")
    log = worker.stdout + worker.stderr
    assert "Finished in state Completed()" in log, log[-3000:]
    assert "5 new" in log
    assert (tmp_path / "data" / "warehouse.duckdb").exists()


def test_serve_starts_a_local_server_serves_both_deployments_and_stops_on_ctrl_c(
    tmp_path: Path,
) -> None:
    import signal

    port = free_port()
    env = {
        **os.environ,
        "PREFECT_HOME": str(tmp_path / "home"),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    }
    env.pop("PREFECT_API_URL", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "flows.cli", "serve", "--port", str(port)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    api = f"http://127.0.0.1:{port}/api"
    try:
        deadline = time.monotonic() + 600
        names: list[str] = []
        while time.monotonic() < deadline and len(names) < 2:
            assert proc.poll() is None, "serve exited early"
            if healthy(api):
                request = urllib.request.Request(
                    f"{api}/deployments/filter",
                    data=b"{}",
                    headers={"Content-Type": "application/json"},
                )
                with urllib.request.urlopen(request, timeout=5) as response:
                    names = [d["name"] for d in json.load(response)]
            time.sleep(2)
        assert sorted(names) == ["daily", "weekly-full-rebuild"]
    finally:
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=120)
    assert proc.returncode == 0, out[-3000:]
    assert "stopped" in out and "Traceback" not in out
    assert not healthy(api)  # the local server went away with it
