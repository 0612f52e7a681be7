-- 44_loop_stages: one row per month of the range x stage of the flywheel loop, in loop order:
-- acquire = new_payers / pool (pool: users with no non-voided charge before M, i.e. first_paid_month NULL or >= M,
-- that are active in M or have first_paid_month = M); use = active_payers / payers; feedback = feedback_rate;
-- retain = payer_retention. previous_rate: the rate in M-1 (months inside the range only); trailing_rate: mean of the
-- non-NULL rates of M-3..M-1 inside the range; change = rate / trailing_rate - 1 (NULL when either is NULL or
-- trailing_rate = 0). The bottleneck is the stage with the most negative change (< 0), ties to the first in loop
-- order; is_bottleneck is false for every stage when none declined.

delete from flywheel.loop_stages;

insert into flywheel.loop_stages (month, stage, rate, previous_rate, trailing_rate, change, is_bottleneck,
                                  stage_order)
with pool as (
    -- counted per month in work.month_parts by 42_monthly_kpis
    select month, pool from work.month_parts
),
rates as (
    select k.month, st.stage, st.stage_order, st.rate
    from flywheel.monthly_kpis k
    left join pool p on p.month = k.month
    cross join lateral (values
        (1, 'acquire', k.new_payers::numeric / nullif(p.pool, 0)),
        (2, 'use', k.active_payers::numeric / nullif(k.payers, 0)),
        (3, 'feedback', k.feedback_rate),
        (4, 'retain', k.payer_retention)
    ) as st (stage_order, stage, rate)
),
with_trailing as (
    select rates.*,
           lag(rate) over w as previous_rate,
           avg(rate) over (w rows between 3 preceding and 1 preceding) as trailing_rate
    from rates
    window w as (partition by stage order by month)
),
changes as (
    select with_trailing.*,
           case when rate is null or trailing_rate is null or trailing_rate = 0 then null
                else rate / trailing_rate - 1 end as change
    from with_trailing
),
ranked as (
    select changes.*,
           row_number() over (partition by month order by (change < 0) desc nulls last, change, stage_order)
               as decline_rank
    from changes
)
select month, stage, rate, previous_rate, trailing_rate, change,
       coalesce(change < 0 and decline_rank = 1, false) as is_bottleneck,
       stage_order
from ranked;

analyze flywheel.loop_stages;
