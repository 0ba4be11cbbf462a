-- Top creators (docs/metrics.md) by followers at `to`, with the follows gained in [from, to), from the
-- running totals kept by triggers on follows (docs/scale.md): followers at `to` = the total less
-- the follows after `to`: whole UTC days from creator_follows_daily (from :later_day), whole hours
-- of `to`'s day from creator_follows_hourly ([:later_hour, :later_day)), the quarter-hours before
-- them from follows ([:to, :later_hour), follows_created_idx). A creator with no follow after `to`
-- keeps its total, so the top :limit + (creators followed after `to`) by total (the rank index)
-- hold the answer: any other creator is outranked by :limit creators that keep their totals.
-- Growth of the top rows: whole UTC days [:d_from, :d_to) from creator_follows_daily, whole hours
-- in two spans [:h1_from, :h1_to), [:h2_from, :h2_to) from creator_follows_hourly, quarter-hours
-- in two spans [:r1_from, :r1_to), [:r2_from, :r2_to) from follows (the service decomposes the
-- window; an unused span is empty).
-- @param to timestamptz
-- @param later_hour timestamptz
-- @param later_day timestamptz
-- @param d_from timestamptz
-- @param d_to timestamptz
-- @param h1_from timestamptz
-- @param h1_to timestamptz
-- @param h2_from timestamptz
-- @param h2_to timestamptz
-- @param r1_from timestamptz
-- @param r1_to timestamptz
-- @param r2_from timestamptz
-- @param r2_to timestamptz
-- @param limit int
WITH later AS MATERIALIZED (
  SELECT creator_id, sum(n)::bigint AS n
  FROM (
    SELECT creator_id, follows AS n FROM creator_follows_daily
    WHERE day >= (:later_day AT TIME ZONE 'UTC')::date
    UNION ALL
    SELECT creator_id, follows FROM creator_follows_hourly
    WHERE hour >= :later_hour AND hour < :later_day
    UNION ALL
    SELECT followee_id, 1 FROM follows
    WHERE created_at >= :to AND created_at < :later_hour
  ) x
  GROUP BY creator_id
),
candidates AS (
  SELECT c.creator_id, c.followers - coalesce(l.n, 0) AS followers
  FROM (
    SELECT creator_id, followers FROM creator_followers
    ORDER BY followers DESC, creator_id
    LIMIT :limit + (SELECT count(*) FROM later)
  ) c
  LEFT JOIN later l ON l.creator_id = c.creator_id
),
top AS (
  SELECT creator_id, followers FROM candidates WHERE followers > 0 ORDER BY followers DESC, creator_id LIMIT :limit
)
SELECT u.id AS "userId",
       u.username,
       t.followers::bigint AS followers,
       ((SELECT coalesce(sum(d.follows), 0) FROM creator_follows_daily d
         WHERE d.creator_id = t.creator_id AND d.day >= (:d_from AT TIME ZONE 'UTC')::date AND d.day < (:d_to AT TIME ZONE 'UTC')::date)
        + (SELECT coalesce(sum(h.follows), 0) FROM creator_follows_hourly h
           WHERE h.creator_id = t.creator_id
             AND ((h.hour >= :h1_from AND h.hour < :h1_to) OR (h.hour >= :h2_from AND h.hour < :h2_to)))
        + (SELECT count(*) FROM follows f
           WHERE f.followee_id = t.creator_id
             AND ((f.created_at >= :r1_from AND f.created_at < :r1_to) OR (f.created_at >= :r2_from AND f.created_at < :r2_to))))::bigint AS "followerGrowth"
FROM top t
JOIN users u ON u.id = t.creator_id
ORDER BY t.followers DESC, u.id
