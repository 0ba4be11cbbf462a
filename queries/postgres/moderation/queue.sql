-- The review queue (README#moderation, docs/architecture.md#api): unresolved cases by priority, then age (first report), then
-- id; keyset pages after the cursor (priority, first_reported_at, id). An in_review case whose
-- lease has expired reads as open: an expired lease frees the case by itself, no job needed.
-- Filters: effective status, one reason among the case's reasons, SLA state (breached: due time
-- passed; due_soon: due within the next hour; ok: later). Relies on moderation_cases_queue_idx
-- (priority DESC, first_reported_at, id) WHERE status <> 'resolved'; `priority <= :cursor_priority`
-- gives the index scan its start bound. The creator's standing (user_standing) marks suspended
-- and banned creators. fromAt keeps the microseconds a JS Date would drop.
-- @param status text?
-- @param reason text?
-- @param sla text?
-- @param cursor_priority float8?
-- @param cursor_first_at timestamptz?
-- @param cursor_id bigint?
-- @param limit int
SELECT c.id AS "caseId", c.video_id AS "videoId", c.priority, c.priority_parts AS "priorityParts",
       c.report_count AS "reportCount", c.distinct_reporters AS "distinctReporters", c.reasons,
       CASE WHEN c.status = 'in_review' AND c.claim_expires_at < now() THEN 'open' ELSE c.status END AS status,
       CASE WHEN c.claim_expires_at >= now() THEN c.assignee_id END AS "assigneeId",
       CASE WHEN c.claim_expires_at >= now() THEN a.email END AS "assigneeEmail",
       CASE WHEN c.claim_expires_at >= now() THEN c.claim_expires_at END AS "claimExpiresAt",
       c.version, c.first_reported_at AS "oldestReportAt", c.last_reported_at AS "lastReportedAt",
       to_char(c.first_reported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "firstAtCursor",
       c.sla_due_at AS "slaDueAt", c.resolved_at AS "resolvedAt",
       v.title AS "videoTitle", v.thumbnail_url AS "thumbnailUrl", v.visibility, v.creator_id AS "creatorId",
       CASE WHEN s.banned THEN 'banned' WHEN s.suspended_until IS NOT NULL THEN 'suspended' END AS "creatorStanding"
FROM moderation_cases AS c
JOIN videos AS v ON v.id = c.video_id
LEFT JOIN user_standing AS s ON s.user_id = v.creator_id
LEFT JOIN accounts AS a ON a.id = c.assignee_id
WHERE (CASE WHEN :status::text = 'resolved' THEN c.status = 'resolved' ELSE c.status <> 'resolved' END)
  AND (:status::text IS NULL OR :status::text = 'resolved'
       OR (CASE WHEN c.status = 'in_review' AND c.claim_expires_at < now() THEN 'open' ELSE c.status END) = :status)
  AND (:reason::text IS NULL OR :reason = ANY (c.reasons))
  AND (:sla::text IS NULL
       OR (:sla = 'breached' AND c.sla_due_at < now())
       OR (:sla = 'due_soon' AND c.sla_due_at >= now() AND c.sla_due_at < now() + interval '1 hour')
       OR (:sla = 'ok' AND c.sla_due_at >= now() + interval '1 hour'))
  AND (:cursor_id::bigint IS NULL
       OR (c.priority <= :cursor_priority
           AND (c.priority < :cursor_priority
                OR (c.first_reported_at, c.id) > (:cursor_first_at, :cursor_id))))
ORDER BY c.priority DESC, c.first_reported_at, c.id
LIMIT :limit
