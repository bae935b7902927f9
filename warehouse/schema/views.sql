-- Marts over the tables. Views, so they are always current.

-- One row per figure that may enter a series: achieved, unmasked, plausible level (or
-- ratio) figures with an indicator (a catalog code, or label:<name> for a figure the catalog
-- has no code for whose label names it: metrics.series_label), region and year, from
-- non-duplicate, ok-quality
-- documents, with the authority of their source: a statistical bulletin (4) over another
-- report of a government office (3) over news (2) over other pages (1) over a
-- document-sharing copy (0).
create or replace view series_figures as
select
    m.metric_id,
    coalesce(m.indicator, 'label:' || m.series_label) as indicator,
    m.region_name,
    m.region_level,
    m.year,
    m.value,
    m.unit,
    m.qualifier,
    -- significant digits as written: 60532 says more than 6.05万 of the same count
    length(regexp_replace(m.value_text, '[^0-9]', '', 'g')) as digits,
    m.char_start,
    m.report_id,
    m.doc_id,
    m.sentence,
    r.report_type,
    d.source_kind,
    r.published_date,
    case
        when d.source_kind = 'sharing' then 0
        when r.report_type = 'statistical_bulletin' then 4
        when d.source_kind = 'news' then 2
        when r.report_type is not null or d.source_kind = 'official' then 3
        else 1
    end as authority
from metrics as m
inner join reports as r on r.report_id = m.report_id
inner join documents as d on d.doc_id = m.doc_id
where m.kind in ('level', 'ratio')
    and not m.masked
    and m.plausible
    and coalesce(m.status, 'achieved') = 'achieved'
    and m.value is not null
    and (m.indicator is not null or m.series_label is not null)
    and m.region_name is not null
    and m.year is not null
    and d.duplicate_of is null
    and d.removed_at is null
    and d.quality = 'ok';

-- One row per indicator, region and year: the value of the most authoritative source
-- (statistical bulletin > work report > news > document-sharing copy), then an exact figure
-- over an approximate one (近, 约, 以上 …), then the value most reports give, then the latest
-- published, then the one its report states first (教职工1.31万人 in the overview over
-- 在编教职工11408人 in a later section), then the smaller value; and the chosen value written
-- in full where a figure standing as high gives it so (a table's 60532 for the prose's
-- 6.05万). n_values > 1: the reports disagree (see indicator_conflicts).
create or replace view indicator_series as
with votes as (
    -- One row per cell and distinct value. Every step reads the one before it once: a CTE
    -- read twice is materialised, and the `indicator = ?` of a caller then stops above the
    -- metrics scan.
    select
        indicator,
        region_name,
        region_level,
        year,
        value,
        unit,
        max(authority) as authority,
        -- (达 says what a count reached: 达1086人 is as exact as 1086人)
        bool_or(qualifier is null or qualifier = '达') as exact,
        count(distinct report_id) as n_reports_for_value,
        max(digits) as digits,
        min(char_start) as first_at,
        max(published_date) as latest_published,
        list(distinct report_id) as report_ids
    from series_figures
    group by indicator, region_name, region_level, year, value, unit
),

ranked as (
    select
        *,
        (authority, exact, n_reports_for_value) as standing,
        (
            authority,
            exact,
            n_reports_for_value,
            latest_published is not null,
            latest_published,
            -first_at,
            -value
        ) as preference
    from votes
),

chosen as (
    select
        indicator,
        region_name,
        region_level,
        year,
        arg_max({'value': value, 'unit': unit, 'digits': digits, 'standing': standing}, preference)
            as best,
        -- of the values standing as high, the one written with the most digits
        arg_max({'value': value, 'unit': unit, 'digits': digits, 'standing': standing},
            (standing, digits)) as fullest,
        list(report_ids) as report_ids,
        count(distinct value) as n_values
    from ranked
    group by indicator, region_name, region_level, year
),

