"""The public CLI end to end: `run` on the bundled samples into a temporary folder, then `query`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.conftest import ROOT, SampleWarehouse, edureports

pytestmark = pytest.mark.slow


def test_run_prints_a_summary_and_no_tracebacks(sample_warehouse: SampleWarehouse) -> None:
    out = sample_warehouse.run.stdout
    assert "5 documents, 9 reports" in out
    assert str(sample_warehouse.data / "warehouse.duckdb") in out
    output = out + sample_warehouse.run.stderr
    assert "Traceback" not in output
    assert "| ERROR" not in output and "leaked" not in output


def test_a_quick_run_of_many_tasks_ends_quietly(tmp_path: Path) -> None:
    """A re-run that finds nothing new is over in a second with a hundred task runs whose
    states the temporary server is still recording; stopping it then printed the
    recorder's tracebacks (Prefect cancels it mid-write) unless the CLI waited."""
    pages = tmp_path / "pages"
    pages.mkdir()
    page = (ROOT / "samples" / "003_08c464d59ac83392.txt").read_bytes()
    for i in range(50):
        (pages / f"{i:02d}.txt").write_bytes(page.replace("85所".encode(), f"{i}所".encode()))
    args = ["run", "--source", str(pages), "--data", str(tmp_path / "data"), "--batch-size", "1"]
    assert edureports(*args).returncode == 0
    again = edureports(*args)
    assert again.returncode == 0, again.stderr[-3000:]
    assert "50 unchanged" in again.stdout
    output = again.stdout + again.stderr
    assert "Traceback" not in output and "| ERROR" not in output, output[-3000:]


