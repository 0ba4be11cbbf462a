-- The outcome of one send attempt: sent, retried later (pending with a new time) or failed for
-- good; the schedule keeps the last outcome for the page. Relies on the primary keys.
-- @param id bigint
-- @param status text
-- @param next_attempt_at timestamptz
-- @param error text?
-- @param message_id text?
WITH d AS (
  UPDATE report_deliveries
  SET status = :status,
      attempts = attempts + 1,
      next_attempt_at = :next_attempt_at,
      last_error = :error,
      message_id = coalesce(:message_id, message_id),
      sent_at = CASE WHEN :status = 'sent' THEN now() ELSE sent_at END
  WHERE id = :id
  RETURNING schedule_id, attempts
)
UPDATE report_schedules AS s
SET last_run_at = now(),
    last_status = CASE WHEN :status = 'pending' THEN 'retrying' ELSE :status END,
    last_error = :error,
    attempts = d.attempts
FROM d
WHERE s.id = d.schedule_id
RETURNING s.id
