-- settings: tz=America/New_York as_of='2024-11-29 23:59:59-05' currency=USD
-- Fixture 02: proration in a non-UTC reporting zone with DST (America/New_York), a period starting one millisecond
-- before a month ends, signup month in the reporting zone, complete/partial months.
insert into events.users (user_id, signed_up_at, load_id, line_number) values
    ('C', '2024-03-01 02:00:00+00', 0, 0);   -- = 2024-02-29 21:00 in New York: signs up in February

insert into events.payments (payment_id, user_id, occurred_at, kind, amount, currency, plan, interval, period_start, period_end, refund_of, load_id, line_number) values
    -- A: yearly 1200 from 2024-01-15 00:00 EST to 2025-01-15 00:00 EST: 366 days of 86400 s (DST cancels out)
    ('a1', 'A', '2024-01-15 00:00:00-05', 'charge', 1200, 'USD', 'pro_year', 'year', null, null, null, 0, 0),
    -- B: monthly 30 starting 1 ms before March (local); end = start + 1 month = 2024-03-29 23:59:59.999 EDT
    ('b1', 'B', '2024-02-29 23:59:59.999-05', 'charge', 30, 'USD', 'basic', 'month', '2024-02-29 23:59:59.999-05', null, null, 0, 0);
