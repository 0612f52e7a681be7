-- settings: tz=UTC as_of='2024-03-31 00:00:00+00' currency=USD
-- Fixture 03: upgrade with overlapping charges (U), downgrade (D), cancellation then reactivation (X), a new
-- quarterly subscriber (N); MRR movements and identity, NRR/GRR, plan of overlapping charges, ltv.
insert into events.payments (payment_id, user_id, occurred_at, kind, amount, currency, plan, interval, period_start, period_end, refund_of, load_id, line_number) values
    ('u1', 'U', '2024-01-01 00:00:00+00', 'charge', 10, 'USD', 'basic', 'month', null, null, null, 0, 0),
    ('u2', 'U', '2024-02-01 00:00:00+00', 'charge', 10, 'USD', 'basic', 'month', null, null, null, 0, 0),
    ('u3', 'U', '2024-02-15 00:00:00+00', 'charge', 30, 'USD', 'pro', 'month', null, null, null, 0, 0),
    ('u4', 'U', '2024-03-15 00:00:00+00', 'charge', 30, 'USD', 'pro', 'month', null, null, null, 0, 0),
    ('d1', 'D', '2024-01-01 00:00:00+00', 'charge', 30, 'USD', 'pro', 'month', null, null, null, 0, 0),
    ('d2', 'D', '2024-02-01 00:00:00+00', 'charge', 10, 'USD', 'basic', 'month', null, null, null, 0, 0),
    ('d3', 'D', '2024-03-01 00:00:00+00', 'charge', 10, 'USD', 'basic', 'month', null, null, null, 0, 0),
    ('x1', 'X', '2024-01-01 00:00:00+00', 'charge', 10, 'USD', 'basic', 'month', null, null, null, 0, 0),
    ('x2', 'X', '2024-03-10 00:00:00+00', 'charge', 10, 'USD', 'basic', 'month', null, null, null, 0, 0),
    ('n1', 'N', '2024-03-05 00:00:00+00', 'charge', 30, 'USD', 'pro_q', 'quarter', null, null, null, 0, 0);
