-- Grain: one row per (report, term). Unique by construction (one row per term counted in a
-- report) and checked by tests/warehouse/test_grain.py, not by a primary key: the index on
-- the largest table made loading four times slower and its memory grew with the rows.
create table if not exists terms (
    report_id varchar not null,
    doc_id    varchar not null,
    term      varchar not null,
    count     integer not null
);
comment on table terms is 'One row per report and term: how often jieba found the term in the report.';
comment on column terms.report_id is 'The report.';
comment on column terms.doc_id is 'The document of the report.';
comment on column terms.term is 'A word of two or more characters (education user dictionary applied).';
comment on column terms.count is 'Occurrences in the report.';
