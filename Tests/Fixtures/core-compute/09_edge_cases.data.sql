-- settings: tz=UTC as_of='2024-01-31 23:59:59+00' currency=USD
-- Fixture 09: a subscription whose period_end is before its start (left out, reported), a refund in a currency
-- without rate (no voiding comparison, not counted, reported), a 0-amount charge (sets the plan, not a payer), a
-- charge without plan (plan ''), a quarterly plan (MRR = amount / 3).
insert into events.payments (payment_id, user_id, occurred_at, kind, amount, currency, plan, interval, period_start, period_end, refund_of, load_id, line_number) values
    ('s1', 'S', '2024-01-10 00:00:00+00', 'charge', 10, 'USD', 'basic', 'month', '2024-01-10 00:00:00+00', '2024-01-05 00:00:00+00', null, 0, 0),
    ('c1', 'C', '2024-01-12 00:00:00+00', 'charge', 20, 'USD', 'credits', 'one_time', null, null, null, 0, 0),
    ('c1r', 'C', '2024-01-13 00:00:00+00', 'refund', 5, 'GBP', null, null, null, null, 'c1', 0, 0),
    ('z1', 'Z', '2024-01-15 00:00:00+00', 'charge', 0, 'USD', 'trial', 'one_time', null, null, null, 0, 0),
    ('e1', 'E', '2024-01-16 00:00:00+00', 'charge', 7, 'USD', null, 'one_time', null, null, null, 0, 0),
    ('q1', 'Q', '2024-01-01 00:00:00+00', 'charge', 90, 'USD', 'pro_q', 'quarter', null, null, null, 0, 0);
insert into events.usage (event_id, user_id, occurred_at, feature, model, input_tokens, output_tokens, cached_input_tokens, cost, cost_currency, load_id, line_number) values
    ('u1', 'Z', '2024-01-20 00:00:00+00', 'chat', 'm', 1, 1, 0, 0.25, 'USD', 0, 0);
