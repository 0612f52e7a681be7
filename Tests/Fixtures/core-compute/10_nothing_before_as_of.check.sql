-- Expected values of fixture 10: no month at all; info rows only.
with expected (obj, key1, key2, col, val) as (values
    ('count', 'data_quality', 'error', 'rows', '0'),
    ('count', 'data_quality', 'warning', 'rows', '0'),
    ('count', 'user_months', '', 'rows', '0'),
    ('count', 'monthly_kpis', '', 'rows', '0'),
    ('count', 'loop_stages', '', 'rows', '0'),
    ('dq', 'compute_range', 'info', 'affected_rows', '0'),
    ('dq', 'ignored_after_as_of', 'info', 'affected_rows', '1')
),
