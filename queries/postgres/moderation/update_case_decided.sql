-- The case after a decision: its new status (resolved or escalated), the lease released, the
-- version moved on so that any other open form on it is stale. Primary key update.
-- @param id bigint
-- @param status text
UPDATE moderation_cases
SET status = :status, version = version + 1, assignee_id = NULL, claimed_at = NULL, claim_expires_at = NULL,
    resolved_at = CASE WHEN :status = 'resolved' THEN coalesce(resolved_at, now()) ELSE NULL END, updated_at = now()
WHERE id = :id
RETURNING status, version, resolved_at AS "resolvedAt"
