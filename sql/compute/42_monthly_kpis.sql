-- 42_monthly_kpis: one row per month of the range (first_month..month of as_of) with the KPIs of SPEC 4 / 4.1.
-- Sources: work.user_month_all (per user x month), work.user_month_pairs (M-1 vs M per user), work.users
-- (signup_month, first_paid_month), the usage groups x catalog.features (value_created), feedback counts.
-- Every ratio is NULL when its denominator is 0; money is never rounded.
-- The per-user sums go through work.month_parts (one row per in-range month, also read by 43 and 44), rebuilt only
-- for months >= compute_mode.from_month in a month-incremental compute (earlier months' per-user rows were kept as
-- they were, so were their sums); everything below it is per month and cheap to recompute in full.

-- Users (and their cost and unpriced calls) per month x feature x number of calls in the month, of the months
-- rebuilt: for value_created below, 60_feature_economics (with the payers' part, the free users' distribution of calls
-- that the free-use cap searches) and 90_data_quality (usage totals), so that those read the usage groups once.
-- Kept in work.feature_call_counts (migration 0024): a month-incremental compute adds the changes of the groups it
-- merged (20_usage_cost: counts and exact sums, so the numbers a rebuild gives; a call count no user has any more is
-- removed), any other rebuilds it from every group: a dynamic statement, so that it runs in parallel workers (few
-- groups: partial aggregates merged in the leader).
do $$
begin
    if (select from_month from compute_mode) is not null then
        with changed as (
            delete from work.feature_call_counts c
            where (c.month, c.feature, c.calls) in (select month, feature, calls from feature_call_count_changes)
            returning c.*
        )
        insert into work.feature_call_counts (month, feature, calls, users, cost, unpriced_calls)
        select x.month, x.feature, x.calls, x.users + coalesce(c.users, 0), x.cost + coalesce(c.cost, 0),
               x.unpriced_calls + coalesce(c.unpriced_calls, 0)
        from feature_call_count_changes x
        left join changed c on c.month = x.month and c.feature = x.feature and c.calls = x.calls
        where x.users + coalesce(c.users, 0) <> 0;
        execute format($q$
            create temp table feature_call_counts on commit drop as
            select month, feature, calls, users, cost, unpriced_calls
            from work.feature_call_counts
            where month >= %L
        $q$, (select from_month from compute_mode));
    else
        execute $q$
            create temp table feature_call_counts on commit drop as
            select month, feature, calls, count(*) as users, work.sum_numeric(cost) as cost,
                   work.sum_bigint(unpriced_calls) as unpriced_calls
            from ufm_scope  -- (see 40_users)
            group by month, feature, calls
        $q$;
        truncate work.feature_call_counts;
        insert into work.feature_call_counts (month, feature, calls, users, cost, unpriced_calls)
        select month, feature, calls, users, cost, unpriced_calls from feature_call_counts;
    end if;
end
$$;

-- value_created per month of the months rebuilt (calls x users x value: the same exact sum as over every user's calls
-- x value).
create temp table month_value on commit drop as
select c.month, sum(c.calls * c.users * f.value_per_call) as value_created
from feature_call_counts c
join catalog.features f on f.feature = c.feature
where f.value_per_call is not null
group by c.month;

-- Months built here from every user's rows: all in a full compute, the months new to the range in a month-incremental
-- one. The other months >= from_month (those the previous compute had) are updated below by the changes of the
-- per-user rows 41_user_months wrote (um_change: new minus old): counts and exact sums, so the same numbers as a
-- rebuild. (Payer pairs do not change then: they are kept.)
create temp table month_parts_rebuild on commit drop as
select month, month_start,
       month > r.prev_last_month or r.all_rows as built
from work.months
cross join um_rebuild r
where in_range and month >= r.from_month;

delete from work.month_parts
where (select all_rows from um_rebuild) or month in (select month from month_parts_rebuild where built);

