from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import polars as pl
import pyarrow.dataset as ds
import pytest

from transforms.records import (
    DocumentRow,
    MetricRow,
    QuarantineRow,
    Records,
    ReportRow,
    TermCounts,
    TermRow,
)
from warehouse.db import (
    TABLES,
    VIEWS,
    WarehouseError,
    WarehouseLocked,
    connect_reader,
    connect_writer,
    memory_limit,
    set_memory_limit,
    sql_literal,
)
from warehouse.load import load_records, mark_duplicates
from warehouse.parquet import export_parquet
from warehouse.query import QueryRefused, format_rows, run_query

NOW = datetime(2026, 1, 1, tzinfo=UTC)
HAN = [chr(c) for c in range(0x4E00, 0x9FA5)]


def document(doc_id: str, text_sha: str = "t1", quality: str = "ok") -> DocumentRow:
    return DocumentRow(
        doc_id=doc_id,
        uri=f"file:///{doc_id}.txt",
        site=None,
        fetched_at=NOW,
        published_date=date(2021, 4, 20),
        title="报告",
        encoding="utf-8",
        script="simplified",
        quality=quality,
        quality_reasons=[],
        duplicate_of=None,
        content_sha256="c" + doc_id,
        text_sha256=text_sha,
        n_chars=100,
        chrome_lines=0,
    )


def report(doc_id: str, year: int | None = 2020, region: str | None = "青岛市") -> ReportRow:
    return ReportRow(
        report_id=f"{doc_id}-01",
        doc_id=doc_id,
        seq=1,
        title="报告",
        report_type="work_report",
        region_name=region,
        region_code="370200",
        region_level="city",
        region_anonymized=False,
        year=year,
        published_date=date(2021, 4, 20),
        text="全市共有1610家校外培训机构。",
    )


def metric(doc_id: str, value: float | None = 1610.0, year: int | None = 2020) -> MetricRow:
    return MetricRow(
        metric_id=f"m-{doc_id}",
        report_id=f"{doc_id}-01",
        doc_id=doc_id,
        region_name="青岛市",
        region_level="city",
        year=year,
        indicator="tutoring_institutions",
        label="校外培训机构",
        value=value,
        unit="家",
        value_text="1610家",
        kind="level",
        qualifier=None,
        masked=value is None,
        sentence="全市共有1610家校外培训机构。",
        char_start=4,
        char_end=9,
        plausible=True,
        plausibility_reason=None,
    )


def batch(doc_id: str, text_sha: str = "t1", value: float = 1610.0) -> Records:
    return Records(
        documents=[document(doc_id, text_sha)],
        reports=[report(doc_id)],
        metrics=[metric(doc_id, value)],
        terms=TermCounts.of([TermRow(f"{doc_id}-01", doc_id, "校外培训机构", 1)]),
        quarantine=[QuarantineRow("file:///bad.txt", "decode", "undecodable", "empty file", NOW)],
    )


def counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in TABLES}  # type: ignore[index]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


def test_schema_has_every_contract_table_view_and_column(data_dir: Path) -> None:
    con = connect_writer(data_dir)
    contract = {
        "documents": "doc_id uri site fetched_at published_date title encoding script quality quality_reasons duplicate_of",
        "reports": "report_id doc_id seq title report_type region_name region_code region_level region_anonymized year text",
        "metrics": "metric_id report_id doc_id region_name region_level year indicator label value unit value_text kind qualifier masked sentence char_start char_end",
        "terms": "report_id term count",
        "quarantine": "uri stage reason detail at",
        "indicator_series": "indicator region_name region_level year value unit n_reports n_values",
        "term_trends": "term year n_reports share",
    }
    for table, columns in contract.items():
        have = {r[0] for r in con.execute(f"describe {table}").fetchall()}
        assert set(columns.split()) <= have, table
    views = {
        r[0]
        for r in con.execute("select view_name from duckdb_views() where not internal").fetchall()
    }
    assert set(VIEWS) <= views


