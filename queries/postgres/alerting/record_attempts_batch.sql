-- The delivery attempts of one claimed batch, whatever their outcome, in one statement
-- (notification_attempts_outbox_idx): `rows` is a JSON array.
-- @param rows jsonb
INSERT INTO notification_attempts (outbox_id, at, outcome, http_status, error)
SELECT r.outbox_id, r.at, r.outcome, r.http_status, r.error
FROM jsonb_to_recordset(:rows) AS r(outbox_id bigint, at timestamptz, outcome text, http_status int, error text)
