-- The warehouse schema as first released (version 1): no schema_version table,
-- no document_versions, no documents.first_seen_at. Frozen: do not edit.
-- Grain: one row per acquired item (a page or file), keyed by a hash of its URI.
create table if not exists documents (
    doc_id          varchar primary key,
    uri             varchar not null,
    site            varchar,
    fetched_at      timestamp not null,
    published_date  date,
    title           varchar,
    encoding        varchar not null,
    script          varchar not null,
    quality         varchar not null,
    quality_reasons varchar[] not null,
    duplicate_of    varchar,
    content_sha256  varchar not null,
    text_sha256     varchar not null,
    n_chars         integer not null,
    chrome_lines    integer not null
);
-- Grain: one row per report inside a document (a page may hold several).
create table if not exists reports (
    report_id         varchar primary key,
    doc_id            varchar not null,
    seq               integer not null,
    title             varchar,
    report_type       varchar,
    region_name       varchar,
    region_code       varchar,
    region_level      varchar,
    region_anonymized boolean not null,
    year              integer,
    published_date    date,
    text              varchar not null
);
-- Grain: one row per numeric mention in a report.
create table if not exists metrics (
    metric_id           varchar primary key,
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
    plausibility_reason varchar
);
-- Grain: one row per (report, term).
create table if not exists terms (
    report_id varchar not null,
    doc_id    varchar not null,
    term      varchar not null,
    count     integer not null,
    primary key (report_id, term)
);
-- Grain: one row per rejected input, stage and reason.
create table if not exists quarantine (
    uri    varchar not null,
    stage  varchar not null,
    reason varchar not null,
    detail varchar not null,
    "at"   timestamp not null,
    primary key (uri, stage, reason)
);
