-- 42_monthly_kpis: one row per month of the range (first_month..month of as_of) with the KPIs of SPEC 4 / 4.1.
-- Sources: work.user_month_all (per user x month), work.user_month_pairs (M-1 vs M per user), work.users
-- (signup_month, first_paid_month), work.user_feature_months x catalog.features (value_created), feedback counts.
-- Every ratio is NULL when its denominator is 0; money is never rounded.

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
cur as (
    select month,
           count(*) filter (where is_active) as active_users,
           count(*) filter (where is_payer) as payers,
           count(*) filter (where is_active and is_payer) as active_payers,
           count(*) filter (where is_active and not is_payer) as active_free_users,
           count(*) filter (where is_active and is_payer and feedback_count > 0) as active_payers_with_feedback,
           sum(revenue) as revenue,
           sum(cost) as cost,
           coalesce(sum(cost) filter (where is_payer), 0) as cost_paid,
           coalesce(sum(cost) filter (where not is_payer), 0) as cost_free,
           coalesce(sum(revenue) filter (where is_payer and not is_active), 0) as idle_revenue,
           sum(mrr_end) as mrr_end,
           sum(feedback_count) as feedback_events,
           sum(positive_feedback_count) as positive_feedback_events
    from work.user_month_all
    where in_range
    group by month
),
pairs as (
    select month,
           count(*) filter (where payer_prev) as payers_prev,
           count(*) filter (where payer_prev and payer_cur) as payers_retained,
           count(*) filter (where payer_cur and not payer_prev and first_paid_month < month) as reactivated_payers,
           count(*) filter (where payer_prev and not payer_cur) as churned_payers,
           sum(m0) filter (where m0 > 0) as m0_sum,
           sum(m1) filter (where m0 > 0) as m1_sum,
           sum(least(m0, m1)) filter (where m0 > 0) as kept_sum
    from work.user_month_pairs
    group by month
),
signups as (
    select signup_month as month, count(*) as signups from work.users group by signup_month
),
new_payers as (
    select first_paid_month as month, count(*) as new_payers from work.users group by first_paid_month
),
value as (
    select ufm.month, sum(ufm.calls * f.value_per_call) as value_created
    from work.user_feature_months ufm
    join catalog.features f on f.feature = ufm.feature
    where f.value_per_call is not null
    group by ufm.month
),
base as (
    select m.month, m.complete,
           coalesce(sg.signups, 0) as signups,
           coalesce(c.active_users, 0) as active_users,
           coalesce(c.payers, 0) as payers,
           coalesce(c.active_payers, 0) as active_payers,
           coalesce(c.active_free_users, 0) as active_free_users,
           coalesce(c.active_payers_with_feedback, 0) as active_payers_with_feedback,
           coalesce(np.new_payers, 0) as new_payers,
           coalesce(p.reactivated_payers, 0) as reactivated_payers,
           coalesce(p.churned_payers, 0) as churned_payers,
           coalesce(p.payers_prev, 0) as payers_prev,
           coalesce(p.payers_retained, 0) as payers_retained,
           p.m0_sum, p.m1_sum, p.kept_sum,
           coalesce(c.revenue, 0) as revenue,
           coalesce(c.cost, 0) as cost,
           coalesce(c.cost_paid, 0) as cost_paid,
           coalesce(c.cost_free, 0) as cost_free,
           coalesce(c.idle_revenue, 0) as idle_revenue,
           coalesce(c.mrr_end, 0) as mrr_end,
           coalesce(c.feedback_events, 0) as feedback_events,
           coalesce(c.positive_feedback_events, 0) as positive_feedback_events,
           coalesce(v.value_created, 0) as value_created
    from m
    left join cur c on c.month = m.month
    left join pairs p on p.month = m.month
    left join signups sg on sg.month = m.month
    left join new_payers np on np.month = m.month
    left join value v on v.month = m.month
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
