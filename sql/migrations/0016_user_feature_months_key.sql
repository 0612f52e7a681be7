-- 0016_user_feature_months_key: a unique key on work.user_feature_months (user x month x feature), so an incremental
-- compute merges the new rows' totals with `insert … on conflict do update` (index look-ups for the few groups of the
-- delta) instead of an update and an anti-join insert that each scanned every stored group (see 20_usage_cost.sql).
-- A full rebuild drops the index, inserts, and builds it again (building once is cheaper than maintaining it per
-- row). Byte-order ("C") collation: the key is only used for equality, and it sorts faster when built.
create unique index user_feature_months_key
    on work.user_feature_months (user_id collate "C", month, feature collate "C");
