-- 0002_comments_and_grants: documentation of the stored tables and the analyst role's read access.

comment on schema events is 'Stored events: users, usage, feedback, payments (deduplicated by key).';
comment on schema catalog is 'Reference data: model prices, FX rates, features.';
comment on schema flywheel is 'Computed metrics: the analyst-facing interface.';
comment on schema ingest is 'Load ledger, quarantine, migrations and runs (not readable by analysts).';

comment on table events.users is 'One row per user (key user_id): when they signed up and where they came from.';
comment on column events.users.user_id is 'User identifier (trimmed, NFC).';
comment on column events.users.signed_up_at is 'Sign-up instant; a bare date is midnight in the reporting time zone.';
comment on column events.users.channel is 'Acquisition channel, as given.';
comment on column events.users.country is 'Country, as given.';
comment on column events.users.load_id is 'ingest.loads row of the file that last wrote this row.';
comment on column events.users.line_number is 'Line in that file.';

comment on table events.usage is 'One row per inference call (key event_id).';
comment on column events.usage.event_id is 'Event identifier; deduplication key.';
comment on column events.usage.user_id is 'User who made the call.';
comment on column events.usage.occurred_at is 'When the call happened.';
comment on column events.usage.feature is 'Product feature that made the call.';
comment on column events.usage.model is 'Model that served the call; priced through catalog.model_prices.';
comment on column events.usage.input_tokens is 'Input tokens, cached ones included.';
comment on column events.usage.output_tokens is 'Output tokens.';
comment on column events.usage.cached_input_tokens is 'Cached input tokens (part of input_tokens).';
comment on column events.usage.cost is 'Provided cost in cost_currency; wins over the price table when present.';
comment on column events.usage.cost_currency is 'Currency of cost.';
comment on column events.usage.load_id is 'ingest.loads row of the file this row came from.';
comment on column events.usage.line_number is 'Line in that file.';

comment on table events.feedback is 'One row per feedback event (key event_id).';
comment on column events.feedback.event_id is 'Event identifier; deduplication key.';
comment on column events.feedback.user_id is 'User who gave the feedback.';
comment on column events.feedback.occurred_at is 'When it was given.';
comment on column events.feedback.feature is 'Feature it is about.';
comment on column events.feedback.rating is 'Rating 1-5 (up = 5, down = 1).';
comment on column events.feedback.comment is 'Free text, as given.';
comment on column events.feedback.load_id is 'ingest.loads row of the file this row came from.';
comment on column events.feedback.line_number is 'Line in that file.';

comment on table events.payments is 'One row per charge or refund (key payment_id); amounts in major units of currency.';
comment on column events.payments.payment_id is 'Payment identifier; deduplication key.';
comment on column events.payments.user_id is 'User who paid (or was refunded).';
comment on column events.payments.occurred_at is 'When the payment happened.';
comment on column events.payments.kind is 'charge or refund.';
comment on column events.payments.amount is 'Amount in major units of currency (amount_minor converted exactly), >= 0.';
comment on column events.payments.currency is 'ISO 4217 currency code.';
comment on column events.payments.plan is 'Plan bought by a charge (may be empty).';
comment on column events.payments.interval is 'month, quarter, year or one_time (charges).';
comment on column events.payments.period_start is 'Service period start as given (NULL: occurred_at).';
comment on column events.payments.period_end is 'Service period end as given (NULL: start plus one interval in the reporting time zone).';
comment on column events.payments.refund_of is 'payment_id of the charge a refund refers to.';
comment on column events.payments.load_id is 'ingest.loads row of the file this row came from.';
comment on column events.payments.line_number is 'Line in that file.';

comment on table catalog.model_prices is 'Model prices per million tokens, versioned by effective_from (key model, effective_from).';
comment on column catalog.model_prices.model is 'Model name as in events.usage.model.';
comment on column catalog.model_prices.effective_from is 'First date (reporting time zone) the price applies.';
comment on column catalog.model_prices.input_per_mtok is 'Price of one million uncached input tokens.';
comment on column catalog.model_prices.output_per_mtok is 'Price of one million output tokens.';
comment on column catalog.model_prices.cached_input_per_mtok is 'Price of one million cached input tokens (default: the input price).';
comment on column catalog.model_prices.currency is 'Currency of the prices.';
comment on column catalog.model_prices.load_id is 'ingest.loads row of the file that last wrote this row.';

comment on table catalog.fx_rates is 'Exchange rates (key currency, date): units of the reporting currency for one unit of currency.';
comment on column catalog.fx_rates.currency is 'ISO 4217 currency code.';
comment on column catalog.fx_rates.date is 'Date the rate applies from (used until a later date has a rate).';
comment on column catalog.fx_rates.rate is 'Units of the reporting currency per unit of currency.';
comment on column catalog.fx_rates.load_id is 'ingest.loads row of the file that last wrote this row.';

comment on table catalog.features is 'Feature catalog (key feature).';
comment on column catalog.features.feature is 'Feature name as in events.usage.feature.';
comment on column catalog.features.display_name is 'Name to show in reports.';
comment on column catalog.features.value_per_call is 'What one call is worth to the user, in the reporting currency.';
comment on column catalog.features.load_id is 'ingest.loads row of the file that last wrote this row.';

grant usage on schema flywheel, events, catalog to flywheel_analyst;
grant select on all tables in schema flywheel, events, catalog to flywheel_analyst;
alter default privileges in schema flywheel grant select on tables to flywheel_analyst;
alter default privileges in schema events grant select on tables to flywheel_analyst;
alter default privileges in schema catalog grant select on tables to flywheel_analyst;
revoke all on schema ingest from public;
