-- The decision transaction's first step: locks the case row (FOR UPDATE of the case only) and
-- reads what the decision checks and changes. Primary key lookups.
-- @param id bigint
SELECT c.id, c.video_id AS "videoId", c.status, c.version, c.assignee_id AS "assigneeId",
       c.claimed_at AS "claimedAt", c.claim_expires_at AS "claimExpiresAt",
       (c.assignee_id IS NOT NULL AND c.claim_expires_at >= now()) AS "leaseLive",
       v.visibility
FROM moderation_cases AS c
JOIN videos AS v ON v.id = c.video_id
WHERE c.id = :id
FOR UPDATE OF c
