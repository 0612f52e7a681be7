-- Expected values of fixture 07 after the second compute.
-- January gained user Z (active users 1 -> 2, cost 0.5 -> 1.0, signups 2 -> 3): restated. February unchanged.
-- March changed but was incomplete in both computes: not reported. One info row: restated_months, 1 month
-- (restated months are reported, not a data warning: late data is normal).
with expected (obj, key1, key2, col, val) as (values
    ('count', 'data_quality', 'error', 'rows', '0'),
    ('count', 'data_quality', 'warning', 'rows', '0'),
    ('dq', 'restated_months', 'info', 'affected_rows', '1'),
    ('kpi', '2024-01-01', '', 'complete', 'true'),
    ('kpi', '2024-02-01', '', 'complete', 'true'),
    ('kpi', '2024-03-01', '', 'complete', 'false'),
    ('kpi', '2024-01-01', '', 'active_users', '2'),
    ('kpi', '2024-01-01', '', 'signups', '3'),
    ('kpi', '2024-01-01', '', 'cost', '1.0'),
    ('kpi', '2024-03-01', '', 'cost', '1.0'),
    ('kpi', '2024-03-01', '', 'active_users', '1'),
    ('um', 'X', '2024-03-01', 'calls', '2')
),
