-- 0020_outside_writes: rows of the event and catalog tables written, changed or removed other than by the loader make
-- the next compute a full one. The loader marks its transactions (flywheel.loader = on); any other statement on those
-- tables removes the state an incremental compute starts from (work.compute_state, work.usage_rollup_state).
-- For events.usage this replaces counting every row on each compute (0.3 s at 5M rows); for the others it also
-- catches what their row counts and newest load cannot (a row changed in place). Statement-level, with no transition
-- table: nothing per row, and COPY keeps its batched inserts.
create function work.forget_compute_state() returns trigger
language plpgsql security definer set search_path = pg_catalog as $$
begin
    if coalesce(current_setting('flywheel.loader', true), '') <> 'on' then
        delete from work.compute_state;
        delete from work.usage_rollup_state;
    end if;
    return null;
end
$$;
comment on function work.forget_compute_state() is 'Trigger: a write to an event or catalog table outside the loader removes the incremental compute state, so the next compute is a full one.';

do $$
declare
    t regclass;
begin
    foreach t in array array['events.usage', 'events.feedback', 'events.payments', 'events.users', 'catalog.features',
                             'catalog.model_prices', 'catalog.fx_rates']::regclass[] loop
        execute format('create trigger written_outside_loader after insert or update or delete or truncate on %s '
                       'for each statement execute function work.forget_compute_state()', t);
    end loop;
end
$$;

-- Writes made before these triggers existed may not be covered by the state: the first compute after this migration
-- is a full one.
delete from work.compute_state;
delete from work.usage_rollup_state;
