-- 0014_incremental_months: what lets compute recompute the per-user tables only for the months that new loads
-- touched (see docs/metrics.md, "Incremental compute", and sql/compute/10_settings_months.sql).
-- When only usage and feedback rows were added since the previous compute (and nothing else changed), every row of
-- work.user_month_all, flywheel.user_months, work.user_month_pairs, flywheel.feature_economics,
-- flywheel.feature_retention and flywheel.plan_economics for a month before the earliest month of the new rows is the
-- same as a full compute would produce, so those steps delete and rebuild only months >= that month. The month-grain
-- tables are rebuilt in full from the per-month partial sums below, which are cheap.

-- Unlogged like the other work tables: after a crash all are emptied together, which forces a full compute.
create unlogged table work.compute_state (
    singleton boolean primary key default true check (singleton),
    last_load_id bigint not null,
    as_of timestamptz not null,
    first_month date not null,
    last_month date not null,
    reporting_timezone text not null,
    reporting_currency text not null,
    target_gross_margin numeric not null,
    usage_rows bigint not null,
    usage_min timestamptz,
    usage_max timestamptz,
    feedback_rows bigint not null,
    reference_fingerprint text not null,
    recomputed_from date
);
comment on table work.compute_state is 'What the previous compute (without an explicit as_of) covered: every load up to last_load_id, its range and settings, and the usage and feedback it saw. Absent: the next compute is a full one.';
comment on column work.compute_state.last_load_id is 'The newest ingest.loads.load_id when that compute ran; rows of later loads are new.';
comment on column work.compute_state.usage_rows is 'Number of events.usage rows then (a safety net against rows written outside the loader).';
comment on column work.compute_state.usage_min is 'Earliest occurred_at over events.usage then (so step 10 need not scan every usage row).';
comment on column work.compute_state.usage_max is 'Latest occurred_at over events.usage then.';
comment on column work.compute_state.feedback_rows is 'Number of events.feedback rows then.';
comment on column work.compute_state.reference_fingerprint is 'Row count and newest load of payments, users, features, model_prices and fx_rates: any change forces a full compute.';
comment on column work.compute_state.recomputed_from is 'The first month that compute rebuilt per user (NULL: it was a full compute).';

-- Per-month partial sums over work.user_month_all and work.user_month_pairs (42_monthly_kpis fills them; 42, 43
-- and 44 read them), so a month-incremental compute re-aggregates only the months it rebuilt.
create unlogged table work.month_parts (
    month date primary key,
    active_users bigint not null,
    payers bigint not null,
    active_payers bigint not null,
    active_free_users bigint not null,
    active_payers_with_feedback bigint not null,
    revenue numeric not null,
    cost numeric not null,
    cost_paid numeric not null,
    cost_free numeric not null,
    idle_revenue numeric not null,
    mrr_end numeric not null,
    feedback_events bigint not null,
    positive_feedback_events bigint not null,
    payers_prev bigint not null,
    payers_retained bigint not null,
    reactivated_payers bigint not null,
    churned_payers bigint not null,
    m0_sum numeric,
    m1_sum numeric,
    kept_sum numeric,
    mrr_start numeric not null,
    mrr_new numeric not null,
    mrr_reactivation numeric not null,
    mrr_expansion numeric not null,
    mrr_contraction numeric not null,
    mrr_churn numeric not null,
    pool bigint not null,
    value_created numeric not null
);
comment on table work.month_parts is 'Per in-range month: the sums over user_month_all (cur), user_month_pairs (pairs, MRR movements), the acquire pool and value_created that monthly_kpis, mrr_movements and loop_stages are built from.';

-- Per cohort and calendar month: what 50_cohort_retention adds up from flywheel.user_months (members' payers or
-- active users, revenue, cost), kept so a month-incremental compute re-aggregates only the months it rebuilt.
create unlogged table work.cohort_activity (
    cohort_kind text not null,
    cohort_month date not null,
    month date not null,
    retained_users bigint not null,
    revenue numeric not null,
    cost numeric not null
);
comment on table work.cohort_activity is 'Per cohort kind x cohort month x calendar month with a member''s user_months row: retained members, their revenue and cost.';
