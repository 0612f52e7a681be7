-- 40_users: every known user with signup_month, first_paid_month and the first month end with MRR.
-- Grain: one row per user (events.users, plus users of usage, feedback and payments at or before as_of).
-- signup_month: month of signed_up_at, else of the user's earliest usage, feedback or payment (voided charges and
-- their refunds included). first_paid_month: month of occurred_at of the earliest non-voided charge (one-time
-- included; a charge without a usable FX rate still counts here, only its amount is unknown). first_mrr_at: the
-- earliest month end (start of a month) with s < t <= e for a non-voided subscription charge with a positive
-- converted amount, month ends before the range included ("never had MRR at an earlier month end").

truncate work.users;

insert into work.users (user_id, in_users, signup_month, first_paid_month, first_mrr_at)
with firsts as (
    select user_id, min(month) as first_month from work.user_feature_months group by user_id
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
),
everyone as (
    select user_id from events.users
    union
    select user_id from activity
)
select e.user_id,
       eu.user_id is not null,
       coalesce(date_trunc('month', eu.signed_up_at)::date, a.first_month),
       paid.first_paid_month,
       mrr.first_mrr_at
from everyone e
left join events.users eu on eu.user_id = e.user_id
left join activity a on a.user_id = e.user_id
left join paid on paid.user_id = e.user_id
left join mrr on mrr.user_id = e.user_id;

analyze work.users;
