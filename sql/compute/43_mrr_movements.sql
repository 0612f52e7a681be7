-- 43_mrr_movements: one row per month of the range. With m0 = mrr_end(u,M-1) and m1 = mrr_end(u,M) per user:
-- new = m1 when m0 = 0 and the user never had MRR at an earlier month end (month ends before the range included);
-- reactivation = m1 when m0 = 0 and it had; expansion = m1 - m0 when m1 > m0 > 0; contraction = m1 - m0 when
-- 0 < m1 < m0; churn = -m0 when m0 > 0 = m1. mrr_start = mrr_end(M-1) summed; identity
-- mrr_start + new + reactivation + expansion + contraction + churn = mrr_end holds exactly (checked in 90).

delete from flywheel.mrr_movements;

insert into flywheel.mrr_movements (month, mrr_start, new, reactivation, expansion, contraction, churn, mrr_end)
with m as (
    select month, month_start from work.months where in_range
),
moves as (
    select p.month,
           sum(p.m0) as mrr_start,
           sum(p.m1) filter (where p.m0 = 0 and p.m1 > 0
                             and (p.first_mrr_at is null or p.first_mrr_at >= m.month_start)) as new,
           sum(p.m1) filter (where p.m0 = 0 and p.m1 > 0 and p.first_mrr_at < m.month_start) as reactivation,
           sum(p.m1 - p.m0) filter (where p.m1 > p.m0 and p.m0 > 0) as expansion,
           sum(p.m1 - p.m0) filter (where p.m1 < p.m0 and p.m1 > 0) as contraction,
           sum(-p.m0) filter (where p.m0 > 0 and p.m1 = 0) as churn,
           sum(p.m1) as mrr_end
    from work.user_month_pairs p
    join m on m.month = p.month
    group by p.month
)
select m.month,
       coalesce(mv.mrr_start, 0), coalesce(mv.new, 0), coalesce(mv.reactivation, 0), coalesce(mv.expansion, 0),
       coalesce(mv.contraction, 0), coalesce(mv.churn, 0), coalesce(mv.mrr_end, 0)
from m
left join moves mv on mv.month = m.month;

analyze flywheel.mrr_movements;
