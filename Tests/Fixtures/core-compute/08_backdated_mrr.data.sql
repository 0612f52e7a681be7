-- settings: tz=UTC as_of='2024-03-31 00:00:00+00' currency=USD
-- Fixture 08: a charge whose service period starts before the first reported month ("the month before the first
-- month is computed from the data like any other"; "an earlier month end includes month ends before the first
-- reported month"); a period of another length still contributes amount / months(interval); first_paid_month is the
-- month of occurred_at, not of the service start.
insert into events.usage (event_id, user_id, occurred_at, feature, model, input_tokens, output_tokens, cached_input_tokens, cost, cost_currency, load_id, line_number) values
    ('u1', 'R', '2024-01-05 00:00:00+00', 'chat', 'm', 1, 1, 0, 0.5, 'USD', 0, 0);
insert into events.payments (payment_id, user_id, occurred_at, kind, amount, currency, plan, interval, period_start, period_end, refund_of, load_id, line_number) values
    -- monthly 10 paid on Mar 2 for [2023-11-15, 2024-02-15) (92 days): MRR 10 at Dec 1, Jan 1, Feb 1
    ('r1', 'R', '2024-03-02 00:00:00+00', 'charge', 10, 'USD', 'basic', 'month', '2023-11-15 00:00:00+00', '2024-02-15 00:00:00+00', null, 0, 0),
    -- monthly 10 for [Mar 5, Apr 5) (31 days)
    ('r2', 'R', '2024-03-05 00:00:00+00', 'charge', 10, 'USD', 'basic', 'month', null, null, null, 0, 0);
