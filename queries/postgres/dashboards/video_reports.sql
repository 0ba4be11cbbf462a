-- Reports of one video (the video page), newest first, without reporter identity (masked for
-- analysts and oncall, docs/architecture.md#roles). Uses content_reports_video_idx (video_id, created_at).
-- @param video_id bigint
SELECT id, source, reason, created_at AS "createdAt", case_id AS "caseId"
FROM content_reports
WHERE video_id = :video_id
ORDER BY created_at DESC, id DESC
LIMIT 200
