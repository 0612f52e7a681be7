-- 91_feature_checks: invariant checks of cohort_retention, feature_economics, feature_retention and plan_economics,
-- added to flywheel.data_quality (90_data_quality empties it first). Grain: one 'error' row per failed check (detail
-- names the months or cohorts; affected_rows counts the failing rows), or a single 'info' row when all hold.
-- Sums of stored values are compared exactly up to 1e-9; attributed revenue (a sum of quotients) up to 1e-12 of the
-- revenue involved. The per-month checks cover the months this compute rebuilt (all, or months >= from_month in a
-- month-incremental compute, whose earlier months are those the previous compute built and checked, unchanged); the
-- cohort checks cover every cohort.

-- The per-month totals join user_months to a few months whose row counts the planner underestimates: with nested
-- loops it would read user_months once per month.
set local enable_nestloop = off;

insert into flywheel.data_quality (check_name, severity, detail, affected_rows)
with settings as (
    select first_month, last_month, target_gross_margin as tgm from work.run_settings limit 1
),
range_months as (
    -- (the months checked)
    select m.month
    from work.months as m
    cross join settings as s
    where m.month between s.first_month and s.last_month
      and m.month >= (select coalesce(from_month, '-infinity') from compute_mode)
),
um_totals as (
    -- (flywheel.user_months summed per month by 90_data_quality)
    select r.month,
        coalesce(t.user_rows, 0) as user_rows,
        coalesce(t.payers, 0) as payers,
        coalesce(t.calls, 0) as calls,
        coalesce(t.cost, 0) as cost,
        coalesce(t.revenue, 0) as revenue,
        coalesce(t.attributable, 0) as attributable,
        coalesce(t.attributable_abs, 0) as attributable_abs
    from range_months as r
    left join um_month_totals as t on t.month = r.month
),
-- Cohorts: sizes equal the users with that cohort month; k runs 0..months to last_month; retained <= size.
expected_cohorts as (
    -- (the users per cohort month, counted over work.users by 50_cohort_retention: cohort_size_counts)
    select c.cohort_kind, c.cohort_month, c.cohort_size,
        ((extract(year from s.last_month) - extract(year from c.cohort_month)) * 12
            + extract(month from s.last_month) - extract(month from c.cohort_month))::integer as last_k
    from cohort_size_counts as c
    cross join settings as s
    where c.cohort_month between s.first_month and s.last_month
),
actual_cohorts as (
    select cohort_kind, cohort_month, min(cohort_size) as min_size, max(cohort_size) as max_size,
        count(*) as row_count, min(months_since) as min_k, max(months_since) as max_k,
        bool_or(retained_users > cohort_size or retained_users < 0) as bad_retained
    from flywheel.cohort_retention
    group by cohort_kind, cohort_month
),
check_cohorts as (
    select 'features_cohort_sizes' as check_name, count(*) as bad,
        'cohorts whose size, months or retained users disagree with work.users: '
            || string_agg(coalesce(e.cohort_kind, a.cohort_kind) || ' '
                || to_char(coalesce(e.cohort_month, a.cohort_month), 'YYYY-MM'), ', '
                order by coalesce(e.cohort_kind, a.cohort_kind), coalesce(e.cohort_month, a.cohort_month)) as detail
    from expected_cohorts as e
    full join actual_cohorts as a on a.cohort_kind = e.cohort_kind and a.cohort_month = e.cohort_month
    where e.cohort_kind is null or a.cohort_kind is null
        or a.min_size <> e.cohort_size or a.max_size <> e.cohort_size
        or a.min_k <> 0 or a.max_k <> e.last_k or a.row_count <> e.last_k + 1 or a.bad_retained
),
check_cohorts_kpis as (
    select 'features_cohorts_vs_kpis' as check_name, count(*) as bad,
        'months whose signup cohort size differs from monthly_kpis.signups or whose first_payment cohort size differs '
            || 'from monthly_kpis.new_payers: '
            || string_agg(to_char(k.month, 'YYYY-MM'), ', ' order by k.month) as detail
    from flywheel.monthly_kpis as k
    join range_months as r on r.month = k.month
    left join flywheel.cohort_retention as su
        on su.cohort_kind = 'signup' and su.cohort_month = k.month and su.months_since = 0
    left join flywheel.cohort_retention as fp
        on fp.cohort_kind = 'first_payment' and fp.cohort_month = k.month and fp.months_since = 0
    where coalesce(su.cohort_size, 0) <> coalesce(k.signups, 0)
        or coalesce(fp.cohort_size, 0) <> coalesce(k.new_payers, 0)
),
-- Feature economics against user_months: calls, cost and attributed revenue add up per month.
fe_totals as (
    select r.month,
        coalesce(sum(f.calls), 0) as calls, coalesce(sum(f.cost), 0) as cost,
        coalesce(sum(f.revenue_by_cost), 0) as by_cost, coalesce(sum(f.revenue_by_calls), 0) as by_calls,
        coalesce(sum(f.revenue_by_users), 0) as by_users
    from range_months as r
    left join flywheel.feature_economics as f on f.month = r.month
    group by r.month
),
check_fe_totals as (
    select 'features_cost_and_calls' as check_name, count(*) as bad,
        'months whose feature calls or cost do not add up to user_months: '
            || string_agg(to_char(t.month, 'YYYY-MM') || format(' (calls %s vs %s, cost %s vs %s)', f.calls, t.calls,
                f.cost, t.cost), ', ' order by t.month) as detail
    from um_totals as t
    join fe_totals as f on f.month = t.month
    where f.calls <> t.calls or abs(f.cost - t.cost) > 1e-9
),
check_fe_revenue as (
    select 'features_revenue_attribution' as check_name, count(*) as bad,
        'months whose attributed revenue (by cost, calls, users) differs from the net revenue of active payers: '
            || string_agg(to_char(t.month, 'YYYY-MM') || format(' (%s, %s, %s vs %s)', f.by_cost, f.by_calls,
                f.by_users, t.attributable), ', ' order by t.month) as detail
    from um_totals as t
    join fe_totals as f on f.month = t.month
    where abs(f.by_cost - t.attributable) > 1e-9 + 1e-12 * t.attributable_abs
        or abs(f.by_calls - t.attributable) > 1e-9 + 1e-12 * t.attributable_abs
        or abs(f.by_users - t.attributable) > 1e-9 + 1e-12 * t.attributable_abs
),
check_fe_rows as (
    select 'features_row_consistency' as check_name, count(*) as bad,
        'feature rows with cost <> cost_paid + cost_free, paying_users > users, no calls, or a status and reason '
            || 'that disagree: '
            || string_agg(to_char(month, 'YYYY-MM') || ' ' || feature, ', ' order by month, feature) as detail
    from flywheel.feature_economics
    where month in (select month from range_months) and (cost <> cost_paid + cost_free or paying_users > users or users < 1 or calls < 1
        or cost_paid < 0 or cost_free < 0
        or (status = 'covered') <> (reason is null) or reason = ''
        or (cost = 0 and status <> 'covered')
        or margin <> revenue_by_cost - cost)
),
-- Free-use cap: recompute both sides of the search at q and q + 1 from the free users' call counts (non-payers with a
-- call of the feature, per call count: feature_call_split of 60_feature_economics).
capped_rows as (
    select fe.month, fe.feature, fe.free_cap_calls as q
    from flywheel.feature_economics as fe
    where fe.free_cap_calls is not null and fe.month in (select month from range_months)
),
free_counts as (
    select f.month, f.feature, f.calls, f.n_free as n
    from feature_call_split as f
    join capped_rows as k on k.month = f.month and k.feature = f.feature
    where f.n_free > 0
),
cap_check as (
    select fe.month, fe.feature, fe.cost_free, fe.free_cap_calls as q, fe.free_cap_savings, fe.free_cap_affected_users,
        greatest(0, fe.revenue_by_cost * (1 - s.tgm) - fe.cost_paid) as budget,
        sum(fc.calls * fc.n) as calls_free,
        sum(least(fc.calls, fe.free_cap_calls) * fc.n) as g_q,
        sum(least(fc.calls, fe.free_cap_calls + 1) * fc.n) as g_next,
        coalesce(sum(fc.n) filter (where fc.calls > fe.free_cap_calls), 0) as above_q
    from flywheel.feature_economics as fe
    cross join settings as s
    left join free_counts as fc on fc.month = fe.month and fc.feature = fe.feature
    where fe.month in (select month from range_months)
    group by fe.month, fe.feature, fe.cost_free, fe.free_cap_calls, fe.free_cap_savings, fe.free_cap_affected_users,
        fe.revenue_by_cost, fe.cost_paid, s.tgm
),
check_cap as (
    select 'features_free_cap' as check_name, count(*) as bad,
        'features whose free-use cap is not the largest q within budget or whose savings / affected users disagree: '
            || string_agg(to_char(month, 'YYYY-MM') || ' ' || feature, ', ' order by month, feature) as detail
    from cap_check
    where (q is not null) <> (cost_free > budget)
        or (q is not null and (
            q < 0 or g_q * cost_free > budget * calls_free or g_next * cost_free <= budget * calls_free
            or abs(free_cap_savings - (cost_free - g_q * cost_free / calls_free)) > 1e-9
            or free_cap_affected_users <> above_q))
        or (q is null and (free_cap_savings is not null or free_cap_affected_users is not null))
),
-- Feature retention: counts within the payers of M-1.
prev_payers as (
    select r.month, count(u.user_id) as payers_prev
    from range_months as r
    left join flywheel.user_months as u on u.month = (r.month - interval '1 month')::date and u.is_payer
    group by r.month
),
check_retention as (
    select 'features_retention_counts' as check_name, count(*) as bad,
        'feature retention rows with retained_using > payers_using, payers_using > payers of M-1 or an inconsistent '
            || 'lift: ' || string_agg(to_char(f.month, 'YYYY-MM') || ' ' || f.feature, ', '
                order by f.month, f.feature) as detail
    from flywheel.feature_retention as f
    join range_months as r on r.month = f.month
    left join prev_payers as p on p.month = f.month
    where f.retained_using > f.payers_using or f.payers_using < 1 or f.payers_using > coalesce(p.payers_prev, 0)
        or f.lift is distinct from f.retention_using - f.retention_not_using
),
-- Plan economics partitions the month's user_months rows.
plan_totals as (
    select month, sum(users) as user_rows, sum(payers) as payers, sum(revenue) as revenue, sum(cost) as cost
    from flywheel.plan_economics
    group by month
),
check_plans as (
    select 'features_plan_totals' as check_name, count(*) as bad,
        'months whose plans do not add up to user_months (rows, payers, revenue, cost): '
            || string_agg(to_char(t.month, 'YYYY-MM'), ', ' order by t.month) as detail
    from um_totals as t
    left join plan_totals as p on p.month = t.month
    where coalesce(p.user_rows, 0) <> t.user_rows or coalesce(p.payers, 0) <> t.payers
        or abs(coalesce(p.revenue, 0) - t.revenue) > 1e-9 or abs(coalesce(p.cost, 0) - t.cost) > 1e-9
),
checks as (
    select * from check_cohorts
    union all select * from check_cohorts_kpis
    union all select * from check_fe_totals
    union all select * from check_fe_revenue
    union all select * from check_fe_rows
    union all select * from check_cap
    union all select * from check_retention
    union all select * from check_plans
)
select check_name, 'error', detail, bad
from checks
where bad > 0
union all
select 'features_invariants', 'info',
    format('all %s cohort, feature and plan invariant checks hold', count(*)), 0
from checks
having bool_and(bad = 0);

set local enable_nestloop = default;
