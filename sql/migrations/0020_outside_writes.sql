-- 0020_outside_writes: rows of events.usage or events.feedback written, changed or removed other than by the loader
-- make the next compute a full one. The loader marks its transactions (flywheel.loader = on); any other statement on
-- those tables removes the state an incremental compute starts from (work.compute_state, work.usage_rollup_state).
-- This replaces counting every usage row on each compute (0.3 s at 5M rows) to notice such writes. Statement-level,
-- with no transition table: nothing per row, and COPY keeps its batched inserts.
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
comment on function work.forget_compute_state() is 'Trigger: a write to events.usage or events.feedback outside the loader removes the incremental compute state, so the next compute is a full one.';

create trigger written_outside_loader
    after insert or update or delete or truncate on events.usage
    for each statement execute function work.forget_compute_state();
create trigger written_outside_loader
    after insert or update or delete or truncate on events.feedback
    for each statement execute function work.forget_compute_state();
