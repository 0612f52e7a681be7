-- 30_payments: payments at or before as_of, converted; charges with their service period and voiding; refunds and how
-- they count; revenue recognised per charge and month; MRR per user at each month end.
-- Grain: work.payments / work.charges / work.refunds one row per payment; work.charge_months charge x month;
-- work.user_mrr user x month (months of work.months, the month before the range included).
-- Conversion: amount x rate of the latest fx_rates.date on or before the payment's date (reporting zone); the
-- reporting currency's rate is 1; no usable rate -> amount_conv NULL, left out of every sum (reported in 90).
-- Voiding: a charge is voided when at least one refund names it and the refunds naming it add up to at least its
-- amount, compared in the charge's currency (a refund in another currency is converted to it at the refund's date:
-- amount x rate(refund currency) / rate(charge currency)). Voided charges and their refunds count nowhere.
-- Service period [s, e): s = period_start else occurred_at; e = period_end else s + 1/3/12 months (timestamptz +
-- interval in the session TimeZone = reporting zone). Subscriptions recognise
-- amount x seconds([s,e) n [start(M), start(M+1))) / seconds([s,e)) in M (exact microseconds, numeric); one-time
-- charges recognise their amount in the month of occurred_at. MRR at t: sum of amount / months(interval) over
-- non-voided subscription charges with s < t <= e; mrr_end(u,M) is taken at t = start(M+1).

-- Kept as they are when compute_mode.keep_payments (see 10_settings_months): nothing they depend on changed.
do $$
begin
    if not (select keep_payments from compute_mode) then
        truncate work.payments, work.charges, work.refunds, work.charge_months, work.user_mrr;
    end if;
end
$$;

insert into work.payments (payment_id, user_id, occurred_at, day, month, kind, amount, currency, plan, interval,
                           period_start, period_end, refund_of, rate, amount_conv)
with p as (
    select pay.*, pay.occurred_at::date as day
    from events.payments pay
    where pay.occurred_at <= (select as_of from work.run_settings)
)
select p.payment_id, p.user_id, p.occurred_at, p.day, date_trunc('month', p.day::timestamp)::date, p.kind, p.amount,
       p.currency, p.plan, p.interval, p.period_start, p.period_end, p.refund_of, fx.rate, p.amount * fx.rate
from p
left join work.fx_daily fx on fx.currency = p.currency and fx.day = p.day
where not (select keep_payments from compute_mode);

insert into work.charges (payment_id, user_id, occurred_at, month, plan, interval, amount, currency, amount_conv,
                          period_s, period_e, interval_months, refunded_in_currency, refund_count, voided,
                          valid_period)
with c as (
    select p.*, coalesce(p.interval, 'one_time') as ival
    from work.payments p
    where p.kind = 'charge'
),
r as (
    -- refunds naming a known charge, in the charge's currency
    select r.refund_of as charge_id,
           count(*) as refund_count,
           sum(case when r.currency = c.currency then r.amount
                    else r.amount * r.rate / nullif(cx.rate, 0)
               end) as refunded_in_currency
    from work.payments r
    join c on c.payment_id = r.refund_of
    left join work.fx_daily cx on cx.currency = c.currency and cx.day = r.day
    where r.kind = 'refund'
    group by r.refund_of
),
periods as (
    select c.*,
           case when c.ival <> 'one_time' then coalesce(c.period_start, c.occurred_at) end as ps,
           case c.ival when 'month' then 1 when 'quarter' then 3 when 'year' then 12 end as k
    from c
)
select periods.payment_id, periods.user_id, periods.occurred_at, periods.month, coalesce(periods.plan, ''),
       periods.ival, periods.amount, periods.currency, periods.amount_conv,
       periods.ps,
       case when periods.k is not null
            then coalesce(periods.period_end, periods.ps + make_interval(months => periods.k)) end,
       periods.k,
       r.refunded_in_currency,
       coalesce(r.refund_count, 0),
       coalesce(r.refund_count, 0) > 0 and coalesce(r.refunded_in_currency, 0) >= periods.amount,
       periods.k is null or coalesce(periods.period_end, periods.ps + make_interval(months => periods.k)) > periods.ps
from periods
left join r on r.charge_id = periods.payment_id
where not (select keep_payments from compute_mode);

insert into work.refunds (payment_id, user_id, occurred_at, month, refund_of, amount_conv, status, counted)
select r.payment_id, r.user_id, r.occurred_at, r.month, r.refund_of, r.amount_conv,
       case when c.payment_id is null then 'unknown_charge' when c.voided then 'voiding' else 'partial' end,
       (c.payment_id is null or not c.voided) and r.amount_conv is not null
from work.payments r
left join work.charges c on c.payment_id = r.refund_of
where r.kind = 'refund' and not (select keep_payments from compute_mode);

insert into work.charge_months (payment_id, user_id, month, recognised, occurred_at, plan)
select c.payment_id, c.user_id, c.month, c.amount_conv, c.occurred_at, c.plan
from work.charges c
where c.interval = 'one_time' and not c.voided and c.amount_conv is not null
  and not (select keep_payments from compute_mode)
union all
select c.payment_id, c.user_id, m.month,
       c.amount_conv
           * extract(epoch from (least(c.period_e, m.month_end) - greatest(c.period_s, m.month_start)))
           / extract(epoch from (c.period_e - c.period_s)),
       c.occurred_at, c.plan
from work.charges c
join work.months m on m.month_start < c.period_e and m.month_end > c.period_s
where c.interval <> 'one_time' and not c.voided and c.amount_conv is not null and c.valid_period
  and not (select keep_payments from compute_mode);

insert into work.user_mrr (user_id, month, mrr)
select c.user_id, m.month, sum(c.amount_conv / c.interval_months)
from work.charges c
join work.months m on c.period_s < m.month_end and m.month_end <= c.period_e
where c.interval <> 'one_time' and not c.voided and c.amount_conv is not null and c.valid_period
  and not (select keep_payments from compute_mode)
group by c.user_id, m.month
having sum(c.amount_conv / c.interval_months) > 0;

do $$
begin
    if not (select keep_payments from compute_mode) then
        analyze work.payments;
        analyze work.charges;
        analyze work.refunds;
        analyze work.charge_months;
        analyze work.user_mrr;
    end if;
end
$$;
