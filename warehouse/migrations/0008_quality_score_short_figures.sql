-- v8: quality_score, short and figures_sha256 on documents (spun pages scored, short pages flagged, near-duplicates need the same figures).
alter table documents add column if not exists quality_score double;
alter table documents add column if not exists short boolean;
alter table documents add column if not exists figures_sha256 varchar;
