-- 41_user_months: the per-user backbone. work.user_month_all covers every month of work.months (the month before
-- the range included, so M-1 look-ups work); flywheel.user_months is its in-range part.
-- Grain: user x month with a call, a feedback, a non-voided charge recognising a non-zero amount, a counted refund
-- of non-zero amount, or mrr_end > 0.
-- is_active: calls > 0. is_payer: gross > 0 (gross = recognised non-voided charges). revenue = gross - counted
-- refunds made in the month (refunds of non-voided or unknown charges; a refund reduces its own row's user).
-- plan: plan of the latest (occurred_at, then greater payment_id) non-voided charge recognising revenue in M
-- (subscription period overlapping M by more than 0 s, or one-time charge made in M), else 'free'.
-- Also work.user_month_pairs: for each in-range month M, payer status and MRR of M-1 and M per user.

truncate work.user_month_all, work.user_month_pairs, flywheel.user_months;

insert into work.user_month_all (user_id, month, in_range, plan, is_active, is_payer, calls, unpriced_calls,
                                 input_tokens, output_tokens, cached_input_tokens, cost, gross, revenue, mrr_end,
                                 feedback_count, positive_feedback_count, signup_month, first_paid_month)
with parts as (
    select user_id, month, sum(calls) as calls, sum(unpriced_calls) as unpriced_calls,
           sum(input_tokens) as input_tokens, sum(output_tokens) as output_tokens,
           sum(cached_input_tokens) as cached_input_tokens, sum(cost) as cost,
           0::numeric as gross, 0::numeric as refunds, 0::numeric as mrr,
           0::bigint as feedback_count, 0::bigint as positive_feedback_count
    from work.user_feature_months
    group by user_id, month
    union all
    select f.user_id, date_trunc('month', f.occurred_at)::date, 0, 0, 0, 0, 0, 0, 0, 0, 0,
           count(*), count(*) filter (where f.rating >= 4)
    from events.feedback f
    where f.occurred_at <= (select as_of from work.run_settings)
    group by 1, 2
    union all
    select user_id, month, 0, 0, 0, 0, 0, 0, sum(recognised), 0, 0, 0, 0
    from work.charge_months
    group by user_id, month
    union all
    select user_id, month, 0, 0, 0, 0, 0, 0, 0, sum(amount_conv), 0, 0, 0
    from work.refunds
    where counted
    group by user_id, month
    union all
    select user_id, month, 0, 0, 0, 0, 0, 0, 0, 0, mrr, 0, 0
    from work.user_mrr
),
agg as (
    select user_id, month, sum(calls) as calls, sum(unpriced_calls) as unpriced_calls,
           sum(input_tokens) as input_tokens, sum(output_tokens) as output_tokens,
           sum(cached_input_tokens) as cached_input_tokens, sum(cost) as cost, sum(gross) as gross,
           sum(refunds) as refunds, sum(mrr) as mrr, sum(feedback_count) as feedback_count,
           sum(positive_feedback_count) as positive_feedback_count
    from parts
    group by user_id, month
),
plans as (
    select distinct on (user_id, month) user_id, month, plan
    from work.charge_months
    order by user_id, month, occurred_at desc, payment_id desc
)
select a.user_id, a.month, m.in_range, coalesce(pl.plan, 'free'), a.calls > 0, a.gross > 0,
       a.calls::bigint, a.unpriced_calls::bigint, a.input_tokens::bigint, a.output_tokens::bigint,
       a.cached_input_tokens::bigint, a.cost, a.gross, a.gross - a.refunds, a.mrr,
       a.feedback_count::bigint, a.positive_feedback_count::bigint, u.signup_month, u.first_paid_month
from agg a
join work.months m on m.month = a.month
left join plans pl on pl.user_id = a.user_id and pl.month = a.month
left join work.users u on u.user_id = a.user_id
where a.calls > 0 or a.feedback_count > 0 or a.gross <> 0 or a.refunds <> 0 or a.mrr > 0;

analyze work.user_month_all;

insert into flywheel.user_months (user_id, month, plan, is_active, is_payer, calls, input_tokens, output_tokens, cost,
                                  revenue, mrr_end, feedback_count, positive_feedback_count, signup_month,
                                  first_paid_month, gross, unpriced_calls, cached_input_tokens)
select user_id, month, plan, is_active, is_payer, calls, input_tokens, output_tokens, cost, revenue, mrr_end,
       feedback_count, positive_feedback_count, signup_month, first_paid_month, gross, unpriced_calls,
       cached_input_tokens
from work.user_month_all
where in_range;

insert into work.user_month_pairs (user_id, month, payer_prev, payer_cur, m0, m1, first_paid_month, first_mrr_at)
with shifted as (
    select user_id, month, false as payer_prev, is_payer as payer_cur, 0::numeric as m0, mrr_end as m1
    from work.user_month_all
    where in_range
    union all
    select user_id, (month + interval '1 month')::date, is_payer, false, mrr_end, 0
    from work.user_month_all
),
paired as (
    select user_id, month, bool_or(payer_prev) as payer_prev, bool_or(payer_cur) as payer_cur, sum(m0) as m0,
           sum(m1) as m1
    from shifted
    group by user_id, month
)
select p.user_id, p.month, p.payer_prev, p.payer_cur, p.m0, p.m1, u.first_paid_month, u.first_mrr_at
from paired p
join work.months m on m.month = p.month and m.in_range
left join work.users u on u.user_id = p.user_id;

analyze work.user_month_pairs;
analyze flywheel.user_months;
