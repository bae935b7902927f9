-- Grain: one row per correction made by a person (edureports correct, or <data>/corrections.yaml).
create table if not exists corrections (
    correction_id varchar primary key,
    uri           varchar not null,
    report_seq    integer not null,
    char_start    integer not null,
    char_end      integer not null,
    value_text    varchar not null,
    sentence      varchar,
    action        varchar not null,
    value         double,
    unit          varchar,
    indicator     varchar,
    region_name   varchar,
    region_level  varchar,
    year          integer,
    who           varchar not null,
    made_at       timestamp not null,
    why           varchar not null,
    source        varchar not null,
    active        boolean not null,
    replaced_by   varchar
);
comment on table corrections is 'One row per correction of an extracted figure, keyed by the figure''s place in its document; re-applied to metrics after every load, so it survives re-runs and full refreshes.';
comment on column corrections.correction_id is 'c… (edureports correct) or y… (a hash of the entry in corrections.yaml).';
comment on column corrections.uri is 'URI of the document holding the figure.';
comment on column corrections.report_seq is 'Position of the report in that document (reports.seq).';
comment on column corrections.char_start is 'Offset of value_text in the report text (metrics.char_start).';
comment on column corrections.char_end is 'End offset (metrics.char_end).';
comment on column corrections.value_text is 'The figure as written; the correction applies only while the text there is still this.';
comment on column corrections.sentence is 'Its sentence: when the page moved the figure, the one figure with this value_text and sentence in the document is corrected.';
comment on column corrections.action is 'set (the non-NULL columns below replace the extracted ones; the figure counts as plausible) or exclude (no mart uses the figure).';
comment on column corrections.value is 'Corrected value in base units, or NULL to keep it.';
comment on column corrections.unit is 'Corrected unit, or NULL.';
comment on column corrections.indicator is 'Corrected indicator code, or NULL.';
comment on column corrections.region_name is 'Corrected region, or NULL.';
comment on column corrections.region_level is 'Corrected region level, or NULL.';
comment on column corrections.year is 'Corrected year, or NULL.';
comment on column corrections.who is 'Who made the correction.';
comment on column corrections.made_at is 'When (UTC).';
comment on column corrections.why is 'Why: the evidence for it.';
comment on column corrections.source is 'cli or corrections.yaml.';
comment on column corrections.active is 'False once replaced by a later correction of the same figure or revoked.';
comment on column corrections.replaced_by is 'The correction that replaced it (NULL: still active, or revoked).';

-- One row per correction with whether it still finds its figure.
create or replace view correction_status as
select
    c.correction_id,
    c.uri,
    c.report_seq,
    c.char_start,
    c.char_end,
    c.value_text,
    c.action,
    c.value,
    c.unit,
    c.indicator,
    c.region_name,
    c.year,
    c.who,
    c.made_at,
    c.why,
    c.active,
    coalesce(applied.n_metrics, 0) as n_metrics,
    case
        when not c.active then 'inactive'
        when applied.n_metrics > 0 then 'applied'
        when not exists (select 1 from documents as d where d.uri = c.uri) then 'document missing'
        else 'figure missing'
    end as status
from corrections as c
left join (
    select correction_id, count(*) as n_metrics
    from metrics
    where correction_id is not null
    group by correction_id
) as applied on applied.correction_id = c.correction_id;
comment on view correction_status is 'One row per correction: applied (to n_metrics figures), figure missing (the page changed: review it), document missing, or inactive.';
comment on column correction_status.correction_id is 'The correction.';
comment on column correction_status.uri is 'Document URI.';
comment on column correction_status.report_seq is 'Report position in the document.';
comment on column correction_status.char_start is 'Offset of the figure.';
comment on column correction_status.char_end is 'End offset.';
comment on column correction_status.value_text is 'The figure as written.';
comment on column correction_status.action is 'set or exclude.';
comment on column correction_status.value is 'Corrected value, or NULL.';
comment on column correction_status.unit is 'Corrected unit, or NULL.';
comment on column correction_status.indicator is 'Corrected indicator, or NULL.';
comment on column correction_status.region_name is 'Corrected region, or NULL.';
comment on column correction_status.year is 'Corrected year, or NULL.';
comment on column correction_status.who is 'Who.';
comment on column correction_status.made_at is 'When.';
comment on column correction_status.why is 'Why.';
comment on column correction_status.active is 'Still in force.';
comment on column correction_status.n_metrics is 'Metric rows it applies to now.';
comment on column correction_status.status is 'applied, figure missing, document missing or inactive.';
