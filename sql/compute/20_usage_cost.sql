-- 20_usage_cost: inference cost of usage, in one pass over events.usage (rows with occurred_at <= as_of).
-- Grain: work.user_feature_months = user x month x feature; work.usage_model_months = month x model x currency of
-- the usage left unpriced (data-quality detail; filled only when some call has no usable cost).
-- Cost of a call: the provided cost x the FX rate of its cost_currency on the call's date (reporting zone); else
-- ((input - cached) x input_per_mtok + cached x cached_input_per_mtok + output x output_per_mtok) / 1e6 at the
-- model's price row of the call's date (latest effective_from on or before it), converted at that date's rate of the
-- price's currency (work.price_daily holds the converted per-token prices, exact: x rate x 0.000001). The reporting
-- currency's rate is 1. A call with no usable cost (no price, or no rate) still counts as a call; its cost is left
-- out (unpriced_calls) and reported by 90_data_quality.

-- Incremental: when the previous compute covered every usage row up to some load, with the same reporting zone, the
-- same prices and rates (catalog fingerprint), no explicit as_of now or then, and no --full, only the rows loaded
-- since are priced and added to the stored totals (sums are exact, so this equals a full rebuild). Otherwise, or
-- when flywheel.full_rebuild is on, every row is priced again.


create temp table usage_mode on commit drop as
with s as (
    select * from work.run_settings
),
fingerprint as (
    select concat_ws('/', (select count(*) || ':' || coalesce(max(load_id), 0) from catalog.model_prices),
                     (select count(*) || ':' || coalesce(max(load_id), 0) from catalog.fx_rates),
                     (select reporting_currency from s)) as value
),
state as (
    select * from work.usage_rollup_state
)
-- The totals are kept when what they cover is described by the state (rows written outside the loader remove it:
-- migration 0020) and the settings and catalog are those it was priced with; new_last_load_id: the newest load
-- (step 10: every usage row has a load_id at most that).
select coalesce(state.last_load_id, -1) as last_load_id,
       (select new_load_id from compute_mode) as new_last_load_id,
       fingerprint.value as catalog_fingerprint,
       state.singleton is not null
           and coalesce(current_setting('flywheel.full_rebuild', true), 'off') <> 'on'
           and not s.as_of_explicit
           and state.reporting_timezone = s.reporting_timezone
           and state.catalog_fingerprint = fingerprint.value as incremental
from s
cross join fingerprint
left join state on true;

alter table usage_mode add column recent_from date;  -- (set below when the recent months are apart)
-- (whether groups were moved into work.user_feature_months_recent: the compute vacuums it after committing)
alter table usage_mode add column moved_to_recent boolean not null default false;

