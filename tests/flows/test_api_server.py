"""The temporary Prefect server a run's supervisor starts: it answers, and stops."""

from __future__ import annotations

import pytest

from flows.api_server import ServerError, healthy, stop_server, temporary_server, wait_healthy

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
