-- Expected values of fixture 09 (UTC, January 2024 only; as_of Jan 31 23:59:59 -> complete).
-- Revenue: C 20 (the GBP refund has no rate: not compared, not counted), Q 90 * 31/91 ([Jan 1, Apr 1) = 91 days),
-- E 7; S's charge has period_end before its start: left out. Z's 0 charge: not a payer, plan 'trial'.
-- Payers C, Q, E = 3; new payers (earliest non-voided charge in Jan): S, C, Z, E, Q = 5. MRR at Feb 1: Q 90/3 = 30.
-- Warnings: bad_service_period, refund_comparison_without_fx, missing_fx_payments (the GBP refund).
with expected (obj, key1, key2, col, val) as (values
    ('count', 'data_quality', 'error', 'rows', '0'),
    ('count', 'data_quality', 'warning', 'rows', '3'),
    ('dq', 'bad_service_period', 'warning', 'affected_rows', '1'),
    ('dq', 'refund_comparison_without_fx', 'warning', 'affected_rows', '1'),
    ('dq', 'missing_fx_payments', 'warning', 'affected_rows', '1'),
    ('count', 'user_months', '', 'rows', '4'),          -- C, Q, E, Z (S has nothing counted)
    ('kpi', '2024-01-01', '', 'complete', 'true'),
    ('kpi', '2024-01-01', '', 'payers', '3'),
    ('kpi', '2024-01-01', '', 'new_payers', '5'),
    ('kpi', '2024-01-01', '', 'signups', '5'),
    ('kpi', '2024-01-01', '', 'revenue', (20 + 90 * 31 / 91.0 + 7)::text),
    ('kpi', '2024-01-01', '', 'mrr_end', '30'),
    ('kpi', '2024-01-01', '', 'active_users', '1'),
    ('kpi', '2024-01-01', '', 'active_free_users', '1'),
    ('kpi', '2024-01-01', '', 'cost_free', '0.25'),
    ('kpi', '2024-01-01', '', 'paid_share', '0.75'),    -- 3 / (1 + 3 - 0)
    ('mrr', '2024-01-01', '', 'new', '30'),
    ('um', 'C', '2024-01-01', 'revenue', '20'),
    ('um', 'Z', '2024-01-01', 'plan', 'trial'),
    ('um', 'Z', '2024-01-01', 'is_payer', 'false'),
    ('um', 'Z', '2024-01-01', 'revenue', '0'),
    ('um', 'E', '2024-01-01', 'plan', ''),
    ('um', 'Q', '2024-01-01', 'revenue', (90 * 31 / 91.0)::text),
    ('um', 'Q', '2024-01-01', 'mrr_end', '30')
),
actual as (
    select 'kpi' as obj, k.month::text as key1, ''::text as key2, j.key as col, j.value as val
    from flywheel.monthly_kpis k cross join lateral jsonb_each_text(to_jsonb(k)) j
    union all
    select 'mrr', m.month::text, '', j.key, j.value
    from flywheel.mrr_movements m cross join lateral jsonb_each_text(to_jsonb(m)) j
    union all
    select 'loop', l.month::text, l.stage, j.key, j.value
    from flywheel.loop_stages l cross join lateral jsonb_each_text(to_jsonb(l)) j
    union all
    select 'um', u.user_id, u.month::text, j.key, j.value
    from flywheel.user_months u cross join lateral jsonb_each_text(to_jsonb(u)) j
    union all
    select 'ufm', f.user_id, f.month::text || ' ' || f.feature, j.key, j.value
    from work.user_feature_months f cross join lateral jsonb_each_text(to_jsonb(f)) j
    union all
    select 'dq', d.check_name, d.severity, 'affected_rows', d.affected_rows::text from flywheel.data_quality d
    union all
    select 'count', 'user_months', '', 'rows', count(*)::text from flywheel.user_months
    union all
    select 'count', 'monthly_kpis', '', 'rows', count(*)::text from flywheel.monthly_kpis
    union all
    select 'count', 'loop_stages', '', 'rows', count(*)::text from flywheel.loop_stages
    union all
    select 'count', 'loop_stages', '', 'bottlenecks', count(*) filter (where is_bottleneck)::text
    from flywheel.loop_stages
    union all
    select 'count', 'data_quality', s.severity, 'rows', count(d.check_name)::text
    from (values ('error'), ('warning')) s (severity)
    left join flywheel.data_quality d on d.severity = s.severity
    group by s.severity
)
select format('FAIL %s %s %s %s: expected %s, got %s', e.obj, e.key1, e.key2, e.col, coalesce(e.val, 'NULL'),
              case when a.col is null then '(no row)' else coalesce(a.val, 'NULL') end)
from expected e
left join actual a on a.obj = e.obj and a.key1 = e.key1 and a.key2 = e.key2 and a.col = e.col
where a.col is null
   or not (a.val is not distinct from e.val
           or (a.val ~ '^-?[0-9]+(\.[0-9]+)?$' and e.val ~ '^-?[0-9]+(\.[0-9]+)?$'
               and abs(a.val::numeric - e.val::numeric) <= 1e-9))
order by 1;