picked as (
    select
        *,
        -- the fuller writing of the chosen count (a table's 60532 for the prose's 6.05万)
        case when fullest.standing = best.standing and fullest.digits > best.digits
            and best.value != 0
            and abs(fullest.value - best.value) * 2
                <= pow(10, floor(log10(abs(best.value))) + 1 - best.digits)
            then fullest else best end as pick
    from chosen
)

select
    indicator,
    region_name,
    region_level,
    year,
    pick.value as value,
    pick.unit as unit,
    len(list_distinct(flatten(report_ids))) as n_reports,
    n_values,
    -- false for a series named after the pages' own label (label:名师工作室), not a catalog code
    not starts_with(indicator, 'label:') as catalogued
from picked;

-- One row per figure of a cell whose reports disagree (more than one value for one
-- indicator, region and year), with its report, source and sentence; `chosen` marks the
-- value indicator_series shows.
create or replace view indicator_conflicts as
with cells as (
    select indicator, region_name, year
    from series_figures
    group by indicator, region_name, year
    having count(distinct value) > 1
)

select
    f.indicator,
    f.region_name,
    f.region_level,
    f.year,
    f.value,
    f.unit,
    f.qualifier,
    f.authority,
    f.report_type,
    f.source_kind,
    f.report_id,
    f.doc_id,
    f.metric_id,
    f.sentence,
    f.value = s.value as chosen
from series_figures as f
inner join cells as c using (indicator, region_name, year)
left join indicator_series as s
    on s.indicator = f.indicator and s.region_name = f.region_name and s.year = f.year
order by f.indicator, f.region_name, f.year, f.authority desc, f.value;

-- One row per target or plan figure (到2025年达到…, 力争…, 计划新建…): what each region
-- set out to reach, kept out of indicator_series.
create or replace view indicator_targets as
select
    m.indicator,
    m.region_name,
    m.region_level,
    m.year,
    m.status,
    m.kind,
    m.value,
    m.unit,
    m.qualifier,
    m.label,
    m.report_id,
    m.doc_id,
    m.metric_id,
    m.sentence
from metrics as m
inner join documents as d on d.doc_id = m.doc_id
where m.status in ('target', 'planned')
    and not m.masked
    and d.duplicate_of is null
    and d.removed_at is null
    and d.quality <> 'rejected';

-- One row per term and year: in how many reports of that year the term occurs, and what share.
create or replace view term_trends as
with report_years as (
    select r.report_id, r.year
    from reports as r
    inner join documents as d on d.doc_id = r.doc_id
    where r.year is not null and d.duplicate_of is null and d.removed_at is null
),

per_year as (
    select year, count(*) as n_year_reports
    from report_years
    group by year
)

select
    t.term,
    ry.year,
    count(distinct t.report_id) as n_reports,
    count(distinct t.report_id) / any_value(py.n_year_reports) as share
from terms as t
inner join report_years as ry on ry.report_id = t.report_id
inner join per_year as py on py.year = ry.year
group by t.term, ry.year;

-- One row per region and year: how many reports and figures the warehouse holds.
create or replace view coverage as
with report_figures as (
    select
        r.report_id,
        r.region_name,
        r.region_level,
        r.year,
        count(m.metric_id) as n_metrics,
        count(m.indicator) as n_indicator_metrics
    from reports as r
    inner join documents as d on d.doc_id = r.doc_id
    left join metrics as m on m.report_id = r.report_id
    where d.duplicate_of is null
    group by r.report_id, r.region_name, r.region_level, r.year
)

select
    region_name,
    region_level,
    year,
    count(*) as n_reports,
    sum(n_metrics)::bigint as n_metrics,
    sum(n_indicator_metrics)::bigint as n_indicator_metrics
from report_figures
group by region_name, region_level, year;

