"""Quality of a cleaned page: a score from signals of spinning and garbage, and the reasons.

`low` is for text that is not a genuine report: garbage (not Chinese, mis-decoded, mostly
chrome, one sentence repeated over and over) and spun text (a synonym spinner's rewrite,
keywords injected into the paragraphs). Each spin signal adds to a score; 1 or more makes
the page low:

- spinner vocabulary: the substitutes of spin_pairs.yaml against their originals;
- keyword injection: one phrase added to paragraph after paragraph, as an extra clause or
  glued between characters where removing it leaves natural text;
- perplexity: how surprising the text's character pairs are to a model of genuine report
  text (transforms.reference);
- broken collocations: a substitute where the original fits its neighbours and it does not;
- mixed scripts: a Simplified page with scattered Traditional characters.

The signals are neutral to length and to tables: the Chinese share is measured on the
text without numbers and punctuation, rates are per character, and a short page is only
flagged (`short`), not distrusted. A headline repeated a few times is not spinning.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass

import numpy as np

from transforms.clean import Cleaned
from transforms.ngrams import cjk_count, code_points, gram_codes, is_cjk, letters_of
from transforms.numerals import CN_CHARS
from transforms.reference import BigramModel, load_reference
from transforms.scopes import LIST_NUMBER
from transforms.spin import SpinLexicon, load_spin_lexicon, replace_words, word_spans

_CJK = re.compile(r"[\u4e00-\u9fff]")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
# Garbage: too little text, too little Chinese, mostly chrome, mis-decoded, repeated.
MIN_CHARS_REJECT = 50
SHORT_CHARS = 300
MIN_CJK_SHARE = 0.3
REJECT_CJK_SHARE = 0.05
MAX_CHROME_SHARE = 0.6
# a page that is mostly chrome is low only when what is left is this short: a sharing copy
# cut after its first pages (688 characters, a dozen figures) is still a report
MOSTLY_CHROME_MAX_CHARS = 500
MAX_GARBLED_PER_10K = 5.0
MIN_GARBLED_SPANS = 5
MIN_REPEATS = 5  # one sentence this often, and the distinct sentences a small part of the text
MAX_REPEATED_SHARE = 0.65
# Spinner vocabulary: a plausible substitute weighs this much of an odd one; the score is
# the substitutes' share of (substitutes + originals) over SPUN_SHARE, once MIN_SPUN_WORDS
# distinct substitutes and MIN_SPUN_HITS (weighted) occurrences are seen.
PLAUSIBLE_WEIGHT = 0.35
SPUN_SHARE = 0.3
MIN_SPUN_WORDS = 3
MIN_SPUN_HITS = 3.0
# ... or odd substitutes beyond ODD_PER_1K per 1000 CJK characters (at least MIN_ODD of
# them); ODD_PER_1K_FOR_LOW more score 1.
MIN_ODD = 2
ODD_PER_1K = 1.0
ODD_PER_1K_FOR_LOW = 3.0
# Keyword injection: a phrase injected this many times scores 1.
INJECTED_FOR_LOW = 3
MIN_CLAUSE_LINES = 3
TITLE_SHARE = 0.7  # an injected clause: this share of its characters are the title's,
CROWDED_SHARE = 0.5  # or it is in this share of the body lines
PREFIX_MIN_LEN = 5
GLUED_MIN_LEN = 4  # a glued fragment: this long, with this many pairs unseen in genuine text
GLUED_MIN_UNSEEN = 2
# Perplexity: bits per character pair of genuine text at most, and the excess that scores 1;
# measured only on pages with enough pairs.
GENUINE_BITS = 7.0
BITS_FOR_LOW = 1.5
MIN_PAIRS = 150
PERPLEXITY_WEIGHT = 0.6
# Broken collocations: the original fits its neighbours this many bits better.
BROKEN_BITS = 4.0
BROKEN_FOR_LOW = 6
BROKEN_WEIGHT = 0.5
# Script mixing typical of spinners: a Simplified page with scattered Traditional characters.
MIXED_SCRIPT = (0.005, 0.05)
MIXED_SCRIPT_SCORE = 0.5
LOW_SCORE = 1.0

_SENTENCES = re.compile(r"[^。！？；\n]{8,}[。！？；]?")
_CLAUSE_SPLIT = re.compile(r"[，。；：、！？,;:!?\s]+")
# A figure: a number (or masked digits) with a unit or %, or a bare number in a table
# cell; not a year, month, day or time, a date stamp or a list number (1、 2.).
_FIGURE = re.compile(
    r"(?:\d+(?:\.\d+)?|[*＊]{1,4}(?:\.[*＊]+)?)\s*"
    r"(?:%|‰|[万亿千百]?[所人名个家元座间项次份台套条册米吨倍]|个百分点)"
    r"|(?<![\d.\-/:])\d{2,}(?:\.\d+)?(?![\d.\-/:年月日号时])"
)


@dataclass(frozen=True)
class Quality:
    """Verdict, the reasons behind it (empty when ok), the spin score and the short flag."""

    verdict: str  # ok | low | rejected
    reasons: tuple[str, ...]
    score: float = 0.0
    short: bool = False

    @property
    def spun(self) -> bool:
        """Whether the page reads as a synonym spinner's rewrite."""
        return self.verdict == "low" and any(
            r.startswith("spinner_vocabulary") for r in self.reasons
        )


