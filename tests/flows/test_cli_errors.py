"""Every user error is one clear line and a non-zero exit, found before any work starts."""

from __future__ import annotations

import subprocess
from pathlib import Path

import duckdb
import pytest

from tests.conftest import CLI, ROOT, edureports
from warehouse.db import connect_writer


def one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    connect_writer(data).close()
    con = duckdb.connect(str(data / "warehouse.duckdb"))
    con.execute("insert into quarantine values ('file:///x', 'decode', 'r', 'd', now(), null)")
    con.close()
    return data


def test_data_pointing_at_a_file_is_refused_at_once(tmp_path: Path) -> None:
    afile = tmp_path / "afile"
    afile.write_text("x")
    run = edureports("run", "--source", "samples", "--data", str(afile))
    assert run.returncode != 0 and "is a file" in one_line(run.stderr)
    query = edureports("query", "select 1", "--data", str(afile))
    assert query.returncode != 0 and "is a file" in one_line(query.stderr)


def test_a_missing_local_path_in_the_config_is_found_before_work_starts(tmp_path: Path) -> None:
    config = tmp_path / "sources.yaml"
    config.write_text(
        "sources:\n  - name: gone\n    kind: local\n    path: ./nowhere\n", encoding="utf-8"
    )
    data = tmp_path / "data"
    result = edureports("run", "--config", str(config), "--data", str(data), timeout=60)
    assert result.returncode != 0
    assert "gone" in one_line(result.stderr) and "nowhere" in result.stderr
    assert not data.exists()  # no empty warehouse left behind


def test_an_empty_query_says_what_to_type(data: Path) -> None:
    result = edureports("query", "", "--data", str(data))
    assert result.returncode == 1 and "no SQL" in one_line(result.stderr)


def test_duckdb_errors_keep_their_hints(data: Path) -> None:
    result = edureports("query", "select * from metric", "--data", str(data))
    assert result.returncode == 1
    line = one_line(result.stderr)
    assert "metric" in line and 'Did you mean "metrics"' in line


def test_a_closed_pipe_ends_the_query_quietly(data: Path) -> None:
    sql = "select * from range(100000)"
    query = subprocess.Popen(
        [*CLI, "query", sql, "--data", str(data), "--format", "csv"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert query.stdout is not None and query.stderr is not None
    query.stdout.readline()
    query.stdout.close()  # as `| head -1` does
    stderr = query.stderr.read().decode()
    assert query.wait(timeout=60) == 0
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr, stderr


def test_errors_share_one_base_class() -> None:
    from sources.config import ConfigError
    from sources.local import SourceNotFound
    from transforms.errors import EdureportsError
    from warehouse.db import WarehouseError
    from warehouse.lake import LakeError
    from warehouse.query import QueryRefused

    for error in (ConfigError, SourceNotFound, WarehouseError, LakeError, QueryRefused):
        assert issubclass(error, EdureportsError), error
