-- 0024_feature_call_counts: users, cost and unpriced calls per month x feature x number of calls in the month, kept
-- between computes. A daily compute updated by the day's changes of the usage groups (20_usage_cost: a group's old
-- count out, its new one in) instead of grouping every usage group of the month again (42_monthly_kpis).
create unlogged table work.feature_call_counts (
    month date not null,
    feature text not null,
    calls bigint not null,
    users bigint not null,
    cost numeric not null,
    unpriced_calls bigint not null
);
comment on table work.feature_call_counts is 'Usage groups (work.user_feature_months and work.user_feature_months_recent) counted per month x feature x calls(u,F,M): one row per call count some user has. Rebuilt by a compute that is not month-incremental, else updated by the changes of the groups it merged.';
comment on column work.feature_call_counts.calls is 'A number of calls of the feature in the month, calls(u,F,M).';
comment on column work.feature_call_counts.users is 'Users with exactly that many calls of the feature in the month.';
comment on column work.feature_call_counts.cost is 'Sum of those users'' cost(u,F,M).';
comment on column work.feature_call_counts.unpriced_calls is 'Sum of those users'' unpriced calls of the feature in the month.';

-- The table starts empty: the next compute is a full one (no state), which fills it.
delete from work.compute_state;
delete from work.usage_rollup_state;
