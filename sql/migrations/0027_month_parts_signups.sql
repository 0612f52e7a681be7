-- 0027_month_parts_signups: signups and new payers per month kept with the other month sums, so that a
-- month-incremental compute adds the users it first sees instead of counting every work.users row twice
-- (42_monthly_kpis). 91_feature_checks still compares them with cohort sizes counted from work.users.
alter table work.month_parts
    add column signups bigint not null default 0,
    add column new_payers bigint not null default 0;
comment on column work.month_parts.signups is 'Users (work.users) whose signup_month is the month.';
comment on column work.month_parts.new_payers is 'Users (work.users) whose first_paid_month is the month.';

-- The stored months have no counts yet: the next compute is a full one (no state), which fills them.
delete from work.compute_state;
