"""The transforms version changes with any code or data file the transforms read."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from transforms import version


def test_a_changed_data_file_changes_the_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "transforms"
    shutil.copytree(version.HERE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(version, "HERE", copy)
    version.transforms_version.cache_clear()
    try:
        before = version.transforms_version()
        assert before == version.transforms_version() and len(before) == 12
        reference = copy / "reference_bigrams.tsv"
        reference.write_text(reference.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        version.transforms_version.cache_clear()
        assert version.transforms_version() != before  # the quality reference counts too
    finally:
        version.transforms_version.cache_clear()


def test_a_run_with_its_own_catalog_has_its_own_version(tmp_path: Path) -> None:
    catalog = tmp_path / "indicators.yaml"
    catalog.write_bytes((version.HERE / "indicators.yaml").read_bytes())
    packaged = version.transforms_version()
    own = version.transforms_version(catalog)
    assert own != packaged and own == version.transforms_version(catalog)
    catalog.write_bytes(catalog.read_bytes() + b"\n# edited\n")
    version.transforms_version.cache_clear()
    assert version.transforms_version(catalog) != own  # an edit to the file is seen
