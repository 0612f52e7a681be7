-- 60_feature_economics: flywheel.feature_economics, one row per month x feature with at least one call in the month.
-- calls / users / paying_users / cost / cost_paid / cost_free come from work.user_feature_months, split by whether
-- the user is a payer of the month in flywheel.user_months. Each payer with a call in M attributes its net
-- revenue(u,M) (can be negative) to the features it used in M: by cost share cost(u,F,M)/cost(u,M) (the whole split
-- by calls when cost(u,M) = 0), by calls(u,F,M)/calls(u,M), and in equal shares per feature used. Status compares
-- exactly, with target x cost <= r written as cost <= r x (1 - target_gross_margin). The free-use cap q is found
-- set-based: the capped free calls g(q) = sum over free users of min(calls, q) are piecewise linear in q between
-- consecutive distinct call counts c_prev < c, g(q) = s_below + q x r (s_below: calls of users with fewer than c
-- calls, r: users with at least c). The segment with g(c_prev) x cost_free <= budget x calls_free < g(c) x cost_free
-- holds the answer q = floor((budget x calls_free - s_below x cost_free) / (r x cost_free)), computed with integer
-- div (exact).
-- A month-incremental compute (compute_mode.from_month) rebuilds only months >= from_month: a month's rows depend
-- only on that month's user_feature_months and user_months rows.
delete from flywheel.feature_economics where month >= (select coalesce(from_month, '-infinity') from compute_mode);

