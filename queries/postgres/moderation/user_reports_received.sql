-- Reports about a user's videos, newest first, with the reporter (personal data: the user page
-- is for roles that may see it). Relies on videos_creator_idx and content_reports_video_idx.
-- @param user_id bigint
SELECT r.id, r.video_id AS "videoId", v.title, r.reason, r.source, r.created_at AS "createdAt", r.case_id AS "caseId",
       r.reporter_id AS "reporterId", ru.username AS "reporterUsername"
FROM videos AS v
JOIN content_reports AS r ON r.video_id = v.id
LEFT JOIN users AS ru ON ru.id = r.reporter_id
WHERE v.creator_id = :user_id
ORDER BY r.created_at DESC, r.id DESC
LIMIT 50
