-- 0021_user_feature_months_unkeyed: work.user_feature_months without the key index of 0016 and the fillfactor of 0018.
-- A full rebuild writes a new table straight from the parallel workers and swaps it in (20_usage_cost.sql); building
-- the key afterwards was 1.2 s of a 5M-call rebuild. An incremental compute no longer updates groups in place: it
-- takes out the stored groups the new rows have (a hash join), sums them with the new rows' totals and writes them
-- back, so pages need no room for updates either.
drop index if exists work.user_feature_months_key;
alter table work.user_feature_months reset (fillfactor);
