"""One typed settings object for a run, built from CLI flags, environment and sources.yaml.

Precedence: CLI flag > environment variable > sources.yaml > packaged default.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from flows.data_dir import resolve_data_dir
from sources.config import (
    ConfigError,
    SourceSpec,
    read_sources,
    source_for_path,
    source_for_url,
)
from sources.raw_store import RawStore, open_raw_store
from warehouse.lake import Lake, LakeError, check_location, open_lake

__all__ = ["ConfigError", "Settings", "build_settings"]

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG = PROJECT_ROOT / "sources.yaml"
RUNNERS = ("threads", "processes", "dask")


@dataclass(frozen=True)
class Settings:
    """Everything a run needs to know; passed down as arguments, never read from globals."""

    data_dir: Path
    """Where warehouse.duckdb lives (--data, EDUREPORTS_DATA, default ./data)."""
    sources: tuple[SourceSpec, ...]
    """What to acquire (--source, else every entry of the config file)."""
    batch_size: int = 500
    """Documents per task run at most (--batch-size)."""
    batch_mb: float = 2.5
    """Megabytes of input per task run at most (--batch-mb): many small pages make a batch
    of batch_size, large ones a smaller batch, so a batch's memory stays bounded."""
    lock_wait_seconds: float = 30.0
    """How long a writer waits for another run to release the warehouse (--lock-wait)."""
    chrome_file: Path | None = None
    """Chrome patterns to use instead of the packaged transforms/chrome.yaml (--chrome)."""
    catalog_file: Path | None = None
    """Indicator catalog to use instead of the packaged transforms/indicators.yaml
    (--catalog; a units.yaml beside it replaces the packaged unit table too)."""
    runner: str = "processes"
    """Where transform batches run: "threads" (one process), "processes" (a local process
    pool, the default) or "dask" (a Dask cluster: a local one, or `dask_address`)."""
    workers: int | None = None
    """Parallel transform workers (default: the machine's CPU count)."""
    dask_address: str | None = None
    """Scheduler of an existing Dask cluster (tcp://host:8786); only with runner="dask"."""
    lake: str = ""
    """Where parquet/ and raw/ live: a folder or s3://bucket/prefix (--lake, EDUREPORTS_LAKE,
    default the data folder). S3 endpoint and credentials come from the AWS_* variables."""

    def __post_init__(self) -> None:
        if not self.lake:
            object.__setattr__(self, "lake", str(self.data_dir))

    def open_lake(self) -> Lake:
        """The lake's filesystem and base path (S3 configured from the AWS_* environment)."""
        return open_lake(self.lake, os.environ)

    def raw_store(self) -> RawStore:
        """The raw store under <lake>/raw."""
        lake = self.open_lake()
        return open_raw_store(lake.filesystem, lake.path("raw"))

    @property
    def cache_dir(self) -> Path:
        """jieba's dictionary cache: <data>/.cache."""
        return self.data_dir / ".cache"


def resolve_sources(values: list[str], config: Path) -> tuple[SourceSpec, ...]:
    """--source values as specs: a URL, a path, or the name of an entry in the config file."""
    if not values:
        return tuple(read_sources(config))
    specs: list[SourceSpec] = []
    named: dict[str, SourceSpec] | None = None
    for value in values:
        if value.startswith(("http://", "https://")):
            specs.append(source_for_url(value))
            continue
        path = Path(value).expanduser()
        if path.exists():
            specs.append(source_for_path(path))
            continue
        if named is None:
            named = {s.name: s for s in read_sources(config)} if config.exists() else {}
        if value not in named:
            raise ConfigError(f"--source {value}: no such file or folder, nor a source in {config}")
        specs.append(named[value])
    return tuple(specs)


def _rule_file(flag: str, value: str | None) -> Path | None:
    """A rule file given instead of a packaged one, absolute; it must exist."""
    if not value:
        return None
    path = Path(value).expanduser().resolve()
    if not path.is_file():
        raise ConfigError(f"{flag} {value}: no such file")
    return path


def build_settings(
    sources: list[str] | None = None,
    data: str | None = None,
    config: str | None = None,
    batch_size: int | None = None,
    runner: str | None = None,
    workers: int | None = None,
    dask_address: str | None = None,
    lake: str | None = None,
    catalog: str | None = None,
    chrome: str | None = None,
    lock_wait: float | None = None,
    batch_mb: float | None = None,
) -> Settings:
    """Settings from CLI values, then environment, then defaults."""
    data_dir = resolve_data_dir(data)
    try:
        lake_location = check_location(lake or os.environ.get("EDUREPORTS_LAKE") or "")
    except LakeError as exc:
        raise ConfigError(f"--lake: {exc}") from None
    if lake_location and "://" not in lake_location:
        lake_location = str(Path(lake_location).expanduser().resolve())
    config_path = Path(config).expanduser().resolve() if config else DEFAULT_CONFIG
    if batch_size is not None and batch_size < 1:
        raise ConfigError("--batch-size must be at least 1")
    if batch_mb is not None and not batch_mb > 0:
        raise ConfigError("--batch-mb must be more than 0")
    runner = runner or os.environ.get("EDUREPORTS_RUNNER") or "processes"
    if runner not in RUNNERS:
        raise ConfigError(f"--runner {runner}: choose one of {', '.join(RUNNERS)}")
    if workers is not None and workers < 1:
        raise ConfigError("--workers must be at least 1")
    dask_address = dask_address or os.environ.get("EDUREPORTS_DASK_ADDRESS") or None
    if dask_address and runner != "dask":
        raise ConfigError("--dask-address needs --runner dask")
    catalog_file = _rule_file("--catalog", catalog or os.environ.get("EDUREPORTS_CATALOG"))
    chrome_file = _rule_file("--chrome", chrome or os.environ.get("EDUREPORTS_CHROME"))
    if lock_wait is not None and lock_wait < 0:
        raise ConfigError("--lock-wait must be 0 or more seconds")
    specs = resolve_sources(list(sources or []), config_path)
    for spec in specs:  # found now, not after Prefect's start-up
        if spec.path is not None and not spec.path.expanduser().exists():
            raise ConfigError(f"source {spec.name!r}: path {spec.path} does not exist")
    return Settings(
        data_dir=data_dir,
        sources=specs,
        batch_size=batch_size or Settings.batch_size,
        batch_mb=batch_mb or Settings.batch_mb,
        runner=runner,
        workers=workers,
        dask_address=dask_address,
        lake=lake_location,
        catalog_file=catalog_file,
        chrome_file=chrome_file,
        lock_wait_seconds=30.0 if lock_wait is None else lock_wait,
    )
