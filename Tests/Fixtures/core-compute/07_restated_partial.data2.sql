-- Late events for fixture 07's second compute (none after the first compute's as_of).
insert into events.usage (event_id, user_id, occurred_at, feature, model, input_tokens, output_tokens, cached_input_tokens, cost, cost_currency, load_id, line_number) values
    ('z1', 'Z', '2024-01-20 00:00:00+00', 'chat', 'm', 1, 1, 0, 0.5, 'USD', 0, 0),
    ('x4', 'X', '2024-03-15 00:00:00+00', 'chat', 'm', 1, 1, 0, 0.5, 'USD', 0, 0);
