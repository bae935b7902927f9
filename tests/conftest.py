"""Shared fixtures: the bundled samples, a warehouse built from them by the public CLI, and a
local S3 server for the lake."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
CLI = [sys.executable, "-m", "flows.cli"]


def sample_text(prefix: str) -> str:
    """Raw text of the bundled sample whose file name starts with `prefix`."""
    (path,) = SAMPLES.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def edureports(*args: str, timeout: int = 900) -> subprocess.CompletedProcess[str]:
    """Run the CLI in a subprocess from the project root."""
    return subprocess.run(
        [*CLI, *args], capture_output=True, text=True, timeout=timeout, cwd=ROOT, check=False
    )


@dataclass(frozen=True)
class SampleWarehouse:
    """A data folder built by `edureports run` on samples/, and that run's output."""

    data: Path
    run: subprocess.CompletedProcess[str]

    def query(self, sql: str) -> list[dict[str, object]]:
        result = edureports("query", sql, "--data", str(self.data), "--format", "json")
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)  # type: ignore[no-any-return]


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory: pytest.TempPathFactory) -> SampleWarehouse:
    data = tmp_path_factory.mktemp("data")
    run = edureports("run", "--source", "samples", "--data", str(data))
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-4000:]
    return SampleWarehouse(data, run)


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    """A local S3 server (moto's server mode) on 127.0.0.1, for the whole session."""
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # not a line per request
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3_lake(s3_endpoint: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """s3://<fresh bucket>/lake on the local server, with the AWS_* variables pointing at it."""
    import boto3

    for name in ("AWS_ENDPOINT_URL_S3", "AWS_SESSION_TOKEN", "AWS_PROFILE", "EDUREPORTS_LAKE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ENDPOINT_URL", s3_endpoint)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_REGION", "us-east-1")
    bucket = f"edureports-{uuid.uuid4().hex[:12]}"
    boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1").create_bucket(
        Bucket=bucket
    )
    return f"s3://{bucket}/lake"
