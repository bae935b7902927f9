"""Shared fixtures: the bundled samples and packaged data files."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def sample_text(prefix: str) -> str:
    """Raw text of the bundled sample whose file name starts with `prefix`."""
    (path,) = SAMPLES.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES
