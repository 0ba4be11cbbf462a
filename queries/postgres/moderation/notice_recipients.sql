-- Who hears about a decided case (outcome notices, docs/moderation.md): each distinct user who
-- reported it, and the video's creator, with the video title. A creator who also reported their
-- own video is told as the creator only. Relies on content_reports_case_idx and primary keys.
-- @param case_id bigint
SELECT 'creator' AS role, u.id AS "userId", u.email, u.display_name AS "displayName", u.username, v.title, v.id AS "videoId"
FROM moderation_cases AS c
JOIN videos AS v ON v.id = c.video_id
JOIN users AS u ON u.id = v.creator_id
WHERE c.id = :case_id
UNION ALL
SELECT DISTINCT 'reporter', u.id, u.email, u.display_name, u.username, v.title, v.id
FROM content_reports AS r
JOIN videos AS v ON v.id = r.video_id
JOIN users AS u ON u.id = r.reporter_id
WHERE r.case_id = :case_id AND r.reporter_id <> v.creator_id