def test_reloading_a_document_replaces_its_rows(data_dir: Path) -> None:
    con = connect_writer(data_dir)
    load_records(con, batch("a"))
    first = counts(con)
    load_records(con, batch("a"))
    assert (
        counts(con)
        == first
        == {"documents": 1, "reports": 1, "metrics": 1, "terms": 1, "quarantine": 1}
    )
    load_records(con, batch("a", value=1700.0))
    assert con.execute("select value from metrics").fetchall() == [(1700.0,)]


def test_a_batch_of_known_and_new_documents_replaces_only_the_known(data_dir: Path) -> None:
    con = connect_writer(data_dir)
    load_records(con, batch("a"))
    first_seen = con.execute("select first_seen_at from documents").fetchall()
    both = batch("a", value=1700.0)
    both.extend(batch("b'x"))  # an id is a hash, but the lookup must not depend on it
    load_records(con, both)
    assert con.execute("select doc_id, value from metrics order by doc_id").fetchall() == [
        ("a", 1700.0),
        ("b'x", 1610.0),
    ]
    assert (
        con.execute("select first_seen_at from documents where doc_id = 'a'").fetchall()
        == first_seen
    )
    assert counts(con)["documents"] == 2


@pytest.mark.parametrize(
    "text", ["", "it's", "''", "back\\slash", "教育局'工作报告", "line\nbreak"]
)
def test_a_sql_literal_reads_back_as_the_text(text: str) -> None:
    assert duckdb.connect().execute(f"select {sql_literal(text)}").fetchone() == (text,)


def test_quarantine_keeps_the_first_sighting(data_dir: Path) -> None:
    con = connect_writer(data_dir)
    load_records(con, batch("a"))
    later = Records(
        quarantine=[
            QuarantineRow(
                "file:///bad.txt", "decode", "undecodable", "x", datetime(2027, 1, 1, tzinfo=UTC)
            )
        ]
    )
    load_records(con, later)
    assert con.execute("select detail from quarantine").fetchall() == [("empty file",)]


def test_a_failing_batch_leaves_the_warehouse_as_it_was(data_dir: Path) -> None:
    con = connect_writer(data_dir)
    load_records(con, batch("a"))
    broken = batch("a")
    broken.reports.append(report("a"))  # same report_id twice: primary key violation
    with pytest.raises(duckdb.ConstraintException):
        load_records(con, broken)
    assert counts(con)["metrics"] == 1


def test_duplicates_point_at_the_first_document(data_dir: Path) -> None:
    con = connect_writer(data_dir)
    load_records(con, batch("a", text_sha="same"))
    load_records(con, batch("b", text_sha="same"))
    load_records(con, batch("c", text_sha="other"))
    assert mark_duplicates(con) == 1
    assert con.execute("select doc_id, duplicate_of from documents order by doc_id").fetchall() == [
        ("a", None),
        ("b", "a"),
        ("c", None),
    ]
    # the series counts a and c, not b, the copy of a
    assert con.execute("select n_reports, value from indicator_series").fetchall() == [(2, 1610.0)]


def test_indicator_series_prefers_the_value_most_reports_give(data_dir: Path) -> None:
    con = connect_writer(data_dir)
    for doc_id, sha, value in [("a", "1", 1610.0), ("b", "2", 1610.0), ("c", "3", 1700.0)]:
        load_records(con, batch(doc_id, text_sha=sha, value=value))
    rows = con.execute("select value, n_reports, n_values from indicator_series").fetchall()
    assert rows == [(1610.0, 3, 2)]


def test_indicator_series_prefers_a_figure_written_in_full_over_a_rounded_one(
    data_dir: Path,
) -> None:
    con = connect_writer(data_dir)
    records = batch("a", value=60500.0)
    rounded = replace(records.metrics[0], value_text="6.05万家")
    full = replace(rounded, metric_id="m-a-2", value=60532.0, value_text="60532", char_start=20)
    records.metrics[:] = [rounded, full]
    load_records(con, records)
    rows = con.execute("select value, n_reports, n_values from indicator_series").fetchall()
    assert rows == [(60532.0, 1, 2)]


