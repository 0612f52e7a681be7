-- 41_user_months: the per-user backbone. work.user_month_all covers every month of work.months (the month before
-- the range included, so M-1 look-ups work); flywheel.user_months is its in-range part.
-- Grain: user x month with a call, a feedback, a non-voided charge recognising a non-zero amount, a counted refund
-- of non-zero amount, or mrr_end > 0.
-- is_active: calls > 0. is_payer: gross > 0 (gross = recognised non-voided charges). revenue = gross - counted
-- refunds made in the month (refunds of non-voided or unknown charges; a refund reduces its own row's user).
-- plan: plan of the latest (occurred_at, then greater payment_id) non-voided charge recognising revenue in M
-- (subscription period overlapping M by more than 0 s, or one-time charge made in M), else 'free'.
-- Also work.user_month_pairs: for each in-range month M, payer status and MRR of M-1 and M per payer or user with MRR.

-- Month-incremental (compute_mode.from_month set, see 10_settings_months): of the months the previous compute had,
-- only the user x months with new usage or feedback rows change (40_users: um_delta); the rows they have get the new
-- rows' totals added (um_new), the others are built from their sources (um_build_keys), as is every row of
-- the months new to the range. A full compute builds all.

-- work.user_month_pairs holds payer status, MRR and first paid / first MRR months only, which payments and
-- events.users fix: a month-incremental compute (neither changed) rebuilds only the months new to the range. Only the
-- users who are payers or have MRR in M-1 or M have a row (migration 0023): the others' pairs, all false and 0, count
-- nowhere in 42_monthly_kpis; new usage and feedback add none.
create temp table pairs_rebuild on commit drop as
select case when from_month is null then '-infinity'::date
            else greatest(from_month, (prev_last_month + interval '1 month')::date) end as from_month
from compute_mode;

do $$
begin
    if (select from_month from pairs_rebuild) = '-infinity' then
        truncate work.user_month_pairs;
    else
        delete from work.user_month_pairs where month >= (select from_month from pairs_rebuild);
    end if;
end
$$;

-- A month-incremental compute reads the months it rebuilds of the per-user tables through their BRIN indexes on
-- month (migration 0028: the rows are written month by month, see the ordered inserts below) instead of every month
-- (here, and in 60, 90 and 91; the planner picks them). Ranges appended since the last vacuum are summarized first (a
-- bitmap scan reads every unsummarized page).
do $$
begin
    if (select from_month from compute_mode) is not null then
        perform brin_summarize_new_values('flywheel.user_months_month_brin'::regclass);
        perform brin_summarize_new_values('work.user_month_all_month_brin'::regclass);
    end if;
end
$$;

-- The rows that exist of um_delta's user x months (40_users): the new rows' usage and feedback added, the same exact
-- sums as a rebuild (in a full compute um_delta is empty). um_new: the rows written, with the additions (added_*; NULL
-- on a row built below from its sources), so that the rows as they were are the additions taken back (exact, and a
-- scale of cost no greater than the new one's); the difference (um_change, below) updates the month sums of
-- 42_monthly_kpis, 50_cohort_retention and 80_plan_economics.
create temp table um_new on commit drop as
with updated as (
    update work.user_month_all a
    set calls = a.calls + d.calls,
        unpriced_calls = a.unpriced_calls + d.unpriced_calls,
        input_tokens = a.input_tokens + d.input_tokens,
        output_tokens = a.output_tokens + d.output_tokens,
        cached_input_tokens = a.cached_input_tokens + d.cached_input_tokens,
        cost = a.cost + coalesce(d.cost, 0),
        is_active = a.calls + d.calls > 0,
        feedback_count = a.feedback_count + d.feedback_count,
        positive_feedback_count = a.positive_feedback_count + d.positive_feedback_count
    from um_delta d
    where a.user_id = d.user_id and a.month = d.month and a.month >= (select from_month from um_rebuild)
    returning a.*, d.calls as added_calls, coalesce(d.cost, 0) as added_cost, d.feedback_count as added_feedback_count,
              d.positive_feedback_count as added_positive_feedback_count
)
select * from updated;

-- um_delta's user x months without a row (so without earlier usage or feedback), built from their sources below
create temp table um_build_keys on commit drop as
select d.user_id, d.month
from um_delta d
where not exists (select from um_new n where n.user_id = d.user_id and n.month = d.month);

-- Month-incremental: the usage of the rows built below (of the months new to the range, and of um_build_keys: their
-- only usage is new), from 40_users' delta_user_months; 40_users filled it in a full compute.
insert into usage_months (user_id, month, calls, unpriced_calls, input_tokens, output_tokens, cached_input_tokens,
                          cost)
select user_id, month, calls, unpriced_calls, input_tokens, output_tokens, cached_input_tokens, cost
from delta_user_months d
where (select from_month from compute_mode) is not null and d.calls > 0
  and (d.month > (select prev_last_month from um_rebuild)
       or (d.user_id, d.month) in (select user_id, month from um_build_keys));

-- delete, not truncate, on analyst-facing tables: concurrent readers keep seeing the previous results (MVCC) until
-- the compute commits, and are not blocked by an exclusive lock. (The rows built below have none.)
delete from flywheel.user_months
where month >= (select from_month from um_rebuild)
  and ((select all_rows from um_rebuild) or (user_id, month) in (select user_id, month from um_new));

-- The rows built from their sources: every row in a full compute; in a month-incremental one those of the months new
-- to the range and of um_build_keys.
-- (usage_months: their usage per user x month, from 40_users)
-- (skipped when a month-incremental compute has no such rows: the sources would still be scanned)
do $$
begin
    if (select all_rows from um_rebuild) or exists (select from um_build_keys)
       or exists (select from work.months where month > (select prev_last_month from um_rebuild)) then
        with rebuild as (
            select from_month, prev_last_month, all_rows from um_rebuild
        ),
        -- (each source keeps the user x months built: months >= from_month, and of the months the previous compute
        -- had only um_build_keys; usage_months has only those)
        feedback as (
            select f.user_id, date_trunc('month', f.occurred_at)::date as month, count(*) as feedback_count,
                   count(*) filter (where f.rating >= 4) as positive_feedback_count
            from events.feedback f
            where (select all_rows from rebuild) and f.occurred_at <= (select as_of from work.run_settings)
            group by 1, 2
            union all
            -- Month-incremental: a row built here has no feedback but the new rows' (40_users' delta_user_months): a
            -- month new to the range has no earlier rows (the previous as_of was the latest event), a um_build_keys
            -- user x month had no row, so no feedback at or before as_of.
            select d.user_id, d.month, d.feedback_count, d.positive_feedback_count
            from delta_user_months d
            where not (select all_rows from rebuild) and d.feedback_count > 0
              and d.month >= (select from_month from rebuild)
              and (d.month > (select prev_last_month from rebuild)
                   or (d.user_id, d.month) in (select user_id, month from um_build_keys))
        ),
        charges as (
            select user_id, month, sum(recognised) as gross
            from work.charge_months
            where month >= (select from_month from rebuild)
              and ((select all_rows from rebuild) or month > (select prev_last_month from rebuild)
                   or (user_id, month) in (select user_id, month from um_build_keys))
            group by user_id, month
        ),
        refunds as (
            select user_id, month, sum(amount_conv) as refunds
            from work.refunds
            where counted and month >= (select from_month from rebuild)
              and ((select all_rows from rebuild) or month > (select prev_last_month from rebuild)
                   or (user_id, month) in (select user_id, month from um_build_keys))
            group by user_id, month
        ),
        plans as (
            select distinct on (user_id, month) user_id, month, plan
            from work.charge_months
            where month >= (select from_month from rebuild)
              and ((select all_rows from rebuild) or month > (select prev_last_month from rebuild)
                   or (user_id, month) in (select user_id, month from um_build_keys))
            -- (ties: greater payment_id, byte order)
            order by user_id, month, occurred_at desc, payment_id collate "C" desc
        ),
        mrr as (
            select user_id, month, mrr
            from work.user_mrr
            where month >= (select from_month from rebuild)
              and ((select all_rows from rebuild) or month > (select prev_last_month from rebuild)
                   or (user_id, month) in (select user_id, month from um_build_keys))
        ),
        -- Every source has one row per user x month; full joins on the key line them up (a row is kept when one of them
        -- makes it a user_months row), without first collecting the keys and joining each source back to them.
        joined as (
            select *
            from usage_months us
            full join feedback fb using (user_id, month)
            full join charges ch using (user_id, month)
            full join refunds rf using (user_id, month)
            full join mrr mr using (user_id, month)
            where us.calls > 0 or fb.user_id is not null or ch.gross <> 0 or rf.refunds <> 0 or mr.mrr > 0
        ),
        added as (
            insert into work.user_month_all (user_id, month, in_range, plan, is_active, is_payer, calls,
                                             unpriced_calls, input_tokens, output_tokens, cached_input_tokens, cost,
                                             gross, revenue, mrr_end, feedback_count, positive_feedback_count,
                                             signup_month, first_paid_month, first_mrr_at)
            select k.user_id, k.month, m.in_range, coalesce(pl.plan, 'free'),
                   coalesce(k.calls, 0) > 0, coalesce(k.gross, 0) > 0,
                   coalesce(k.calls, 0), coalesce(k.unpriced_calls, 0), coalesce(k.input_tokens, 0),
                   coalesce(k.output_tokens, 0), coalesce(k.cached_input_tokens, 0), coalesce(k.cost, 0),
                   coalesce(k.gross, 0), coalesce(k.gross, 0) - coalesce(k.refunds, 0), coalesce(k.mrr, 0),
                   coalesce(k.feedback_count, 0), coalesce(k.positive_feedback_count, 0), u.signup_month,
                   u.first_paid_month, u.first_mrr_at
            from joined k
            join work.months m on m.month = k.month
            left join plans pl on pl.user_id = k.user_id and pl.month = k.month
            left join work.users u on u.user_id = k.user_id
            -- (month by month: the BRIN index on month then finds a month's rows in its own pages)
            order by k.month
            returning *
        )
        insert into um_new
        select *, null, null, null, null from added where not (select all_rows from rebuild);
    end if;
end
$$;

-- um_change: per user x month written in a month-incremental compute (um_new; empty in a full one), the change of each
-- per-user quantity the month sums of 42_monthly_kpis, 50_cohort_retention and 80_plan_economics count or add up:
-- new minus old (o: the row as it was, its additions taken back; none for a row built from its sources). Exact, so
-- those sums, updated by it, are the numbers a rebuild gives, with the same scale (each difference has the larger
-- scale of its two terms, as the rebuild's sum has the largest of all).
create temp table um_change on commit drop as
select n.user_id, n.month, n.in_range, n.first_paid_month, n.signup_month, n.plan,
       -- (a row built from its sources is a row more: for 80_plan_economics' counts of rows)
       (o.is_active is null)::integer as row_added,
       n.is_active::integer - coalesce(o.is_active::integer, 0) as active,
       n.is_payer::integer - coalesce(o.is_payer::integer, 0) as payer,
       (n.is_active and n.is_payer)::integer - coalesce((o.is_active and o.is_payer)::integer, 0) as active_payer,
       (n.is_active and not n.is_payer)::integer - coalesce((o.is_active and not o.is_payer)::integer, 0)
           as active_free,
       (n.is_active and n.is_payer and n.feedback_count > 0)::integer
           - coalesce((o.is_active and o.is_payer and o.feedback_count > 0)::integer, 0) as active_payer_with_feedback,
       n.revenue - coalesce(o.revenue, 0) as revenue,
       n.cost - coalesce(o.cost, 0) as cost,
       case when n.is_payer then n.cost else 0 end - case when o.is_payer then o.cost else 0 end as cost_paid,
       case when not n.is_payer then n.cost else 0 end - case when not o.is_payer then o.cost else 0 end as cost_free,
       case when n.is_payer and not n.is_active then n.revenue else 0 end
           - case when o.is_payer and not o.is_active then o.revenue else 0 end as idle_revenue,
       n.mrr_end - coalesce(o.mrr_end, 0) as mrr_end,
       (n.cost > n.revenue)::integer - coalesce((o.cost > o.revenue)::integer, 0) as unprofitable,
       n.feedback_count - coalesce(o.feedback_count, 0) as feedback_count,
       n.positive_feedback_count - coalesce(o.positive_feedback_count, 0) as positive_feedback_count,
       -- (membership of 42's acquire pool)
       ((n.is_active and (n.first_paid_month is null or n.first_paid_month >= n.month)
         or n.first_paid_month = n.month) is true)::integer
           - coalesce(((o.is_active and (o.first_paid_month is null or o.first_paid_month >= o.month)
                        or o.first_paid_month = o.month) is true)::integer, 0) as pool
from um_new n
-- (NULLs when the row was built: no old row)
left join lateral (
    select n.calls - n.added_calls > 0 as is_active, n.is_payer, n.revenue, n.cost - n.added_cost as cost,
           n.mrr_end, n.feedback_count - n.added_feedback_count as feedback_count,
           n.positive_feedback_count - n.added_positive_feedback_count as positive_feedback_count,
           n.first_paid_month, n.month
    where n.added_calls is not null
) o on true;

-- A month-incremental compute changed a small part of these tables: the previous statistics stay representative,
-- and re-sampling them costs more than the whole rebuild of the month (about 0.8 s in all at 100k users).
do $$
begin
    if (select from_month from compute_mode) is null then
        analyze work.user_month_all;
    end if;
end
$$;

insert into flywheel.user_months (user_id, month, plan, is_active, is_payer, calls, input_tokens, output_tokens, cost,
                                  revenue, mrr_end, feedback_count, positive_feedback_count, signup_month,
                                  first_paid_month, gross, unpriced_calls, cached_input_tokens)
select user_id, month, plan, is_active, is_payer, calls, input_tokens, output_tokens, cost, revenue, mrr_end,
       feedback_count, positive_feedback_count, signup_month, first_paid_month, gross, unpriced_calls,
       cached_input_tokens
from work.user_month_all
where in_range and (select all_rows from um_rebuild)
union all
select user_id, month, plan, is_active, is_payer, calls, input_tokens, output_tokens, cost, revenue, mrr_end,
       feedback_count, positive_feedback_count, signup_month, first_paid_month, gross, unpriced_calls,
       cached_input_tokens
from um_new
where in_range
-- (a month's rows together: a daily compute, which rewrites rows of the current month, then touches a quarter of the
-- pages at 6 months, not nearly every one, and so writes a quarter of the full-page images to the WAL after a
-- checkpoint; the rows it frees are in those pages too, so the new versions mostly stay there)
order by month;

insert into work.user_month_pairs (user_id, month, payer_prev, payer_cur, m0, m1, first_paid_month, first_mrr_at)
with rebuild as (
    -- (no row when no month is rebuilt: then the usual month-incremental compute reads nothing here)
    select from_month
    from pairs_rebuild
    where from_month <= (select last_month from work.run_settings)
),
cur as (
    select user_id, month, is_payer, mrr_end, first_paid_month, first_mrr_at
    from work.user_month_all
    where exists (select from rebuild) and in_range and month >= (select from_month from rebuild)
      and (is_payer or mrr_end > 0)
),
prev as (
    select user_id, (month + interval '1 month')::date as month, is_payer, mrr_end, first_paid_month, first_mrr_at
    from work.user_month_all
    where exists (select from rebuild) and month < (select last_month from work.run_settings)
      and (month + interval '1 month')::date >= (select from_month from rebuild)
      and (is_payer or mrr_end > 0)
)
select coalesce(c.user_id, p.user_id), coalesce(c.month, p.month),
       coalesce(p.is_payer, false), coalesce(c.is_payer, false),
       coalesce(p.mrr_end, 0), coalesce(c.mrr_end, 0),
       coalesce(c.first_paid_month, p.first_paid_month), coalesce(c.first_mrr_at, p.first_mrr_at)
from cur c
full join prev p on p.user_id = c.user_id and p.month = c.month;

-- (statistics kept in a month-incremental compute, as above)
do $$
begin
    if (select from_month from compute_mode) is null then
        analyze work.user_month_pairs;
        set local default_statistics_target = default;
        analyze flywheel.user_months;
        set local default_statistics_target = 10;
    end if;
end
$$;
