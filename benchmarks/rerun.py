"""Wall time of `edureports run` when nothing is new: ephemeral, and against a running server.

    .venv/bin/python benchmarks/make_corpus.py /tmp/c10 --mb 10
    .venv/bin/python benchmarks/rerun.py /tmp/c10 [--runs 5] [--workers 2]

A first run loads the corpus into a fresh data folder; then the same command runs again
--runs times in ephemeral mode (the run starts its own temporary Prefect server) and
--runs times against a Prefect server started here (`prefect server start` in a fresh
PREFECT_HOME, as `edureports serve` runs one), with PREFECT_API_URL pointing at it. Printed:
each re-run's wall seconds (the whole command, start-up included) and the medians.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

from benchmarks.throughput import run_cli
from flows.api_server import _free_port, prefect_server


def reruns(args: list[str], runs: int, label: str) -> list[float]:
    """Wall seconds of `runs` re-runs that must find nothing new."""
    walls = []
    for i in range(runs):
        result, wall, _ = run_cli(args)
        this_run = result["this_run"]
        assert isinstance(this_run, dict)
        if this_run["new"] or this_run["updated"]:
            sys.exit(f"{label} re-run {i + 1} found new documents: {this_run}")
        walls.append(wall)
        print(f"{label} re-run {i + 1}: {wall:.2f} s wall", flush=True)
    return walls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    files = sum(1 for p in args.corpus.rglob("*") if p.is_file())
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        cli = ["--source", str(args.corpus), "--data", str(data), "--workers", str(args.workers)]
        os.environ.pop("PREFECT_API_URL", None)
        _, first, _ = run_cli(cli)
        print(f"first run: {first:.1f} s wall, {files} files", flush=True)
        ephemeral = reruns(cli, args.runs, "ephemeral")
        os.environ["PREFECT_HOME"] = str(Path(tmp) / "prefect-home")  # a server of its own
        with prefect_server(_free_port()):
            served = reruns(cli, args.runs, "server")
    print(
        f"median re-run, {files} files: ephemeral {statistics.median(ephemeral):.2f} s, "
        f"against a running server {statistics.median(served):.2f} s"
    )


if __name__ == "__main__":
    main()
