-- Expected values of fixture 04 (Europe/Berlin, USD). as_of = latest event = 2024-01-22 12:00 UTC: January only,
-- incomplete (last day Jan 31).
-- Revenue: A 110 (EUR 100 at 1.10), B 120 (EUR 100 at 1.20), G 12 - 2 = 10; C left out (no JPY rate); D voided
-- (EUR refunds 48 + 2.4 USD >= 50); E voided (EUR 10 >= EUR 10). Total 240. Payers A, B, G.
-- Cost: A 2.4 + 1.1 + 2.2 + 0.5 = 6.2 (chat 4.0, search 2.2); F 0.3 (2 unpriced calls). Total 6.5.
-- arppu = 240 / 3 = 80; c_p = 6.2 / 3; c_f = 0.3 / 1; break-even = 0.3 / (80 - 6.2/3 + 0.3).
-- value_created = chat calls (A 3, F 2) * 0.5 = 2.5 (search has no value).
-- new_payers: A, B, G and C (C's charge is not voided; only its amount is unknown).
with expected (obj, key1, key2, col, val) as (values
    ('count', 'user_months', '', 'rows', '4'),
    ('count', 'monthly_kpis', '', 'rows', '1'),
    ('count', 'data_quality', 'error', 'rows', '0'),
    ('count', 'data_quality', 'warning', 'rows', '3'),
    ('dq', 'missing_prices', 'warning', 'affected_rows', '1'),
    ('dq', 'missing_fx_usage', 'warning', 'affected_rows', '1'),
    ('dq', 'missing_fx_payments', 'warning', 'affected_rows', '1'),
    ('kpi', '2024-01-01', '', 'complete', 'false'),
    ('kpi', '2024-01-01', '', 'signups', '7'),
    ('kpi', '2024-01-01', '', 'payers', '3'),
    ('kpi', '2024-01-01', '', 'active_users', '2'),
    ('kpi', '2024-01-01', '', 'active_payers', '1'),
    ('kpi', '2024-01-01', '', 'active_free_users', '1'),
    ('kpi', '2024-01-01', '', 'new_payers', '4'),
    ('kpi', '2024-01-01', '', 'revenue', '240'),
    ('kpi', '2024-01-01', '', 'cost', '6.5'),
    ('kpi', '2024-01-01', '', 'cost_paid', '6.2'),
    ('kpi', '2024-01-01', '', 'cost_free', '0.3'),
    ('kpi', '2024-01-01', '', 'gross_margin', ((240 - 6.5) / 240)::text),
    ('kpi', '2024-01-01', '', 'arppu', '80'),
    ('kpi', '2024-01-01', '', 'cost_per_active_payer', '6.2'),
    ('kpi', '2024-01-01', '', 'cost_per_active_free_user', '0.3'),
    ('kpi', '2024-01-01', '', 'free_cost_share', (0.3 / 6.5)::text),
    ('kpi', '2024-01-01', '', 'paid_share', '0.75'),                      -- 3 / (2 + 3 - 1)
    ('kpi', '2024-01-01', '', 'break_even_paid_share', (0.3 / (80 - 6.2 / 3 + 0.3))::text),
    ('kpi', '2024-01-01', '', 'idle_revenue', '130'),                     -- B 120 + G 10
    ('kpi', '2024-01-01', '', 'value_created', '2.5'),
    ('kpi', '2024-01-01', '', 'mrr_end', '0'),
    ('um', 'A', '2024-01-01', 'revenue', '110'),
    ('um', 'A', '2024-01-01', 'calls', '4'),
    ('um', 'A', '2024-01-01', 'cost', '6.2'),
    ('um', 'A', '2024-01-01', 'input_tokens', '2100010'),
    ('um', 'A', '2024-01-01', 'output_tokens', '200010'),
    ('um', 'A', '2024-01-01', 'cached_input_tokens', '800000'),
    ('um', 'A', '2024-01-01', 'unpriced_calls', '0'),
    ('um', 'A', '2024-01-01', 'plan', 'credits'),
    ('um', 'B', '2024-01-01', 'revenue', '120'),
    ('um', 'G', '2024-01-01', 'revenue', '10'),
    ('um', 'G', '2024-01-01', 'gross', '12'),
    ('um', 'F', '2024-01-01', 'calls', '3'),
    ('um', 'F', '2024-01-01', 'cost', '0.3'),
    ('um', 'F', '2024-01-01', 'unpriced_calls', '2'),
    ('um', 'F', '2024-01-01', 'is_active', 'true'),
    ('um', 'F', '2024-01-01', 'is_payer', 'false'),
    ('ufm', 'A', '2024-01-01 chat', 'cost', '4.0'),
    ('ufm', 'A', '2024-01-01 chat', 'calls', '3'),
    ('ufm', 'A', '2024-01-01 search', 'cost', '2.2'),
    ('ufm', 'F', '2024-01-01 chat', 'cost', '0.3'),
    ('ufm', 'F', '2024-01-01 chat', 'unpriced_calls', '1'),
    ('ufm', 'F', '2024-01-01 search', 'cost', '0'),
    ('ufm', 'F', '2024-01-01 search', 'unpriced_calls', '1')
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
