"""Shared fixtures: the bundled samples, and a warehouse built from them by the public CLI."""

from __future__ import annotations

import json
import subprocess
import sys
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
