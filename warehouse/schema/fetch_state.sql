-- Grain: one row per URL the pipeline has fetched (pages, listings' report links, attachments).
create table if not exists fetch_state (
    url             varchar primary key,
    etag            varchar,
    last_modified   varchar,
    content_sha256  varchar,
    status          integer,
    fetched_at      timestamp,
    checked_at      timestamp not null,
    error           varchar
);
comment on table fetch_state is 'Acquisition state per URL: for a web page its HTTP validators, for conditional GET; for a local file (file://) its size and modification time, so an unchanged file is not read. Either way an unchanged input is not reprocessed.';
comment on column fetch_state.url is 'The URL as requested.';
comment on column fetch_state.etag is 'ETag of the last 200 response; for a local file, hex size-mtime_ns when it was read (NULL if it had just changed).';
comment on column fetch_state.last_modified is 'Last-Modified of the last 200 response.';
comment on column fetch_state.content_sha256 is 'SHA-256 of the last body downloaded (its object in the raw store).';
comment on column fetch_state.status is 'HTTP status of the last attempt (304 when unchanged); NULL when no response.';
comment on column fetch_state.fetched_at is 'When the body was last downloaded.';
comment on column fetch_state.checked_at is 'When the URL was last requested.';
comment on column fetch_state.error is 'Why the last attempt failed, if it did.';
