-- 40_users: every known user with signup_month, first_paid_month and the first month end with MRR.
-- Grain: one row per user (events.users, plus users of usage, feedback and payments at or before as_of).
-- signup_month: month of signed_up_at, else of the user's earliest usage, feedback or payment (voided charges and
-- their refunds included). first_paid_month: month of occurred_at of the earliest non-voided charge (one-time
-- included; a charge without a usable FX rate still counts here, only its amount is unknown). first_mrr_at: the
-- earliest month end (start of a month) with s < t <= e for a non-voided subscription charge with a positive
-- converted amount, month ends before the range included ("never had MRR at an earlier month end").

-- Month-incremental (compute_mode.from_month, see 10_settings_months): payments and events.users did not change, so
-- neither did first_paid_month, first_mrr_at or any signed_up_at; only users first seen in the new usage or feedback
-- rows are added (their signup month is that of their earliest new row). The kept per-user rows of earlier months
-- carry signup_month, so if a new row is earlier than a known user's inferred signup month the compute falls back to
-- a full one.
create temp table users_new_activity on commit drop as
select user_id, min(month) as first_month
from (
    select d.user_id, d.month
    from usage_delta d
    where (select from_month from compute_mode) is not null
    union all
    select f.user_id, date_trunc('month', f.occurred_at)::date
    from events.feedback f
    where (select from_month from compute_mode) is not null and f.load_id > (select prev_load_id from compute_mode)
) a
group by user_id;
analyze users_new_activity;

update compute_mode
set from_month = null
where (select count(*) from users_new_activity a join work.users u on u.user_id = a.user_id
       where not u.in_users and (u.signup_month is null or a.first_month < u.signup_month)) > 0;
-- (count, not exists: with exists the planner picks a nested loop hoping to stop early, and usually none matches)

-- The per-user rows 41_user_months rebuilds. Month-incremental (compute_mode.from_month set, see 10_settings_months):
-- only months >= from_month, and of the months the previous compute had (up to compute_mode.prev_last_month) only the
-- rows of the users with new usage or feedback rows (users_new_activity). A row depends only on data of its own user
-- and month (and the month before) and on the user's signup, first paid and first MRR months; the payments,
-- events.users and the month bounds are what they were (or the compute is a full one), so the other users' rows are
-- unchanged. Months new to the range are built for every user. A full compute rebuilds all.
create temp table um_rebuild on commit drop as
select from_month is null as all_rows,
       coalesce(from_month, '-infinity') as from_month,
       coalesce(prev_last_month, '-infinity') as prev_last_month
from compute_mode;

-- um_old / um_new: in a month-incremental compute, the rows taken out and the rows written in their place (empty in a
-- full one), from which 42_monthly_kpis and 50_cohort_retention update their sums of the months kept.
-- ufm_scope: the usage groups of the months rebuilt, for 42, 60, 90 and 91: in a month-incremental compute a view of
-- work.user_feature_months_recent (20_usage_cost), in a full one a view of work.user_feature_months. Views are not
-- dropped at commit: 99_compute_state drops it (one left behind would keep the next full compute from replacing the
-- table). When the check above turned the compute into a full one after the merge, the recent months go back first.
-- A full compute also starts work.user_month_all and work.users over.
do $$
begin
    if (select all_rows from um_rebuild) then
        truncate work.user_month_all, work.users;
        create temp table um_old on commit drop as select * from work.user_month_all limit 0;
        perform pg_temp.merge_recent_usage_groups();
        drop view if exists pg_temp.ufm_scope;
        create temp view ufm_scope as select * from work.user_feature_months;
    else
        -- (the previous compute had no rows of later months)
        create temp table um_old on commit drop as
        with taken as (
            delete from work.user_month_all
            where month >= (select from_month from um_rebuild)
              and user_id in (select user_id from users_new_activity)
            returning *
        )
        select * from taken;
    end if;
end
$$;

