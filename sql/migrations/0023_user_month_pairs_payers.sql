-- 0023_user_month_pairs_payers: work.user_month_pairs keeps only the users who are payers or have MRR in M-1 or M
-- (41_user_months.sql). The other users' rows (not payers and no MRR in either month) counted nowhere in the month
-- sums built from the table, and were most of its rows.
comment on table work.user_month_pairs is 'One row per user x in-range month M where the user is a payer or has MRR > 0 in M-1 or in M (a user_month_all row with is_payer or mrr_end > 0): payer status and MRR in M-1 and M.';
