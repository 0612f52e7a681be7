-- settings: tz=UTC as_of='2024-01-15 00:00:00+00' currency=USD
-- Fixture 10: an explicit as_of before every event: nothing is computed (empty tables), the ignored rows are
-- reported as info, and a user from events.users alone does not create a month.
insert into events.users (user_id, signed_up_at, load_id, line_number) values ('A', '2024-01-02 00:00:00+00', 0, 0);
insert into events.usage (event_id, user_id, occurred_at, feature, model, input_tokens, output_tokens, cached_input_tokens, cost, cost_currency, load_id, line_number) values
    ('u1', 'A', '2024-02-01 00:00:00+00', 'chat', 'm', 1, 1, 0, 0.25, 'USD', 0, 0);
