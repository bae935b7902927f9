"""Segmentation speed: jieba vs rjieba over a corpus's cleaned text, in MB/s (median of runs).

.venv/bin/python benchmarks/make_corpus.py /tmp/segcorpus --mb 20
.venv/bin/python benchmarks/segment_speed.py /tmp/segcorpus [--runs 3] [--engines jieba rjieba]

MB are of the cleaned text as UTF-8, the input of count_terms. Decoding and cleaning run
once, before timing; loading each engine's dictionary is timed separately.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from transforms.clean import clean_text, load_chrome_rules
from transforms.decode import decode_bytes
from transforms.segment import ENGINES, count_terms, segmenter


def corpus_texts(corpus: Path) -> list[tuple[str, str]]:
    """(file name, cleaned text) of every page under `corpus`, in file-name order."""
    rules = load_chrome_rules()
    out = []
    for path in sorted(corpus.rglob("*.txt")):
        text = decode_bytes(path.read_bytes()).text
        out.append((str(path.relative_to(corpus)), clean_text(text, rules).text))
    return out


def time_engine(texts: list[str], engine: str, cache_dir: str) -> float:
    """Seconds to count the terms of every text with `engine`."""
    start = time.perf_counter()
    for text in texts:
        count_terms(text, cache_dir, engine)  # type: ignore[arg-type]
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--engines", nargs="+", default=["jieba", "rjieba"], choices=ENGINES)
    parser.add_argument("--cache-dir", default="/tmp/edureports-jieba-cache")
    args = parser.parse_args()
    texts = [text for _, text in corpus_texts(args.corpus)]
    mb = sum(len(t.encode()) for t in texts) / 1e6
    print(f"{len(texts)} pages, {mb:.1f} MB of cleaned text")
    medians = {}
    for engine in args.engines:
        start = time.perf_counter()
        segmenter(engine, args.cache_dir)
        print(f"{engine}: dictionary loaded in {time.perf_counter() - start:.2f} s")
        speeds = []
        for i in range(args.runs):
            seconds = time_engine(texts, engine, args.cache_dir)
            speeds.append(mb / seconds)
            print(f"  run {i + 1}: {seconds:.1f} s = {speeds[-1]:.2f} MB/s")
        medians[engine] = statistics.median(speeds)
        print(f"{engine}: median {medians[engine]:.2f} MB/s over {args.runs} runs")
    if "jieba" in medians and "rjieba" in medians:
        print(f"rjieba / jieba: {medians['rjieba'] / medians['jieba']:.1f}x")


if __name__ == "__main__":
    main()
