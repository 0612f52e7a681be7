-- 10_settings_months: the settings of this compute (work.run_settings, one row) and its months (work.months).
-- Grain: one settings row; one row per month from the month before first_month to the month of as_of.
-- as_of: flywheel.as_of when given, else the latest occurred_at over usage, feedback and payments (voided charges
-- and their refunds included). first_month: month of the earliest such event at or before as_of (rows after an
-- explicit as_of are ignored everywhere). Months are calendar months in the session TimeZone (the reporting zone).
-- A month is complete when as_of is on or after the first instant of its last day.

-- For the rest of the compute transaction only: hash aggregates over the usage rows need memory, and JIT compilation
-- costs more than it saves on these one-off statements.
set local work_mem = '256MB';
set local jit = off;
-- Row estimates of the intermediate tables are rough; hash joins are the right choice for every join here, and
-- merge joins would sort per-user tables on text keys.
set local enable_mergejoin = off;

truncate work.run_settings, work.months;

insert into work.run_settings (as_of, first_month, last_month, reporting_currency, target_gross_margin, computed_at,
                               reporting_timezone, as_of_explicit)
with cfg as (
    select nullif(current_setting('flywheel.as_of', true), '')::timestamptz as given_as_of,
           coalesce(nullif(current_setting('flywheel.reporting_currency', true), ''), 'USD') as reporting_currency,
           coalesce(nullif(current_setting('flywheel.target_gross_margin', true), ''), '0.5')::numeric
               as target_gross_margin
),
spans as (
    -- one scan per table: the latest event, and the earliest one at or before the explicit as_of (if any)
    select max(u.occurred_at) as latest,
           min(u.occurred_at) filter (where cfg.given_as_of is null or u.occurred_at <= cfg.given_as_of) as earliest
    from events.usage u cross join cfg
    union all
    select max(f.occurred_at),
           min(f.occurred_at) filter (where cfg.given_as_of is null or f.occurred_at <= cfg.given_as_of)
    from events.feedback f cross join cfg
    union all
    select max(p.occurred_at),
           min(p.occurred_at) filter (where cfg.given_as_of is null or p.occurred_at <= cfg.given_as_of)
    from events.payments p cross join cfg
),
bounds as (
    select max(latest) as latest, min(earliest) as earliest from spans
)
select coalesce(cfg.given_as_of, bounds.latest) as as_of,
       date_trunc('month', bounds.earliest)::date as first_month,
       case when bounds.earliest is not null
            then date_trunc('month', coalesce(cfg.given_as_of, bounds.latest))::date end as last_month,
       cfg.reporting_currency,
       cfg.target_gross_margin,
       now() as computed_at,
       current_setting('TimeZone') as reporting_timezone,
       cfg.given_as_of is not null as as_of_explicit
from cfg cross join bounds;

insert into work.months (month, month_start, month_end, complete, month_index, in_range)
with s as (
    select as_of, first_month, last_month from work.run_settings
),
series as (
    select g::date as month, g as local_start
    from s
    cross join generate_series(s.first_month::timestamp - interval '1 month', s.last_month::timestamp,
                               interval '1 month') as g
    where s.first_month is not null
)
select series.month,
       series.local_start::timestamptz as month_start,
       (series.local_start + interval '1 month')::timestamptz as month_end,
       s.as_of >= (series.local_start + interval '1 month' - interval '1 day')::timestamptz as complete,
       ((extract(year from series.month) - extract(year from s.first_month)) * 12
        + extract(month from series.month) - extract(month from s.first_month))::integer as month_index,
       series.month >= s.first_month as in_range
from series cross join s;

analyze work.run_settings;
analyze work.months;
