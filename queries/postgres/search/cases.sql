-- Header search, moderation cases: by id only (a case has no name). Primary key lookup.
-- @param id bigint
SELECT c.id, c.status, c.video_id AS "videoId", v.title
FROM moderation_cases AS c
JOIN videos AS v ON v.id = c.video_id
WHERE c.id = :id
