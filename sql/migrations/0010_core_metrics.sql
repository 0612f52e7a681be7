-- 0010_core_metrics: the internal work schema used by compute, and the core analyst-facing tables
-- (user_months, monthly_kpis, mrr_movements, loop_stages, data_quality; SPEC sections 3, 4 and 4.1).
-- Filled by sql/compute/10..49 and 90 in one transaction (each step truncates and refills its tables).
-- Money is numeric in the reporting currency (never rounded), counts bigint, ratios numeric (NULL when the
-- denominator is 0), months are the first day of a calendar month in the reporting time zone.

create schema if not exists work;
revoke all on schema work from public;
comment on schema work is 'Internal intermediate results of compute (not part of the analyst interface; not readable by analysts).';

-- ---------------------------------------------------------------------------------------------------------------
-- work: intermediate tables (unlogged: rebuilt by every compute; month_snapshot is logged, it must survive).
-- No primary keys on the per-user tables: keys are unique by construction (group by), and index maintenance would
-- dominate the compute's time; the steps join with hash joins.
-- ---------------------------------------------------------------------------------------------------------------

create unlogged table work.run_settings (
    as_of timestamptz,
    first_month date,
    last_month date,
    reporting_currency text not null,
    target_gross_margin numeric not null,
    computed_at timestamptz not null,
    reporting_timezone text not null,
    as_of_explicit boolean not null
);
comment on table work.run_settings is 'One row: the settings and range of the current compute.';
comment on column work.run_settings.as_of is 'Explicit --as-of, else the latest occurred_at over usage, feedback and payments (NULL: no events).';
comment on column work.run_settings.first_month is 'Month of the earliest event (usage, feedback, payment) at or before as_of.';
comment on column work.run_settings.last_month is 'Month of as_of.';
comment on column work.run_settings.reporting_currency is 'Currency every amount is converted to.';
comment on column work.run_settings.target_gross_margin is 'Target gross margin (feature status and free-use cap).';
comment on column work.run_settings.computed_at is 'When this compute ran (transaction start).';
comment on column work.run_settings.reporting_timezone is 'Session TimeZone of the compute: the reporting time zone.';
comment on column work.run_settings.as_of_explicit is 'Whether as_of was given explicitly (rows after it are ignored).';

create unlogged table work.months (
    month date primary key,
    month_start timestamptz not null,
    month_end timestamptz not null,
    complete boolean not null,
    month_index integer not null,
    in_range boolean not null
);
comment on table work.months is 'One row per month of the range first_month..last_month plus the month before first_month (in_range false, month_index -1).';
comment on column work.months.month is 'First day of the month (reporting time zone).';
comment on column work.months.month_start is 'First instant of the month: start(M).';
comment on column work.months.month_end is 'First instant of the next month: start(M+1) (the month end at which MRR is taken).';
comment on column work.months.complete is 'as_of is on or after the first instant of the month''s last day.';
comment on column work.months.month_index is '0 for first_month, counting up; -1 for the month before.';
comment on column work.months.in_range is 'false only for the month before first_month.';

create unlogged table work.fx_daily (
    currency text not null,
    day date not null,
    rate numeric not null,
    primary key (currency, day)
);
comment on table work.fx_daily is 'FX rate per currency x day of the range: the rate of the latest fx_rates.date on or before the day (the reporting currency: 1 every day). No row: no usable rate.';
comment on column work.fx_daily.day is 'Calendar date in the reporting time zone.';
comment on column work.fx_daily.rate is 'Units of the reporting currency for one unit of currency.';

create unlogged table work.price_daily (
    model text not null,
    day date not null,
    effective_from date not null,
    currency text not null,
    rate numeric,
    input_per_token numeric,
    cached_input_per_token numeric,
    output_per_token numeric,
    primary key (model, day)
);
comment on table work.price_daily is 'Model price per model x day of the range: the model_prices row with the latest effective_from on or before the day, converted to the reporting currency at the day''s rate. No row: no price.';
comment on column work.price_daily.effective_from is 'effective_from of the catalog.model_prices row that applies on the day.';
comment on column work.price_daily.currency is 'Currency of that price.';
comment on column work.price_daily.rate is 'FX rate of currency on the day (work.fx_daily); NULL: no usable rate, calls priced by this row are unpriced.';
comment on column work.price_daily.input_per_token is 'input_per_mtok x rate x 0.000001: reporting currency per uncached input token (exact).';
comment on column work.price_daily.cached_input_per_token is 'cached_input_per_mtok x rate x 0.000001.';
comment on column work.price_daily.output_per_token is 'output_per_mtok x rate x 0.000001.';

