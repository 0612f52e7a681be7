-- 70_feature_retention: flywheel.feature_retention, one row per month M (inside the range) x feature used in M-1 by
-- at least one payer of M-1. Over the payers of M-1: payers_using used the feature in M-1, retained_using of them are
-- payers in M; retention_not_using is the same share for payers of M-1 that did not use it; lift the difference.
-- Ratios are NULL when their denominator is 0. Reads flywheel.user_months, work.user_feature_months (and _recent).
-- A month-incremental compute (compute_mode.from_month) rebuilds only the months whose inputs may have changed: a row
-- of M depends on the usage of M-1 and on payer status in M-1 and M, and payments are unchanged in such a compute, so
-- months M with M-1 >= from_month, plus from_month itself when it is new to the range (its rows do not exist yet).
-- Usually the new rows are in the last month and nothing is rebuilt.
create temp table retention_rebuild on commit drop as
select case when c.from_month is null then '-infinity'::date
            when c.from_month <= c.prev_last_month then (c.from_month + interval '1 month')::date
            else c.from_month end as from_month,
       s.last_month
from compute_mode c
cross join work.run_settings s;

delete from flywheel.feature_retention where month >= (select from_month from retention_rebuild);

insert into flywheel.feature_retention (
    month, feature, payers_using, retained_using, retention_using, retention_not_using, lift
)
with settings as (
    select first_month, last_month from work.run_settings limit 1
),
rebuild as (
    select from_month from retention_rebuild
),
-- Payers of M-1 (prev_month), with whether they are payers in M (user_months holds in-range months only; M past
-- the range is dropped at the end).
prev_payers as (
    select p.user_id, p.month as prev_month, (p.month + interval '1 month')::date as month,
        c.user_id is not null as retained
    from flywheel.user_months as p
    left join flywheel.user_months as c
        on c.user_id = p.user_id and c.month = (p.month + interval '1 month')::date and c.is_payer
    where p.is_payer and (p.month + interval '1 month')::date >= (select from_month from rebuild)
),
totals as (
    select month, count(*) as payers_prev, count(*) filter (where retained) as retained_prev
    from prev_payers
    group by month
),
-- The payers' groups with a call in M-1: 60_feature_economics' payer_features when it holds every month needed (its
-- months are those from compute_mode.from_month: always in a full compute, and when M-1 >= from_month), else the
-- usage groups joined to the payers (the months new to the range of a month-incremental compute need the month
-- before from_month). (There, the payers are joined from user_months rather than from prev_payers: the planner knows
-- how the table's keys are distributed, so it hashes the payers and reads the usage rows once.)
payer_usage as (
    select pf.user_id, pf.month, pf.feature
    from payer_features as pf
    where ((select from_month from rebuild) - interval '1 month')::date
          >= (select coalesce(from_month, '-infinity') from compute_mode)
      and (pf.month + interval '1 month')::date >= (select from_month from rebuild)
    union all
    select f.user_id, f.month, f.feature
    from (select user_id, month, feature, calls from work.user_feature_months
          union all  -- (the months an incremental compute rebuilds, see 20_usage_cost)
          select user_id, month, feature, calls from work.user_feature_months_recent) as f
    join flywheel.user_months as p on p.user_id = f.user_id and p.month = f.month and p.is_payer
    where ((select from_month from rebuild) - interval '1 month')::date
          < (select coalesce(from_month, '-infinity') from compute_mode)
      and f.calls > 0 and (f.month + interval '1 month')::date >= (select from_month from rebuild)
),
using_feature as (
    select (u.month + interval '1 month')::date as month, u.feature, count(*) as payers_using,
        count(*) filter (where c.user_id is not null) as retained_using
    from payer_usage as u
    left join flywheel.user_months as c
        on c.user_id = u.user_id and c.month = (u.month + interval '1 month')::date and c.is_payer
    group by 1, u.feature
),
rates as (
    select u.month, u.feature, u.payers_using, u.retained_using,
        u.retained_using::numeric / u.payers_using as retention_using,
        (t.retained_prev - u.retained_using)::numeric / nullif(t.payers_prev - u.payers_using, 0)
            as retention_not_using
    from using_feature as u
    join totals as t on t.month = u.month
    cross join settings as s
    where u.month between s.first_month and s.last_month
)
select month, feature, payers_using, retained_using, retention_using, retention_not_using,
    retention_using - retention_not_using as lift
from rates
-- (nothing to rebuild: a one-time filter, so the tables are not read at all)
where (select from_month from retention_rebuild) <= (select last_month from retention_rebuild);

analyze flywheel.feature_retention;
