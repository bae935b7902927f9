"""Which parts of a report its figures are read from (the word lists: report_sections.yaml).

- A whole economy's 国民经济和社会发展统计公报 is read only in its education sections.
- An office's report on its own work (政府信息公开工作年度报告) gives only the figures the
  catalog names (its preface's 全市有各级各类学校1486所, not 主动公开信息412条).
- A figure of the place's economy or people (地区生产总值, 户籍人口) is not read, wherever it is.
- A survey's own findings (问卷调查情况, 受访教师中…占67.4%) are answers of a sample, not figures
  of the region: figures in a section headed as such are skipped, and in a research report
  (调研报告) so are those of a sentence that speaks of the survey (问卷, 受访, 调研组 …).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from transforms.data_files import read_yaml
from transforms.scopes import Layout

REPORT_SECTIONS_FILE = Path(__file__).with_name("report_sections.yaml")


@dataclass(frozen=True)
class _Words:
    whole_economy_titles: tuple[str, ...]
    education_headings: tuple[str, ...]
    survey_headings: tuple[str, ...]
    survey_sentences: tuple[str, ...]
    catalog_only_titles: tuple[str, ...]
    not_education_labels: tuple[str, ...]


@cache
def _words(path: Path) -> _Words:
    data = read_yaml(path) or {}

    def words(key: str) -> tuple[str, ...]:
        return tuple(str(w) for w in data.get(key) or ())

    return _Words(
        words("whole_economy_titles"),
        words("education_headings"),
        words("survey_headings"),
        words("survey_sentences"),
        words("catalog_only_titles"),
        words("not_education_labels"),
    )


def education_spans(titles: Iterable[str | None], lay: Layout) -> list[tuple[int, int]] | None:
    """Where a report about more than education speaks of education: its education
    sections; None when the whole report is read."""
    w = _words(REPORT_SECTIONS_FILE)
    if not any(word in (title or "") for title in titles for word in w.whole_economy_titles):
        return None
    spans = [
        (h.start, lay.section_end(h.start))
        for h in lay.sections
        if any(word in lay.text[h.start : h.end] for word in w.education_headings)
    ]
    return spans or None


def survey_spans(lay: Layout, report_type: str | None) -> list[tuple[int, int]]:
    """Where a report gives its survey's findings: sections headed as such (二、问卷调查情况)
    and, in a research report, sentences that speak of the survey."""
    w = _words(REPORT_SECTIONS_FILE)
    text = lay.text
    spans = [
        (h.start, lay.section_end(h.start))
        for h in lay.sections
        if any(word in text[h.start : h.end] for word in w.survey_headings)
    ]
    if report_type == "research_report":
        for word in w.survey_sentences:
            at = text.find(word)
            while at >= 0:
                spans.append(lay.sentence_bounds(at))
                at = text.find(word, at + len(word))
    return spans


def catalog_only(titles: Iterable[str | None]) -> bool:
    """Whether a report's title says it is about an office's own work, so that only the
    figures the catalog names are read from it."""
    words = _words(REPORT_SECTIONS_FILE).catalog_only_titles
    return any(word in (title or "") for title in titles for word in words)


def not_education(label: str) -> bool:
    """Whether a figure's label names its place's economy or people, not its education."""
    return any(word in label for word in _words(REPORT_SECTIONS_FILE).not_education_labels)