-- The payers' usage groups (one pass over the groups of the months rebuilt; also read by 70_feature_retention):
-- calls(u,M), cost(u,M) are user_months.calls / cost (= the sums over the user's groups); the payers with a call in M
-- are the ones that attribute.
create temp table payer_features on commit drop as
with rebuild as (
    select coalesce(from_month, '-infinity') as from_month from compute_mode
),
payer_months as not materialized (
    select user_id, month, revenue, calls as calls_u, cost as cost_u
    from flywheel.user_months
    where is_payer and calls > 0 and month >= (select from_month from rebuild)
)
select f.user_id, f.month, f.feature, f.calls, f.cost, p.revenue, p.calls_u, p.cost_u,
    -- (the partition compared byte-wise: the same groups, without sorting by the collation's rules)
    count(*) over (partition by f.user_id collate "C", f.month) as features_u
from ufm_scope as f  -- (usage groups of the months rebuilt, see 40_users)
join payer_months as p on p.user_id = f.user_id and p.month = f.month
where f.calls > 0 and f.month >= (select from_month from rebuild);

-- Users and cost per month x feature x call count, for everybody (feature_call_counts, 42_monthly_kpis) and for
-- payers; the difference is the free users' part, whose distribution of calls the free-use cap searches (here and in
-- 91_feature_checks).
create temp table feature_call_split on commit drop as
with all_counts as (
    select month, feature, calls, users as n, cost
    from feature_call_counts
    where calls > 0
),
paid_counts as (
    select month, feature, calls, count(*) as n, sum(cost) as cost
    from payer_features
    group by month, feature, calls
)
select a.month, a.feature, a.calls,
    coalesce(p.n, 0) as n_paid, a.n - coalesce(p.n, 0) as n_free,
    coalesce(p.cost, 0) as cost_paid, a.cost - coalesce(p.cost, 0) as cost_free
from all_counts as a
left join paid_counts as p on p.month = a.month and p.feature = a.feature and p.calls = a.calls;

insert into flywheel.feature_economics (
    month, feature, calls, users, paying_users, cost, cost_paid, cost_free, revenue_by_cost, revenue_by_calls,
    revenue_by_users, coverage, margin, status, reason, free_cap_calls, free_cap_savings, free_cap_affected_users
)
with settings as (
    select first_month, last_month, target_gross_margin as tgm, reporting_currency from work.run_settings limit 1
),
paid as (
    select month, feature,
        sum(case when cost_u > 0 then revenue * cost / cost_u else revenue * calls / calls_u end) as revenue_by_cost,
        sum(revenue * calls / calls_u) as revenue_by_calls,
        sum(revenue / features_u) as revenue_by_users
    from payer_features
    group by month, feature
),
totals as (
    select month, feature,
        sum(calls * (n_paid + n_free)) as calls,
        sum(n_paid + n_free) as users,
        sum(n_paid) as paying_users,
        sum(cost_paid + cost_free) as cost,
        sum(cost_paid) as cost_paid,
        sum(cost_free) as cost_free,
        sum(calls * n_free) as calls_free
    from feature_call_split
    group by month, feature
),
features as (
    select t.month, t.feature, t.calls::bigint as calls, t.users, t.paying_users, t.cost, t.cost_paid, t.cost_free,
        coalesce(p.revenue_by_cost, 0) as revenue_by_cost, coalesce(p.revenue_by_calls, 0) as revenue_by_calls,
        coalesce(p.revenue_by_users, 0) as revenue_by_users, t.calls_free
    from totals as t
    left join paid as p on p.month = t.month and p.feature = t.feature
    cross join settings as s
    where t.month between s.first_month and s.last_month
),
judged as (
    select f.*, s.tgm, s.reporting_currency,
        greatest(0, f.revenue_by_cost * (1 - s.tgm) - f.cost_paid) as budget,
        case
            when f.cost = 0 then 'covered'
            when f.revenue_by_cost < f.cost and f.revenue_by_calls < f.cost and f.revenue_by_users < f.cost
                then 'uncovered'
            when f.revenue_by_cost < f.cost or f.revenue_by_calls < f.cost or f.revenue_by_users < f.cost
                then 'ambiguous'
            when f.revenue_by_cost * (1 - s.tgm) >= f.cost and f.revenue_by_calls * (1 - s.tgm) >= f.cost
                and f.revenue_by_users * (1 - s.tgm) >= f.cost
                then 'covered'
            else 'below_target'
        end as status
    from features as f
    cross join settings as s
),
capped as (
    select month, feature, budget, cost_free, calls_free
    from judged
    where cost_free > budget
),
-- "free users of F": non-payers with a call of F in M.
free_counts as (
    select c.month, c.feature, c.calls as c, c.n_free as n
    from feature_call_split as c
    join capped as k on k.month = c.month and k.feature = c.feature
    where c.n_free > 0
),
segments as (
    select month, feature, c,
        coalesce(lag(c) over w, 0) as c_prev,
        coalesce(sum(c * n) over (w rows between unbounded preceding and 1 preceding), 0) as s_below,
        sum(n) over (w rows between current row and unbounded following) as r
    from free_counts
    window w as (partition by month, feature order by c)
),
cap as (
    select g.month, g.feature,
        div(k.budget * k.calls_free - g.s_below * k.cost_free, g.r * k.cost_free)::bigint as q,
        g.s_below, g.r, k.cost_free, k.calls_free
    from segments as g
    join capped as k on k.month = g.month and k.feature = g.feature
    where (g.s_below + g.c_prev * g.r) * k.cost_free <= k.budget * k.calls_free
        and (g.s_below + g.c * g.r) * k.cost_free > k.budget * k.calls_free
),
cap_results as (
    select month, feature, q as free_cap_calls,
        cost_free * (calls_free - (s_below + q * r)) / calls_free as free_cap_savings,
        r as free_cap_affected_users
    from cap
),
worded as (
    select j.*, c.free_cap_calls, c.free_cap_savings, c.free_cap_affected_users,
        trim_scale(trunc(j.revenue_by_cost / nullif(j.cost, 0), 2)) || 'x' as x_cost,
        trim_scale(trunc(j.revenue_by_calls / nullif(j.cost, 0), 2)) || 'x' as x_calls,
        trim_scale(trunc(j.revenue_by_users / nullif(j.cost, 0), 2)) || 'x' as x_users,
        case when j.tgm < 1 then trim_scale(round(1 / (1 - j.tgm), 2)) || 'x' else 'unbounded' end as x_target,
        trim_scale(round(100 * j.tgm, 1)) || '%' as margin_pct,
        j.revenue_by_cost < j.cost as short_cost,
        j.revenue_by_calls < j.cost as short_calls,
        j.revenue_by_users < j.cost as short_users
    from judged as j
    left join cap_results as c on c.month = j.month and c.feature = j.feature
)
select month, feature, calls, users, paying_users, cost, cost_paid, cost_free,
    revenue_by_cost, revenue_by_calls, revenue_by_users,
    revenue_by_cost / nullif(cost, 0) as coverage,
    revenue_by_cost - cost as margin,
    status,
    case when status <> 'covered' then
        case status
            when 'uncovered' then
                case when paying_users = 0 then 'no payer used it, so no revenue covers its cost'
                when revenue_by_cost < 0 then 'its payers'' net revenue is negative after refunds (' || x_cost
                    || ' its cost by cost share, ' || x_calls || ' by calls, ' || x_users || ' by users)'
                else 'revenue covers only ' || x_cost || ' its cost by cost share (' || x_calls || ' by calls, '
                    || x_users || ' by users)' end
            when 'ambiguous' then
                'revenue covers its cost by '
                || concat_ws(' and ', case when not short_cost then 'cost share' end,
                    case when not short_calls then 'calls' end, case when not short_users then 'users' end)
                || ' but not by '
                || concat_ws(' or ', case when short_cost then 'cost share' end,
                    case when short_calls then 'calls' end, case when short_users then 'users' end)
                || ' (' || x_cost || ' by cost share, ' || x_calls || ' by calls, ' || x_users || ' by users)'
            else
                'revenue covers ' || x_cost || ' its cost by cost share (' || x_calls || ' by calls, ' || x_users
                || ' by users), below the ' || x_target || ' needed for a ' || margin_pct || ' gross margin'
        end
        || case when cost_free > 0
            then '; free users cause ' || round(100 * cost_free / cost) || '% of its cost' else '' end
        || case when free_cap_calls is not null
            then '; capping free use at ' || free_cap_calls || ' calls per user a month would save '
                || to_char(round(free_cap_savings, 2), 'FM999999999999990.00') || ' ' || reporting_currency
                || ' (' || free_cap_affected_users
                || case when free_cap_affected_users = 1 then ' free user' else ' free users' end || ' affected)'
            else '' end
    end as reason,
    free_cap_calls, free_cap_savings, free_cap_affected_users
from worded;

analyze flywheel.feature_economics;
