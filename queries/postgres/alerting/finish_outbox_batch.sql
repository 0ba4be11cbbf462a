-- Settles the notifications of one claimed batch after their attempts, in one statement (primary
-- key id): each delivered, pending again at its next backoff time, or dead-lettered.
-- @param rows jsonb
UPDATE notification_outbox o
SET status = r.status, attempts = r.attempts, next_attempt_at = r.next_attempt_at, last_error = r.last_error, delivered_at = r.delivered_at
FROM jsonb_to_recordset(:rows) AS r(id bigint, status text, attempts int, next_attempt_at timestamptz, last_error text, delivered_at timestamptz)
WHERE o.id = r.id