# --- garbage ----------------------------------------------------------------------------


def states_figures(text: str) -> bool:
    """Whether a page states a number (with a unit or %, a masked one too, or bare in a
    table cell): what makes a short page worth keeping. The first one found answers."""
    return _FIGURE.search(text) is not None


def chinese_share(text: str) -> tuple[float, int]:
    """Share of CJK among the letters of the text (digits, punctuation, spaces left out).

    A table of figures is as Chinese as its labels: the digits do not count against it.
    Returns the share and the number of letters.
    """
    letters = letters_of(text)
    if not len(letters):
        return 0.0, 0
    return int(np.count_nonzero(is_cjk(letters))) / len(letters), len(letters)


_LATIN_WORD = re.compile(r"[A-Za-z]+")
_NUMERAL_WORDS = re.compile(r"[零〇一二两三四五六七八九十百千万亿点之分]+")


def chinese_share_by_words(text: str) -> float:
    """Share of CJK characters among the text's CJK characters, English words and other
    letters: a bilingual bulletin or a table glossed in English (学校数 Schools) is Chinese,
    each English word counting as one character would; letters that are no English words
    (Ã¦Ã¥, mojibake) count one each."""
    letters = letters_of(text)
    cjk = int(np.count_nonzero(is_cjk(letters)))
    latin = int(np.count_nonzero(letters < 128))
    units = cjk + len(_LATIN_WORD.findall(text)) + len(letters) - cjk - latin
    return cjk / units if units else 0.0


def repeated_text(text: str) -> str | None:
    """Why the text is one sentence over and over (a headline echoed a few times is fine)."""
    sentences = [s.strip() for s in _SENTENCES.findall(text)]
    if len(sentences) < MIN_REPEATS:
        return None
    top, n = Counter(sentences).most_common(1)[0]
    total = sum(map(len, sentences))
    distinct = sum(map(len, set(sentences)))
    if n >= MIN_REPEATS and 1 - distinct / total > MAX_REPEATED_SHARE:
        return f"repeated_text: '{top[:20]}' {n} times, {1 - distinct / total:.0%} of the text"
    return None


# --- spinning ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Signal:
    """One spin signal: its contribution to the score and what it measured."""

    name: str
    score: float
    detail: str


