"""The static site built from the samples' warehouse: pages, links, highlights, rebuilds."""

from __future__ import annotations

import csv
import html
import io
import re
import shutil
from pathlib import Path

import duckdb
import pytest

from tests.conftest import SampleWarehouse
from tests.warehouse.site.conftest import SampleSite, broken_links, query
from warehouse.db import connect_reader, connect_writer
from warehouse.site import PageSizes, SiteError, build_site, frames
from warehouse.site.build import report_path, series_path

MARK = re.compile(r'<mark id="f-\d+"[^>]*data-f="([\d ]+)"[^>]*>(.*?)</mark>', re.S)
ROW = re.compile(r'<tr id="fig-(\d+)">\s*<td><a href="#f-\d+">(.*?)</a></td>', re.S)


def marks(page: Path) -> tuple[list[tuple[list[int], str]], list[str]]:
    """(figure indices, highlighted text) of each mark, and each figure's text as written
    from the page's figures table."""
    text = page.read_text(encoding="utf-8")
    found = [
        ([int(i) for i in m.group(1).split()], html.unescape(m.group(2)))
        for m in MARK.finditer(text)
    ]
    rows = [(int(i), html.unescape(written)) for i, written in ROW.findall(text)]
    assert [i for i, _ in rows] == list(range(len(rows)))
    return found, [written for _, written in rows]


def test_every_run_writes_the_site_into_the_data_folder(sample_warehouse: SampleWarehouse) -> None:
    index = sample_warehouse.data / "report" / "index.html"
    assert index.exists()
    assert f"Site:      {index.as_uri()}" in sample_warehouse.run.stdout


def test_report_command_says_where_to_open_the_site(sample_site: SampleSite) -> None:
    assert f"open: {(sample_site.root / 'index.html').as_uri()}" in sample_site.command.stdout


def test_every_relative_link_resolves(sample_site: SampleSite) -> None:
    assert broken_links(sample_site.root) == []


def test_a_page_per_report_and_per_indicator_with_its_csv(
    sample_site: SampleSite, sample_warehouse: SampleWarehouse
) -> None:
    for row in query(sample_warehouse, "select report_id from reports"):
        assert (sample_site.root / report_path(str(row["report_id"]))).exists()
    series = query(
        sample_warehouse, "select indicator, region_name, year, value from indicator_series"
    )
    assert series, "the samples give indicator_series rows"
    for code in {str(r["indicator"]) for r in series}:
        assert (sample_site.root / series_path(code)).exists()
        csv_path = sample_site.root / series_path(code).replace(".html", ".csv")
        csv_text = csv_path.read_text(encoding="utf-8")
        rows = list(csv.DictReader(io.StringIO(csv_text)))
        expected = sorted(
            (str(r["region_name"]), int(r["year"]), float(r["value"]))  # type: ignore[arg-type]
            for r in series
            if r["indicator"] == code
        )
        assert (
            sorted((r["region_name"], int(r["year"]), float(r["value"])) for r in rows) == expected
        )


def test_report_pages_highlight_every_figure_at_its_offsets(
    sample_site: SampleSite, sample_warehouse: SampleWarehouse
) -> None:
    counts = {
        str(r["report_id"]): int(r["n"])  # type: ignore[call-overload]
        for r in query(
            sample_warehouse, "select report_id, count(*) as n from metrics group by report_id"
        )
    }
    assert sum(counts.values()) > 100
    for report_id, n in counts.items():
        found, written = marks(sample_site.root / report_path(report_id))
        assert len(written) == n
        assert sorted(i for indices, _ in found for i in indices) == list(range(n))
        for indices, text in found:
            for i in indices:
                assert written[i] in text, (report_id, written[i])


