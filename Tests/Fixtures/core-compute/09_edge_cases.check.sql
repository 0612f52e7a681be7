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
