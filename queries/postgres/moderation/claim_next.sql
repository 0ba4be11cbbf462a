-- Claims the top case of the queue that nobody holds (priority, then age). FOR UPDATE SKIP
-- LOCKED lets concurrent callers pass over a row another transaction is taking; a row taken and
-- committed meanwhile fails the re-checked WHERE and the LIMIT moves to the next one, so no case
-- is handed out twice. Relies on moderation_cases_queue_idx.
-- @param me bigint
-- @param lease_seconds int
-- @param may_escalated bool
WITH next AS (
  SELECT id
  FROM moderation_cases
  WHERE status <> 'resolved'
    AND (status IN ('open', 'in_review') OR (status = 'escalated' AND :may_escalated))
    AND (assignee_id IS NULL OR claim_expires_at < now())
  ORDER BY priority DESC, first_reported_at, id
  LIMIT 1
  FOR UPDATE SKIP LOCKED
)
UPDATE moderation_cases AS c
SET assignee_id = :me, claimed_at = now(), claim_expires_at = now() + :lease_seconds * interval '1 second',
    status = CASE WHEN c.status = 'open' THEN 'in_review' ELSE c.status END, updated_at = now()
FROM next
WHERE c.id = next.id
RETURNING c.id AS "caseId", c.status, c.assignee_id AS "assigneeId", c.claimed_at AS "claimedAt",
          c.claim_expires_at AS "claimExpiresAt", c.version
