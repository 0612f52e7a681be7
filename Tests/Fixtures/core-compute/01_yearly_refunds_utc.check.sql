-- Expected values of fixture 01 (worked out by hand; arithmetic in the expressions and comments).
-- A: 1200 over 366 days: Jan 17 days, Feb 29 days, Mar 31 days. MRR 1200/12 = 100 at Feb 1, Mar 1, Apr 1.
-- B: 30 over [Feb 10 10:00, Mar 10 10:00) = 29 d = 2,505,600 s; Feb part = 19 d 14 h = 1,692,000 s -> 30*235/348;
--    Mar part 30*113/348; refund 10 in March (not voiding: 10 < 30). MRR 30 at Mar 1 only.
-- C, D: voided (count nowhere). E: -7 in March (unknown charge). F: only after as_of -> does not exist.
-- signups: A Dec (not in range); B Feb (users); D Feb (first payment); C Mar (first payment/usage); E Mar.
with expected (obj, key1, key2, col, val) as (values
    ('count', 'user_months', '', 'rows', '7'),
    ('count', 'monthly_kpis', '', 'rows', '3'),
    ('count', 'data_quality', 'error', 'rows', '0'),
    ('count', 'data_quality', 'warning', 'rows', '1'),
    ('dq', 'unknown_refunds', 'warning', 'affected_rows', '1'),
    ('dq', 'ignored_after_as_of', 'info', 'affected_rows', '2'),
    -- user_months
    ('um', 'A', '2024-01-01', 'revenue', (1200 * 17 / 366.0)::text),
    ('um', 'A', '2024-02-01', 'revenue', (1200 * 29 / 366.0)::text),
    ('um', 'A', '2024-03-01', 'revenue', (1200 * 31 / 366.0)::text),
    ('um', 'A', '2024-03-01', 'mrr_end', '100'),
    ('um', 'A', '2024-03-01', 'plan', 'pro_year'),
    ('um', 'A', '2024-03-01', 'is_payer', 'true'),
    ('um', 'A', '2024-03-01', 'is_active', 'false'),
    ('um', 'A', '2024-03-01', 'signup_month', '2023-12-01'),
    ('um', 'A', '2024-03-01', 'first_paid_month', '2024-01-01'),
    ('um', 'B', '2024-02-01', 'revenue', (30 * 235 / 348.0)::text),
    ('um', 'B', '2024-02-01', 'gross', (30 * 235 / 348.0)::text),
    ('um', 'B', '2024-02-01', 'cost', '0.002'),
    ('um', 'B', '2024-02-01', 'calls', '1'),
    ('um', 'B', '2024-02-01', 'input_tokens', '1000'),
    ('um', 'B', '2024-02-01', 'output_tokens', '500'),
    ('um', 'B', '2024-02-01', 'mrr_end', '30'),
    ('um', 'B', '2024-02-01', 'plan', 'basic'),
    ('um', 'B', '2024-03-01', 'revenue', (30 * 113 / 348.0 - 10)::text),
    ('um', 'B', '2024-03-01', 'gross', (30 * 113 / 348.0)::text),
    ('um', 'B', '2024-03-01', 'is_payer', 'true'),
    ('um', 'B', '2024-03-01', 'mrr_end', '0'),
    ('um', 'C', '2024-03-01', 'plan', 'free'),
    ('um', 'C', '2024-03-01', 'is_payer', 'false'),
    ('um', 'C', '2024-03-01', 'revenue', '0'),
    ('um', 'C', '2024-03-01', 'cost', '0.004'),
    ('um', 'C', '2024-03-01', 'first_paid_month', null),
    ('um', 'C', '2024-03-01', 'signup_month', '2024-03-01'),
    ('um', 'E', '2024-03-01', 'plan', 'free'),
    ('um', 'E', '2024-03-01', 'is_payer', 'false'),
    ('um', 'E', '2024-03-01', 'revenue', '-7'),
    -- monthly_kpis January: only A (idle payer)
    ('kpi', '2024-01-01', '', 'complete', 'true'),
    ('kpi', '2024-01-01', '', 'signups', '0'),
    ('kpi', '2024-01-01', '', 'active_users', '0'),
    ('kpi', '2024-01-01', '', 'payers', '1'),
    ('kpi', '2024-01-01', '', 'new_payers', '1'),
    ('kpi', '2024-01-01', '', 'revenue', (1200 * 17 / 366.0)::text),
    ('kpi', '2024-01-01', '', 'gross_margin', '1'),
    ('kpi', '2024-01-01', '', 'arppu', (1200 * 17 / 366.0)::text),
    ('kpi', '2024-01-01', '', 'cost_per_active_payer', null),
    ('kpi', '2024-01-01', '', 'free_cost_share', null),
    ('kpi', '2024-01-01', '', 'paid_share', '1'),                    -- 1 / (0 + 1 - 0)
    ('kpi', '2024-01-01', '', 'break_even_paid_share', null),        -- no active free users
    ('kpi', '2024-01-01', '', 'idle_revenue', (1200 * 17 / 366.0)::text),
    ('kpi', '2024-01-01', '', 'mrr_end', '100'),
    ('kpi', '2024-01-01', '', 'payer_retention', null),
    ('kpi', '2024-01-01', '', 'nrr', null),
    ('kpi', '2024-01-01', '', 'value_created', '0'),
    ('kpi', '2024-01-01', '', 'ltv_gross_profit', null),
    -- February: A idle payer, B active payer
    ('kpi', '2024-02-01', '', 'signups', '2'),                       -- B (users), D (first payment)
    ('kpi', '2024-02-01', '', 'active_users', '1'),
    ('kpi', '2024-02-01', '', 'payers', '2'),
    ('kpi', '2024-02-01', '', 'active_payers', '1'),
    ('kpi', '2024-02-01', '', 'active_free_users', '0'),
    ('kpi', '2024-02-01', '', 'new_payers', '1'),                    -- B; D's charge is voided
    ('kpi', '2024-02-01', '', 'churned_payers', '0'),
    ('kpi', '2024-02-01', '', 'revenue', (1200 * 29 / 366.0 + 30 * 235 / 348.0)::text),
    ('kpi', '2024-02-01', '', 'cost', '0.002'),
    ('kpi', '2024-02-01', '', 'cost_paid', '0.002'),
    ('kpi', '2024-02-01', '', 'cost_free', '0'),
    ('kpi', '2024-02-01', '', 'gross_margin',
        ((1200 * 29 / 366.0 + 30 * 235 / 348.0 - 0.002) / (1200 * 29 / 366.0 + 30 * 235 / 348.0))::text),
    ('kpi', '2024-02-01', '', 'arppu', ((1200 * 29 / 366.0 + 30 * 235 / 348.0) / 2)::text),
    ('kpi', '2024-02-01', '', 'cost_per_active_payer', '0.002'),
    ('kpi', '2024-02-01', '', 'cost_per_active_free_user', null),
    ('kpi', '2024-02-01', '', 'free_cost_share', '0'),
    ('kpi', '2024-02-01', '', 'paid_share', '1'),                    -- 2 / (1 + 2 - 1)
    ('kpi', '2024-02-01', '', 'idle_revenue', (1200 * 29 / 366.0)::text),
    ('kpi', '2024-02-01', '', 'mrr_end', '130'),
    ('kpi', '2024-02-01', '', 'payer_retention', '1'),
    ('kpi', '2024-02-01', '', 'nrr', '1'),                           -- A: 100 -> 100
    ('kpi', '2024-02-01', '', 'grr', '1'),
    ('kpi', '2024-02-01', '', 'ltv_gross_profit', null),             -- mean retention (1) = 1
    -- March: A idle, B idle (payer, net revenue < 0), C active free, E refund only
    ('kpi', '2024-03-01', '', 'complete', 'true'),                   -- as_of = Mar 31 00:00 exactly
    ('kpi', '2024-03-01', '', 'signups', '2'),
    ('kpi', '2024-03-01', '', 'active_users', '1'),
    ('kpi', '2024-03-01', '', 'payers', '2'),
    ('kpi', '2024-03-01', '', 'active_payers', '0'),
    ('kpi', '2024-03-01', '', 'active_free_users', '1'),
    ('kpi', '2024-03-01', '', 'new_payers', '0'),
    ('kpi', '2024-03-01', '', 'reactivated_payers', '0'),
    ('kpi', '2024-03-01', '', 'churned_payers', '0'),
    ('kpi', '2024-03-01', '', 'revenue', (1200 * 31 / 366.0 + 30 * 113 / 348.0 - 10 - 7)::text),
    ('kpi', '2024-03-01', '', 'cost', '0.004'),
    ('kpi', '2024-03-01', '', 'cost_paid', '0'),
    ('kpi', '2024-03-01', '', 'cost_free', '0.004'),
    ('kpi', '2024-03-01', '', 'arppu', ((1200 * 31 / 366.0 + 30 * 113 / 348.0 - 17) / 2)::text),
    ('kpi', '2024-03-01', '', 'cost_per_active_payer', null),
    ('kpi', '2024-03-01', '', 'cost_per_active_free_user', '0.004'),
    ('kpi', '2024-03-01', '', 'free_cost_share', '1'),
    ('kpi', '2024-03-01', '', 'paid_share', (2 / 3.0)::text),        -- 2 / (1 + 2 - 0)
    -- c_p = 0 / 2 = 0; c_f = 0.004: 0.004 / (arppu - 0 + 0.004)
    ('kpi', '2024-03-01', '', 'break_even_paid_share',
        (0.004 / ((1200 * 31 / 366.0 + 30 * 113 / 348.0 - 17) / 2 + 0.004))::text),
    ('kpi', '2024-03-01', '', 'idle_revenue', (1200 * 31 / 366.0 + 30 * 113 / 348.0 - 10)::text),
    ('kpi', '2024-03-01', '', 'mrr_end', '100'),
    ('kpi', '2024-03-01', '', 'payer_retention', '1'),
    ('kpi', '2024-03-01', '', 'nrr', (100 / 130.0)::text),           -- A 100 -> 100, B 30 -> 0
    ('kpi', '2024-03-01', '', 'grr', (100 / 130.0)::text),
    ('kpi', '2024-03-01', '', 'feedback_rate', null),
    ('kpi', '2024-03-01', '', 'satisfaction', null),
    -- MRR movements
    ('mrr', '2024-01-01', '', 'mrr_start', '0'),
    ('mrr', '2024-01-01', '', 'new', '100'),
    ('mrr', '2024-01-01', '', 'mrr_end', '100'),
    ('mrr', '2024-02-01', '', 'mrr_start', '100'),
    ('mrr', '2024-02-01', '', 'new', '30'),
    ('mrr', '2024-02-01', '', 'mrr_end', '130'),
    ('mrr', '2024-03-01', '', 'mrr_start', '130'),
    ('mrr', '2024-03-01', '', 'new', '0'),
    ('mrr', '2024-03-01', '', 'churn', '-30'),
    ('mrr', '2024-03-01', '', 'contraction', '0'),
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
