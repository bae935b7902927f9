"""Settings: where the lake is, and its precedence (flag > environment > the data folder)."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.settings import ConfigError, build_settings
from sources.raw_store import RawStore
from tests.conftest import SAMPLES


@pytest.fixture(autouse=True)
def no_lake_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EDUREPORTS_LAKE", raising=False)


def test_the_lake_defaults_to_the_data_folder(tmp_path: Path) -> None:
    settings = build_settings([str(SAMPLES)], data=str(tmp_path))
    assert settings.lake == str(tmp_path.resolve())
    store = settings.raw_store()
    assert type(store) is RawStore and store.root == tmp_path.resolve() / "raw"
    assert settings.open_lake().path("parquet") == str(tmp_path.resolve() / "parquet")


def test_the_flag_beats_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EDUREPORTS_LAKE", "s3://from-env/prefix")
    assert build_settings([str(SAMPLES)], data=str(tmp_path)).lake == "s3://from-env/prefix"
    flagged = build_settings([str(SAMPLES)], data=str(tmp_path), lake="s3://from-flag/p")
    assert flagged.lake == "s3://from-flag/p"
    assert flagged.data_dir == tmp_path.resolve()  # the DuckDB file stays local


def test_a_local_lake_is_made_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert build_settings([str(SAMPLES)], lake="elsewhere").lake == str(tmp_path / "elsewhere")


@pytest.mark.parametrize("lake", ["gs://bucket/x", "s3://"])
def test_an_unusable_lake_is_a_config_error(tmp_path: Path, lake: str) -> None:
    with pytest.raises(ConfigError, match="--lake"):
        build_settings([str(SAMPLES)], data=str(tmp_path), lake=lake)
