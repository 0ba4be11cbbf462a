-- Recounts the follows gained per creator and UTC day from follows.
INSERT INTO creator_follows_daily (creator_id, day, follows)
SELECT followee_id, (created_at AT TIME ZONE 'UTC')::date, count(*) FROM follows GROUP BY 1, 2
