-- 0019_compute_sums: sums for the compute's big hash aggregates (calls per user x month x feature, and their user x
-- month totals; see 20_usage_cost.sql) whose state per group is one plain value. The built-in sum(bigint) keeps a
-- 128-bit accumulator and sum(numeric) an expandable one, each allocated per group: with the grouping key, about 850
-- bytes per user x month x feature group; these take about a third of that, and the hash aggregate runs faster.
-- Same results as sum: numeric addition is exact and keeps the largest scale of its inputs; NULL inputs are skipped
-- and no rows give NULL. work.sum_bigint returns bigint where sum returns numeric: a total out of bigint's range raises
-- an error, as storing sum's result in the bigint columns it goes to would.
create aggregate work.sum_bigint(bigint) (
    sfunc = int8pl,
    stype = bigint,
    combinefunc = int8pl,
    parallel = safe
);

create aggregate work.sum_numeric(numeric) (
    sfunc = numeric_add,
    stype = numeric,
    combinefunc = numeric_add,
    parallel = safe
);