create unlogged table work.usage_model_months (
    month date not null,
    model text not null,
    cost_currency text not null,
    price_currency text,
    calls bigint not null,
    cost numeric not null,
    unpriced_calls bigint not null,
    missing_price_calls bigint not null,
    provided_missing_fx_calls bigint not null,
    priced_missing_fx_calls bigint not null
);
comment on table work.usage_model_months is 'Unpriced usage (occurred_at <= as_of, no usable cost) per month x model x cost_currency x price currency: detail for data-quality reporting. Empty when every call has a cost.';
comment on column work.usage_model_months.cost_currency is 'events.usage.cost_currency for calls with a provided cost; empty text otherwise.';
comment on column work.usage_model_months.price_currency is 'Currency of the model price used (NULL: provided cost or no price).';
comment on column work.usage_model_months.calls is 'Number of unpriced calls (= unpriced_calls).';
comment on column work.usage_model_months.cost is 'Always 0 (these calls have no usable cost).';
comment on column work.usage_model_months.unpriced_calls is 'Calls with no usable cost (missing price or FX rate): left out of cost, still counted as calls.';
comment on column work.usage_model_months.missing_price_calls is 'Calls with no provided cost and no model_prices row on or before their date.';
comment on column work.usage_model_months.provided_missing_fx_calls is 'Calls with a provided cost in cost_currency, which has no FX rate on or before their date.';
comment on column work.usage_model_months.priced_missing_fx_calls is 'Calls priced in price_currency, which has no FX rate on or before their date.';

create unlogged table work.user_feature_months (
    user_id text not null,
    month date not null,
    feature text not null,
    calls bigint not null,
    cost numeric not null,
    unpriced_calls bigint not null,
    input_tokens bigint not null,
    output_tokens bigint not null,
    cached_input_tokens bigint not null
);
comment on table work.user_feature_months is 'Usage per user x month x feature (occurred_at <= as_of), months of the work.months range.';
comment on column work.user_feature_months.calls is 'calls(u,F,M): number of calls, priced or not.';
comment on column work.user_feature_months.cost is 'cost(u,F,M): sum of priced calls'' cost in the reporting currency (0 when none priced).';
comment on column work.user_feature_months.unpriced_calls is 'Calls with no usable cost (left out of cost, reported in data_quality).';
comment on column work.user_feature_months.input_tokens is 'Input tokens (cached included).';
comment on column work.user_feature_months.output_tokens is 'Output tokens.';
comment on column work.user_feature_months.cached_input_tokens is 'Cached input tokens.';

create unlogged table work.payments (
    payment_id text not null,
    user_id text not null,
    occurred_at timestamptz not null,
    day date not null,
    month date not null,
    kind text not null,
    amount numeric not null,
    currency text not null,
    plan text,
    interval text,
    period_start timestamptz,
    period_end timestamptz,
    refund_of text,
    rate numeric,
    amount_conv numeric
);
comment on table work.payments is 'Payments with occurred_at <= as_of, with the FX rate at their own date.';
comment on column work.payments.day is 'Date of occurred_at in the reporting time zone.';
comment on column work.payments.month is 'Month of occurred_at.';
comment on column work.payments.rate is 'Rate of the latest fx_rates.date on or before day (1 for the reporting currency; NULL: no usable rate).';
comment on column work.payments.amount_conv is 'amount x rate in the reporting currency (NULL: no usable rate, left out of all sums).';

