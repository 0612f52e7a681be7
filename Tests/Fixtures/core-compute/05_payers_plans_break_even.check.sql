-- Expected values of fixture 05 (UTC, costs provided in USD).
-- Jan: payers P1 (20 + 10) and P2 (5 + 5): revenue 40, arppu 20. Active P1, F1, F2; active payers P1.
--   cost 3 + 1 + 0.5 = 4.5; cost_paid 3, cost_free 1.5; c_p = 3/2 = 1.5; c_f = 1.5/2 = 0.75;
--   break-even = 0.75 / (20 - 1.5 + 0.75) = 0.75 / 19.25. paid_share = 2 / (3 + 2 - 1) = 0.5. idle revenue P2 = 10.
--   feedback: P1 (5), F1 (2): feedback_rate 1/1, satisfaction 1/2. Plans: P1 credits (Jan 2 after Jan 1), P2 b (tie).
-- Feb: payer P1 (20), cost P1 25, F1 1: c_p = 25 >= arppu 20 -> break-even NULL; gross margin (20 - 26)/20 = -0.3.
--   P2 churned; retention 1/2; feedback_rate 0/1; satisfaction 1/1 (F1 rated 4); ltv = (20 - 25)/(1 - 0.5) = -10.
-- Mar: payer P1 (20), cost 2, no active free user -> break-even NULL; retention 1; ltv = (20 - 2)/(1 - 0.75) = 72.
-- Apr: no payer (arppu NULL, ltv NULL); F1 refund-only row -5 (unknown charge): revenue -5 -> gross margin NULL;
--   retention 0/1 = 0; paid_share 0/0 -> NULL. MRR 20 at Feb 1, Mar 1, Apr 1; 0 at May 1 (churn -20 in Apr).
with expected (obj, key1, key2, col, val) as (values
    ('count', 'data_quality', 'error', 'rows', '0'),
    ('count', 'data_quality', 'warning', 'rows', '1'),
    ('count', 'user_months', '', 'rows', '8'),   -- Jan P1 P2 F1 F2; Feb P1 F1; Mar P1; Apr F1 (P1 has nothing in Apr)
    ('um', 'P1', '2024-01-01', 'plan', 'credits'),
    ('um', 'P2', '2024-01-01', 'plan', 'b'),
    ('um', 'F1', '2024-01-01', 'plan', 'free'),
    ('um', 'P1', '2024-02-01', 'plan', 'pro'),
    ('um', 'F1', '2024-04-01', 'plan', 'free'),
    ('um', 'F1', '2024-04-01', 'is_payer', 'false'),
    ('um', 'F1', '2024-04-01', 'revenue', '-5'),
    ('um', 'P1', '2024-01-01', 'feedback_count', '1'),
    ('um', 'P1', '2024-01-01', 'positive_feedback_count', '1'),
    ('um', 'F1', '2024-01-01', 'positive_feedback_count', '0'),
    ('kpi', '2024-01-01', '', 'payers', '2'),
    ('kpi', '2024-01-01', '', 'revenue', '40'),
    ('kpi', '2024-01-01', '', 'active_users', '3'),
    ('kpi', '2024-01-01', '', 'active_payers', '1'),
    ('kpi', '2024-01-01', '', 'active_free_users', '2'),
    ('kpi', '2024-01-01', '', 'cost', '4.5'),
    ('kpi', '2024-01-01', '', 'cost_paid', '3'),
    ('kpi', '2024-01-01', '', 'cost_free', '1.5'),
    ('kpi', '2024-01-01', '', 'gross_margin', '0.8875'),
    ('kpi', '2024-01-01', '', 'arppu', '20'),
    ('kpi', '2024-01-01', '', 'cost_per_active_payer', '3'),
    ('kpi', '2024-01-01', '', 'cost_per_active_free_user', '0.75'),
    ('kpi', '2024-01-01', '', 'free_cost_share', (1 / 3.0)::text),
    ('kpi', '2024-01-01', '', 'paid_share', '0.5'),
    ('kpi', '2024-01-01', '', 'break_even_paid_share', (0.75 / 19.25)::text),
    ('kpi', '2024-01-01', '', 'idle_revenue', '10'),
    ('kpi', '2024-01-01', '', 'feedback_rate', '1'),
    ('kpi', '2024-01-01', '', 'satisfaction', '0.5'),
    ('kpi', '2024-01-01', '', 'payer_retention', null),
    ('kpi', '2024-01-01', '', 'ltv_gross_profit', null),
    ('kpi', '2024-02-01', '', 'payers', '1'),
    ('kpi', '2024-02-01', '', 'revenue', '20'),
    ('kpi', '2024-02-01', '', 'cost', '26'),
    ('kpi', '2024-02-01', '', 'gross_margin', '-0.3'),
    ('kpi', '2024-02-01', '', 'break_even_paid_share', null),
    ('kpi', '2024-02-01', '', 'cost_per_active_free_user', '1'),
    ('kpi', '2024-02-01', '', 'churned_payers', '1'),
    ('kpi', '2024-02-01', '', 'payer_retention', '0.5'),
    ('kpi', '2024-02-01', '', 'feedback_rate', '0'),
    ('kpi', '2024-02-01', '', 'satisfaction', '1'),
    ('kpi', '2024-02-01', '', 'ltv_gross_profit', '-10'),
    ('kpi', '2024-03-01', '', 'active_free_users', '0'),
    ('kpi', '2024-03-01', '', 'break_even_paid_share', null),
    ('kpi', '2024-03-01', '', 'cost_per_active_free_user', null),
    ('kpi', '2024-03-01', '', 'free_cost_share', '0'),
    ('kpi', '2024-03-01', '', 'payer_retention', '1'),
    ('kpi', '2024-03-01', '', 'ltv_gross_profit', '72'),
    ('kpi', '2024-03-01', '', 'satisfaction', null),
    ('kpi', '2024-04-01', '', 'payers', '0'),
    ('kpi', '2024-04-01', '', 'revenue', '-5'),
    ('kpi', '2024-04-01', '', 'gross_margin', null),
    ('kpi', '2024-04-01', '', 'arppu', null),
    ('kpi', '2024-04-01', '', 'paid_share', null),
    ('kpi', '2024-04-01', '', 'payer_retention', '0'),
    ('kpi', '2024-04-01', '', 'churned_payers', '1'),
    ('kpi', '2024-04-01', '', 'ltv_gross_profit', null),
    ('kpi', '2024-04-01', '', 'mrr_end', '0'),
    ('mrr', '2024-03-01', '', 'mrr_end', '20'),
    ('mrr', '2024-04-01', '', 'churn', '-20'),
    ('dq', 'unknown_refunds', 'warning', 'affected_rows', '1')
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