insert into work.month_parts (month, active_users, payers, active_payers, active_free_users,
                              active_payers_with_feedback, revenue, cost, cost_paid, cost_free, idle_revenue, mrr_end,
                              feedback_events, positive_feedback_events, payers_prev, payers_retained,
                              reactivated_payers, churned_payers, m0_sum, m1_sum, kept_sum, mrr_start, mrr_new,
                              mrr_reactivation, mrr_expansion, mrr_contraction, mrr_churn, pool, value_created,
                              signups, new_payers)
with m as (
    select month, month_start from month_parts_rebuild where built
),
-- (users whose signup month is a month built here; events.users rows can sign up in a month new to the range without
-- any activity. New payers: first_paid below.)
signups as (
    select u.signup_month as month, count(*) as signups
    from work.users u
    join m on m.month = u.signup_month
    group by u.signup_month
),
cur as (
    select u.month,
           count(*) filter (where is_active) as active_users,
           count(*) filter (where is_payer) as payers,
           count(*) filter (where is_active and is_payer) as active_payers,
           count(*) filter (where is_active and not is_payer) as active_free_users,
           count(*) filter (where is_active and is_payer and feedback_count > 0) as active_payers_with_feedback,
           sum(revenue) as revenue,
           sum(cost) as cost,
           coalesce(sum(cost) filter (where is_payer), 0) as cost_paid,
           coalesce(sum(cost) filter (where not is_payer), 0) as cost_free,
           -- (+ 0 x the month's revenue: the scale of every month's revenue, whichever payers are idle, so that the
           -- updates below give the same text as a rebuild)
           coalesce(sum(revenue) filter (where is_payer and not is_active), 0) + coalesce(0 * sum(revenue), 0)
               as idle_revenue,
           sum(mrr_end) as mrr_end,
           sum(feedback_count) as feedback_events,
           sum(positive_feedback_count) as positive_feedback_events,
           -- (for the pool below)
           count(*) filter (where is_active and (first_paid_month is null or first_paid_month >= u.month))
               as pool_active,
           count(*) filter (where is_active and first_paid_month = u.month) as pool_active_first_paid
    from work.user_month_all u
    join m on m.month = u.month
    group by u.month
),
-- Payer and MRR movements from M-1 to M (43_mrr_movements reads the MRR ones): new = m1 when m0 = 0 and the user
-- never had MRR at an earlier month end (first_mrr_at, month ends before the range included), else reactivation.
pairs as (
    select p.month,
           count(*) filter (where payer_prev) as payers_prev,
           count(*) filter (where payer_prev and payer_cur) as payers_retained,
           count(*) filter (where payer_cur and not payer_prev and first_paid_month < p.month) as reactivated_payers,
           count(*) filter (where payer_prev and not payer_cur) as churned_payers,
           sum(m0) filter (where m0 > 0) as m0_sum,
           sum(m1) filter (where m0 > 0) as m1_sum,
           sum(least(m0, m1)) filter (where m0 > 0) as kept_sum,
           sum(m0) as mrr_start,
           sum(m1) filter (where m0 = 0 and m1 > 0 and (first_mrr_at is null or first_mrr_at >= m.month_start))
               as mrr_new,
           sum(m1) filter (where m0 = 0 and m1 > 0 and first_mrr_at < m.month_start) as mrr_reactivation,
           sum(m1 - m0) filter (where m1 > m0 and m0 > 0) as mrr_expansion,
           sum(m1 - m0) filter (where m1 < m0 and m1 > 0) as mrr_contraction,
           sum(-m0) filter (where m0 > 0 and m1 = 0) as mrr_churn
    from work.user_month_pairs p
    join m on m.month = p.month
    group by p.month
),
-- The acquire pool of 44_loop_stages: users with no non-voided charge before M (first_paid_month NULL or >= M) that
-- are active in M or have first_paid_month = M. Counted without listing them: the active ones (cur.pool_active, one
-- row per user and month) plus the users whose first paid month is M (the month's new payers), less those counted
-- twice (active in M too).
first_paid as (
    select u.first_paid_month as month, count(*) as users
    from work.users u
    join m on m.month = u.first_paid_month
    group by u.first_paid_month
),
pool as (
    select m.month,
           coalesce(c.pool_active, 0) + coalesce(f.users, 0) - coalesce(c.pool_active_first_paid, 0) as pool
    from m
    left join cur c on c.month = m.month
    left join first_paid f on f.month = m.month
)
select m.month,
       coalesce(c.active_users, 0), coalesce(c.payers, 0), coalesce(c.active_payers, 0),
       coalesce(c.active_free_users, 0), coalesce(c.active_payers_with_feedback, 0),
       coalesce(c.revenue, 0), coalesce(c.cost, 0), coalesce(c.cost_paid, 0), coalesce(c.cost_free, 0),
       coalesce(c.idle_revenue, 0), coalesce(c.mrr_end, 0), coalesce(c.feedback_events, 0),
       coalesce(c.positive_feedback_events, 0),
       coalesce(p.payers_prev, 0), coalesce(p.payers_retained, 0), coalesce(p.reactivated_payers, 0),
       coalesce(p.churned_payers, 0), p.m0_sum, p.m1_sum, p.kept_sum,
       coalesce(p.mrr_start, 0), coalesce(p.mrr_new, 0), coalesce(p.mrr_reactivation, 0),
       coalesce(p.mrr_expansion, 0), coalesce(p.mrr_contraction, 0), coalesce(p.mrr_churn, 0),
       coalesce(pl.pool, 0), coalesce(v.value_created, 0), coalesce(sg.signups, 0), coalesce(fp.users, 0)
from m
left join cur c on c.month = m.month
left join pairs p on p.month = m.month
left join pool pl on pl.month = m.month
left join month_value v on v.month = m.month
left join signups sg on sg.month = m.month
left join first_paid fp on fp.month = m.month;

update work.month_parts p
set active_users = p.active_users + d.active_users,
    payers = p.payers + d.payers,
    active_payers = p.active_payers + d.active_payers,
    active_free_users = p.active_free_users + d.active_free_users,
    active_payers_with_feedback = p.active_payers_with_feedback + d.active_payers_with_feedback,
    revenue = p.revenue + d.revenue,
    cost = p.cost + d.cost,
    cost_paid = p.cost_paid + d.cost_paid,
    cost_free = p.cost_free + d.cost_free,
    idle_revenue = p.idle_revenue + d.idle_revenue,
    mrr_end = p.mrr_end + d.mrr_end,
    feedback_events = p.feedback_events + d.feedback_events,
    positive_feedback_events = p.positive_feedback_events + d.positive_feedback_events,
    pool = p.pool + d.pool,
    value_created = d.value_created,
    signups = p.signups + d.signups
from (
    with m as (
        select month from month_parts_rebuild where not built
    ),
    cur as (
        select c.month,
               sum(c.active) as active_users,
               sum(c.payer) as payers,
               sum(c.active_payer) as active_payers,
               sum(c.active_free) as active_free_users,
               sum(c.active_payer_with_feedback) as active_payers_with_feedback,
               sum(c.revenue) as revenue,
               sum(c.cost) as cost,
               sum(c.cost_paid) as cost_paid,
               sum(c.cost_free) as cost_free,
               sum(c.idle_revenue) as idle_revenue,
               sum(c.mrr_end) as mrr_end,
               sum(c.feedback_count) as feedback_events,
               sum(c.positive_feedback_count) as positive_feedback_events,
               sum(c.pool) as pool
        from um_change c
        join m on m.month = c.month
        where c.in_range
        group by c.month
    ),
    -- (the users first seen, added to work.users by 40_users with their first new row's month as signup month; no
    -- user's first paid month changes: payments are what they were)
    first_seen as (
        select a.first_month as month, count(*) as signups
        from users_new_activity a
        join m on m.month = a.first_month
        where not a.known
        group by a.first_month
    )
    select m.month,
           coalesce(c.active_users, 0) as active_users, coalesce(c.payers, 0) as payers,
           coalesce(c.active_payers, 0) as active_payers, coalesce(c.active_free_users, 0) as active_free_users,
           coalesce(c.active_payers_with_feedback, 0) as active_payers_with_feedback,
           coalesce(c.revenue, 0) as revenue, coalesce(c.cost, 0) as cost, coalesce(c.cost_paid, 0) as cost_paid,
           coalesce(c.cost_free, 0) as cost_free, coalesce(c.idle_revenue, 0) as idle_revenue,
           coalesce(c.mrr_end, 0) as mrr_end, coalesce(c.feedback_events, 0) as feedback_events,
           coalesce(c.positive_feedback_events, 0) as positive_feedback_events, coalesce(c.pool, 0) as pool,
           coalesce(v.value_created, 0) as value_created, coalesce(f.signups, 0) as signups
    from m
    left join cur c on c.month = m.month
    left join month_value v on v.month = m.month
    left join first_seen f on f.month = m.month
) d
where d.month = p.month;

analyze work.month_parts;

delete from flywheel.monthly_kpis;

insert into flywheel.monthly_kpis (month, complete, signups, active_users, payers, active_payers, active_free_users,
                                   new_payers, reactivated_payers, churned_payers, revenue, cost, cost_paid,
                                   cost_free, gross_margin, arppu, cost_per_active_payer, cost_per_active_free_user,
                                   free_cost_share, paid_share, break_even_paid_share, idle_revenue, mrr_end,
                                   payer_retention, nrr, grr, feedback_rate, satisfaction, value_created,
                                   ltv_gross_profit)
with m as (
    select month, complete from work.months where in_range
),
base as (
    select m.month, m.complete,
           p.signups,
           p.active_users, p.payers, p.active_payers, p.active_free_users, p.active_payers_with_feedback,
           p.new_payers,
           p.reactivated_payers, p.churned_payers, p.payers_prev, p.payers_retained, p.m0_sum, p.m1_sum, p.kept_sum,
           p.revenue, p.cost, p.cost_paid, p.cost_free, p.idle_revenue, p.mrr_end, p.feedback_events,
           p.positive_feedback_events, p.value_created
    from m
    join work.month_parts p on p.month = m.month
),
ratios as (
    select base.*,
           revenue / nullif(payers, 0) as arppu,
           cost_paid / nullif(payers, 0) as c_p,
           cost_free / nullif(active_free_users, 0) as c_f,
           payers_retained::numeric / nullif(payers_prev, 0) as payer_retention
    from base
),
with_history as (
    select ratios.*,
           avg(payer_retention) over (order by month rows between 2 preceding and current row) as mean_retention
    from ratios
)
select month, complete, signups, active_users, payers, active_payers, active_free_users, new_payers,
       reactivated_payers, churned_payers, revenue, cost, cost_paid, cost_free,
       case when revenue > 0 then (revenue - cost) / revenue end as gross_margin,
       arppu,
       cost_paid / nullif(active_payers, 0) as cost_per_active_payer,
       c_f as cost_per_active_free_user,
       cost_free / nullif(cost, 0) as free_cost_share,
       payers::numeric / nullif(active_users + payers - active_payers, 0) as paid_share,
       case when arppu is null or c_f is null or arppu <= c_p then null
            else c_f / (arppu - c_p + c_f) end as break_even_paid_share,
       idle_revenue,
       mrr_end,
       payer_retention,
       m1_sum / nullif(m0_sum, 0) as nrr,
       kept_sum / nullif(m0_sum, 0) as grr,
       active_payers_with_feedback::numeric / nullif(active_payers, 0) as feedback_rate,
       positive_feedback_events::numeric / nullif(feedback_events, 0) as satisfaction,
       value_created,
       case when arppu is null or mean_retention is null or mean_retention = 1 then null
            else (arppu - c_p) / (1 - mean_retention) end as ltv_gross_profit
from with_history;

analyze flywheel.monthly_kpis;
