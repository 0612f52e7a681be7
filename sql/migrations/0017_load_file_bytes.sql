-- 0017_load_file_bytes: the size of each loaded file, so the loader hashes a file before reading it only when an
-- earlier file of the same size could hold the same bytes (otherwise the SHA-256 computed while loading is recorded).
alter table ingest.loads add column file_bytes bigint;
comment on column ingest.loads.file_bytes is 'Size of the file in bytes as found on disk (compressed size for .gz); NULL for loads recorded before migration 0017.';
