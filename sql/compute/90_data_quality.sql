-- 90_data_quality: findings of this compute in flywheel.data_quality (replaced every run; 91_* may add rows).
-- Grain: one row per finding. Severity: 'error' for a failed invariant; 'warning' for data left out of the sums
-- (missing prices, missing FX rates), refunds naming unknown charges, unusable service periods and restated months;
-- 'info' otherwise. Any warning or error makes the run exit 3.
-- Restated months: months complete in both the previous and this compute whose key totals (signups, active users,
-- payers, revenue, cost, mrr_end) changed; work.month_snapshot is then replaced by this compute's totals.

delete from flywheel.data_quality;

-- Range of this compute.
insert into flywheel.data_quality (check_name, severity, detail, affected_rows)
select 'compute_range', 'info',
       case when s.first_month is null
            then 'no usage, feedback or payment at or before as_of: nothing to compute'
            else format('as_of %s (%s); months %s to %s; reporting currency %s, time zone %s',
                        s.as_of, case when s.as_of_explicit then 'explicit' else 'latest event' end,
                        to_char(s.first_month, 'YYYY-MM'), to_char(s.last_month, 'YYYY-MM'),
                        s.reporting_currency, s.reporting_timezone) end,
       (select count(*) from work.months where in_range)
from work.run_settings s;

-- Rows after an explicit as_of are ignored everywhere.
insert into flywheel.data_quality (check_name, severity, detail, affected_rows)
select 'ignored_after_as_of', 'info',
       format('%s usage, %s feedback and %s payment rows after as_of %s are ignored', c.usage, c.feedback,
              c.payments, s.as_of),
       c.usage + c.feedback + c.payments
from work.run_settings s
cross join lateral (
    select (select count(*) from events.usage u where u.occurred_at > s.as_of) as usage,
           (select count(*) from events.feedback f where f.occurred_at > s.as_of) as feedback,
           (select count(*) from events.payments p where p.occurred_at > s.as_of) as payments
) c
where s.as_of_explicit and c.usage + c.feedback + c.payments > 0;

-- Usage rows with no provided cost and no model price on or before their date.
insert into flywheel.data_quality (check_name, severity, detail, affected_rows)
select 'missing_prices', 'warning',
       format('%s usage rows have no cost and no model price on or before their date (models: %s); they count as '
              'calls but are left out of cost', sum(missing_price_calls),
              string_agg(distinct model, ', ' order by model)),
       sum(missing_price_calls)
from work.usage_model_months
where missing_price_calls > 0
having sum(missing_price_calls) > 0;