create unlogged table work.charges (
    payment_id text not null,
    user_id text not null,
    occurred_at timestamptz not null,
    month date not null,
    plan text not null,
    interval text not null,
    amount numeric not null,
    currency text not null,
    amount_conv numeric,
    period_s timestamptz,
    period_e timestamptz,
    interval_months integer,
    refunded_in_currency numeric,
    refund_count bigint not null,
    voided boolean not null,
    valid_period boolean not null
);
comment on table work.charges is 'Charges with occurred_at <= as_of: service period with defaults applied, voiding.';
comment on column work.charges.plan is 'Plan as stored (NULL stored as empty text).';
comment on column work.charges.interval is 'month, quarter, year or one_time.';
comment on column work.charges.amount_conv is 'Amount in the reporting currency at the charge''s own date (NULL: no usable rate).';
comment on column work.charges.period_s is 'Service start s: period_start, default occurred_at (subscriptions only).';
comment on column work.charges.period_e is 'Service end e: period_end, default s + 1/3/12 months in the reporting time zone (subscriptions only).';
comment on column work.charges.interval_months is 'months(interval): 1, 3 or 12 (NULL for one_time).';
comment on column work.charges.refunded_in_currency is 'Sum of the refunds naming this charge, in the charge''s currency (refunds in another currency converted at the refund''s date).';
comment on column work.charges.refund_count is 'Number of refunds (occurred_at <= as_of) naming this charge.';
comment on column work.charges.voided is 'At least one refund names it and the refunds add up to at least its amount: counts nowhere.';
comment on column work.charges.valid_period is 'false when a subscription''s period_end is not after its start (left out, reported).';

create unlogged table work.refunds (
    payment_id text not null,
    user_id text not null,
    occurred_at timestamptz not null,
    month date not null,
    refund_of text,
    amount_conv numeric,
    status text not null check (status in ('voiding', 'partial', 'unknown_charge')),
    counted boolean not null
);
comment on table work.refunds is 'Refunds with occurred_at <= as_of and how they count.';
comment on column work.refunds.amount_conv is 'Amount in the reporting currency at the refund''s own date (NULL: no usable rate).';
comment on column work.refunds.status is 'voiding: names a voided charge (counts nowhere); partial: names a non-voided charge; unknown_charge: names no known charge.';
comment on column work.refunds.counted is 'Subtracted from its own user''s revenue in its own month (partial and unknown_charge refunds with a usable rate).';

create unlogged table work.charge_months (
    payment_id text not null,
    user_id text not null,
    month date not null,
    recognised numeric not null,
    occurred_at timestamptz not null,
    plan text not null
);
comment on table work.charge_months is 'Revenue recognised by each non-voided, convertible charge in each month of work.months where it recognises (service period overlaps the month by > 0 s, or one-time charge occurred in it).';
comment on column work.charge_months.recognised is 'amount x seconds([s,e) n month) / seconds([s,e)) for subscriptions; the amount for one-time charges (reporting currency).';

create unlogged table work.user_mrr (
    user_id text not null,
    month date not null,
    mrr numeric not null
);
comment on table work.user_mrr is 'mrr_end(u,M) > 0 for months of work.months: sum of amount / months(interval) of non-voided subscription charges with s < start(M+1) <= e.';

create unlogged table work.users (
    user_id text not null,
    in_users boolean not null,
    signup_month date,
    first_paid_month date,
    first_mrr_at timestamptz
);
comment on table work.users is 'Every known user: events.users plus users of usage, feedback and payments at or before as_of.';
comment on column work.users.in_users is 'Whether the user is in events.users.';
comment on column work.users.signup_month is 'Month of signed_up_at, else of the earliest usage, feedback or payment (voided charges and their refunds included).';
comment on column work.users.first_paid_month is 'Month of occurred_at of the earliest non-voided charge (one-time included), NULL if none.';
comment on column work.users.first_mrr_at is 'Earliest month end (start of a month) at which the user had MRR > 0, including month ends before the range.';

create unlogged table work.user_month_all (
    user_id text not null,
    month date not null,
    in_range boolean not null,
    plan text not null,
    is_active boolean not null,
    is_payer boolean not null,
    calls bigint not null,
    unpriced_calls bigint not null,
    input_tokens bigint not null,
    output_tokens bigint not null,
    cached_input_tokens bigint not null,
    cost numeric not null,
    gross numeric not null,
    revenue numeric not null,
    mrr_end numeric not null,
    feedback_count bigint not null,
    positive_feedback_count bigint not null,
    signup_month date,
    first_paid_month date,
    first_mrr_at timestamptz
);
comment on table work.user_month_all is 'flywheel.user_months for every month of work.months, the month before the range included (in_range false).';

