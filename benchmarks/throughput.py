"""End-to-end throughput of `edureports run` on a corpus, beside the naive baseline.

    .venv/bin/python benchmarks/make_corpus.py /tmp/c100 --mb 100
    .venv/bin/python benchmarks/throughput.py /tmp/c100 [--runs 3] [--workers 2]
                                            [--baseline-mb 1] [--keep DIR]

Each run is the real CLI in a fresh data folder (decode, clean, extract, segment, DuckDB,
Parquet), then a second run over the same input that should find nothing new. Printed
per run: MB/s and documents/s over the flow's own time and over the whole command
(Prefect's start included), seconds per stage (summed over workers), peak RSS of the
whole process tree (sampled every 0.2 s: CLI, Prefect server, workers), and the re-run's
time as a share of the first run. Then medians, and the naive baseline's MB/s on the first
--baseline-mb of the corpus (it is slow) with the ratio.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
CLI = ROOT / ".venv" / "bin" / "edureports"


def tree_rss(proc: psutil.Process) -> int:
    """Resident bytes of a process and all its descendants."""
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):
            total += p.memory_info().rss
    return total


def run_cli(args: list[str]) -> tuple[dict[str, object], float, int]:
    """The run's JSON result, its wall seconds and the peak RSS of its process tree."""
    env = {**os.environ, "PREFECT_LOGGING_LEVEL": "WARNING"}
    start = time.perf_counter()
    proc = subprocess.Popen(
        [str(CLI), "run", "--json", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    )
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        ps = psutil.Process(proc.pid)
        while not done.is_set():
            try:
                peak = max(peak, tree_rss(ps))
            except psutil.Error:
                return
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    if proc.returncode:
        sys.exit(f"edureports run failed ({proc.returncode}):\n{err.decode()[-3000:]}")
    if b"Traceback" in err:
        print("warning: the run printed a traceback:\n" + err.decode()[-2000:])
    return json.loads(out.decode().strip().splitlines()[-1]), wall, peak


def one_run(corpus: Path, data: Path, workers: int, batch: int) -> dict[str, float]:
    """Figures of a first run and of an immediate re-run with nothing new."""
    args = ["--source", str(corpus), "--data", str(data), "--workers", str(workers)]
    args += ["--batch-size", str(batch)]
    size = sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file())
    first, wall, peak = run_cli(args)
    again, rewall, repeak = run_cli(args)
    this_run = first["this_run"]
    assert isinstance(this_run, dict)
    elapsed = float(first["elapsed_seconds"])  # type: ignore[arg-type]
    docs = int(this_run["fetched"])
    row: dict[str, float] = {
        "mb": size / 1e6,
        "docs": docs,
        "flow_s": elapsed,
        "wall_s": wall,
        "mb_per_s": size / 1e6 / elapsed,
        "mb_per_s_wall": size / 1e6 / wall,
        "docs_per_s": docs / elapsed,
        "peak_rss_mb": peak / 1e6,
        "rerun_flow_s": float(again["elapsed_seconds"]),  # type: ignore[arg-type]
        "rerun_wall_s": rewall,
        "rerun_share": float(again["elapsed_seconds"]) / elapsed,  # type: ignore[arg-type]
        "rerun_peak_rss_mb": repeak / 1e6,
        "metrics": float(this_run["metrics"]),
    }
    stages = first["stage_seconds"]
    assert isinstance(stages, dict)
    row.update({f"stage_{k}_s": float(v) for k, v in stages.items()})
    return row


def baseline(corpus: Path, max_mb: float) -> dict[str, float]:
    """The naive baseline's figures (benchmarks/naive_baseline.py) on the corpus's start."""
    script = ROOT / "benchmarks" / "naive_baseline.py"
    out = subprocess.run(
        [sys.executable, str(script), str(corpus), "--max-mb", str(max_mb)],
        check=True,
        capture_output=True,
        text=True,
    )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--baseline-mb", type=float, default=1.0, help="0 skips the baseline")
    parser.add_argument("--keep", type=Path, help="keep the last run's data folder here")
    args = parser.parse_args()
    rows = []
    for i in range(args.runs):
        with tempfile.TemporaryDirectory(dir=args.keep.parent if args.keep else None) as tmp:
            data = Path(tmp) / "data"
            row = one_run(args.corpus, data, args.workers, args.batch_size)
            if args.keep and i == args.runs - 1:
                data.rename(args.keep)
        rows.append(row)
        print(f"run {i + 1}: " + ", ".join(f"{k} {v:.3g}" for k, v in row.items()), flush=True)
    median = {k: statistics.median(r.get(k, 0.0) for r in rows) for k in rows[0]}
    print(f"\nmedian of {args.runs} runs, {args.workers} workers, {args.corpus}:")
    for key, value in median.items():
        print(f"  {key:24s} {value:10.3f}")
    if args.baseline_mb:
        naive = baseline(args.corpus, args.baseline_mb)
        print(f"\nnaive baseline on the first {naive['bytes'] / 1e6:.1f} MB:")
        for key, value in naive.items():
            print(f"  {key:24s} {value:10.3f}")
        ratio = median["mb_per_s"] / naive["mb_per_s"]
        print(f"  ratio (edureports / naive)           {ratio:.1f}×")
        print(
            "  ratio without the naive inserts      "
            f"{median['mb_per_s'] / naive['mb_per_s_without_inserts']:.1f}×"
        )


if __name__ == "__main__":
    main()
