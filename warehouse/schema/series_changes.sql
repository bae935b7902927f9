-- Grain: one row per run and indicator_series cell whose value that run added, changed or removed.
create table if not exists series_changes (
    run_id       integer not null,
    indicator    varchar not null,
    region_name  varchar,
    region_level varchar,
    year         integer,
    change       varchar not null,
    old_value    double,
    new_value    double,
    old_unit     varchar,
    new_unit     varchar
);
comment on table series_changes is 'One row per run and indicator_series cell whose value the run (or corrections since the run before) added, changed or removed; the latest row of each cell is its value at that run.';
comment on column series_changes.run_id is 'runs.run_id of the run at whose end the change was seen.';
comment on column series_changes.indicator is 'Indicator code.';
comment on column series_changes.region_name is 'Region.';
comment on column series_changes.region_level is 'Level of the region.';
comment on column series_changes.year is 'Year.';
comment on column series_changes.change is 'added, changed or removed.';
comment on column series_changes.old_value is 'The cell''s value at the run before (NULL: added).';
comment on column series_changes.new_value is 'Its value at this run (NULL: removed).';
comment on column series_changes.old_unit is 'Unit before.';
comment on column series_changes.new_unit is 'Unit now.';
