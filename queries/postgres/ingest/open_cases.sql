-- Opens a case for each video that has none unresolved (README#moderation: one open case per video; a
-- video whose cases are all resolved gets a new one). The report figures are placeholders that
-- refresh_cases.sql recomputes in the same transaction. Videos in id order, and the partial
-- unique index moderation_cases_one_open_per_video makes a concurrent batch wait, then skip.
-- @param video_ids bigint[]
-- @param now timestamptz
INSERT INTO moderation_cases (video_id, status, first_reported_at, last_reported_at, sla_due_at, created_at, updated_at)
SELECT v.id, 'open', :now, :now, :now, :now, :now
FROM unnest(:video_ids) AS v(id)
WHERE NOT EXISTS (SELECT 1 FROM moderation_cases AS c WHERE c.video_id = v.id AND c.status <> 'resolved')
ORDER BY v.id
ON CONFLICT (video_id) WHERE status <> 'resolved' DO NOTHING
