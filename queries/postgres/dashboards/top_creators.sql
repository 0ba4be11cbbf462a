-- Top creators (docs/metrics.md) by followers at `to`, with the follows gained in [from, to), from the
-- running totals kept by triggers on follows (docs/scale.md): followers at `to` = the total less
-- the follows after `to`: whole UTC days from creator_follows_daily (from :later_day), whole hours
-- of `to`'s day from creator_follows_hourly ([:later_hour, :later_day)), the quarter-hours before
-- them from follows ([:to, :later_hour)), each read per creator by primary key or
-- follows_followee_created_idx. Followers at `to` never exceed the total, so: the top :limit by
-- total (the rank index) with their followers at `to` give a bound (the least of those); a
-- creator whose total is under it is outranked by those :limit creators. The answer is among the
-- head and the creators next in rank whose total reaches the bound (a few more for a recent
-- window; more the more a window's end is followed after).
-- Growth of the top rows: whole UTC days [:d_from, :d_to) from creator_follows_daily, whole hours
-- in two spans [:h1_from, :h1_to), [:h2_from, :h2_to) from creator_follows_hourly, quarter-hours
-- in two spans [:r1_from, :r1_to), [:r2_from, :r2_to) from follows (the service decomposes the
-- window; an unused span is empty), one index range each.
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
WITH head AS MATERIALIZED (
  SELECT c.creator_id, c.followers - l.n AS followers
  FROM (SELECT creator_id, followers FROM creator_followers ORDER BY followers DESC, creator_id LIMIT :limit) c
  CROSS JOIN LATERAL (SELECT
    ((SELECT coalesce(sum(follows), 0) FROM creator_follows_daily WHERE creator_id = c.creator_id AND day >= (:later_day AT TIME ZONE 'UTC')::date)
    + (SELECT coalesce(sum(follows), 0) FROM creator_follows_hourly WHERE creator_id = c.creator_id AND hour >= :later_hour AND hour < :later_day)
    + (SELECT count(*) FROM follows WHERE followee_id = c.creator_id AND created_at >= :to AND created_at < :later_hour))::bigint AS n) l
),
rest AS MATERIALIZED (
  SELECT c.creator_id, c.followers - l.n AS followers
  FROM (SELECT creator_id, followers FROM creator_followers
        WHERE followers >= (SELECT greatest(min(followers), 1) FROM head)
        ORDER BY followers DESC, creator_id OFFSET :limit) c
  CROSS JOIN LATERAL (SELECT
    ((SELECT coalesce(sum(follows), 0) FROM creator_follows_daily WHERE creator_id = c.creator_id AND day >= (:later_day AT TIME ZONE 'UTC')::date)
    + (SELECT coalesce(sum(follows), 0) FROM creator_follows_hourly WHERE creator_id = c.creator_id AND hour >= :later_hour AND hour < :later_day)
    + (SELECT count(*) FROM follows WHERE followee_id = c.creator_id AND created_at >= :to AND created_at < :later_hour))::bigint AS n) l
),
top AS (
  SELECT creator_id, followers FROM (SELECT * FROM head UNION ALL SELECT * FROM rest) x
  WHERE followers > 0 ORDER BY followers DESC, creator_id LIMIT :limit
)
SELECT u.id AS "userId",
       u.username,
       t.followers::bigint AS followers,
       ((SELECT coalesce(sum(d.follows), 0) FROM creator_follows_daily d
         WHERE d.creator_id = t.creator_id AND d.day >= (:d_from AT TIME ZONE 'UTC')::date AND d.day < (:d_to AT TIME ZONE 'UTC')::date)
        + (SELECT coalesce(sum(h.follows), 0) FROM creator_follows_hourly h WHERE h.creator_id = t.creator_id AND h.hour >= :h1_from AND h.hour < :h1_to)
        + (SELECT coalesce(sum(h.follows), 0) FROM creator_follows_hourly h WHERE h.creator_id = t.creator_id AND h.hour >= :h2_from AND h.hour < :h2_to)
        + (SELECT count(*) FROM follows f WHERE f.followee_id = t.creator_id AND f.created_at >= :r1_from AND f.created_at < :r1_to)
        + (SELECT count(*) FROM follows f WHERE f.followee_id = t.creator_id AND f.created_at >= :r2_from AND f.created_at < :r2_to))::bigint AS "followerGrowth"
FROM top t
JOIN users u ON u.id = t.creator_id
ORDER BY t.followers DESC, u.id
