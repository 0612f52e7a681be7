-- 0025_feedback_load_id_brin: feedback rows are appended in load order too, so a BRIN index finds the rows of recent
-- loads (40_users' new feedback per user x month) without reading every feedback row of the history.
create index feedback_load_id_brin on events.feedback using brin (load_id);
