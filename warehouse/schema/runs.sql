-- Grain: one row per pipeline run (edureports run, or a scheduled deployment's flow run).
create table if not exists runs (
    run_id             integer primary key,
    flow_run_id        varchar,
    started_at         timestamp not null,
    finished_at        timestamp,
    status             varchar not null,
    transforms_version varchar,
    full_refresh       boolean,
    fetched            integer,
    unchanged          integer,
    new_documents      integer,
    updated_documents  integer,
    quarantined        integer,
    reports_written    integer,
    metrics_written    integer,
    metrics_added      integer,
    metrics_changed    integer,
    metrics_removed    integer,
    series_moved       integer,
    corrections_digest varchar,
    error              varchar
);
comment on table runs is 'One row per pipeline run, with what it did; figures and series cells point at runs by run_id.';
comment on column runs.run_id is '1 for the first run of this warehouse, then 2, 3 …';
comment on column runs.flow_run_id is 'Prefect flow-run id (look it up in the Prefect UI or `prefect flow-run inspect`).';
comment on column runs.started_at is 'When the run started (UTC).';
comment on column runs.finished_at is 'When it finished (UTC); NULL while running or when it crashed.';
comment on column runs.status is 'running, completed or failed.';
comment on column runs.transforms_version is 'Digest of the transforms'' code and data files the run used.';
comment on column runs.full_refresh is 'True when every document was reprocessed (--full-refresh or --from-raw).';
comment on column runs.fetched is 'Items acquired.';
comment on column runs.unchanged is 'Items skipped as unchanged since their last load.';
comment on column runs.new_documents is 'Documents loaded for the first time.';
comment on column runs.updated_documents is 'Documents reloaded (content or transforms changed).';
comment on column runs.quarantined is 'Quarantine rows written.';
comment on column runs.reports_written is 'Report rows written.';
comment on column runs.metrics_written is 'Metric rows written.';
comment on column runs.metrics_added is 'Figures seen for the first time (metrics.first_seen_run = run_id).';
comment on column runs.metrics_changed is 'Figures whose value, unit, indicator, region or year changed (old rows in metrics_history).';
comment on column runs.metrics_removed is 'Figures no longer extracted from their reloaded document (kept in metrics_history).';
comment on column runs.series_moved is 'indicator_series cells added, changed or removed (rows of series_changes).';
comment on column runs.corrections_digest is 'Digest of the corrections in force at the run''s end: when it differs from the run before, every Parquet dataset is rewritten.';
comment on column runs.error is 'Why a failed run failed.';