def test_indicator_series_prefers_what_a_report_states_first_over_a_later_other_count(
    data_dir: Path,
) -> None:
    # 全县教职工1.31万人 … (问题) 实有在编教职工11408人: not a fuller writing of one count
    con = connect_writer(data_dir)
    records = batch("a", value=13100.0)
    overview = replace(records.metrics[0], value_text="1.31万人", char_start=10)
    later = replace(
        overview, metric_id="m-a-2", value=11408.0, value_text="11408人", char_start=400
    )
    records.metrics[:] = [later, overview]
    load_records(con, records)
    rows = con.execute("select value, n_reports, n_values from indicator_series").fetchall()
    assert rows == [(13100.0, 1, 2)]


def test_indicator_series_prefers_the_figure_reached_over_a_round_number_passed(
    data_dir: Path,
) -> None:
    # 全县教职工总数突破1000人，达1086人: 达 says the count reached, no approximation
    con = connect_writer(data_dir)
    records = batch("a", value=1000.0)
    passed = replace(records.metrics[0], value_text="1000人", qualifier="突破", char_start=10)
    reached = replace(
        passed, metric_id="m-a-2", value=1086.0, value_text="1086人", qualifier="达", char_start=16
    )
    records.metrics[:] = [passed, reached]
    load_records(con, records)
    rows = con.execute("select value, n_reports, n_values from indicator_series").fetchall()
    assert rows == [(1086.0, 1, 2)]


def test_parquet_datasets_read_back_with_the_same_rows_in_every_reader(data_dir: Path) -> None:
    con = connect_writer(data_dir)
    load_records(con, batch("a"))
    export_parquet(con, data_dir)
    export_parquet(con, data_dir)  # a second export replaces, never adds
    root = data_dir / "parquet"
    assert (root / "metrics" / "year=2020").is_dir()
    for table in TABLES:
        expected = con.execute(f"select count(*) from {table}").fetchone()[0]  # type: ignore[index]
        assert ds.dataset(root / table, partitioning="hive").count_rows() == expected
        assert (
            pl.scan_parquet(root / table / "**" / "*.parquet", hive_partitioning=True)
            .collect()
            .height
            == expected
        )
        duck = duckdb.execute(
            f"select count(*) from read_parquet('{root / table}/**/*.parquet', hive_partitioning = true)"
        )
        assert duck.fetchone()[0] == expected  # type: ignore[index]
    assert not [p for p in root.iterdir() if p.name.startswith(".")]


def test_empty_tables_still_get_a_readable_dataset(data_dir: Path) -> None:
    con = connect_writer(data_dir)
    export_parquet(con, data_dir)
    schema = ds.dataset(data_dir / "parquet" / "metrics").schema
    assert "value_text" in schema.names


def test_query_is_read_only(data_dir: Path) -> None:
    con = connect_writer(data_dir)
    load_records(con, batch("a"))
    con.close()
    columns, rows = run_query(data_dir, "select label, value from metrics")
    assert columns == ["label", "value"] and rows == [("校外培训机构", 1610.0)]
    for statement in (
        "delete from metrics",
        "create table x (a int)",
        "drop view indicator_series",
    ):
        with pytest.raises(QueryRefused, match="read-only"):
            run_query(data_dir, statement)
    assert run_query(data_dir, "select count(*) from metrics")[1] == [(1,)]


def test_the_writer_keeps_below_its_memory_limit_and_refuses_a_bad_one(data_dir: Path) -> None:
    con = connect_writer(data_dir, memory_limit="512MB")
    assert con.execute("select current_setting('memory_limit')").fetchone() == ("488.2 MiB",)
    set_memory_limit(con, "256MB")  # a connection's limit can be lowered
    assert con.execute("select current_setting('memory_limit')").fetchone() == ("244.1 MiB",)
    with pytest.raises(WarehouseError, match="not a size"):
        set_memory_limit(con, "lots")
    con.close()
    with pytest.raises(WarehouseError, match="not a size"):
        connect_writer(data_dir, memory_limit="1GB'; drop table documents; --")


