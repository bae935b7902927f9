"""Corrections of extracted figures: kept in `corrections`, applied to the metrics rows.

A correction names a figure by its place in its document (URI, report position, character
offsets and the text written there), not by metric_id, so it finds the figure again after
any reload. It is applied to the metrics rows themselves after every load and whenever one
is made, the extracted values kept in the metrics.original_* columns: every view and export
reads corrected rows without knowing about corrections. An exclusion sets `plausible` to
false (every mart takes plausible figures only) and `excluded` to true.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb
import yaml

from warehouse.db import WarehouseError, sql_literal, transaction

FILE_NAME = "corrections.yaml"
SETTABLE = ("value", "unit", "indicator", "region_name", "region_level", "year")
# metrics columns a correction may change, each kept in original_<column>
TOUCHED = (*SETTABLE, "plausible", "plausibility_reason")
IDENTITY = ("uri", "report_seq", "char_start", "char_end", "value_text")


class CorrectionError(WarehouseError):
    """A correction that cannot be made: unknown figure, nothing to change, bad file entry."""


def has_corrections(con: duckdb.DuckDBPyConnection) -> bool:
    """True when any correction is in force (a cheap look at the small corrections table)."""
    row = con.execute("select exists (select 1 from corrections where active)").fetchone()
    return bool(row and row[0])


def apply_corrections(con: duckdb.DuckDBPyConnection, doc_ids: str | None = None) -> int:
    """Re-apply the active corrections to the metrics of `doc_ids` (a SQL query of doc_ids;
    None: every document). Returns how many metric rows are corrected there now.

    Rows corrected before are first restored to their original values, so a replaced or
    revoked correction leaves nothing behind. Run inside the caller's transaction.
    """
    scope = f"doc_id in ({doc_ids})" if doc_ids else "true"
    documents_scope = f"d.doc_id in ({doc_ids})" if doc_ids else "true"
    restore = ", ".join(f"{c} = original_{c}" for c in TOUCHED)
    clear = ", ".join(f"original_{c} = null" for c in TOUCHED)
    con.execute(
        f"update metrics set {restore}, {clear}, corrected = false, excluded = false, "
        f"correction_id = null where corrected and {scope}"
    )
    con.execute(
        f"""
        create or replace temp table correction_targets as
        with active as (
            select c.*, d.doc_id
            from corrections as c
            inner join documents as d on d.uri = c.uri
            where c.active and {documents_scope}
        ),
        exact as (
            select a.correction_id, a.made_at, m.metric_id
            from active as a
            inner join reports as r on r.doc_id = a.doc_id and r.seq = a.report_seq
            inner join metrics as m
                on m.report_id = r.report_id and m.char_start = a.char_start
                and m.char_end = a.char_end and m.value_text = a.value_text
        ),
        -- the page changed around the figure: the one place in the document with the same
        -- text in the same sentence
        moved_place as (
            select a.correction_id, a.made_at, any_value(m.report_id) as report_id,
                any_value(m.char_start) as char_start
            from active as a
            inner join metrics as m
                on m.doc_id = a.doc_id and m.value_text = a.value_text and m.sentence = a.sentence
            where a.correction_id not in (select correction_id from exact)
            group by a.correction_id, a.made_at
            having count(distinct (m.report_id, m.char_start)) = 1
        ),
        moved as (
            select p.correction_id, p.made_at, m.metric_id
            from moved_place as p
            inner join metrics as m on m.report_id = p.report_id and m.char_start = p.char_start
        ),
        targets as (select * from exact union all select * from moved)
        select correction_id, metric_id from targets
        qualify row_number() over (partition by metric_id order by made_at desc, correction_id) = 1
        """
    )
    keep = ", ".join(f"original_{c} = m.{c}" for c in TOUCHED)
    sets = ", ".join(
        f"{c} = case when c.action = 'set' then coalesce(c.{c}, m.{c}) else m.{c} end"
        for c in SETTABLE
    )
    con.execute(
        f"""
        update metrics as m
        set {keep}, {sets},
            plausible = c.action = 'set',
            plausibility_reason = case when c.action = 'exclude'
                then 'excluded by correction ' || c.correction_id || ': ' || c.why end,
            corrected = true,
            excluded = c.action = 'exclude',
            correction_id = c.correction_id
        from correction_targets as t
        inner join corrections as c on c.correction_id = t.correction_id
        where m.metric_id = t.metric_id
        """
    )
    row = con.execute(f"select count(*) from metrics where corrected and {scope}").fetchone()
    return int(row[0]) if row else 0


def add_correction(
    con: duckdb.DuckDBPyConnection,
    metric_id: str,
    changes: dict[str, Any],
    *,
    exclude: bool,
    who: str,
    why: str,
    now: datetime | None = None,
) -> str:
    """Record a correction of the figure `metric_id` and apply it; returns its id.

    `changes` maps columns of SETTABLE to their corrected values. An active correction of the
    same figure is replaced: the new one keeps its changes unless given again.
    """
    unknown = set(changes) - set(SETTABLE)
    if unknown:
        raise CorrectionError(f"cannot correct {sorted(unknown)}; only {', '.join(SETTABLE)}")
    if not exclude and not changes:
        raise CorrectionError(
            "nothing to correct: give a new value, unit, indicator, region, year, or --exclude"
        )
    if not why.strip():
        raise CorrectionError("say why (--why): the evidence is what makes a correction reviewable")
    row = con.execute(
        """
        select d.uri, r.seq, m.char_start, m.char_end, m.value_text, m.sentence, m.doc_id
        from metrics as m
        inner join reports as r on r.report_id = m.report_id
        inner join documents as d on d.doc_id = m.doc_id
        where m.metric_id = ?
        """,
        [metric_id],
    ).fetchone()
    if row is None:
        raise CorrectionError(
            f"no figure with metric_id {metric_id!r}; find it with "
            'edureports query "select metric_id, value_text, sentence from metrics where …"'
        )
    uri, seq, start, end, text, sentence, doc_id = row
    at = (now or datetime.now(UTC)).astimezone(UTC).replace(tzinfo=None)
    correction_id = "c" + _digest(uri, seq, start, end, text, at.isoformat())
    with transaction(con):
        previous = con.execute(
            f"select correction_id, {', '.join(SETTABLE)} from corrections where active "
            "and uri = ? and report_seq = ? and char_start = ? and char_end = ? and value_text = ? "
            "order by made_at desc",
            [uri, seq, start, end, text],
        ).fetchall()
        values = dict.fromkeys(SETTABLE)
        if previous and not exclude:
            values |= dict(zip(SETTABLE, previous[0][1:], strict=True))
        values |= changes
        con.execute(
            "insert into corrections values "
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'cli', true, null)",
            [
                correction_id, uri, seq, start, end, text, sentence,
                "exclude" if exclude else "set",
                *(values[c] for c in SETTABLE),
                who, at, why,
            ],
        )  # fmt: skip
        for old_id, *_ in previous:
            con.execute(
                "update corrections set active = false, replaced_by = ? where correction_id = ?",
                [correction_id, old_id],
            )
        apply_corrections(con, f"select {sql_literal(doc_id)}")
    return correction_id


def revoke_correction(con: duckdb.DuckDBPyConnection, correction_id: str) -> int:
    """Deactivate a correction and restore its figures; returns how many were restored."""
    with transaction(con):
        row = con.execute(
            "select uri, active from corrections where correction_id = ?", [correction_id]
        ).fetchone()
        if row is None:
            raise CorrectionError(
                f"no correction {correction_id!r}; list them with `edureports correct --list`"
            )
        counted = con.execute(
            "select count(*) from metrics where correction_id = ?", [correction_id]
        ).fetchone()
        con.execute(
            "update corrections set active = false where correction_id = ?", [correction_id]
        )
        apply_corrections(con, f"select doc_id from documents where uri = {sql_literal(row[0])}")
    return int(counted[0]) if counted else 0


def sync_corrections_file(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    """Make the corrections from `path` (a corrections.yaml) the table's `yaml` rows, and apply
    every correction. Returns the number of entries; a missing file counts as empty.

    Each entry names a figure by uri, report_seq, char_start, char_end and value_text (or by
    metric_id, resolved now), and gives `exclude: true` or the columns to set, plus who, why
    and optionally at (a date or time).
    """
    entries = _read_entries(path)
    rows = [_entry_row(con, entry, n, path) for n, entry in enumerate(entries, start=1)]
    with transaction(con):
        existing = con.execute(
            "select correction_id from corrections where source = 'corrections.yaml' order by 1"
        ).fetchall()
        if [r[0] for r in existing] == sorted(r[0] for r in rows):
            return len(rows)  # unchanged: already applied, and reapplied after every load
        con.execute("delete from corrections where source = 'corrections.yaml'")
        for row in rows:
            con.execute(
                "insert into corrections values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                "?, ?, ?, 'corrections.yaml', true, null)",
                row,
            )
        apply_corrections(con)
    return len(rows)


def _read_entries(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise CorrectionError(f"{path}: not valid YAML: {exc}") from exc
    if loaded is None:
        return []
    if isinstance(loaded, dict):
        loaded = loaded.get("corrections", [])
    if not isinstance(loaded, list) or not all(isinstance(e, dict) for e in loaded):
        raise CorrectionError(f"{path}: expected a list of corrections (mappings)")
    return loaded


def _entry_row(
    con: duckdb.DuckDBPyConnection, entry: dict[str, Any], n: int, path: Path
) -> list[Any]:
    where = f"{path} entry {n}"
    known = {*IDENTITY, *SETTABLE, "metric_id", "sentence", "exclude", "who", "why", "at"}
    unknown = set(entry) - known
    if unknown:
        raise CorrectionError(f"{where}: unknown field(s) {sorted(unknown)}")
    for field in ("who", "why"):
        if not str(entry.get(field) or "").strip():
            raise CorrectionError(f"{where}: `{field}` is required")
    identity = {k: entry.get(k) for k in IDENTITY}
    sentence = entry.get("sentence")
    if entry.get("metric_id"):
        found = con.execute(
            "select d.uri, r.seq, m.char_start, m.char_end, m.value_text, m.sentence "
            "from metrics as m inner join reports as r on r.report_id = m.report_id "
            "inner join documents as d on d.doc_id = m.doc_id where m.metric_id = ?",
            [entry["metric_id"]],
        ).fetchone()
        if found is None:
            raise CorrectionError(f"{where}: no figure with metric_id {entry['metric_id']!r}")
        identity = dict(zip(IDENTITY, found[:5], strict=True))
        sentence = sentence or found[5]
    missing = [k for k, v in identity.items() if v is None]
    if missing:
        raise CorrectionError(
            f"{where}: give metric_id, or all of {', '.join(IDENTITY)} (missing {missing})"
        )
    exclude = bool(entry.get("exclude"))
    if not exclude and not any(entry.get(c) is not None for c in SETTABLE):
        raise CorrectionError(f"{where}: nothing to correct (set a column or `exclude: true`)")
    at = _timestamp(entry.get("at")) or datetime.fromtimestamp(path.stat().st_mtime, UTC)
    at = at.astimezone(UTC).replace(tzinfo=None)
    settable = [entry.get(c) for c in SETTABLE]
    key = json.dumps([identity, exclude, settable, entry["who"], entry["why"]], default=str)
    correction_id = "y" + _digest(key)
    return [
        correction_id,
        *identity.values(),
        sentence,
        "exclude" if exclude else "set",
        *settable,
        str(entry["who"]),
        at,
        str(entry["why"]),
    ]


def _timestamp(value: Any) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    parsed = datetime.fromisoformat(str(value))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _digest(*parts: Any) -> str:
    return hashlib.sha256("\0".join(map(str, parts)).encode()).hexdigest()[:10]
