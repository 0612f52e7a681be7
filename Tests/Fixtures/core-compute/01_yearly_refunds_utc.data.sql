-- settings: tz=UTC as_of='2024-03-31 00:00:00+00' currency=USD
-- Fixture 01: yearly plan prorated in UTC, monthly plan with a partial refund, voided one-time charges (one full
-- refund; two refunds adding up), a refund naming an unknown charge, rows after an explicit as_of ignored, as_of
-- exactly at the first instant of the last day (month complete).
insert into events.users (user_id, signed_up_at, load_id, line_number) values
    ('A', '2023-12-20 10:00:00+00', 0, 0),   -- signup before the range: counts in no month of the range
    ('B', '2024-02-01 09:00:00+00', 0, 0);

insert into catalog.model_prices (model, effective_from, input_per_mtok, output_per_mtok, cached_input_per_mtok, currency, load_id)
values ('m1', '2024-01-01', 1.0, 2.0, 0.5, 'USD', 0);

insert into events.payments (payment_id, user_id, occurred_at, kind, amount, currency, plan, interval, period_start, period_end, refund_of, load_id, line_number) values
    -- A: yearly 1200, period [2024-01-15, 2025-01-15) = 366 days (leap year)
    ('a1', 'A', '2024-01-15 00:00:00+00', 'charge', 1200, 'USD', 'pro_year', 'year', null, null, null, 0, 0),
    -- refund after as_of: ignored, voids nothing
    ('a1r', 'A', '2024-03-31 00:00:01+00', 'refund', 1200, 'USD', null, null, null, null, 'a1', 0, 0),
    -- B: monthly 30, period [Feb 10 10:00, Mar 10 10:00) = 29 days; partial refund 10 in March
    ('b1', 'B', '2024-02-10 10:00:00+00', 'charge', 30, 'USD', 'basic', 'month', null, null, null, 0, 0),
    ('b1r', 'B', '2024-03-05 12:00:00+00', 'refund', 10, 'USD', null, null, null, null, 'b1', 0, 0),
    -- C: one-time 50, fully refunded: voided, counts nowhere
    ('c1', 'C', '2024-03-20 08:00:00+00', 'charge', 50, 'USD', 'credits', 'one_time', null, null, null, 0, 0),
    ('c1r', 'C', '2024-03-25 08:00:00+00', 'refund', 50, 'USD', null, null, null, null, 'c1', 0, 0),
    -- D: one-time 20 refunded 5 + 15: voided (refunds in two months count nowhere)
    ('d1', 'D', '2024-02-05 08:00:00+00', 'charge', 20, 'USD', 'credits', 'one_time', null, null, null, 0, 0),
    ('d1r1', 'D', '2024-02-06 08:00:00+00', 'refund', 5, 'USD', null, null, null, null, 'd1', 0, 0),
    ('d1r2', 'D', '2024-03-02 08:00:00+00', 'refund', 15, 'USD', null, null, null, null, 'd1', 0, 0),
    -- E: refund naming an unknown charge: subtracted in its own month
    ('e1r', 'E', '2024-03-15 08:00:00+00', 'refund', 7, 'USD', null, null, null, null, 'nope', 0, 0);

insert into events.usage (event_id, user_id, occurred_at, feature, model, input_tokens, output_tokens, cached_input_tokens, cost, cost_currency, load_id, line_number) values
    ('u1', 'B', '2024-02-12 10:00:00+00', 'chat', 'm1', 1000, 500, 0, null, 'USD', 0, 0),   -- (1000*1 + 500*2)/1e6 = 0.002
    ('u2', 'C', '2024-03-21 10:00:00+00', 'chat', 'm1', 2000, 1000, 0, null, 'USD', 0, 0),  -- (2000*1 + 1000*2)/1e6 = 0.004
    ('u3', 'F', '2024-03-31 00:00:01+00', 'chat', 'm1', 2000, 1000, 0, null, 'USD', 0, 0);  -- after as_of: ignored
