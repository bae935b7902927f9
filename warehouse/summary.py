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

    def count(sql: str) -> int:
        row = con.execute(f"select count(*) from ({sql})").fetchone()
        return int(row[0]) if row else 0

    implausible = (
        "select m.label, m.value_text, m.plausibility_reason, d.uri from metrics as m "
        "inner join documents as d on d.doc_id = m.doc_id where not m.plausible "
        "order by d.uri, m.char_start"
    )
    conflicts = (
        "select indicator, region_name, year, value, n_values from indicator_series "
        "where n_values > 1 order by indicator, region_name, year"
    )
    weak = (
        "select uri, quality, array_to_string(quality_reasons, '; ') from documents "
        "where quality <> 'ok' order by uri"
    )
    corrections = (
        "select correction_id, status, action, value_text, uri, who, why "
        "from correction_status where active "
        "order by status <> 'applied' desc, made_at"
    )
    return QualitySummary(
        implausible=count(implausible),
        implausible_rows=con.execute(f"{implausible} limit {SHOW}").fetchall(),
        conflicts=count(conflicts),
        conflict_rows=con.execute(f"{conflicts} limit {SHOW}").fetchall(),
        weak_documents=count(weak),
        weak_rows=con.execute(f"{weak} limit {SHOW}").fetchall(),
        corrections=count(corrections),
        correction_rows=con.execute(f"{corrections} limit {SHOW}").fetchall(),
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
