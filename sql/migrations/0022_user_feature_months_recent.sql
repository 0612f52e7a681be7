-- 0022_user_feature_months_recent: the usage groups of the months an incremental compute rebuilds, kept apart from
-- the others. A daily compute adds the day's totals to the groups of the current month only; with every month in one
-- table each compute read all of them (about four times the current month's groups at 6 months) to find those, and
-- copied the current month's out for the later steps. Now the groups of months >= work.usage_rollup_state.recent_from
-- are in work.user_feature_months_recent and the others in work.user_feature_months; a full rebuild puts every month
-- in work.user_feature_months and empties this table (20_usage_cost.sql moves months between them).
create unlogged table work.user_feature_months_recent (
    user_id text not null,
    month date not null,
    feature text not null,
    calls bigint not null,
    cost numeric not null,
    unpriced_calls bigint not null,
    input_tokens bigint not null,
    output_tokens bigint not null,
    cached_input_tokens bigint not null
);
comment on table work.user_feature_months_recent is 'Usage per user x month x feature (occurred_at <= as_of) of the months >= work.usage_rollup_state.recent_from (the months the incremental compute rebuilds); work.user_feature_months holds the earlier months. Empty after a full rebuild.';
comment on column work.user_feature_months_recent.calls is 'calls(u,F,M): number of calls, priced or not.';
comment on column work.user_feature_months_recent.cost is 'cost(u,F,M): sum of priced calls'' cost in the reporting currency (0 when none priced).';
comment on column work.user_feature_months_recent.unpriced_calls is 'Calls with no usable cost (left out of cost, reported in data_quality).';
comment on column work.user_feature_months_recent.input_tokens is 'Input tokens (cached included).';
comment on column work.user_feature_months_recent.output_tokens is 'Output tokens.';
comment on column work.user_feature_months_recent.cached_input_tokens is 'Cached input tokens.';

alter table work.usage_rollup_state add column recent_from date;
comment on column work.usage_rollup_state.recent_from is 'First month of work.user_feature_months_recent (NULL: empty; every month is in work.user_feature_months).';
