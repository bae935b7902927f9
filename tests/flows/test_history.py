"""Corrections and run history through the CLI, on one story of three runs over two pages:

1. run; correct two figures (`edureports correct`): exclude 青岛市's 98.5% special-education
   enrolment rate, and give 范县's 34884人 another region and value;
2. the county page changes (85所 → 86所); run; `edureports diff`;
3. the city page changes where the excluded figure was, <data>/corrections.yaml excludes one
   more figure; run --full-refresh;
4. the region correction is revoked; run (nothing else new).
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import SAMPLES, edureports

pytestmark = pytest.mark.slow

CITY = "001_"  # 青岛市: 残疾儿童少年入学率达到98.5%
COUNTY = "003_"  # 各级各类学校85所, 34884人, 88784元


@dataclass
class Story:
    data: Path
    runs: dict[str, Any]
    corrected: str
    excluded: str
    diff_after_run_2: list[dict[str, Any]]
    listed_after_run_2: list[dict[str, Any]]
    run_3: str
    exported_after_run_3: list[dict[str, Any]]
    exported_after_run_4: list[dict[str, Any]]
    corrected_row_after_run_3: dict[str, Any]

    def query(self, sql: str) -> list[dict[str, Any]]:
        result = edureports("query", sql, "--data", str(self.data), "--format", "json")
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)  # type: ignore[no-any-return]


def run(pages: Path, data: Path, *extra: str) -> str:
    # threads: no worker processes to start (each loads jieba) for two small pages
    result = edureports(
        "run", "--source", str(pages), "--data", str(data), "--runner", "threads", *extra
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    return result.stdout


def page(pages: Path, prefix: str) -> Path:
    (path,) = pages.glob(f"{prefix}*.txt")
    return path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Story:
    root = tmp_path_factory.mktemp("history")
    pages, data = root / "pages", root / "data"
    pages.mkdir()
    for prefix in (CITY, COUNTY):
        shutil.copy(page(SAMPLES, prefix), pages)
    run(pages, data)

    def one(sql: str) -> dict[str, Any]:
        result = edureports("query", sql, "--data", str(data), "--format", "json")
        assert result.returncode == 0, result.stderr
        (row,) = json.loads(result.stdout)
        return row  # type: ignore[no-any-return]

    campus = one(
        "select metric_id from metrics where value_text = '98.5%' "
        "and indicator = 'special_education_enrollment_rate'"
    )["metric_id"]
    students = one(
        "select metric_id from metrics m join documents d using (doc_id) "
        f"where d.uri like '%{COUNTY}%' and m.value_text = '34884人'"
    )["metric_id"]
    salary = one(
        "select d.uri, r.seq, m.char_start, m.char_end, m.value_text from metrics m "
        "join reports r using (report_id) join documents d on d.doc_id = m.doc_id "
        f"where d.uri like '%{COUNTY}%' and m.value_text = '88784元'"
    )
    for args in (
        [campus, "--exclude", "--why", "a rate of one school, not the city", "--who", "analyst"],
        [students, "--region", "测试县", "--level", "county", "--value", "34885", "--why", "x"],
    ):
        result = edureports("correct", *args, "--data", str(data))
        assert result.returncode == 0 and "applied to 1 figure" in result.stdout, result.stderr

    edit(page(pages, COUNTY), "85所", "86所")
    runs = {"2": run(pages, data)}
    diff = edureports("diff", "--data", str(data), "--format", "json")
    assert diff.returncode == 0, diff.stderr
    listed = edureports("correct", "--list", "--data", str(data), "--format", "json")
    assert listed.returncode == 0, listed.stderr

    edit(page(pages, CITY), "入学率达到98.5%", "入学率达到98.6%")
    entry = {
        "uri": salary["uri"],
        "report_seq": salary["seq"],
        "char_start": salary["char_start"],
        "char_end": salary["char_end"],
        "value_text": salary["value_text"],
        "exclude": True,
        "who": "reviewer",
        "why": "a salary, not a count",
    }
    (data / "corrections.yaml").write_text(
        yaml.safe_dump([entry], allow_unicode=True), encoding="utf-8"
    )
    run_3 = run(pages, data, "--full-refresh")
    exported = (
        f"select value from read_parquet('{data}/parquet/indicator_series/*.parquet') "
        "where region_name = '测试县'"
    )
    after_3 = edureports("query", exported, "--data", str(data), "--format", "json").stdout
    corrected_row = one(
        "select value, region_name, region_level, corrected, original_value, "
        f"original_region_name, first_seen_run from metrics where metric_id = '{students}'"
    )
    (region_fix,) = [r for r in json.loads(listed.stdout) if r["value_text"] == "34884人"]
    revoked = edureports("correct", "--revoke", region_fix["correction_id"], "--data", str(data))
    assert revoked.returncode == 0, revoked.stderr
    run(pages, data)
    after_4 = edureports("query", exported, "--data", str(data), "--format", "json").stdout
    return Story(
        data,
        runs,
        students,
        campus,
        json.loads(diff.stdout),
        json.loads(listed.stdout),
        run_3,
        json.loads(after_3),
        json.loads(after_4),
        corrected_row,
    )


def test_a_correction_sets_values_and_keeps_the_originals(story: Story) -> None:
    assert story.corrected_row_after_run_3 == {
        "value": 34885,
        "region_name": "测试县",
        "region_level": "county",
        "corrected": True,
        "original_value": 34884,
        "original_region_name": "范县",
        "first_seen_run": 1,
    }


def test_corrections_survive_a_full_refresh_and_reach_the_marts(story: Story) -> None:
    assert story.exported_after_run_3 == [{"value": 34885}]
    (fixed,) = story.query(
        "select status, value, region_name from correction_status where value_text = '34884人' "
        "and active = false"
    )
    assert fixed == {"status": "inactive", "value": 34885, "region_name": "测试县"}


def test_a_revoked_correction_leaves_the_marts_at_the_next_run(story: Story) -> None:
    assert story.exported_after_run_4 == []
    assert (
        story.query("select value from indicator_series where region_name = '测试县'") == []
    )  # at once in DuckDB
    (row,) = story.query(
        f"select value, corrected, original_value from metrics where metric_id = '{story.corrected}'"
    )
    assert row == {"value": 34884, "corrected": False, "original_value": None}


def test_an_excluded_figure_leaves_every_mart(story: Story) -> None:
    assert (
        story.query(
            "select * from indicator_series where indicator = 'special_education_enrollment_rate' "
            "and region_name = '青岛市' and value = 98.5"
        )
        == []
    )
    (salary,) = story.query("select excluded, plausible from metrics where value_text = '88784元'")
    assert salary == {"excluded": True, "plausible": False}  # from corrections.yaml


def test_a_correction_whose_figure_disappeared_is_reported(story: Story) -> None:
    assert "figure missing" in story.run_3 and "98.5%" in story.run_3
    status = story.query(
        "select status from correction_status where correction_id in "
        "(select correction_id from corrections where value_text = '98.5%')"
    )
    assert status == [{"status": "figure missing"}]
    before = {r["value_text"]: r["status"] for r in story.listed_after_run_2}
    assert before == {"98.5%": "applied", "34884人": "applied"}


def test_runs_are_recorded_with_their_counts(story: Story) -> None:
    runs = story.query(
        "select run_id, status, flow_run_id is not null as has_flow_run, full_refresh, "
        "updated_documents, metrics_changed from runs order by run_id"
    )
    assert [r["run_id"] for r in runs] == [1, 2, 3, 4]
    assert all(r["status"] == "completed" and r["has_flow_run"] for r in runs)
    assert runs[1]["updated_documents"] == 1 and runs[1]["metrics_changed"] >= 1
    assert runs[2]["full_refresh"]


def test_diff_lists_changed_figures_and_moved_cells(story: Story) -> None:
    changed = [
        r
        for r in story.diff_after_run_2
        if r["scope"] == "figure" and r["change"] == "changed" and r["value_text"] == "86所"
    ]
    assert [(r["old_value"], r["new_value"], r["run_id"]) for r in changed] == [(85, 86, 2)]
    cells = {
        (r["indicator"], r["region_name"], r["change"], r["old_value"], r["new_value"])
        for r in story.diff_after_run_2
        if r["scope"] == "series"
    }
    excluded = ("special_education_enrollment_rate", "青岛市", "removed", 98.5, None)
    assert excluded in cells
    assert ("students_total", "范县", "removed", 34884, None) in cells  # moved to 测试县
    assert ("students_total", "测试县", "added", None, 34885) in cells
    assert ("schools_total", "范县", "changed", 85, 86) in cells


def test_superseded_figures_stay_in_history(story: Story) -> None:
    rows = story.query(
        "select change, value, superseded_run from metrics_history where value_text = '85所'"
    )
    assert {"change": "changed", "value": 85, "superseded_run": 2} in rows
    kept = story.query(
        "select first_seen_run, last_changed_run from metrics where value_text = '86所' "
        "and indicator = 'schools_total'"
    )
    assert kept == [{"first_seen_run": 1, "last_changed_run": 2}]


def test_diff_since_a_run_and_an_unknown_run(story: Story) -> None:
    result = edureports("diff", "--since", "2", "--data", str(story.data), "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert "98.6" in result.stdout  # run 3 changed 98.5% → 98.6%
    assert "86所" not in result.stdout  # that was run 2
    bad = edureports("diff", "--since", "99", "--data", str(story.data))
    assert bad.returncode == 1 and "no run 99" in bad.stderr
