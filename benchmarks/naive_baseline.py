"""The naive pipeline the issue measures against: one process, jieba.lcut, one regex,
rows inserted into DuckDB one by one.

    .venv/bin/python benchmarks/naive_baseline.py CORPUS_DIR [--max-mb 20] [--db PATH]

Prints one JSON line: bytes, files, seconds, MB/s, and the seconds spent in the row-by-row
inserts (DuckDB's executemany is slow, so the MB/s without them is printed too). With
--max-mb it stops after that much input (the baseline is slow; its MB/s is steady early).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
import warnings
from collections import Counter
from pathlib import Path

import duckdb

NUMBER = re.compile(r"\d+(?:\.\d+)?%?")


def naive(files: list[Path], db: Path, max_bytes: int | None) -> dict[str, float]:
    """Read, decode, segment, find numbers and insert rows, file by file."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    con = duckdb.connect(str(db))
    con.execute("create table numbers (uri varchar, value_text varchar, pos integer)")
    con.execute("create table terms (uri varchar, term varchar, count integer)")
    start = time.perf_counter()
    read = n = 0
    inserting = 0.0
    for path in files:
        data = path.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("gb18030", errors="replace")
        counts = Counter(w for w in jieba.lcut(text) if len(w) >= 2)
        clock = time.perf_counter()
        con.executemany(
            "insert into numbers values (?, ?, ?)",
            [(str(path), m.group(0), m.start()) for m in NUMBER.finditer(text)],
        )
        con.executemany(
            "insert into terms values (?, ?, ?)", [(str(path), t, c) for t, c in counts.items()]
        )
        inserting += time.perf_counter() - clock
        read += len(data)
        n += 1
        if max_bytes and read >= max_bytes:
            break
    seconds = time.perf_counter() - start
    con.close()
    return {
        "bytes": read,
        "files": n,
        "seconds": seconds,
        "mb_per_s": read / 1e6 / seconds,
        "insert_seconds": inserting,
        "mb_per_s_without_inserts": read / 1e6 / (seconds - inserting),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--max-mb", type=float, default=None)
    parser.add_argument("--db", type=Path, default=None)
    args = parser.parse_args()
    files = sorted(args.corpus.rglob("*.txt"))
    max_bytes = int(args.max_mb * 1e6) if args.max_mb else None
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "naive.duckdb"
        print(json.dumps(naive(files, db, max_bytes)))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
