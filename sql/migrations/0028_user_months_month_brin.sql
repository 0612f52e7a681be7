-- 0028_user_months_month_brin: BRIN indexes on the month of the per-user tables. Their rows are written month by month
-- (41_user_months), and a daily compute rewrites only the current month's, whose new versions land in the pages freed
-- there or at the end. A month-incremental compute reads the months it rebuilds through them instead of every month of
-- the history (41, 60, 90, 91). Analysts' queries by month can use the one on flywheel.user_months too.
create index user_months_month_brin on flywheel.user_months using brin (month);
create index user_month_all_month_brin on work.user_month_all using brin (month);
