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
-- delta_user_months: in a month-incremental compute, the new rows per user x month: usage_delta's totals (calls 0 and
-- cost NULL without usage) and the feedback rows of the new loads (counted when at or before as_of). One pass over
-- each, read for the users first seen (below), um_delta and 41_user_months' usage of the rows it builds.
set local enable_sort = off;  -- (hashing: sorting the delta by its text keys costs several times more)
-- (dynamic, with the previous load id as a literal: the BRIN index on events.feedback(load_id), migration 0025, then
-- reads only the blocks of the new loads, as 20_usage_cost does for usage)
do $$
begin
    execute format($q$
        create temp table delta_user_months on commit drop as
        with usage as (
            select user_id, month, work.sum_bigint(calls) as calls, work.sum_bigint(unpriced_calls) as unpriced_calls,
                   work.sum_bigint(input_tokens) as input_tokens, work.sum_bigint(output_tokens) as output_tokens,
                   work.sum_bigint(cached_input_tokens) as cached_input_tokens, work.sum_numeric(cost) as cost
            from usage_delta
            where (select from_month from compute_mode) is not null
            group by user_id, month
        ),
        feedback as (
            select f.user_id, date_trunc('month', f.occurred_at)::date as month,
                   count(*) filter (where f.occurred_at <= (select as_of from work.run_settings)) as feedback_count,
                   count(*) filter (where f.occurred_at <= (select as_of from work.run_settings) and f.rating >= 4)
                       as positive_feedback_count
            from events.feedback f
            where (select from_month from compute_mode) is not null and f.load_id > %s
            group by 1, 2
        )
        select user_id, month,
               coalesce(u.calls, 0) as calls, coalesce(u.unpriced_calls, 0) as unpriced_calls,
               coalesce(u.input_tokens, 0) as input_tokens, coalesce(u.output_tokens, 0) as output_tokens,
               coalesce(u.cached_input_tokens, 0) as cached_input_tokens, u.cost,
               coalesce(f.feedback_count, 0) as feedback_count,
               coalesce(f.positive_feedback_count, 0) as positive_feedback_count
        from usage u
        full join feedback f using (user_id, month)
    $q$, (select coalesce(prev_load_id, 0) from compute_mode));
end
$$;
set local enable_sort = default;

-- (known, in_users, signup_month: the user's work.users row, if any; one hash join for the check and the insert below)
create temp table users_new_activity on commit drop as
select a.user_id, a.first_month, u.user_id is not null as known, u.in_users, u.signup_month
from (
    select user_id, min(month) as first_month
    from delta_user_months
    group by user_id
) a
left join work.users u on u.user_id = a.user_id;
analyze users_new_activity;

update compute_mode
set from_month = null
where (select count(*) from users_new_activity
       where known and not in_users and (signup_month is null or first_month < signup_month)) > 0;
-- (count, not exists: with exists the planner picks a nested loop hoping to stop early, and usually none matches)

-- The per-user rows 41_user_months rebuilds. Month-incremental (compute_mode.from_month set, see 10_settings_months):
-- only months >= from_month, and of the months the previous compute had (up to compute_mode.prev_last_month) only the
-- user x months with new usage or feedback rows (um_delta below). A row depends only on data of its own user and
-- month and on the user's signup, first paid and first MRR months; the payments, events.users and the month bounds
-- are what they were (or the compute is a full one), so the other rows are unchanged. Months new to the range are
-- built for every user. A full compute rebuilds all.
create temp table um_rebuild on commit drop as
select from_month is null as all_rows,
       coalesce(from_month, '-infinity') as from_month,
       coalesce(prev_last_month, '-infinity') as prev_last_month
from compute_mode;

-- um_delta: in a month-incremental compute, the new rows' usage and feedback per user x month of the months the
-- previous compute had (from_month..prev_last_month; empty otherwise). Only those user x months change there: a row
-- depends only on data of its own user and month and on the user's first months, and payments and events.users are
-- what they were. 41_user_months adds them to the rows that exist (usage and feedback only grow) and builds the others
-- from their sources, like the months new to the range.
create temp table um_delta on commit drop as
select d.*
from delta_user_months d
cross join um_rebuild r
where not r.all_rows and d.month between r.from_month and r.prev_last_month
  and (d.calls > 0 or d.feedback_count > 0);
analyze um_delta;

-- ufm_scope: the usage groups of the months rebuilt, for 42, 60, 90 and 91: in a month-incremental compute a view of
-- work.user_feature_months_recent (20_usage_cost), in a full one a view of work.user_feature_months. Views are not
-- dropped at commit: 99_compute_state drops it (one left behind would keep the next full compute from replacing the
-- table). When the check above turned the compute into a full one after the merge, the recent months go back first.
-- A full compute also starts work.user_month_all and work.users over.
do $$
begin
    if (select all_rows from um_rebuild) then
        truncate work.user_month_all, work.users;
        perform pg_temp.merge_recent_usage_groups();
        drop view if exists pg_temp.ufm_scope;
        create temp view ufm_scope as select * from work.user_feature_months;
    end if;
end
$$;

-- Usage per user x month of the months rebuilt, for the users' first activity below and 41_user_months, in a full
-- compute: one pass over work.user_feature_months, in parallel workers when the server allows them. (41 fills it in a
-- month-incremental one.)
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
        create temp table usage_months (user_id text, month date, calls bigint, unpriced_calls bigint,
                                        input_tokens bigint, output_tokens bigint, cached_input_tokens bigint,
                                        cost numeric) on commit drop;
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
where (select from_month from compute_mode) is not null and not a.known;

-- (statistics kept in a month-incremental compute, see 41_user_months)
do $$
begin
    if (select from_month from compute_mode) is null then
        analyze work.users;
    end if;
end
$$;
