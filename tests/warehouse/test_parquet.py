"""Parquet export of tables larger than the writer's memory limit."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from tests.warehouse.test_load import metric, report
from transforms.records import Records
from warehouse.db import connect_writer
from warehouse.load import load_records
from warehouse.parquet import _slices, export_parquet, memory_limit_bytes


@pytest.mark.parametrize(
    ("setting", "expected"),
    [("64MB", 64 * 10**6), ("1GB", 10**9), ("2GiB", 2 * 2**30), ("48MiB", 48 * 2**20)],
)
def test_memory_limit_is_read_back_in_bytes(tmp_path: Path, setting: str, expected: int) -> None:
    con = connect_writer(tmp_path / "data", memory_limit=setting)
    # DuckDB reports the limit rounded to one decimal of its own unit (e.g. '61.0 MiB')
    assert memory_limit_bytes(con) == pytest.approx(expected, rel=0.01)


def wide_reports(n: int, chars: int) -> Records:
    """n reports of `chars` characters each over three years, ids out of order, one with a quote."""
    rows = []
    for i in range(n):
        doc_id = f"d{(i * 37) % n:05d}" + ("'q" if i == 5 else "")
        text = f"第{i}份报告。" + "教育" * (chars // 2)
        rows.append(replace(report(doc_id, year=2019 + i % 3), text=text))
    return Records(reports=rows)


def test_slices_cover_the_table_once_and_fit_the_budget(tmp_path: Path) -> None:
    con = connect_writer(tmp_path / "data", memory_limit="32MB")
    load_records(con, wide_reports(2000, 3000))  # 2000 x 9 kB = 18 MB of text
    slices = _slices(con, "reports")
    budget = memory_limit_bytes(con) // 8
    seen: list[str] = []
    for where in slices:
        ids, size, largest = con.execute(
            "select list(report_id order by report_id), sum(strlen(text)), max(strlen(text)) "
            f"from reports {where}"
        ).fetchone()  # type: ignore[misc]
        assert size <= budget + largest
        seen += ids
    assert len(slices) > 1
    assert seen == sorted(r[0] for r in con.execute("select report_id from reports").fetchall())


def test_reports_larger_than_the_memory_limit_are_exported_whole(tmp_path: Path) -> None:
    # DuckDB sorts rows of long text in memory; one sorted COPY of these 90 MB of text
    # fails under a 64 MB limit ("could not allocate block"), the sliced export does not.
    data = tmp_path / "data"
    con = connect_writer(data, memory_limit="64MB")
    rows = wide_reports(10_000, 3000).reports  # 9 kB each, like a long report
    for start in range(0, len(rows), 1000):  # batches that each fit the limit, as in a run
        load_records(con, Records(reports=rows[start : start + 1000]))
    export_parquet(con, data)
    folder = data / "parquet" / "reports"
    table = ds.dataset(folder, partitioning="hive").to_table()
    assert table.num_rows == len(rows)
    assert sorted(table.column("report_id").to_pylist()) == sorted(
        r[0] for r in con.execute("select report_id from reports").fetchall()
    )
    for path in folder.rglob("*.parquet"):  # each file is in key order
        ids = pq.read_table(path, columns=["report_id"]).column("report_id").to_pylist()
        assert ids == sorted(ids)
    assert {p.parent.name for p in folder.rglob("*.parquet")} == {
        "year=2019",
        "year=2020",
        "year=2021",
    }


def test_a_second_export_writes_the_same_files(tmp_path: Path) -> None:
    data = tmp_path / "data"
    con = connect_writer(data, memory_limit="32MB")
    load_records(con, wide_reports(2000, 3000))
    export_parquet(con, data)
    root = data / "parquet" / "reports"
    first = {p.relative_to(root): p.read_bytes() for p in root.rglob("*.parquet")}
    export_parquet(con, data)
    assert {p.relative_to(root): p.read_bytes() for p in root.rglob("*.parquet")} == first


def test_a_wide_table_without_partitions_is_exported_whole_in_slices(tmp_path: Path) -> None:
    # document_versions keeps each version's text (and metrics each figure's sentence): at
    # 1 GB of input one sorted COPY of it ran out of memory ("failed to pin block"), as here
    # 90 MB of text under a 64 MB limit; written slice by slice, one file each, it does not.
    data = tmp_path / "data"
    con = connect_writer(data, memory_limit="64MB")
    con.execute(
        """
        insert into document_versions by name
        select printf('d%05d', (i * 37) % 10000) as doc_id, 1 as version,
               'sha' as content_sha256, timestamp '2026-12-05' as fetched_at,
               '标题' as title, printf('第%d份。', i) || repeat('教育', 1500) as text,
               true as is_current
        from range(10000) as t(i)
        """
    )
    export_parquet(con, data, only=["document_versions"])
    files = sorted(
        (data / "parquet" / "document_versions").glob("part-*.parquet"),
        key=lambda f: int(f.stem.split("-")[1]),  # part-0, part-1 … part-10
    )
    assert len(files) > 1
    ids = [i for f in files for i in pq.read_table(f, columns=["doc_id"])["doc_id"].to_pylist()]
    assert ids == sorted(ids) and len(ids) == 10_000  # every row once, in key order


def test_a_reports_figures_are_written_together_in_the_order_of_its_text(tmp_path: Path) -> None:
    data = tmp_path / "data"
    con = connect_writer(data)
    rows = [
        replace(metric(doc_id), metric_id=f"m{(i * 7) % 12:02d}", char_start=start)
        for i, (doc_id, start) in enumerate(
            [(d, s) for d in ("b", "a", "c") for s in (40, 4, 200, 17)]
        )
    ]
    load_records(con, Records(metrics=rows))
    export_parquet(con, data, only=["metrics"])
    table = ds.dataset(data / "parquet" / "metrics", partitioning="hive").to_table()
    placed = list(zip(table["report_id"].to_pylist(), table["char_start"].to_pylist(), strict=True))
    assert placed == sorted((f"{d}-01", s) for d in "abc" for s in (4, 17, 40, 200))
