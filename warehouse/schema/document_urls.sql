-- Grain: one row per URL that led to a document (its own URL, and any that redirect to it).
create table if not exists document_urls (
    url           varchar primary key,
    doc_id        varchar not null,
    first_seen_at timestamp not null,
    last_seen_at  timestamp not null
);
comment on table document_urls is 'Every URL that led to a document: its own, and old or alternative URLs that redirect to it (a moved page is one document).';
comment on column document_urls.url is 'A URL as requested (a listing link, a start page, an attachment link).';
comment on column document_urls.doc_id is 'The document it led to (the hash of the final URL after redirects).';
comment on column document_urls.first_seen_at is 'When this URL first led to the document (UTC).';
comment on column document_urls.last_seen_at is 'When this URL last led to the document (UTC).';
