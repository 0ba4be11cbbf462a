-- Top creators (docs/metrics.md): by follower count, with the follows gained in [from, to). Reads
-- follows_followee_created_idx (followee_id, created_at) once, joined to users for the name.
-- @param from timestamptz
-- @param to timestamptz
-- @param limit int
SELECT u.id AS "userId",
       u.username,
       f.followers::bigint AS followers,
       f.growth::bigint AS "followerGrowth"
FROM (
  SELECT followee_id,
         count(*) AS followers,
         count(*) FILTER (WHERE created_at >= :from AND created_at < :to) AS growth
  FROM follows
  WHERE created_at < :to
  GROUP BY followee_id
) f
JOIN users u ON u.id = f.followee_id
ORDER BY f.followers DESC, u.id
LIMIT :limit
