-- Follows from the ingest API: a follow is a fact, so a replay changes nothing (DO NOTHING on the
-- primary key (follower_id, followee_id)). Both users were checked to exist. :rows is a JSON
-- array of {follower_id, followee_id, created_at}, each pair once. Answers the pairs written.
-- @param rows jsonb
INSERT INTO follows (follower_id, followee_id, created_at)
SELECT r.follower_id, r.followee_id, r.created_at
FROM jsonb_to_recordset(:rows) AS r(follower_id bigint, followee_id bigint, created_at timestamptz)
ORDER BY r.follower_id, r.followee_id
ON CONFLICT DO NOTHING
RETURNING follower_id
