-- Grain: one row per migration applied to this warehouse file.
create table if not exists schema_version (
    version    integer primary key,
    applied_at timestamp not null,
    note       varchar not null
);
comment on table schema_version is 'Schema migrations applied to this warehouse, newest = current version.';
comment on column schema_version.version is 'Schema version reached by the migration.';
comment on column schema_version.applied_at is 'When it was applied (UTC).';
comment on column schema_version.note is 'What the migration changed.';

-- Grain: one row: the digest of the schema files last applied (so a writer that finds the
-- schema current does not apply it again).
create table if not exists schema_files (digest varchar not null);
comment on table schema_files is 'Digest of the schema and migration files last applied to this warehouse.';
comment on column schema_files.digest is 'sha256 of every .sql file under warehouse/schema and warehouse/migrations.';
