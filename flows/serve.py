"""`edureports serve`: run the scheduled deployments on this machine.

Prefect's temporary server cannot run schedules, so when PREFECT_API_URL is not set a
local Prefect server is started on 127.0.0.1 for as long as serve runs.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

DEFAULT_PORT = 4200
START_TIMEOUT = 600  # the first start on a new machine migrates Prefect's database


class ServerError(RuntimeError):
    """The local Prefect server did not come up."""


def _healthy(api_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@contextmanager
def prefect_server(port: int = DEFAULT_PORT) -> Iterator[str]:
    """The API URL of a Prefect server: $PREFECT_API_URL, else a local one started here."""
    if os.environ.get("PREFECT_API_URL"):
        yield os.environ["PREFECT_API_URL"]
        return
    api_url = f"http://127.0.0.1:{port}/api"
    if _healthy(api_url):
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
        while not _healthy(api_url):
            if server.poll() is not None:
                detail = server.stderr.read() if server.stderr else ""
                raise ServerError(f"prefect server exited: {detail[-500:]}")
            if time.monotonic() > deadline:
                raise ServerError(f"prefect server did not answer on {api_url} in {START_TIMEOUT}s")
            time.sleep(1)
        os.environ["PREFECT_API_URL"] = api_url
        yield api_url
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        os.environ.pop("PREFECT_API_URL", None)


def serve(port: int = DEFAULT_PORT) -> int:
    """Serve every deployment of prefect.yaml until interrupted (Ctrl-C stops cleanly)."""
    try:
        with prefect_server(port) as api_url:
            print(f"edureports serve: Prefect API at {api_url}; Ctrl-C to stop", flush=True)
            from prefect import serve as prefect_serve

            from flows.deployments import runner_deployments

            with suppress(KeyboardInterrupt):
                prefect_serve(*runner_deployments())
    except KeyboardInterrupt:
        pass
    except ServerError as exc:
        print(f"edureports serve: {exc}", file=sys.stderr)
        return 1
    print("edureports serve: stopped", flush=True)
    return 0
