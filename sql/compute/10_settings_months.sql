-- 10_settings_months: the settings of this compute (work.run_settings, one row) and its months (work.months).
-- Grain: one settings row; one row per month from the month before first_month to the month of as_of.
-- as_of: flywheel.as_of when given, else the latest occurred_at over usage, feedback and payments (voided charges
-- and their refunds included). first_month: month of the earliest such event at or before as_of (rows after an
-- explicit as_of are ignored everywhere). Months are calendar months in the session TimeZone (the reporting zone).
-- A month is complete when as_of is on or after the first instant of its last day.

-- For the rest of the compute transaction only: hash aggregates over the usage rows need memory, and JIT compilation
-- costs more than it saves on these one-off statements.
set local work_mem = '256MB';
set local jit = off;
-- The work tables are analyzed after each rebuild for the next steps' plans, which need row counts and rough
-- distributions only: a tenth of the default sample (at 5M calls, 0.33 s -> 0.03 s for work.user_feature_months).
-- flywheel.user_months, which analysts query, is analyzed at the server's target (41_user_months).
set local default_statistics_target = 10;
-- Row estimates of the intermediate tables are rough; hash joins are the right choice for every join here, and
-- merge joins would sort per-user tables on text keys.
set local enable_mergejoin = off;

truncate work.run_settings, work.months;

-- For later steps: creates the temp table `name` (dropped at commit) from `query`, an aggregate over groups that each
-- belong to one user, in parallel when the server allows parallel workers. The groups are split into `parts` disjoint
-- sets by a hash of the user (`query` has the placeholder {part} where a condition on `user_key` goes), unioned under
-- a Parallel Append: each worker aggregates whole sets, so no partial state is merged, and each reads the whole table
-- and keeps only its share, so the gain does not depend on the rows' physical order. It depends on idle cores: at
-- most `parts` times, and a worker left with several sets reads the table once for each. No parallel scan inside a
-- set (it would gather every row into one process), workers only (the leader writes the rows they return), and
-- costed as parallel work is (few rows leave the workers). `query` must read no temp table (parallel workers cannot)
-- and no subquery of another table in a condition (an initplan keeps the plan serial): such values go in as literals.
-- `create_table`, when given, replaces `create temp table name on commit drop` (e.g. an unlogged table to keep).
create or replace function pg_temp.create_by_user_parts(name text, query text, user_key text,
                                                        create_table text default null) returns void
language plpgsql as $f$
declare
    prefix text := coalesce(create_table, format('create temp table %I on commit drop', name)) || ' as ';
    parts integer := greatest(least(current_setting('max_parallel_workers_per_gather')::integer,
                                    current_setting('max_parallel_workers')::integer, 8), 1);
    saved text[] := array[current_setting('min_parallel_table_scan_size'), current_setting('parallel_setup_cost'),
                          current_setting('parallel_tuple_cost'), current_setting('parallel_leader_participation'),
                          current_setting('enable_sort')];
    statement text;
begin
    -- hashing, not sorting, even when the split's condition makes the planner expect few rows
    perform set_config('enable_sort', 'off', true);
    if parts = 1 then
        execute prefix || replace(query, '{part}', 'true');
        perform set_config('enable_sort', saved[5], true);
        return;
    end if;
    select prefix
           || string_agg(replace(query, '{part}', format('abs(hashtext(%s) %% %s) = %s', user_key, parts, i)),
                         ' union all ' order by i)
    into statement
    from generate_series(0, parts - 1) as i;
    perform set_config('min_parallel_table_scan_size', '1TB', true),
            set_config('parallel_setup_cost', '0', true),
            set_config('parallel_tuple_cost', '0', true),
            set_config('parallel_leader_participation', 'off', true);
    execute statement;
    perform set_config('min_parallel_table_scan_size', saved[1], true),
            set_config('parallel_setup_cost', saved[2], true),
            set_config('parallel_tuple_cost', saved[3], true),
            set_config('parallel_leader_participation', saved[4], true),
            set_config('enable_sort', saved[5], true);
end
$f$;

