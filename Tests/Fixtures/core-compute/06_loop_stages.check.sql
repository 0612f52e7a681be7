-- Expected values of fixture 06 (UTC).
-- Rates           acquire (new/pool)   use (active payers/payers)   feedback (fb active payers/active payers)   retain
--   Jan           2/3 (A,B of A,B,F1)  2/2                          2/2                                          NULL
--   Feb           0/2 (pool F1,F2)     2/2                          0/2                                          2/2
--   Mar           1/2 (C of F1,C)      2/3 (A,C of A,B,C)           2/2                                          2/2
--   Apr           0/1 (F1)             2/2                          1/2                                          2/3
--   May           0/1 (F1)             1/2 (A of A,C)               1/1                                          2/2
-- Trailing (mean of non-NULL rates of M-3..M-1):
--   Feb: 2/3, 1, 1, NULL.  Mar: 1/3, 1, 1/2, 1.  Apr: 7/18, 8/9, 2/3, 1.  May: 1/6, 8/9, 1/2, 8/9.
-- Change = rate / trailing - 1:
--   Feb: -1, 0, -1, NULL -> tie acquire/feedback -> acquire (loop order).
--   Mar: 1/2, -1/3, 1, 0 -> use.   Apr: -1, 1/8, -1/4, -1/3 -> acquire.   May: -1, -7/16, 1, 1/8 -> acquire.
--   Jan: all NULL -> no bottleneck.
with expected (obj, key1, key2, col, val) as (values
    ('count', 'data_quality', 'error', 'rows', '0'),
    ('count', 'data_quality', 'warning', 'rows', '0'),
    ('count', 'loop_stages', '', 'rows', '20'),
    ('count', 'loop_stages', '', 'bottlenecks', '4'),
    ('loop', '2024-01-01', 'acquire', 'rate', (2 / 3.0)::text),
    ('loop', '2024-01-01', 'use', 'rate', '1'),
    ('loop', '2024-01-01', 'feedback', 'rate', '1'),
    ('loop', '2024-01-01', 'retain', 'rate', null),
    ('loop', '2024-01-01', 'acquire', 'previous_rate', null),
    ('loop', '2024-01-01', 'acquire', 'trailing_rate', null),
    ('loop', '2024-01-01', 'acquire', 'change', null),
    ('loop', '2024-01-01', 'acquire', 'is_bottleneck', 'false'),
    ('loop', '2024-01-01', 'use', 'is_bottleneck', 'false'),
    ('loop', '2024-01-01', 'feedback', 'is_bottleneck', 'false'),
    ('loop', '2024-01-01', 'retain', 'is_bottleneck', 'false'),
    ('loop', '2024-02-01', 'acquire', 'rate', '0'),
    ('loop', '2024-02-01', 'use', 'rate', '1'),
    ('loop', '2024-02-01', 'feedback', 'rate', '0'),
    ('loop', '2024-02-01', 'retain', 'rate', '1'),
    ('loop', '2024-02-01', 'acquire', 'previous_rate', (2 / 3.0)::text),
    ('loop', '2024-02-01', 'acquire', 'trailing_rate', (2 / 3.0)::text),
    ('loop', '2024-02-01', 'retain', 'trailing_rate', null),
    ('loop', '2024-02-01', 'acquire', 'change', '-1'),
    ('loop', '2024-02-01', 'use', 'change', '0'),
    ('loop', '2024-02-01', 'feedback', 'change', '-1'),
    ('loop', '2024-02-01', 'retain', 'change', null),
    ('loop', '2024-02-01', 'acquire', 'is_bottleneck', 'true'),
    ('loop', '2024-02-01', 'feedback', 'is_bottleneck', 'false'),
    ('loop', '2024-03-01', 'acquire', 'rate', '0.5'),
    ('loop', '2024-03-01', 'use', 'rate', (2 / 3.0)::text),
    ('loop', '2024-03-01', 'acquire', 'trailing_rate', (1 / 3.0)::text),
    ('loop', '2024-03-01', 'feedback', 'trailing_rate', '0.5'),
    ('loop', '2024-03-01', 'acquire', 'change', '0.5'),
    ('loop', '2024-03-01', 'use', 'change', (-1 / 3.0)::text),
    ('loop', '2024-03-01', 'feedback', 'change', '1'),
    ('loop', '2024-03-01', 'retain', 'change', '0'),
    ('loop', '2024-03-01', 'use', 'is_bottleneck', 'true'),
    ('loop', '2024-03-01', 'acquire', 'is_bottleneck', 'false'),
    ('loop', '2024-04-01', 'retain', 'rate', (2 / 3.0)::text),
    ('loop', '2024-04-01', 'acquire', 'trailing_rate', (7 / 18.0)::text),
    ('loop', '2024-04-01', 'use', 'trailing_rate', (8 / 9.0)::text),
    ('loop', '2024-04-01', 'feedback', 'trailing_rate', (2 / 3.0)::text),
    ('loop', '2024-04-01', 'retain', 'trailing_rate', '1'),
    ('loop', '2024-04-01', 'acquire', 'change', '-1'),
    ('loop', '2024-04-01', 'use', 'change', '0.125'),
    ('loop', '2024-04-01', 'feedback', 'change', '-0.25'),
    ('loop', '2024-04-01', 'retain', 'change', (-1 / 3.0)::text),
    ('loop', '2024-04-01', 'acquire', 'is_bottleneck', 'true'),
    ('loop', '2024-04-01', 'retain', 'is_bottleneck', 'false'),
    ('loop', '2024-05-01', 'use', 'rate', '0.5'),
    ('loop', '2024-05-01', 'use', 'previous_rate', '1'),
    ('loop', '2024-05-01', 'acquire', 'trailing_rate', (1 / 6.0)::text),
    ('loop', '2024-05-01', 'retain', 'trailing_rate', (8 / 9.0)::text),
    ('loop', '2024-05-01', 'use', 'change', (-7 / 16.0)::text),
    ('loop', '2024-05-01', 'retain', 'change', '0.125'),
    ('loop', '2024-05-01', 'acquire', 'is_bottleneck', 'true'),
    ('loop', '2024-05-01', 'use', 'is_bottleneck', 'false'),
    ('kpi', '2024-03-01', '', 'new_payers', '1'),
    ('kpi', '2024-04-01', '', 'churned_payers', '1'),
    ('kpi', '2024-01-01', '', 'satisfaction', '0.5'),
    ('kpi', '2024-05-01', '', 'feedback_rate', '1')
),
