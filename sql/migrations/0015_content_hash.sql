-- 0015_content_hash: a digest of each usage and feedback row's content, written by the loader, so a re-sent file is
-- recognised by comparing one number per key instead of every column (see docs/ingest.md, "Keys").
-- The digest covers the row as the loader renders it (every field but the key, in staging-column order, as COPY
-- text); equal digests mean identical content. Different digests prove nothing (19.99 and 19.990 are the same
-- amount): such rows, and rows stored before this migration (NULL), are compared column by column.
alter table events.usage add column content_hash bigint;
alter table events.feedback add column content_hash bigint;
comment on column events.usage.content_hash is '64-bit digest of the row as loaded (all fields but event_id, as COPY text), for recognising re-sent rows; NULL for rows loaded before it existed.';
comment on column events.feedback.content_hash is '64-bit digest of the row as loaded (all fields but event_id, as COPY text), for recognising re-sent rows; NULL for rows loaded before it existed.';
