-- Top creators (docs/metrics.md) by followers at `to`, with the follows gained in [from, to), from the
-- running totals kept by triggers on follows (docs/scale.md): followers at `to` = the total less
-- the follows after `to` (whole UTC days after it from creator_follows_daily, the rest of its day
-- from follows_created_idx). A creator with no follow after `to` keeps its total, so the
-- candidates are the top :limit of those by creator_followers_rank_idx plus the few with later
-- follows. Growth of the top rows: whole UTC days [day_from, day_to) from creator_follows_daily,
-- the edges [from, day_from) and [day_to, to) (under a day each) by follows_followee_created_idx.
-- @param from timestamptz
-- @param to timestamptz
-- @param day_from timestamptz
-- @param day_to timestamptz
-- @param limit int
WITH later AS (
  SELECT creator_id, sum(n)::bigint AS n
  FROM (
    SELECT creator_id, follows AS n FROM creator_follows_daily
    WHERE day > (:to AT TIME ZONE 'UTC')::date
    UNION ALL
    SELECT followee_id, 1 FROM follows
    WHERE created_at >= :to AND created_at < (((:to AT TIME ZONE 'UTC')::date + 1)::timestamp AT TIME ZONE 'UTC')
  ) x
  GROUP BY creator_id
),
candidates AS (
  (SELECT c.creator_id, c.followers
   FROM creator_followers c
   WHERE NOT EXISTS (SELECT 1 FROM later l WHERE l.creator_id = c.creator_id)
   ORDER BY c.followers DESC, c.creator_id
   LIMIT :limit)
  UNION ALL
  SELECT c.creator_id, c.followers - l.n
  FROM later l JOIN creator_followers c ON c.creator_id = l.creator_id
),
top AS (
  SELECT creator_id, followers FROM candidates WHERE followers > 0 ORDER BY followers DESC, creator_id LIMIT :limit
)
SELECT u.id AS "userId",
       u.username,
       t.followers::bigint AS followers,
       ((SELECT coalesce(sum(d.follows), 0) FROM creator_follows_daily d
         WHERE d.creator_id = t.creator_id AND d.day >= (:day_from AT TIME ZONE 'UTC')::date AND d.day < (:day_to AT TIME ZONE 'UTC')::date)
        + (SELECT count(*) FROM follows f
           WHERE f.followee_id = t.creator_id
             AND ((f.created_at >= :from AND f.created_at < :day_from) OR (f.created_at >= :day_to AND f.created_at < :to))))::bigint AS "followerGrowth"
FROM top t
JOIN users u ON u.id = t.creator_id
ORDER BY t.followers DESC, u.id
