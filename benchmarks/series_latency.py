"""Latency of `indicator_series` for one indicator over a warehouse of ≥ 1 million metrics.

.venv/bin/python benchmarks/series_latency.py /tmp/series-bench [--metrics 1000000]
    [--documents 40000] [--regions 300] [--indicator preschool_gross_enrollment_rate]
    [--runs 20] [--reuse] [--explain]

Builds a warehouse in DIR/warehouse.duckdb with the project's own schema (connect_writer)
and fills it with synthetic rows made in SQL, no Python loop per row: documents (some
low-quality, some duplicates of earlier ones), one or two reports each over ~300 regions of
the gazetteer × 10 years, and metrics spread over the catalog's indicators and kinds, with
masked, implausible, unmapped and conflicting figures. --reuse keeps an existing file (the
schema and views are still re-applied, so a changed view is measured on the same data).

Then times `select * from indicator_series where indicator = ?` on one open read-only
connection (a warm-up, then --runs runs) and the CLI's path, `warehouse.query.series_table`,
which opens and closes the warehouse each time. Prints median and p90 in ms. Target (issue
8): median < 50 ms at 1 million metrics.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from transforms.catalog import load_catalog
from warehouse.db import connect_reader, connect_writer, db_path
from warehouse.query import series_table

ROOT = Path(__file__).resolve().parent.parent
GAZETTEER = ROOT / "transforms" / "gazetteer.csv"
FIRST_YEAR, N_YEARS = 2014, 10
# Level values are drawn in [low, low + span) of the base unit, rounded to `digits`.
VALUE_RANGES: dict[str, tuple[float, float, int]] = {
    "%": (40.0, 60.0, 1),
    "所": (50.0, 20000.0, 0),
    "人": (2000.0, 3000000.0, 0),
    "家": (5.0, 3000.0, 0),
    "元": (1.0e7, 5.0e10, 0),
}
SERIES_SQL = "select * from indicator_series where indicator = ?"


def indicator_table() -> pa.Table:
    """Catalog codes with their unit, a label (first surface form) and a value range."""
    catalog = load_catalog()
    rows = [
        (i, ind.code, ind.unit, ind.forms[0].text if ind.forms else ind.code, ind.max)
        for i, ind in enumerate(catalog.indicators)
    ]
    ranges = [VALUE_RANGES.get(unit, (1.0, 1000.0, 0)) for _, _, unit, _, _ in rows]
    return pa.table(
        {
            "ind_idx": [r[0] for r in rows],
            "code": [r[1] for r in rows],
            "unit": [r[2] for r in rows],
            "label": [r[3] for r in rows],
            "max_value": [r[4] if r[4] is not None else 1.0e15 for r in rows],
            "low": [lo for lo, _, _ in ranges],
            "span": [span for _, span, _ in ranges],
            "digits": [digits for _, _, digits in ranges],
        }
    )


def build(data: Path, n_metrics: int, n_documents: int, n_regions: int) -> None:
    """A fresh warehouse under `data` filled with synthetic documents, reports and metrics."""
    path = db_path(data)
    for leftover in (path, path.with_name(path.name + ".wal")):
        leftover.unlink(missing_ok=True)
    con = connect_writer(data)
    # roll(x, salt, n): a pseudo-random integer in [0, n), fixed by x and salt.
    con.execute("create temp macro roll(x, salt, n) as (hash(x, salt) % n)::bigint")
    con.register("bench_indicators_arrow", indicator_table())
    con.execute("create temp table bench_indicators as select * from bench_indicators_arrow")
    # The nation, every province, then cities/counties/districts picked by a hash of their code.
    con.execute(
        f"""
        create temp table bench_regions as
        with gazetteer as (
            select code, name, level
            from read_csv('{GAZETTEER}', header = true, all_varchar = true)
        ),
        picked as (
            select '全国' as name, 'national' as level, 0 as tier, '000000' as code
            union all
            select name, level, 1, code from gazetteer where level = 'province'
            union all
            select * from (
                select name, level, 2, code from gazetteer
                where level in ('city', 'county', 'district')
                order by hash(code)
                limit greatest({n_regions} - 35, 0)
            )
        )
        select row_number() over (order by tier, code) - 1 as region_idx, name, level
        from picked
        """
    )
    n_regions = int(con.execute("select count(*) from bench_regions").fetchone()[0])  # type: ignore[index]
    # A duplicate copies an earlier document, so it describes the same region and year.
    con.execute(
        f"""
        create temp table bench_docs as
        select
            i,
            case when i > 0 and roll(i, 'dup', 100) < 6 then roll(i, 'dupof', i) end as orig,
            coalesce(orig, i) as content
        from range({n_documents}) as t(i)
        """
    )
    con.execute(
        f"""
        insert into documents by name
        select
            md5('doc:' || i) as doc_id,
            'https://jyj.example' || (i % 97) || '.gov.cn/art/' || i || '.html' as uri,
            'jyj.example' || (i % 97) || '.gov.cn' as site,
            timestamp '2024-01-01' + to_seconds(i * 60) as fetched_at,
            make_date({FIRST_YEAR + 1} + roll(content, 'year', {N_YEARS}),
                      1 + roll(content, 'month', 12), 1 + roll(content, 'day', 28))
                as published_date,
            '某地' || ({FIRST_YEAR} + roll(content, 'year', {N_YEARS})) || '年教育工作总结'
                as title,
            case when i % 10 = 0 then 'gb18030' else 'utf-8' end as encoding,
            'simplified' as script,
            case when roll(i, 'quality', 100) < 5 then 'low' else 'ok' end as quality,
            case when roll(i, 'quality', 100) < 5 then ['few_sentences']
                 else []::varchar[] end as quality_reasons,
            case when orig is not null then md5('doc:' || orig) end as duplicate_of,
            sha256('bytes:' || i) as content_sha256,
            sha256('text:' || content) as text_sha256,
            2000 + roll(content, 'n', 8000) as n_chars,
            roll(i, 'chrome', 40) as chrome_lines,
            timestamp '2024-01-01' + to_seconds(i * 60) as first_seen_at,
            (hash(content) >> 1)::bigint as simhash,
            'bench' as transforms_version
        from bench_docs
        """
    )
    # One report per document; 8 % of pages hold a second one, on the year before.
    con.execute(
        f"""
        create temp table bench_reports as
        with per_doc as (
            select i, content, 1 as seq, 0 as year_back from bench_docs
            union all
            select i, content, 2, 1 from bench_docs where roll(content, 'series', 100) < 8
        )
        select
            row_number() over (order by i, seq) - 1 as report_idx,
            md5('doc:' || i) || ':' || seq as report_id,
            md5('doc:' || i) as doc_id,
            seq,
            r.name as region_name,
            r.level as region_level,
            {FIRST_YEAR} + roll(content, 'year', {N_YEARS}) - year_back as year,
            make_date({FIRST_YEAR + 1} + roll(content, 'year', {N_YEARS}),
                      1 + roll(content, 'month', 12), 1 + roll(content, 'day', 28))
                as published_date
        from per_doc
        inner join bench_regions as r on r.region_idx = roll(content, 'region', {n_regions})
        """
    )
    con.execute(
        """
        insert into reports by name
        select
            report_id, doc_id, seq,
            region_name || year || '年教育工作报告' as title,
            'work_report' as report_type,
            region_name,
            null as region_code,
            region_level,
            false as region_anonymized,
            year,
            published_date,
            repeat('全面贯彻党的教育方针，推进教育高质量发展。', 20) as text
        from bench_reports
        """
    )
    n_reports = int(con.execute("select count(*) from bench_reports").fetchone()[0])  # type: ignore[index]
    # Metrics of a report are contiguous, as batch loads write them. 55 % map to an indicator;
    # a level's value is the cell's (indicator, region, year) value, except 5 % that disagree.
    con.execute(
        f"""
        insert into metrics by name
        with base as (
            select
                i,
                (i * {n_reports} // {n_metrics})::bigint as report_idx,
                case when roll(i, 'ind', 100) < 55
                     then roll(i, 'which', (select count(*) from bench_indicators))
                end as ind_idx,
                roll(i, 'kind', 100) as kind_roll,
                roll(i, 'mask', 100) < 2 as masked,
                roll(i, 'plausible', 100) < 2 as implausible,
                roll(i, 'conflict', 100) < 5 as conflicting,
                roll(i, 'delta', 200) as delta
            from range({n_metrics}) as t(i)
        ),
        shaped as (
            select
                b.*,
                r.report_id, r.doc_id, r.region_name, r.region_level, r.year,
                coalesce(ind.label, '其他数据' || (b.i % 50)) as label,
                ind.code as indicator,
                case when kind_roll < 72 then 'level'
                     when kind_roll < 82 then 'change_abs'
                     when kind_roll < 91 then 'change_pct'
                     else 'change_pp' end as kind,
                case when kind_roll < 91 and kind_roll >= 82 then '%'
                     when kind_roll >= 91 then '个百分点'
                     else coalesce(ind.unit, '人') end as unit,
                round(coalesce(ind.low, 1.0)
                      + roll(ind.code || r.region_name, r.year, 100000) / 100000.0
                        * coalesce(ind.span, 1000.0)
                      + case when conflicting
                             then (delta - 100) / 5000.0 * coalesce(ind.span, 1000.0)
                             else 0 end,
                      coalesce(ind.digits, 0)::integer) as level_value,
                ind.max_value
            from base as b
            inner join bench_reports as r on r.report_idx = b.report_idx
            left join bench_indicators as ind on ind.ind_idx = b.ind_idx
        ),
        valued as (
            select
                *,
                case when masked then null
                     when kind <> 'level' then round((delta - 100) / 10.0, 1)::double
                     when implausible then coalesce(max_value, 1.0e12) * 10 + 1
                     else level_value end as value
            from shaped
        )
        select
            md5('metric:' || i) as metric_id,
            report_id,
            doc_id,
            region_name,
            region_level,
            year,
            indicator,
            label,
            value,
            unit,
            case when masked then '**' || unit else value::varchar || unit end as value_text,
            kind,
            case when roll(i, 'q', 100) < 5 then '近' end as qualifier,
            masked,
            year || '年，' || label || '达到' || coalesce(value::varchar, '**') || unit || '。'
                as sentence,
            (i % 400) * 3 as char_start,
            (i % 400) * 3 + length(coalesce(value::varchar, '**') || unit) as char_end,
            not implausible or masked or kind <> 'level' as plausible,
            case when implausible and not masked and kind = 'level'
                 then 'above the plausible maximum' end as plausibility_reason
        from valued
        """
    )
    con.execute("checkpoint")
    con.close()


def describe(data: Path, code: str) -> None:
    """Row counts of the warehouse and of the chosen indicator."""
    con = connect_reader(data)
    try:
        counts = {
            table: con.execute(f"select count(*) from {table}").fetchone()[0]  # type: ignore[index]
            for table in ("documents", "reports", "metrics")
        }
        low, dup = con.execute(
            "select count(*) filter (where quality <> 'ok'), "
            "count(*) filter (where duplicate_of is not null) from documents"
        ).fetchone()  # type: ignore[misc]
        mine = con.execute("select count(*) from metrics where indicator = ?", [code]).fetchone()
        cells = con.execute(
            "select count(*), count(*) filter (where n_values > 1) "
            "from indicator_series where indicator = ?",
            [code],
        ).fetchone()
    finally:
        con.close()
    print(
        f"warehouse {db_path(data)} ({db_path(data).stat().st_size / 1e6:.0f} MB): "
        + ", ".join(f"{n:,} {t}" for t, n in counts.items())
        + f"; {low:,} low-quality and {dup:,} duplicate documents"
    )
    print(
        f"{code}: {mine[0]:,} metric rows → {cells[0]:,} series rows, "  # type: ignore[index]
        f"{cells[1]:,} with conflicting values"  # type: ignore[index]
    )


def timed(fn: Callable[[], Any], runs: int) -> tuple[list[float], Any]:
    """Milliseconds of each of `runs` calls after one warm-up call, and the last result."""
    result = fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    return times, result


def report(name: str, times: list[float], rows: int) -> None:
    p90 = statistics.quantiles(times, n=10)[-1] if len(times) > 1 else times[0]
    print(
        f"{name}: median {statistics.median(times):.1f} ms, p90 {p90:.1f} ms, "
        f"min {min(times):.1f} ms over {len(times)} runs; {rows:,} rows"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="folder for warehouse.duckdb")
    parser.add_argument("--metrics", type=int, default=1_000_000)
    parser.add_argument("--documents", type=int, default=40_000)
    parser.add_argument("--regions", type=int, default=300)
    parser.add_argument("--indicator", default="preschool_gross_enrollment_rate")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--reuse", action="store_true", help="keep an existing warehouse")
    parser.add_argument("--explain", action="store_true", help="print EXPLAIN ANALYZE too")
    args = parser.parse_args()

    if args.reuse and db_path(args.data).exists():
        connect_writer(args.data).close()  # re-applies the schema and views
        print("reusing the existing warehouse")
    else:
        start = time.perf_counter()
        build(args.data, args.metrics, args.documents, args.regions)
        print(f"built in {time.perf_counter() - start:.1f} s")
    describe(args.data, args.indicator)

    con = connect_reader(args.data)
    try:
        times, rows = timed(lambda: con.execute(SERIES_SQL, [args.indicator]).fetchall(), args.runs)
        report("indicator_series, open connection", times, len(rows))
        if args.explain:
            plan = con.execute("explain analyze " + SERIES_SQL, [args.indicator]).fetchall()
            print(plan[0][1])
    finally:
        con.close()
    times, _ = timed(lambda: connect_reader(args.data).close(), args.runs)
    report("connect_reader + close alone (the CLI's fixed cost)", times, 0)
    times, (_, table) = timed(lambda: series_table(args.data, args.indicator), args.runs)
    report("series_table (CLI path, opens the warehouse)", times, len(table))


if __name__ == "__main__":
    main()
