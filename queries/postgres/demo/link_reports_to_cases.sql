-- Points every demo report at the case built from it (moderation_cases.sql): the case of its video
-- whose [first, last] report span contains it (a video's cases never overlap), and marks reports
-- of resolved cases resolved. Relies on content_reports_video_idx (video_id, created_at).
UPDATE content_reports AS r
SET case_id = c.id, resolved_at = c.resolved_at, updated_at = coalesce(c.resolved_at, r.updated_at)
FROM moderation_cases AS c
WHERE c.video_id = r.video_id
  AND r.created_at BETWEEN c.first_reported_at AND c.last_reported_at
  AND r.case_id IS NULL
