"""The Prefect servers runs report to, when PREFECT_API_URL names none.

- `temporary_server()`: what Prefect's ephemeral mode starts (the same uvicorn command and
  settings), but started by the run's supervisor before the run imports anything, so its
  start (~6 s, mostly imports) overlaps the run's own imports on the other core instead of
  following them, and the run no longer imports Prefect's server code to start it. It
  lives as long as the supervisor, which stops it after the run (and after marking a run
  that died Crashed through it).
- `prefect_server()`: a full local server for `edureports serve` (it runs schedules).
"""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

TEMPORARY_API = "EDUREPORTS_TEMPORARY_API"
"""Set in a run's environment when its PREFECT_API_URL is the supervisor's temporary server:
the run waits for it to answer, and settles its task runs before it exits."""
DEFAULT_PORT = 4200
START_TIMEOUT = 600  # the first start on a new machine migrates Prefect's database


class ServerError(RuntimeError):
    """A Prefect server did not come up."""


def healthy(api_url: str) -> bool:
    """Whether the API answers its health check."""
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=2) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def wait_healthy(api_url: str, timeout: float, poll: float = 0.1) -> None:
    """Return once the API answers; ServerError after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not healthy(api_url):
        if time.monotonic() > deadline:
            raise ServerError(f"the Prefect API did not answer on {api_url} in {timeout:.0f} s")
        time.sleep(poll)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def temporary_server(
    preexec_fn: Callable[[], None] | None = None,
) -> tuple[subprocess.Popen[bytes], str]:
    """Start Prefect's temporary API server (no UI, ephemeral services) on a free port of
    127.0.0.1, in a session of its own; returns the process and its API URL at once (it
    answers some seconds later: see wait_healthy)."""
    spec = importlib.util.find_spec("prefect")  # where Prefect is, without importing it
    if spec is None or spec.origin is None:
        raise ServerError("prefect is not installed")
    port = _free_port()
    env = {
        **os.environ,
        "PREFECT_UI_ENABLED": "0",
        "PREFECT__SERVER_EPHEMERAL": "1",
        "PREFECT__SERVER_FINAL": "1",
    }
    # -P: see flows.stopping (nothing named uvicorn in the working folder is imported)
    command = [
        sys.executable,
        "-P",
        "-m",
        "uvicorn",
        "--app-dir",
        str(Path(spec.origin).parent.parent),
    ]
    command += ["--factory", "prefect.server.api.server:create_app"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "error"]
    command += ["--lifespan", "on"]
    process = subprocess.Popen(command, env=env, start_new_session=True, preexec_fn=preexec_fn)
    return process, f"http://127.0.0.1:{port}/api"


STOP_WAIT = 5.0
"""Seconds a server has to stop after SIGTERM before it is killed (stop_server's default)."""


def stop_server(
    process: subprocess.Popen[bytes] | subprocess.Popen[str], wait: float = STOP_WAIT
) -> None:
    """SIGTERM, then SIGKILL after `wait` seconds."""
    process.terminate()
    try:
        process.wait(timeout=wait)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def prefect_server(port: int = DEFAULT_PORT) -> Iterator[str]:
    """The API URL of a Prefect server: $PREFECT_API_URL, else a local one started here."""
    if os.environ.get("PREFECT_API_URL"):
        yield os.environ["PREFECT_API_URL"]
        return
    api_url = f"http://127.0.0.1:{port}/api"
    if healthy(api_url):
        raise ServerError(f"something already answers on {api_url}; set PREFECT_API_URL to use it")
    prefect = Path(sys.executable).with_name("prefect")
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    server = subprocess.Popen(
        [str(prefect), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not healthy(api_url):
            if server.poll() is not None:
                detail = server.stderr.read() if server.stderr else ""
                raise ServerError(f"prefect server exited: {detail[-500:]}")
            if time.monotonic() > deadline:
                raise ServerError(f"prefect server did not answer on {api_url} in {START_TIMEOUT}s")
            time.sleep(1)
        os.environ["PREFECT_API_URL"] = api_url
        yield api_url
    finally:
        stop_server(server, wait=30)
        os.environ.pop("PREFECT_API_URL", None)
