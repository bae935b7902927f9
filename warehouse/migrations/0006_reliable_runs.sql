-- v6: quarantine.content_sha256 (rejected bytes are not retried) and documents.removed_at (files gone from a local source).
alter table quarantine add column if not exists content_sha256 varchar;
alter table documents add column if not exists removed_at timestamp;
