-- 0001_storage: schemas, the ingest ledger, stored events and catalogs, and the analyst role.
-- Immutable once released: later changes go in new migrations.

create schema if not exists ingest;
create schema if not exists events;
create schema if not exists catalog;
create schema if not exists flywheel;

-- ingest: the ledger of file loads and what was quarantined (raw lines: not for analysts).
create table ingest.loads (
    load_id bigint generated always as identity primary key,
    file_name text not null,
    sha256 text not null,
    kind text not null,
    status text not null check (status in ('loaded', 'skipped', 'rejected', 'failed')),
    rows_read bigint not null default 0,
    rows_loaded bigint not null default 0,
    rows_duplicate bigint not null default 0,
    rows_quarantined bigint not null default 0,
    started_at timestamptz not null default clock_timestamp(),
    finished_at timestamptz,
    ignored_columns text[] not null default '{}',
    message text
);
create index loads_sha256 on ingest.loads (sha256) where status = 'loaded';
comment on table ingest.loads is 'One row per file load attempt; rows_read = rows_loaded + rows_duplicate + rows_quarantined.';

create table ingest.quarantine (
    quarantine_id bigint generated always as identity primary key,
    load_id bigint not null references ingest.loads (load_id),
    file_name text not null,
    line_number bigint not null,
    kind text not null,
    reason text not null check (reason in (
        'malformed_row', 'missing_field', 'bad_timestamp', 'bad_number', 'out_of_range', 'bad_enum',
        'bad_currency', 'bad_text', 'bad_encoding', 'conflicting_duplicate')),
    field text,
    message text not null,
    raw text not null
);
create index quarantine_load on ingest.quarantine (load_id);
comment on table ingest.quarantine is 'Rows that broke a rule: file, line, reason code, offending field and the raw line.';

create table ingest.runs (
    run_id bigint generated always as identity primary key,
    command text not null,
    started_at timestamptz not null default clock_timestamp(),
    finished_at timestamptz,
    exit_code integer,
    summary text
);
comment on table ingest.runs is 'One row per flywheel-run command that changed data (run, ingest, compute).';

-- events: what happened. Keys deduplicate; load_id and line_number say where a row came from.
create table events.users (
    user_id text primary key,
    signed_up_at timestamptz not null,
    channel text,
    country text,
    load_id bigint not null,
    line_number bigint not null
);

create table events.usage (
    event_id text primary key,
    user_id text not null,
    occurred_at timestamptz not null,
    feature text not null,
    model text not null,
    input_tokens bigint not null check (input_tokens >= 0),
    output_tokens bigint not null check (output_tokens >= 0),
    cached_input_tokens bigint not null default 0 check (cached_input_tokens between 0 and input_tokens),
    cost numeric check (cost >= 0),
    cost_currency text not null default 'USD',
    load_id bigint not null,
    line_number bigint not null
);

create table events.feedback (
    event_id text primary key,
    user_id text not null,
    occurred_at timestamptz not null,
    feature text not null,
    rating smallint not null check (rating between 1 and 5),
    comment text,
    load_id bigint not null,
    line_number bigint not null
);

-- period_start/period_end are stored as given (NULL when absent); their defaults (occurred_at, start plus one
-- interval in the reporting time zone) are applied by compute, which knows the reporting time zone.
create table events.payments (
    payment_id text primary key,
    user_id text not null,
    occurred_at timestamptz not null,
    kind text not null check (kind in ('charge', 'refund')),
    amount numeric not null check (amount >= 0),
    currency text not null,
    plan text,
    interval text check (interval in ('month', 'quarter', 'year', 'one_time')),
    period_start timestamptz,
    period_end timestamptz,
    refund_of text,
    load_id bigint not null,
    line_number bigint not null
);

-- catalog: reference data; a later file's row replaces the stored one.
create table catalog.model_prices (
    model text not null,
    effective_from date not null,
    input_per_mtok numeric not null check (input_per_mtok >= 0),
    output_per_mtok numeric not null check (output_per_mtok >= 0),
    cached_input_per_mtok numeric not null check (cached_input_per_mtok >= 0),
    currency text not null default 'USD',
    load_id bigint not null,
    primary key (model, effective_from)
);

create table catalog.fx_rates (
    currency text not null,
    date date not null,
    rate numeric not null check (rate >= 0),
    load_id bigint not null,
    primary key (currency, date)
);

create table catalog.features (
    feature text primary key,
    display_name text,
    value_per_call numeric,
    load_id bigint not null
);

-- The analyst role: reads flywheel, events and catalog; nothing else (ingest keeps raw lines).
-- Roles are cluster-wide: another database of the same cluster may create it at the same moment.
do $$
begin
    if not exists (select 1 from pg_roles where rolname = 'flywheel_analyst') then
        create role flywheel_analyst nologin;
    end if;
exception when duplicate_object or unique_violation then
    null;
end
$$;