def spinner_vocabulary(text: str, lexicon: SpinLexicon) -> Signal:
    """Substitutes against originals: a spinner swaps most originals, a writer a few.

    Scores the larger of two measures: the substitutes' share of (substitutes + originals),
    once MIN_SPUN_WORDS distinct substitutes are seen; and the density of odd substitutes
    (效劳, 咱们), which a light spin leaves even where most originals survive.
    """
    subs = lexicon.substitutes
    spans = word_spans(text, subs)
    found = Counter(text[start:end] for start, end in spans)
    others = replace_words(text, spans, lambda _: "|")  # originals outside the substitutes
    n_original = len(word_spans(others, subs.values()))
    odd = sum(n for w, n in found.items() if w in lexicon.odd)
    weighted = odd + PLAUSIBLE_WEIGHT * (sum(found.values()) - odd)
    share = weighted / (weighted + n_original) if weighted + n_original else 0.0
    per_1k = odd * 1000 / max(1, cjk_count(text))
    words = ", ".join(w for w, _ in found.most_common(5))
    detail = (
        f"{weighted:.1f} substitutes ({words}), {share:.0%} of those words; "
        f"{odd} odd ones, {per_1k:.1f} per 1000 characters"
    )
    by_share = 0.0
    if len(found) >= MIN_SPUN_WORDS and weighted >= MIN_SPUN_HITS:
        by_share = min(1.5, share / SPUN_SHARE)
    by_density = 0.0
    if odd >= MIN_ODD:
        by_density = min(1.0, max(0.0, per_1k - ODD_PER_1K) / ODD_PER_1K_FOR_LOW)
    return Signal("spinner_vocabulary", max(by_share, by_density), detail)


_OPENERS = frozenset("\n，,；;。：:、|｜ \t　（(")


# Spaces a PDF's text layer puts around numbers (提高 1.6 个百分点): not clause breaks.
# (it opens with the space, so the regex engine scans for spaces: see transforms.metrics)
_SPACED_NUMBER = re.compile(r"[ \t\u3000](?:(?<=[\d%][ \t\u3000])[ \t\u3000]*|[ \t\u3000]*(?=\d))")
_DIGIT = re.compile(r"\d")


# A table row flattened to text: two numeric cells apart (差异系数 0.291 0.264).
_SPACED_CELLS = re.compile(r"\d[ \t\u3000]+[\d.]*\d")


def _body_lines(text: str) -> list[str]:
    """Lines of running text: long enough, not table rows (cells separated by | or spaces
    between numbers), with the spaces around numbers taken out."""
    return [
        _SPACED_NUMBER.sub("", line)
        for line in text.split("\n")
        if len(line) >= 20 and "|" not in line and not _SPACED_CELLS.search(line)
    ]


def _names_a_place(phrase: str) -> bool:
    """Whether a phrase names a listed place, or is a town's name (海游街道), or opens with a
    county's short name (临颍教育, an account named after 临颍县: its title, byline and text)."""
    from transforms.regions import is_town, load_gazetteer

    gazetteer = load_gazetteer()
    if is_town(phrase) or any(len(name) >= 2 for name in gazetteer.find(phrase)):
        return True
    return any(
        phrase[:size] + suffix in gazetteer.by_name
        for size in range(2, 6)  # (塔什库尔干 of 塔什库尔干县)
        for suffix in "县市区旗"
        if len(phrase) >= size
    )


def _inside_a_place(line: str, at: int) -> bool:
    """Whether a place's name runs across position `at` of the line (南涧彝族自治|县位于…: the
    county's name opening its paragraphs, not a phrase glued before them)."""
    from transforms.regions import load_gazetteer

    return any(s < at < e for s, e, _ in load_gazetteer().find_spans(line[: at + 8]))


_FILE_NAME = re.compile(r"\.(?:docx?|pdf|txt|pptx?|wps)\s*$", re.I)


def _distinct_lines(text: str) -> list[str]:
    """The body's lines, a line repeated whole counted once: a headline echoed in the body, or
    again as a sharing site's file name (宿豫区教育局2018年工作总结.doc)."""
    return list(dict.fromkeys(_FILE_NAME.sub("", line) for line in _body_lines(text)))


