-- Grain: one row per numeric mention in a report. metric_id is unique by construction (a hash
-- of report, offsets, kind and label) and checked by tests/warehouse/test_grain.py, not by a
-- primary key: at 4 M rows its index took half of each batch's insert and checkpoint time.
create table if not exists metrics (
    metric_id           varchar not null,
    report_id           varchar not null,
    doc_id              varchar not null,
    region_name         varchar,
    region_level        varchar,
    year                integer,
    indicator           varchar,
    label               varchar not null,
    value               double,
    unit                varchar not null,
    value_text          varchar not null,
    kind                varchar not null,
    qualifier           varchar,
    masked              boolean not null,
    sentence            varchar not null,
    char_start          integer not null,
    char_end            integer not null,
    plausible           boolean not null,
    plausibility_reason varchar,
    status              varchar,
    attribution         varchar,
    repaired_value      double,
    figure_key          varchar,
    first_seen_run      integer,
    last_changed_run    integer,
    corrected           boolean default false,
    excluded            boolean default false,
    correction_id       varchar,
    original_value      double,
    original_unit       varchar,
    original_indicator  varchar,
    original_region_name varchar,
    original_region_level varchar,
    original_year       integer,
    original_plausible  boolean,
    original_plausibility_reason varchar,
    series_label        varchar
);
comment on table metrics is 'One row per numeric mention in a report, with its provenance.';
comment on column metrics.metric_id is 'Hash of report, offsets, kind and label.';
comment on column metrics.report_id is 'The report the figure is in.';
comment on column metrics.doc_id is 'The document the figure is in.';
comment on column metrics.region_name is 'Region the figure describes: its report''s, or another named by its clause, label or table column.';
comment on column metrics.region_level is 'Level of that region: national, province, city, county, district, or town (a table row of a town or sub-district, 东台镇 or 东华街道, which has no code).';
comment on column metrics.year is 'Year the figure describes: its report''s, or one named right before it or opening its sentence.';
comment on column metrics.indicator is 'Canonical indicator code from the catalog, or NULL.';
comment on column metrics.label is 'Subject phrase the number measures.';
comment on column metrics.value is 'Value in base units (万/亿 applied); NULL when masked.';
comment on column metrics.unit is 'Base unit (所, 人, 元, %, 个百分点 …).';
comment on column metrics.value_text is 'The figure exactly as written.';
comment on column metrics.kind is 'level, change_abs, change_pct or change_pp; decreases are negative.';
comment on column metrics.qualifier is '近, 约, 超过, 以上, 余, 多 … as written; the value is not adjusted.';
comment on column metrics.masked is 'True when the page masks the number (**, XX).';
comment on column metrics.sentence is 'The sentence holding the figure.';
comment on column metrics.char_start is '0-based offset of value_text in reports.text.';
comment on column metrics.char_end is 'End offset (exclusive) of value_text in reports.text.';
comment on column metrics.plausible is 'False when the value is outside its indicator''s or unit''s plausible range.';
comment on column metrics.status is 'achieved, target (到2025年…, 力争) or planned (计划新建…); only achieved figures enter indicator_series.';
comment on column metrics.attribution is 'Which scopes decided the indicator, region, year and status (label, clause, sentence, section heading, report).';
comment on column metrics.repaired_value is 'For an implausible figure, the value one evident repair gives (a lost decimal point); never substituted for value.';
comment on column metrics.plausibility_reason is 'Why the value is implausible.';
comment on column metrics.series_label is 'For a figure the catalog has no code for, the name of the series it joins in indicator_series (as label:<name>): its label, cleaned, when it names what is counted; else NULL.';
comment on column metrics.figure_key is 'The figure''s identity across runs: hash of report, kind, label and its occurrence among the report''s figures of that kind and label (offsets may move when a page changes).';
comment on column metrics.first_seen_run is 'runs.run_id of the run that first loaded this figure (NULL: before run history).';
comment on column metrics.last_changed_run is 'runs.run_id of the run that last changed its value, unit, indicator, region or year.';
comment on column metrics.corrected is 'True when a row of corrections applies; the original_* columns then hold what extraction gave.';
comment on column metrics.excluded is 'True when a correction excludes the figure (plausible is then false, so no mart uses it).';
comment on column metrics.correction_id is 'The correction applied (corrections.correction_id), or NULL.';
comment on column metrics.original_value is 'Value as extracted, before the correction (NULL when not corrected).';
comment on column metrics.original_unit is 'Unit as extracted, before the correction.';
comment on column metrics.original_indicator is 'Indicator as extracted, before the correction.';
comment on column metrics.original_region_name is 'Region as extracted, before the correction.';
comment on column metrics.original_region_level is 'Region level as extracted, before the correction.';
comment on column metrics.original_year is 'Year as extracted, before the correction.';
comment on column metrics.original_plausible is 'Plausibility as extracted, before the correction.';
comment on column metrics.original_plausibility_reason is 'Plausibility reason as extracted, before the correction.';
