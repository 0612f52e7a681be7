-- Expected values of fixture 08 (UTC). Range Jan-Mar 2024 (earliest event: R's call on Jan 5).
-- r1 recognises Dec 31/92 (month before the range: R is a payer in Dec), Jan 31/92, Feb 14/92 of 10.
-- r2 recognises Mar 27/31 of 10. MRR: Jan 1 (= mrr_end Dec) 10, Feb 1 10, Mar 1 0, Apr 1 10.
-- Movements: Jan start 10 (no movement), Feb churn -10, Mar reactivation +10 (MRR at Jan 1 / Feb 1 before).
-- first_paid_month = Mar (occurred_at of r1): new_payers Mar 1. Jan retention: Dec payers {R} -> 1/1.
-- NRR Jan 10/10 = 1, Feb 0/10 = 0, Mar NULL (no m0 > 0).
-- Loop acquire: Jan pool {R} (active, first paid Mar >= Jan), 0 new -> 0; Mar pool {R} (first paid Mar) -> 1/1.
with expected (obj, key1, key2, col, val) as (values
    ('count', 'data_quality', 'error', 'rows', '0'),
    ('count', 'data_quality', 'warning', 'rows', '0'),
    ('count', 'user_months', '', 'rows', '3'),
    ('mrr', '2024-01-01', '', 'mrr_start', '10'),
    ('mrr', '2024-01-01', '', 'new', '0'),
    ('mrr', '2024-01-01', '', 'mrr_end', '10'),
    ('mrr', '2024-02-01', '', 'churn', '-10'),
    ('mrr', '2024-02-01', '', 'mrr_end', '0'),
    ('mrr', '2024-03-01', '', 'mrr_start', '0'),
    ('mrr', '2024-03-01', '', 'new', '0'),
    ('mrr', '2024-03-01', '', 'reactivation', '10'),
    ('mrr', '2024-03-01', '', 'mrr_end', '10'),
    ('um', 'R', '2024-01-01', 'revenue', (10 * 31 / 92.0)::text),
    ('um', 'R', '2024-01-01', 'is_payer', 'true'),
    ('um', 'R', '2024-01-01', 'plan', 'basic'),
    ('um', 'R', '2024-01-01', 'first_paid_month', '2024-03-01'),
    ('um', 'R', '2024-01-01', 'signup_month', '2024-01-01'),
    ('um', 'R', '2024-02-01', 'revenue', (10 * 14 / 92.0)::text),
    ('um', 'R', '2024-02-01', 'mrr_end', '0'),
    ('um', 'R', '2024-03-01', 'revenue', (10 * 27 / 31.0)::text),
    ('kpi', '2024-01-01', '', 'payer_retention', '1'),
    ('kpi', '2024-01-01', '', 'churned_payers', '0'),
    ('kpi', '2024-01-01', '', 'reactivated_payers', '0'),
    ('kpi', '2024-01-01', '', 'new_payers', '0'),
    ('kpi', '2024-03-01', '', 'new_payers', '1'),
    ('kpi', '2024-03-01', '', 'reactivated_payers', '0'),
    ('kpi', '2024-01-01', '', 'nrr', '1'),
    ('kpi', '2024-02-01', '', 'nrr', '0'),
    ('kpi', '2024-02-01', '', 'grr', '0'),
    ('kpi', '2024-03-01', '', 'nrr', null),
    ('kpi', '2024-01-01', '', 'signups', '1'),
    ('loop', '2024-01-01', 'acquire', 'rate', '0'),
    ('loop', '2024-03-01', 'acquire', 'rate', '1')
),