def injected_clauses(text: str, title: str, body: list[str] | None = None) -> Counter[str]:
    """A clause of its own (4+ characters, no digits) repeated inside different lines:
    title words in three or more (…的正确领导下，青川区教育局工作总结，坚持…), any other
    phrase in most lines and at least four.

    A slogan or a programme's name that a report repeats now and then, and a headline
    repeated as a line of its own, are not counted.
    """
    lines = _distinct_lines(text) if body is None else body
    lines_with: dict[str, set[int]] = {}
    for i, line in enumerate(lines):
        for clause in _CLAUSE_SPLIT.split(line):
            if (
                len(clause) >= 4
                and clause != line
                and "\u4e00" <= clause[0] <= "\u9fff"  # what _CJK matches
                and not _DIGIT.search(clause)
            ):
                lines_with.setdefault(clause, set()).add(i)
    crowded = max(MIN_CLAUSE_LINES + 1, CROWDED_SHARE * len(lines))
    return Counter(
        {
            clause: len(found)
            for clause, found in lines_with.items()
            if len(found) >= crowded
            or (len(found) >= MIN_CLAUSE_LINES and _title_share(clause, title) >= TITLE_SHARE)
        }
    )


def _title_share(phrase: str, title: str) -> float:
    return sum(c in title for c in phrase) / len(phrase)


PHRASE_MAX_LEN = 10  # the longest phrase repeated_phrases finds


def repeated_phrases(
    text: str, min_count: int = 3, min_len: int = 2, max_len: int = PHRASE_MAX_LEN
) -> dict[str, int]:
    """Maximal CJK strings of min_len..max_len characters found min_count times or more.

    Maximal: no string one character longer, extending it, is found as often.
    """
    joined = "\x00".join(_CJK_RUN.findall(text))  # grams never cross a run's end
    by_size: dict[int, dict[str, int]] = {}
    # grams of one size found often enough, with where they start; a longer gram can only be
    # found as often when its first `size` characters are, so only those starts are extended
    starts = _starts_of_often(joined, min_len, min_count)
    size = min_len
    while size <= max_len + 1:
        often = {g: at for g, at in starts.items() if len(at) >= min_count and "\x00" not in g}
        by_size[size] = {g: len(at) for g, at in often.items()}
        if not often:
            break
        starts = {}
        for at in often.values():
            for i in at:
                if i + size < len(joined):
                    starts.setdefault(joined[i : i + size + 1], []).append(i)
        size += 1
    found: dict[str, int] = {}
    for size, counted in by_size.items():
        if size > max_len:
            break
        covered = {
            part
            for longer, k in by_size.get(size + 1, {}).items()
            for part in (longer[1:], longer[:-1])
            if counted.get(part) == k
        }
        found.update((g, k) for g, k in counted.items() if g not in covered)
    return found


def _starts_of_often(joined: str, size: int, min_count: int) -> dict[str, list[int]]:
    """Where each string of `size` characters (no \\x00) found `min_count` times or more
    starts, ascending, in order of first occurrence.

    `joined` holds CJK characters and \\x00 only, each under 2**16, so up to four of them
    pack into one 64-bit key and numpy groups the keys (a loop over every position in
    Python cost as much as the rest of quality scoring together).
    """
    n = len(joined) - size + 1
    if n <= 0:
        return {}
    if size > 4:
        found: dict[str, list[int]] = {}
        for i in range(n):
            found.setdefault(joined[i : i + size], []).append(i)
        return {g: at for g, at in found.items() if len(at) >= min_count and "\x00" not in g}
    points = code_points(joined)
    keys = gram_codes(points, size)  # exact: every point is under 2**16
    has_gap = np.zeros(n, dtype=bool)
    for j in range(size):
        has_gap |= points[j : j + n] == 0
    order = np.argsort(keys, kind="stable")
    ranked = keys[order]
    bounds = np.flatnonzero(np.diff(ranked)) + 1
    lows = np.concatenate(([0], bounds))
    highs = np.concatenate((bounds, [n]))
    often = (highs - lows >= min_count) & ~has_gap[order[lows]]
    groups = sorted(
        (int(order[low]), order[low:high].tolist())
        for low, high in zip(lows[often].tolist(), highs[often].tolist(), strict=True)
    )
    return {joined[first : first + size]: at for first, at in groups}