def test_a_block_runs_under_its_own_memory_limit_and_the_connection_gets_its_back(
    data_dir: Path,
) -> None:
    def mib() -> float:
        (shown,) = con.execute("select current_setting('memory_limit')").fetchone() or ("",)
        number, unit = str(shown).split()
        assert unit == "MiB"
        return float(number)

    con = connect_writer(data_dir, memory_limit="256MB")
    with memory_limit(con, "512MB"):
        assert mib() == 488.2
    # DuckDB shows its limit to 0.1 MiB, which is what there is to restore
    assert abs(mib() - 244.1) <= 0.1
    with pytest.raises(RuntimeError, match="the block failed"), memory_limit(con, "1GB"):
        raise RuntimeError("the block failed")
    assert abs(mib() - 244.1) <= 0.2
    con.close()


def test_rows_and_their_arrow_tables_load_the_same(data_dir: Path, tmp_path: Path) -> None:
    as_rows = connect_writer(data_dir)
    load_records(as_rows, batch("a"))
    as_tables = connect_writer(tmp_path / "other")
    load_records(as_tables, batch("a").as_tables())
    for table in TABLES:
        sql = (
            f"select * exclude (first_seen_at) from {table}"
            if table == "documents"
            else f"select * from {table}"
        )
        assert as_rows.execute(sql).fetchall() == as_tables.execute(sql).fetchall()
    assert counts(as_tables)["metrics"] == 1


