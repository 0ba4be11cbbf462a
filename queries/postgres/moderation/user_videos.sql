-- A user's videos, newest first, with their latest case (status) and report count, for the user
-- page. Relies on videos_creator_idx, then the cases and reports of each video.
-- @param user_id bigint
SELECT v.id, v.title, v.visibility, v.created_at AS "createdAt", v.thumbnail_url AS "thumbnailUrl",
       (SELECT count(*)::int FROM content_reports AS r WHERE r.video_id = v.id) AS reports,
       lc.id AS "caseId", lc.status AS "caseStatus"
FROM videos AS v
LEFT JOIN LATERAL (SELECT c.id, c.status FROM moderation_cases AS c WHERE c.video_id = v.id ORDER BY c.id DESC LIMIT 1) AS lc ON true
WHERE v.creator_id = :user_id
ORDER BY v.created_at DESC, v.id DESC
LIMIT 50