def _near_unseen_pairs(text: str, model: BigramModel) -> str:
    """The text with every character blanked (a line break) that no candidate glued fragment
    can hold: one not near two CJK pairs unseen in the reference, close enough together to
    be in one phrase.

    Such a phrase holds its unseen pairs wherever it is found, so each of its occurrences,
    and each one-character extension's (what makes it maximal), is kept whole: the phrases
    repeated_phrases finds with two unseen pairs, and their counts, are those of the whole
    text. On genuine text 6-10 % of the characters are kept.
    """
    points = code_points(text)
    if len(points) < 2:
        return text
    unseen = np.flatnonzero(model.unseen_cjk_pairs(points))
    first, second = unseen[:-1], unseen[1:]
    close = second - first <= PHRASE_MAX_LEN - 2  # both inside one phrase
    # keep [second - PHRASE_MAX_LEN, first + PHRASE_MAX_LEN]: every phrase holding both
    # pairs, and one character either side of it
    edges = np.zeros(len(points) + 1, dtype=np.int64)
    np.add.at(edges, np.maximum(second[close] - PHRASE_MAX_LEN, 0), 1)
    np.add.at(edges, np.minimum(first[close] + PHRASE_MAX_LEN + 1, len(points)), -1)
    keep = np.cumsum(edges[:-1]) > 0
    blanked = np.where(keep, points, ord("\n")).astype(np.uint32)
    return blanked.tobytes().decode("utf-32-le")


def glue_candidates(text: str, model: BigramModel) -> list[str]:
    """The phrases repeated_phrases finds in `text` (GLUED_MIN_LEN characters or more) with
    GLUED_MIN_UNSEEN or more pairs unseen in the reference, in its order; read only near
    such pairs (_near_unseen_pairs)."""
    found = [
        phrase
        for phrase in repeated_phrases(_near_unseen_pairs(text, model), min_len=GLUED_MIN_LEN)
        if sum(1 for i in range(len(phrase) - 1) if not model.seen(phrase[i : i + 2]))
        >= GLUED_MIN_UNSEEN
    ]
    # repeated_phrases's order on the whole text: by length, then by where each prefix of
    # the phrase is first found (the signal's detail lists ties in this order)
    found.sort(key=lambda p: (len(p), [text.find(p[:k]) for k in range(GLUED_MIN_LEN, len(p) + 1)]))
    return found


