-- settings: tz=UTC as_of='2024-04-30 00:00:00+00' currency=USD
-- Fixture 05: payer / active / free, plan (latest charge; tie on occurred_at -> greater payment_id; a credits purchase
-- after the subscription charge sets the plan), break-even share incl. both NULL cases, gross margin NULL when
-- revenue <= 0, a refund-only month, feedback_rate / satisfaction, ltv_gross_profit.
insert into events.payments (payment_id, user_id, occurred_at, kind, amount, currency, plan, interval, period_start, period_end, refund_of, load_id, line_number) values
    ('p1s1', 'P1', '2024-01-01 00:00:00+00', 'charge', 20, 'USD', 'pro', 'month', null, null, null, 0, 0),
    ('p1c', 'P1', '2024-01-02 00:00:00+00', 'charge', 10, 'USD', 'credits', 'one_time', null, null, null, 0, 0),
    ('p1s2', 'P1', '2024-02-01 00:00:00+00', 'charge', 20, 'USD', 'pro', 'month', null, null, null, 0, 0),
    ('p1s3', 'P1', '2024-03-01 00:00:00+00', 'charge', 20, 'USD', 'pro', 'month', null, null, null, 0, 0),
    ('p2b', 'P2', '2024-01-03 00:00:00+00', 'charge', 5, 'USD', 'b', 'one_time', null, null, null, 0, 0),
    ('p2a', 'P2', '2024-01-03 00:00:00+00', 'charge', 5, 'USD', 'a', 'one_time', null, null, null, 0, 0),
    ('f1r', 'F1', '2024-04-10 00:00:00+00', 'refund', 5, 'USD', null, null, null, null, 'zzz', 0, 0);

insert into events.usage (event_id, user_id, occurred_at, feature, model, input_tokens, output_tokens, cached_input_tokens, cost, cost_currency, load_id, line_number) values
    ('j1', 'P1', '2024-01-05 00:00:00+00', 'chat', 'm', 1, 1, 0, 1.0, 'USD', 0, 0),
    ('j2', 'P1', '2024-01-06 00:00:00+00', 'chat', 'm', 1, 1, 0, 2.0, 'USD', 0, 0),
    ('j3', 'F1', '2024-01-07 00:00:00+00', 'chat', 'm', 1, 1, 0, 1.0, 'USD', 0, 0),
    ('j4', 'F2', '2024-01-08 00:00:00+00', 'chat', 'm', 1, 1, 0, 0.25, 'USD', 0, 0),
    ('j5', 'F2', '2024-01-09 00:00:00+00', 'chat', 'm', 1, 1, 0, 0.25, 'USD', 0, 0),
    ('f1', 'P1', '2024-02-05 00:00:00+00', 'chat', 'm', 1, 1, 0, 25, 'USD', 0, 0),
    ('f2', 'F1', '2024-02-06 00:00:00+00', 'chat', 'm', 1, 1, 0, 1, 'USD', 0, 0),
    ('m1', 'P1', '2024-03-05 00:00:00+00', 'chat', 'm', 1, 1, 0, 2, 'USD', 0, 0);

insert into events.feedback (event_id, user_id, occurred_at, feature, rating, load_id, line_number) values
    ('fb1', 'P1', '2024-01-10 00:00:00+00', 'chat', 5, 0, 0),
    ('fb2', 'F1', '2024-01-11 00:00:00+00', 'chat', 2, 0, 0),
    ('fb3', 'F1', '2024-02-11 00:00:00+00', 'chat', 4, 0, 0);