def test_writer_waits_a_bounded_time_for_the_lock(data_dir: Path) -> None:
    import subprocess
    import sys

    connect_writer(data_dir).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, time; c = duckdb.connect({str(data_dir / 'warehouse.duckdb')!r}); print('held', flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(WarehouseLocked, match="another process"):
            connect_writer(data_dir, wait_seconds=1.0)
    finally:
        holder.kill()
        holder.wait()


def test_reader_needs_a_warehouse(tmp_path: Path) -> None:
    with pytest.raises(Exception, match="edureports run"):
        connect_reader(tmp_path)


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_formats_render_the_same_rows(fmt: str) -> None:
    out = format_rows(["a", "b"], [(1, "校外"), (None, "x")], fmt)
    if fmt == "json":
        assert out == '[{"a": 1, "b": "校外"}, {"a": null, "b": "x"}]'
    elif fmt == "csv":
        assert out == "a,b\n1,校外\n,x"
    else:
        assert out.splitlines()[0].split("|")[0].strip() == "a" and "(2 rows)" in out


def test_a_changed_page_becomes_a_new_version_and_the_old_one_stays_readable(
    data_dir: Path,
) -> None:
    con = connect_writer(data_dir)
    first = batch("a")
    first.documents[0] = replace(first.documents[0], text="旧文本", content_sha256="v1")
    load_records(con, first)
    load_records(con, first)  # the same content again: no new version
    later = batch("a", value=1700.0)
    later.documents[0] = replace(
        later.documents[0],
        text="新文本",
        content_sha256="v2",
        fetched_at=datetime(2026, 6, 1, tzinfo=UTC),
    )
    load_records(con, later)
    assert con.execute(
        "select version, content_sha256, text, is_current from document_versions order by version"
    ).fetchall() == [(1, "v1", "旧文本", False), (2, "v2", "新文本", True)]
    assert con.execute(
        "select content_sha256, first_seen_at::varchar from documents"
    ).fetchall() == [("v2", "2026-01-01 00:00:00")]
    assert con.execute("select value from metrics").fetchall() == [(1700.0,)]


def test_near_duplicates_are_found_by_simhash(data_dir: Path) -> None:
    con = connect_writer(data_dir)
    for doc_id, sha, fingerprint in [
        ("a", "1", 0b1011 << 40),
        ("b", "2", (0b1011 << 40) | 0b111),
        ("c", "3", -12345),
    ]:
        records = batch(doc_id, text_sha=sha)
        records.documents[0] = replace(records.documents[0], simhash=fingerprint)
        load_records(con, records)
    assert mark_duplicates(con) == 1
    assert con.execute("select doc_id from documents where duplicate_of = 'a'").fetchall() == [
        ("b",)
    ]


def test_near_wording_with_other_figures_is_another_report(data_dir: Path) -> None:
    # one template's bulletins of 2022 and 2023: the same SimHash, other figures
    con = connect_writer(data_dir)
    fingerprint = 0b1011 << 40
    docs = [
        replace(document("y2022", text_sha="1"), simhash=fingerprint, figures_sha256="f2022"),
        replace(document("y2023", text_sha="2"), simhash=fingerprint | 1, figures_sha256="f2023"),
        replace(
            document("repost", text_sha="3"),
            simhash=fingerprint | 2,
            figures_sha256="f2022",
            fetched_at=datetime(2026, 6, 1, tzinfo=UTC),
        ),
    ]
    load_records(con, Records(documents=docs))
    assert mark_duplicates(con) == 1
    assert con.execute("select doc_id, duplicate_of from documents order by doc_id").fetchall() == [
        ("repost", "y2022"),
        ("y2022", None),
        ("y2023", None),
    ]


def test_many_reposts_all_point_at_the_first(
    data_dir: Path,
) -> None:
    from datetime import timedelta

    from warehouse.load import BAND_CANDIDATES

    con = connect_writer(data_dir)
    n = 3000  # all-pairs within a band would be 4.5 million comparisons
    fingerprint = 0b1011 << 40
    docs = [
        replace(
            document(f"d{i:04d}", text_sha=f"t{i}"),
            fetched_at=NOW + timedelta(seconds=i),
            simhash=fingerprint | (i % 4),  # within 2 bits of the first
        )
        for i in range(n)
    ]
    docs.append(replace(document("far", text_sha="far"), simhash=~fingerprint))
    load_records(con, Records(documents=docs))
    assert mark_duplicates(con) == n - 1
    assert con.execute(
        "select count(*) from documents where duplicate_of = 'd0000'"
    ).fetchone() == (n - 1,)
    assert con.execute("select duplicate_of from documents where doc_id = 'far'").fetchone() == (
        None,
    )
    assert n > BAND_CANDIDATES  # more reposts than the candidates checked per band


def test_every_reader_sees_the_same_columns_and_types_run_after_run(data_dir: Path) -> None:
    con = connect_writer(data_dir)
    export_parquet(con, data_dir)
    root = data_dir / "parquet"
    empty_schema = {t: pq_schema(root / t) for t in TABLES}
    load_records(con, batch("a"))
    export_parquet(con, data_dir)
    for table in TABLES:
        files = f"{root / table}/**/*.parquet"
        arrow = ds.dataset(root / table, partitioning="hive").schema
        polars = pl.scan_parquet(files, hive_partitioning=True).collect_schema()
        duck = [
            r[0]
            for r in duckdb.execute(
                f"describe select * from read_parquet('{files}', hive_partitioning = true)"
            ).fetchall()
        ]
        assert set(arrow.names) == set(polars.names()) == set(duck), table
        # the file schema does not depend on whether the table had rows
        assert pq_schema(root / table) == empty_schema[table], table
    assert str(
        pl.scan_parquet(
            f"{root / 'metrics'}/**/*.parquet", hive_partitioning=True
        ).collect_schema()["year"]
    ).startswith("Int")


def pq_schema(folder: Path) -> list[tuple[str, str]]:
    import pyarrow.parquet as pq

    first = sorted(folder.rglob("*.parquet"))[0]
    return [(f.name, str(f.type)) for f in pq.read_schema(first) if f.name != "year"]


def test_parquet_is_zstd_with_dictionary_encoded_low_cardinality_strings(data_dir: Path) -> None:
    import pyarrow.parquet as pq

    con = connect_writer(data_dir)
    records = batch("a")
    records.metrics = [replace(metric("a"), metric_id=f"m{i}", value=float(i)) for i in range(500)]
    load_records(con, records)
    export_parquet(con, data_dir)
    (path,) = (data_dir / "parquet" / "metrics").rglob("*.parquet")
    group = pq.ParquetFile(path).metadata.row_group(0)
    chunks = {group.column(i).path_in_schema: group.column(i) for i in range(group.num_columns)}
    assert {c.compression for c in chunks.values()} == {"ZSTD"}
    for column in ("kind", "unit", "region_level", "indicator"):
        assert any("DICTIONARY" in e for e in chunks[column].encodings), column


def report_row_groups(con: duckdb.DuckDBPyConnection) -> int:
    sql = "select count(distinct row_group_id) from pragma_storage_info('reports')"
    return int(con.execute(sql).fetchone()[0])  # type: ignore[index]


def test_batches_keep_their_own_row_groups_and_a_replaced_batch_drops_its_own(
    data_dir: Path,
) -> None:
    # No checkpoint vacuum: merging the small row groups of text tables held up to the
    # memory limit in strings (warehouse.db.VACUUM_TASKS). A reloaded batch deletes its
    # old rows whole, so its old row group goes and the warehouse does not grow.
    def load_batch(b: int, rng: random.Random) -> None:
        ids = [f"b{b}d{d}" for d in range(5)]
        texts = ["".join(rng.choices(HAN, k=3000)) for _ in ids]
        con = connect_writer(data_dir)
        pairs = list(zip(ids, texts, strict=True))
        load_records(
            con,
            Records(
                documents=[replace(document(i, text_sha=t[:8]), text=t) for i, t in pairs],
                reports=[replace(report(i), text=t) for i, t in pairs],
            ),
        )
        con.close()

    for b in range(6):
        load_batch(b, random.Random(b))
    con = connect_writer(data_dir)
    assert report_row_groups(con) == 6
    con.close()
    load_batch(0, random.Random(99))  # batch 0 again, its texts changed
    con = connect_writer(data_dir)
    assert counts(con)["reports"] == 30
    assert report_row_groups(con) == 6


def test_a_bulletin_outranks_more_reports_and_conflicts_are_listed(data_dir: Path) -> None:
    con = connect_writer(data_dir)
    for doc_id, sha, value in [("a", "1", 1610.0), ("b", "2", 1610.0), ("c", "3", 1700.0)]:
        records = batch(doc_id, text_sha=sha, value=value)
        if doc_id == "c":  # the statistical bulletin, against two work reports
            records.reports[0] = replace(records.reports[0], report_type="statistical_bulletin")
        if doc_id == "b":  # and one of them a document-sharing copy
            records.documents[0] = replace(records.documents[0], source_kind="sharing")
        load_records(con, records)
    rows = con.execute("select value, n_reports, n_values from indicator_series").fetchall()
    assert rows == [(1700.0, 3, 2)]
    conflicts = con.execute(
        "select doc_id, value, authority, chosen from indicator_conflicts order by doc_id"
    ).fetchall()
    assert conflicts == [("a", 1610.0, 3, False), ("b", 1610.0, 0, False), ("c", 1700.0, 4, True)]


def test_targets_stay_out_of_the_series(data_dir: Path) -> None:
    con = connect_writer(data_dir)
    records = batch("a")
    records.metrics[0] = replace(records.metrics[0], status="target")
    load_records(con, records)
    assert con.execute("select count(*) from indicator_series").fetchone() == (0,)
    assert con.execute("select status, value from indicator_targets").fetchall() == [
        ("target", 1610.0)
    ]


def test_a_figure_without_a_code_joins_the_series_of_its_label(data_dir: Path) -> None:
    con = connect_writer(data_dir)
    records = batch("a")
    coded = records.metrics[0]
    named = replace(
        coded,
        metric_id="m-a2",
        indicator=None,
        label="名师工作室",
        series_label="名师工作室",
        value=44.0,
        unit="个",
        value_text="44个",
        char_start=20,
        char_end=23,
    )
    unnamed = replace(named, metric_id="m-a3", label="学校", series_label=None, char_start=30)
    records.metrics = [coded, named, unnamed]
    load_records(con, records)
    rows = con.execute(
        "select indicator, value, catalogued from indicator_series order by indicator"
    ).fetchall()
    assert rows == [("label:名师工作室", 44.0, False), ("tutoring_institutions", 1610.0, True)]
