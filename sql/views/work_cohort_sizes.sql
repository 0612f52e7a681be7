-- work.cohort_sizes: the members of each cohort, counted over work.users in one pass (a hash table per cohort kind).
-- Grain: one row per cohort_kind x cohort_month; 'first_payment' counts the users by first_paid_month, 'signup' by
-- signup_month; users without that month are in no cohort of that kind. Every month, before the range included.
-- Read by 50_cohort_retention (cohort_size) and by the cohort checks of 91_feature_checks.
create or replace view work.cohort_sizes as
select case when grouping(u.first_paid_month) = 0 then 'first_payment' else 'signup' end as cohort_kind,
       case when grouping(u.first_paid_month) = 0 then u.first_paid_month else u.signup_month end as cohort_month,
       count(*) as cohort_size
from work.users as u
group by grouping sets ((u.first_paid_month), (u.signup_month))
having case when grouping(u.first_paid_month) = 0 then u.first_paid_month else u.signup_month end is not null;

comment on view work.cohort_sizes is
    'Members of each cohort: users of work.users per first_paid_month (first_payment) or signup_month (signup).';
comment on column work.cohort_sizes.cohort_kind is 'first_payment or signup.';
comment on column work.cohort_sizes.cohort_month is 'The cohort month: first_paid_month or signup_month.';
comment on column work.cohort_sizes.cohort_size is 'Number of users with that month.';
