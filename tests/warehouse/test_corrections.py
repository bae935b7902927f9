"""Corrections and figure history at the loading level: fast cases the CLI story does not reach."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tests.warehouse.test_load import batch
from warehouse.corrections import (
    CorrectionError,
    add_correction,
    revoke_correction,
    sync_corrections_file,
)
from warehouse.db import connect_writer
from warehouse.history import diff, fail_run, finish_run, start_run
from warehouse.load import load_records
from warehouse.summary import quality_summary, render_quality_markdown


def moved(doc_id: str, value: float = 1610.0) -> object:
    """The same page with text before the figure: its offsets move, its sentence stays."""
    records = batch(doc_id, value=value)
    records.documents[0] = replace(records.documents[0], content_sha256="moved")
    records.reports[0] = replace(records.reports[0], text="新。全市共有1610家校外培训机构。")
    records.metrics[0] = replace(records.metrics[0], metric_id="m-moved", char_start=7, char_end=12)
    return records


def test_a_correction_follows_its_figure_when_the_page_moves_it(tmp_path: Path) -> None:
    con = connect_writer(tmp_path)
    load_records(con, batch("a"))
    add_correction(con, "m-a", {"value": 1600.0}, exclude=False, who="t", why="typo")
    load_records(con, moved("a"))  # type: ignore[arg-type]
    assert con.execute("select metric_id, value, original_value from metrics").fetchall() == [
        ("m-moved", 1600.0, 1610.0)
    ]
    assert con.execute("select status from correction_status").fetchall() == [("applied",)]


def test_a_second_correction_replaces_the_first_and_keeps_its_changes(tmp_path: Path) -> None:
    con = connect_writer(tmp_path)
    load_records(con, batch("a"))
    first = add_correction(con, "m-a", {"value": 1600.0}, exclude=False, who="t", why="typo")
    add_correction(con, "m-a", {"year": 2019}, exclude=False, who="t", why="year of the data")
    assert con.execute("select value, year, original_year from metrics").fetchall() == [
        (1600.0, 2019, 2020)
    ]
    assert con.execute(
        "select active from corrections where correction_id = ?", [first]
    ).fetchall() == [(False,)]
    assert con.execute("select value, year from indicator_series").fetchall() == [(1600.0, 2019)]


def test_revoking_restores_the_extracted_figure(tmp_path: Path) -> None:
    con = connect_writer(tmp_path)
    load_records(con, batch("a"))
    cid = add_correction(con, "m-a", {}, exclude=True, who="t", why="not a count")
    assert con.execute("select count(*) from indicator_series").fetchone() == (0,)
    assert revoke_correction(con, cid) == 1
    assert con.execute(
        "select value, plausible, excluded, corrected, original_plausible from metrics"
    ).fetchall() == [(1610.0, True, False, False, None)]


@pytest.mark.parametrize(
    ("changes", "why", "message"),
    [
        ({}, "x", "nothing to correct"),
        ({"value": 1.0}, " ", "say why"),
        ({"label": "x"}, "x", "cannot"),
    ],
)
def test_a_correction_needs_a_change_and_a_reason(
    tmp_path: Path, changes: dict[str, object], why: str, message: str
) -> None:
    con = connect_writer(tmp_path)
    load_records(con, batch("a"))
    with pytest.raises(CorrectionError, match=message):
        add_correction(con, "m-a", changes, exclude=False, who="t", why=why)
    with pytest.raises(CorrectionError, match="no figure"):
        add_correction(con, "nope", {"value": 1.0}, exclude=False, who="t", why="x")


def test_corrections_yaml_is_synced_and_its_mistakes_are_named(tmp_path: Path) -> None:
    con = connect_writer(tmp_path / "data")
    load_records(con, batch("a"))
    path = tmp_path / "corrections.yaml"
    path.write_text("- metric_id: m-a\n  exclude: true\n  who: t\n  why: campus\n", "utf-8")
    assert sync_corrections_file(con, path) == 1
    assert sync_corrections_file(con, path) == 1  # unchanged: the same row, not a second one
    assert con.execute("select count(*), any_value(source) from corrections").fetchone() == (
        1,
        "corrections.yaml",
    )
    assert con.execute("select excluded from metrics").fetchall() == [(True,)]
    path.write_text("[]", "utf-8")
    sync_corrections_file(con, path)  # removing the entry removes the correction
    assert con.execute("select excluded, corrected from metrics").fetchall() == [(False, False)]
    path.write_text("- metric_id: m-a\n  exclude: true\n  why: x\n", "utf-8")
    with pytest.raises(CorrectionError, match="entry 1: `who` is required"):
        sync_corrections_file(con, path)


def test_history_and_diff_across_loads(tmp_path: Path) -> None:
    con = connect_writer(tmp_path)
    one = start_run(con, None, "v", False)
    load_records(con, batch("a"), run_id=one)
    finish_run(con, one, {})
    two = start_run(con, None, "v", False)
    later = batch("a", value=1700.0)
    later.documents[0] = replace(later.documents[0], content_sha256="v2")
    load_records(con, later, run_id=two)
    finish_run(con, two, {})
    assert con.execute(
        "select first_seen_run, last_changed_run, value from metrics"
    ).fetchall() == [(one, two, 1700.0)]
    assert con.execute("select change, value, superseded_run from metrics_history").fetchall() == [
        ("changed", 1610.0, two)
    ]
    since, rows = diff(con)
    assert since == one
    assert {(r[0], r[1], r[7], r[8]) for r in rows} == {
        ("figure", "changed", 1610.0, 1700.0),
        ("series", "changed", 1610.0, 1700.0),
    }
    assert con.execute(
        "select metrics_changed, series_moved from runs where run_id = ?", [two]
    ).fetchall() == [(1, 1)]


def test_the_quality_page_lists_corrections(tmp_path: Path) -> None:
    con = connect_writer(tmp_path)
    load_records(con, batch("a"))
    cid = add_correction(con, "m-a", {}, exclude=True, who="王芳", why="campus, not the city")
    page = render_quality_markdown(quality_summary(con))
    assert "corrections in force: **1**" in page
    assert cid in page and "campus, not the city" in page


def test_a_failed_run_is_recorded_as_failed(tmp_path: Path) -> None:
    con = connect_writer(tmp_path)
    run_id = start_run(con, "flow-1", "v", False)
    fail_run(con, "flow-1", "boom")
    assert con.execute(
        "select status, error, finished_at is not null from runs where run_id = ?", [run_id]
    ).fetchall() == [("failed", "boom", True)]
