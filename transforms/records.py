"""Row types of the warehouse tables, as produced by the transforms (one dataclass per table)."""

from __future__ import annotations

import types
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from functools import cache
from typing import Any, Union, get_args, get_origin, get_type_hints

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
    text: str = field(default="", repr=False)
    """Cleaned text of the whole page (kept in document_versions, not in documents)."""


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


@dataclass(frozen=True)
class TermRow:
    """How often one term occurs in one report (grain of `terms`)."""

    report_id: str
    doc_id: str
    term: str
    count: int


@dataclass(frozen=True)
class QuarantineRow:
    """An input the pipeline rejected, with the stage and the reason (grain of `quarantine`)."""

    uri: str
    stage: str
    reason: str
    detail: str
    at: datetime


@dataclass
class Records:
    """Rows for every table produced from one batch of documents."""

    documents: list[DocumentRow] = field(default_factory=list)
    reports: list[ReportRow] = field(default_factory=list)
    metrics: list[MetricRow] = field(default_factory=list)
    terms: list[TermRow] = field(default_factory=list)
    quarantine: list[QuarantineRow] = field(default_factory=list)

    def as_tables(self) -> Tables:
        """The rows as Arrow tables, one per table: cheap to send between processes.

        The ids and sentences repeated on metric and term rows are dictionary-encoded (300
        pages' tables pickle to 19 MB instead of 30 MB); DuckDB reads them as plain strings.
        """
        return {
            name: _encode_repeated(name, arrow_table(getattr(self, name), ROW_TYPES[name]))
            for name in ROW_TYPES
        }

    def extend(self, other: Records) -> None:
        """Append another batch's rows."""
        self.documents += other.documents
        self.reports += other.reports
        self.metrics += other.metrics
        self.terms += other.terms
        self.quarantine += other.quarantine


ROW_TYPES: dict[str, type] = {
    "documents": DocumentRow,
    "reports": ReportRow,
    "metrics": MetricRow,
    "terms": TermRow,
    "quarantine": QuarantineRow,
}
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


# Columns that repeat one value over many rows of a batch (every term of a report, every
# figure of a sentence).
REPEATED = {
    "metrics": ("report_id", "doc_id", "region_name", "sentence"),
    "terms": ("report_id", "doc_id"),
}


def _encode_repeated(name: str, table: pa.Table) -> pa.Table:
    """`table` (of warehouse table `name`) with its REPEATED columns dictionary-encoded."""
    for column in REPEATED.get(name, ()):
        i = table.column_names.index(column)
        table = table.set_column(i, column, table.column(column).dictionary_encode())
    return table
