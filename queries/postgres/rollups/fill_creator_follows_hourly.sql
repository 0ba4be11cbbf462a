-- Recounts the follows gained per creator and UTC hour from follows.
INSERT INTO creator_follows_hourly (creator_id, hour, follows)
SELECT followee_id, date_bin('1 hour', created_at, TIMESTAMPTZ '2000-01-01 00:00:00+00'), count(*) FROM follows GROUP BY 1, 2