create unlogged table work.user_month_pairs (
    user_id text not null,
    month date not null,
    payer_prev boolean not null,
    payer_cur boolean not null,
    m0 numeric not null,
    m1 numeric not null,
    first_paid_month date,
    first_mrr_at timestamptz
);
comment on table work.user_month_pairs is 'One row per user x in-range month M where the user has a user_month_all row in M or in M-1: payer status and MRR in M-1 and M.';
comment on column work.user_month_pairs.payer_prev is 'Payer in M-1.';
comment on column work.user_month_pairs.payer_cur is 'Payer in M.';
comment on column work.user_month_pairs.m0 is 'mrr_end(u,M-1).';
comment on column work.user_month_pairs.m1 is 'mrr_end(u,M).';

create table work.month_snapshot (
    month date primary key,
    complete boolean not null,
    signups bigint not null,
    active_users bigint not null,
    payers bigint not null,
    revenue numeric not null,
    cost numeric not null,
    mrr_end numeric not null,
    reporting_currency text not null,
    reporting_timezone text not null,
    computed_at timestamptz not null
);
comment on table work.month_snapshot is 'Key monthly totals of the latest compute, compared by the next compute to report restated months.';

-- ---------------------------------------------------------------------------------------------------------------
-- flywheel: analyst-facing tables
-- ---------------------------------------------------------------------------------------------------------------

create table flywheel.user_months (
    user_id text not null,
    month date not null,
    plan text not null,
    is_active boolean not null,
    is_payer boolean not null,
    calls bigint not null,
    input_tokens bigint not null,
    output_tokens bigint not null,
    cost numeric not null,
    revenue numeric not null,
    mrr_end numeric not null,
    feedback_count bigint not null,
    positive_feedback_count bigint not null,
    signup_month date,
    first_paid_month date,
    gross numeric not null,
    unpriced_calls bigint not null,
    cached_input_tokens bigint not null
);
-- No primary key: (user_id, month) is unique by construction and maintaining the index would cost more than the
-- compute's own work; analysts filter by month and join on user_id with hash joins.
comment on table flywheel.user_months is
    'One row per user x month (in range) in which the user had a call, a feedback, a non-voided charge recognising a '
    'non-zero amount, a counted refund of non-zero amount, or mrr_end > 0. The per-user backbone of every metric.';
comment on column flywheel.user_months.user_id is 'User.';
comment on column flywheel.user_months.month is 'First day of the month (reporting time zone).';
comment on column flywheel.user_months.plan is
    'Plan of the user''s latest (by occurred_at, ties: greater payment_id) non-voided charge recognising revenue in the '
    'month (subscription period overlapping it, or one-time charge made in it), else ''free''.';
comment on column flywheel.user_months.is_active is 'The user made at least one call in the month (priced or not).';
comment on column flywheel.user_months.is_payer is 'gross > 0: non-voided charges recognise a positive amount in the month.';
comment on column flywheel.user_months.calls is 'calls(u,M): number of calls in the month (unpriced calls included).';
comment on column flywheel.user_months.input_tokens is 'Input tokens of the month''s calls (cached included).';
comment on column flywheel.user_months.output_tokens is 'Output tokens of the month''s calls.';
comment on column flywheel.user_months.cost is
    'cost(u,M): inference cost of the month''s priced calls in the reporting currency (provided cost converted at the '
    'call''s date, else tokens x model price of the latest effective_from on or before the call''s date).';
comment on column flywheel.user_months.revenue is
    'revenue(u,M): recognised non-voided charges (subscriptions prorated by exact seconds of their service period, '
    'one-time charges in the month they occurred) minus counted refunds made in the month (not voiding ones).';
comment on column flywheel.user_months.mrr_end is
    'mrr_end(u,M): MRR at start(M+1): sum of amount / months(interval) of non-voided subscription charges with s < t <= e.';
comment on column flywheel.user_months.feedback_count is 'Feedback events of the user in the month.';
comment on column flywheel.user_months.positive_feedback_count is 'Feedback events of the user in the month with rating >= 4.';
comment on column flywheel.user_months.signup_month is 'Month of signed_up_at, else of the user''s earliest event or payment.';
comment on column flywheel.user_months.first_paid_month is 'Month of occurred_at of the user''s earliest non-voided charge (NULL: never paid).';
comment on column flywheel.user_months.gross is 'gross(u,M): recognised non-voided charges only (no refunds).';
comment on column flywheel.user_months.unpriced_calls is 'Calls in the month with no usable cost (missing price or FX rate; left out of cost).';
comment on column flywheel.user_months.cached_input_tokens is 'Cached input tokens of the month''s calls.';

