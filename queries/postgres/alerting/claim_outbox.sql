-- The delivery worker claims due notifications: a lease (next_attempt_at moved ahead) taken
-- with SKIP LOCKED, so two consoles never deliver the same row at once
-- (notification_outbox_due_idx on next_attempt_at where pending).
-- @param now timestamptz
-- @param lease_until timestamptz
-- @param max int
UPDATE notification_outbox o
SET next_attempt_at = :lease_until
WHERE o.id IN (
  SELECT id FROM notification_outbox
  WHERE status = 'pending' AND next_attempt_at <= :now
  ORDER BY next_attempt_at, id
  LIMIT :max
  FOR UPDATE SKIP LOCKED
)
RETURNING o.id, o.channel, o.receiver, o.group_key AS "groupKey", o.dedup_key AS "dedupKey", o.payload, o.attempts
