-- Gives a claimed case back to the queue; only the holder of a live lease may (else no row).
-- Primary key update.
-- @param id bigint
-- @param me bigint
UPDATE moderation_cases
SET assignee_id = NULL, claimed_at = NULL, claim_expires_at = NULL,
    status = CASE WHEN status = 'in_review' THEN 'open' ELSE status END, updated_at = now()
WHERE id = :id AND assignee_id = :me AND claim_expires_at >= now()
RETURNING id AS "caseId", status, version
