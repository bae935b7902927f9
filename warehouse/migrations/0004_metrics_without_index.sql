-- v4: metrics without its primary-key index (at 4 M rows it took half of each batch's load and checkpoint); its grain is a data test.
create table metrics_v4 (
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
    plausibility_reason varchar
);
insert into metrics_v4 select * from metrics;
drop table metrics;
alter table metrics_v4 rename to metrics;
