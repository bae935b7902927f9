"""Do rjieba and jieba give the same terms? Compares them page by page over a corpus.

.venv/bin/python benchmarks/segment_compare.py /tmp/segcorpus [--examples 5]

For each cleaned page (and each report split from it, the unit the pipeline counts), compares
the term counts of count_terms and the raw token lists. Exits non-zero if any term count
differs; raw token differences are reported, as they may be in tokens that are never terms.
"""

from __future__ import annotations

import argparse
import difflib
import string
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from segment_speed import corpus_texts

from transforms.segment import count_terms, is_term, segmenter
from transforms.split import split_reports

_SHAPE = str.maketrans("0123456789" + string.ascii_letters, "9" * 10 + "a" * 52)


def shape(tokens: list[str]) -> str:
    """Tokens with digits written 9 and Latin letters a, to group differences by kind."""
    return " ".join(tokens).translate(_SHAPE)


def token_diffs(a: list[str], b: list[str]) -> list[tuple[list[str], list[str]]]:
    """The differing stretches of two token lists, as (jieba's, rjieba's)."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return [(a[i1:i2], b[j1:j2]) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--examples", type=int, default=5)
    parser.add_argument("--cache-dir", default="/tmp/edureports-jieba-cache")
    args = parser.parse_args()
    jieba_cut, rjieba_cut = segmenter("jieba", args.cache_dir), segmenter("rjieba")
    pages = corpus_texts(args.corpus)
    units = tokens_differ = terms_differ = reports = reports_differ = 0
    kinds: Counter[tuple[str, str]] = Counter()
    for name, text in pages:
        units += 1
        a, b = list(jieba_cut(text)), list(rjieba_cut(text))
        if a != b:
            tokens_differ += 1
            for old, new in token_diffs(a, b):
                kinds[(shape(old), shape(new))] += 1
                if any(map(is_term, old + new)):
                    print(f"{name}: a term differs: jieba {old} rjieba {new}")
        if count_terms(text, args.cache_dir, "jieba") != count_terms(text, None, "rjieba"):
            terms_differ += 1
            print(f"{name}: term counts differ")
        for span in split_reports(text, None):
            reports += 1
            if count_terms(span.text, args.cache_dir, "jieba") != count_terms(
                span.text, None, "rjieba"
            ):
                reports_differ += 1
                print(f"{name} report {span.seq}: term counts differ")
    tokens = sum(kinds.values())
    print(f"{units} pages: raw tokens differ in {tokens_differ} ({tokens} stretches)")
    print(f"term counts differ in {terms_differ} pages, {reports_differ} of {reports} reports")
    for (old, new), n in kinds.most_common(args.examples):
        print(f"  {n:6d} x  jieba [{old}]  rjieba [{new}]")
    sys.exit(1 if terms_differ or reports_differ else 0)


if __name__ == "__main__":
    main()
