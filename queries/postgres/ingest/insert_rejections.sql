-- The rejected lines of a batch, one row each (stream, reason code, field, the reason in words, a
-- sample truncated to 500 characters), for the data-quality panels (rejected rows by stream and
-- reason over time; ingest_rejections_at_idx). :rows is a JSON array of {line, reason, field,
-- message, sample, lines}: past the per-batch cap one row stands for `lines` rejected lines
-- (migration 050), so panels sum `lines` instead of counting rows.
-- @param batch_id bigint
-- @param stream text
-- @param rows jsonb
INSERT INTO ingest_rejections (batch_id, stream, line, reason, field, message, sample, lines)
SELECT :batch_id, :stream, r.line, r.reason, r.field, left(r.message, 1000), left(r.sample, 500), coalesce(r.lines, 1)
FROM jsonb_to_recordset(:rows) AS r(line int, reason text, field text, message text, sample text, lines int)
