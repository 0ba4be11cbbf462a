-- Which of the videos named by a batch of video events exist, with their creator: events about
-- an unknown video are stored and counted as orphans; an event naming another creator than the
-- video's is rejected. Primary key look-up.
-- @param ids bigint[]
SELECT id, creator_id AS "creatorId"
FROM videos
WHERE id = ANY (:ids)
