"""`edureports serve`: run the scheduled deployments on this machine.

Prefect's temporary server cannot run schedules, so when PREFECT_API_URL is not set a
local Prefect server is started on 127.0.0.1 for as long as serve runs.
"""

from __future__ import annotations

import sys
from contextlib import suppress

from flows.api_server import DEFAULT_PORT, ServerError, prefect_server


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
