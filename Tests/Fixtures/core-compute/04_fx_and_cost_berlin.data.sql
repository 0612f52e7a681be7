-- settings: tz=Europe/Berlin as_of='' currency=USD
-- Fixture 04: FX look-up over a weekend gap and by the date in the reporting zone (Europe/Berlin), reporting
-- currency rate 1 whatever fx_rates says, cross-currency refunds voiding a charge, same-currency voiding compared in
-- the charge's currency, a partial refund converted at its own date, cost with cached tokens across a price change
-- (by local date), a provided EUR cost, a model priced in EUR, missing price / missing FX rows excluded and reported,
-- value_created, as_of from the latest event.
insert into catalog.fx_rates (currency, date, rate, load_id) values
    ('EUR', '2024-01-05', 1.10, 0),   -- Friday
    ('EUR', '2024-01-08', 1.20, 0),   -- Monday (no rates for the weekend)
    ('EUR', '2024-01-19', 0.50, 0),
    ('USD', '2024-01-01', 2.00, 0);   -- ignored: the reporting currency's rate is 1

insert into catalog.model_prices (model, effective_from, input_per_mtok, output_per_mtok, cached_input_per_mtok, currency, load_id) values
    ('gpt', '2024-01-01', 2.00, 8.00, 1.00, 'USD', 0),
    ('gpt', '2024-01-16', 1.00, 4.00, 0.25, 'USD', 0),
    ('eur-model', '2024-01-01', 10, 0, 10, 'EUR', 0);

insert into catalog.features (feature, display_name, value_per_call, load_id) values
    ('chat', 'Chat', 0.5, 0),
    ('search', 'Search', null, 0);

insert into events.payments (payment_id, user_id, occurred_at, kind, amount, currency, plan, interval, period_start, period_end, refund_of, load_id, line_number) values
    ('p1', 'A', '2024-01-07 12:00:00+00', 'charge', 100, 'EUR', 'credits', 'one_time', null, null, null, 0, 0),   -- Sun Jan 7 Berlin: rate of Jan 5 = 1.10 -> 110
    ('p2', 'B', '2024-01-07 23:30:00+00', 'charge', 100, 'EUR', 'credits', 'one_time', null, null, null, 0, 0),   -- Mon Jan 8 00:30 Berlin: 1.20 -> 120
    ('p3', 'C', '2024-01-10 12:00:00+00', 'charge', 1000, 'JPY', 'credits', 'one_time', null, null, null, 0, 0),  -- no JPY rate: left out, reported
    ('d1', 'D', '2024-01-09 12:00:00+00', 'charge', 50, 'USD', 'credits', 'one_time', null, null, null, 0, 0),
    ('d1r1', 'D', '2024-01-12 12:00:00+00', 'refund', 40, 'EUR', null, null, null, null, 'd1', 0, 0),           -- 40 * 1.20 = 48 USD
    ('d1r2', 'D', '2024-01-13 12:00:00+00', 'refund', 2, 'EUR', null, null, null, null, 'd1', 0, 0),            -- 2 * 1.20 = 2.4 -> 50.4 >= 50: voided
    ('e1', 'E', '2024-01-15 12:00:00+00', 'charge', 10, 'EUR', 'credits', 'one_time', null, null, null, 0, 0),    -- 12 USD
    ('e1r', 'E', '2024-01-20 12:00:00+00', 'refund', 10, 'EUR', null, null, null, null, 'e1', 0, 0),            -- EUR 10 >= EUR 10: voided (5 USD would not void)
    ('g1', 'G', '2024-01-15 12:00:00+00', 'charge', 10, 'EUR', 'credits', 'one_time', null, null, null, 0, 0),    -- 12 USD
    ('g1r', 'G', '2024-01-20 12:00:00+00', 'refund', 4, 'EUR', null, null, null, null, 'g1', 0, 0);             -- partial: 4 * 0.50 = 2 USD

insert into events.usage (event_id, user_id, occurred_at, feature, model, input_tokens, output_tokens, cached_input_tokens, cost, cost_currency, load_id, line_number) values
    -- Jan 15 23:30 Berlin, old price: (600000*2 + 400000*1 + 100000*8) / 1e6 = 2.4
    ('u1', 'A', '2024-01-15 22:30:00+00', 'chat', 'gpt', 1000000, 100000, 400000, null, 'USD', 0, 0),
    -- Jan 16 00:30 Berlin, new price: (600000*1 + 400000*0.25 + 100000*4) / 1e6 = 1.1
    ('u2', 'A', '2024-01-15 23:30:00+00', 'chat', 'gpt', 1000000, 100000, 400000, null, 'USD', 0, 0),
    -- provided cost EUR 2 on Sunday Jan 7: 2 * 1.10 = 2.2
    ('u3', 'A', '2024-01-07 10:00:00+00', 'search', 'gpt', 10, 10, 0, 2, 'EUR', 0, 0),
    -- EUR-priced model: 100000 * 10 / 1e6 = EUR 1.0 at Jan 21 (rate of Jan 19 = 0.50) = 0.5
    ('u6', 'A', '2024-01-21 12:00:00+00', 'chat', 'eur-model', 100000, 0, 0, null, 'USD', 0, 0),
    -- no cost, no price: a call, cost left out
    ('u4', 'F', '2024-01-20 12:00:00+00', 'chat', 'unknown-model', 100, 100, 0, null, 'USD', 0, 0),
    -- cost in GBP, no GBP rate: a call, cost left out
    ('u5', 'F', '2024-01-20 13:00:00+00', 'search', 'gpt', 100, 100, 0, 1.0, 'GBP', 0, 0),
    -- cost in the reporting currency: rate 1 (not the 2.00 of fx_rates)
    ('u7', 'F', '2024-01-22 12:00:00+00', 'chat', 'gpt', 100, 100, 0, 0.3, 'USD', 0, 0);
