-- 80_plan_economics: flywheel.plan_economics, one row per month x plan over the flywheel.user_months rows of the
-- month with that plan ('free' included). payers / active_users count rows with is_payer / is_active; revenue and
-- cost sum the rows (refunds included); gross_margin = (revenue - cost) / revenue, NULL when revenue <= 0 (as in
-- monthly_kpis); arppu = revenue / payers; cost_per_user = cost / number of rows; unprofitable_users = rows with
-- cost > revenue.
-- The sums come from work.plan_parts (migration 0026): rebuilt from flywheel.user_months by a compute that is not
-- month-incremental; a month-incremental one (compute_mode.from_month) adds the changes of the per-user rows
-- 41_user_months wrote (um_change: counts and exact sums, so the numbers a rebuild gives; a row's plan and revenue do
-- not change then, its cost only grows, so the sums keep the scale a rebuild gives them) and rebuilds only the rows of
-- months >= from_month.
do $$
begin
    if (select from_month from compute_mode) is null then
        truncate work.plan_parts;
        insert into work.plan_parts (month, plan, payers, active_users, revenue, cost, unprofitable_users, users)
        select um.month, um.plan,
               count(*) filter (where um.is_payer),
               count(*) filter (where um.is_active),
               sum(um.revenue),
               sum(um.cost),
               count(*) filter (where um.cost > um.revenue),
               count(*)
        from flywheel.user_months as um
        group by um.month, um.plan;
    else
        with changes as (
            select c.month, c.plan, sum(c.payer) as payers, sum(c.active) as active_users, sum(c.revenue) as revenue,
                   sum(c.cost) as cost, sum(c.unprofitable) as unprofitable_users, sum(c.row_added) as users
            from um_change c
            where c.in_range
            group by c.month, c.plan
        ),
        changed as (
            delete from work.plan_parts p
            using changes c
            where p.month = c.month and p.plan = c.plan
            returning p.*
        )
        insert into work.plan_parts (month, plan, payers, active_users, revenue, cost, unprofitable_users, users)
        select c.month, c.plan,
               c.payers + coalesce(p.payers, 0), c.active_users + coalesce(p.active_users, 0),
               c.revenue + coalesce(p.revenue, 0), c.cost + coalesce(p.cost, 0),
               c.unprofitable_users + coalesce(p.unprofitable_users, 0), c.users + coalesce(p.users, 0)
        from changes c
        left join changed p on p.month = c.month and p.plan = c.plan;
    end if;
end
$$;

delete from flywheel.plan_economics where month >= (select coalesce(from_month, '-infinity') from compute_mode);

insert into flywheel.plan_economics (
    month, plan, payers, active_users, revenue, cost, gross_margin, arppu, cost_per_user, unprofitable_users, users
)
with settings as (
    select first_month, last_month from work.run_settings limit 1
),
plans as (
    select p.*
    from work.plan_parts as p
    cross join settings as s
    where p.month between s.first_month and s.last_month
      and p.month >= (select coalesce(from_month, '-infinity') from compute_mode)
)
select month, plan, payers, active_users, revenue, cost,
    case when revenue > 0 then (revenue - cost) / revenue end as gross_margin,
    revenue / nullif(payers, 0) as arppu,
    cost / users as cost_per_user,
    unprofitable_users, users
from plans;

analyze flywheel.plan_economics;
