-- 0011_feature_and_cohort_tables: analyst-facing tables for cohorts, feature economics, feature retention and plan
-- economics (SPEC sections 3 and 4). Filled by sql/compute/50..89; checked by sql/compute/91.
-- Money is numeric in the reporting currency, counts bigint, ratios numeric (NULL when the denominator is 0).

create table flywheel.cohort_retention (
    cohort_kind text not null check (cohort_kind in ('first_payment', 'signup')),
    cohort_month date not null,
    months_since integer not null check (months_since >= 0),
    cohort_size bigint not null,
    retained_users bigint not null,
    retention numeric,
    revenue numeric not null,
    cost numeric not null,
    cumulative_revenue_per_user numeric,
    cumulative_gross_profit_per_user numeric,
    complete boolean not null,
    primary key (cohort_kind, cohort_month, months_since)
);

comment on table flywheel.cohort_retention is
    'One row per cohort kind x cohort month x months since (k = 0 up to the as_of month). first_payment cohorts group '
    'users by first_paid_month (retained = payer in cohort_month + k); signup cohorts group users by signup_month, '
    'users who never did anything included (retained = active, i.e. made a call). Only cohorts with at least one '
    'member and a cohort_month inside the computed range.';
comment on column flywheel.cohort_retention.cohort_kind is
    'first_payment (by first_paid_month) or signup (by signup_month).';
comment on column flywheel.cohort_retention.cohort_month is 'First day of the cohort''s month (reporting time zone).';
comment on column flywheel.cohort_retention.months_since is
    'k: this row describes month cohort_month + k (0 = the cohort month).';
comment on column flywheel.cohort_retention.cohort_size is
    'Number of users in the cohort (the same on every row of the cohort).';
comment on column flywheel.cohort_retention.retained_users is
    'Members retained in month cohort_month + k: payers (first_payment) or active users with a call (signup).';
comment on column flywheel.cohort_retention.retention is 'retained_users / cohort_size.';
comment on column flywheel.cohort_retention.revenue is
    'Net revenue (recognised charges minus counted refunds) of all members in month cohort_month + k.';
comment on column flywheel.cohort_retention.cost is 'Inference cost of all members in month cohort_month + k.';
comment on column flywheel.cohort_retention.cumulative_revenue_per_user is
    'Members'' revenue summed over months 0..k, divided by cohort_size (realised LTV before inference cost).';
comment on column flywheel.cohort_retention.cumulative_gross_profit_per_user is
    'Members'' revenue minus cost summed over months 0..k, divided by cohort_size (realised LTV after inference cost).';
comment on column flywheel.cohort_retention.complete is
    'Whether month cohort_month + k is complete (as in flywheel.monthly_kpis).';

create table flywheel.feature_economics (
    month date not null,
    feature text not null,
    calls bigint not null,
    users bigint not null,
    paying_users bigint not null,
    cost numeric not null,
    cost_paid numeric not null,
    cost_free numeric not null,
    revenue_by_cost numeric not null,
    revenue_by_calls numeric not null,
    revenue_by_users numeric not null,
    coverage numeric,
    margin numeric not null,
    status text not null check (status in ('covered', 'uncovered', 'ambiguous', 'below_target')),
    reason text,
    free_cap_calls bigint,
    free_cap_savings numeric,
    free_cap_affected_users bigint,
    primary key (month, feature)
);

comment on table flywheel.feature_economics is
    'One row per month x feature with at least one call in the month: the feature''s inference cost against the net '
    'revenue of the payers who used it, attributed three ways, its status against the target gross margin, and the '
    'free-use cap that would bring free use within budget.';
comment on column flywheel.feature_economics.month is 'First day of the month (reporting time zone).';
comment on column flywheel.feature_economics.feature is 'Feature name as in events.usage.feature.';
comment on column flywheel.feature_economics.calls is 'Calls of the feature in the month (unpriced calls included).';
comment on column flywheel.feature_economics.users is 'Users with at least one call of the feature in the month.';
comment on column flywheel.feature_economics.paying_users is 'Of those, users who are payers in the month.';
comment on column flywheel.feature_economics.cost is 'Inference cost of the feature''s priced calls in the month.';
comment on column flywheel.feature_economics.cost_paid is 'Part of cost caused by payers of the month.';
comment on column flywheel.feature_economics.cost_free is
    'Part of cost caused by non-payers (free users) of the month.';
comment on column flywheel.feature_economics.revenue_by_cost is
    'Sum over payers with a call in the month of revenue(u,M) x cost(u,F,M) / cost(u,M); a payer whose cost(u,M) = 0 '
    'splits its whole revenue by calls instead. revenue(u,M) is net of refunds and can be negative.';
