-- Expected values of fixture 02 (America/New_York).
-- A: total 366 d = 31,622,400 s. Jan: Jan 15 -> Feb 1 = 17 d = 1,468,800 s. Mar: Mar 1 00:00 EST -> Apr 1 00:00 EDT
--    = 31 d - 1 h = 2,674,800 s. Nov: Nov 1 00:00 EDT -> Dec 1 00:00 EST = 30 d + 1 h = 2,595,600 s. MRR 100.
-- B: [Feb 29 23:59:59.999 EST, Mar 29 23:59:59.999 EDT) = 29 d - 1 h = 2,502,000 s; Feb part 0.001 s (a payer in
--    Feb), Mar part 2,502,000 - 0.001 s. MRR 30 at Mar 1 00:00 local only (s < t by 1 ms).
-- Signups: Jan A (first payment); Feb B (first payment, local date) and C (users, local date).
with expected (obj, key1, key2, col, val) as (values
    ('count', 'monthly_kpis', '', 'rows', '11'),
    ('count', 'data_quality', 'error', 'rows', '0'),
    ('count', 'data_quality', 'warning', 'rows', '0'),
    ('um', 'A', '2024-01-01', 'revenue', (1200.0 * 1468800 / 31622400.0)::text),
    ('um', 'A', '2024-03-01', 'revenue', (1200.0 * 2674800 / 31622400.0)::text),
    ('um', 'A', '2024-10-01', 'revenue', (1200.0 * (31 * 86400) / 31622400.0)::text),
    ('um', 'A', '2024-11-01', 'revenue', (1200.0 * 2595600 / 31622400.0)::text),
    ('um', 'A', '2024-11-01', 'mrr_end', '100'),
    ('um', 'B', '2024-02-01', 'revenue', (30 * 0.001 / 2502000)::text),
    ('um', 'B', '2024-02-01', 'is_payer', 'true'),
    ('um', 'B', '2024-02-01', 'plan', 'basic'),
    ('um', 'B', '2024-02-01', 'mrr_end', '30'),
    ('um', 'B', '2024-02-01', 'first_paid_month', '2024-02-01'),
    ('um', 'B', '2024-02-01', 'signup_month', '2024-02-01'),
    ('um', 'B', '2024-03-01', 'revenue', (30 * (2502000 - 0.001) / 2502000)::text),
    ('um', 'B', '2024-03-01', 'mrr_end', '0'),
    ('kpi', '2024-01-01', '', 'signups', '1'),
    ('kpi', '2024-02-01', '', 'signups', '2'),
    ('kpi', '2024-03-01', '', 'signups', '0'),
    ('kpi', '2024-02-01', '', 'payers', '2'),
    ('kpi', '2024-02-01', '', 'new_payers', '1'),
    ('kpi', '2024-02-01', '', 'revenue', (1200.0 * 29 * 86400 / 31622400.0 + 30 * 0.001 / 2502000)::text),
    ('kpi', '2024-02-01', '', 'mrr_end', '130'),
    ('kpi', '2024-03-01', '', 'payers', '2'),
    ('kpi', '2024-03-01', '', 'mrr_end', '100'),
    ('kpi', '2024-04-01', '', 'payers', '1'),
    ('kpi', '2024-04-01', '', 'churned_payers', '1'),
    ('kpi', '2024-04-01', '', 'payer_retention', '0.5'),
    ('kpi', '2024-10-01', '', 'complete', 'true'),
    ('kpi', '2024-11-01', '', 'complete', 'false'),   -- as_of is 1 s before Nov 30 00:00 local
    ('mrr', '2024-02-01', '', 'new', '30'),
    ('mrr', '2024-02-01', '', 'mrr_end', '130'),
    ('mrr', '2024-03-01', '', 'churn', '-30'),
    ('mrr', '2024-03-01', '', 'mrr_end', '100')
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
