-- 50_cohort_retention: flywheel.cohort_retention, one row per cohort kind x cohort month x months since.
-- first_payment cohorts: users by first_paid_month, retained = payer in cohort_month + k.
-- signup cohorts: users by signup_month (events.users members who never did anything included), retained = active.
-- k runs from 0 to the as_of month; only cohorts with >= 1 member and cohort_month inside the range.
-- revenue / cost: all members' totals in month cohort_month + k (revenue net of refunds). The cumulative per-user
-- values add months 0..k and divide by cohort_size. complete is that of month cohort_month + k.
-- Members come from work.users (every known user: events.users plus users of usage, feedback and payments at or
-- before as_of, with signup_month and first_paid_month); their months from flywheel.user_months (no row: nothing
-- happened, counts 0). Also reads work.months and work.run_settings.
-- The per-member sums go through work.cohort_activity, rebuilt only for months >= compute_mode.from_month in a
-- month-incremental compute (earlier months' user_months rows and the members' cohort months are unchanged then).
delete from flywheel.cohort_retention;

-- Months built from every member's rows: all in a full compute, the months new to the range in a month-incremental
-- one (the month set and its flags come from 42_monthly_kpis). The other months >= from_month are updated by the
-- changes of the per-user rows 41_user_months wrote (um_change; exact sums and counts, and a member's row never goes
-- away, so the same numbers as a rebuild).
delete from work.cohort_activity
where (select all_rows from um_rebuild) or month in (select month from month_parts_rebuild where built);

-- (the members' cohort months are on their user_months rows, copied from work.users when the rows were built; one
-- pass over the rows, counted in a hash table per cohort kind: first_payment retains payers, signup active users)
insert into work.cohort_activity (cohort_kind, cohort_month, month, retained_users, revenue, cost)
with by_kind as (
    select case when grouping(um.first_paid_month) = 0 then 'first_payment' else 'signup' end as cohort_kind,
        case when grouping(um.first_paid_month) = 0 then um.first_paid_month else um.signup_month end
            as cohort_month,
        um.month,
        case when grouping(um.first_paid_month) = 0 then count(*) filter (where um.is_payer)
             else count(*) filter (where um.is_active) end as retained_users,
        sum(um.revenue) as revenue, sum(um.cost) as cost
    from flywheel.user_months as um
    where um.month in (select month from month_parts_rebuild where built)
    group by grouping sets ((um.first_paid_month, um.month), (um.signup_month, um.month))
)
select cohort_kind, cohort_month, month, retained_users, revenue, cost
from by_kind
where cohort_month is not null;

-- (their cohort months as above: work.users as it was when the row was built, unchanged since; the changes of the rows
-- 41_user_months wrote, um_change)
create temp table cohort_activity_change on commit drop as
with by_kind as (
    select case when grouping(c.first_paid_month) = 0 then 'first_payment' else 'signup' end as cohort_kind,
        case when grouping(c.first_paid_month) = 0 then c.first_paid_month else c.signup_month end as cohort_month,
        c.month,
        case when grouping(c.first_paid_month) = 0 then sum(c.payer) else sum(c.active) end as retained_users,
        sum(c.revenue) as revenue, sum(c.cost) as cost
    from um_change c
    join month_parts_rebuild r on r.month = c.month and not r.built
    where c.in_range
    group by grouping sets ((c.first_paid_month, c.month), (c.signup_month, c.month))
)
select cohort_kind, cohort_month, month, retained_users, revenue, cost
from by_kind
where cohort_month is not null;

update work.cohort_activity a
set retained_users = a.retained_users + c.retained_users, revenue = a.revenue + c.revenue, cost = a.cost + c.cost
from cohort_activity_change c
where c.cohort_kind = a.cohort_kind and c.cohort_month = a.cohort_month and c.month = a.month;

-- (a cohort x month with no member row before: a new user's signup month, or a member's first row of the month)
insert into work.cohort_activity (cohort_kind, cohort_month, month, retained_users, revenue, cost)
select c.cohort_kind, c.cohort_month, c.month, c.retained_users, c.revenue, c.cost
from cohort_activity_change c
where not exists (select 1 from work.cohort_activity a
                  where a.cohort_kind = c.cohort_kind and a.cohort_month = c.cohort_month and a.month = c.month);

analyze work.cohort_activity;

-- The members of each cohort, counted over work.users in one pass (a hash table per cohort kind), for this step and
-- 91_feature_checks' cohort checks: one row per cohort_kind x cohort_month, 'first_payment' by first_paid_month,
-- 'signup' by signup_month (users without that month are in no cohort of that kind).
create temp table cohort_size_counts on commit drop as
select case when grouping(u.first_paid_month) = 0 then 'first_payment' else 'signup' end as cohort_kind,
       case when grouping(u.first_paid_month) = 0 then u.first_paid_month else u.signup_month end as cohort_month,
       count(*) as cohort_size
from work.users as u
group by grouping sets ((u.first_paid_month), (u.signup_month))
having case when grouping(u.first_paid_month) = 0 then u.first_paid_month else u.signup_month end is not null;

insert into flywheel.cohort_retention (
    cohort_kind, cohort_month, months_since, cohort_size, retained_users, retention, revenue, cost,
    cumulative_revenue_per_user, cumulative_gross_profit_per_user, complete
)
with settings as (
    select first_month, last_month from work.run_settings limit 1
),
range_months as (
    select m.month, m.complete
    from work.months as m
    cross join settings as s
    where m.month between s.first_month and s.last_month
),
cohort_sizes as (
    select c.cohort_kind, c.cohort_month, c.cohort_size
    from cohort_size_counts as c
    cross join settings as s
    where c.cohort_month between s.first_month and s.last_month
),
grid as (
    select cs.cohort_kind, cs.cohort_month, cs.cohort_size, rm.month, rm.complete,
        ((extract(year from rm.month) - extract(year from cs.cohort_month)) * 12
            + extract(month from rm.month) - extract(month from cs.cohort_month))::integer as months_since
    from cohort_sizes as cs
    join range_months as rm on rm.month >= cs.cohort_month
),
filled as (
    select g.cohort_kind, g.cohort_month, g.months_since, g.cohort_size, g.complete,
        coalesce(a.retained_users, 0) as retained_users,
        coalesce(a.revenue, 0) as revenue,
        coalesce(a.cost, 0) as cost
    from grid as g
    left join work.cohort_activity as a
        on a.cohort_kind = g.cohort_kind and a.cohort_month = g.cohort_month and a.month = g.month
)
select cohort_kind, cohort_month, months_since, cohort_size, retained_users,
    retained_users::numeric / cohort_size as retention,
    revenue, cost,
    sum(revenue) over w / cohort_size as cumulative_revenue_per_user,
    sum(revenue - cost) over w / cohort_size as cumulative_gross_profit_per_user,
    complete
from filled
window w as (
    partition by cohort_kind, cohort_month order by months_since rows between unbounded preceding and current row
);

analyze flywheel.cohort_retention;
