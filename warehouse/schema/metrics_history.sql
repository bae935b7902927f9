-- Grain: one row per figure version superseded by a run (changed or no longer extracted).
create table if not exists metrics_history (
    superseded_run      integer,
    change              varchar not null,
    figure_key          varchar,
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
    first_seen_run      integer,
    last_changed_run    integer
);
comment on table metrics_history is 'One row per superseded figure: its values as extracted before a run changed or removed it (current figures are in metrics).';
comment on column metrics_history.superseded_run is 'runs.run_id of the run that replaced or removed it (NULL: a load outside a run).';
comment on column metrics_history.change is 'changed (the figure is still in metrics, with other values) or removed.';
comment on column metrics_history.figure_key is 'The figure''s identity across runs (metrics.figure_key).';
comment on column metrics_history.metric_id is 'Its metric_id then.';
comment on column metrics_history.report_id is 'The report.';
comment on column metrics_history.doc_id is 'The document.';
comment on column metrics_history.region_name is 'Region, as extracted.';
comment on column metrics_history.region_level is 'Level of that region.';
comment on column metrics_history.year is 'Year, as extracted.';
comment on column metrics_history.indicator is 'Indicator code, as extracted.';
comment on column metrics_history.label is 'Subject phrase.';
comment on column metrics_history.value is 'Value in base units, as extracted (before any correction).';
comment on column metrics_history.unit is 'Base unit, as extracted.';
comment on column metrics_history.value_text is 'The figure as written.';
comment on column metrics_history.kind is 'level, change_abs, change_pct, change_pp …';
comment on column metrics_history.qualifier is 'Qualifier as written.';
comment on column metrics_history.masked is 'True when the page masked the number.';
comment on column metrics_history.sentence is 'The sentence holding the figure.';
comment on column metrics_history.char_start is 'Offset of value_text in that version of the report text.';
comment on column metrics_history.char_end is 'End offset of value_text.';
comment on column metrics_history.plausible is 'Plausibility as extracted.';
comment on column metrics_history.first_seen_run is 'Run that first loaded the figure.';
comment on column metrics_history.last_changed_run is 'Run that gave it these values.';
