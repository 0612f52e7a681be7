-- 95_recent_usage_groups: after a full per-user rebuild (compute_mode.from_month NULL), the usage groups of the last
-- month go from work.user_feature_months to work.user_feature_months_recent (20_usage_cost), and
-- work.usage_rollup_state.recent_from records it. The next compute is usually month-incremental from that month: it
-- merges its new rows into those groups and reads only them, without moving them first (about a second at 5M calls,
-- paid here once instead of by the first daily compute). Every step that reads the groups of a full rebuild has run
-- (42-91 through ufm_scope), and the recent table is empty in such a compute (20_usage_cost, 40_users). Skipped when
-- no state is kept (an explicit as_of: the next compute is a full one) or there are no months.
do $$
declare
    last date := (select last_month from work.run_settings);
begin
    if (select from_month from compute_mode) is null and last is not null
       and exists (select 1 from work.usage_rollup_state) then
        perform pg_temp.move_usage_groups('work.user_feature_months', 'work.user_feature_months_recent',
                                          format('month >= %L', last));
        analyze work.user_feature_months_recent;
        update work.usage_rollup_state set recent_from = last;
        update usage_mode set recent_from = last, moved_to_recent = true;
    end if;
end
$$;
