-- v7: metrics keep their run history (figure_key, first_seen_run, last_changed_run) and corrections (corrected, excluded, the original values).
alter table metrics add column if not exists figure_key varchar;
alter table metrics add column if not exists first_seen_run integer;
alter table metrics add column if not exists last_changed_run integer;
alter table metrics add column if not exists corrected boolean default false;
alter table metrics add column if not exists excluded boolean default false;
alter table metrics add column if not exists correction_id varchar;
alter table metrics add column if not exists original_value double;
alter table metrics add column if not exists original_unit varchar;
alter table metrics add column if not exists original_indicator varchar;
alter table metrics add column if not exists original_region_name varchar;
alter table metrics add column if not exists original_region_level varchar;
alter table metrics add column if not exists original_year integer;
alter table metrics add column if not exists original_plausible boolean;
alter table metrics add column if not exists original_plausibility_reason varchar;
update metrics set corrected = false, excluded = false where corrected is null;
