-- Grain: one row per indicator of the catalog (transforms/indicators.yaml), rewritten by every run.
create table if not exists indicators (
    code       varchar primary key,
    stage      varchar not null,
    stage_name varchar not null,
    measure    varchar not null,
    name       varchar not null,
    unit       varchar not null,
    dimension  varchar not null,
    min        double,
    max        double,
    forms      varchar[] not null
);
comment on table indicators is 'The indicator catalog: what each code in metrics.indicator measures, by stage, so BI tools can group by stage.';
comment on column indicators.code is 'Canonical code, as stored in metrics.indicator.';
comment on column indicators.stage is 'Stage of education (all, preschool, compulsory, primary, junior, special, senior, general_senior, vocational, higher, graduate, private, basic, adult).';
comment on column indicators.stage_name is 'The stage in Chinese (综合, 学前教育, 小学 …).';
comment on column indicators.measure is 'What is measured (schools, intake, enrolment, graduates, teachers, staff, ratio, gross_rate …).';
comment on column indicators.name is 'Chinese name of the indicator.';
comment on column indicators.unit is 'Base unit of its values.';
comment on column indicators.dimension is 'count, rate, money, area, ratio or per_capita.';
comment on column indicators.min is 'Plausible minimum of a level.';
comment on column indicators.max is 'Plausible maximum of a level at national level (counts and money scale down for provinces, cities and counties).';
comment on column indicators.forms is 'Named surface forms (a figure whose label holds one is this indicator); empty when the stage and measure decide.';
