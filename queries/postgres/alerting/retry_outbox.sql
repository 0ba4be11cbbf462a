-- A person retries a dead letter from the notification log: pending again, due now.
-- @param id bigint
-- @param now timestamptz
UPDATE notification_outbox
SET status = 'pending', next_attempt_at = :now
WHERE id = :id AND status = 'dead'
RETURNING id
