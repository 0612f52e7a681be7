-- 80_plan_economics: flywheel.plan_economics, one row per month x plan over the flywheel.user_months rows of the
-- month with that plan ('free' included). payers / active_users count rows with is_payer / is_active; revenue and
-- cost sum the rows (refunds included); gross_margin = (revenue - cost) / revenue, NULL when revenue <= 0 (as in
-- monthly_kpis); arppu = revenue / payers; cost_per_user = cost / number of rows; unprofitable_users = rows with
-- cost > revenue.
-- A month-incremental compute (compute_mode.from_month) rebuilds only months >= from_month.
delete from flywheel.plan_economics where month >= (select coalesce(from_month, '-infinity') from compute_mode);

insert into flywheel.plan_economics (
    month, plan, payers, active_users, revenue, cost, gross_margin, arppu, cost_per_user, unprofitable_users, users
)
with settings as (
    select first_month, last_month from work.run_settings limit 1
),
plans as (
    select um.month, um.plan,
        count(*) filter (where um.is_payer) as payers,
        count(*) filter (where um.is_active) as active_users,
        sum(um.revenue) as revenue,
        sum(um.cost) as cost,
        count(*) filter (where um.cost > um.revenue) as unprofitable_users,
        count(*) as users
    from flywheel.user_months as um
    cross join settings as s
    where um.month between s.first_month and s.last_month
      and um.month >= (select coalesce(from_month, '-infinity') from compute_mode)
    group by um.month, um.plan
)
select month, plan, payers, active_users, revenue, cost,
    case when revenue > 0 then (revenue - cost) / revenue end as gross_margin,
    revenue / nullif(payers, 0) as arppu,
    cost / users as cost_per_user,
    unprofitable_users, users
from plans;

analyze flywheel.plan_economics;
