-- Reports a user made, newest first, with the case and how it ended (latest decision), for the
-- user page (a reporter's record). Relies on content_reports_reporter_idx.
-- @param user_id bigint
SELECT r.id, r.video_id AS "videoId", v.title, r.reason, r.created_at AS "createdAt", r.case_id AS "caseId",
       c.status AS "caseStatus", d.outcome
FROM content_reports AS r
JOIN videos AS v ON v.id = r.video_id
LEFT JOIN moderation_cases AS c ON c.id = r.case_id
LEFT JOIN LATERAL (SELECT x.outcome FROM moderation_decisions AS x WHERE x.case_id = c.id ORDER BY x.id DESC LIMIT 1) AS d ON c.status = 'resolved'
WHERE r.reporter_id = :user_id
ORDER BY r.created_at DESC, r.id DESC
LIMIT 50
