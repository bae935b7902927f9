-- Grain: one row per distinct content a document has had.
create table if not exists document_versions (
    doc_id         varchar not null,
    version        integer not null,
    content_sha256 varchar not null,
    fetched_at     timestamp not null,
    title          varchar,
    text           varchar not null,
    is_current     boolean not null,
    primary key (doc_id, version)
);
comment on table document_versions is 'One row per distinct content a document (URI) has had; the current one is also in documents.';
comment on column document_versions.doc_id is 'The document.';
comment on column document_versions.version is '1 for the first content seen, then 2, 3 … as the source page changes.';
comment on column document_versions.content_sha256 is 'SHA-256 of the raw bytes of this version.';
comment on column document_versions.fetched_at is 'When this version was acquired.';
comment on column document_versions.title is 'Title of this version.';
comment on column document_versions.text is 'Cleaned text of this version, so earlier versions stay readable.';
comment on column document_versions.is_current is 'True for the version whose reports and metrics are in the warehouse.';