create table flywheel.monthly_kpis (
    month date primary key,
    complete boolean not null,
    signups bigint not null,
    active_users bigint not null,
    payers bigint not null,
    active_payers bigint not null,
    active_free_users bigint not null,
    new_payers bigint not null,
    reactivated_payers bigint not null,
    churned_payers bigint not null,
    revenue numeric not null,
    cost numeric not null,
    cost_paid numeric not null,
    cost_free numeric not null,
    gross_margin numeric,
    arppu numeric,
    cost_per_active_payer numeric,
    cost_per_active_free_user numeric,
    free_cost_share numeric,
    paid_share numeric,
    break_even_paid_share numeric,
    idle_revenue numeric not null,
    mrr_end numeric not null,
    payer_retention numeric,
    nrr numeric,
    grr numeric,
    feedback_rate numeric,
    satisfaction numeric,
    value_created numeric not null,
    ltv_gross_profit numeric
);
comment on table flywheel.monthly_kpis is 'One row per month from the month of the earliest event to the month of as_of: the headline KPIs (SPEC 4).';
comment on column flywheel.monthly_kpis.month is 'First day of the month (reporting time zone).';
comment on column flywheel.monthly_kpis.complete is 'as_of falls on or after the first instant of the month''s last day.';
comment on column flywheel.monthly_kpis.signups is 'Users whose signup_month is this month (users without activity included).';
comment on column flywheel.monthly_kpis.active_users is 'Users with at least one call in the month.';
comment on column flywheel.monthly_kpis.payers is 'Users with gross(u,M) > 0.';
comment on column flywheel.monthly_kpis.active_payers is 'Payers that are active.';
comment on column flywheel.monthly_kpis.active_free_users is 'Active users that are not payers.';
comment on column flywheel.monthly_kpis.new_payers is 'Users whose first_paid_month is this month.';
comment on column flywheel.monthly_kpis.reactivated_payers is 'Payers in M, not payers in M-1, with first_paid_month < M.';
comment on column flywheel.monthly_kpis.churned_payers is 'Payers in M-1 that are not payers in M.';
comment on column flywheel.monthly_kpis.revenue is 'Sum of revenue(u,M) over all users (non-payers'' refunds included).';
comment on column flywheel.monthly_kpis.cost is 'Sum of cost(u,M) over all users.';
comment on column flywheel.monthly_kpis.cost_paid is 'Cost of payers.';
comment on column flywheel.monthly_kpis.cost_free is 'Cost of non-payers.';
comment on column flywheel.monthly_kpis.gross_margin is '(revenue - cost) / revenue; NULL when revenue <= 0.';
comment on column flywheel.monthly_kpis.arppu is 'revenue / payers.';
comment on column flywheel.monthly_kpis.cost_per_active_payer is 'cost_paid / active_payers.';
comment on column flywheel.monthly_kpis.cost_per_active_free_user is 'cost_free / active_free_users.';
comment on column flywheel.monthly_kpis.free_cost_share is 'cost_free / cost.';
comment on column flywheel.monthly_kpis.paid_share is 'payers / (active_users + payers - active_payers).';
comment on column flywheel.monthly_kpis.break_even_paid_share is
    'c_f / (arppu - c_p + c_f) with c_p = cost_paid / payers and c_f = cost_per_active_free_user; NULL when arppu <= c_p, '
    'when there are no active free users or no payers.';
comment on column flywheel.monthly_kpis.idle_revenue is 'Revenue of payers with no call in the month.';
comment on column flywheel.monthly_kpis.mrr_end is 'Sum of mrr_end(u,M): MRR at start(M+1).';
comment on column flywheel.monthly_kpis.payer_retention is '|payers(M-1) and payers(M)| / |payers(M-1)|.';
comment on column flywheel.monthly_kpis.nrr is 'Over users with m0 = mrr_end(u,M-1) > 0: sum of m1 = mrr_end(u,M) / sum of m0.';
comment on column flywheel.monthly_kpis.grr is 'Over users with m0 > 0: sum of min(m0, m1) / sum of m0.';
comment on column flywheel.monthly_kpis.feedback_rate is 'Active payers with a feedback in the month / active payers.';
comment on column flywheel.monthly_kpis.satisfaction is 'Feedback events in the month with rating >= 4 / feedback events in the month.';
comment on column flywheel.monthly_kpis.value_created is 'Sum over features with a value_per_call of calls x value_per_call (0 when none has one).';
comment on column flywheel.monthly_kpis.ltv_gross_profit is
    '(arppu - c_p) / (1 - mean of the non-NULL payer_retention of M, M-1 and M-2 inside the range); NULL when arppu is '
    'NULL, no retention value exists, or the mean is 1.';

