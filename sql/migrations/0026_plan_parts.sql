-- 0026_plan_parts: the per month x plan sums flywheel.plan_economics is built from, kept between computes so that a
-- month-incremental compute adds the changes of the per-user rows it wrote (41_user_months' um_change) instead of
-- grouping every flywheel.user_months row of the month again (80_plan_economics).
create unlogged table work.plan_parts (
    month date not null,
    plan text not null,
    payers bigint not null,
    active_users bigint not null,
    revenue numeric not null,
    cost numeric not null,
    unprofitable_users bigint not null,
    users bigint not null,
    primary key (month, plan)
);
comment on table work.plan_parts is 'Per in-range month x plan: the sums over flywheel.user_months rows that flywheel.plan_economics is built from. Rebuilt by a compute that is not month-incremental, else updated by the changes of the per-user rows it wrote.';
comment on column work.plan_parts.payers is 'Rows with is_payer.';
comment on column work.plan_parts.active_users is 'Rows with is_active.';
comment on column work.plan_parts.revenue is 'Sum of revenue.';
comment on column work.plan_parts.cost is 'Sum of cost.';
comment on column work.plan_parts.unprofitable_users is 'Rows with cost > revenue.';
comment on column work.plan_parts.users is 'Rows.';

-- The table starts empty: the next compute is a full one (no state), which fills it.
delete from work.compute_state;
