-- Settles a notification after an attempt: delivered, pending again at the next backoff time,
-- or dead-lettered.
-- @param id bigint
-- @param status text
-- @param attempts int
-- @param next_attempt_at timestamptz
-- @param last_error text?
-- @param delivered_at timestamptz?
UPDATE notification_outbox
SET status = :status, attempts = :attempts, next_attempt_at = :next_attempt_at, last_error = :last_error, delivered_at = :delivered_at
WHERE id = :id
