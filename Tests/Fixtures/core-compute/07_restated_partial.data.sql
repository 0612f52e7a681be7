-- settings: tz=UTC as_of='' currency=USD
-- Fixture 07 (two computes): complete and partial months, restated months. First compute: as_of = latest event =
-- 2024-03-30 23:59:59.999999 (March incomplete: its last day starts 1 microsecond later). Then 07_*.data2.sql adds
-- late events in January (complete: restated) and in March (incomplete both times: not restated), and the compute
-- runs again.
insert into events.usage (event_id, user_id, occurred_at, feature, model, input_tokens, output_tokens, cached_input_tokens, cost, cost_currency, load_id, line_number) values
    ('x1', 'X', '2024-01-10 00:00:00+00', 'chat', 'm', 1, 1, 0, 0.5, 'USD', 0, 0),
    ('x2', 'X', '2024-02-10 00:00:00+00', 'chat', 'm', 1, 1, 0, 0.5, 'USD', 0, 0),
    ('x3', 'X', '2024-03-30 23:59:59.999999+00', 'chat', 'm', 1, 1, 0, 0.5, 'USD', 0, 0);
insert into events.payments (payment_id, user_id, occurred_at, kind, amount, currency, plan, interval, period_start, period_end, refund_of, load_id, line_number) values
    ('y1', 'Y', '2024-01-05 00:00:00+00', 'charge', 10, 'USD', 'credits', 'one_time', null, null, null, 0, 0);