def test_a_run_started_in_a_folder_with_packages_of_the_same_names_runs_this_one(
    tmp_path: Path,
) -> None:
    """`python -m` puts the working folder first on sys.path: started in another checkout
    (or a project with a flows/ folder) the run imported that folder's code."""
    for package in ("flows", "transforms"):
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text('raise SystemExit("decoy imported")\n')
    page = tmp_path / "pages" / "page.txt"
    page.parent.mkdir()
    page.write_bytes((ROOT / "samples" / "003_08c464d59ac83392.txt").read_bytes())
    cli = str(Path(sys.executable).with_name("edureports"))
    run = subprocess.run(
        [cli, "run", "--source", str(page.parent), "--data", str(tmp_path / "data")],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert "decoy imported" not in run.stdout + run.stderr
    assert "1 documents" in run.stdout


def test_run_builds_every_table_and_dataset(sample_warehouse: SampleWarehouse) -> None:
    counts = sample_warehouse.query(
        "select (select count(*) from documents) d, (select count(*) from reports) r, "
        "(select count(*) from metrics) m, (select count(*) from terms) t"
    )[0]
    assert counts["d"] == 5 and counts["r"] == 9 and counts["m"] and counts["t"]
    for table in ("documents", "reports", "metrics", "terms", "quarantine"):
        assert any((sample_warehouse.data / "parquet" / table).rglob("*.parquet")), table


def test_metric_offsets_point_at_value_text(sample_warehouse: SampleWarehouse) -> None:
    bad = sample_warehouse.query(
        "select count(*) n from metrics m join reports r using (report_id) "
        "where substr(r.text, m.char_start + 1, m.char_end - m.char_start) <> m.value_text"
    )
    assert bad == [{"n": 0}]


def test_second_run_changes_nothing(sample_warehouse: SampleWarehouse) -> None:
    snapshot = (
        "select md5(string_agg(x, '|' order by x)) h from (select ({cols})::varchar x from {t})"
    )
    tables = {
        "documents": "doc_id || title || fetched_at || first_seen_at",
        "document_versions": "doc_id || version",
        "reports": "report_id || text",
        "metrics": "metric_id || value_text",
        "terms": "report_id || term || count",
        "quarantine": "uri || stage || reason",
    }

    def state() -> dict[str, object]:
        return {t: sample_warehouse.query(snapshot.format(cols=c, t=t)) for t, c in tables.items()}

    before = state()
    again = edureports("run", "--source", "samples", "--data", str(sample_warehouse.data))
    assert again.returncode == 0, again.stderr[-3000:]
    assert state() == before


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_query_formats_give_the_same_rows(sample_warehouse: SampleWarehouse, fmt: str) -> None:
    sql = "select report_id, seq from reports order by report_id limit 5"
    result = edureports("query", sql, "--data", str(sample_warehouse.data), "--format", fmt)
    assert result.returncode == 0, result.stderr
    ids = [r["report_id"] for r in sample_warehouse.query(sql)]
    assert len(ids) == 5
    for report_id in ids:
        assert str(report_id) in result.stdout


def test_query_writes_parquet(sample_warehouse: SampleWarehouse, tmp_path: Path) -> None:
    out = tmp_path / "reports.parquet"
    result = edureports(
        "query",
        "select report_id, year from reports",
        "--data",
        str(sample_warehouse.data),
        "--format",
        "parquet",
        "--out",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    assert pq.read_table(out).num_rows == 9


def test_query_refuses_writes_with_a_clear_message(sample_warehouse: SampleWarehouse) -> None:
    result = edureports("query", "delete from metrics", "--data", str(sample_warehouse.data))
    assert result.returncode == 1
    assert "read-only" in result.stderr and "Traceback" not in result.stderr
    assert sample_warehouse.query("select count(*) > 0 ok from metrics") == [{"ok": True}]


def test_indicators_lists_the_catalog_with_counts(sample_warehouse: SampleWarehouse) -> None:
    result = edureports("indicators", "--data", str(sample_warehouse.data), "--format", "json")
    assert result.returncode == 0, result.stderr
    listed = json.loads(result.stdout)
    rows = {r["code"]: r for r in listed}
    assert rows["tutoring_institutions"]["n_metrics"] >= 1
    assert "preschool_gross_enrollment_rate" in rows
    catalog = sample_warehouse.query("select code, stage from indicators")
    assert {r["code"]: r["stage"] for r in listed} == {r["code"]: r["stage"] for r in catalog}
    stages = [r["stage"] for r in listed]  # grouped: each stage in one run of rows
    assert len(set(stages)) == sum(
        1 for a, b in zip(["", *stages[:-1]], stages, strict=True) if a != b
    )
    cells = sample_warehouse.query(
        "select indicator, count(*) as n from indicator_series where catalogued group by indicator"
    )
    assert cells, "the samples give indicator_series rows"
    assert {c["indicator"]: c["n"] for c in cells} == {
        code: r["n_series_cells"] for code, r in rows.items() if r["n_series_cells"]
    }


def test_indicators_table_has_a_section_per_stage(sample_warehouse: SampleWarehouse) -> None:
    result = edureports("indicators", "--data", str(sample_warehouse.data))
    assert result.returncode == 0, result.stderr
    assert "学前教育 (preschool):" in result.stdout and "series cells" in result.stdout
    assert "series named after the pages' own labels" in result.stdout
    section = result.stdout.split("学前教育 (preschool):")[1].split("\n\n")[0]
    assert "kindergartens" in section and "primary_schools" not in section


def test_indicators_without_a_warehouse_lists_the_yaml_catalog(tmp_path: Path) -> None:
    code = (
        "import sys; from flows.cli import main\n"
        "rc = main(['indicators', '--data', sys.argv[1], '--format', 'csv'])\n"
        "print('prefect' in sys.modules, rc)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    lines = result.stdout.splitlines()
    assert lines[-1] == "False 0" and "no warehouse" in result.stderr
    assert lines[0] == "stage,stage_name,code,name,unit,dimension,n_metrics,n_levels,n_series_cells"
    assert any(
        line.startswith("preschool,学前教育,kindergartens,幼儿园,所,count,0,0,0") for line in lines
    )


def test_indicators_of_a_warehouse_without_the_catalog_table(tmp_path: Path) -> None:
    import duckdb

    con = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    con.execute("create table metrics (indicator varchar, kind varchar, masked boolean)")
    con.execute(
        "insert into metrics values ('kindergartens', 'level', false), "
        "('kindergartens', 'change_abs', false), (null, 'level', false)"
    )
    con.execute("create table indicator_series as select 'kindergartens' as indicator")
    con.close()
    result = edureports("indicators", "--data", str(tmp_path), "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = {r["code"]: r for r in json.loads(result.stdout)}
    assert (rows["kindergartens"]["n_metrics"], rows["kindergartens"]["n_levels"]) == (2, 1)
    assert (
        rows["kindergartens"]["n_series_cells"] == 1
        and rows["kindergartens"]["stage"] == "preschool"
    )


def test_query_does_not_import_prefect(tmp_path: Path) -> None:
    code = (
        "import sys; from flows.cli import main\n"
        "rc = main(['query', 'select 1', '--data', sys.argv[1]])\n"
        "print('prefect' in sys.modules, rc)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.stdout.strip().endswith(
        "False 1"
    )  # no warehouse there: exit 1, Prefect untouched
    assert "edureports run" in result.stderr


def test_missing_source_is_a_clear_error(tmp_path: Path) -> None:
    result = edureports("run", "--source", str(tmp_path / "nope"), "--data", str(tmp_path))
    assert result.returncode == 2
    assert "nope" in result.stderr and "Traceback" not in result.stderr


def test_series_prints_regions_by_years(sample_warehouse: SampleWarehouse) -> None:
    expected = sample_warehouse.query(
        "select region_name, year, value from indicator_series order by indicator, region_name, year limit 1"
    )
    if not expected:
        pytest.skip("the samples give no indicator_series row")
    code = sample_warehouse.query(
        f"select indicator from indicator_series where region_name = '{expected[0]['region_name']}' limit 1"
    )[0]["indicator"]
    result = edureports(
        "series", str(code), "--data", str(sample_warehouse.data), "--format", "csv"
    )
    assert result.returncode == 0, result.stderr
    header, *rows = result.stdout.splitlines()
    assert header.startswith("region_name,region_level,unit,")
    assert any(row.startswith(str(expected[0]["region_name"])) for row in rows)


def test_series_of_an_unknown_indicator_says_what_to_do(sample_warehouse: SampleWarehouse) -> None:
    result = edureports("series", "no_such_code", "--data", str(sample_warehouse.data))
    assert result.returncode == 1 and "edureports indicators" in result.stderr