comment on column flywheel.feature_economics.revenue_by_calls is
    'Sum over payers with a call in the month of revenue(u,M) x calls(u,F,M) / calls(u,M).';
comment on column flywheel.feature_economics.revenue_by_users is
    'Sum over payers with a call in the month of revenue(u,M) / number of features u used in the month.';
comment on column flywheel.feature_economics.coverage is 'revenue_by_cost / cost (NULL when cost = 0).';
comment on column flywheel.feature_economics.margin is 'revenue_by_cost - cost.';
comment on column flywheel.feature_economics.status is
    'With target = 1 / (1 - target_gross_margin): covered when cost = 0; else uncovered when all three revenues are '
    '< cost; ambiguous when some but not all are; covered when all three are >= target x cost; else below_target. '
    'Comparisons are exact.';
comment on column flywheel.feature_economics.reason is 'Why the status is not covered, in words (NULL when covered).';
comment on column flywheel.feature_economics.free_cap_calls is
    'When cost_free exceeds the free-use budget max(0, revenue_by_cost x (1 - target_gross_margin) - cost_paid): the '
    'largest whole number q >= 0 of calls per free user and month such that the free users'' capped calls '
    'sum(min(calls, q)) x cost_free / free calls stay within the budget. NULL otherwise.';
comment on column flywheel.feature_economics.free_cap_savings is
    'cost_free minus the free users'' cost under the cap free_cap_calls (NULL when there is no cap).';
comment on column flywheel.feature_economics.free_cap_affected_users is
    'Free users of the feature with more than free_cap_calls calls in the month (NULL when there is no cap).';

create table flywheel.feature_retention (
    month date not null,
    feature text not null,
    payers_using bigint not null,
    retained_using bigint not null,
    retention_using numeric,
    retention_not_using numeric,
    lift numeric,
    primary key (month, feature)
);

comment on table flywheel.feature_retention is
    'One row per month M x feature used in M-1 by at least one payer of M-1: whether payers of M-1 who used the '
    'feature in M-1 stayed payers in M more often than payers of M-1 who did not.';
comment on column flywheel.feature_retention.month is
    'First day of month M (reporting time zone); usage is that of M-1.';
comment on column flywheel.feature_retention.feature is 'Feature name as in events.usage.feature.';
comment on column flywheel.feature_retention.payers_using is
    'Payers of M-1 with at least one call of the feature in M-1.';
comment on column flywheel.feature_retention.retained_using is 'Of those, how many are payers in M.';
comment on column flywheel.feature_retention.retention_using is 'retained_using / payers_using.';
comment on column flywheel.feature_retention.retention_not_using is
    'Share of payers of M-1 without a call of the feature in M-1 who are payers in M (NULL when there are none).';
comment on column flywheel.feature_retention.lift is
    'retention_using - retention_not_using (NULL when either is NULL).';

create table flywheel.plan_economics (
    month date not null,
    plan text not null,
    payers bigint not null,
    active_users bigint not null,
    revenue numeric not null,
    cost numeric not null,
    gross_margin numeric,
    arppu numeric,
    cost_per_user numeric,
    unprofitable_users bigint not null,
    users bigint not null,
    primary key (month, plan)
);

comment on table flywheel.plan_economics is
    'One row per month x plan, over the flywheel.user_months rows of the month with that plan (''free'' included).';
comment on column flywheel.plan_economics.month is 'First day of the month (reporting time zone).';
comment on column flywheel.plan_economics.plan is
    'Plan as in flywheel.user_months.plan (''free'' when no charge recognises revenue).';
comment on column flywheel.plan_economics.payers is 'Rows whose user is a payer in the month.';
comment on column flywheel.plan_economics.active_users is 'Rows whose user made at least one call in the month.';
comment on column flywheel.plan_economics.revenue is 'Sum of net revenue of the rows (refunds included).';
comment on column flywheel.plan_economics.cost is 'Sum of inference cost of the rows.';
comment on column flywheel.plan_economics.gross_margin is '(revenue - cost) / revenue (NULL when revenue <= 0).';
comment on column flywheel.plan_economics.arppu is 'revenue / payers (NULL when payers = 0).';
comment on column flywheel.plan_economics.cost_per_user is 'cost / users, users being the number of rows.';
comment on column flywheel.plan_economics.unprofitable_users is 'Rows with cost > revenue.';
comment on column flywheel.plan_economics.users is
    'Number of flywheel.user_months rows of the month with this plan (extra column).';

grant select on flywheel.cohort_retention, flywheel.feature_economics, flywheel.feature_retention,
    flywheel.plan_economics to flywheel_analyst;
