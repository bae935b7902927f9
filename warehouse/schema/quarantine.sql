-- Grain: one row per rejected input, stage and reason.
create table if not exists quarantine (
    uri    varchar not null,
    stage  varchar not null,
    reason varchar not null,
    detail varchar not null,
    "at"   timestamp not null,
    content_sha256 varchar,
    primary key (uri, stage, reason)
);
comment on table quarantine is 'Inputs the pipeline rejected, with the stage and the reason; first sighting kept.';
comment on column quarantine.uri is 'The rejected item.';
comment on column quarantine.stage is 'acquire, decode, clean or extract.';
comment on column quarantine.reason is 'Short machine-readable reason.';
comment on column quarantine.detail is 'Human-readable detail.';
comment on column quarantine."at" is 'When it was first rejected (UTC).';
comment on column quarantine.content_sha256 is 'SHA-256 of the latest rejected bytes, when known: a rerun counts the same bytes as unchanged instead of rejecting them again.';
