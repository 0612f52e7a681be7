-- 20_usage_cost: inference cost of usage, in one pass over events.usage (rows with occurred_at <= as_of).
-- Grain: work.user_feature_months = user x month x feature; work.usage_model_months = month x model x currency of
-- the usage left unpriced (data-quality detail; filled only when some call has no usable cost).
-- Cost of a call: the provided cost x the FX rate of its cost_currency on the call's date (reporting zone); else
-- ((input - cached) x input_per_mtok + cached x cached_input_per_mtok + output x output_per_mtok) / 1e6 at the
-- model's price row of the call's date (latest effective_from on or before it), converted at that date's rate of the
-- price's currency (work.price_daily holds the converted per-token prices, exact: x rate x 0.000001). The reporting
-- currency's rate is 1. A call with no usable cost (no price, or no rate) still counts as a call; its cost is left
-- out (unpriced_calls) and reported by 90_data_quality.

truncate work.user_feature_months, work.usage_model_months;

-- Hashing is forced: the planner cannot estimate the number of groups and might sort every call by its text keys.
-- (Measured: a parallel plan does not help here, every worker sees nearly every user x month x feature group.)
set local enable_sort = off;

insert into work.user_feature_months (user_id, month, feature, calls, cost, unpriced_calls, input_tokens,
                                      output_tokens, cached_input_tokens)
select u.user_id,
       date_trunc('month', u.occurred_at::date::timestamp)::date,
       u.feature,
       count(*),
       coalesce(sum(case when u.cost is null
                         then (u.input_tokens - u.cached_input_tokens) * p.input_per_token
                              + u.cached_input_tokens * p.cached_input_per_token
                              + u.output_tokens * p.output_per_token
                         else u.cost * fc.rate
                    end), 0),
       count(*) filter (where case when u.cost is null then p.input_per_token is null else fc.rate is null end),
       sum(u.input_tokens),
       sum(u.output_tokens),
       sum(u.cached_input_tokens)
from events.usage u
left join work.price_daily p on u.cost is null and p.model = u.model and p.day = u.occurred_at::date
left join work.fx_daily fc on u.cost is not null and fc.currency = u.cost_currency and fc.day = u.occurred_at::date
where u.occurred_at <= (select as_of from work.run_settings)
group by 1, 2, 3;

set local enable_sort = default;

-- Which models and currencies the unpriced calls come from (skipped entirely when every call has a cost).
insert into work.usage_model_months (month, model, cost_currency, price_currency, calls, cost, unpriced_calls,
                                     missing_price_calls, provided_missing_fx_calls, priced_missing_fx_calls)
with calls as (
    select u.model, u.cost_currency, u.cost, u.occurred_at::date as day
    from events.usage u
    where u.occurred_at <= (select as_of from work.run_settings)
      and exists (select 1 from work.user_feature_months where unpriced_calls > 0)
),
unpriced as (
    select date_trunc('month', c.day::timestamp)::date as month, c.model, c.cost_currency,
           p.currency as price_currency,
           c.cost is not null as provided,
           p.model is not null as has_price
    from calls c
    left join work.price_daily p on c.cost is null and p.model = c.model and p.day = c.day
    left join work.fx_daily fc on c.cost is not null and fc.currency = c.cost_currency and fc.day = c.day
    where (c.cost is null and p.input_per_token is null) or (c.cost is not null and fc.rate is null)
)
select month, model, case when provided then cost_currency else '' end, price_currency,
       count(*), 0, count(*),
       count(*) filter (where not provided and not has_price),
       count(*) filter (where provided),
       count(*) filter (where not provided and has_price)
from unpriced
group by 1, 2, 3, 4;

analyze work.user_feature_months;
analyze work.usage_model_months;
