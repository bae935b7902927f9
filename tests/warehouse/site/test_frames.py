"""What the site reads from the warehouse (warehouse/site/frames.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import SampleWarehouse
from warehouse.db import connect_writer
from warehouse.site import frames


@pytest.mark.parametrize("batch_rows", [1, 2, 500])
def test_report_pages_carry_every_figure_whatever_the_storage_order(
    sample_warehouse: SampleWarehouse, tmp_path: Path, batch_rows: int
) -> None:
    """Batches follow the rows' storage order; a reloaded report's rows (deleted, then
    written again at the end, as a re-run does) fall outside its neighbours' run of rows
    and must still come with all of its figures, in text order."""
    data = tmp_path / "data"
    shutil.copytree(sample_warehouse.data, data)
    con = connect_writer(data)
    try:
        ids = [r for (r,) in con.execute("select report_id from reports order by rowid").fetchall()]
        moved = ids[1]  # a report inside the first batches: its rows go to the end
        for table in ("metrics", "reports"):
            con.execute(
                f"create temp table moved as select * from {table} where report_id = ?", [moved]
            )
            con.execute(f"delete from {table} where report_id = ?", [moved])
            con.execute(f"insert into {table} select * from moved")
            con.execute("drop table moved")
        expected = {
            report_id: [
                m
                for (m,) in con.execute(
                    "select metric_id from metrics where report_id = ? "
                    "order by char_start, char_end, metric_id",
                    [report_id],
                ).fetchall()
            ]
            for report_id in ids
        }
        assert expected[moved] and len(ids) > 2
        inventory = frames.take_inventory(con)
        for wanted in (ids, ids[1::2]):
            pages = [
                report
                for batch in frames.iter_report_pages(con, inventory, wanted, batch_rows)
                for report in batch
            ]
            assert sorted(r["report_id"] for r in pages) == sorted(wanted)
            for report in pages:
                figures = [f["metric_id"] for f in report["figures"]]
                assert figures == expected[report["report_id"]], report["report_id"]
    finally:
        con.close()
