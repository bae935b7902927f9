-- Attribution: documents.source_kind, reports.region_evidence/year_evidence, metrics.status/attribution/repaired_value
alter table documents add column source_kind varchar;
alter table reports add column region_evidence varchar;
alter table reports add column year_evidence varchar;
alter table metrics add column status varchar;
alter table metrics add column attribution varchar;
alter table metrics add column repaired_value double;