-- Moves the usage groups of `source` whose month meets `months` (an SQL condition) to `target` (column lists: a full
-- rebuild's table has the column order of its query). A copy, then a delete: a third faster than one statement whose
-- delete ... returning feeds the insert (every moved row is first kept in a tuplestore).
create or replace function pg_temp.move_usage_groups(source regclass, target regclass, months text) returns void
language plpgsql as $f$
begin
    execute format($q$
        insert into %s (user_id, month, feature, calls, cost, unpriced_calls, input_tokens, output_tokens,
                        cached_input_tokens)
        select user_id, month, feature, calls, cost, unpriced_calls, input_tokens, output_tokens, cached_input_tokens
        from %s
        where %s
    $q$, target, source, months);
    execute format('delete from %s where %s', source, months);
end
$f$;

-- Puts the groups of work.user_feature_months_recent back into work.user_feature_months (see below; also used by
-- 40_users when the compute turns out not to be month-incremental).
create or replace function pg_temp.merge_recent_usage_groups() returns void
language plpgsql as $f$
begin
    perform pg_temp.move_usage_groups('work.user_feature_months_recent', 'work.user_feature_months', 'true');
    update usage_mode set recent_from = null;
    update work.usage_rollup_state set recent_from = null;
end
$f$;

-- Adds the new rows' totals (usage_delta) to the stored groups of `target`: the stored groups the delta has are taken
-- out (a hash semi join: the stored groups of the delta's months probe a hash of the delta's few keys), added to the
-- delta's by key (a group is stored once and is once in the delta: a join, not a union aggregated again) and written
-- back, new groups included. (With `delete ... using usage_delta` the planner hashed the stored groups instead: at 5M
-- calls 0.26 s of a 0.57 s merge; the union's aggregate was another 0.09 s.)
-- The same statement records what that changes in work.feature_call_counts (42_monthly_kpis): each group taken out
-- leaves the count of its old number of calls, each group written joins the count of its new one.
create temp table feature_call_count_changes (
    month date,
    feature text,
    calls bigint,
    users bigint,
    cost numeric,
    unpriced_calls bigint
) on commit drop;

create or replace function pg_temp.merge_usage_delta(target regclass) returns void
language plpgsql as $f$
begin
    execute format($q$
        with taken as (
            delete from %1$s t
            where (t.user_id, t.month, t.feature) in (select d.user_id, d.month, d.feature from usage_delta d)
              -- (a cheap filter first: only groups of the delta's months are hashed and probed)
              and t.month >= (select min(month) from usage_delta)
            returning t.*
        ),
        written as (
            insert into %1$s (user_id, month, feature, calls, cost, unpriced_calls, input_tokens, output_tokens,
                              cached_input_tokens)
            select d.user_id, d.month, d.feature, d.calls + coalesce(t.calls, 0), d.cost + coalesce(t.cost, 0),
                   d.unpriced_calls + coalesce(t.unpriced_calls, 0), d.input_tokens + coalesce(t.input_tokens, 0),
                   d.output_tokens + coalesce(t.output_tokens, 0),
                   d.cached_input_tokens + coalesce(t.cached_input_tokens, 0)
            from usage_delta d
            left join taken t on t.user_id = d.user_id and t.month = d.month and t.feature = d.feature
            returning month, feature, calls, cost, unpriced_calls
        )
        insert into feature_call_count_changes (month, feature, calls, users, cost, unpriced_calls)
        select month, feature, calls, sum(users), sum(cost), sum(unpriced_calls)
        from (select month, feature, calls, -1 as users, -cost as cost, -unpriced_calls as unpriced_calls
              from taken
              union all
              select month, feature, calls, 1, cost, unpriced_calls
              from written) as changes
        group by month, feature, calls
    $q$, target);
end
$f$;

-- The per-user steps can only keep earlier months when the usage totals were kept too, covering the same loads.
update compute_mode
set from_month = null
where not (select incremental from usage_mode) or prev_load_id <> (select last_load_id from usage_mode);

-- Hashing is forced: the planner cannot estimate the number of groups and might sort every call by its text keys.
set local enable_sort = off;

-- The row estimate for the new loads is stale (they were not there at the last analyze): without this the planner
-- joins the prices and rates by nested loops over every new row.
set local enable_nestloop = off;

-- The delta is built with the last load id as a literal so the BRIN index on events.usage(load_id) reads only the
-- blocks of recent loads (a value from a join or subquery would make the planner scan every row). as_of is a literal
-- too: a subquery (an initplan) would keep a full rebuild's scan out of parallel workers.
-- A full rebuild aggregates by hash partitions of the users in parallel workers (pg_temp.create_by_user_parts, see
-- 10_settings_months; measured on 2 cores at 5M calls: 14 s -> 8 s), straight into a new work.user_feature_months
-- (below). work.sum_bigint and work.sum_numeric (migration 0019) are sum with a third of the memory per group: at 5M
-- calls about 150 MB per worker with 2 workers, 310 MB without parallel workers, within work_mem x
-- hash_mem_multiplier (512 MB by default); beyond it the hash aggregate spills to disk, slower but the same result.
-- A call joins the price of its model only when it has no cost, and the rate of its currency only when it has one:
-- the other key is NULL, which the hash join skips without a look-up. The month comes with the price or rate row of
-- the call's day (computed once per day: per call it costs more than the join; `group by` on the key keeps the
-- subquery from being flattened, which would compute it per call again), from the call itself only without either.
-- Priced calls are summed in integers when that is exact and cannot overflow: with S the largest number of decimals
-- of a per-token price, price x 10^S is an integer, a call's cost x 10^S is the integer tokens x those prices, and the
-- group's sum / 10^S is the same number the numeric sum gives (its scale is S). Safe when rows x largest input +
-- output tokens of a call x largest price x 10^S stays below bigint's range (bounds from 10_settings_months);
-- otherwise, or without those bounds, numeric as before. Numeric arithmetic per call was a third of the pass.
do $$
declare
    mode record;
    scope_rows bigint;
    scope_max_tokens numeric;
    decimals integer;
    max_units numeric;
    units text := '';
    cost_expression text := $c$
        coalesce(work.sum_numeric(case when u.cost is null
                                       then (u.input_tokens - u.cached_input_tokens) * p.input_per_token
                                            + u.cached_input_tokens * p.cached_input_per_token
                                            + u.output_tokens * p.output_per_token
                                       else u.cost * fc.rate
                                  end), 0)
    $c$;
    query text := $q$
        select u.user_id,
               coalesce(p.month, fc.month, date_trunc('month', u.occurred_at::date::timestamp)::date) as month,
               u.feature,
               count(*) as calls,
               {cost} as cost,
               count(*) filter (where case when u.cost is null then p.input_per_token is null
                                           else fc.rate is null end) as unpriced_calls,
               work.sum_bigint(u.input_tokens) as input_tokens,
               work.sum_bigint(u.output_tokens) as output_tokens,
               work.sum_bigint(u.cached_input_tokens) as cached_input_tokens
        from events.usage u
        left join (select d.*, date_trunc('month', d.day::timestamp)::date as month {units}
                   from work.price_daily d
                   group by d.model, d.day) p
               on p.model = case when u.cost is null then u.model end and p.day = u.occurred_at::date
        left join (select d.*, date_trunc('month', d.day::timestamp)::date as month
                   from work.fx_daily d
                   group by d.currency, d.day) fc
               on fc.currency = case when u.cost is not null then u.cost_currency end
              and fc.day = u.occurred_at::date
        where u.occurred_at <= {as_of} and {rows}
        group by 1, 2, 3
    $q$;
begin
    select * into mode from usage_mode;
    select case when mode.incremental then c.new_usage_rows else c.usage_rows end,
           case when mode.incremental then c.new_usage_max_tokens else c.all_usage_max_tokens end
    into scope_rows, scope_max_tokens
    from compute_mode c;
    -- Every row priced again although step 10 read only the new ones (the totals' state was missing, the compute
    -- state not): the bound from every row, so that the pricing is the one a full compute does (exact either way,
    -- but the integer sums have the scale S, the numeric ones the prices' own, and later merges keep the larger).
    if not mode.incremental and scope_max_tokens is null and scope_rows is not null then
        execute 'select coalesce(max(input_tokens)::numeric + max(output_tokens), 0) from events.usage'
        into scope_max_tokens;
    end if;
    select coalesce(max(greatest(scale(d.input_per_token), scale(d.cached_input_per_token),
                                 scale(d.output_per_token))), 0),
           coalesce(max(greatest(d.input_per_token, d.cached_input_per_token, d.output_per_token)), 0)
    into decimals, max_units
    from work.price_daily d;
    max_units := max_units * power(10::numeric, decimals);
    if decimals <= 18 and max_units < 9e18 and scope_max_tokens is not null
       and scope_rows::numeric * scope_max_tokens * max_units < 9e18 then
        cost_expression := format($c$
            coalesce(work.sum_bigint(case when u.cost is null
                                          then (u.input_tokens - u.cached_input_tokens) * p.input_units
                                               + u.cached_input_tokens * p.cached_input_units
                                               + u.output_tokens * p.output_units
                                     end)::numeric * %s, 0)
            + coalesce(work.sum_numeric(u.cost * fc.rate), 0)
        $c$, case when decimals = 0 then '1' else '0.' || repeat('0', decimals - 1) || '1' end);
        units := replace(', (d.input_per_token * {scale})::bigint as input_units, '
                         '(d.cached_input_per_token * {scale})::bigint as cached_input_units, '
                         '(d.output_per_token * {scale})::bigint as output_units',
                         '{scale}', '1' || repeat('0', decimals));
    end if;
    query := replace(replace(replace(replace(query, '{cost}', cost_expression), '{units}', units),
                             -- (exact: microseconds, written in UTC, whatever DateStyle and the zone's abbreviations)
                             '{as_of}', (select format('%L::timestamptz',
                                                       to_char(as_of at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')
                                                       || '+00')
                                         from work.run_settings)),
                     '{rows}', case when mode.incremental then format('u.load_id > %s', mode.last_load_id)
                                    else '{part}' end);
    if mode.incremental then
        execute 'create temp table usage_delta on commit drop as ' || query;
    else
        perform pg_temp.create_by_user_parts(
            'user_feature_months_next', query, 'u.user_id',
            'create unlogged table work.user_feature_months_next');
    end if;
end
$$;

-- A full rebuild's new table replaces work.user_feature_months (with its comments): writing the workers' rows once
-- into their final table costs less than a temp table copied into the old one. The table has no key index: building
-- it was 1.2 s of a full rebuild at 5M calls, and the merge below needs none. work.user_feature_months_recent is
-- emptied: every month is in the new table.
-- An incremental one adds the new rows' totals to the stored ones (pg_temp.merge_usage_delta; sums are exact, so this
-- equals a full rebuild). When it is month-incremental the groups of the months
-- it rebuilds (>= compute_mode.from_month) are first put in work.user_feature_months_recent (migration 0022), moved
-- from work.user_feature_months when the previous compute had them there (after a full rebuild, or when late rows
-- reach an earlier month), and earlier months moved back; the merge then reads only those months, and the temp view
-- ufm_scope (read by 42, 60, 90 and 91) is that table. Otherwise every month goes back to work.user_feature_months
-- first (and 40_users makes ufm_scope a view of it).
do $$
declare
    c record;
    rebuild_from date := (select from_month from compute_mode);
    stored_from date := (select r.recent_from from work.usage_rollup_state r
                         where (select incremental from usage_mode));
begin
    if (select incremental from usage_mode) and rebuild_from is not null then
        if stored_from is null or rebuild_from < stored_from then
            perform pg_temp.move_usage_groups('work.user_feature_months', 'work.user_feature_months_recent',
                                              format('month >= %L and month < %L', rebuild_from,
                                                     coalesce(stored_from, 'infinity')));
            analyze work.user_feature_months_recent;
            update usage_mode set moved_to_recent = true;
        elsif rebuild_from > stored_from then
            perform pg_temp.move_usage_groups('work.user_feature_months_recent', 'work.user_feature_months',
                                              format('month < %L', rebuild_from));
        end if;
        update usage_mode set recent_from = rebuild_from;
        analyze usage_delta;  -- (row estimates for the merge and the steps that read the delta)
        perform pg_temp.merge_usage_delta('work.user_feature_months_recent');
        create temp view ufm_scope as select * from work.user_feature_months_recent;
    elsif (select incremental from usage_mode) then
        perform pg_temp.merge_recent_usage_groups();
        perform pg_temp.merge_usage_delta('work.user_feature_months');
    else
        execute format('comment on table work.user_feature_months_next is %L',
                       obj_description('work.user_feature_months'::regclass, 'pg_class'));
        for c in select a.attname, col_description(a.attrelid, a.attnum) as description
                 from pg_attribute a
                 where a.attrelid = 'work.user_feature_months'::regclass and a.attnum > 0 and not a.attisdropped
        loop
            execute format('comment on column work.user_feature_months_next.%I is %L', c.attname, c.description);
        end loop;
        alter table work.user_feature_months_next
            alter column user_id set not null, alter column month set not null, alter column feature set not null,
            alter column calls set not null, alter column cost set not null, alter column unpriced_calls set not null,
            alter column input_tokens set not null, alter column output_tokens set not null,
            alter column cached_input_tokens set not null;
        drop table work.user_feature_months;
        alter table work.user_feature_months_next rename to user_feature_months;
        -- (40_users reads the delta's users in a month-incremental compute only)
        create temp table usage_delta on commit drop as select * from work.user_feature_months limit 0;
        truncate work.user_feature_months_recent;
    end if;
end
$$;

-- Record what the totals now cover (an explicit as_of leaves rows out, so it never seeds an incremental compute).
delete from work.usage_rollup_state;
insert into work.usage_rollup_state (last_load_id, reporting_timezone, catalog_fingerprint, recent_from)
select m.new_last_load_id, s.reporting_timezone, m.catalog_fingerprint, m.recent_from
from usage_mode m cross join work.run_settings s
where not s.as_of_explicit;

set local enable_sort = default;
set local enable_nestloop = default;

-- Which models and currencies the unpriced calls come from (skipped entirely when every call has a cost). Whether any
-- call is unpriced: after an incremental merge, when the stored totals had some (the previous detail is not empty) or
-- the new rows have some (without reading every stored group); otherwise from the totals.
create temp table unpriced_now on commit drop as
select case when (select incremental from usage_mode)
            then exists (select 1 from work.usage_model_months)
                 or exists (select 1 from usage_delta where unpriced_calls > 0)
            else exists (select 1 from work.user_feature_months where unpriced_calls > 0)
       end as value;
truncate work.usage_model_months;

insert into work.usage_model_months (month, model, cost_currency, price_currency, calls, cost, unpriced_calls,
                                     missing_price_calls, provided_missing_fx_calls, priced_missing_fx_calls)
with calls as (
    select u.model, u.cost_currency, u.cost, u.occurred_at::date as day
    from events.usage u
    where u.occurred_at <= (select as_of from work.run_settings)
      and (select value from unpriced_now)
),
unpriced as (
    select date_trunc('month', c.day::timestamp)::date as month, c.model, c.cost_currency,
           p.currency as price_currency,
           c.cost is not null as provided,
           p.model is not null as has_price
    from calls c
    left join work.price_daily p on c.cost is null and p.model = c.model and p.day = c.day
    left join work.fx_daily fc on c.cost is not null and fc.currency = c.cost_currency and fc.day = c.day
    where (c.cost is null and p.input_per_token is null) or (c.cost is not null and fc.rate is null)
)
select month, model, case when provided then cost_currency else '' end, price_currency,
       count(*), 0, count(*),
       count(*) filter (where not provided and not has_price),
       count(*) filter (where provided),
       count(*) filter (where not provided and has_price)
from unpriced
group by 1, 2, 3, 4;

-- (statistics kept in a month-incremental compute, see 41_user_months)
do $$
begin
    if (select from_month from compute_mode) is null then
        analyze work.user_feature_months;
    end if;
end
$$;
analyze work.usage_model_months;