-- Usage per user x month of the months rebuilt (every month in a full compute), for the users' first activity below
-- and 41_user_months: in a full compute one pass over work.user_feature_months, in parallel workers when the server
-- allows them. In a month-incremental one, of the user x months 41 rebuilds (those of the users with new rows): their
-- previous usage columns (um_old) plus the new rows' totals per user x month (sums are exact; a user x month has usage
-- when it has a call).
do $$
begin
    if (select from_month from compute_mode) is null then
        perform pg_temp.create_by_user_parts('usage_months', $q$
            select user_id, month, work.sum_bigint(calls) as calls, work.sum_bigint(unpriced_calls) as unpriced_calls,
                   work.sum_bigint(input_tokens) as input_tokens, work.sum_bigint(output_tokens) as output_tokens,
                   work.sum_bigint(cached_input_tokens) as cached_input_tokens, work.sum_numeric(cost) as cost
            from work.user_feature_months
            where {part}
            group by user_id, month
        $q$, 'user_id');
    else
        create temp table usage_months on commit drop as
        with prev as (
            select user_id, month, calls, unpriced_calls, input_tokens, output_tokens, cached_input_tokens, cost
            from um_old
            where calls > 0
        ),
        delta as (
            select user_id, month, work.sum_bigint(calls) as calls, work.sum_bigint(unpriced_calls) as unpriced_calls,
                   work.sum_bigint(input_tokens) as input_tokens, work.sum_bigint(output_tokens) as output_tokens,
                   work.sum_bigint(cached_input_tokens) as cached_input_tokens, work.sum_numeric(cost) as cost
            from usage_delta
            group by user_id, month
        )
        select user_id, month,
               coalesce(p.calls, 0) + coalesce(d.calls, 0) as calls,
               coalesce(p.unpriced_calls, 0) + coalesce(d.unpriced_calls, 0) as unpriced_calls,
               coalesce(p.input_tokens, 0) + coalesce(d.input_tokens, 0) as input_tokens,
               coalesce(p.output_tokens, 0) + coalesce(d.output_tokens, 0) as output_tokens,
               coalesce(p.cached_input_tokens, 0) + coalesce(d.cached_input_tokens, 0) as cached_input_tokens,
               coalesce(p.cost, 0) + coalesce(d.cost, 0) as cost
        from prev p
        full join delta d using (user_id, month);
    end if;
end
$$;

-- Full: every user from scratch.
insert into work.users (user_id, in_users, signup_month, first_paid_month, first_mrr_at)
with firsts as (
    select user_id, min(month) as first_month from usage_months group by user_id
    union all
    select f.user_id, date_trunc('month', min(f.occurred_at))::date
    from events.feedback f
    where f.occurred_at <= (select as_of from work.run_settings)
    group by f.user_id
    union all
    select user_id, min(month) from work.payments group by user_id
),
activity as (
    select user_id, min(first_month) as first_month from firsts group by user_id
),
paid as (
    select user_id, min(month) as first_paid_month
    from work.charges
    where not voided
    group by user_id
),
mrr as (
    select user_id, min(date_trunc('month', period_s) + interval '1 month') as first_mrr_at
    from work.charges
    where interval <> 'one_time' and not voided and amount_conv > 0 and valid_period
      and date_trunc('month', period_s) + interval '1 month' <= period_e
    group by user_id
)
-- everyone: events.users and the users with activity (one row per user in each: a full join lines them up)
select user_id,
       eu.user_id is not null,
       coalesce(date_trunc('month', eu.signed_up_at)::date, a.first_month),
       paid.first_paid_month,
       mrr.first_mrr_at
from events.users eu
full join activity a using (user_id)
left join paid using (user_id)
left join mrr using (user_id)
where (select from_month from compute_mode) is null;

-- Month-incremental: only the users not seen before.
insert into work.users (user_id, in_users, signup_month, first_paid_month, first_mrr_at)
select a.user_id, false, a.first_month, null, null
from users_new_activity a
where (select from_month from compute_mode) is not null
  and not exists (select 1 from work.users u where u.user_id = a.user_id);

-- (statistics kept in a month-incremental compute, see 41_user_months)
do $$
begin
    if (select from_month from compute_mode) is null then
        analyze work.users;
    end if;
end
$$;
