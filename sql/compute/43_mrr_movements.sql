-- 43_mrr_movements: one row per month of the range. With m0 = mrr_end(u,M-1) and m1 = mrr_end(u,M) per user:
-- new = m1 when m0 = 0 and the user never had MRR at an earlier month end (month ends before the range included);
-- reactivation = m1 when m0 = 0 and it had; expansion = m1 - m0 when m1 > m0 > 0; contraction = m1 - m0 when
-- 0 < m1 < m0; churn = -m0 when m0 > 0 = m1. mrr_start = mrr_end(M-1) summed; identity
-- mrr_start + new + reactivation + expansion + contraction + churn = mrr_end holds exactly (checked in 90).

delete from flywheel.mrr_movements;

insert into flywheel.mrr_movements (month, mrr_start, new, reactivation, expansion, contraction, churn, mrr_end)
-- The per-user sums come from work.month_parts (42_monthly_kpis, from work.user_month_pairs).
select m.month, p.mrr_start, p.mrr_new, p.mrr_reactivation, p.mrr_expansion, p.mrr_contraction, p.mrr_churn,
       p.mrr_end
from work.months m
join work.month_parts p on p.month = m.month
where m.in_range;

analyze flywheel.mrr_movements;
