-- Content reports from the ingest API (README#moderation, #ingest-api). A report is a fact: a replayed id changes
-- nothing (DO NOTHING on the primary key), so a retried batch never counts a report twice in its
-- case. The video and reporter were checked to exist. Answers the reports written, which then
-- join their video's open case (link_reports.sql). :rows is a JSON array, one per id.
-- @param rows jsonb
INSERT INTO content_reports (id, video_id, reporter_id, source, reason, details, created_at, updated_at)
SELECT r.id, r.video_id, r.reporter_id, r.source, r.reason, r.details, r.created_at, r.created_at
FROM jsonb_to_recordset(:rows) AS r(id bigint, video_id bigint, reporter_id bigint, source text, reason text,
                                    details text, created_at timestamptz)
ORDER BY r.id
ON CONFLICT (id) DO NOTHING
RETURNING id, video_id AS "videoId"
