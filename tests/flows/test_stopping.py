"""A crash costs nothing and Ctrl-C stops cleanly, through the public CLI.

Each test starts `edureports run` on the samples, one page per batch, and stops it at a
stage boundary (seen in its log): by SIGINT or SIGTERM (it must exit within 5 s, say what it
kept and leave no process behind), or by SIGKILL of every process of the run at once (a
crash). The next run must then load every page exactly once and leave a whole lake.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from flows.stopping import _children_stopped, _ignores_sigterm
from tests.conftest import CLI, ROOT, edureports

pytestmark = pytest.mark.slow
SAMPLE_PAGES = 5
WAIT_FOR_STAGE = 400  # seconds: a loaded 2-core machine starts Prefect slowly


def start_run(data: Path) -> tuple[subprocess.Popen[str], Path]:
    log = data.parent / "run.log"
    out = log.open("w")
    process = subprocess.Popen(
        [*CLI, "run", "--source", "samples", "--data", str(data), "--batch-size", "1"],
        cwd=ROOT,
        stdout=out,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # like a terminal: the run is the foreground process group
    )
    return process, log


def wait_for(log: Path, process: subprocess.Popen[str], marker: str) -> None:
    deadline = time.monotonic() + WAIT_FOR_STAGE
    while marker not in log.read_text(errors="replace"):
        assert process.poll() is None, log.read_text()[-3000:]
        assert time.monotonic() < deadline, f"no {marker!r} in the log"
        time.sleep(0.2)


def family(pid: int) -> list[psutil.Process]:
    root = psutil.Process(pid)
    return [root, *root.children(recursive=True)]


def assert_loaded_once(data: Path) -> None:
    again = edureports("run", "--source", "samples", "--data", str(data), "--json")
    assert again.returncode == 0, again.stdout[-2000:] + again.stderr[-3000:]
    result = json.loads(again.stdout.strip().splitlines()[-1])
    assert result["warehouse"]["documents"] == SAMPLE_PAGES
    counts = edureports(
        "query",
        "select (select count(*) - count(distinct metric_id) from metrics) dup_metrics, "
        "(select count(*) - count(distinct report_id) from reports) dup_reports, "
        "(select count(*) from quarantine) quarantined, (select count(*) from reports) reports",
        "--data",
        str(data),
        "--format",
        "json",
    )
    (row,) = json.loads(counts.stdout)
    assert row == {"dup_metrics": 0, "dup_reports": 0, "quarantined": 0, "reports": 9}
    manifest = json.loads((data / "parquet" / "_manifest.json").read_text(encoding="utf-8"))
    assert manifest["rows"]["documents"] == SAMPLE_PAGES
    assert manifest["rows"]["reports"] == 9
    assert not [p for p in (data / "parquet").iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_signal_mid_run_stops_it_within_5_s_and_the_next_run_resumes(
    tmp_path: Path, signum: signal.Signals
) -> None:
    data = tmp_path / "data"
    process, log = start_run(data)
    wait_for(log, process, "Task run 'publish")
    processes = family(process.pid)
    started = time.monotonic()
    os.killpg(process.pid, signum)  # what Ctrl-C (or `timeout`) does to the foreground group
    code = process.wait(timeout=30)
    took = time.monotonic() - started
    assert took < 5, f"{took:.1f} s:\n" + log.read_text(errors="replace")[-2000:]
    assert code == {signal.SIGINT: 130, signal.SIGTERM: 143}[signum]
    time.sleep(0.5)
    assert not [p for p in processes if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
    text = log.read_text(errors="replace")
    stopped = [line for line in text.splitlines() if line.startswith("edureports run: stopped")]
    assert len(stopped) == 1 and signum.name in stopped[0] and "kept" in stopped[0], text[-2000:]
    assert "Traceback" not in text
    assert_loaded_once(data)


@pytest.mark.parametrize(
    "stage", ["Task run 'keep-raw", "Task run 'publish"], ids=["after-acquire", "after-a-load"]
)
def test_a_crash_at_a_stage_boundary_costs_nothing(tmp_path: Path, stage: str) -> None:
    data = tmp_path / "data"
    process, log = start_run(data)
    wait_for(log, process, stage)
    for member in family(process.pid):  # every process of the run at once, as a crash does
        member.kill()
    process.wait(timeout=30)
    assert_loaded_once(data)


def test_a_crash_during_the_parquet_export_costs_nothing(tmp_path: Path) -> None:
    """Killed while a dataset is half written (its temporary folder exists), the next run
    sees the lake is not whole and exports it again, leftovers removed."""
    data = tmp_path / "data"
    process, log = start_run(data)
    lake = data / "parquet"
    deadline = time.monotonic() + WAIT_FOR_STAGE
    while not (lake.is_dir() and [p for p in lake.iterdir() if p.name.startswith(".")]):
        assert process.poll() is None, log.read_text()[-3000:]
        assert time.monotonic() < deadline, "the export never started"
        time.sleep(0.002)
    for member in family(process.pid):
        member.kill()
    process.wait(timeout=30)
    assert not (lake / "_manifest.json").exists() or [
        p for p in lake.iterdir() if p.name.startswith(".")
    ]
    assert_loaded_once(data)


def test_a_child_that_ignores_sigterm_is_not_waited_for() -> None:
    """multiprocessing's resource tracker ignores SIGTERM and outlives the workers until the
    run exits: waiting for it made every Ctrl-C take the whole second."""
    ignoring = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import signal, time; signal.signal(signal.SIGTERM, "
            "signal.SIG_IGN); print(flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
    )
    plain = subprocess.Popen(
        [sys.executable, "-c", "print(flush=True); import time; time.sleep(60)"],
        stdout=subprocess.PIPE,
    )
    try:
        for process in (ignoring, plain):
            assert process.stdout is not None
            process.stdout.readline()  # its handler is in place
        assert _ignores_sigterm(ignoring.pid)
        assert not _ignores_sigterm(plain.pid)
        started = time.monotonic()
        with _children_stopped(wait=10):
            pass
        assert time.monotonic() - started < 5  # not the 10 s wait for one that stays
        assert plain.poll() is not None  # (psutil reaped it: its status is lost)
        assert ignoring.poll() is None
    finally:
        ignoring.kill()
        plain.kill()
        ignoring.wait()
        plain.wait()
