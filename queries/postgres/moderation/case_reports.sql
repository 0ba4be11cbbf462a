-- The reports of one case, newest first, with the reporter's username and email (masked by the
-- service for roles that may not see personal data, docs/architecture.md#roles). Relies on content_reports_case_idx.
-- @param case_id bigint
SELECT r.id, r.source, r.reason, r.details, r.created_at AS "createdAt", r.resolved_at AS "resolvedAt",
       r.reporter_id AS "reporterId", u.username AS "reporterUsername", u.email AS "reporterEmail"
FROM content_reports AS r
LEFT JOIN users AS u ON u.id = r.reporter_id
WHERE r.case_id = :case_id
ORDER BY r.created_at DESC, r.id DESC
LIMIT 500