def glued_fragments(text: str, model: BigramModel) -> Counter[str]:
    """Out-of-context phrases: a string genuine text does not write (two or more of its
    character pairs unseen in the reference), found three times or more in varied places
    (three different next characters, three different lines), glued on in most of them (an
    unseen pair at an edge).

    A name is in the same place each time (蕉岭县桂岭学校) and is not counted; what page
    spinners glue in (fragments of the title: 公办个梅改扩, 秋将启用) is. The reference is
    small, so a page's own terms can look unseen too: where such a term opens a line
    (1.每百名学生拥有…) or sits in a heading (五、社会认可度情况), it is the page's wording,
    not glue; and a phrase repeated within fewer lines than three is an enumeration
    (第一产业增加值…，第二产业增加值…), not paragraph after paragraph.
    """
    found: Counter[str] = Counter()
    text = "\n".join(line for line in text.split("\n") if "|" not in line)  # not table rows
    breaks: list[int] | None = None  # where lines end; most pages have no candidate
    for phrase in glue_candidates(text, model):
        # a place's name (其中郑州市…) is the page's own wording, not glued in; so is a
        # figure written in words (百分之九十五点二)
        if _names_a_place(phrase) or _NUMERAL_WORDS.fullmatch(phrase):
            continue
        starts = [m.start() for m in re.finditer(re.escape(phrase), text)]
        after = [text[i + len(phrase)] if i + len(phrase) < len(text) else "\n" for i in starts]
        if breaks is None:
            breaks = [m.start() for m in _LINE_END.finditer(text)]
        lines = {bisect_left(breaks, i) for i in starts}
        if len(set(after)) < MIN_CLAUSE_LINES or len(lines) < MIN_CLAUSE_LINES:
            continue
        if any(_numbered_heading(text, i, breaks) for i in starts):
            continue  # 六、其他需要报告的事项: a section the page names, and refers to elsewhere
        if any(_counted(text, i, i + len(phrase)) for i in starts):
            continue  # 幼教点辅导员五十二人 …, 幼教点辅导员月均报酬: a term the page counts
        glued = sum(
            1
            for i in starts
            if _glued_at(text, i, i + len(phrase), model) and not _opens_line(text, i, breaks)
        )
        if glued * 3 >= 2 * len(starts):
            found[phrase] = len(starts)
    return found


def _glued_at(text: str, start: int, end: int, model: BigramModel) -> bool:
    """Whether text[start:end] meets a CJK neighbour through a pair unseen in the reference."""
    before = text[start - 1] if start else "\n"
    after = text[end] if end < len(text) else "\n"
    return bool(
        (_CJK.match(before) and not model.seen(before + text[start]))
        or (_CJK.match(after) and not model.seen(text[end - 1] + after))
    )


def _counted(text: str, start: int, end: int) -> bool:
    """Whether the page counts what text[start:end] names (四十五个村级幼教点中, 开办村级幼教点
    四十五个): a number and its classifier meet it, where a spinner's glue meets anything."""
    return (
        _COUNT_BEFORE.search(text, max(0, start - 10), start) is not None
        or _COUNT_AFTER.match(text, end) is not None
    )


_COUNTED = rf"[\d{CN_CHARS}]+(?:\.\d+)?[个所名家座项处人]"
_COUNT_BEFORE = re.compile(rf"{_COUNTED}$")
_COUNT_AFTER = re.compile(_COUNTED)
_LINE_END = re.compile("\n")
HEADING_MAX = 25  # a line this short without a sentence's punctuation is a heading
_LIST_MARKER = re.compile(rf"[\s\u3000]*(?:{LIST_NUMBER}\s*)?")


_NUMBERED = re.compile(rf"[\s\u3000]*{LIST_NUMBER}")


def _line_of(text: str, at: int, breaks: list[int]) -> tuple[int, int]:
    """(start, end) of the line holding `at`; `breaks` are the text's line ends."""
    k = bisect_left(breaks, at)
    return (breaks[k - 1] + 1 if k else 0), (breaks[k] if k < len(breaks) else len(text))


def _heading_like(line: str) -> bool:
    """A line this short without a sentence's punctuation names a section."""
    return len(line) <= HEADING_MAX and not any(c in line for c in "，。,；")


def _numbered_heading(text: str, at: int, breaks: list[int]) -> bool:
    """Whether the phrase at `at` sits in a numbered heading (六、其他需要报告的事项), on a line
    of its own or opening its paragraph, not the title line a spinner takes its fragments
    from."""
    start, end = _line_of(text, at, breaks)
    line = text[start:end]
    if _NUMBERED.match(line) is None:
        return False
    # (or run in before its paragraph: （一）灾后恢复重建加快推进。“5·21”地震造成…)
    head = line.split("。", 1)[0]
    return at < start + len(head) and _heading_like(head.strip())


