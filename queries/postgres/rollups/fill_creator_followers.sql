-- Recounts the followers per creator from follows.
INSERT INTO creator_followers (creator_id, followers)
SELECT followee_id, count(*) FROM follows GROUP BY 1
