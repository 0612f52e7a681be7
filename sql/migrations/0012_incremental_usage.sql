-- 0012_incremental_usage: what lets compute add only new usage to work.user_feature_months.
-- Usage rows are only ever inserted (deduplication never updates or deletes them), and the cost of a set of calls
-- is a sum over its calls, so the per user x month x feature totals of the previous compute plus the totals of the
-- rows loaded since equal a full recomputation, as long as nothing else changed (see 20_usage_cost.sql).

-- Rows are appended in load order, so a BRIN index finds the rows of recent loads without reading the table.
create index usage_load_id_brin on events.usage using brin (load_id);

-- Unlogged like work.user_feature_months: after a crash both are emptied together, which forces a full rebuild.
create unlogged table work.usage_rollup_state (
    singleton boolean primary key default true check (singleton),
    last_load_id bigint not null,
    reporting_timezone text not null,
    catalog_fingerprint text not null
);
comment on table work.usage_rollup_state is 'What work.user_feature_months holds: every usage row with load_id <= last_load_id, bucketed in reporting_timezone and priced with the catalog described by catalog_fingerprint. Absent: rebuild in full.';
