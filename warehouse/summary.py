"""The data-quality summary a run publishes: implausible values, conflicts, weak documents."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import duckdb

SHOW = 20


@dataclass(frozen=True)
class QualitySummary:
    """Counts and the first rows of each kind of data-quality finding."""

    implausible: int
    implausible_rows: list[tuple[Any, ...]]
    conflicts: int
    conflict_rows: list[tuple[Any, ...]]
    weak_documents: int
    weak_rows: list[tuple[Any, ...]]
    corrections: int = 0
    correction_rows: list[tuple[Any, ...]] = field(default_factory=list)


def quality_summary(con: duckdb.DuckDBPyConnection) -> QualitySummary:
    """What an analyst should review in the warehouse as it stands."""

    def found(columns: str, rest: str) -> tuple[int, list[tuple[Any, ...]]]:
        """How many rows a query finds, and its first SHOW, in one pass over its input
        (indicator_series is an aggregate over every figure: a second pass for the count
        doubled the summary's cost)."""
        rows = con.execute(
            f"select {columns}, count(*) over () as n_found {rest} limit {SHOW}"
        ).fetchall()
        return (int(rows[0][-1]) if rows else 0), [row[:-1] for row in rows]

    implausible = found(
        "m.label, m.value_text, m.plausibility_reason, d.uri",
        "from metrics as m inner join documents as d on d.doc_id = m.doc_id "
        "where not m.plausible order by d.uri, m.char_start",
    )
    conflicts = found(
        "indicator, region_name, year, value, n_values",
        "from indicator_series where n_values > 1 order by indicator, region_name, year",
    )
    weak = found(
        "uri, quality, array_to_string(quality_reasons, '; ')",
        "from documents where quality <> 'ok' order by uri",
    )
    corrections = found(
        "correction_id, status, action, value_text, uri, who, why",
        "from correction_status where active order by status <> 'applied' desc, made_at",
    )
    return QualitySummary(
        implausible=implausible[0],
        implausible_rows=implausible[1],
        conflicts=conflicts[0],
        conflict_rows=conflicts[1],
        weak_documents=weak[0],
        weak_rows=weak[1],
        corrections=corrections[0],
        correction_rows=corrections[1],
    )


def _table(header: list[str], rows: list[tuple[Any, ...]]) -> list[str]:
    def cell(value: Any) -> str:
        return str(value).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]


def render_quality_markdown(summary: QualitySummary) -> str:
    """The summary as Markdown, for a Prefect artifact."""
    out = [
        "# Data quality",
        "",
        f"- implausible values: **{summary.implausible}**",
        f"- indicator cells where reports disagree: **{summary.conflicts}**",
        f"- documents of low or rejected quality: **{summary.weak_documents}**",
        f"- corrections in force: **{summary.corrections}** (those that lost their figure first)",
    ]
    sections = [
        ("Implausible values", ["label", "as written", "why", "source"], summary.implausible_rows),
        (
            "Conflicting indicators",
            ["indicator", "region", "year", "chosen", "values"],
            summary.conflict_rows,
        ),
        ("Weak documents", ["uri", "quality", "reasons"], summary.weak_rows),
        (
            "Corrections",
            ["id", "status", "action", "figure", "source", "who", "why"],
            summary.correction_rows,
        ),
    ]
    for title, header, rows in sections:
        if rows:
            out += ["", f"## {title} (first {SHOW})", "", *_table(header, rows)]
    return "\n".join(out) + "\n"