-- One row per metric with where it came from: sentence, report, document and source URI.
create or replace view metric_provenance as
select
    m.metric_id,
    m.indicator,
    m.label,
    m.value,
    m.unit,
    m.value_text,
    m.kind,
    m.masked,
    m.plausible,
    m.region_name,
    m.year,
    m.sentence,
    m.char_start,
    m.char_end,
    r.report_id,
    r.title as report_title,
    r.seq as report_seq,
    d.doc_id,
    d.uri,
    d.site,
    d.published_date,
    d.fetched_at,
    d.quality
from metrics as m
inner join reports as r on r.report_id = m.report_id
inner join documents as d on d.doc_id = m.doc_id;

-- Comments (views are re-created on every connection, so their comments follow them here).
comment on view indicator_series is 'One row per indicator, region and year: the value of the most authoritative source (statistical bulletin > other official report > news > document-sharing copy), then exact over approximate, then most reports, then latest published, then first stated in its report, written in full where a figure as authoritative gives it so; from series_figures.';
comment on column indicator_series.indicator is 'Canonical indicator code, or label:<name> for figures the catalog has no code for (see catalogued).';
comment on column indicator_series.catalogued is 'True for a catalog code; false for a series named after the pages'' own label (metrics.series_label).';
comment on column indicator_series.region_name is 'Region.';
comment on column indicator_series.region_level is 'Level of the region.';
comment on column indicator_series.year is 'Year the figure describes.';
comment on column indicator_series.value is 'The chosen value, in base units.';
comment on column indicator_series.unit is 'Base unit of the value.';
comment on column indicator_series.n_reports is 'Reports giving a figure for this cell.';
comment on column indicator_series.n_values is 'Distinct values among them; above 1 means the reports disagree.';
comment on view term_trends is 'One row per term and year: how many non-duplicate reports of that year use the term, and what share of that year''s reports.';
comment on column term_trends.term is 'The term.';
comment on column term_trends.year is 'Report year.';
comment on column term_trends.n_reports is 'Reports of that year containing the term.';
comment on column term_trends.share is 'n_reports divided by all reports of that year.';
comment on view coverage is 'One row per region and year: how many non-duplicate reports and figures the warehouse holds.';
comment on column coverage.region_name is 'Region (NULL: unknown or anonymised).';
comment on column coverage.region_level is 'Level of the region.';
comment on column coverage.year is 'Report year.';
comment on column coverage.n_reports is 'Reports.';
comment on column coverage.n_metrics is 'Figures in those reports.';
comment on column coverage.n_indicator_metrics is 'Figures mapped to a catalog indicator.';
comment on view metric_provenance is 'One row per metric with its sentence, report title and source URI.';
comment on column metric_provenance.metric_id is 'The metric.';
comment on column metric_provenance.indicator is 'Canonical indicator code, or NULL.';
comment on column metric_provenance.label is 'Subject phrase.';
comment on column metric_provenance.value is 'Value in base units.';
comment on column metric_provenance.unit is 'Base unit.';
comment on column metric_provenance.value_text is 'The figure as written.';
comment on column metric_provenance.kind is 'level, change_abs, change_pct or change_pp.';
comment on column metric_provenance.masked is 'True when the page masks the number.';
comment on column metric_provenance.plausible is 'False when outside the plausible range.';
comment on column metric_provenance.region_name is 'Region of the report.';
comment on column metric_provenance.year is 'Year of the report.';
comment on column metric_provenance.sentence is 'Sentence holding the figure.';
comment on column metric_provenance.char_start is 'Offset of value_text in the report text.';
comment on column metric_provenance.char_end is 'End offset of value_text.';
comment on column metric_provenance.report_id is 'The report.';
comment on column metric_provenance.report_title is 'Title of the report.';
comment on column metric_provenance.report_seq is 'Position of the report in its document.';
comment on column metric_provenance.doc_id is 'The document.';
comment on column metric_provenance.uri is 'Source URI of the document.';
comment on column metric_provenance.site is 'Site of the document.';
comment on column metric_provenance.published_date is 'Publication date of the document.';
comment on column metric_provenance.fetched_at is 'When the document was acquired.';
comment on column metric_provenance.quality is 'Quality verdict of the document.';
comment on view series_figures is 'One row per figure that may enter a series: achieved, unmasked, plausible level or ratio figures with indicator, region and year, from non-duplicate ok-quality documents, with the authority of their source.';
comment on column series_figures.metric_id is 'The figure.';
comment on column series_figures.indicator is 'Canonical indicator code.';
comment on column series_figures.region_name is 'Region the figure describes.';
comment on column series_figures.region_level is 'Level of that region.';
comment on column series_figures.year is 'Year the figure describes.';
comment on column series_figures.value is 'Value in base units.';
comment on column series_figures.unit is 'Base unit.';
comment on column series_figures.qualifier is '近, 约, 以上 … when the figure is approximate.';
comment on column series_figures.digits is 'Digits of the figure as written (60532: 5, 6.05万: 3): a fuller figure of the same count ranks higher.';
comment on column series_figures.char_start is 'Where the figure is in its report (metrics.char_start): of two values in one report, the one stated first ranks higher.';
comment on column series_figures.report_id is 'Report holding the figure.';
comment on column series_figures.doc_id is 'Document holding the figure.';
comment on column series_figures.sentence is 'Sentence holding the figure.';
comment on column series_figures.report_type is 'Type of the report (statistical_bulletin, work_report …).';
comment on column series_figures.source_kind is 'Who published the page (official, news, sharing, other).';
comment on column series_figures.published_date is 'Publication date of the document.';
comment on column series_figures.authority is '4 statistical bulletin, 3 other official report, 2 news, 1 other, 0 document-sharing copy.';
comment on view indicator_conflicts is 'One row per figure of a cell whose reports disagree (more than one value for an indicator, region and year), with its source and sentence; chosen marks the value indicator_series shows.';
comment on column indicator_conflicts.indicator is 'Canonical indicator code.';
comment on column indicator_conflicts.region_name is 'Region.';
comment on column indicator_conflicts.region_level is 'Level of the region.';
comment on column indicator_conflicts.year is 'Year.';
comment on column indicator_conflicts.value is 'One of the values reported for the cell.';
comment on column indicator_conflicts.unit is 'Base unit.';
comment on column indicator_conflicts.qualifier is '近, 约, 以上 … when approximate.';
comment on column indicator_conflicts.authority is 'Authority of the source (see series_figures).';
comment on column indicator_conflicts.report_type is 'Type of the report.';
comment on column indicator_conflicts.source_kind is 'Who published the page.';
comment on column indicator_conflicts.report_id is 'Report giving this value.';
comment on column indicator_conflicts.doc_id is 'Document giving this value.';
comment on column indicator_conflicts.metric_id is 'The figure.';
comment on column indicator_conflicts.sentence is 'Sentence holding the figure.';
comment on column indicator_conflicts.chosen is 'True for the value indicator_series shows.';
comment on view indicator_targets is 'One row per target or plan figure (到2025年达到…, 力争…, 计划新建…), kept out of indicator_series.';
comment on column indicator_targets.indicator is 'Canonical indicator code, or NULL.';
comment on column indicator_targets.region_name is 'Region the target is for.';
comment on column indicator_targets.region_level is 'Level of that region.';
comment on column indicator_targets.year is 'Year the target is set for (到2025年 → 2025), else the reports.';
comment on column indicator_targets.status is 'target or planned.';
comment on column indicator_targets.kind is 'level, change_abs …';
comment on column indicator_targets.value is 'Target value in base units.';
comment on column indicator_targets.unit is 'Base unit.';
comment on column indicator_targets.qualifier is '以上, 不低于 … as written.';
comment on column indicator_targets.label is 'Subject phrase.';
comment on column indicator_targets.report_id is 'Report stating it.';
comment on column indicator_targets.doc_id is 'Document stating it.';
comment on column indicator_targets.metric_id is 'The figure.';
comment on column indicator_targets.sentence is 'Sentence stating it.';
