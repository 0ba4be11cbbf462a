-- Claims (or renews) a case in ONE conditional statement, safe with any number of concurrent
-- callers on PostgreSQL and PGlite: it takes the row only when nobody holds a live lease or the
-- caller holds it already (renewal keeps claimed_at). Under READ COMMITTED a concurrent claim
-- waits for the row lock and re-checks the WHERE on the new row, so exactly one wins.
-- Escalated cases are for admins only (:may_escalated). Primary key update.
-- @param id bigint
-- @param me bigint
-- @param lease_seconds int
-- @param may_escalated bool
UPDATE moderation_cases
SET assignee_id = :me,
    claimed_at = CASE WHEN assignee_id = :me AND claim_expires_at >= now() THEN claimed_at ELSE now() END,
    claim_expires_at = now() + :lease_seconds * interval '1 second',
    status = CASE WHEN status = 'open' THEN 'in_review' ELSE status END,
    updated_at = now()
WHERE id = :id
  AND (status IN ('open', 'in_review') OR (status = 'escalated' AND :may_escalated))
  AND (assignee_id IS NULL OR claim_expires_at < now() OR assignee_id = :me)
RETURNING id AS "caseId", status, assignee_id AS "assigneeId", claimed_at AS "claimedAt",
          claim_expires_at AS "claimExpiresAt", version