def test_a_rebuild_rewrites_only_what_changed(
    sample_warehouse: SampleWarehouse, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    con = connect_reader(sample_warehouse.data)
    try:
        first = build_site(con, out)
        n_reports = first.report_pages
        assert n_reports == len(query(sample_warehouse, "select report_id from reports"))
        stale = out / "reports" / "zz" / "zz-gone.html"
        stale.parent.mkdir()
        stale.write_text("old", encoding="utf-8")
        some_report = next((out / "reports").glob("*/*.html"))
        some_report.unlink()
        second = build_site(con, out)
    finally:
        con.close()
    assert (second.report_pages, second.report_pages_kept) == (1, n_reports - 1)
    assert some_report.exists() and not stale.exists() and not stale.parent.exists()
    assert second.removed == 1


def test_a_folder_that_is_not_a_site_is_refused(
    sample_warehouse: SampleWarehouse, tmp_path: Path
) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    con = connect_reader(sample_warehouse.data)
    try:
        with pytest.raises(SiteError, match="not empty"):
            build_site(con, tmp_path)
    finally:
        con.close()
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_an_empty_warehouse_gives_a_site_without_broken_links(tmp_path: Path) -> None:
    connect_writer(tmp_path / "data").close()
    con = connect_reader(tmp_path / "data")
    try:
        result = build_site(con, tmp_path / "site")
    finally:
        con.close()
    assert result.index.exists() and result.report_pages == 0
    assert broken_links(tmp_path / "site") == []


def test_conflicts_view_status_and_region_evidence_are_shown_when_present(
    sample_warehouse: SampleWarehouse, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(sample_warehouse.data / "warehouse.duckdb", data / "warehouse.duckdb")
    con = duckdb.connect(str(data / "warehouse.duckdb"))
    (report_id, doc_id, region, level, year, code) = con.execute(
        # a figure of a series cell (the hover lists the cell's values): ids hash the
        # samples' paths, so "the first figure" differs between runs and may be a target
        "select m.report_id, m.doc_id, m.region_name, m.region_level, m.year, m.indicator "
        "from metrics as m inner join indicator_series as s using "
        "(indicator, region_name, region_level, year) "
        "order by m.indicator, m.region_name, m.year, m.report_id limit 1"
    ).fetchall()[0]
    con.execute(
        f"""
        create or replace view indicator_conflicts as
        select * from (values
            ('{code}', '{region}', '{level}', {year}, 1.0, '%', '{report_id}', '{doc_id}',
             'work_report', '甲说一'),
            ('{code}', '{region}', '{level}', {year}, 2.0, '%', '{report_id}', '{doc_id}',
             'news', '乙说<二>')
        ) as t(indicator, region_name, region_level, year, value, unit, report_id, doc_id,
               report_type, sentence)
        """
    )
    con.execute("alter table reports add column if not exists region_evidence varchar")
    con.execute("update reports set region_evidence = '标题: 证据在此'")
    con.execute("alter table metrics add column if not exists status varchar")
    con.close()

    con = connect_reader(data)
    try:
        build_site(
            con,
            tmp_path / "site",
            PageSizes(reports=2, coverage_regions=2, conflict_cells=1, quarantine=1),
        )
    finally:
        con.close()
    site = tmp_path / "site"
    conflicts = (site / "conflicts" / "index.html").read_text(encoding="utf-8")
    assert "甲说一" in conflicts and "乙说&lt;二&gt;" in conflicts  # escaped
    assert "<td>news</td>" in conflicts  # no source kind: the report type alone
    assert f'<a href="../{report_path(report_id)}">{report_id}</a>' in conflicts
    report = (site / report_path(report_id)).read_text(encoding="utf-8")
    assert "<th>status</th>" in report
    assert "标题: 证据在此" in report
    series = (site / series_path(code)).read_text(encoding="utf-8")
    assert '"report_type": "news"' in series  # the point's hover lists both values
    assert (site / "reports" / "page-2.html").exists()
    assert broken_links(site) == []


def test_conflicts_are_rebuilt_from_the_series_where_the_view_is_missing(
    sample_warehouse: SampleWarehouse, tmp_path: Path
) -> None:
    shutil.copy(sample_warehouse.data / "warehouse.duckdb", tmp_path / "warehouse.duckdb")
    con = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    try:
        with_view = frames.frame(con, frames.conflict_rows_sql(frames.take_inventory(con)))
        con.execute("drop view if exists indicator_conflicts")
        rebuilt = frames.frame(con, frames.conflict_rows_sql(frames.take_inventory(con)))
    finally:
        con.close()
    cells = ["indicator", "region_name", "year"]
    if with_view.is_empty():
        pytest.skip("the samples give no conflicting cell")
    assert sorted(rebuilt.select(cells).unique().rows()) == sorted(
        with_view.select(cells).unique().rows()
    )
    assert rebuilt.columns == with_view.columns


def test_report_pages_rendered_by_a_process_pool_are_the_pages_written_here(
    sample_warehouse: SampleWarehouse, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from warehouse.site import build as site_build

    monkeypatch.setattr(site_build, "POOL_MIN_PAGES", 1)  # the samples have 9 reports
    con = connect_reader(sample_warehouse.data)
    try:
        here = build_site(con, tmp_path / "here")
        pooled = build_site(con, tmp_path / "pooled", processes=2)
    finally:
        con.close()
    assert (pooled.report_pages, pooled.pages) == (here.report_pages, here.pages)

    def files(root: Path) -> dict[str, str]:
        return {
            p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
            for p in root.rglob("*")
            if p.is_file() and p != root / "index.html"  # it says when it was built
        }

    assert files(tmp_path / "pooled") == files(tmp_path / "here")
    assert (
        len([p for p in files(tmp_path / "here") if p.startswith("reports/") and p.count("/") == 2])
        == 9
    )


def test_conflict_pages_list_every_disagreeing_cell_once_across_indicators(
    sample_warehouse: SampleWarehouse, tmp_path: Path
) -> None:
    cells = query(
        sample_warehouse,
        "select distinct indicator, region_name, region_level, year from indicator_conflicts",
    )
    if len({c["indicator"] for c in cells}) < 2:
        pytest.skip("the samples give conflicting cells of fewer than two indicators")
    con = connect_reader(sample_warehouse.data)
    try:
        build_site(con, tmp_path / "site", PageSizes(conflict_cells=2))
    finally:
        con.close()
    pages = sorted((tmp_path / "site" / "conflicts").glob("*.html"))
    assert len(pages) == -(-len(cells) // 2)  # pages are cut across indicators
    listed = [
        (code, region, int(year))
        for page in pages
        for code, region, year in re.findall(
            r'<section class="conflict-cell">\s*<h2>.*?<a href="[^"]*">([^<]+)</a> · '
            r"([^<]+?)(?: <span[^>]*>[^<]*</span>)? · (\d{4})",
            page.read_text(encoding="utf-8"),
            re.S,
        )
    ]
    assert sorted(listed) == sorted({(c["indicator"], c["region_name"], c["year"]) for c in cells})
    assert f"{len(cells)} cells" in (pages[0]).read_text(encoding="utf-8")
