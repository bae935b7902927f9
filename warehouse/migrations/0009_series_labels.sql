-- v9: metrics.series_label (figures the catalog has no code for join the series of their label).
alter table metrics add column if not exists series_label varchar;
