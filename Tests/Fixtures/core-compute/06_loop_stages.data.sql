-- settings: tz=UTC as_of='2024-05-31 00:00:00+00' currency=USD
-- Fixture 06: flywheel loop stages over five months: rates, previous and trailing rates, change, bottleneck (a tie
-- resolved by loop order, a month with no bottleneck).
-- A pays monthly Jan-May, calls every month, feedback Jan, Mar, Apr, May.
-- B pays monthly Jan-Mar, calls Jan and Feb, feedback Jan. C pays monthly Mar-May, calls Mar and Apr, feedback Mar.
-- F1 (free) calls every month; F2 (free) calls in Feb only.
insert into events.payments (payment_id, user_id, occurred_at, kind, amount, currency, plan, interval, period_start, period_end, refund_of, load_id, line_number) values
    ('a1', 'A', '2024-01-01 00:00:00+00', 'charge', 10, 'USD', 'basic', 'month', null, null, null, 0, 0),
    ('a2', 'A', '2024-02-01 00:00:00+00', 'charge', 10, 'USD', 'basic', 'month', null, null, null, 0, 0),
    ('a3', 'A', '2024-03-01 00:00:00+00', 'charge', 10, 'USD', 'basic', 'month', null, null, null, 0, 0),
    ('a4', 'A', '2024-04-01 00:00:00+00', 'charge', 10, 'USD', 'basic', 'month', null, null, null, 0, 0),
    ('a5', 'A', '2024-05-01 00:00:00+00', 'charge', 10, 'USD', 'basic', 'month', null, null, null, 0, 0),
    ('b1', 'B', '2024-01-01 00:00:00+00', 'charge', 10, 'USD', 'basic', 'month', null, null, null, 0, 0),
    ('b2', 'B', '2024-02-01 00:00:00+00', 'charge', 10, 'USD', 'basic', 'month', null, null, null, 0, 0),
    ('b3', 'B', '2024-03-01 00:00:00+00', 'charge', 10, 'USD', 'basic', 'month', null, null, null, 0, 0),
    ('c1', 'C', '2024-03-01 00:00:00+00', 'charge', 10, 'USD', 'basic', 'month', null, null, null, 0, 0),
    ('c2', 'C', '2024-04-01 00:00:00+00', 'charge', 10, 'USD', 'basic', 'month', null, null, null, 0, 0),
    ('c3', 'C', '2024-05-01 00:00:00+00', 'charge', 10, 'USD', 'basic', 'month', null, null, null, 0, 0);

insert into events.usage (event_id, user_id, occurred_at, feature, model, input_tokens, output_tokens, cached_input_tokens, cost, cost_currency, load_id, line_number) values
    ('ua1', 'A', '2024-01-10 00:00:00+00', 'chat', 'm', 1, 1, 0, 0.1, 'USD', 0, 0),
    ('uf1', 'F1', '2024-01-15 00:00:00+00', 'chat', 'm', 1, 1, 0, 0.1, 'USD', 0, 0),
    ('ua2', 'A', '2024-02-10 00:00:00+00', 'chat', 'm', 1, 1, 0, 0.1, 'USD', 0, 0),
    ('uf2', 'F1', '2024-02-15 00:00:00+00', 'chat', 'm', 1, 1, 0, 0.1, 'USD', 0, 0),
    ('ua3', 'A', '2024-03-10 00:00:00+00', 'chat', 'm', 1, 1, 0, 0.1, 'USD', 0, 0),
    ('uf3', 'F1', '2024-03-15 00:00:00+00', 'chat', 'm', 1, 1, 0, 0.1, 'USD', 0, 0),
    ('ua4', 'A', '2024-04-10 00:00:00+00', 'chat', 'm', 1, 1, 0, 0.1, 'USD', 0, 0),
    ('uf4', 'F1', '2024-04-15 00:00:00+00', 'chat', 'm', 1, 1, 0, 0.1, 'USD', 0, 0),
    ('ua5', 'A', '2024-05-10 00:00:00+00', 'chat', 'm', 1, 1, 0, 0.1, 'USD', 0, 0),
    ('uf5', 'F1', '2024-05-15 00:00:00+00', 'chat', 'm', 1, 1, 0, 0.1, 'USD', 0, 0),
    ('ub01', 'B', '2024-01-10 00:00:00+00', 'chat', 'm', 1, 1, 0, 0.1, 'USD', 0, 0),
    ('ub02', 'B', '2024-02-10 00:00:00+00', 'chat', 'm', 1, 1, 0, 0.1, 'USD', 0, 0),
    ('uc03', 'C', '2024-03-10 00:00:00+00', 'chat', 'm', 1, 1, 0, 0.1, 'USD', 0, 0),
    ('uc04', 'C', '2024-04-10 00:00:00+00', 'chat', 'm', 1, 1, 0, 0.1, 'USD', 0, 0),
    ('uf2x', 'F2', '2024-02-15 00:00:00+00', 'chat', 'm', 1, 1, 0, 0.1, 'USD', 0, 0);

insert into events.feedback (event_id, user_id, occurred_at, feature, rating, load_id, line_number) values
    ('fbA01', 'A', '2024-01-20 00:00:00+00', 'chat', 5, 0, 0),
    ('fbA03', 'A', '2024-03-20 00:00:00+00', 'chat', 4, 0, 0),
    ('fbA04', 'A', '2024-04-20 00:00:00+00', 'chat', 5, 0, 0),
    ('fbA05', 'A', '2024-05-20 00:00:00+00', 'chat', 5, 0, 0),
    ('fbB01', 'B', '2024-01-20 00:00:00+00', 'chat', 2, 0, 0),
    ('fbC03', 'C', '2024-03-20 00:00:00+00', 'chat', 5, 0, 0);
