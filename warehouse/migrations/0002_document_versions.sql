-- v2: first_seen_at, simhash and transforms_version on documents; document_versions keeps every content.
alter table documents add column if not exists first_seen_at timestamp;
update documents set first_seen_at = fetched_at where first_seen_at is null;
alter table documents add column if not exists simhash bigint;
alter table documents add column if not exists transforms_version varchar;
