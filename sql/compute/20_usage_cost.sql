-- 20_usage_cost: inference cost of usage, in one pass over events.usage (rows with occurred_at <= as_of).
-- Grain: work.user_feature_months = user x month x feature; work.usage_model_months = month x model x cost_currency
-- x price currency (for data-quality reporting and invariants). Both come from one scan through grouping sets.
-- Cost of a call: the provided cost x the FX rate of its cost_currency on the call's date (reporting zone); else
-- ((input - cached) x input_per_mtok + cached x cached_input_per_mtok + output x output_per_mtok) / 1e6 at the
-- model's price row of the call's date (latest effective_from on or before it), converted at that date's rate of the
-- price's currency (work.price_daily holds the converted per-token prices, exact: x rate x 0.000001). The reporting
-- currency's rate is 1. A call with no usable cost (no price, or no rate) still counts as a call; its cost is left
-- out (unpriced_calls) and reported by 90_data_quality.

truncate work.user_feature_months, work.usage_model_months;

with calls as (
    select u.user_id, u.feature, u.model, u.cost_currency, u.cost, u.input_tokens, u.output_tokens,
           u.cached_input_tokens, u.occurred_at::date as day
    from events.usage u
    where u.occurred_at <= (select as_of from work.run_settings)
    offset 0  -- computes each call's date once
),
costed as (
    select c.user_id,
           date_trunc('month', c.day::timestamp)::date as month,
           c.feature,
           c.model,
           case when c.cost is not null then c.cost_currency end as cost_currency,
           p.currency as price_currency,
           c.cost is not null as provided,
           p.model is not null as has_price,
           c.input_tokens, c.output_tokens, c.cached_input_tokens,
           case when c.cost is not null then c.cost * fc.rate
                else (c.input_tokens - c.cached_input_tokens) * p.input_per_token
                     + c.cached_input_tokens * p.cached_input_per_token
                     + c.output_tokens * p.output_per_token
           end as cost_conv
    from calls c
    left join work.fx_daily fc on c.cost is not null and fc.currency = c.cost_currency and fc.day = c.day
    left join work.price_daily p on c.cost is null and p.model = c.model and p.day = c.day
),
grouped as materialized (
    select grouping(user_id) as by_model,
           user_id, month, feature, model, cost_currency, price_currency,
           count(*) as calls,
           coalesce(sum(cost_conv), 0) as cost,
           count(*) filter (where cost_conv is null) as unpriced_calls,
           count(*) filter (where not provided and not has_price) as missing_price_calls,
           count(*) filter (where provided and cost_conv is null) as provided_missing_fx_calls,
           count(*) filter (where not provided and has_price and cost_conv is null) as priced_missing_fx_calls,
           sum(input_tokens) as input_tokens,
           sum(output_tokens) as output_tokens,
           sum(cached_input_tokens) as cached_input_tokens
    from costed
    group by grouping sets ((user_id, month, feature), (month, model, cost_currency, price_currency))
),
by_model as (
    insert into work.usage_model_months (month, model, cost_currency, price_currency, calls, cost, unpriced_calls,
                                         missing_price_calls, provided_missing_fx_calls, priced_missing_fx_calls)
    select month, model, coalesce(cost_currency, ''), price_currency, calls, cost, unpriced_calls,
           missing_price_calls, provided_missing_fx_calls, priced_missing_fx_calls
    from grouped
    where by_model = 1
)
insert into work.user_feature_months (user_id, month, feature, calls, cost, unpriced_calls, input_tokens,
                                      output_tokens, cached_input_tokens)
select user_id, month, feature, calls, cost, unpriced_calls, input_tokens, output_tokens, cached_input_tokens
from grouped
where by_model = 0;

analyze work.user_feature_months;
analyze work.usage_model_months;