def _opens_line(text: str, at: int, breaks: list[int]) -> bool:
    """Whether the phrase at `at` is where the page names something: it opens its line (after
    a list number: 1.每百名学生拥有…) or sits in a heading (五、社会认可度情况)."""
    start, end = _line_of(text, at, breaks)
    marker = _LIST_MARKER.match(text, start, at)
    if marker is not None and marker.end() == at:
        return True
    return _heading_like(text[start:end].strip())


def line_prefixes(text: str, model: BigramModel, body: list[str] | None = None) -> Counter[str]:
    """A phrase glued before the first sentence of three or more paragraphs (SEO stuffing):
    the same opening, then a pair genuine text lacks."""
    starts: Counter[str] = Counter()
    lines = _body_lines(text) if body is None else body
    for size in range(PREFIX_MIN_LEN, 13):
        heads = Counter(line[:size] for line in lines if len(line) > size + 10)
        for head, k in heads.items():
            if k < MIN_CLAUSE_LINES or not all(_CJK.match(c) for c in head):
                continue
            glued = sum(
                1
                for line in lines
                if line.startswith(head)
                and line[size] not in _OPENERS
                and not model.seen(head[-1] + line[size])
                and not _inside_a_place(line, size)
            )
            if glued >= MIN_CLAUSE_LINES:
                starts[head] = glued
    # keep the longest of nested heads
    return Counter(
        {h: k for h, k in starts.items() if not any(o != h and o.startswith(h) for o in starts)}
    )


def keyword_injection(text: str, model: BigramModel, title: str = "") -> Signal:
    """Phrases injected into paragraph after paragraph, by any of three means."""
    body = _distinct_lines(text)  # read once for the two signals that work on lines
    found = (
        injected_clauses(text, title, body)
        + glued_fragments(text, model)
        + line_prefixes(text, model, body)
    )
    n = sum(found.values())
    phrases = ", ".join(f"'{p}' ×{k}" for p, k in found.most_common(3))
    return Signal("keyword_injection", min(1.5, n / INJECTED_FOR_LOW), f"{n} injected: {phrases}")


def perplexity(text: str, model: BigramModel) -> Signal:
    """Bits per character pair beyond genuine text's, against the reference model."""
    bits, pairs = model.cross_entropy(text)
    detail = f"{bits:.2f} bits per pair over {pairs} pairs (genuine text ≤ {GENUINE_BITS})"
    if pairs < MIN_PAIRS:
        return Signal("perplexity", 0.0, detail)
    excess = max(0.0, bits - GENUINE_BITS) / BITS_FOR_LOW
    return Signal("perplexity", PERPLEXITY_WEIGHT * min(1.5, excess), detail)


def broken_collocations(text: str, lexicon: SpinLexicon, model: BigramModel) -> Signal:
    """Substitutes whose neighbours fit the original (进步教学质量: 提高 fits, 进步 does not)."""
    subs = lexicon.substitutes
    broken: list[str] = []
    for start, end in word_spans(text, subs):
        if start == 0 or end >= len(text):
            continue
        before, after = text[start - 1], text[end]
        if not (_CJK.match(before) and _CJK.match(after)):
            continue
        sub = text[start:end]
        orig = subs[sub]
        orig_pairs = (before + orig[0], orig[-1] + after)
        if not all(model.seen(p) for p in orig_pairs):
            continue
        fit_orig = sum(model.logprob(p) for p in orig_pairs)
        fit_sub = model.logprob(before + sub[0]) + model.logprob(sub[-1] + after)
        if fit_orig - fit_sub >= BROKEN_BITS:
            broken.append(before + sub + after)
    examples = ", ".join(dict.fromkeys(broken[:5]))
    return Signal(
        "broken_collocations",
        BROKEN_WEIGHT * min(1.5, len(broken) / BROKEN_FOR_LOW),
        f"{len(broken)} ({examples})",
    )


def spinner_disclaimer(text: str, lexicon: SpinLexicon) -> Signal:
    """A page that says it went through a spinning tool (本文经伪原创工具处理): spun."""
    said = [w for w in lexicon.disclaimers if w in text]
    return Signal("spinner_disclaimer", LOW_SCORE if said else 0.0, ", ".join(said) or "none")


