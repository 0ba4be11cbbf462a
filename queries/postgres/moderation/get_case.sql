-- One case with its video and creator for the case page; the lease reads as free once expired.
-- Primary key lookups (moderation_cases, videos, users, accounts); the creator's standing.
-- @param id bigint
SELECT c.id AS "caseId", c.video_id AS "videoId",
       CASE WHEN c.status = 'in_review' AND c.claim_expires_at < now() THEN 'open' ELSE c.status END AS status,
       c.priority, c.priority_parts AS "priorityParts", c.report_count AS "reportCount",
       c.distinct_reporters AS "distinctReporters", c.reasons, c.first_reported_at AS "oldestReportAt",
       c.last_reported_at AS "lastReportedAt", c.version, c.sla_due_at AS "slaDueAt", c.resolved_at AS "resolvedAt",
       CASE WHEN c.claim_expires_at >= now() THEN c.assignee_id END AS "assigneeId",
       CASE WHEN c.claim_expires_at >= now() THEN a.email END AS "assigneeEmail",
       CASE WHEN c.claim_expires_at >= now() THEN c.claimed_at END AS "claimedAt",
       CASE WHEN c.claim_expires_at >= now() THEN c.claim_expires_at END AS "claimExpiresAt",
       v.title, v.description, v.tags, v.duration_ms AS "durationMs", v.region, v.visibility,
       v.video_url AS "videoUrl", v.thumbnail_url AS "thumbnailUrl", v.created_at AS "videoCreatedAt",
       v.creator_id AS "creatorId", u.username AS "creatorUsername", u.display_name AS "creatorDisplayName",
       u.status AS "creatorStatus", coalesce(s.banned, false) AS "creatorBanned", s.suspended_until AS "creatorSuspendedUntil"
FROM moderation_cases AS c
JOIN videos AS v ON v.id = c.video_id
JOIN users AS u ON u.id = v.creator_id
LEFT JOIN user_standing AS s ON s.user_id = u.id
LEFT JOIN accounts AS a ON a.id = c.assignee_id
WHERE c.id = :id
