"""Row types of the warehouse tables, as produced by the transforms (one dataclass per table)."""

from __future__ import annotations

import types
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from functools import cache
from typing import Any, Union, get_args, get_origin, get_type_hints

import numpy as np
import pyarrow as pa

Tables = dict[str, pa.Table]
"""A batch's rows as one Arrow table per warehouse table (columns named as the fields)."""


@dataclass(frozen=True)
class DocumentRow:
    """One acquired item (grain of `documents`)."""

    doc_id: str
    uri: str
    site: str | None
    fetched_at: datetime
    published_date: date | None
    title: str | None
    encoding: str
    script: str
    quality: str
    quality_reasons: list[str]
    duplicate_of: str | None
    content_sha256: str
    text_sha256: str
    n_chars: int
    chrome_lines: int
    simhash: int | None = None
    """Near-duplicate fingerprint of the cleaned text (transforms.dedupe)."""
    transforms_version: str = ""
    """Version of the transforms that produced the rows (transforms.version)."""
    quality_score: float = 0.0
    """Spin/garbage evidence behind the quality verdict (transforms.quality)."""
    short: bool = False
    """A short page without figures: flagged, still trusted."""
    figures_sha256: str | None = None
    """Digest of the numbers the cleaned text states (transforms.dedupe.figures_digest)."""
    text: str = field(default="", repr=False)
    """Cleaned text of the whole page (kept in document_versions, not in documents)."""
    source_kind: str | None = None
    """official, news, sharing or other: who published the page (transforms.sources_kind)."""


@dataclass(frozen=True)
class ReportRow:
    """One report inside a document (grain of `reports`)."""

    report_id: str
    doc_id: str
    seq: int
    title: str | None
    report_type: str | None
    region_name: str | None
    region_code: str | None
    region_level: str | None
    region_anonymized: bool
    year: int | None
    published_date: date | None
    text: str
    region_evidence: str | None = None
    """The signals that decided the region (title, host, publisher, self-reference …)."""
    year_evidence: str | None = None
    """What decided the year (title, most mentioned year, publication date)."""


@dataclass(frozen=True)
class MetricRow:
    """One numeric mention in a report (grain of `metrics`)."""

    metric_id: str
    report_id: str
    doc_id: str
    region_name: str | None
    region_level: str | None
    year: int | None
    indicator: str | None
    label: str
    value: float | None
    unit: str
    value_text: str
    kind: str
    qualifier: str | None
    masked: bool
    sentence: str
    char_start: int
    char_end: int
    plausible: bool
    plausibility_reason: str | None
    status: str = "achieved"
    """achieved, target or planned."""
    attribution: str | None = None
    """Which scopes decided the indicator, region, year and status (the evidence)."""
    repaired_value: float | None = None
    """For an implausible figure, the value one evident repair gives (a lost decimal point)."""
    series_label: str | None = None
    """For a figure without an indicator, the name of the series it joins (its label, cleaned:
    transforms.series_labels), or None."""


@dataclass(frozen=True)
class TermRow:
    """How often one term occurs in one report (grain of `terms`)."""

    report_id: str
    doc_id: str
    term: str
    count: int


@dataclass
class TermCounts:
    """Rows of `terms`, kept as columns: a batch has a few hundred thousand of them.

    One entry per report (its ids and how many terms it has), one per term row (the term and
    its count); `table()` turns them into Arrow without building a Python object per row.
    """

    report_ids: list[str] = field(default_factory=list)
    doc_ids: list[str] = field(default_factory=list)
    sizes: list[int] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)
    counts: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, rows: Iterable[TermRow]) -> TermCounts:
        """Term counts holding `rows` (each row its own report entry)."""
        out = cls()
        for row in rows:
            out.add(row.report_id, row.doc_id, {row.term: row.count})
        return out

    def add(self, report_id: str, doc_id: str, counts: Mapping[str, int]) -> None:
        """Append one report's term counts, in term order."""
        words = sorted(counts)
        self.report_ids.append(report_id)
        self.doc_ids.append(doc_id)
        self.sizes.append(len(words))
        self.terms += words
        self.counts += [counts[w] for w in words]

    def extend(self, other: TermCounts) -> None:
        """Append another batch's term counts."""
        self.report_ids += other.report_ids
        self.doc_ids += other.doc_ids
        self.sizes += other.sizes
        self.terms += other.terms
        self.counts += other.counts

    def __len__(self) -> int:
        return len(self.terms)

    def __iter__(self) -> Iterator[TermRow]:
        end = 0
        for report_id, doc_id, size in zip(self.report_ids, self.doc_ids, self.sizes, strict=True):
            start, end = end, end + size
            for term, count in zip(self.terms[start:end], self.counts[start:end], strict=True):
                yield TermRow(report_id, doc_id, term, count)

    def table(self) -> pa.Table:
        """The rows as an Arrow table of `terms`'s schema, report and document ids
        dictionary-encoded (each is repeated on every term of its report)."""
        schema = arrow_schema(TermRow)
        report = pa.array(np.repeat(np.arange(len(self.sizes), dtype=np.int32), self.sizes))

        def per_row(values: list[str]) -> pa.DictionaryArray:
            return pa.DictionaryArray.from_arrays(report, pa.array(values, pa.string()))

        return pa.table(
            {
                "report_id": per_row(self.report_ids),
                "doc_id": per_row(self.doc_ids),
                "term": pa.array(self.terms, schema.field("term").type),
                "count": pa.array(self.counts, schema.field("count").type),
            }
        )


