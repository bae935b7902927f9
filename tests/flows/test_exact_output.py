"""A run writes exactly the reference rows (tests/flows/cases/reference_output/) from the
samples and the development set: an optimisation may change how fast, never what."""

from __future__ import annotations

import pytest

from tests.flows.reference_output import (
    TABLES,
    canonical_tables,
    first_differences,
    read_reference,
    run_cli,
    run_tables,
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    data = tmp_path_factory.mktemp("exact") / "data"
    run_cli(data)
    return canonical_tables(run_tables(data))


@pytest.mark.parametrize("table", TABLES)
def test_run_writes_the_reference_rows(written: dict[str, list[str]], table: str) -> None:
    want = read_reference()[table]
    assert written[table] == want, first_differences(written[table], want)


def test_the_reference_is_not_empty() -> None:
    counts = {table: len(lines) for table, lines in read_reference().items()}
    assert counts["metrics"] > 2000 and counts["reports"] > 70 and counts["terms"] > 70
