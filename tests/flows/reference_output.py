"""The rows a run writes from a fixed input, in a form that does not depend on where or when
it ran: the reference that optimisations must reproduce exactly (issue 21).

The input is the bundled samples and the development set. Ids that hash an absolute path
(doc_id, report_id, metric_id) become the file's folder and name (and the report's seq);
times, run numbers and the transforms version are dropped; a report's text becomes its
SHA-256. Every other column is kept as it was written, numbers as Python floats (JSON keeps
every digit).

    .venv/bin/python -m tests.flows.reference_output          # rebuild after a deliberate change

A rule change that moves rows shows up as a diff of the files under reference_output/.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.dataset as ds

ROOT = Path(__file__).resolve().parents[2]
INPUTS = (ROOT / "samples", ROOT / "tests" / "devset" / "docs")
REFERENCE = Path(__file__).with_name("cases") / "reference_output"
TABLES = ("documents", "reports", "metrics", "terms", "quarantine", "indicator_series")
# Columns that record when or by which run a row was written, not what it says.
VOLATILE = {
    "fetched_at",
    "first_seen_at",
    "removed_at",
    "at",
    "first_seen_run",
    "last_changed_run",
    "transforms_version",
    "figure_key",  # a hash of the report_id, which hashes the file's path
    "duplicate_of",  # which of two identical pages is kept follows the ids: path-dependent
}
# Long text columns, kept as their SHA-256 (equal text, equal hash; the files stay small).
HASHED = {"reports": "text", "metrics": "sentence"}


def document_name(uri: str) -> str:
    """`folder/file` of a file:// URI: the same on every machine."""
    parts = uri.rstrip("/").split("/")
    return "/".join(parts[-2:])


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def canonical_rows(
    table: str, rows: Iterable[Mapping[str, Any]], names: Mapping[str, str]
) -> list[str]:
    """Sorted JSON lines of a table's rows; `names` maps doc_id → document name."""
    out = []
    for row in rows:
        row = {k: _plain(v) for k, v in row.items() if k not in VOLATILE}
        if "uri" in row:
            row["uri"] = document_name(row["uri"])
        for key in ("doc_id", "duplicate_of"):
            if row.get(key) is not None:
                row[key] = names.get(row[key], row[key])
        if table in HASHED:
            text = row.pop(HASHED[table])
            row[f"{HASHED[table]}_sha256"] = _sha(text)
        for key in ("metric_id", "report_id" if table == "reports" else ""):
            row.pop(key, None)
        out.append({k: v for k, v in row.items() if v is not None})
    return sorted(
        json.dumps(r, ensure_ascii=False, sort_keys=True, separators=(",", ":")) for r in out
    )


def _sha(text: str | None) -> str | None:
    return None if text is None else hashlib.sha256(text.encode()).hexdigest()[:16]


def canonical_terms(rows: Iterable[Mapping[str, Any]], reports: Mapping[str, str]) -> list[str]:
    """One line per report: how many terms, their total count and a digest of the pairs."""
    per_report: dict[str, list[tuple[str, int]]] = {}
    for row in rows:
        per_report.setdefault(reports.get(row["report_id"], row["report_id"]), []).append(
            (row["term"], row["count"])
        )
    lines = []
    for report, pairs in per_report.items():
        pairs.sort()
        digest = _sha("\n".join(f"{term}\t{count}" for term, count in pairs))
        summary = {"report": report, "terms": len(pairs), "count": sum(c for _, c in pairs)}
        lines.append(json.dumps({**summary, "sha256": digest}, ensure_ascii=False, sort_keys=True))
    return sorted(lines)


def report_names(reports: pa.Table, names: Mapping[str, str]) -> dict[str, str]:
    """report_id → `folder/file#seq`."""
    return {
        r["report_id"]: f"{names.get(r['doc_id'], r['doc_id'])}#{r['seq']}"
        for r in reports.select(["report_id", "doc_id", "seq"]).to_pylist()
    }


def canonical_tables(tables: Mapping[str, pa.Table]) -> dict[str, list[str]]:
    """Every table of TABLES that `tables` has, as canonical JSON lines."""
    names = {r["doc_id"]: document_name(r["uri"]) for r in tables["documents"].to_pylist()}
    reports = report_names(tables["reports"], names)
    out = {}
    for table in TABLES:
        if table not in tables:
            continue
        rows = tables[table].to_pylist()
        if table == "terms":
            out[table] = canonical_terms(rows, reports)
            continue
        for row in rows:
            if "report_id" in row and table != "reports":
                row["report_id"] = reports.get(row["report_id"], row["report_id"])
        out[table] = canonical_rows(table, rows, names)
    return out


def run_tables(data: Path) -> dict[str, pa.Table]:
    """The Parquet datasets a run wrote under `data`."""
    return {t: ds.dataset(data / "parquet" / t).to_table() for t in TABLES}


def run_cli(data: Path) -> None:
    """`edureports run` on the reference input into `data`."""
    args = [sys.executable, "-m", "flows.cli", "run", "--data", str(data)]
    for folder in INPUTS:
        args += ["--source", str(folder)]
    result = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=False)
    if result.returncode:
        raise RuntimeError(result.stderr[-3000:])


def read_reference() -> dict[str, list[str]]:
    return {t: (REFERENCE / f"{t}.jsonl").read_text(encoding="utf-8").splitlines() for t in TABLES}


def write_reference(tables: Mapping[str, list[str]]) -> None:
    REFERENCE.mkdir(parents=True, exist_ok=True)
    for table, lines in tables.items():
        (REFERENCE / f"{table}.jsonl").write_text("".join(f"{line}\n" for line in lines), "utf-8")


def first_differences(got: list[str], want: list[str], n: int = 5) -> str:
    """The first rows only one side has, for an assertion message."""
    extra = sorted(set(got) - set(want))[:n]
    missing = sorted(set(want) - set(got))[:n]
    return (
        "written, not in the reference:\n  "
        + "\n  ".join(extra)
        + ("\nin the reference, not written:\n  " + "\n  ".join(missing))
    )


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        run_cli(Path(tmp) / "data")
        canonical = canonical_tables(run_tables(Path(tmp) / "data"))
    write_reference(canonical)
    for table, lines in canonical.items():
        print(f"{table}: {len(lines)} rows")
