from __future__ import annotations

import pyarrow as pa

from transforms.records import Records, TermCounts, TermRow, arrow_table

ROWS = [
    TermRow("d1-01", "d1", "双减", 2),
    TermRow("d1-01", "d1", "课后服务", 1),
    TermRow("d1-02", "d1", "学位", 5),
    TermRow("d2-01", "d2", "双减", 1),
]


def counts_of_two_batches() -> TermCounts:
    first, second = TermCounts(), TermCounts()
    first.add("d1-01", "d1", {"课后服务": 1, "双减": 2})
    first.add("d1-02", "d1", {"学位": 5})
    second.add("d2-01", "d2", {"双减": 1})
    first.extend(second)
    return first


def test_term_counts_keep_each_reports_terms_in_term_order_across_batches() -> None:
    counts = counts_of_two_batches()
    assert len(counts) == 4
    assert list(counts) == ROWS


def test_term_counts_table_equals_the_table_of_the_same_rows() -> None:
    table = counts_of_two_batches().table()
    assert pa.types.is_dictionary(table.schema.field("report_id").type)
    plain = table.cast(arrow_table(ROWS, TermRow).schema)
    assert plain.equals(arrow_table(ROWS, TermRow))


def test_term_counts_of_rows_and_of_nothing() -> None:
    assert list(TermCounts.of(ROWS)) == ROWS
    empty = Records().as_tables()["terms"]
    assert empty.num_rows == 0
    assert empty.column_names == ["report_id", "doc_id", "term", "count"]
    assert empty.schema.field("term").type == pa.string()
