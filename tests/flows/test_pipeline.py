"""The flow under Prefect's test harness: artifacts, and no transform work on a re-run."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from prefect.artifacts import Artifact
from prefect.testing.utilities import prefect_test_harness

from flows.pipeline import run_reports
from tests.conftest import SAMPLES

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", autouse=True)
def harness() -> Iterator[None]:
    with prefect_test_harness(server_startup_timeout=600):
        yield


def counts_artifact() -> dict[str, int]:
    artifact = Artifact.get("edureports-run-counts")
    assert artifact is not None
    rows = artifact.data if isinstance(artifact.data, list) else json.loads(str(artifact.data))
    return {row["count"]: int(row["value"]) for row in rows}


def test_flow_publishes_counts_and_quality_artifacts_and_skips_unchanged_work(
    tmp_path: Path,
) -> None:
    first = run_reports(sources=[str(SAMPLES)], data=str(tmp_path))
    assert first["this_run"] == counts_artifact()
    assert counts_artifact() == {
        "fetched": 5,
        "unchanged": 0,
        "new": 5,
        "updated": 0,
        "quarantined": 0,
        "reports": 9,
        "metrics": first["this_run"]["metrics"],  # type: ignore[index]
        "removed": 0,
    }
    quality = Artifact.get("edureports-data-quality")
    assert quality is not None and "# Data quality" in str(quality.data)
    assert "4732405万元" in str(quality.data)  # seed 003's implausible subsidy is listed

    index = tmp_path / "raw" / "index.jsonl"
    assert len(index.read_text(encoding="utf-8").splitlines()) == 5  # every sample kept raw

    second = run_reports(sources=[str(SAMPLES)], data=str(tmp_path))
    assert len(index.read_text(encoding="utf-8").splitlines()) == 5  # unchanged: not kept again
    assert second["this_run"]["unchanged"] == 5  # type: ignore[index]
    assert second["this_run"]["new"] == second["this_run"]["updated"] == 0  # type: ignore[index]
    assert second["this_run"]["reports"] == second["this_run"]["metrics"] == 0  # type: ignore[index]
    assert second["warehouse"] == first["warehouse"]
    # nothing changed: the summary the lake's manifest keeps is published again, as it was
    manifest = json.loads((tmp_path / "parquet" / "_manifest.json").read_text(encoding="utf-8"))
    assert str(quality.data).startswith(manifest["quality_markdown"])
    again = Artifact.get("edureports-data-quality")
    assert again is not None and again.id != quality.id and again.data == quality.data

    refreshed = run_reports(sources=[str(SAMPLES)], data=str(tmp_path), full_refresh=True)
    assert refreshed["this_run"]["updated"] == 5 and refreshed["this_run"]["reports"] == 9  # type: ignore[index]
    assert refreshed["warehouse"] == first["warehouse"]


def test_a_failing_batch_is_quarantined_and_the_other_batches_land(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    good = (SAMPLES / "003_08c464d59ac83392.txt").read_bytes()
    (pages / "a_good.txt").write_bytes(good)
    (pages / "b_empty.txt").write_bytes(b"")  # undecodable: quarantined by decode
    (pages / "c_good.txt").write_bytes(good.replace(b"85", b"86"))
    result = run_reports(sources=[str(pages)], data=str(tmp_path / "data"), batch_size=1)
    assert result["this_run"]["new"] == 3  # type: ignore[index]
    assert result["warehouse"]["documents"] == 2  # type: ignore[index]
    assert result["warehouse"]["quarantine"] == 1  # type: ignore[index]


@pytest.mark.parametrize("batch_size", [1, 3])  # 3: the batch is retried page by page
def test_a_batch_that_raises_is_quarantined_and_the_others_land(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batch_size: int
) -> None:
    import flows.pipeline as pipeline

    real = pipeline.extract_records

    def flaky(items, resources, now):  # type: ignore[no-untyped-def]
        if any("b_poison" in item.uri for item in items):
            raise RuntimeError("injected failure")
        return real(items, resources, now)

    monkeypatch.setattr(pipeline, "extract_records", flaky)
    pages = tmp_path / "pages"
    pages.mkdir()
    good = (SAMPLES / "003_08c464d59ac83392.txt").read_bytes()
    for name, data in [
        ("a_good", good),
        ("b_poison", good.replace(b"85", b"87")),
        ("c_good", good.replace(b"85", b"86")),
    ]:
        (pages / f"{name}.txt").write_bytes(data)
    # threads: the patched function is only seen by workers that share this process
    result = run_reports(
        sources=[str(pages)], data=str(tmp_path / "data"), batch_size=batch_size, runner="threads"
    )
    assert result["warehouse"]["documents"] == 2  # type: ignore[index]
    assert result["warehouse"]["quarantine"] == 1  # type: ignore[index]


def test_a_web_source_is_crawled_politely_fetched_conditionally_and_rebuilt_from_raw(
    tmp_path: Path,
) -> None:
    import shutil

    import duckdb

    from tests.flows.site import serve_site

    data = tmp_path / "data"
    with serve_site() as (base, hits):
        config = tmp_path / "sources.yaml"
        config.write_text(
            "sources:\n"
            "  - name: city-bureau\n"
            "    kind: web\n"
            f"    start_urls: ['{base}/list.html']\n"
            "    report_url_pattern: '/(reports|private)/'\n"
            "    allow_private: true   # the test site is on 127.0.0.1\n"
            "    requests_per_second: 50\n",
            encoding="utf-8",
        )
        first = run_reports(config=str(config), data=str(data))
        assert hits.get("/private/3.html") is None  # robots.txt obeyed
        assert first["this_run"]["new"] == 3  # type: ignore[index]  # two pages and the PDF
        second = run_reports(config=str(config), data=str(data))
        assert second["this_run"]["unchanged"] == 3 and second["this_run"]["new"] == 0  # type: ignore[index]
    con = duckdb.connect(str(data / "warehouse.duckdb"), read_only=True)
    quarantined = con.execute("select reason from quarantine").fetchall()
    assert ("robots_disallowed",) in quarantined
    assert con.execute(
        "select status from fetch_state where url like '%bulletin.pdf'"
    ).fetchall() == [(304,)]
    pdf_metrics = con.execute(
        "select indicator, value from metrics where doc_id in "
        "(select doc_id from documents where uri like '%bulletin.pdf') and indicator is not null order by 1"
    ).fetchall()
    assert ("schools_total", 85.0) in pdf_metrics
    before = con.execute(
        "select (select count(*) from documents), (select count(*) from metrics)"
    ).fetchone()
    con.close()

    # the network is gone: a new data folder rebuilt from the raw store alone
    rebuilt = tmp_path / "rebuilt"
    rebuilt.mkdir()
    shutil.copytree(data / "raw", rebuilt / "raw")
    result = run_reports(data=str(rebuilt), from_raw=True, config=str(config))
    assert result["this_run"]["new"] == 3  # type: ignore[index]
    con = duckdb.connect(str(rebuilt / "warehouse.duckdb"), read_only=True)
    assert (
        con.execute(
            "select (select count(*) from documents), (select count(*) from metrics)"
        ).fetchone()
        == before
    )


def test_one_page_that_raises_costs_only_itself_and_is_tried_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import transforms.extract as extract_module

    real = extract_module.extract_metrics

    def poisoned(text, *args, **kwargs):  # type: ignore[no-untyped-def]
        if "87所" in text:
            raise RuntimeError("injected failure")
        return real(text, *args, **kwargs)

    monkeypatch.setattr(extract_module, "extract_metrics", poisoned)
    pages = tmp_path / "pages"
    pages.mkdir()
    good = (SAMPLES / "003_08c464d59ac83392.txt").read_bytes()
    (pages / "a_good.txt").write_bytes(good)
    (pages / "b_poison.txt").write_bytes(good.replace(b"85", b"87"))
    (pages / "c_good.txt").write_bytes(good.replace(b"85", b"86"))
    (pages / "d_empty.txt").write_bytes(b"")  # undecodable
    data = str(tmp_path / "data")
    # one batch of four: the raising page is one quarantine row, the batch loads
    first = run_reports(sources=[str(pages)], data=data, batch_size=4, runner="threads")
    assert first["warehouse"]["documents"] == 2  # type: ignore[index]
    assert first["warehouse"]["quarantine"] == 2  # type: ignore[index]
    # honest counts: the undecodable bytes are unchanged; the page that raised is tried again
    again = run_reports(sources=[str(pages)], data=data, batch_size=4, runner="threads")
    assert again["this_run"]["unchanged"] == 3  # type: ignore[index]
    assert again["this_run"]["new"] == 1  # type: ignore[index]


def test_a_folder_of_pdf_docx_and_xls_and_a_file_that_goes(tmp_path: Path) -> None:
    import duckdb

    from tests.sources.test_attachments import make_docx, make_pdf

    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.pdf").write_bytes(
        make_pdf([["南京市教育局2023年工作总结。全市共有幼儿园850所，在园幼儿21万人。" * 4]])
    )
    (pages / "b.docx").write_bytes(make_docx())
    (pages / "c.xls").write_bytes(b"\xd0\xcf\x11\xe0 a spreadsheet")
    (pages / "d.txt").write_bytes((SAMPLES / "003_08c464d59ac83392.txt").read_bytes())
    data = tmp_path / "data"
    first = run_reports(sources=[str(pages)], data=str(data), runner="threads")
    assert first["this_run"]["fetched"] == 4  # type: ignore[index]
    con = duckdb.connect(str(data / "warehouse.duckdb"), read_only=True)
    uris = {r[0].rsplit("/", 1)[1] for r in con.execute("select uri from documents").fetchall()}
    assert {"a.pdf", "b.docx", "d.txt"} <= uris
    reasons = con.execute("select uri, reason from quarantine").fetchall()
    assert any(u.endswith("c.xls") and r == "unsupported_file_type" for u, r in reasons)
    con.close()

    (pages / "d.txt").unlink()
    again = run_reports(sources=[str(pages)], data=str(data), runner="threads")
    assert again["this_run"]["unchanged"] == 3 and again["this_run"]["removed"] == 1  # type: ignore[index]
    assert again["this_run"]["quarantined"] == 0 and again["this_run"]["new"] == 0  # type: ignore[index]
    con = duckdb.connect(str(data / "warehouse.duckdb"), read_only=True)
    removed = con.execute("select uri from documents where removed_at is not null").fetchall()
    assert [r[0].rsplit("/", 1)[1] for r in removed] == ["d.txt"]


def test_a_re_run_reads_only_the_files_whose_size_or_modification_time_changed(
    tmp_path: Path,
) -> None:
    import os
    import shutil
    import time

    pages = tmp_path / "pages"
    pages.mkdir()
    names = ["000_382e9c090d7ee9d2.txt", "001_151cab1d8e703d3d.txt", "003_08c464d59ac83392.txt"]
    for name in names:
        shutil.copy(SAMPLES / name, pages / name)

    def age(name: str, seconds: float) -> None:
        when = time.time() - seconds
        os.utime(pages / name, (when, when))

    def run(**kwargs: object) -> dict[str, int]:
        result = run_reports(sources=[str(pages)], data=str(tmp_path / "data"), **kwargs)  # type: ignore[arg-type]
        return {k: int(v) for k, v in result["this_run"].items()}  # type: ignore[attr-defined]

    def same_size_edit(name: str) -> None:  # one digit changed: same size, other bytes
        text = (pages / name).read_text(encoding="utf-8")
        digit = next(ch for ch in text if ch.isdigit())
        other = "1" if digit != "1" else "2"
        (pages / name).write_text(text.replace(digit, other, 1), encoding="utf-8")

    for name in names:
        age(name, 3600)
    assert run()["fetched"] == 3
    second = run()
    assert (second["fetched"], second["unchanged"], second["new"], second["updated"]) == (
        0,
        3,
        0,
        0,
    )

    same_size_edit(names[0])
    age(names[0], 1800)  # a new modification time: read, and its new bytes loaded
    third = run()
    assert (third["fetched"], third["updated"], third["unchanged"]) == (1, 1, 2)

    age(names[1], 900)  # touched, bytes unchanged: read once, then trusted again
    fourth = run()
    assert (fourth["fetched"], fourth["updated"], fourth["unchanged"]) == (1, 0, 3)
    assert run()["fetched"] == 0

    same_size_edit(names[2])  # modified just now: no validator is trusted for it yet
    fresh = run()
    assert (fresh["fetched"], fresh["updated"]) == (1, 1)

    # bytes changed with size and modification time put back (cp -p over a same-size file):
    # like rsync's quick check, the run does not see it; --full-refresh reads every file
    stat = (pages / names[1]).stat()
    same_size_edit(names[1])
    os.utime(pages / names[1], ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert run()["updated"] == 0
    assert run(full_refresh=True)["fetched"] == 3
