-- Expected values of fixture 03 (UTC, no usage so costs are 0 and c_p = 0).
-- Revenue: Jan U 10 + D 30 + X 10 = 50.
--   Feb: U 10 (u2) + u3 [Feb 15, Mar 15) = 29 d, Feb part 15 d -> 30*15/29; D 10; X 0 (x1 ended Feb 1).
--   Mar: U u3 14/29 of 30 + u4 [Mar 15, Apr 15) = 31 d, Mar part 17 d -> 30*17/31; D 10;
--        X [Mar 10, Apr 10) 22/31 of 10; N [Mar 5, Jun 5) = 92 d, Mar part 27 d -> 30*27/92.
-- MRR (t = month end): Feb 1: U 10, D 30, X 10 = 50. Mar 1: U 10 (u2, e = Mar 1) + 30 (u3) = 40, D 10, X 0 = 50.
--   Apr 1: U 30, D 10, X 10, N 30/3 = 10 -> 60.
-- Movements: Jan new 50. Feb: expansion U +30, contraction D -20, churn X -10 (50 + 30 - 20 - 10 = 50).
--   Mar: contraction U -10, reactivation X +10, new N +10 (50 - 10 + 10 + 10 = 60).
-- NRR Feb = (40 + 10 + 0) / (10 + 30 + 10) = 1; GRR Feb = (10 + 10 + 0) / 50 = 0.4.
-- NRR Mar = (30 + 10) / (40 + 10) = 0.8; GRR Mar = (30 + 10) / 50 = 0.8.
-- Payers: Jan U D X; Feb U D (X churned); Mar U D X N (X reactivated, N new).
-- payer_retention: Jan NULL; Feb 2/3; Mar 2/2 = 1. ltv = arppu / (1 - mean): Feb mean 2/3; Mar mean (2/3 + 1)/2 = 5/6.
with expected (obj, key1, key2, col, val) as (values
    ('count', 'user_months', '', 'rows', '9'),
    ('count', 'data_quality', 'error', 'rows', '0'),
    ('count', 'data_quality', 'warning', 'rows', '0'),
    ('mrr', '2024-01-01', '', 'mrr_start', '0'),
    ('mrr', '2024-01-01', '', 'new', '50'),
    ('mrr', '2024-01-01', '', 'reactivation', '0'),
    ('mrr', '2024-01-01', '', 'expansion', '0'),
    ('mrr', '2024-01-01', '', 'contraction', '0'),
    ('mrr', '2024-01-01', '', 'churn', '0'),
    ('mrr', '2024-01-01', '', 'mrr_end', '50'),
    ('mrr', '2024-02-01', '', 'mrr_start', '50'),
    ('mrr', '2024-02-01', '', 'new', '0'),
    ('mrr', '2024-02-01', '', 'reactivation', '0'),
    ('mrr', '2024-02-01', '', 'expansion', '30'),
    ('mrr', '2024-02-01', '', 'contraction', '-20'),
    ('mrr', '2024-02-01', '', 'churn', '-10'),
    ('mrr', '2024-02-01', '', 'mrr_end', '50'),
    ('mrr', '2024-03-01', '', 'mrr_start', '50'),
    ('mrr', '2024-03-01', '', 'new', '10'),
    ('mrr', '2024-03-01', '', 'reactivation', '10'),
    ('mrr', '2024-03-01', '', 'expansion', '0'),
    ('mrr', '2024-03-01', '', 'contraction', '-10'),
    ('mrr', '2024-03-01', '', 'churn', '0'),
    ('mrr', '2024-03-01', '', 'mrr_end', '60'),
    ('kpi', '2024-01-01', '', 'mrr_end', '50'),
    ('kpi', '2024-02-01', '', 'mrr_end', '50'),
    ('kpi', '2024-03-01', '', 'mrr_end', '60'),
    ('kpi', '2024-01-01', '', 'nrr', null),
    ('kpi', '2024-02-01', '', 'nrr', '1'),
    ('kpi', '2024-02-01', '', 'grr', '0.4'),
    ('kpi', '2024-03-01', '', 'nrr', '0.8'),
    ('kpi', '2024-03-01', '', 'grr', '0.8'),
    ('kpi', '2024-01-01', '', 'payers', '3'),
    ('kpi', '2024-02-01', '', 'payers', '2'),
    ('kpi', '2024-03-01', '', 'payers', '4'),
    ('kpi', '2024-01-01', '', 'new_payers', '3'),
    ('kpi', '2024-02-01', '', 'new_payers', '0'),
    ('kpi', '2024-03-01', '', 'new_payers', '1'),
    ('kpi', '2024-02-01', '', 'churned_payers', '1'),
    ('kpi', '2024-03-01', '', 'churned_payers', '0'),
    ('kpi', '2024-02-01', '', 'reactivated_payers', '0'),
    ('kpi', '2024-03-01', '', 'reactivated_payers', '1'),
    ('kpi', '2024-01-01', '', 'payer_retention', null),
    ('kpi', '2024-02-01', '', 'payer_retention', (2 / 3.0)::text),
    ('kpi', '2024-03-01', '', 'payer_retention', '1'),
    ('kpi', '2024-01-01', '', 'revenue', '50'),
    ('kpi', '2024-02-01', '', 'revenue', (20 + 30 * 15 / 29.0)::text),
    ('kpi', '2024-03-01', '', 'revenue', (30 * 14 / 29.0 + 30 * 17 / 31.0 + 10 + 10 * 22 / 31.0 + 30 * 27 / 92.0)::text),
    ('kpi', '2024-01-01', '', 'ltv_gross_profit', null),
    ('kpi', '2024-02-01', '', 'ltv_gross_profit', (((20 + 30 * 15 / 29.0) / 2) / (1 - 2 / 3.0))::text),
    ('kpi', '2024-03-01', '', 'ltv_gross_profit',
        (((30 * 14 / 29.0 + 30 * 17 / 31.0 + 10 + 10 * 22 / 31.0 + 30 * 27 / 92.0) / 4) / (1 - 5 / 6.0))::text),
    ('um', 'U', '2024-01-01', 'plan', 'basic'),
    ('um', 'U', '2024-02-01', 'plan', 'pro'),
    ('um', 'U', '2024-02-01', 'revenue', (10 + 30 * 15 / 29.0)::text),
    ('um', 'U', '2024-02-01', 'mrr_end', '40'),
    ('um', 'U', '2024-03-01', 'plan', 'pro'),
    ('um', 'U', '2024-03-01', 'mrr_end', '30'),
    ('um', 'D', '2024-02-01', 'plan', 'basic'),
    ('um', 'D', '2024-02-01', 'mrr_end', '10'),
    ('um', 'X', '2024-03-01', 'revenue', (10 * 22 / 31.0)::text),
    ('um', 'X', '2024-03-01', 'first_paid_month', '2024-01-01'),
    ('um', 'N', '2024-03-01', 'revenue', (30 * 27 / 92.0)::text),
    ('um', 'N', '2024-03-01', 'mrr_end', '10'),
    ('um', 'N', '2024-03-01', 'plan', 'pro_q')
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
