-- Locks the unresolved case of each video a batch's reports are about, in id order (no deadlock
-- between two batches), so that the counts recomputed next include every committed report and a
-- moderator's decision cannot resolve the case halfway. Partial unique index on open cases.
-- @param video_ids bigint[]
SELECT id, video_id AS "videoId"
FROM moderation_cases
WHERE video_id = ANY (:video_ids) AND status <> 'resolved'
ORDER BY id
FOR UPDATE