@dataclass(frozen=True)
class QuarantineRow:
    """An input the pipeline rejected, with the stage and the reason (grain of `quarantine`)."""

    uri: str
    stage: str
    reason: str
    detail: str
    at: datetime
    content_sha256: str | None = None
    """SHA-256 of the rejected bytes, when known: the same bytes are not retried."""


def failure_row(
    uri: str, stage: str, exc: BaseException, at: datetime, content_sha256: str | None = None
) -> QuarantineRow:
    """The quarantine row of one item whose `stage` raised `exc` (its type and message)."""
    detail = f"{type(exc).__name__}: {exc}"[:500]
    return QuarantineRow(uri, stage, "exception", detail, at, content_sha256)


@dataclass
class Records:
    """Rows for every table produced from one batch of documents."""

    documents: list[DocumentRow] = field(default_factory=list)
    reports: list[ReportRow] = field(default_factory=list)
    metrics: list[MetricRow] = field(default_factory=list)
    terms: TermCounts = field(default_factory=TermCounts)
    quarantine: list[QuarantineRow] = field(default_factory=list)

    def as_tables(self) -> Tables:
        """The rows as Arrow tables, one per table: cheap to send between processes.

        The ids and sentences repeated on metric and term rows are dictionary-encoded (300
        pages' tables pickle to 19 MB instead of 30 MB); DuckDB reads them as plain strings.
        """
        return {
            "documents": arrow_table(self.documents, DocumentRow),
            "reports": arrow_table(self.reports, ReportRow),
            "metrics": _dictionary_encoded(arrow_table(self.metrics, MetricRow), METRIC_REPEATED),
            "terms": self.terms.table(),
            "quarantine": arrow_table(self.quarantine, QuarantineRow),
        }

    def extend(self, other: Records) -> None:
        """Append another batch's rows."""
        self.documents += other.documents
        self.reports += other.reports
        self.metrics += other.metrics
        self.terms.extend(other.terms)
        self.quarantine += other.quarantine


_ARROW_TYPES: dict[Any, pa.DataType] = {
    str: pa.string(),
    int: pa.int64(),
    float: pa.float64(),
    bool: pa.bool_(),
    datetime: pa.timestamp("us"),  # aware values are stored as UTC, as DuckDB's timestamp
    date: pa.date32(),
    list[str]: pa.list_(pa.string()),
}


def _arrow_type(hint: Any) -> pa.DataType:
    if get_origin(hint) in (Union, types.UnionType):
        (hint,) = [a for a in get_args(hint) if a is not type(None)]
    return _ARROW_TYPES[hint]


@cache
def arrow_schema(row_type: type) -> pa.Schema:
    """Arrow schema of a row dataclass: one column per field, typed from its annotation."""
    hints = get_type_hints(row_type)
    return pa.schema([pa.field(f.name, _arrow_type(hints[f.name])) for f in fields(row_type)])


def arrow_table(rows: Sequence[Any], row_type: type) -> pa.Table:
    """Arrow table of dataclass rows of `row_type` (an empty table keeps the schema)."""
    schema = arrow_schema(row_type)
    columns = {name: [getattr(row, name) for row in rows] for name in schema.names}
    return pa.table(columns, schema=schema)


# Metric columns that repeat one value over many rows of a batch (every figure of a report
# or a sentence); TermCounts.table() encodes the ids of term rows itself.
METRIC_REPEATED = ("report_id", "doc_id", "region_name", "sentence")


def _dictionary_encoded(table: pa.Table, columns: Sequence[str]) -> pa.Table:
    """`table` with `columns` dictionary-encoded."""
    for column in columns:
        i = table.column_names.index(column)
        table = table.set_column(i, column, table.column(column).dictionary_encode())
    return table
