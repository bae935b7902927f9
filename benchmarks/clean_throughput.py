"""Cleaning throughput: decode + clean over a corpus, in MB/s (median of several runs).

.venv/bin/python benchmarks/make_corpus.py /tmp/corpus --mb 300
.venv/bin/python benchmarks/clean_throughput.py /tmp/corpus [--runs 3] [--workers 2]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from transforms.clean import clean_text, load_chrome_rules
from transforms.decode import decode_bytes


def clean_files(paths: list[Path]) -> tuple[int, int]:
    """Bytes read and characters kept for a chunk of files."""
    rules = load_chrome_rules()
    read = kept = 0
    for path in paths:
        data = path.read_bytes()
        read += len(data)
        kept += len(clean_text(decode_bytes(data).text, rules).text)
    return read, kept


def run_once(files: list[Path], workers: int, chunk: int = 200) -> tuple[float, int]:
    chunks = [files[i : i + chunk] for i in range(0, len(files), chunk)]
    start = time.perf_counter()
    with ProcessPoolExecutor(workers) as pool:
        total = sum(read for read, _ in pool.map(clean_files, chunks))
    return time.perf_counter() - start, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    files = sorted(args.corpus.rglob("*.txt"))
    speeds = []
    for i in range(args.runs):
        seconds, size = run_once(files, args.workers)
        speeds.append(size / 1e6 / seconds)
        print(f"run {i + 1}: {size / 1e6:.1f} MB in {seconds:.1f} s = {speeds[-1]:.2f} MB/s")
    print(
        f"clean throughput: median {statistics.median(speeds):.2f} MB/s over {args.runs} runs, "
        f"{len(files)} files, {args.workers} workers"
    )


if __name__ == "__main__":
    main()