def mixed_script(traditional_share: float) -> Signal:
    low, high = MIXED_SCRIPT
    mixed = low < traditional_share < high
    return Signal(
        "mixed_script",
        MIXED_SCRIPT_SCORE if mixed else 0.0,
        f"{traditional_share:.1%} Traditional characters",
    )


def spin_signals(
    text: str,
    traditional_share: float = 0.0,
    title: str | None = None,
    model: BigramModel | None = None,
) -> list[Signal]:
    """Every spin signal of a cleaned text (the title is read with its first line)."""
    model = model or load_reference()
    lexicon = load_spin_lexicon()
    return [
        spinner_disclaimer(text, lexicon),
        spinner_vocabulary(text, lexicon),
        keyword_injection(text, model, (title or "") + _first_line(text)),
        perplexity(text, model),
        broken_collocations(text, lexicon, model),
        mixed_script(traditional_share),
    ]


def _first_line(text: str) -> str:
    line = text.split("\n", 1)[0]
    return line if len(line) <= 80 else ""


# --- verdict ----------------------------------------------------------------------------


def score_cleaned(cleaned: Cleaned) -> Quality:
    """Verdict for a page as clean_text left it."""
    return score_quality(
        cleaned.text,
        cleaned.chrome_lines,
        cleaned.body_lines,
        cleaned.garbled_spans,
        cleaned.traditional_share,
        cleaned.title,
    )


def score_quality(
    text: str,
    chrome_lines: int,
    body_lines: int,
    garbled_spans: int,
    traditional_share: float = 0.0,
    title: str | None = None,
) -> Quality:
    """Verdict for a cleaned page: garbage and spun text are low, the rest ok.

    Rejected (quarantined): under MIN_CHARS_REJECT characters and no figure, or hardly
    any Chinese. Short (a flag, still ok): under SHORT_CHARS characters and no figure.
    """
    n = len(text)
    figures = states_figures(text)
    short = not figures and n < SHORT_CHARS
    reasons: list[str] = []
    garbage = 0.0
    rejected = False
    if not figures and n < MIN_CHARS_REJECT:
        reasons.append(f"too_short: {n} characters and no figure after cleaning")
        rejected = True
    share, letters = chinese_share(text)
    if n and share < MIN_CJK_SHARE and chinese_share_by_words(text) < MIN_CJK_SHARE:
        reasons.append(f"not_chinese: {share:.0%} CJK among {letters} letters")
        rejected = rejected or share < REJECT_CJK_SHARE
        garbage += LOW_SCORE
    total_lines = chrome_lines + body_lines
    if (
        total_lines
        and chrome_lines / total_lines > MAX_CHROME_SHARE
        and body_lines < 3
        and n < MOSTLY_CHROME_MAX_CHARS
    ):
        reasons.append(f"mostly_chrome: {chrome_lines} of {total_lines} lines")
        garbage += LOW_SCORE
    if (
        garbled_spans >= MIN_GARBLED_SPANS
        and garbled_spans * 10_000 / max(1, n) > MAX_GARBLED_PER_10K
    ):
        reasons.append(f"garbled_encoding: {garbled_spans} mis-decoded spans")
        garbage += LOW_SCORE
    repeated = repeated_text(text)
    if repeated:
        reasons.append(repeated)
        garbage += LOW_SCORE
    signals = spin_signals(text, traditional_share, title) if share >= MIN_CJK_SHARE else []
    spin = sum(s.score for s in signals)
    score = round(garbage + spin, 3)
    if spin >= LOW_SCORE:
        reasons.extend(f"{s.name}: {s.detail} (+{s.score:.2f})" for s in signals if s.score > 0)
    verdict = "rejected" if rejected else ("low" if score >= LOW_SCORE else "ok")
    return Quality(verdict=verdict, reasons=tuple(reasons), score=score, short=short)
