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


def test_rule_files_come_from_flags_or_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalog = tmp_path / "my_catalog.yaml"
    catalog.write_text("indicators: []\n", encoding="utf-8")
    monkeypatch.setenv("EDUREPORTS_CHROME", str(catalog))
    s = build_settings([str(tmp_path)], str(tmp_path / "data"), catalog=str(catalog), lock_wait=5)
    assert s.catalog_file == catalog.resolve() and s.chrome_file == catalog.resolve()
    assert s.lock_wait_seconds == 5


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"catalog": "nope.yaml"}, "--catalog nope.yaml: no such file"),
        ({"lock_wait": -1}, "--lock-wait"),
    ],
)
def test_bad_rule_flags_are_config_errors(
    tmp_path: Path, kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        build_settings([str(tmp_path)], str(tmp_path / "data"), **kwargs)  # type: ignore[arg-type]


def test_a_run_reads_the_catalog_it_is_given(tmp_path: Path) -> None:
    from flows.pipeline import run_resources
    from transforms.catalog import DEFAULT_CATALOG

    catalog = tmp_path / "indicators.yaml"
    catalog.write_text(
        DEFAULT_CATALOG.read_text(encoding="utf-8")
        + "  - {code: test_gardens, stage: all, name: 测试园地, dimension: count, unit: 个,"
        " forms: [测试园地]}\n",
        encoding="utf-8",
    )
    own = run_resources(build_settings([str(tmp_path)], str(tmp_path / "d"), catalog=str(catalog)))
    packaged = run_resources(build_settings([str(tmp_path)], str(tmp_path / "d")))
    assert own.catalog.match("测试园地", "", "个", "level") == "test_gardens"
    assert packaged.catalog.match("测试园地", "", "个", "level") is None
    assert own.version != packaged.version


def test_batches_default_to_500_documents_and_2_5_megabytes(tmp_path: Path) -> None:
    settings = build_settings(data=str(tmp_path))
    assert (settings.batch_size, settings.batch_mb) == (500, 2.5)
    assert build_settings(data=str(tmp_path), batch_size=7, batch_mb=0.5).batch_mb == 0.5


@pytest.mark.parametrize(("size", "mb"), [(0, None), (None, 0.0), (None, -1.0)])
def test_bad_batch_limits_are_config_errors(
    tmp_path: Path, size: int | None, mb: float | None
) -> None:
    with pytest.raises(ConfigError, match="--batch"):
        build_settings(data=str(tmp_path), batch_size=size, batch_mb=mb)
