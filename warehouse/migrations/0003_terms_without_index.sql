-- v3: terms without its primary-key index (4x slower loading, memory growing with rows); its grain is a data test.
create table terms_v3 (
    report_id varchar not null,
    doc_id    varchar not null,
    term      varchar not null,
    count     integer not null
);
insert into terms_v3 select report_id, doc_id, term, count from terms;
drop table terms;
alter table terms_v3 rename to terms;
