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
    text              varchar not null,
    region_evidence   varchar,
    year_evidence     varchar
);
comment on table reports is 'One row per report inside a document.';
comment on column reports.report_id is 'doc_id and sequence number.';
comment on column reports.doc_id is 'The document holding the report.';
comment on column reports.seq is '1-based position of the report in its document.';
comment on column reports.title is 'Report title (the series heading when a page holds several).';
comment on column reports.report_type is 'work_report, work_summary, research_report, self_evaluation, statistical_bulletin, speech, plan, inspection_feedback, or NULL.';
comment on column reports.region_name is 'Region the report describes (全国 for the nation); NULL when unknown or anonymised.';
comment on column reports.region_code is 'Six-digit administrative division code of the region.';
comment on column reports.region_level is 'national, province, city, county or district.';
comment on column reports.region_anonymized is 'True when the page masks the place name (**市, x区, 某市).';
comment on column reports.year is 'The year the figures describe.';
comment on column reports.published_date is 'Publication date of the document.';
comment on column reports.region_evidence is 'The signals that decided region_name (title, headline, publisher, web address, self-reference, place mentions), strongest first.';
comment on column reports.year_evidence is 'What decided year: the title, the most mentioned year of the text (baselines and targets not counted), or the publication date.';
comment on column reports.text is 'Cleaned report text; metrics offsets point into it.';