-- What changed since the previous compute (work.compute_state), decided once here and read by later steps.
-- Eligible for an incremental compute: a previous state, no --full, no explicit as_of (now or then: the state is
-- only written without one), the same reporting zone, currency and target margin, the same payments, users,
-- features, prices and rates (row count and newest load of each), and feedback whose row count grew by exactly the
-- rows of loads newer than the state (a safety net against rows written outside the loader; the triggers of
-- migration 0020 remove the state on any such write to an event or catalog table).
-- from_month (set below, NULL = full): the first month whose per-user rows must be rebuilt, i.e. the month of the
-- earliest new usage or feedback row (the last month when there is none).
create temp table compute_mode (
    eligible boolean not null,
    prev_load_id bigint,
    new_load_id bigint not null,
    reference_fingerprint text not null,
    usage_rows bigint,
    usage_min timestamptz,
    usage_max timestamptz,
    new_usage_min timestamptz,
    -- bounds for pricing calls in integers (20_usage_cost): rows and largest input + output tokens of a call, over the
    -- new rows (when eligible) or over every row (otherwise, without an explicit as_of); NULL when not scanned
    new_usage_rows bigint,
    new_usage_max_tokens numeric,
    all_usage_max_tokens numeric,
    feedback_rows bigint not null,
    new_feedback_min timestamptz,
    from_month date,
    prev_last_month date,  -- (the previous compute's last month, when month-incremental)
    keep_payments boolean not null default false
) on commit drop;

insert into compute_mode (eligible, prev_load_id, new_load_id, reference_fingerprint, feedback_rows, new_feedback_min)
-- (materialized: read twice below, and inlined it counted every events.users and events.payments row twice)
with fingerprint as materialized (
    select concat_ws('/', (select count(*) || ':' || coalesce(max(load_id), 0) from events.payments),
                     (select count(*) || ':' || coalesce(max(load_id), 0) from events.users),
                     (select count(*) || ':' || coalesce(max(load_id), 0) from catalog.features),
                     (select count(*) || ':' || coalesce(max(load_id), 0) from catalog.model_prices),
                     (select count(*) || ':' || coalesce(max(load_id), 0) from catalog.fx_rates)) as value
),
prev as (
    select * from work.compute_state
),
feedback as (
    -- feedback is small next to usage: one scan for the total and the rows newer than the state
    select count(*) as total_rows,
           count(*) filter (where f.load_id > (select last_load_id from prev)) as new_rows,
           min(f.occurred_at) filter (where f.load_id > (select last_load_id from prev)) as new_min,
           max(f.load_id) as max_load_id
    from events.feedback f
)
select prev.singleton is not null
           and coalesce(current_setting('flywheel.full_rebuild', true), 'off') <> 'on'
           and nullif(current_setting('flywheel.as_of', true), '') is null
           and prev.reporting_timezone = current_setting('TimeZone')
           and prev.reporting_currency = coalesce(nullif(current_setting('flywheel.reporting_currency', true), ''),
                                                  'USD')
           and prev.target_gross_margin
               = coalesce(nullif(current_setting('flywheel.target_gross_margin', true), ''), '0.5')::numeric
           and prev.reference_fingerprint = fingerprint.value
           and feedback.total_rows = prev.feedback_rows + feedback.new_rows,
       prev.last_load_id,
       -- the newest load: from the ledger, and from the rows themselves in case some were written outside the loader
       greatest((select coalesce(max(load_id), 0) from ingest.loads), feedback.max_load_id),
       fingerprint.value,
       feedback.total_rows,
       feedback.new_min
from fingerprint
cross join feedback
left join prev on true;

-- Usage bounds and row count without reading every row when eligible: the previous state plus the new rows, read
-- through the BRIN index on events.usage(load_id) (the bound must be a literal for that). Rows written outside the
-- loader removed the state (triggers of migration 0020), so the previous rows are those the state counted. Otherwise
-- (and without an explicit as_of) one scan.
do $$
declare
    mode record;
    added record;
begin
    select * into mode from compute_mode;
    if mode.eligible then
        -- Pages appended since the last vacuum are not summarized in the BRIN index, and a bitmap scan reads every
        -- such page: after a large load that is the whole table, read here and again in 20_usage_cost. Summarizing
        -- reads them once (in steady state only the new loads' pages).
        perform brin_summarize_new_values('events.usage_load_id_brin'::regclass);
        perform brin_summarize_new_values('events.feedback_load_id_brin'::regclass);
        execute format('select count(*) as n, min(occurred_at) as lo, max(occurred_at) as hi, max(load_id) as load_id, '
                       'max(input_tokens)::numeric + max(output_tokens) as max_tokens '
                       'from events.usage '
                       'where load_id > %s', mode.prev_load_id) into added;
        update compute_mode c
        set usage_rows = s.usage_rows + added.n,
            usage_min = least(s.usage_min, added.lo),
            usage_max = greatest(s.usage_max, added.hi),
            new_usage_min = added.lo,
            new_usage_rows = added.n,
            new_usage_max_tokens = coalesce(added.max_tokens, 0),
            new_load_id = greatest(c.new_load_id, added.load_id)
        from work.compute_state s;
        update compute_mode set eligible = false where usage_rows is null;
    end if;
    if not (select eligible from compute_mode) and nullif(current_setting('flywheel.as_of', true), '') is null then
        -- (a dynamic select, unlike an update or static SQL in plpgsql, can scan with parallel workers)
        execute 'select count(*) as n, min(occurred_at) as lo, max(occurred_at) as hi, max(load_id) as load_id, '
                'max(input_tokens)::numeric + max(output_tokens) as max_tokens '
                'from events.usage'
        into added;
        update compute_mode c
        set usage_rows = added.n, usage_min = added.lo, usage_max = added.hi,
            all_usage_max_tokens = coalesce(added.max_tokens, 0),
            new_load_id = greatest(c.new_load_id, added.load_id);
    end if;
end
$$;

insert into work.run_settings (as_of, first_month, last_month, reporting_currency, target_gross_margin, computed_at,
                               reporting_timezone, as_of_explicit)
with cfg as (
    select nullif(current_setting('flywheel.as_of', true), '')::timestamptz as given_as_of,
           coalesce(nullif(current_setting('flywheel.reporting_currency', true), ''), 'USD') as reporting_currency,
           coalesce(nullif(current_setting('flywheel.target_gross_margin', true), ''), '0.5')::numeric
               as target_gross_margin
),
spans as (
    -- one scan per table: the latest event, and the earliest one at or before the explicit as_of (if any); usage
    -- from the previous compute's bounds and the new rows when eligible (never with an explicit as_of)
    select max(u.occurred_at) as latest,
           min(u.occurred_at) filter (where cfg.given_as_of is null or u.occurred_at <= cfg.given_as_of) as earliest
    from events.usage u cross join cfg
    where (select usage_rows from compute_mode) is null
    union all
    select usage_max, usage_min from compute_mode where usage_rows is not null
    union all
    select max(f.occurred_at),
           min(f.occurred_at) filter (where cfg.given_as_of is null or f.occurred_at <= cfg.given_as_of)
    from events.feedback f cross join cfg
    union all
    select max(p.occurred_at),
           min(p.occurred_at) filter (where cfg.given_as_of is null or p.occurred_at <= cfg.given_as_of)
    from events.payments p cross join cfg
),
bounds as (
    select max(latest) as latest, min(earliest) as earliest from spans
)
select coalesce(cfg.given_as_of, bounds.latest) as as_of,
       date_trunc('month', bounds.earliest)::date as first_month,
       case when bounds.earliest is not null
            then date_trunc('month', coalesce(cfg.given_as_of, bounds.latest))::date end as last_month,
       cfg.reporting_currency,
       cfg.target_gross_margin,
       now() as computed_at,
       current_setting('TimeZone') as reporting_timezone,
       cfg.given_as_of is not null as as_of_explicit
from cfg cross join bounds;

insert into work.months (month, month_start, month_end, complete, month_index, in_range)
with s as (
    select as_of, first_month, last_month from work.run_settings
),
series as (
    select g::date as month, g as local_start
    from s
    cross join generate_series(s.first_month::timestamp - interval '1 month', s.last_month::timestamp,
                               interval '1 month') as g
    where s.first_month is not null
)
select series.month,
       series.local_start::timestamptz as month_start,
       (series.local_start + interval '1 month')::timestamptz as month_end,
       s.as_of >= (series.local_start + interval '1 month' - interval '1 day')::timestamptz as complete,
       ((extract(year from series.month) - extract(year from s.first_month)) * 12
        + extract(month from series.month) - extract(month from s.first_month))::integer as month_index,
       series.month >= s.first_month as in_range
from series cross join s;

-- Month-incremental only when the range starts where it did (earlier new rows would change first_month) and the
-- range did not shrink; from_month: the month of the earliest new usage or feedback row, else the last month.
update compute_mode c
set from_month = greatest(s.first_month,
                          coalesce(date_trunc('month', least(c.new_usage_min, c.new_feedback_min))::date,
                                   s.last_month)),
    prev_last_month = p.last_month
from work.run_settings s, work.compute_state p
where c.eligible and s.first_month = p.first_month and s.last_month >= p.last_month and s.as_of >= p.as_of;

-- 30_payments can keep its tables when payments, rates and the month range are what they were (every payment was at
-- or before the previous as_of, which is the latest event).
update compute_mode c
set keep_payments = true
from work.run_settings s, work.compute_state p
where c.from_month is not null and s.first_month = p.first_month and s.last_month = p.last_month;

analyze work.run_settings;
analyze work.months;
