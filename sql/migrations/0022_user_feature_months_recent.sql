-- 0022_user_feature_months_recent: the usage groups of the months an incremental compute rebuilds, kept apart from
-- the others. A daily compute adds the day's totals to the groups of the current month only; with every month in one
-- table each compute read all of them (about four times the current month's groups at 6 months) to find those, and
-- copied the current month's out for the later steps. Now the groups of months >= work.usage_rollup_state.recent_from
-- are in work.user_feature_months_recent and the others in work.user_feature_months; a full rebuild puts every month
-- in work.user_feature_months and empties this table (20_usage_cost.sql moves months between them).
-- (Same columns, NOT NULL constraints and column comments as work.user_feature_months.)
create unlogged table work.user_feature_months_recent (like work.user_feature_months including comments);
comment on table work.user_feature_months_recent is 'Usage per user x month x feature (occurred_at <= as_of) of the months >= work.usage_rollup_state.recent_from (the months the incremental compute rebuilds); work.user_feature_months holds the earlier months. Empty after a full rebuild.';

alter table work.usage_rollup_state add column recent_from date;
comment on column work.usage_rollup_state.recent_from is 'First month of work.user_feature_months_recent (NULL: empty; every month is in work.user_feature_months).';
