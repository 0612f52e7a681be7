-- 99_compute_state: what this compute covered (work.compute_state, one row), so the next one can tell what changed
-- since and keep the months the new rows did not touch (see 10_settings_months). Written only without an explicit
-- as_of (rows after it were left out) and when there were events; otherwise the state is removed and the next
-- compute is a full one.
delete from work.compute_state;

insert into work.compute_state (last_load_id, as_of, first_month, last_month, reporting_timezone, reporting_currency,
                                target_gross_margin, usage_rows, usage_min, usage_max, feedback_rows,
                                reference_fingerprint, recomputed_from)
select m.new_load_id, s.as_of, s.first_month, s.last_month, s.reporting_timezone, s.reporting_currency,
       s.target_gross_margin, m.usage_rows, m.usage_min, m.usage_max, m.feedback_rows, m.reference_fingerprint,
       m.from_month
from compute_mode m
cross join work.run_settings s
where not s.as_of_explicit and s.first_month is not null and m.usage_rows is not null;

-- ufm_scope (20_usage_cost, 40_users) is a view, and views are not dropped at commit: one left behind would keep the
-- next full compute in this session from replacing work.user_feature_months.
do $$
begin
    if (select relkind from pg_class where oid = to_regclass('pg_temp.ufm_scope')) = 'v' then
        drop view pg_temp.ufm_scope;
    end if;
end
$$;