-- Usage costs in a currency with no FX rate on or before their date (provided cost, or the model price's currency).
insert into flywheel.data_quality (check_name, severity, detail, affected_rows)
with missing as (
    select cost_currency as currency, provided_missing_fx_calls as calls
    from work.usage_model_months where provided_missing_fx_calls > 0
    union all
    select price_currency, priced_missing_fx_calls
    from work.usage_model_months where priced_missing_fx_calls > 0
)
select 'missing_fx_usage', 'warning',
       format('%s usage rows have a cost in a currency with no FX rate on or before their date (currencies: %s); '
              'left out of cost', sum(calls), string_agg(distinct currency, ', ' order by currency)),
       sum(calls)
from missing
having count(*) > 0;

-- Payments that would count but have no usable FX rate: left out of revenue, payer status, plan and MRR.
insert into flywheel.data_quality (check_name, severity, detail, affected_rows)
with missing as (
    select c.payment_id, c.currency from work.charges c where c.amount_conv is null and not c.voided
    union all
    select r.payment_id, p.currency
    from work.refunds r join work.payments p using (payment_id)
    where r.amount_conv is null and r.status <> 'voiding'
)
select 'missing_fx_payments', 'warning',
       format('%s payments have no FX rate on or before their date (currencies: %s); left out of revenue and MRR',
              count(*), string_agg(distinct currency, ', ' order by currency)),
       count(*)
from missing
having count(*) > 0;

-- Refunds in another currency than their charge that could not be converted for the voiding comparison.
insert into flywheel.data_quality (check_name, severity, detail, affected_rows)
select 'refund_comparison_without_fx', 'warning',
       format('%s refunds in another currency than their charge could not be converted to it (no FX rate); they do '
              'not count towards voiding (refunds: %s)', count(*),
              string_agg(r.payment_id, ', ' order by r.payment_id)),
       count(*)
from work.payments r
join work.charges c on c.payment_id = r.refund_of
left join work.fx_daily cx on cx.currency = c.currency and cx.day = r.day
where r.kind = 'refund' and r.currency <> c.currency and (r.rate is null or coalesce(cx.rate, 0) = 0)
having count(*) > 0;

-- Refunds naming no known charge: subtracted as other refunds in their own month.
insert into flywheel.data_quality (check_name, severity, detail, affected_rows)
select 'unknown_refunds', 'warning',
       format('%s refunds name no known charge (refunds: %s%s); each is subtracted from its user''s revenue in its '
              'own month', count(*),
              string_agg(payment_id || ' -> ' || coalesce(refund_of, '(none)'), ', ' order by payment_id)
                  filter (where rn <= 10),
              case when count(*) > 10 then ', ...' else '' end),
       count(*)
from (select r.*, row_number() over (order by payment_id) as rn from work.refunds r
      where status = 'unknown_charge') r
having count(*) > 0;

-- Subscription charges whose period_end is not after their start.
insert into flywheel.data_quality (check_name, severity, detail, affected_rows)
select 'bad_service_period', 'warning',
       format('%s subscription charges have period_end not after period_start (charges: %s); left out of revenue '
              'and MRR', count(*), string_agg(payment_id, ', ' order by payment_id)),
       count(*)
from work.charges
where not valid_period and not voided
having count(*) > 0;

-- Invariants. The totals compare the months this compute rebuilt: all of them in a full compute, months >= from_month
-- in a month-incremental one, whose earlier months' rows (per user, per feature, per month) are those the previous
-- compute built and checked, unchanged (see 10_settings_months).
-- The totals of flywheel.user_months per month rebuilt, in one pass: compared below and in 91_feature_checks.
create temp table um_month_totals on commit drop as
select month,
       count(*) as user_rows,
       count(*) filter (where is_payer) as payers,
       sum(calls) as calls,
       sum(cost) as cost,
       sum(revenue) as revenue,
       coalesce(sum(revenue) filter (where is_payer and calls > 0), 0) as attributable,
       coalesce(sum(abs(revenue)) filter (where is_payer and calls > 0), 0) as attributable_abs
from flywheel.user_months
where month >= (select coalesce(from_month, '-infinity') from compute_mode)
group by month;

insert into flywheel.data_quality (check_name, severity, detail, affected_rows)
with rebuilt as (
    select coalesce(from_month, '-infinity') as from_month from compute_mode
),
um_sums as materialized (
    select coalesce(sum(cost), 0) as cost, coalesce(sum(calls), 0) as calls, coalesce(sum(revenue), 0) as revenue
    from um_month_totals
),
ufm_sums as materialized (
    -- (the usage groups of the months rebuilt, summed by 42_monthly_kpis per month x feature x call count)
    select coalesce(sum(cost), 0) as cost, coalesce(sum(calls * users), 0) as calls,
           coalesce(sum(unpriced_calls), 0) as unpriced_calls
    from feature_call_counts
    where month >= (select from_month from rebuilt)
),
kpi_sums as materialized (
    select coalesce(sum(cost), 0) as cost, coalesce(sum(revenue), 0) as revenue
    from flywheel.monthly_kpis
    where month >= (select from_month from rebuilt)
),
checks as (
    select 'mrr_identity' as name,
           string_agg(to_char(month, 'YYYY-MM'), ', ' order by month) filter (
               where mrr_start + new + reactivation + expansion + contraction + churn <> mrr_end) as failed,
           'mrr_start + new + reactivation + expansion + contraction + churn = mrr_end' as rule
    from flywheel.mrr_movements
    union all
    select 'mrr_continuity',
           string_agg(to_char(month, 'YYYY-MM'), ', ' order by month) filter (where prev_end is not null
                                                                              and mrr_start <> prev_end),
           'mrr_start of a month = mrr_end of the month before'
    from (select mm.*, lag(mrr_end) over (order by month) as prev_end from flywheel.mrr_movements mm) x
    union all
    select 'mrr_kpis',
           string_agg(to_char(k.month, 'YYYY-MM'), ', ' order by k.month) filter (where k.mrr_end <> mm.mrr_end),
           'monthly_kpis.mrr_end = mrr_movements.mrr_end'
    from flywheel.monthly_kpis k join flywheel.mrr_movements mm using (month)
    union all
    select 'cost_total',
           case when (select cost from um_sums) <> (select cost from ufm_sums)
                  or (select cost from kpi_sums) <> (select cost from ufm_sums)
                then 'totals differ' end,
           'sum of user_months.cost = sum of priced usage cost (per user, month, feature) = sum of monthly_kpis.cost'
    union all
    select 'calls_total',
           case when (select calls from um_sums) <> (select calls from ufm_sums)
                  or (select unpriced_calls from ufm_sums)
                     <> (select coalesce(sum(unpriced_calls), 0) from work.usage_model_months
                         where month >= (select from_month from rebuilt))
                then 'totals differ' end,
           'sum of user_months.calls = usage rows at or before as_of; unpriced calls = the detailed ones'
    union all
    select 'revenue_total',
           case when (select revenue from um_sums)
                     <> (select coalesce(sum(cm.recognised), 0) from work.charge_months cm
                         join work.months m on m.month = cm.month and m.in_range
                         where cm.month >= (select from_month from rebuilt))
                        - (select coalesce(sum(r.amount_conv), 0) from work.refunds r
                           where r.counted and r.month >= (select from_month from rebuilt))
                  or (select revenue from kpi_sums) <> (select revenue from um_sums)
                then 'totals differ' end,
           'sum of revenue = recognised non-voided charges - counted refunds (= sum of monthly_kpis.revenue)'
    union all
    select 'charge_recognition',
           case when count(*) > 0 then count(*) || ' charges' end,
           'a non-voided subscription charge whose period lies inside the months computed recognises its whole '
           'amount (to 1e-9)'
    from (
        select c.payment_id
        from work.charges c
        join work.charge_months cm using (payment_id)
        where c.interval <> 'one_time'
          and c.period_s >= (select min(month_start) from work.months)
          and c.period_e <= (select max(month_end) from work.months)
        group by c.payment_id, c.amount_conv
        having abs(sum(cm.recognised) - c.amount_conv) > 1e-9
    ) bad
    union all
    select 'user_months_unique',
           case when count(*) > 0 then count(*) || ' duplicated (user_id, month) keys' end,
           'one user_months row per user and month'
    from (select 1 from flywheel.user_months where month >= (select from_month from rebuilt)
          group by user_id, month having count(*) > 1) duplicates
    union all
    select 'payer_split',
           string_agg(to_char(month, 'YYYY-MM'), ', ' order by month) filter (
               where active_payers + active_free_users <> active_users or cost_paid + cost_free <> cost),
           'active_payers + active_free_users = active_users and cost_paid + cost_free = cost'
    from flywheel.monthly_kpis
)
select c.name, 'error', format('invariant failed: %s (%s)', c.rule, c.failed), null::bigint
from checks c
where c.failed is not null
union all
select 'invariants', 'info', format('all %s invariant checks hold', count(*)), null::bigint
from checks
having count(*) filter (where failed is not null) = 0;

-- Restated months: complete months whose key totals changed since the previous compute.
insert into flywheel.data_quality (check_name, severity, detail, affected_rows)
with s as (
    select reporting_currency, reporting_timezone from work.run_settings
),
prev as (
    select * from work.month_snapshot
),
same_settings as (
    select not exists (select 1 from prev cross join s
                       where prev.reporting_currency <> s.reporting_currency
                          or prev.reporting_timezone <> s.reporting_timezone) as same
),
changed as (
    select k.month
    from flywheel.monthly_kpis k
    join prev p on p.month = k.month
    where p.complete and k.complete
      and (p.signups, p.active_users, p.payers, p.revenue, p.cost, p.mrr_end)
          is distinct from (k.signups, k.active_users, k.payers, k.revenue, k.cost, k.mrr_end)
)
select 'restated_months', 'info',
       format('months restated since the previous compute (late or changed data): %s',
              string_agg(to_char(month, 'YYYY-MM'), ', ' order by month)),
       count(*)
from changed cross join same_settings
where same_settings.same
having count(*) > 0
union all
select 'restated_months', 'info',
       'reporting currency or time zone changed since the previous compute: restated months not assessed', null::bigint
from same_settings
where not same_settings.same;

delete from work.month_snapshot;
insert into work.month_snapshot (month, complete, signups, active_users, payers, revenue, cost, mrr_end,
                                 reporting_currency, reporting_timezone, computed_at)
select k.month, k.complete, k.signups, k.active_users, k.payers, k.revenue, k.cost, k.mrr_end,
       s.reporting_currency, s.reporting_timezone, s.computed_at
from flywheel.monthly_kpis k cross join work.run_settings s;
