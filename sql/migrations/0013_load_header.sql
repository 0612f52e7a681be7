-- 0013_load_header: the header of each CSV file, so its quarantined lines can be exported as a file to fix and
-- ingest again (`flywheel-run quarantine export --file F --raw`).
alter table ingest.loads add column header text;
comment on column ingest.loads.header is 'The CSV header row as read (trimmed names); NULL for JSON Lines.';