create table flywheel.mrr_movements (
    month date primary key,
    mrr_start numeric not null,
    new numeric not null,
    reactivation numeric not null,
    expansion numeric not null,
    contraction numeric not null,
    churn numeric not null,
    mrr_end numeric not null
);
comment on table flywheel.mrr_movements is
    'One row per month: MRR movements from m0 = mrr_end(u,M-1) to m1 = mrr_end(u,M) summed over users. Identity '
    '(checked every run): mrr_start + new + reactivation + expansion + contraction + churn = mrr_end.';
comment on column flywheel.mrr_movements.month is 'First day of the month (reporting time zone).';
comment on column flywheel.mrr_movements.mrr_start is 'MRR at start(M) = mrr_end of M-1.';
comment on column flywheel.mrr_movements.new is 'Sum of m1 where m0 = 0 and the user never had MRR at an earlier month end.';
comment on column flywheel.mrr_movements.reactivation is 'Sum of m1 where m0 = 0 and the user had MRR at an earlier month end.';
comment on column flywheel.mrr_movements.expansion is 'Sum of m1 - m0 where m1 > m0 > 0.';
comment on column flywheel.mrr_movements.contraction is 'Sum of m1 - m0 (<= 0) where 0 < m1 < m0.';
comment on column flywheel.mrr_movements.churn is 'Sum of -m0 where m0 > 0 = m1.';
comment on column flywheel.mrr_movements.mrr_end is 'MRR at start(M+1).';

create table flywheel.loop_stages (
    month date not null,
    stage text not null check (stage in ('acquire', 'use', 'feedback', 'retain')),
    rate numeric,
    previous_rate numeric,
    trailing_rate numeric,
    change numeric,
    is_bottleneck boolean not null,
    stage_order integer not null,
    primary key (month, stage)
);
comment on table flywheel.loop_stages is
    'One row per month x flywheel stage (acquire, use, feedback, retain). The bottleneck of a month is the stage with '
    'the most negative change (ties: first in loop order); none when no stage declined.';
comment on column flywheel.loop_stages.month is 'First day of the month (reporting time zone).';
comment on column flywheel.loop_stages.stage is
    'acquire: new_payers / pool (users without a non-voided charge before M that are active in M or first paid in M); '
    'use: active_payers / payers; feedback: feedback_rate; retain: payer_retention.';
comment on column flywheel.loop_stages.rate is 'The stage''s rate in the month (NULL when its denominator is 0).';
comment on column flywheel.loop_stages.previous_rate is 'The rate in M-1 (NULL for the first month of the range).';
comment on column flywheel.loop_stages.trailing_rate is 'Mean of the non-NULL rates of M-3..M-1 inside the range (NULL when none).';
comment on column flywheel.loop_stages.change is 'rate / trailing_rate - 1; NULL when either is NULL or trailing_rate = 0.';
comment on column flywheel.loop_stages.is_bottleneck is 'This stage is the month''s bottleneck (never NULL).';
comment on column flywheel.loop_stages.stage_order is 'Loop order: 1 acquire, 2 use, 3 feedback, 4 retain.';

create table flywheel.data_quality (
    check_name text not null,
    severity text not null check (severity in ('info', 'warning', 'error')),
    detail text not null,
    affected_rows bigint
);
comment on table flywheel.data_quality is
    'Findings of the latest compute: missing prices or FX rates, refunds naming unknown charges, restated months, '
    'invariant checks. Any warning or error row makes the run exit 3.';
comment on column flywheel.data_quality.check_name is 'Name of the check (e.g. missing_prices, missing_fx_payments, mrr_identity, restated_months).';
comment on column flywheel.data_quality.severity is 'info, warning or error.';
comment on column flywheel.data_quality.detail is 'What was found, in words (models, currencies, months).';
comment on column flywheel.data_quality.affected_rows is 'Number of input rows (or months, for restated_months) concerned.';

grant select on all tables in schema flywheel to flywheel_analyst;
