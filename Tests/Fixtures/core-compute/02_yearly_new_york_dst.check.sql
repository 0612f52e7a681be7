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
