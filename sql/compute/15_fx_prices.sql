-- 15_fx_prices: FX rates and model prices resolved per calendar day of the range, so later steps join on equality.
-- Grain: work.fx_daily = currency x day; work.price_daily = model x day (days from the first day of the month before
-- first_month to the last day of the month of as_of, dates in the reporting time zone).
-- fx_daily.rate: the rate of the latest fx_rates.date on or before the day; the reporting currency has rate 1 every
-- day whatever fx_rates says; no row when a currency has no rate on or before the day (no usable rate).
-- price_daily: the model_prices row of the model with the latest effective_from on or before the day, its prices
-- converted at the day's rate and scaled to one token (x 0.000001, exact); no row when the model has no price yet;
-- NULL prices when the price's currency has no rate on the day.

truncate work.fx_daily, work.price_daily;

insert into work.fx_daily (currency, day, rate)
with s as (
    select reporting_currency from work.run_settings
),
days as (
    select g::date as day
    from (select min(month) as first_day, max(month) as last_month from work.months) r
    cross join generate_series(r.first_day::timestamp, r.last_month + interval '1 month' - interval '1 day',
                               interval '1 day') as g
    where r.first_day is not null
),
currencies as (
    select distinct currency from catalog.fx_rates
)
select c.currency, d.day, r.rate
from currencies c
cross join days d
cross join s
cross join lateral (
    select x.rate from catalog.fx_rates x
    where x.currency = c.currency and x.date <= d.day
    order by x.date desc
    limit 1
) r
where c.currency <> s.reporting_currency
union all
select s.reporting_currency, d.day, 1
from days d cross join s;

insert into work.price_daily (model, day, effective_from, currency, rate, input_per_token, cached_input_per_token,
                              output_per_token)
with days as (
    select g::date as day
    from (select min(month) as first_day, max(month) as last_month from work.months) r
    cross join generate_series(r.first_day::timestamp, r.last_month + interval '1 month' - interval '1 day',
                               interval '1 day') as g
    where r.first_day is not null
),
models as (
    select distinct model from catalog.model_prices
)
select m.model, d.day, p.effective_from, p.currency, fx.rate,
       p.input_per_mtok * fx.rate * 0.000001,
       p.cached_input_per_mtok * fx.rate * 0.000001,
       p.output_per_mtok * fx.rate * 0.000001
from models m
cross join days d
cross join lateral (
    select mp.effective_from, mp.currency, mp.input_per_mtok, mp.cached_input_per_mtok, mp.output_per_mtok
    from catalog.model_prices mp
    where mp.model = m.model and mp.effective_from <= d.day
    order by mp.effective_from desc
    limit 1
) p
left join work.fx_daily fx on fx.currency = p.currency and fx.day = d.day;

analyze work.fx_daily;
analyze work.price_daily;
