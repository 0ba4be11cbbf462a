-- Which of the videos named by a batch of video events exist, with their creator and duration:
-- events about an unknown video are stored, flagged and counted as orphans; an event naming
-- another creator than the video's is rejected; the duration goes on the stored event (the
-- completion rollups compare watch_ms with it). Primary key look-up.
-- @param ids bigint[]
SELECT id, creator_id AS "creatorId", duration_ms AS "durationMs"
FROM videos
WHERE id = ANY (:ids)
