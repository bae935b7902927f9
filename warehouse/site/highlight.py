"""A report's text cut into plain runs and highlighted figures, by the figures' offsets."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Segment:
    """A run of the text: plain (`figures` empty) or one highlight over some figures.

    Figures whose offsets overlap share one highlight spanning all of them.
    """

    text: str
    figures: tuple[int, ...] = ()


def segment_text(text: str, figures: Sequence[Mapping[str, Any]]) -> list[Segment]:
    """`text` as consecutive segments; figure i (by position in `figures`) is highlighted.

    Offsets outside the text, or empty, are skipped: the page shows such figures in its
    table only. The segments' texts joined give back `text` exactly.
    """
    spans = sorted(
        (int(f["char_start"]), int(f["char_end"]), i)
        for i, f in enumerate(figures)
        if 0 <= int(f["char_start"]) < int(f["char_end"]) <= len(text)
    )
    out: list[Segment] = []
    position = 0
    group: list[int] = []
    start = end = 0
    for span_start, span_end, index in spans:
        if group and span_start < end:
            group.append(index)
            end = max(end, span_end)
            continue
        if group:
            out.append(Segment(text[start:end], tuple(group)))
            position = end
        if span_start > position:
            out.append(Segment(text[position:span_start]))
        group, start, end = [index], span_start, span_end
    if group:
        out.append(Segment(text[start:end], tuple(group)))
        position = end
    if position < len(text):
        out.append(Segment(text[position:]))
    return out


def indicator_hues(codes: Sequence[str]) -> dict[str, int]:
    """A hue (0-359) per indicator code, spread by the golden angle in the order given.

    Written to the site's stylesheet, so every page of one build agrees on the colours.
    """
    return {code: round(i * 137.508) % 360 for i, code in enumerate(dict.fromkeys(codes))}


def css_class(code: str) -> str:
    """The CSS class naming an indicator's colour (codes are snake_case; others are cleaned)."""
    return "ind-" + "".join(
        ch if ch.isascii() and (ch.isalnum() or ch in "_-") else "_" for ch in code
    )
