"""Warehouse rows from cleaned pages: reports, regions, years, metrics and terms."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from datetime import date, datetime
from functools import cache, partial
from pathlib import Path
from typing import Any

from transforms.attribution import FigureScope, figure_scope, report_scopes
from transforms.catalog import Catalog, load_catalog
from transforms.clean import ChromeRules, CleanedItem, load_chrome_rules
from transforms.consistency import check_consistency
from transforms.data_files import read_yaml
from transforms.dates import parse_iso
from transforms.dedupe import figures_digest, simhash
from transforms.ids import doc_id_for, short_hash
from transforms.item_measures import (
    coefficient_of_the_item,
    item_of_listed_measure,
    measure_against_standard,
)
from transforms.metrics import MetricMention, extract_metrics
from transforms.neighbours import (
    kind_in_brackets,
    of_the_schools_before,
    part_in_brackets,
    place_only_label,
    pupils_of_the_listed_schools,
    stage_of_the_name_before,
    stage_only_label,
    unlabelled_after,
    whole_and_part,
)
from transforms.quality import score_cleaned
from transforms.records import (
    DocumentRow,
    MetricRow,
    QuarantineRow,
    Records,
    ReportRow,
    failure_row,
)
from transforms.regions import Gazetteer, load_gazetteer
from transforms.report_region import named_in_its_year, report_region, report_titles
from transforms.report_sections import (
    catalog_only,
    education_spans,
    not_education,
    survey_spans,
)
from transforms.scopes import layout
from transforms.segment import Engine, Tag, count_terms, tagger
from transforms.series_labels import (
    LabelRules,
    attendance_name,
    is_share_label,
    load_label_rules,
    reach_name,
    series_name,
    share_name,
    spending_name,
    survey_name,
)
from transforms.source_kind import source_kind
from transforms.spin import load_spin_lexicon, unspin
from transforms.split import split_reports
from transforms.table_figures import table_figures
from transforms.tables import find_tables
from transforms.version import transforms_version
from transforms.years import PLAN_YEARS, ReportYear, report_year, respective_years, this_year

REPORT_TYPES_FILE = Path(__file__).with_name("report_types.yaml")


@dataclass(frozen=True)
class Resources:
    """Data files the transforms need, loaded once per run."""

    rules: ChromeRules
    catalog: Catalog
    gazetteer: Gazetteer
    report_types: tuple[tuple[str, tuple[str, ...]], ...]
    jieba_cache: str | None
    version: str
    segment_engine: Engine = "auto"
    """Segmenter for term counts: rjieba when it loads, else jieba (see transforms.segment)."""


def load_resources(
    chrome_file: Path | None = None,
    catalog_file: Path | None = None,
    jieba_cache: str | None = None,
    segment_engine: Engine = "auto",
) -> Resources:
    """Chrome rules, indicator catalog, gazetteer and report types from their data files."""
    return Resources(
        rules=load_chrome_rules(chrome_file),
        catalog=load_catalog(catalog_file),
        gazetteer=load_gazetteer(),
        report_types=_report_types(REPORT_TYPES_FILE),
        jieba_cache=jieba_cache,
        version=transforms_version(*_rule_files(chrome_file, catalog_file)),
        segment_engine=segment_engine,
    )


def _rule_files(chrome_file: Path | None, catalog_file: Path | None) -> list[Path]:
    """The rule files a run uses instead of packaged ones (a units.yaml beside a catalog too)."""
    files = [f for f in (chrome_file, catalog_file) if f is not None]
    if catalog_file is not None and (units := catalog_file.parent / "units.yaml").exists():
        files.append(units)
    return files


@cache
def _report_types(path: Path) -> tuple[tuple[str, tuple[str, ...]], ...]:
    data = read_yaml(path) or {}
    return tuple((kind, tuple(words)) for kind, words in data.items())


def classify_report(
    title: str | None, text: str, types: Resources | None = None, titles: Sequence[str] = ()
) -> str | None:
    """Report type from keywords in the title, then in the other title candidates (a headline
    under a breadcrumb), then in the opening of the text."""
    table = types.report_types if types else _report_types(REPORT_TYPES_FILE)
    opening = _CITED.sub("", text[:200])  # 根据…和我省实施方案: what the page acts on
    for chunk in (title or "", *titles, opening):
        for kind, words in table:
            if any(w in chunk and not _SINCE.match(chunk, chunk.index(w) + len(w)) for w in words):
                return kind
    return None


# a clause citing the documents a page acts on (根据《督导评估办法》和我省实施方案)
_CITED = re.compile(r"(?:根据|按照|依据|对照|贯彻|落实)[^，。；,;\n]*")
# “十四五”规划实施以来, 行动计划实施情况: a review of the plan, not the plan
_SINCE = re.compile(r"[”\"]?(?:实施|启动|印发)?(?:以来|情况)")


def _of_respective_years(
    figures: list[tuple[MetricMention, FigureScope]], text: str
) -> list[tuple[MetricMention, FigureScope]]:
    """Figures of a list that gives a span of years one figure each (2019年至2021年…分别为
    a、b、c), each with its year, when the list has exactly one figure a year."""
    out = list(figures)
    for start, end, years in respective_years(text):
        at = [
            i for i, (m, _) in enumerate(out) if start <= m.char_start < end and m.kind == "level"
        ]
        if len(at) != len(years):
            continue  # not one figure a year
        for year, i in zip(years, at, strict=True):
            m, where = out[i]
            why = f"year {year} of «{years[0]}—{years[-1]}» in order"
            evidence = f"{where.evidence}; {why}".lstrip("; ")
            out[i] = (m, replace(where, year=year, evidence=evidence))
    return out


def _skipped(
    at: int,
    read: list[tuple[int, int]] | None,
    survey: list[tuple[int, int]],
    named_education: bool = False,
) -> bool:
    """Whether the figure at `at` is not read: outside the education sections of a whole
    economy's bulletin (unless it names education and the catalog knows it: 其中一般公共预算
    教育支出58.74亿元 in the finance section), or in a survey's findings
    (transforms.report_sections)."""
    outside = read is not None and not any(a <= at < b for a, b in read)
    return (outside and not named_education) or any(a <= at < b for a, b in survey)


# What a metric row takes from its mention as it is (the rest is decided per report).
_MENTION_FIELDS = tuple(
    sorted(
        {f.name for f in fields(MetricRow)}
        & {f.name for f in fields(MetricMention)} - {"plausible", "plausibility_reason"}
    )
)


def _as_row_fields(m: MetricMention) -> dict[str, Any]:
    return {name: getattr(m, name) for name in _MENTION_FIELDS}


def _status(
    where: FigureScope, report_type: str | None, dated: ReportYear, published: date | None
) -> str:
    """A figure's status: its scopes' (到2025年…, 力争…, 计划…), or a target when it
    describes a year after its page was published, or when a plan (规划, 实施意见, 行动计划)
    states it for its own years rather than as a baseline from before them."""
    if where.status != "achieved" or where.year is None:
        return where.status
    if published is not None and where.year > published.year:
        return "target"
    if report_type == "plan":
        start = dated.plan_start or (published.year if published is not None else dated.year)
        if start is not None and where.year >= start:
            return "target"
    return where.status


def name_series(
    m: MetricMention,
    previous: MetricRow | None,
    rules: LabelRules,
    resources: Resources,
    tag: Tag,
    beside: Sequence[MetricMention] = (),
) -> str | None:
    """The series a figure without an indicator joins (transforms.series_labels): its own
    label's, or for a share after a level of its sentence (…1.2万所，占总数的73%; …4082万人，
    比上年增加499万人，增长13.95%，占全国在园幼儿的比例84.74%) the share of what it counts,
    or for a sum named only by its spending (投入资金3260万元) what the figures `beside` it in
    its sentence (the next first) say it paid for."""
    if not m.nameable or m.indicator is not None:
        return None
    if is_share_label(m.label) and m.unit == "%":
        if previous is None or previous.sentence != m.sentence or previous.unit == "%":
            return None
        ind = resources.catalog.indicator(previous.indicator) if previous.indicator else None
        base = previous.series_label or (ind.name if ind else None)
        # (交流轮岗教师412人次，占…16.8%: a share of the teachers, not of attendances)
        return share_name(base.removesuffix("人次")) if base else None
    if m.unit == "份":
        return survey_name(m.label, rules)
    own = series_name(m.label, rules, resources.gazetteer, tag, m.unit)
    if own is None and m.unit == "人次":
        own = attendance_name(m.label, rules, resources.gazetteer, tag)
    elif own is not None and m.unit == "人次" and not own.endswith("人次"):
        # 惠及学生9.8万人次 beside 惠及学生6.4万人: attendances, a series apart from the heads
        own = f"{own}人次"
    if own is not None:
        return own
    near = [f for f in beside if f.sentence == m.sentence]
    if m.unit == "元":
        spent = [(f.label, f.unit) for f in near]
        return spending_name(m.label, spent, rules, resources.gazetteer, tag, m.sentence)
    # 组建教育集团23个，覆盖学校96所: whom the programme before it reached
    before = [(f.label, f.unit) for f in near if f.char_start < m.char_start]
    return reach_name(m.label, before, rules, resources.gazetteer, tag, m.sentence)


def extract_records(items: list[CleanedItem], resources: Resources, now: datetime) -> Records:
    """Rows of every table for a batch of cleaned pages; a page whose extraction raises is
    one quarantine row (stage, exception and message) and the rest of the batch goes on."""
    out = Records()
    for item in items:
        try:
            rows = extract_document(item, resources, now)
        except Exception as exc:  # one page's failure costs only that page
            out.quarantine.append(failure_row(item.uri, "extract", exc, now, item.content_sha256))
            continue
        out.extend(rows)
    return out


def extract_document(item: CleanedItem, resources: Resources, now: datetime) -> Records:
    """Rows of every table for one cleaned page."""
    cleaned = item.cleaned
    doc_id = doc_id_for(item.uri)
    quality = score_cleaned(cleaned)
    published = parse_iso(cleaned.published_date)
    out = Records()
    out.documents.append(
        DocumentRow(
            doc_id=doc_id,
            uri=item.uri,
            site=item.site,
            fetched_at=item.fetched_at,
            published_date=published,
            title=cleaned.title,
            encoding=item.encoding,
            script=cleaned.script,
            quality=quality.verdict,
            quality_reasons=list(quality.reasons),
            duplicate_of=None,
            content_sha256=item.content_sha256,
            text_sha256=hashlib.sha256(cleaned.text.encode()).hexdigest(),
            n_chars=len(cleaned.text),
            chrome_lines=cleaned.chrome_lines,
            simhash=simhash(cleaned.text),
            transforms_version=resources.version,
            quality_score=quality.score,
            short=quality.short,
            figures_sha256=figures_digest(cleaned.text),
            text=cleaned.text,
        )
    )
    if quality.verdict == "rejected":
        out.quarantine.append(
            QuarantineRow(item.uri, "clean", "rejected_quality", "; ".join(quality.reasons), now)
        )
        return out
    page_url = item.page_url
    out.documents[0] = replace(
        out.documents[0], source_kind=source_kind(page_url, cleaned.removed, cleaned.text)
    )
    lexicon = load_spin_lexicon()
    unspun = (lambda text: unspin(text, lexicon)) if quality.spun else None
    spans = split_reports(cleaned.text, cleaned.title)
    for span in spans:
        report_id = f"{doc_id}-{span.seq:02d}"
        first = span.seq == 1 or len(spans) == 1
        page_title = cleaned.title if first else None
        titles = report_titles(span.title, page_title, span.text)
        if first and item.html_title and item.html_title not in titles:
            titles.append(item.html_title)
        chrome = cleaned.removed if span.seq == 1 else ()
        found = report_region(span.text, titles, resources.gazetteer, page_url, chrome)
        report_type = classify_report(span.title, span.text, resources, titles)
        dated = report_year(span.text, titles, cleaned.published_date, report_type)
        year = dated.year
        region = named_in_its_year(found.region, year, span.text, titles, resources.gazetteer)
        evidence = found.evidence
        if region != found.region:  # 奉化区 of a page of 2015: 奉化市, its name that year
            evidence = "; ".join(filter(None, [evidence, f"{region.name}, its name in {year}"]))
        out.reports.append(
            ReportRow(
                report_id=report_id,
                doc_id=doc_id,
                seq=span.seq,
                title=span.title,
                report_type=report_type,
                region_name=region.name,
                region_code=region.code,
                region_level=region.level,
                region_anonymized=region.anonymized,
                year=year,
                published_date=published,
                text=span.text,
                region_evidence=evidence or None,
                year_evidence=dated.evidence or None,
            )
        )
        lay = layout(span.text)
        now_year = this_year(
            dated, published.year if published else None, out.documents[0].source_kind == "news"
        )
        scopes = report_scopes(span.text, lay, region, year, resources.gazetteer, now_year)
        tables = find_tables(span.text, resources.catalog)
        in_table = [t.span for t in tables if t.cells]  # an unaligned block is read as prose
        read = education_spans(titles, lay)  # None: every figure of the report
        survey = survey_spans(lay, report_type)
        skipped = partial(_skipped, read=read, survey=survey)
        figures: list[tuple[MetricMention, FigureScope]] = [
            (f.mention, FigureScope(f.region, f.year, f.status, f.evidence))
            for f in table_figures(
                span.text, tables, resources.catalog, resources.gazetteer, region, year
            )
            if not skipped(f.mention.char_start)
        ]
        previous: MetricMention | None = None
        coded: MetricMention | None = None  # the last coded level of this sentence
        for m in extract_metrics(span.text, resources.catalog, lay, unspun):
            if any(a <= m.char_start < b for a, b in in_table):
                continue  # a table's numbers are read as cells, with their headers
            education = m.indicator is not None and "教育" in m.label
            if skipped(m.char_start, named_education=education) or (
                m.indicator is None and not_education(m.label)
            ):
                continue  # 工业 of a whole economy's bulletin; a survey's findings; 户籍人口
            where = figure_scope(scopes, m.char_start, m.label, resources.gazetteer)
            # a list goes on past an item the catalog has no code for (…普通中学10632人，
            # 小学8004人): its items measure what its last coded figure does
            head = previous if previous is None or previous.indicator else coded
            if head is previous and previous is not None and previous.kind != m.kind:
                head = coded or previous  # …41.7亿元，同比增长5.8%。分县看，富锦市投入6.35亿元
            m = unlabelled_after(m, [f for f, _ in figures[-6:]], span.text)
            m = place_only_label(m, head, resources.gazetteer)
            m = stage_only_label(m, head, resources.catalog)
            m = of_the_schools_before(m, previous, resources.catalog)
            m = pupils_of_the_listed_schools(m, [f for f, _ in figures[-6:]], resources.catalog)
            m = kind_in_brackets(m, [f for f, _ in figures[-6:]], resources.catalog)
            m = part_in_brackets(m, [f for f, _ in figures[-6:]])
            if figures and previous is not None and figures[-1][0] is previous:
                whole, m = whole_and_part(
                    previous, m, span.text, resources.catalog, resources.gazetteer
                )
                figures[-1] = (whole, figures[-1][1])
            m = item_of_listed_measure(m, span.text, lay, resources.catalog, resources.gazetteer)
            m = stage_of_the_name_before(m, previous, resources.catalog)
            m = measure_against_standard(m, span.text, lay, resources.catalog)
            m = coefficient_of_the_item(m, span.text, lay, resources.catalog)
            if m.indicator and m.kind in ("level", "ratio"):
                coded = m
            elif coded is not None and coded.sentence != m.sentence:
                coded = None
            previous = m
            figures.append((m, where))
        figures.sort(key=lambda f: f[0].char_start)
        if catalog_only(titles):  # 信息公开年报: the office's own counts are not the region's
            figures = [(m, where) for m, where in figures if m.indicator is not None]
        figures = _of_respective_years(figures, span.text)
        n_before = len(out.metrics)
        label_rules, tag = load_label_rules(), tagger(resources.jieba_cache)
        previous_row: MetricRow | None = None  # the last level figure
        for i, (m, where) in enumerate(figures):
            ind = resources.catalog.indicator(m.indicator) if m.indicator else None
            plausible, reason = m.plausible, m.plausibility_reason
            if ind is not None and m.value is not None and m.kind in ("level", "ratio"):
                reason = ind.range_reason(m.value, where.region.level)
                plausible = reason is None
            beside = [f for f, _ in figures[i + 1 : i + 2] + figures[max(0, i - 1) : i]]
            series_label = name_series(m, previous_row, label_rules, resources, tag, beside)
            if series_label and is_share_label(m.label):
                # …在园幼儿712630人，占总数的73.07%: 普惠性幼儿园在园幼儿占比 is a catalog rate
                code = resources.catalog.match(series_label, m.sentence, m.unit, m.kind)
                if code is not None:
                    m = replace(m, indicator=code, evidence=f"a share of «{series_label}»")
                    series_label = None
            status = _status(where, report_type, dated, published)
            if dated.plan_start is not None and status != "achieved" and where.year == year:
                # a five-year plan's 新建幼儿园15所 with no year of its own: by the period's end
                end = dated.plan_start + PLAN_YEARS - 1
                where = replace(where, year=end, evidence=f"{where.evidence}; the plan's last year")
            evidence = "; ".join(e for e in (m.evidence, where.evidence) if e)
            out.metrics.append(
                MetricRow(
                    metric_id=short_hash(report_id, m.char_start, m.char_end, m.kind, m.label),
                    report_id=report_id,
                    doc_id=doc_id,
                    region_name=where.region.name,
                    region_level=where.region.level,
                    year=where.year,
                    **_as_row_fields(m),
                    plausible=plausible,
                    plausibility_reason=reason,
                    status=status,
                    attribution=evidence or None,
                    series_label=series_label,
                )
            )
            if m.kind == "level":
                previous_row = out.metrics[-1]
        out.metrics[n_before:] = check_consistency(out.metrics[n_before:], resources.catalog)
        out.terms.add(
            report_id,
            doc_id,
            count_terms(span.text, resources.jieba_cache, resources.segment_engine),
        )
    return out
